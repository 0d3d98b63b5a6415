//! Links in a page's Markdown, checked when the model is assembled (with
//! the guides, so every broken link and every guide problem is reported in
//! one round), and where an error about one is placed.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::index::{LinkFrom, PageIndex};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::content::SourcePage;
use crate::source::headings::markdown_options;

/// Where a link's destination is written in a page's body: a reference
/// link's (`[text][label]`) at its definition (`[label]: url`), any other
/// in the link itself.
pub(crate) struct LinkPlaces {
    definitions: HashMap<String, Range<usize>>,
}

impl LinkPlaces {
    pub(crate) fn new(parser: &Parser) -> Self {
        let definitions = parser
            .reference_definitions()
            .iter()
            .map(|(label, def)| (label.to_lowercase(), def.span.clone()))
            .collect();
        LinkPlaces { definitions }
    }

    /// The byte offset in `body` of `dest`, for the link with reference
    /// label `id` (empty for inline links) parsed at `range`.
    pub(crate) fn offset(&self, body: &str, id: &str, dest: &str, range: Range<usize>) -> usize {
        let span = self
            .definitions
            .get(&id.to_lowercase())
            .cloned()
            .unwrap_or(range);
        body.get(span.clone())
            .and_then(|s| s.find(dest))
            .map_or(span.start, |i| span.start + i)
    }
}

/// Every broken link and image of `page`, each at its file:line:col.
pub(crate) fn check(page: &SourcePage, index: &PageIndex) -> Diagnostics {
    let body = page.body();
    let parser = Parser::new_ext(body, markdown_options());
    let places = LinkPlaces::new(&parser);
    let from = LinkFrom {
        rel: &page.file.rel,
        anchors: &page.anchors,
    };
    let mut errors = Diagnostics::default();
    for (event, range) in parser.into_offset_iter() {
        let (Event::Start(Tag::Link { dest_url, id, .. })
        | Event::Start(Tag::Image { dest_url, id, .. })) = event
        else {
            continue;
        };
        if let Err(m) = index.resolve(&dest_url, from) {
            let at = places.offset(body, &id, &dest_url, range);
            errors.push(Diagnostic::at_offset(
                Code::BrokenLink,
                &page.file.path,
                &page.file.text,
                page.layout.body_start + at,
                m,
            ));
        }
    }
    errors
}
