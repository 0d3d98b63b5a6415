//! Headings: the ids of a page's headings, found when the page is read (so
//! links from any page can be checked before any page renders), and the
//! Markdown options every parse of a page uses.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::text::slug::slugify;

/// The Markdown extensions pages are written with. Every parse of a page's
/// body uses these, so the ids found here are the ids rendering gives.
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
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
/// `text` is the page file's text, `body_start` where its Markdown begins
/// (after the front matter); problems are placed in the file at `path`.
/// `reserved` holds ids the theme's templates use (`main`): an automatic id
/// never takes one, and a heading that names one is an error.
pub(crate) fn anchors(
    path: &Path,
    text: &str,
    body_start: usize,
    reserved: &[String],
) -> Result<Vec<String>, Diagnostics> {
    let body = &text[body_start..];
    let mut errors = Diagnostics::default();
    let mut headings: Vec<(Option<String>, String, usize)> = Vec::new();
    let mut open = false;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
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
    for id in reserved {
        ids.used.insert(id.clone());
    }
    for (explicit, _, start) in &headings {
        if let Some(id) = explicit
            && reserved.contains(id)
        {
            errors.push(Diagnostic::at_offset(
                Code::DuplicateId,
                path,
                text,
                body_start + start,
                format!("heading id `{id}` is used by the theme's templates; choose another"),
            ));
        } else if let Some(id) = explicit
            && !ids.explicit(id)
        {
            errors.push(Diagnostic::at_offset(
                Code::DuplicateId,
                path,
                text,
                body_start + start,
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

#[cfg(test)]
mod tests {
    use super::*;

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
