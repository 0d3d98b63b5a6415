//! Links in a page's Markdown, checked when the model is assembled (with
//! the guides, so every broken link and every guide problem is reported in
//! one round), and where an error about one is placed.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::index::{LinkFrom, PageIndex};
use super::page::PageId;
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex};
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
pub(crate) fn check(page: &SourcePage, id: PageId, index: &PageIndex) -> Diagnostics {
    let body = page.body();
    let parser = Parser::new_ext(body, markdown_options());
    let places = LinkPlaces::new(&parser);
    let from = LinkFrom {
        rel: &page.file.rel,
        page: Some(id),
    };
    let mut errors = Diagnostics::default();
    let mut lines = None;
    for (event, range) in parser.into_offset_iter() {
        let (dest_url, id) = match event {
            // `<someone@example.com>`: written without `mailto:`, never a path.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => continue,
            Event::Start(Tag::Link { dest_url, id, .. })
            | Event::Start(Tag::Image { dest_url, id, .. }) => (dest_url, id),
            _ => continue,
        };
        if let Err(m) = index.resolve(&dest_url, from) {
            let at = places.offset(body, &id, &dest_url, range);
            let lines = lines.get_or_insert_with(|| LineIndex::new(&page.file.text));
            errors.push(Diagnostic::at_indexed(
                Code::BrokenLink,
                &page.file.path,
                lines,
                page.layout.body_start + at,
                m,
            ));
        }
    }
    errors
}
