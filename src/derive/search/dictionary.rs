//! The dictionary, kept between indexes of one project: every term's hits
//! (page, section, occurrence) in page order, the keys (terms with hits,
//! and the stems of those) in JavaScript string order, the terms each stem
//! gathers, and each key's encoded postings.
//!
//! A change that keeps the indexed pages and their order (an edit of a
//! page's text) updates it from the pages analysed again: their old hits
//! out, their new ones in, keys that came or went put in or taken out of
//! the sorted list, and only the keys whose hits changed encoded again.
//! Anything else (a page added, removed or moved, or an average section
//! length that moved) makes it again. Both ways give the same dictionary.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::SearchPage;
use super::fxhash::{self, FxMap};
use super::postings::{Posting, encode, union, weight};
use super::terms::{PageTerms, TermCache};

#[derive(Default)]
pub(crate) struct Dictionary {
    /// The page order the postings are numbered in (a hash of the pages'
    /// keys); `None` before the first index.
    order: Option<u64>,
    /// Page numbers by key, for that order.
    numbers: FxMap<String, u32>,
    /// By term number: its postings (weighed for `avglen`), by page then
    /// section.
    hits: Vec<Vec<Posting>>,
    /// The keys, in JavaScript string order.
    sorted: Vec<u32>,
    /// By position in `sorted`: the bytes the key adds to a term shard,
    /// about (see [`Dictionary::size`]).
    sizes: Vec<u32>,
    /// By stem: the terms with hits that have it.
    groups: FxMap<u32, Vec<u32>>,
    avglen: f64,
    /// How many sections the pages have.
    sections: usize,
    /// By key: its exact and stem postings, encoded ("" when absent, or
    /// when the stem's are the same as the exact ones).
    encoded: FxMap<u32, Encoding>,
}

/// Which keys an update encoded again.
pub(crate) enum Changed {
    All,
    Keys(FxMap<u32, ()>),
}

impl Changed {
    pub(crate) fn contains(&self, key: u32) -> bool {
        match self {
            Changed::All => true,
            Changed::Keys(keys) => keys.contains_key(&key),
        }
    }
}

/// A key's exact and stem postings, encoded.
type Encoding = (Arc<str>, Arc<str>);

/// A key as the term shards write it.
pub(crate) struct KeyView<'a> {
    pub key: &'a str,
    pub exact: &'a str,
    pub stem: &'a str,
    /// Positions (in the sorted keys) of the terms whose stem this key
    /// is, when they are not just itself; sorted.
    pub variants: Vec<usize>,
}

