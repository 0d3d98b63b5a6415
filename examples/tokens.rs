//! Tokens and stems of text, one JSON string per line in, one JSON
//! `[tokens, stems]` per line out: what `tests/search/crosscheck.js` (run by
//! hand) compares with the browser's tokenizer on random text.
//!
//! usage: cargo run --example tokens < in.jsonl > out.jsonl

use std::io::{BufRead, Write};

use verdict::text::tokenize::{stem, tokenize};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("input is UTF-8");
        let s: String = serde_json::from_str(&line).expect("one JSON string per line");
        let tokens = tokenize(&s);
        let stems: Vec<String> = tokens.iter().map(|t| stem(t)).collect();
        serde_json::to_writer(&mut out, &(tokens, stems)).expect("write");
        out.write_all(b"\n").expect("write");
    }
}
