//! [`Highlighter`]: highlighting behind a cache, passed to rendering. A code
//! block is highlighted once per process: a block repeated on many pages,
//! or unchanged between two rebuilds under `verdict serve`, is looked up.
//! The key is a hash of (language, code, highlighting themes): the classed
//! HTML does not depend on the colour themes today, but a theme-dependent
//! highlighter would, and the key must not need to change then.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Shared by the rendering threads; cheap to query.
#[derive(Debug, Default)]
pub struct Highlighter {
    /// The highlighting themes' names, part of every key.
    themes: String,
    cache: Mutex<HashMap<u64, Arc<str>>>,
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
        if let Some(html) = self.lock().get(&key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return html.clone();
        }
        // Highlight outside the lock: other threads keep going.
        let html: Arc<str> = super::highlight(code, lang).into();
        self.misses.fetch_add(1, Ordering::Relaxed);
        self.lock().entry(key).or_insert(html).clone()
    }

    /// (blocks highlighted, blocks found in the cache) so far.
    pub fn stats(&self) -> (usize, usize) {
        (
            self.misses.load(Ordering::Relaxed),
            self.hits.load(Ordering::Relaxed),
        )
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<str>>> {
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
}
