//! Markdown: a page's body in, HTML out, with heading ids, a table of
//! contents, highlighted code, and links checked and rewritten.
//!
//! Steps, per page: parse with pulldown-cmark (tables, footnotes,
//! strikethrough, task lists, heading attributes); give every heading a
//! unique, stable id and an anchor link; turn links to `.md` files into the
//! final URLs (an unknown page or anchor is an error at its file:line:col);
//! give root-relative links the base path; highlight fenced code. Raw HTML
//! the writer typed passes through. Pure: no I/O.

use std::collections::{BTreeSet, HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::SourcePage;
use crate::diagnostics::{Diagnostic, Diagnostics, suggestion};
use crate::embeds;
use crate::highlight;
use crate::html::escape_attr;
use crate::site::{Page, PageId, Site};
use crate::slug::slugify;
use crate::urls::{Route, split_fragment};
use crate::yaml::YamlDoc;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Pages this one links to (their URLs appear in it).
    pub linked: BTreeSet<PageId>,
    pub word_count: usize,
}

/// Gives headings unique ids: explicit `{#id}` as written, others the slug of
/// their text, with `-1`, `-2`… added on repeats.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    /// The next suffix to try for each base id, so many repeats stay linear.
    next: HashMap<String, usize>,
}

impl HeadingIds {
    fn explicit(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }
    fn auto(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// Heading ids of a page, in order, without rendering it.
pub fn collect_anchors(page: &SourcePage) -> Result<Vec<String>, Diagnostics> {
    let body = page.body();
    let mut errors = Diagnostics::default();
    let mut headings: Vec<(Option<String>, String, usize)> = Vec::new();
    let mut open = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                headings.push((id.map(|s| s.to_string()), String::new(), range.start));
                open = true;
            }
            Event::Text(t) | Event::Code(t) if open => {
                if let Some((_, text, _)) = headings.last_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if open => {
                if let Some((_, text, _)) = headings.last_mut() {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => open = false,
            _ => {}
        }
    }
    // Explicit ids are reserved first, so an automatic id never takes one.
    let mut ids = HeadingIds::default();
    for (explicit, _, start) in &headings {
        if let Some(id) = explicit
            && !ids.explicit(id)
        {
            errors.push(Diagnostic::at_offset(
                &page.file.path,
                &page.file.text,
                page.layout.body_start + start,
                format!("heading id `{id}` is used twice on this page"),
            ));
        }
    }
    let out = headings
        .into_iter()
        .map(|(explicit, text, _)| explicit.unwrap_or_else(|| ids.auto(&text)))
        .collect();
    errors.finish(out)
}

/// What a link destination written in Markdown refers to.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// Has a scheme (`https:`, `mailto:`) or is protocol-relative: untouched.
    External,
    /// `#anchor` on the same page.
    Fragment(String),
    /// `/about/`: a site path, given the base path.
    Root {
        path: String,
        fragment: Option<String>,
    },
    /// `../speed.md#x`: another page, as a path relative to `content/`.
    Page {
        rel: String,
        fragment: Option<String>,
    },
    /// `diagram.png`: a file beside the page, relative to `content/`.
    File { rel: String },
    /// A relative path that climbs out of `content/`.
    Outside,
}

/// Decodes `%20`-style escapes (a writer may link `My%20Chart.svg`).
/// Invalid escapes and non-UTF-8 results are kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Classifies `dest` written in the page at `from_rel` (relative to `content/`).
pub fn classify(dest: &str, from_rel: &str) -> LinkKind {
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme || dest.starts_with("//") {
        return LinkKind::External;
    }
    let (path, fragment) = split_fragment(dest);
    let fragment = fragment.map(str::to_owned);
    if path.is_empty() {
        return LinkKind::Fragment(fragment.unwrap_or_default());
    }
    if path.starts_with('/') {
        return LinkKind::Root {
            path: path.to_string(),
            fragment,
        };
    }
    let decoded = percent_decode(path.split('?').next().unwrap_or(path));
    let path = decoded.as_str();
    let mut parts: Vec<&str> = from_rel.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return LinkKind::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    let rel = parts.join("/");
    if rel.ends_with(".md") {
        LinkKind::Page { rel, fragment }
    } else {
        LinkKind::File { rel }
    }
}

/// Renders a page's Markdown for the page being written at `page.route`.
pub fn render(page: &Page, site: &Site) -> Result<Rendered, Diagnostics> {
    let src = &page.source;
    let body = src.body();
    let base = src.layout.body_start;
    let mut errors = Diagnostics::default();
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading_index = 0usize;
    let mut heading: Option<(HeadingLevel, Vec<Event>, String)> = None;
    let mut code: Option<CodeBlock> = None;
    let mut footnotes = Footnotes::default();
    // Ids used on the page so far: headings first, then what embeds add.
    let mut element_ids: HashSet<String> = page.anchors.iter().cloned().collect();
    // Where the open table's wrapper goes, its label so far, and whether the
    // header row is still being read.
    let mut table: Option<(usize, String, bool)> = None;

    let cx = LinkContext::for_page(page);
    let error_at = |offset: usize, msg: String| {
        Diagnostic::at_offset(&src.file.path, &src.file.text, base + offset, msg)
    };

    let parser = Parser::new_ext(body, options());
    let reference_spans: HashMap<String, std::ops::Range<usize>> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), def.span.clone()))
        .collect();
    for (event, range) in parser.into_offset_iter() {
        if let Some(block) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    block.start.get_or_insert(range.start);
                    block.text.push_str(&t);
                }
                Event::End(TagEnd::CodeBlock) => {
                    let block = code.take().expect("inside a code block");
                    if block.lang == EMBED_LANG {
                        // The YAML's first line is the line after the opening fence.
                        let first_line = crate::diagnostics::line_col(
                            &src.file.text,
                            base + block.start.unwrap_or(block.fence),
                        )
                        .line
                            + usize::from(block.start.is_none());
                        let doc = YamlDoc::embedded(
                            &src.file.path,
                            &src.file.text,
                            &block.text,
                            first_line,
                        );
                        match embeds::render(&doc, page, site, &mut out.linked, &mut element_ids) {
                            Ok(html) => events.push(Event::Html(html.into())),
                            Err(d) => errors.push(d),
                        }
                    } else {
                        events.push(Event::Html(
                            highlight::highlight(&block.text, &block.lang).into(),
                        ));
                    }
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some(CodeBlock {
                    lang,
                    text: String::new(),
                    start: None,
                    fence: range.start,
                });
                continue;
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let (Tag::Link { dest_url, id, .. } | Tag::Image { dest_url, id, .. }) = &tag
                else {
                    unreachable!("matched a link or an image")
                };
                let dest = rewrite(dest_url, &cx, site, &mut out.linked).unwrap_or_else(|m| {
                    // A reference link's destination is written at its
                    // definition (`[label]: url`), so the error goes there.
                    let span = reference_spans
                        .get(&id.to_lowercase())
                        .cloned()
                        .unwrap_or(range.clone());
                    let at = body[span.clone()]
                        .find(dest_url.as_ref())
                        .map_or(span.start, |i| span.start + i);
                    errors.push(error_at(at, m));
                    dest_url.to_string()
                });
                Event::Start(with_destination(tag, dest))
            }
            Event::FootnoteReference(label) => {
                let (n, first) = footnotes.number(&label);
                let id = footnote_id(&label);
                let back = if first {
                    format!(" id=\"ref-{id}\"")
                } else {
                    String::new()
                };
                Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\"{back}><a href=\"#{id}\">{n}</a></sup>"
                    )
                    .into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let (n, _) = footnotes.number(&label);
                Event::Html(
                    format!(
                        "<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{n}</sup>\n",
                        footnote_id(&label)
                    )
                    .into(),
                )
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            e => e,
        };
        if let Event::Text(t) = &event {
            out.word_count += t.split_whitespace().count();
        }
        // Tables scroll in a focusable box of their own, named after their
        // header cells, instead of widening the page.
        match &event {
            Event::Start(Tag::Table(_)) => {
                table = Some((events.len(), String::new(), true));
                events.push(Event::Html("".into()));
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((at, label, in_head)) = table.as_mut() {
                    *in_head = false;
                    events[*at] = Event::Html(
                        format!(
                            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: {}\">\n",
                            escape_attr(label.trim_end_matches(", "))
                        )
                        .into(),
                    );
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((_, label, true)) = table.as_mut() {
                    label.push_str(", ");
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, label, true)) = table.as_mut() {
                    label.push_str(t);
                }
            }
            _ => {}
        }
        let closes_table = matches!(event, Event::End(TagEnd::Table));
        match event {
            Event::Start(Tag::Heading { level, classes, .. }) => {
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape_attr(&classes.join(" ")))
                };
                heading = Some((level, vec![], class));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner, class)) = heading.take() {
                    let id = page.anchors.get(heading_index).cloned().unwrap_or_default();
                    heading_index += 1;
                    let text = plain_text(&inner);
                    let id_attr = escape_attr(&id);
                    events.push(Event::Html(
                        format!("<{level} id=\"{id_attr}\"{class}>").into(),
                    ));
                    events.extend(inner);
                    events.push(Event::Html(
                        format!(
                            " <a class=\"heading-anchor\" href=\"#{id_attr}\" aria-label=\"Link to this section: {}\">#</a></{level}>\n",
                            escape_attr(&text)
                        )
                        .into(),
                    ));
                    out.toc.push(TocEntry {
                        level: level as u8,
                        id,
                        title: text,
                    });
                }
            }
            e => match heading.as_mut() {
                Some((_, inner, _)) => inner.push(e),
                None => events.push(e),
            },
        }
        if closes_table {
            events.push(Event::Html("</div>\n".into()));
            table = None;
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    errors.finish(out)
}

