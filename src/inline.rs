//! Inline Markdown for text fields of YAML data (verdict reasoning, table
//! cells, use-case explanations).
//!
//! In: a short text, where it is shown (a page route) and the site. Out:
//! HTML with emphasis, code and links, but no blocks and no raw HTML: HTML
//! written in YAML is escaped, so no string from YAML can run script. Links
//! are written relative to `content/` (`aspects/speed.md#the-gil`) and are
//! checked like links in pages.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::config::is_safe_url;
use crate::markdown::{LinkContext, rewrite};
use crate::site::{PageId, Site};
use crate::urls::Route;

/// Renders `text` for a page at `from`; `linked` collects pages linked to.
pub fn render(
    text: &str,
    from: &Route,
    site: &Site,
    linked: &mut BTreeSet<PageId>,
) -> Result<String, String> {
    let cx = LinkContext {
        // Links in data are relative to content/ itself.
        from_rel: "_index.md",
        from_route: from,
        anchors: &[],
    };
    let mut error = None;
    let events: Vec<Event> = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH)
        .filter_map(|event| match event {
            Event::Start(Tag::Paragraph) => None,
            Event::End(TagEnd::Paragraph) => Some(Event::SoftBreak),
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // YAML is data, not the writer's own HTML: no script URLs.
                if !is_safe_url(&dest_url) {
                    error.get_or_insert(format!(
                        "unsafe URL `{dest_url}`: links in data may use http, https, mailto or site paths"
                    ));
                    return None;
                }
                let dest = match rewrite(&dest_url, &cx, site, linked) {
                    Ok(d) => d,
                    Err(m) => {
                        error.get_or_insert(m);
                        dest_url.to_string()
                    }
                };
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }))
            }
            // Images, headings and lists have no place in a one-line field.
            Event::Start(Tag::Image { .. })
            | Event::Start(Tag::Heading { .. })
            | Event::Start(Tag::List(_)) => {
                error.get_or_insert(
                    "only inline Markdown (emphasis, code, links) is allowed here".to_string(),
                );
                None
            }
            e => Some(e),
        })
        .collect();
    if let Some(e) = error {
        return Err(e);
    }
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html.trim_end().to_string())
}
