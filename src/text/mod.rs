//! Text helpers with no knowledge of sites: slugs, HTML escaping, and the
//! search tokenizer and stemmer.

pub mod escape;
pub mod plain;
pub mod slug;
pub mod stem;
pub mod tokenize;
