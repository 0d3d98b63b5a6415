//! Markdown: a page's body in, HTML out, with typed side outputs: the
//! table of contents, whether it holds highlighted code, the pages it links
//! to, the guides its embeds read, its word count, and the plain text of
//! each heading section.
//!
//! Per page: parse with pulldown-cmark (the options of
//! [`markdown_options`]); give every heading its id (found when the page
//! was read) and an anchor link; turn links to `.md` files into the final
//! URLs (an unknown page or anchor is an error at its file:line:col); give
//! root-relative links the base path; highlight fenced code through the
//! shared [`Highlighter`](super::highlight::Highlighter); hand
//! ```` ```verdict ```` blocks to [`embeds`](super::embeds). Raw HTML the
//! writer typed passes through, without its comments (writer notes, never
//! published). Pure: no I/O.

mod comments;
mod footnotes;
mod sections;
mod tables;

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use serde::Serialize;

pub use sections::SectionText;

use super::RenderCx;
use super::embeds::{self, EmbedOut};
use super::links::{Linked, href_for};
use crate::diag::{Code, Diagnostic, Diagnostics, line_col};
use crate::model::guides::GuideId;
use crate::model::index::LinkFrom;
use crate::model::page::Page;
use crate::source::headings::markdown_options;
use crate::source::links::LinkPlaces;
use crate::source::yaml::YamlDoc;
use crate::text::escape::escape_attr;
use crate::text::plain::html_text;
use footnotes::Footnotes;
use sections::Sections;
use tables::TableBox;

/// The fence info string that marks an embed.
pub(crate) const EMBED_LANG: &str = "verdict";

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
    /// Pages this one links to (their URLs or titles appear in it) and
    /// files beside the pages it links to.
    pub linked: Linked,
    /// Guides whose data the page's embeds show.
    pub guides: BTreeSet<GuideId>,
    /// Whether an embed used the site's only guide without naming it (the
    /// page then depends on which guides exist).
    pub unnamed_guide: bool,
    /// Theme templates the page's embeds rendered (`embeds/<kind>.html`).
    pub templates: BTreeSet<String>,
    /// Whether the page holds highlighted code (themes load the
    /// highlighting stylesheets only then).
    pub has_code: bool,
    pub word_count: usize,
    /// The plain text of each heading section, for the search index.
    pub sections: Vec<SectionText>,
}

/// Renders a page's Markdown for the page being written at `page.route`.
pub fn render(page: &Page, cx: &RenderCx) -> Result<Rendered, Diagnostics> {
    let body = page.source.body();
    let parser = Parser::new_ext(body, markdown_options());
    let places = LinkPlaces::new(&parser);
    let mut w = Writer {
        page,
        cx,
        body,
        places,
        errors: Diagnostics::default(),
        out: Rendered::default(),
        events: Vec::new(),
        heading_index: 0,
        heading: None,
        code: None,
        footnotes: Footnotes::default(),
        element_ids: page.anchors().iter().cloned().collect(),
        table: TableBox::default(),
        sections: Sections::default(),
        html_block: None,
    };
    for (event, range) in parser.into_offset_iter() {
        w.event(event, range);
    }
    let Writer {
        mut out,
        events,
        errors,
        sections,
        ..
    } = w;
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out.sections = sections.finish();
    errors.finish(out)
}

/// Tags inside a line of text: their edges do not separate words.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// A fenced block being collected: its language, text, where its text starts
/// and where its opening fence is (byte offsets in the body).
struct CodeBlock {
    lang: String,
    text: String,
    start: Option<usize>,
    fence: usize,
}

struct Writer<'a, 'e> {
    page: &'a Page,
    cx: &'a RenderCx<'a>,
    body: &'e str,
    places: LinkPlaces,
    errors: Diagnostics,
    out: Rendered,
    events: Vec<Event<'e>>,
    heading_index: usize,
    /// The open heading: its level, inner events and class attribute.
    heading: Option<(HeadingLevel, Vec<Event<'e>>, String)>,
    code: Option<CodeBlock>,
    footnotes: Footnotes,
    /// Ids used on the page so far: headings first, then what embeds add.
    element_ids: HashSet<String>,
    table: TableBox,
    sections: Sections,
    /// The raw HTML of the open HTML block, whose comments are removed when
    /// it ends (a comment may span several of its lines).
    html_block: Option<String>,
}

impl<'e> Writer<'_, 'e> {
    fn error_at(&self, code: Code, offset: usize, msg: String) -> Diagnostic {
        let src = &self.page.source;
        Diagnostic::at_offset(
            code,
            &src.file.path,
            &src.file.text,
            src.layout.body_start + offset,
            msg,
        )
    }

