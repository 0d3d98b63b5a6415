//! Derive: output files made from the whole site rather than from one page:
//! the static assets (theme files with hashed names, the site's `static/`,
//! the highlighting stylesheets, files beside pages), the alias redirects,
//! `sitemap.xml` and `robots.txt`. Each is an [`OutputFile`] that the engine
//! claims (one source per output file) before anything is written.

pub mod assets;
pub mod redirects;
pub mod sitemap;

use std::path::PathBuf;

use crate::model::site::Site;

/// Every file generated from the whole site, besides the pages, their alias
/// redirects (claimed with the pages) and the static assets. A new kind of
/// generated output (search index shards, chart data) is added here, and is
/// then claimed, written and kept up to date like the others.
pub(crate) fn generated(site: &Site) -> Vec<OutputFile> {
    let files = vec![sitemap::sitemap(site), sitemap::robots(site)];
    debug_assert!(files.iter().map(|f| f.path.as_str()).eq(GENERATED));
    files
}

/// The paths of [`generated`]'s files, known before the site is (links to
/// them are checked with the pages' links).
pub(crate) const GENERATED: [&str; 2] = [sitemap::SITEMAP, sitemap::ROBOTS];

/// A file to write, and where it comes from (for collision messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    /// Path inside the output (`sitemap.xml`, `css/main.1a2b3c4d5e.css`).
    pub path: String,
    pub body: Body,
    /// The source named when two files claim one path.
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Body {
    /// Shared: an index shard kept from the last build is the same
    /// allocation, so comparing it with what was written is a pointer
    /// check.
    Bytes(std::sync::Arc<[u8]>),
    /// A file on disk, copied as is.
    Copy(PathBuf),
}
pub mod search;
