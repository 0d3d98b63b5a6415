//! verdict: a static site generator for technology decision guides.
//!
//! The pipeline (see ARCHITECTURE.md): [`config`] reads site settings,
//! [`content`] loads pages and data, [`theme`] and [`templates`] prepare the
//! theme, [`site`] assembles the validated model, [`render`] (with
//! [`markdown`] and [`highlight`]) turns each page into HTML, and [`output`]
//! writes it all or nothing. [`build`] runs these stages in order.

pub mod assets;
pub mod build;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod embeds;
pub mod frontmatter;
pub mod guides;
pub mod highlight;
pub mod html;
pub mod init;
pub mod inline;
pub mod markdown;
pub mod output;
pub mod render;
pub mod site;
pub mod slug;
pub mod templates;
pub mod theme;
pub mod urls;
pub mod yaml;
