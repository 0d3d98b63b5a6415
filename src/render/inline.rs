//! Inline Markdown from YAML text fields, as HTML for one page: the events
//! [`crate::model::inline::parse`] allows, with links made into hrefs for
//! the page being written.

use super::links::{Linked, href_for};
use crate::model::index::LinkFrom;
use crate::model::inline;
use crate::model::site::Site;
use crate::url::Route;

/// Renders `text` for the page at `from`; `linked` collects what it links to.
pub(crate) fn render(
    text: &str,
    from: &Route,
    site: &Site,
    linked: &mut Linked,
) -> Result<String, String> {
    let events = inline::parse(text, |dest| {
        href_for(dest, LinkFrom::DATA, from, site, linked)
    })
    .map_err(|e| e.message)?;
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html.trim_end().to_string())
}