    fn event(&mut self, event: Event<'e>, range: Range<usize>) {
        if let Some(block) = self.code.as_mut() {
            match event {
                Event::Text(t) => {
                    block.start.get_or_insert(range.start);
                    block.text.push_str(&t);
                }
                Event::End(TagEnd::CodeBlock) => {
                    let block = self.code.take().expect("inside a code block");
                    self.code_block(block);
                }
                _ => {}
            }
            return;
        }
        let event = match event {
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some(String::new());
                Event::Start(Tag::HtmlBlock)
            }
            Event::Html(t) => match self.html_block.as_mut() {
                Some(block) => {
                    block.push_str(&t);
                    return;
                }
                None => Event::Html(comments::strip(&t).into_owned().into()),
            },
            Event::End(TagEnd::HtmlBlock) => {
                let block = self.html_block.take().unwrap_or_default();
                let html = comments::strip(&block);
                if !html.trim().is_empty() {
                    self.events.push(Event::Html(html.into_owned().into()));
                }
                Event::End(TagEnd::HtmlBlock)
            }
            Event::InlineHtml(t) if comments::is_comment(&t) => return,
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(CodeBlock {
                    lang,
                    text: String::new(),
                    start: None,
                    fence: range.start,
                });
                return;
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                Event::Start(self.link(tag, range))
            }
            Event::FootnoteReference(label) => Event::InlineHtml(
                self.footnotes
                    .reference(&label, &mut self.element_ids)
                    .into(),
            ),
            Event::Start(Tag::FootnoteDefinition(label)) => Event::Html(
                self.footnotes
                    .definition(&label, &mut self.element_ids)
                    .into(),
            ),
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            e => e,
        };
        if let Event::Text(t) = &event {
            self.out.word_count += t.split_whitespace().count();
        }
        match &event {
            Event::Text(t) | Event::Code(t) if self.heading.is_none() => {
                self.sections.push_text(t);
            }
            Event::Start(tag) if !is_inline(tag) => self.sections.gap(),
            Event::End(end) if !is_inline_end(end) => self.sections.gap(),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.sections.gap(),
            _ => {}
        }
        self.table.observe(&event, &mut self.events);
        let closes_table = matches!(event, Event::End(TagEnd::Table));
        match event {
            Event::Start(Tag::Heading { level, classes, .. }) => {
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape_attr(&classes.join(" ")))
                };
                self.heading = Some((level, vec![], class));
            }
            Event::End(TagEnd::Heading(_)) => self.heading_end(),
            e => match self.heading.as_mut() {
                Some((_, inner, _)) => inner.push(e),
                None => self.events.push(e),
            },
        }
        self.table.after(closes_table, &mut self.events);
    }

    /// A heading with its id and an anchor link; a table of contents entry.
    fn heading_end(&mut self) {
        let Some((level, inner, class)) = self.heading.take() else {
            return;
        };
        let id = self
            .page
            .anchors()
            .get(self.heading_index)
            .cloned()
            .unwrap_or_default();
        self.heading_index += 1;
        let text = plain_text(&inner);
        let id_attr = escape_attr(&id);
        self.events.push(Event::Html(
            format!("<{level} id=\"{id_attr}\"{class}>").into(),
        ));
        self.events.extend(inner);
        self.events.push(Event::Html(
            format!(
                " <a class=\"heading-anchor\" href=\"#{id_attr}\" aria-label=\"Link to this section: {}\">#</a></{level}>\n",
                escape_attr(&text)
            )
            .into(),
        ));
        self.sections.start(id.clone(), text.clone());
        self.out.toc.push(TocEntry {
            level: level as u8,
            id,
            title: text,
        });
    }

    /// A fenced block: an embed, or code to highlight.
    fn code_block(&mut self, block: CodeBlock) {
        if block.lang != EMBED_LANG {
            let html = self.cx.highlighter.highlight(&block.text, &block.lang);
            self.out.has_code |= !block.lang.is_empty();
            self.sections.gap();
            self.sections.push_text(&block.text);
            self.sections.gap();
            self.events.push(Event::Html(html.to_string().into()));
            return;
        }
        let src = &self.page.source;
        let base = src.layout.body_start;
        // The YAML's first line is the line after the opening fence.
        let first_line = line_col(&src.file.text, base + block.start.unwrap_or(block.fence)).line
            + usize::from(block.start.is_none());
        let doc = YamlDoc::embedded(&src.file.path, &src.file.text, &block.text, first_line);
        let mut out = EmbedOut {
            linked: &mut self.out.linked,
            guides: &mut self.out.guides,
            unnamed_guide: &mut self.out.unnamed_guide,
            ids: &mut self.element_ids,
            templates: &mut self.out.templates,
        };
        match embeds::render(&doc, self.page, self.cx, &mut out) {
            Ok(html) => {
                // What an embed shows (a verdict card, a table from the
                // guide's data) is searchable like the text around it.
                self.sections.gap();
                self.sections.push_text(&html_text(&html));
                self.sections.gap();
                self.events.push(Event::Html(html.into()));
            }
            Err(d) => self.errors.extend(d),
        }
    }

    /// A link or image with its destination checked and rewritten.
    fn link(&mut self, tag: Tag<'e>, range: Range<usize>) -> Tag<'e> {
        let (Tag::Link { dest_url, id, .. } | Tag::Image { dest_url, id, .. }) = &tag else {
            return tag;
        };
        // `<someone@example.com>`: written without `mailto:`, never a path.
        if matches!(
            tag,
            Tag::Link {
                link_type: LinkType::Email,
                ..
            }
        ) {
            return tag;
        }
        let from = LinkFrom {
            rel: self.page.rel(),
            page: Some(self.page.id),
        };
        let result = href_for(
            dest_url,
            from,
            &self.page.route,
            self.cx.site,
            &mut self.out.linked,
        );
        let dest = match result {
            Ok(d) => d,
            Err(m) => {
                // Checked when the model was assembled; kept for safety.
                let at = self.places.offset(self.body, id, dest_url, range);
                self.errors.push(self.error_at(Code::BrokenLink, at, m));
                dest_url.to_string()
            }
        };
        with_destination(tag, dest)
    }
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
