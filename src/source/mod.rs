//! Source: everything read from disk, parsed but not yet related to
//! anything else. Settings (`site.yaml`), content (pages with front matter,
//! data files, guide files kept as text, files beside pages), themes and the
//! site's `static/` folder. The only layer that reads the site's files
//! (`output/` writes the built ones; files are copied by path).

pub mod content;
pub mod frontmatter;
pub mod headings;
pub mod links;
pub mod read;
pub mod settings;
pub mod statics;
pub mod theme;
pub mod yaml;
