//! verdict: a static site generator for technology decision guides.
//!
//! The code is layered; each layer imports only the ones listed before it
//! (ARCHITECTURE.md draws the whole picture, and `tests/architecture.rs`
//! keeps it true):
//!
//! - [`text`]: slugs and HTML escaping.
//! - [`diag`]: problems as values with places, rendered for a terminal or HTML.
//! - [`url`]: routes, the one URL builder, link classification, URL safety.
//! - [`output`]: sinks for finished files (staging folder, memory).
//! - [`source`]: reading settings, content, data and themes from disk.
//! - [`model`]: the validated site: pages, routes, the page index, guides.
//! - [`render`]: Markdown, highlighting, templates, embeds; pure functions.
//! - [`derive`]: files made from the whole site (assets, sitemap, redirects).
//! - [`engine`]: the long-lived [`engine::Project`]: load once, build, apply changes.
//! - [`cmd`]: the subcommands `main.rs` runs.

pub mod cmd;
pub mod derive;
pub mod diag;
pub mod engine;
pub mod model;
pub mod output;
pub mod render;
pub mod source;
pub mod text;
pub mod url;
