//! What the index keeps between builds of one project: every term it has
//! met, by number, with its stem; and each page's analysed terms, by the
//! page's key. A change analyses only the pages it rendered again (the
//! engine forgets those), and merging pages is pushing numbers, not hashing
//! strings.

use rayon::prelude::*;

use super::SearchPage;
use super::analyse::analyse;
use super::dictionary::Dictionary;
use super::fxhash::FxMap;
use super::postings::Occurrence;
use super::shards::{TermShardCache, TextCache};
use crate::text::tokenize::stem;

/// Not yet known (a stem's own stem, until it is met as a term).
const UNKNOWN: u32 = u32::MAX;

/// Pages analysed at a time: a batch's strings are numbered and dropped
/// before the next, so memory holds numbers, not every page's words.
const BATCH: usize = 256;

#[derive(Default)]
pub(crate) struct TermCache {
    ids: FxMap<String, u32>,
    /// By number.
    names: Vec<String>,
    /// By number: the number of its stem ([`UNKNOWN`] for a string met only
    /// as a stem).
    stems: Vec<u32>,
    /// By page key.
    pages: FxMap<String, PageTerms>,
    /// The text shards last made.
    pub(super) text: TextCache,
    /// The dictionary last made.
    pub(super) dict: Dictionary,
    /// The term shards last made.
    pub(super) term_shards: TermShardCache,
    /// What changed since the last index: see [`Changes`].
    changes: Changes,
    /// The order of the pages last updated (a hash of their keys).
    order: Option<u64>,
    /// Pages analysed by the last update (for tests).
    #[cfg(test)]
    analysed: usize,
}

/// What changed since the last index: the pages forgotten, with their
/// terms as last analysed; the pages analysed; and the terms whose hits
/// changed (with their stems).
#[derive(Default)]
pub(crate) struct Changes {
    pub dropped: Vec<(String, PageTerms)>,
    pub added: Vec<String>,
    pub dirty: FxMap<u32, ()>,
}

/// A page's terms by number: each (term, section) where it occurs, sorted
/// by the term's string then the section; and each section's length in
/// body tokens.
pub(crate) struct PageTerms {
    pub terms: Vec<(u32, u32, Occurrence)>,
    pub lens: Vec<u32>,
}

impl TermCache {
    /// Forgets what was analysed of the page `key` (its text changed).
    pub(crate) fn forget(&mut self, key: &str) {
        if let Some(old) = self.pages.remove(key) {
            self.changed(&old);
            self.changes.dropped.push((key.to_string(), old));
        }
        self.text.forget(key);
    }

    /// Marks the terms of `page` (and their stems) as having changed hits.
    fn changed(&mut self, page: &PageTerms) {
        for &(term, _, _) in &page.terms {
            self.changes.dirty.insert(term, ());
            self.changes.dirty.insert(self.stems[term as usize], ());
        }
    }

    /// Analyses the pages not yet known, and forgets those not in `pages`.
    pub(crate) fn update(&mut self, pages: &[SearchPage]) {
        let order = super::dictionary::page_order(pages);
        let todo: Vec<&SearchPage> = if self.order == Some(order) {
            // The same pages as last time: only those forgotten since.
            let forgotten: FxMap<&str, ()> = self
                .changes
                .dropped
                .iter()
                .map(|(k, _)| (k.as_str(), ()))
                .collect();
            pages
                .iter()
                .filter(|p| forgotten.contains_key(p.key) && !self.pages.contains_key(p.key))
                .collect()
        } else {
            let keep: FxMap<&str, ()> = pages.iter().map(|p| (p.key, ())).collect();
            let gone: Vec<String> = self
                .pages
                .keys()
                .filter(|k| !keep.contains_key(k.as_str()))
                .cloned()
                .collect();
            for key in gone {
                self.forget(&key);
            }
            pages
                .iter()
                .filter(|p| !self.pages.contains_key(p.key))
                .collect()
        };
        self.order = Some(order);
        #[cfg(test)]
        {
            self.analysed = todo.len();
        }
        for batch in todo.chunks(BATCH) {
            let analysed: Vec<_> = batch
                .par_iter()
                .map(|p| analyse(p.title, p.description, p.sections))
                .collect();
            for (page, terms) in batch.iter().zip(analysed) {
                // Numbers for the strings already known, in parallel; the
                // new ones one by one.
                let known: Vec<Option<u32>> = terms
                    .terms
                    .par_iter()
                    .map(|(t, _, _)| {
                        let id = self.ids.get(t).copied()?;
                        (self.stems[id as usize] != UNKNOWN).then_some(id)
                    })
                    .collect();
                let numbered = terms
                    .terms
                    .into_iter()
                    .zip(known)
                    .map(|((t, section, occ), id)| {
                        let id = id.unwrap_or_else(|| self.term(t));
                        (id, section, occ)
                    })
                    .collect();
                let terms = PageTerms {
                    terms: numbered,
                    lens: terms.lens,
                };
                self.changed(&terms);
                self.changes.added.push(page.key.to_string());
                self.pages.insert(page.key.to_string(), terms);
            }
        }
    }

