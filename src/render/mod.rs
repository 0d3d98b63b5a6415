//! Render: pure functions from the model to HTML. Markdown (with its side
//! outputs), inline Markdown from YAML, highlighting behind a cache, Tera
//! templates, the views templates receive, and embeds (drawn by the
//! theme's `templates/embeds/*.html`). Nothing here reads or writes files.

pub mod chart;
pub mod embeds;
pub mod highlight;
pub mod inline;
pub mod links;
pub mod markdown;
pub mod page;
pub mod templates;
pub mod views;

use highlight::Highlighter;
use templates::Templates;

use crate::model::site::Site;

/// What rendering a page reads: the model, the compiled templates and the
/// shared highlighter.
pub struct RenderCx<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub highlighter: &'a Highlighter,
}