impl Dictionary {
    /// Brings the dictionary up to date with `pages`, which `terms` has
    /// analysed (see [`TermCache::update`]); returns the keys whose shards
    /// must be made again.
    pub(crate) fn update(&mut self, pages: &[SearchPage], terms: &mut TermCache) -> Changed {
        // The term cache hashed the pages' order when it analysed them.
        let order = terms.order().unwrap_or_else(|| page_order(pages));
        let changes = terms.take_changes();
        let lens: Vec<&[u32]> = pages
            .iter()
            .map(|p| terms.page(p.key).lens.as_slice())
            .collect();
        let avglen = average(&lens);
        self.sections = lens.iter().map(|l| l.len()).sum();
        if self.order != Some(order) || self.avglen != avglen {
            self.avglen = avglen;
            self.make(pages, terms, order, &lens);
            self.encode_all(terms);
            return Changed::All;
        }
        self.hits.resize_with(terms.len(), Vec::new);
        let mut dropped: FxMap<&str, &PageTerms> = FxMap::default();
        for (key, old) in &changes.dropped {
            // Forgotten twice: the first terms are the ones indexed.
            dropped.entry(key.as_str()).or_insert(old);
        }
        // Terms whose lists changed: a term only in sections the edit left
        // alone keeps its postings, and need not be encoded again.
        let mut moved = FxMap::default();
        for key in &changes.added {
            let page = self.numbers[key.as_str()];
            let old = dropped.remove(key.as_str());
            self.replace_page(page, old, terms.page(key), lens[page as usize], &mut moved);
        }
        let dirty = changes.dirty;
        // Which terms each stem gathers (a stem whose variants changed is
        // written differently even when its postings are not), then which
        // keys there are.
        let mut came_or_went = Vec::new();
        for &t in dirty.keys() {
            if !terms.is_term(t) {
                continue;
            }
            let stem = terms.stem_of(t);
            let has = !self.hits[t as usize].is_empty();
            let group = self.groups.entry(stem).or_default();
            match (has, group.iter().position(|&v| v == t)) {
                (true, None) => {
                    group.push(t);
                    came_or_went.push(stem);
                }
                (false, Some(i)) => {
                    group.swap_remove(i);
                    came_or_went.push(stem);
                }
                _ => {}
            }
            if group.is_empty() {
                self.groups.remove(&stem);
            }
        }
        for &t in dirty.keys() {
            let present = !self.hits[t as usize].is_empty() || self.groups.contains_key(&t);
            match (present, self.position(terms, t)) {
                (true, Err(at)) => {
                    self.sorted.insert(at, t);
                    self.sizes.insert(at, 0);
                    came_or_went.push(t);
                }
                (false, Ok(at)) => {
                    self.sorted.remove(at);
                    self.sizes.remove(at);
                    self.encoded.remove(&t);
                    came_or_went.push(t);
                }
                _ => {}
            }
        }
        let stems = moved
            .keys()
            .filter(|&&t| terms.is_term(t))
            .map(|&t| terms.stem_of(t));
        let mut todo: Vec<u32> = moved
            .keys()
            .copied()
            .chain(stems)
            .chain(came_or_went.iter().copied())
            .filter(|&t| self.position(terms, t).is_ok())
            .collect();
        todo.sort_unstable();
        todo.dedup();
        let encoded: Vec<(u32, Encoding)> = todo.par_iter().map(|&t| (t, self.encode(t))).collect();
        // Shards need making again only for keys whose postings read
        // differently, that came or went, or whose variants changed.
        let mut changed: FxMap<u32, ()> = came_or_went.into_iter().map(|t| (t, ())).collect();
        for (t, new) in encoded {
            if self.encoded.get(&t) != Some(&new) {
                changed.insert(t, ());
                if let Ok(at) = self.position(terms, t) {
                    self.sizes[at] = size_of(terms.name(t), &new);
                }
                self.encoded.insert(t, new);
            }
        }
        Changed::Keys(changed)
    }

    /// Makes the postings, the groups and the sorted keys from every page.
    fn make(&mut self, pages: &[SearchPage], terms: &TermCache, order: u64, lens: &[&[u32]]) {
        self.order = Some(order);
        self.numbers = pages
            .iter()
            .enumerate()
            .map(|(n, p)| (p.key.to_string(), n as u32))
            .collect();
        self.hits = vec![Vec::new(); terms.len()];
        for (page, p) in pages.iter().enumerate() {
            for &(term, section, occ) in &terms.page(p.key).terms {
                self.hits[term as usize].push(Posting {
                    page: page as u32,
                    section,
                    weight: weight(occ, lens[page][section as usize], self.avglen),
                });
            }
        }
        self.groups = FxMap::default();
        let mut names: Vec<u32> = Vec::new();
        for term in 0..self.hits.len() as u32 {
            if !self.hits[term as usize].is_empty() {
                self.groups
                    .entry(terms.stem_of(term))
                    .or_default()
                    .push(term);
                names.push(term);
            }
        }
        names.extend(self.groups.keys().copied());
        names.par_sort_unstable_by(|&a, &b| js_order(terms.name(a), terms.name(b)));
        names.dedup();
        self.sorted = names;
    }

    fn encode_all(&mut self, terms: &TermCache) {
        let all: Vec<(u32, Encoding)> = self
            .sorted
            .par_iter()
            .map(|&t| (t, self.encode(t)))
            .collect();
        self.sizes = all
            .iter()
            .map(|(t, e)| size_of(terms.name(*t), e))
            .collect();
        self.encoded = all.into_iter().collect();
    }

