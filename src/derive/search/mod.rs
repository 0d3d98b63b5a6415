//! The search index: the plain text of every indexed page's sections → term
//! shards, text shards, answers and a directory, all classic scripts under
//! `search/` (docs/search.md is the format). Pure: the engine hands in the
//! pages' sections as last rendered and writes the files.

mod analyse;
mod answers;
mod dictionary;
mod fxhash;
mod postings;
mod shards;
mod terms;

#[cfg(test)]
use std::collections::BTreeMap;

pub(crate) use answers::{Answer, answers};

use super::OutputFile;
use crate::render::markdown::SectionText;
#[cfg(test)]
use dictionary::{Dictionary, js_order};
#[cfg(test)]
use postings::Posting;
pub(crate) use terms::TermCache;

/// The folder of the index files and of the results page.
pub(crate) const FOLDER: &str = "search/";
/// The directory, the one index file whose name never changes.
pub(crate) use crate::render::page::SEARCH_DIRECTORY as DIRECTORY;

/// A page to index.
pub(crate) struct SearchPage<'a> {
    /// Names the page in the [`TermCache`] (its path under `content/`).
    pub key: &'a str,
    /// Relative to the site root, as links to it are written.
    pub url: String,
    pub title: &'a str,
    /// The page's own description ("" when it has none).
    pub description: &'a str,
    pub sections: &'a [SectionText],
}

/// The index files for `pages` (in a stable order: page numbers are
/// positions in it) and `answers`. `cache` keeps the pages' analysed terms
/// for the next index of the same project (a fresh one for a one-off).
pub(crate) fn index(
    pages: &[SearchPage],
    answers: &[Answer],
    cache: &mut TermCache,
) -> Vec<OutputFile> {
    cache.update(pages);
    let mut dict = std::mem::take(&mut cache.dict);
    let changed = dict.update(pages, cache);
    let mut term_shards = std::mem::take(&mut cache.term_shards);
    let mut files = Vec::new();
    let terms = shards::term_shards(&dict, cache, &changed, &mut term_shards, &mut files);
    let sections = dict.sections();
    cache.dict = dict;
    cache.term_shards = term_shards;
    let (text, per) = shards::text_shards(pages, &mut files, &mut cache.text);
    let answers = shards::answers_file(answers, &mut files);
    files.push(shards::directory(&shards::Directory {
        v: 1,
        sections,
        pages: pages.len(),
        terms,
        text,
        per,
        answers,
    }));
    files
}

/// For tests: the decoded postings of a key, exact and stemmed.
#[cfg(test)]
pub(crate) type Decoded = BTreeMap<String, (Vec<Posting>, Vec<Posting>)>;

#[cfg(test)]
mod tests {
    use super::*;

    fn section(anchor: &str, title: &str, text: &str) -> SectionText {
        SectionText {
            anchor: (!anchor.is_empty()).then(|| anchor.to_string()),
            title: title.into(),
            text: text.into(),
        }
    }

    fn decoded(dict: &Dictionary, cache: &TermCache) -> Decoded {
        (0..dict.sorted().len())
            .map(|i| {
                let k = dict.key(cache, i);
                (
                    k.key.to_string(),
                    (postings::decode(k.exact), postings::decode(k.stem)),
                )
            })
            .collect()
    }

    #[test]
    fn keys_sort_as_javascript_strings() {
        let mut keys = vec!["b", "a", "\u{FF21}", "\u{10400}", "ab", "é", "\u{E000}x"];
        keys.sort_unstable_by(|a, b| js_order(a, b));
        let mut want = keys.clone();
        want.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(keys, want);
        // U+10400 is a surrogate pair (0xD801 …), before U+E000 and U+FF21.
        assert_eq!(keys[5..], ["\u{E000}x", "\u{FF21}"]);
    }

    #[test]
    fn keys_hold_surface_terms_and_stems() {
        let a = [
            section("", "", "running fast"),
            section("gil", "The GIL", "a lock"),
        ];
        let b = [section("", "", "she runs")];
        let pages = [
            SearchPage {
                key: "a.md",
                url: "a/".into(),
                title: "Speed",
                description: "",
                sections: &a,
            },
            SearchPage {
                key: "b.md",
                url: "b/".into(),
                title: "Other",
                description: "",
                sections: &b,
            },
        ];
        let mut cache = TermCache::default();
        cache.update(&pages);
        let mut dict = Dictionary::default();
        dict.update(&pages, &mut cache);
        let keys: Vec<&str> = dict.sorted().iter().map(|&k| cache.name(k)).collect();
        assert!(keys.windows(2).all(|w| js_order(w[0], w[1]).is_lt()));
        let d = decoded(&dict, &cache);
        // "gil" is in section 1's heading of page 0.
        assert_eq!(d["gil"].0.len(), 1);
        assert_eq!((d["gil"].0[0].page, d["gil"].0[0].section), (0, 1));
        // The title counts for the first section.
        assert_eq!((d["speed"].0[0].page, d["speed"].0[0].section), (0, 0));
        assert!(d["speed"].0[0].weight >= 34);
    }

    #[test]
    fn an_index_has_a_directory_and_its_shards() {
        let a = [section("", "", "Node.js and Python compared")];
        let pages = [SearchPage {
            key: "a.md",
            url: "a/".into(),
            title: "A <b>page</b>",
            description: "",
            sections: &a,
        }];
        let files = index(&pages, &[], &mut TermCache::default());
        let dir = files.iter().find(|f| f.path == DIRECTORY).unwrap();
        let super::super::Body::Bytes(b) = &dir.body else {
            panic!()
        };
        let text = String::from_utf8(b.to_vec()).unwrap();
        assert!(text.starts_with("verdictSearch.dir("), "{text}");
        assert!(text.contains(r#""text":{"count":1,"tag":""#), "{text}");
        assert!(files.iter().any(|f| f.path == "search/x0.js"));
        for f in &files {
            assert!(f.path.starts_with(FOLDER), "{}", f.path);
            let name = &f.path[FOLDER.len()..];
            if f.path != DIRECTORY && !name.starts_with(['x', 't']) {
                assert!(text.contains(name), "{} not in {text}", f.path);
            }
        }
    }
}
