//! Slugs: the URL-safe, lowercase form of a title, heading or file name.
//!
//! In: any text. Out: NFC-normalized lowercase words joined by `-`. Letters
//! and digits of every script are kept (browsers percent-encode them);
//! everything else separates words.

use unicode_normalization::UnicodeNormalization;

pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c.is_whitespace() || c == '-' || c == '.' || c == '/' {
            pending_dash = true;
        }
        // Other punctuation (quotes, `?`, `&`, `'`) is dropped without a break,
        // so "Node.js's" and "Nodejs's" differ only where a separator was.
    }
    out
}

/// Whether `s` is already a valid slug (what a writer may put in `slug:`).
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && s.chars().all(|c| !c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("Hello, World!", "hello-world"),
            (
                "Error handling in async code",
                "error-handling-in-async-code",
            ),
            ("  many   spaces  ", "many-spaces"),
            ("Node.js vs Python", "node-js-vs-python"),
            ("What's new?", "whats-new"),
            ("Café Crème", "café-crème"),
            // A decomposed é (e + combining acute) gives the same slug as the composed one.
            ("Cafe\u{301}", "café"),
            ("snake_case-and-dash", "snake_case-and-dash"),
            ("C++ & Rust", "c-rust"),
            ("---", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "slug of {input:?}");
        }
    }

    #[test]
    fn valid_slugs() {
        assert!(is_slug("error-handling"));
        assert!(!is_slug("Error"));
        assert!(!is_slug("a/b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }
}
