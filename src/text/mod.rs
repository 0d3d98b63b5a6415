//! Text helpers with no knowledge of sites: slugs and HTML escaping.

pub mod escape;
pub mod plain;
pub mod slug;
pub mod tokenize;