    /// The order of the pages last analysed (a hash of their keys).
    pub(crate) fn order(&self) -> Option<u64> {
        self.order
    }

    /// What changed since the last call.
    pub(crate) fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }

    /// Whether the string `id` was met as a term (not only as a stem).
    pub(crate) fn is_term(&self, id: u32) -> bool {
        self.stems[id as usize] != UNKNOWN
    }

    /// The analysed terms of the page `key` (after [`TermCache::update`]).
    pub(crate) fn page(&self, key: &str) -> &PageTerms {
        &self.pages[key]
    }

    /// How many pages the last update analysed.
    #[cfg(test)]
    pub(crate) fn analysed(&self) -> usize {
        self.analysed
    }

    /// How many strings are numbered.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// The number of a term's stem.
    pub(crate) fn stem_of(&self, id: u32) -> u32 {
        self.stems[id as usize]
    }

    /// The number of a term met in text, its stem numbered too.
    fn term(&mut self, t: String) -> u32 {
        let id = self.number(t);
        if self.stems[id as usize] == UNKNOWN {
            let s = self.number(stem(&self.names[id as usize]));
            self.stems[id as usize] = s;
        }
        id
    }

    fn number(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("fewer than 2^32 distinct terms");
        self.names.push(s.clone());
        self.ids.insert(s, id);
        self.stems.push(UNKNOWN);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::super::{OutputFile, index};
    use super::*;
    use crate::render::markdown::SectionText;

    fn sections(text: &str) -> Vec<SectionText> {
        vec![SectionText {
            anchor: None,
            title: String::new(),
            text: text.into(),
        }]
    }

    fn pages<'a>(texts: &'a [Vec<SectionText>]) -> Vec<SearchPage<'a>> {
        pages_named(texts, ["a.md", "b.md", "c.md"])
    }

    /// One page per text, keyed by `keys` in order.
    fn pages_named<'a>(
        texts: &'a [Vec<SectionText>],
        keys: impl IntoIterator<Item = &'a str>,
    ) -> Vec<SearchPage<'a>> {
        texts
            .iter()
            .zip(keys)
            .map(|(s, key)| SearchPage {
                key,
                url: key.replace(".md", "/"),
                title: "Title",
                description: "",
                sections: s,
            })
            .collect()
    }

    fn bytes(files: &[OutputFile]) -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|f| match &f.body {
                crate::derive::Body::Bytes(b) => (f.path.clone(), b.to_vec()),
                crate::derive::Body::Copy(_) => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn only_forgotten_and_new_pages_are_analysed_again() {
        let mut texts = vec![
            sections("running threads"),
            sections("an event loop"),
            sections("the runner"),
        ];
        let mut cache = TermCache::default();
        index(&pages(&texts), &[], &mut cache);
        assert_eq!(cache.analysed(), 3);
        index(&pages(&texts), &[], &mut cache);
        assert_eq!(cache.analysed(), 0);

        // b.md's text changes: the engine forgets it, and only it is analysed.
        texts[1] = sections("a loop that runs events");
        cache.forget("b.md");
        let kept = bytes(&index(&pages(&texts), &[], &mut cache));
        assert_eq!(cache.analysed(), 1);
        // The same bytes as an index made from nothing.
        let fresh = bytes(&index(&pages(&texts), &[], &mut TermCache::default()));
        assert_eq!(kept, fresh);

        // A page that goes away is dropped; its terms no longer count.
        texts.pop();
        let kept = bytes(&index(&pages(&texts), &[], &mut cache));
        assert_eq!(cache.analysed(), 0);
        let fresh = bytes(&index(&pages(&texts), &[], &mut TermCache::default()));
        assert_eq!(kept, fresh);
    }

    /// Many edits, one page at a time, each taken in place (hits moved,
    /// keys coming and going, stems gaining and losing variants, shards
    /// kept or made again): after each, the same bytes as an index made
    /// from nothing.
    #[test]
    fn edits_in_place_give_the_bytes_of_a_fresh_index() {
        const WORDS: [&str; 24] = [
            "run", "runs", "running", "runner", "loop", "loops", "event", "events", "thread",
            "threads", "gil", "async", "await", "node", "python", "wait", "waiting", "io", "cpu",
            "bound", "worker", "workers", "pool", "pools",
        ];
        let mut seed: u64 = 7;
        let mut next = move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        // Rare words of letters only ("qbcd", "qbcds"): a plural and its
        // stem seldom share a section.
        fn rare(n: usize, plural: bool) -> String {
            let mut w = String::from("q");
            let mut n = n;
            for _ in 0..3 {
                w.push((b'a' + (n % 26) as u8) as char);
                n /= 26;
            }
            if plural {
                w.push('s');
            }
            w
        }
        let text = |next: &mut dyn FnMut(usize) -> usize| -> String {
            // Common words, and rare ones (with plurals) enough for several
            // term shards.
            let len = 3 + next(300);
            (0..len)
                .map(|_| match next(3) {
                    0 => WORDS[next(WORDS.len())].to_string(),
                    1 => rare(next(8000), false),
                    _ => rare(next(8000), true),
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        const N: usize = 40;
        let keys: Vec<String> = (0..N).map(|i| format!("p{i:02}.md")).collect();
        // Three sections a page: an edit often leaves two alone.
        let page = |next: &mut dyn FnMut(usize) -> usize| -> Vec<SectionText> {
            (0..3)
                .map(|i| SectionText {
                    anchor: (i > 0).then(|| format!("s{i}")),
                    title: String::new(),
                    text: text(next),
                })
                .collect()
        };
        let mut texts: Vec<Vec<SectionText>> = (0..N).map(|_| page(&mut next)).collect();
        let mut cache = TermCache::default();
        index(
            &pages_named(&texts, keys.iter().map(String::as_str)),
            &[],
            &mut cache,
        );
        for step in 0..60 {
            let p = next(N);
            let s = next(3);
            match step % 4 {
                // A few words added to one section, as a writer types: the
                // same terms, other weights.
                0 | 1 => {
                    let more = format!(" {} {}", WORDS[next(WORDS.len())], rare(next(8000), true));
                    texts[p][s].text.push_str(&more);
                }
                // One section written again, sometimes with a word no page
                // had, or emptied.
                2 => texts[p][s].text = format!("unique{step} {}", text(&mut next)),
                _ if step % 7 == 0 => texts[p][s].text.clear(),
                _ => texts[p] = page(&mut next),
            }
            cache.forget(&keys[p]);
            let kept = bytes(&index(
                &pages_named(&texts, keys.iter().map(String::as_str)),
                &[],
                &mut cache,
            ));
            let fresh = bytes(&index(
                &pages_named(&texts, keys.iter().map(String::as_str)),
                &[],
                &mut TermCache::default(),
            ));
            assert_eq!(cache.analysed(), 1);
            assert!(
                kept == fresh,
                "step {step}: the index differs from a fresh one"
            );
            let shards = kept
                .iter()
                .filter(|(p, _)| p.starts_with("search/t"))
                .count();
            assert!(shards > 2, "{shards} term shards");
        }
    }

    #[test]
    fn a_string_met_first_as_a_stem_gets_its_own_stem_when_met_as_a_term() {
        let mut cache = TermCache::default();
        let running = cache.term("running".into());
        let run = cache.stem_of(running);
        assert_eq!(cache.name(run), "run");
        let texts = [sections("run")];
        cache.update(&pages(&texts));
        assert_eq!(cache.stem_of(run), run);
    }
}
