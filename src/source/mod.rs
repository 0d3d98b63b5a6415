//! Source: everything read from disk, parsed but not yet related to
//! anything else. Settings (`site.yaml`), content (pages with front matter,
//! data files, guide files kept as text, files beside pages), and themes.
//! The only layer above `output/` that touches the file system.

pub mod content;
pub mod frontmatter;
pub mod headings;
pub mod read;
pub mod settings;
pub mod theme;
pub mod yaml;
