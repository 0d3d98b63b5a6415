//! The model: the validated site. Pages with routes and their place in the
//! tree, the [`index::PageIndex`] links are checked against (with every
//! [`site_paths`] of the build), inline Markdown
//! rules for YAML text, the navigation, the output claims, and the typed
//! [`guides`]. Pure: no I/O, no HTML.

pub mod guides;
pub mod index;
pub mod inline;
pub mod links;
pub mod outputs;
pub mod page;
pub mod routes;
pub mod site;
pub mod site_paths;