/// A link or image tag with a new destination; an autolink or reference
/// link becomes an inline one (its text is unchanged).
fn with_destination(tag: Tag<'_>, dest: String) -> Tag<'_> {
    match tag {
        Tag::Link {
            link_type,
            title,
            id,
            ..
        } => Tag::Link {
            link_type: if link_type == LinkType::Email {
                link_type
            } else {
                LinkType::Inline
            },
            dest_url: dest.into(),
            title,
            id,
        },
        Tag::Image {
            link_type,
            title,
            id,
            ..
        } => Tag::Image {
            link_type,
            dest_url: dest.into(),
            title,
            id,
        },
        other => other,
    }
}

/// Footnotes are numbered in order of first appearance. Their ids carry a
/// prefix (`fn-`) so they never collide with heading ids.
#[derive(Default)]
struct Footnotes {
    numbers: HashMap<String, usize>,
}

impl Footnotes {
    /// The label's number, and whether this is its first appearance.
    fn number(&mut self, label: &str) -> (usize, bool) {
        let next = self.numbers.len() + 1;
        match self.numbers.get(label) {
            Some(&n) => (n, false),
            None => {
                self.numbers.insert(label.to_string(), next);
                (next, true)
            }
        }
    }
}

fn footnote_id(label: &str) -> String {
    let slug = slugify(label);
    format!("fn-{}", if slug.is_empty() { "note" } else { &slug })
}

/// The fence info string that marks an embed.
pub const EMBED_LANG: &str = "verdict";

/// A fenced block being collected: its language, text, where its text starts
/// and where its opening fence is (byte offsets in the body).
struct CodeBlock {
    lang: String,
    text: String,
    start: Option<usize>,
    fence: usize,
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Where a link is written: the source file's path under `content/` (links
/// are relative to it), the route of the page being rendered (hrefs are made
/// for it) and the anchors a bare `#fragment` may name.
pub struct LinkContext<'a> {
    pub from_rel: &'a str,
    pub from_route: &'a Route,
    pub anchors: &'a [String],
}

impl<'a> LinkContext<'a> {
    pub fn for_page(page: &'a Page) -> Self {
        LinkContext {
            from_rel: &page.source.file.rel,
            from_route: &page.route,
            anchors: &page.anchors,
        }
    }
}

/// The href to write for `dest`, or a message saying why it is broken.
/// Pages linked to are added to `linked`.
pub fn rewrite(
    dest: &str,
    cx: &LinkContext,
    site: &Site,
    linked: &mut BTreeSet<PageId>,
) -> Result<String, String> {
    let urls = &site.urls;
    match classify(dest, cx.from_rel) {
        LinkKind::External => Ok(dest.to_string()),
        LinkKind::Fragment(f) => {
            if f.is_empty() || cx.anchors.contains(&f) {
                Ok(dest.to_string())
            } else {
                Err(format!(
                    "no heading with id `{f}` on this page{}",
                    suggest(&f, cx.anchors)
                ))
            }
        }
        LinkKind::Root { path, fragment } => {
            Ok(urls.href(cx.from_route, &Route::site_path(&path), fragment.as_deref()))
        }
        LinkKind::Page { rel, fragment } => {
            let id = site
                .find_page(&rel)
                .map_err(|m| format!("links to `{dest}`, but {m}"))?;
            let target = &site.pages[id];
            if let Some(f) = &fragment
                && !f.is_empty()
                && !target.anchors.contains(f)
            {
                return Err(format!(
                    "links to `{dest}`, but `{rel}` has no heading with id `{f}`{}",
                    suggest(f, &target.anchors)
                ));
            }
            linked.insert(id);
            Ok(urls.href(
                cx.from_route,
                &target.route,
                fragment.as_deref().filter(|f| !f.is_empty()),
            ))
        }
        LinkKind::File { rel } => {
            if site.assets.iter().any(|a| a.rel == rel) {
                Ok(urls.href(cx.from_route, &Route::file(&rel), None))
            } else {
                Err(format!(
                    "links to `{dest}`, but there is no file `content/{rel}`"
                ))
            }
        }
        LinkKind::Outside => Err(format!("`{dest}` points outside content/")),
    }
}

fn suggest(word: &str, candidates: &[String]) -> String {
    suggestion(word, candidates.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_links() {
        assert_eq!(classify("https://x.org/a", "a.md"), LinkKind::External);
        assert_eq!(classify("mailto:a@b.c", "a.md"), LinkKind::External);
        assert_eq!(classify("//cdn.x/a.js", "a.md"), LinkKind::External);
        assert_eq!(classify("#top", "a.md"), LinkKind::Fragment("top".into()));
        assert_eq!(
            classify("/about/#team", "x/a.md"),
            LinkKind::Root {
                path: "/about/".into(),
                fragment: Some("team".into())
            }
        );
        assert_eq!(
            classify("speed.md#gil", "aspects/scalability.md"),
            LinkKind::Page {
                rel: "aspects/speed.md".into(),
                fragment: Some("gil".into())
            }
        );
        assert_eq!(
            classify("../about.md", "aspects/speed.md"),
            LinkKind::Page {
                rel: "about.md".into(),
                fragment: None
            }
        );
        assert_eq!(
            classify("./img/a.png", "aspects/speed.md"),
            LinkKind::File {
                rel: "aspects/img/a.png".into()
            }
        );
        assert_eq!(
            classify("../../x.md", "aspects/speed.md"),
            LinkKind::Outside
        );
    }

    #[test]
    fn percent_escapes_in_paths_are_decoded() {
        assert_eq!(
            classify("My%20Chart.svg", "a/b.md"),
            LinkKind::File {
                rel: "a/My Chart.svg".into()
            }
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("50%2"), "50%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "%FF");
    }

    #[test]
    fn repeated_headings_stay_linear_and_skip_explicit_ids() {
        let mut ids = HeadingIds::default();
        assert!(ids.explicit("dup-1"));
        assert_eq!(ids.auto("dup"), "dup");
        assert_eq!(ids.auto("dup"), "dup-2");
        for _ in 0..10_000 {
            ids.auto("x");
        }
        assert_eq!(ids.auto("x"), "x-10000");
    }

    #[test]
    fn heading_ids_are_unique_and_stable() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.auto("Node.js"), "node-js");
        assert_eq!(ids.auto("Node.js"), "node-js-1");
        assert_eq!(ids.auto("Node.js"), "node-js-2");
        assert_eq!(ids.auto("!!!"), "section");
        assert!(ids.explicit("custom"));
        assert!(!ids.explicit("custom"));
    }
}
