//! One page's text → its terms and where they occur, section by section.
//! Runs in parallel, one page per task; the index merges the results.

use super::fxhash::FxMap;
use super::postings::Occurrence;
use crate::render::markdown::SectionText;
use crate::text::tokenize::tokenize;

/// A page's terms: for each (term, section) where it occurs, and each
/// section's length in body tokens.
#[derive(Debug, Default)]
pub(crate) struct PageTerms {
    /// Sorted by term, then section.
    pub terms: Vec<(String, u32, Occurrence)>,
    pub lens: Vec<u32>,
}

/// The page title counts for the first section only, and so does its
/// description (as text of that section); a
/// page without sections is indexed as one empty section, so its title
/// still finds it.
pub(crate) fn analyse(title: &str, description: &str, sections: &[SectionText]) -> PageTerms {
    let mut map: FxMap<(String, u32), Occurrence> = FxMap::default();
    let n = sections.len().max(1);
    let mut lens = Vec::with_capacity(n);
    for i in 0..n {
        let s = sections.get(i);
        let sec = i as u32;
        let body = s.map(|s| tokenize(&s.text)).unwrap_or_default();
        lens.push(body.len() as u32);
        for t in body {
            map.entry((t, sec)).or_default().tf += 1;
        }
        if let Some(s) = s {
            for t in tokenize(&s.title) {
                map.entry((t, sec)).or_default().in_heading = true;
            }
        }
        if i == 0 {
            for t in tokenize(title) {
                map.entry((t, sec)).or_default().in_title = true;
            }
            for t in tokenize(description) {
                map.entry((t, sec)).or_default().tf += 1;
            }
        }
    }
    let mut terms: Vec<(String, u32, Occurrence)> =
        map.into_iter().map(|((t, s), o)| (t, s, o)).collect();
    terms.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    PageTerms { terms, lens }
}
