//! The search index: the plain text of every indexed page's sections → term
//! shards, text shards, answers and a directory, all classic scripts under
//! `search/` (docs/search.md is the format). Pure: the engine hands in the
//! pages' sections as last rendered and writes the files.

mod analyse;
mod answers;
mod fxhash;
mod postings;
mod shards;
mod terms;

#[cfg(test)]
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

pub(crate) use answers::{Answer, answers};

use super::OutputFile;
use crate::render::markdown::SectionText;
use fxhash::FxMap;
use postings::{Occurrence, Posting, encode, union, weight};
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
    let mut encoded = std::mem::take(&mut cache.encoded);
    let dict = Dictionary::collect(pages, cache);
    let keys = dict.keys(&mut encoded, page_order(pages));
    let sections = dict.sections;
    drop(dict);
    cache.encoded = encoded;
    let mut files = Vec::new();
    let terms = shards::term_shards(&keys, &mut files);
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

/// A key of the dictionary: its exact postings and its stem postings, both
/// encoded ("" when absent, or when the same as the exact ones), and the
/// keys (positions in the sorted dictionary) whose stem it is, when they are
/// not just itself.
pub(crate) struct Key {
    pub key: String,
    pub exact: Arc<str>,
    pub stem: Arc<str>,
    pub variants: Vec<usize>,
}

/// A hash of the pages' keys in order: their page numbers.
fn page_order(pages: &[SearchPage]) -> u64 {
    let mut h = fxhash::FxHasher::default();
    for p in pages {
        p.key.hash(&mut h);
    }
    h.finish()
}

/// A term in a section, before weights (which need every section's length).
#[derive(Clone, Copy)]
struct Hit {
    page: u32,
    section: u32,
    occ: Occurrence,
}

/// Every term's hits (by term number, in page and section order), and every
/// section's length.
struct Dictionary<'a> {
    cache: &'a TermCache,
    hits: Vec<Vec<Hit>>,
    lens: Vec<&'a [u32]>,
    sections: usize,
    avglen: f64,
}

impl<'a> Dictionary<'a> {
    fn collect(pages: &[SearchPage], cache: &'a TermCache) -> Dictionary<'a> {
        let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); cache.len()];
        let mut lens = Vec::with_capacity(pages.len());
        for (page, p) in pages.iter().enumerate() {
            let terms = cache.page(p.key);
            for &(term, section, occ) in &terms.terms {
                hits[term as usize].push(Hit {
                    page: page as u32,
                    section,
                    occ,
                });
            }
            lens.push(terms.lens.as_slice());
        }
        let sections: usize = lens.iter().map(|l| l.len()).sum();
        let total: u64 = lens.iter().copied().flatten().map(|&l| u64::from(l)).sum();
        Dictionary {
            cache,
            hits,
            lens,
            sections,
            // Whole tokens: a change that moves the average by less than
            // half a token leaves every other term's weights, and so its
            // encoded postings, as they were.
            avglen: (total as f64 / sections.max(1) as f64).round().max(1.0),
        }
    }

    fn postings(&self, hits: &[Hit]) -> Vec<Posting> {
        hits.iter()
            .map(|h| Posting {
                page: h.page,
                section: h.section,
                weight: weight(
                    h.occ,
                    self.lens[h.page as usize][h.section as usize],
                    self.avglen,
                ),
            })
            .collect()
    }

    /// Every surface term and every stem, sorted by UTF-16 code units.
    /// Postings are encoded again only for keys whose hits changed (their
    /// terms, or their stem's variants, are `encoded.dirty`), unless the
    /// average section length or the page numbers changed.
    fn keys(&self, encoded: &mut Encoded, order: u64) -> Vec<Key> {
        let cache = self.cache;
        if encoded.avglen != self.avglen || encoded.order != order {
            encoded.by_term.clear();
            encoded.avglen = self.avglen;
            encoded.order = order;
        }
        let present = (0..self.hits.len() as u32).filter(|&t| !self.hits[t as usize].is_empty());
        let mut groups: FxMap<u32, Vec<u32>> = FxMap::default();
        let mut names: Vec<u32> = Vec::new();
        for term in present {
            groups.entry(cache.stem_of(term)).or_default().push(term);
            names.push(term);
        }
        names.extend(groups.keys().copied());
        names.par_sort_unstable_by(|&a, &b| js_order(cache.name(a), cache.name(b)));
        names.dedup();
        let position: FxMap<u32, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let known = |name: u32| {
            encoded
                .by_term
                .get(&name)
                .filter(|_| !encoded.dirty.contains_key(&name))
                .cloned()
        };
        let keys: Vec<Key> = names
            .par_iter()
            .map(|&name| {
                let (exact, stem) = known(name).unwrap_or_else(|| self.encode(name, &groups));
                let mut variants: Vec<usize> = match groups.get(&name) {
                    Some(v) if !stem.is_empty() => v.iter().map(|v| position[v]).collect(),
                    _ => Vec::new(),
                };
                variants.sort_unstable();
                Key {
                    key: cache.name(name).to_string(),
                    exact,
                    stem,
                    variants,
                }
            })
            .collect();
        encoded.by_term = names
            .iter()
            .zip(&keys)
            .map(|(&n, k)| (n, (k.exact.clone(), k.stem.clone())))
            .collect();
        encoded.dirty.clear();
        keys
    }

    /// A key's exact and stem postings, encoded.
    fn encode(&self, name: u32, groups: &FxMap<u32, Vec<u32>>) -> (Arc<str>, Arc<str>) {
        let own = &self.hits[name as usize];
        let stem = match groups.get(&name) {
            Some(variants) if !(variants.len() == 1 && variants[0] == name) => {
                let lists: Vec<Vec<Posting>> = variants
                    .iter()
                    .map(|&v| self.postings(&self.hits[v as usize]))
                    .collect();
                encode(&union(lists.iter().map(Vec::as_slice)))
            }
            _ => String::new(),
        };
        let exact = if own.is_empty() {
            String::new()
        } else {
            encode(&self.postings(own))
        };
        (exact.into(), stem.into())
    }
}

/// Encoded postings kept between indexes of one project, by term number,
/// for one average section length and one page order.
#[derive(Default)]
pub(crate) struct Encoded {
    avglen: f64,
    order: u64,
    by_term: FxMap<u32, (Arc<str>, Arc<str>)>,
    /// Terms whose hits changed since (and the stems they belong to).
    pub(crate) dirty: FxMap<u32, ()>,
}

/// JavaScript's string order (by UTF-16 code units). It is byte order
/// except where a char from U+E000–U+FFFF meets one above U+FFFF (UTF-8
/// lead bytes 0xEE–0xEF against 0xF0–0xF4), so only those compare slowly.
fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x.iter().zip(y).position(|(p, q)| p != q) {
        Some(i) if x[i] >= 0xEE || y[i] >= 0xEE => a.encode_utf16().cmp(b.encode_utf16()),
        Some(i) => x[i].cmp(&y[i]),
        None => x.len().cmp(&y.len()),
    }
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

    fn decoded(keys: &[Key]) -> Decoded {
        keys.iter()
            .map(|k| {
                (
                    k.key.clone(),
                    (postings::decode(&k.exact), postings::decode(&k.stem)),
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
        let keys = Dictionary::collect(&pages, &cache).keys(&mut Encoded::default(), 0);
        assert!(
            keys.windows(2)
                .all(|w| js_order(&w[0].key, &w[1].key).is_lt())
        );
        let d = decoded(&keys);
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
        let text = String::from_utf8(b.clone()).unwrap();
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
