//! [`Highlighter`]: highlighting behind a cache, passed to rendering. A code
//! block is highlighted once per process: a block repeated on many pages,
//! or unchanged between two rebuilds under `verdict serve`, is looked up;
//! two threads that meet the same block at once highlight it once.
//! The key is a hash of (language, code, highlighting themes): the classed
//! HTML does not depend on the colour themes today, but a theme-dependent
//! highlighter would, and the key must not need to change then.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Shared by the rendering threads; cheap to query.
#[derive(Debug, Default)]
pub struct Highlighter {
    /// The highlighting themes' names, part of every key.
    themes: String,
    /// Key → the block's HTML, filled once: a thread that finds the cell
    /// empty highlights, others asking for the same block wait for it.
    cache: Mutex<HashMap<u64, Arc<OnceLock<Arc<str>>>>>,
    misses: AtomicUsize,
    hits: AtomicUsize,
}

impl Highlighter {
    pub fn new(light: &str, dark: &str) -> Self {
        Highlighter {
            themes: format!("{light}\n{dark}"),
            ..Highlighter::default()
        }
    }

    /// Whether this highlighter was made for these themes.
    pub(crate) fn themes_are(&self, light: &str, dark: &str) -> bool {
        self.themes == format!("{light}\n{dark}")
    }

    /// The HTML of `code` in `lang` (see [`super::highlight`]).
    pub(crate) fn highlight(&self, code: &str, lang: &str) -> Arc<str> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (lang, code, &self.themes).hash(&mut h);
        let key = h.finish();
        let cell = self.lock().entry(key).or_default().clone();
        let mut highlighted = false;
        // Outside the map's lock: other blocks highlight in parallel.
        let html = cell.get_or_init(|| {
            highlighted = true;
            super::highlight(code, lang).into()
        });
        let counter = if highlighted {
            &self.misses
        } else {
            &self.hits
        };
        counter.fetch_add(1, Ordering::Relaxed);
        html.clone()
    }

    /// (blocks highlighted, blocks found in the cache) so far.
    pub fn stats(&self) -> (usize, usize) {
        (
            self.misses.load(Ordering::Relaxed),
            self.hits.load(Ordering::Relaxed),
        )
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<OnceLock<Arc<str>>>>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_highlighted_once() {
        let h = Highlighter::new("InspiredGitHub", "base16-ocean.dark");
        let a = h.highlight("let x = 1;\n", "rust");
        let b = h.highlight("let x = 1;\n", "rust");
        assert_eq!(a, b);
        assert_eq!(h.stats(), (1, 1));
        h.highlight("let x = 1;\n", "js");
        assert_eq!(h.stats(), (2, 1), "another language is another key");
    }

    #[test]
    fn threads_meeting_one_block_highlight_it_once() {
        let h = Highlighter::new("InspiredGitHub", "base16-ocean.dark");
        let code = "fn main() {}\n".repeat(200);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| h.highlight(&code, "rust"));
            }
        });
        assert_eq!(h.stats(), (1, 7));
    }
}
