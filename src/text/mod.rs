//! Text helpers with no knowledge of sites: slugs, HTML escaping, dates for
//! readers, and the search tokenizer and stemmer.

pub mod date;
pub mod escape;
pub mod plain;
pub mod slug;
pub mod stem;
pub mod tokenize;