    /// Puts a page's new postings in place of its old ones (its terms as
    /// last analysed, if any), at its place in each term's list: written
    /// over where a term is in as many sections as before (no moving the
    /// rest of a long list), spliced in otherwise.
    /// Terms whose lists changed go into `moved`.
    fn replace_page(
        &mut self,
        page: u32,
        old: Option<&PageTerms>,
        new: &PageTerms,
        lens: &[u32],
        moved: &mut FxMap<u32, ()>,
    ) {
        let avglen = self.avglen;
        let mut fresh: FxMap<u32, Vec<Posting>> = FxMap::default();
        for &(term, section, occ) in &new.terms {
            fresh.entry(term).or_default().push(Posting {
                page,
                section,
                weight: weight(occ, lens[section as usize], avglen),
            });
        }
        let gone = old.into_iter().flat_map(|o| o.terms.iter().map(|t| t.0));
        let mut seen: FxMap<u32, ()> = FxMap::default();
        for term in gone.chain(new.terms.iter().map(|t| t.0)) {
            if seen.insert(term, ()).is_some() {
                continue;
            }
            let with = fresh.remove(&term).unwrap_or_default();
            let hits = &mut self.hits[term as usize];
            let from = hits.partition_point(|h| h.page < page);
            let to = hits.partition_point(|h| h.page <= page);
            if hits[from..to] == with[..] {
                continue;
            }
            moved.insert(term, ());
            if to - from == with.len() {
                hits[from..to].copy_from_slice(&with);
            } else {
                hits.splice(from..to, with);
            }
        }
    }

    /// Where the key `name` is in the sorted keys, or would go.
    fn position(&self, terms: &TermCache, name: u32) -> Result<usize, usize> {
        let key = terms.name(name);
        self.sorted
            .binary_search_by(|&k| js_order(terms.name(k), key))
    }

    /// A key's exact and stem postings, encoded.
    fn encode(&self, name: u32) -> Encoding {
        let own = &self.hits[name as usize];
        let stem = match self.groups.get(&name) {
            Some(variants) if !(variants.len() == 1 && variants[0] == name) => encode(&union(
                variants.iter().map(|&v| self.hits[v as usize].as_slice()),
            )),
            _ => String::new(),
        };
        let exact = if own.is_empty() {
            String::new()
        } else {
            encode(own)
        };
        (exact.into(), stem.into())
    }

    /// How many sections the indexed pages have.
    pub(crate) fn sections(&self) -> usize {
        self.sections
    }

    /// The keys, in order (term numbers).
    pub(crate) fn sorted(&self) -> &[u32] {
        &self.sorted
    }

    /// The bytes the key at `i` adds to a term shard, about.
    pub(crate) fn size(&self, i: usize) -> usize {
        self.sizes[i] as usize
    }

    /// The key at `i` as a shard writes it.
    pub(crate) fn key<'a>(&'a self, terms: &'a TermCache, i: usize) -> KeyView<'a> {
        let name = self.sorted[i];
        let (exact, stem) = &self.encoded[&name];
        let mut variants: Vec<usize> = match self.groups.get(&name) {
            Some(v) if !stem.is_empty() => v
                .iter()
                .filter_map(|&v| self.position(terms, v).ok())
                .collect(),
            _ => Vec::new(),
        };
        variants.sort_unstable();
        KeyView {
            key: terms.name(name),
            exact,
            stem,
            variants,
        }
    }
}

/// The bytes a key with these postings adds to a term shard, about.
fn size_of(key: &str, (exact, stem): &Encoding) -> u32 {
    (key.len() + exact.len() + stem.len().min(8) + 3) as u32
}

/// A hash of the pages' keys in order: their page numbers.
pub(crate) fn page_order(pages: &[SearchPage]) -> u64 {
    let mut h = fxhash::FxHasher::default();
    for p in pages {
        p.key.hash(&mut h);
    }
    h.finish()
}

/// The sections' average length, in whole tokens: a change that moves it
/// by less than half a token leaves every other term's weights, and so its
/// encoded postings, as they were.
fn average(lens: &[&[u32]]) -> f64 {
    let sections: usize = lens.iter().map(|l| l.len()).sum();
    let total: u64 = lens.iter().copied().flatten().map(|&l| u64::from(l)).sum();
    (total as f64 / sections.max(1) as f64).round().max(1.0)
}

/// JavaScript's string order (by UTF-16 code units). It is byte order
/// except where a char from U+E000–U+FFFF meets one above U+FFFF (UTF-8
/// lead bytes 0xEE–0xEF against 0xF0–0xF4), so only those compare slowly.
pub(crate) fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x.iter().zip(y).position(|(p, q)| p != q) {
        Some(i) if x[i] >= 0xEE || y[i] >= 0xEE => a.encode_utf16().cmp(b.encode_utf16()),
        Some(i) => x[i].cmp(&y[i]),
        None => x.len().cmp(&y.len()),
    }
}
