//! Search tokens: text → the lowercase words the index and the browser look
//! up. The rules are in `docs/search.md` ("Tokens");
//! `themes/default/static/js/search-text.js` implements the same rules and
//! `tests/search/tokens.json` holds vectors both test suites check.

use unicode_normalization::UnicodeNormalization;

pub use super::stem::stem;

/// Tokens longer than this (in code points) are dropped.
const MAX_TOKEN_CHARS: usize = 64;

/// NFKD, combining diacritical marks (U+0300–U+036F) dropped, then NFC, so
/// that `café` is `cafe`, `Ａ` is `A`, and Hangul syllables and kana with
/// voicing marks (which NFKD takes apart) are whole again. Case is kept.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    // Normalization never reaches across ASCII white space (a starter that
    // composes with nothing), so runs between spaces fold alone, and runs
    // of ASCII need no folding at all.
    let mut out = String::with_capacity(text.len());
    for (i, run) in text.split_ascii_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if run.is_ascii() {
            out.push_str(run);
        } else {
            out.extend(
                run.nfkd()
                    .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                    .nfc(),
            );
        }
    }
    out
}

/// The tokens of `text`, in text order, duplicates kept.
pub fn tokenize(text: &str) -> Vec<String> {
    let chars: Vec<char> = fold(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if is_cjk(chars[i]) {
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            cjk(&chars[start..i], &mut out);
        } else if is_word(chars[i]) || is_connector(chars[i]) {
            while i < chars.len() && (is_word(chars[i]) || is_connector(chars[i])) {
                i += 1;
            }
            chunk(&chars[start..i], &mut out);
        } else {
            i += 1;
        }
    }
    out
}

/// CJK ideographs, kana and Hangul syllables: indexed as bigrams.
fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x3040..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xAC00..=0xD7AF
            | 0x20000..=0x2FFFF
    )
}

fn is_word(c: char) -> bool {
    (c.is_alphabetic() || c.is_numeric()) && !is_cjk(c)
}

fn is_connector(c: char) -> bool {
    matches!(c, '.' | '_' | ':' | '/' | '-' | '+' | '#' | '@')
}

/// A run of n CJK chars: its n − 1 bigrams, or the char itself.
fn cjk(run: &[char], out: &mut Vec<String>) {
    if run.len() == 1 {
        out.push(run[0].to_string());
    }
    for pair in run.windows(2) {
        out.push(pair.iter().collect());
    }
}

/// A run of word chars and connectors: its parts, their camelCase pieces,
/// then the compound.
fn chunk(run: &[char], out: &mut Vec<String>) {
    let Some(first) = run.iter().position(|&c| is_word(c)) else {
        return;
    };
    let last = run.iter().rposition(|&c| is_word(c)).unwrap_or(first);
    let mut end = last + 1;
    while end < run.len() && matches!(run[end], '+' | '#') {
        end += 1;
    }
    let chunk = &run[first..end];
    let mut parts = 0;
    for part in chunk.split(|&c| is_connector(c)).filter(|p| !p.is_empty()) {
        parts += 1;
        push(part, out);
        let pieces = camel_pieces(part);
        if pieces.len() > 1 {
            for piece in pieces {
                push(piece, out);
            }
        }
    }
    if parts > 1 || chunk.iter().any(|&c| is_connector(c)) {
        push(chunk, out);
    }
}

/// A part split before an Upper that follows a lower (`readFile`) and
/// before an Upper that follows an Upper and precedes a lower
/// (`HTTPServer`). Other chars (digits, uncased letters) never split.
fn camel_pieces(part: &[char]) -> Vec<&[char]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for j in 1..part.len() {
        let (prev, cur) = (part[j - 1], part[j]);
        let split = cur.is_uppercase()
            && (prev.is_lowercase()
                || (prev.is_uppercase() && part.get(j + 1).is_some_and(|n| n.is_lowercase())));
        if split {
            pieces.push(&part[start..j]);
            start = j;
        }
    }
    pieces.push(&part[start..]);
    pieces
}

fn push(chars: &[char], out: &mut Vec<String>) {
    if chars.len() <= MAX_TOKEN_CHARS && chars.iter().all(char::is_ascii) {
        out.push(chars.iter().map(char::to_ascii_lowercase).collect());
        return;
    }
    let token = chars.iter().collect::<String>().to_lowercase();
    if token.chars().count() <= MAX_TOKEN_CHARS {
        out.push(token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Vectors {
        tokens: Vec<TokenCase>,
        stems: Vec<StemCase>,
    }

    #[derive(Deserialize)]
    struct TokenCase {
        text: String,
        tokens: Vec<String>,
    }

    #[derive(Deserialize)]
    struct StemCase {
        word: String,
        stem: String,
    }

    fn vectors() -> Vectors {
        let json = include_str!("../../tests/search/tokens.json");
        serde_json::from_str(json).expect("tests/search/tokens.json")
    }

    #[test]
    fn shared_token_vectors() {
        let v = vectors();
        assert!(v.tokens.len() >= 40);
        let mut failed = Vec::new();
        for case in &v.tokens {
            let got = tokenize(&case.text);
            if got != case.tokens {
                failed.push(format!(
                    "{:?}\n   want {:?}\n    got {:?}",
                    case.text, case.tokens, got
                ));
            }
        }
        assert!(failed.is_empty(), "tokenize:\n{}", failed.join("\n"));
    }

    #[test]
    fn shared_stem_vectors() {
        let v = vectors();
        assert!(v.stems.len() >= 60);
        let mut failed = Vec::new();
        for case in &v.stems {
            let got = stem(&case.word);
            if got != case.stem {
                failed.push(format!("{} → want {}, got {}", case.word, case.stem, got));
            }
        }
        assert!(failed.is_empty(), "stem:\n{}", failed.join("\n"));
    }

    #[test]
    fn fold_keeps_case_and_recomposes() {
        assert_eq!(fold("Café Ｎaïve"), "Cafe Naive");
        assert_eq!(fold("한국어"), "한국어");
        assert_eq!(fold("ｶﾞｯｺｳ"), "ガッコウ");
    }
}
