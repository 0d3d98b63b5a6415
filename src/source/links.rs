//! Links in a page's Markdown, found when the page is read (so a change
//! parses only the pages it touched; the model checks them all against the
//! site), and where each destination is written.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::headings::markdown_options;

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

/// A link or image destination in a page, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    /// Byte offset of the destination in the page file's text.
    pub at: usize,
}

/// Every link and image destination of the Markdown `body` (which starts at
/// `body_start` in its file), in document order; e-mail autolinks
/// (`<someone@example.com>`) are not paths and are left out.
pub(crate) fn links(body: &str, body_start: usize) -> Vec<LinkRef> {
    let parser = Parser::new_ext(body, markdown_options());
    let places = LinkPlaces::new(&parser);
    let mut out = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        let (dest_url, id) = match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => continue,
            Event::Start(Tag::Link { dest_url, id, .. })
            | Event::Start(Tag::Image { dest_url, id, .. }) => (dest_url, id),
            _ => continue,
        };
        let at = body_start + places.offset(body, &id, &dest_url, range);
        out.push(LinkRef {
            dest: dest_url.into_string(),
            at,
        });
    }
    out
}
