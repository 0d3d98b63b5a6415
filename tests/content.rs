//! Checks on the bundled guide's text: written fresh (no run of eight words
//! from the seed article) and free of marketing language.

use std::collections::HashSet;
use std::path::Path;

/// FNV-1a, 64 bits: the same function wrote tests/seed-fingerprints.txt.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Words split at every non-alphanumeric character ("node.js" → "node js").
fn words_split(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Words split at whitespace with punctuation removed ("node.js" → "nodejs").
fn words_joined(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split_whitespace()
        .map(|t| {
            t.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn content_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if entry.file_type().is_file() && (ext == "md" || ext == "yaml" || ext == "yml") {
            let rel = p.strip_prefix(&root).unwrap().display().to_string();
            out.push((rel, std::fs::read_to_string(p).unwrap()));
        }
    }
    out
}

/// Every 8-word run of `text` whose fingerprint is in `set`.
fn copied_runs(text: &str, set: &HashSet<u64>) -> Vec<String> {
    let mut hits = Vec::new();
    for words in [words_split(text), words_joined(text)] {
        for run in words.windows(8) {
            let joined = run.join(" ");
            if set.contains(&fnv(&joined)) {
                hits.push(joined);
            }
        }
    }
    hits
}

fn fingerprints(text: &str) -> HashSet<u64> {
    let mut set = HashSet::new();
    for words in [words_split(text), words_joined(text)] {
        set.extend(words.windows(8).map(|w| fnv(&w.join(" "))));
    }
    set
}

#[test]
fn no_eight_word_run_of_the_seed_appears_in_content() {
    let seed: HashSet<u64> = include_str!("seed-fingerprints.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| u64::from_str_radix(l, 16).unwrap())
        .collect();
    assert!(seed.len() > 4000, "fingerprint file looks truncated");
    let mut hits: Vec<String> = content_files()
        .into_iter()
        .flat_map(|(rel, text)| {
            copied_runs(&text, &seed)
                .into_iter()
                .map(move |r| format!("{rel}: \"{r}\""))
        })
        .collect();
    hits.sort();
    hits.dedup();
    assert!(
        hits.is_empty(),
        "runs of 8 words copied from the seed:\n{}",
        hits.join("\n")
    );
}

#[test]
fn copied_runs_are_found_whatever_the_case_and_punctuation() {
    let original = "Node.js runs JavaScript on one main thread, with an event loop.";
    let set = fingerprints(original);
    let copied = "Indeed NODE.JS runs javascript on one main-thread; with an event loop!";
    assert!(!copied_runs(copied, &set).is_empty());
    let reworded =
        "JavaScript in Node.js executes on a single main thread driven by an event loop.";
    assert!(copied_runs(reworded, &set).is_empty());
    assert_eq!(
        fnv("a"),
        0xaf63dc4c8601ec8c,
        "FNV-1a as in the fingerprint script"
    );
}

#[test]
fn no_marketing_language() {
    let banned = [
        "let's talk",
        "reach out",
        "hire node",
        "hire python",
        "unparalleled",
        "blazing",
        "seamless",
        "cutting-edge",
        "game-changer",
        "world-class",
        "future-ready",
        "best-in-class",
        "state-of-the-art",
        "supercharge",
        "digital transformation",
        "cup of tea",
        "listen to this article",
        "loading...",
    ];
    let mut hits = Vec::new();
    for (rel, text) in content_files() {
        let lower = text.to_lowercase();
        for phrase in banned {
            if lower.contains(phrase) {
                hits.push(format!("{rel}: {phrase}"));
            }
        }
    }
    assert!(hits.is_empty(), "marketing phrases:\n{}", hits.join("\n"));
}
