//! Cutting the index into files: term shards of roughly equal size, text
//! shards of a few pages each, the answers, and the directory that names
//! them. Each is a classic script calling `verdictSearch.<kind>(…)`.

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use std::hash::Hasher;
use std::sync::Arc;

use super::dictionary::{Changed, Dictionary, KeyView};
use super::fxhash::{FxHasher, FxMap};
use super::terms::TermCache;
use super::{Answer, FOLDER, SearchPage};
use crate::derive::assets::hashed_name;
use crate::derive::{Body, OutputFile};

/// Term shards are cut where a key's own hash says so once they hold
/// [`TERM_SHARD_MIN`] bytes (1 key in [`TERM_CUT`]), or at
/// [`TERM_SHARD_MAX`]: small enough that a query's shards stay a few
/// kilobytes each, large enough that the directory stays small on a
/// 10,000-page site. Cuts found from the keys themselves stay where they
/// are when a key comes or goes elsewhere, so an edit changes the shards
/// holding its keys, not every shard after them.
const TERM_SHARD_MIN: usize = 10 * 1024;
const TERM_SHARD_MAX: usize = 24 * 1024;
const TERM_CUT: u64 = 32;
/// Bytes of text per text shard, about.
const TEXT_SHARD_BYTES: usize = 12 * 1024;

#[derive(Serialize)]
pub(super) struct Directory {
    pub v: u32,
    pub sections: usize,
    pub pages: usize,
    pub terms: TermShards,
    pub text: TextShards,
    pub per: usize,
    pub answers: Option<String>,
}

/// The term shards: `t0.js` … in key order, with the first key of each and
/// one `tag` (a hash of their hashes) that browsers add as `?v=`.
#[derive(Serialize)]
pub(super) struct TermShards {
    pub first: Vec<String>,
    pub tag: String,
}

/// The text shards: `x0.js` … `x<count − 1>.js`, all named by one `tag` (a
/// hash of their hashes) that browsers add as `?v=`: listing a hashed name
/// per shard made the directory 50 KB (gzipped) on a 10,000-page site.
#[derive(Serialize)]
pub(super) struct TextShards {
    pub count: usize,
    pub tag: String,
}

pub(super) fn directory(dir: &Directory) -> OutputFile {
    script(super::DIRECTORY.to_string(), "dir", &json(dir))
}

/// Term shards kept between indexes of one project: a shard with the same
/// number and keys as before, none of them encoded again, is not written
/// or hashed again.
#[derive(Default)]
pub(crate) struct TermShardCache {
    /// By shard number.
    shards: Vec<TermShard>,
}

#[derive(Clone)]
struct TermShard {
    /// Its keys, as term numbers.
    names: Vec<u32>,
    body: Arc<[u8]>,
    digest: [u8; 32],
}

/// Term shards into `files`; returns what the directory says of them.
///
/// A shard is one string of entries separated by `,`; an entry is the
/// length of the prefix it shares with the previous key (one base-64 digit,
/// in UTF-16 code units), the rest of its key, its exact postings and its
/// stem postings, separated by spaces. Stem postings whose variants all sit
/// in the same shard are written as `=` and their offsets from the entry
/// (`=1.-2`): the browser merges their exact postings.
pub(super) fn term_shards(
    dict: &Dictionary,
    terms: &TermCache,
    changed: &Changed,
    cache: &mut TermShardCache,
    files: &mut Vec<OutputFile>,
) -> TermShards {
    let sorted = dict.sorted();
    // Where shards start (cheap, in order), then their bodies in parallel.
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for i in 0..sorted.len() {
        size += dict.size(i);
        let cut =
            size >= TERM_SHARD_MAX || (size >= TERM_SHARD_MIN && cuts_after(terms.name(sorted[i])));
        if cut || i + 1 == sorted.len() {
            ranges.push(start..i + 1);
            start = i + 1;
            size = 0;
        }
    }
    let shards: Vec<TermShard> = ranges
        .par_iter()
        .enumerate()
        .map(|(n, r)| {
            let names = &sorted[r.clone()];
            let kept = cache
                .shards
                .get(n)
                .filter(|s| s.names == names && !names.iter().any(|&k| changed.contains(k)));
            match kept {
                Some(kept) => kept.clone(),
                None => {
                    let body = format!(
                        "verdictSearch.terms({n},{});\n",
                        json(&shard_body(|i| dict.key(terms, i), r.clone()))
                    )
                    .into_bytes();
                    TermShard {
                        names: names.to_vec(),
                        digest: Sha256::digest(&body).into(),
                        body: body.into(),
                    }
                }
            }
        })
        .collect();
    let mut tag = Sha256::new();
    let mut first = Vec::with_capacity(ranges.len());
    for (n, (shard, r)) in shards.iter().zip(&ranges).enumerate() {
        tag.update(shard.digest);
        files.push(OutputFile {
            path: format!("{FOLDER}t{n}.js"),
            body: Body::Bytes(shard.body.clone()),
            origin: "the search index".into(),
        });
        first.push(terms.name(sorted[r.start]).to_string());
    }
    cache.shards = shards;
    TermShards {
        first,
        tag: short_hex(&tag.finalize()),
    }
}

/// Whether a shard may end after `key`: true for 1 key in [`TERM_CUT`],
/// by the key's own hash.
fn cuts_after(key: &str) -> bool {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    // The high bits: the multiply leaves the low ones weak.
    (h.finish() >> 32) % TERM_CUT == 0
}

fn short_hex(digest: &[u8]) -> String {
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// The entries of the keys in `range`; `key(i)` is the key at `i`.
fn shard_body<'a>(key: impl Fn(usize) -> KeyView<'a>, range: std::ops::Range<usize>) -> String {
    let mut body = String::new();
    let mut prev = String::new();
    for i in range.clone() {
        let k = key(i);
        if i > range.start {
            body.push(',');
        }
        let (shared, bytes) = shared_prefix(&prev, k.key);
        body.push(DIGITS[shared] as char);
        body.push_str(&k.key[bytes..]);
        body.push(' ');
        body.push_str(k.exact);
        body.push(' ');
        if !k.variants.is_empty() && k.variants.iter().all(|v| range.contains(v)) {
            body.push('=');
            let offsets: Vec<String> = k
                .variants
                .iter()
                .map(|&v| (v as i64 - i as i64).to_string())
                .collect();
            body.push_str(&offsets.join("."));
        } else {
            body.push_str(k.stem);
        }
        prev.clear();
        prev.push_str(k.key);
    }
    body
}

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The prefix `a` and `b` share, whole chars only and at most 63 UTF-16
/// code units: (code units, bytes of `b`).
fn shared_prefix(a: &str, b: &str) -> (usize, usize) {
    let (mut units, mut bytes) = (0, 0);
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y || units + y.len_utf16() > 63 {
            break;
        }
        units += y.len_utf16();
        bytes += y.len_utf8();
    }
    (units, bytes)
}

/// A page in a text shard: URL, title, and (anchor, heading, text) per section.
type TextPage<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str, &'a str)>);

/// Text shards kept between indexes of one project: a shard whose pages
/// were not rendered again is not serialised or hashed again.
#[derive(Default)]
pub(crate) struct TextCache {
    per: usize,
    /// By shard number.
    shards: Vec<TextShard>,
    /// Pages rendered again since the last index.
    forgotten: FxMap<String, ()>,
}

struct TextShard {
    /// The keys of its pages, in order.
    keys: Vec<String>,
    body: Arc<[u8]>,
    digest: [u8; 32],
}

impl TextCache {
    pub(crate) fn forget(&mut self, key: &str) {
        self.forgotten.insert(key.to_string(), ());
    }

    fn reusable(&self, n: usize, per: usize, chunk: &[SearchPage]) -> Option<&TextShard> {
        let shard = self.shards.get(n).filter(|_| self.per == per)?;
        let same = shard.keys.len() == chunk.len()
            && shard
                .keys
                .iter()
                .zip(chunk)
                .all(|(k, p)| k == p.key && !self.forgotten.contains_key(k));
        same.then_some(shard)
    }
}

/// Text shards into `files`; returns what the directory says of them and
/// pages per shard. The tag is a hash of the shards' hashes.
pub(super) fn text_shards(
    pages: &[SearchPage],
    files: &mut Vec<OutputFile>,
    cache: &mut TextCache,
) -> (TextShards, usize) {
    let total: usize = pages
        .iter()
        .map(|p| {
            p.sections
                .iter()
                .map(|s| s.text.len() + s.title.len())
                .sum::<usize>()
        })
        .sum();
    let avg = total / pages.len().max(1);
    let per = (TEXT_SHARD_BYTES / avg.max(1)).clamp(1, 64);
    let chunks: Vec<&[SearchPage]> = pages.chunks(per).collect();
    let shards: Vec<TextShard> = chunks
        .par_iter()
        .enumerate()
        .map(|(n, chunk)| match cache.reusable(n, per, chunk) {
            Some(kept) => TextShard {
                keys: kept.keys.clone(),
                body: kept.body.clone(),
                digest: kept.digest,
            },
            None => {
                let body = text_shard_body(n, chunk).into_bytes();
                TextShard {
                    keys: chunk.iter().map(|p| p.key.to_string()).collect(),
                    digest: Sha256::digest(&body).into(),
                    body: body.into(),
                }
            }
        })
        .collect();
    let mut tag = Sha256::new();
    let count = shards.len();
    for (n, shard) in shards.iter().enumerate() {
        tag.update(shard.digest);
        files.push(OutputFile {
            path: format!("{FOLDER}x{n}.js"),
            body: Body::Bytes(shard.body.clone()),
            origin: "the search index".into(),
        });
    }
    *cache = TextCache {
        per,
        shards,
        forgotten: FxMap::default(),
    };
    let tag = short_hex(&tag.finalize());
    (TextShards { count, tag }, per)
}

fn text_shard_body(n: usize, chunk: &[SearchPage]) -> String {
    let list: Vec<TextPage> = chunk
        .iter()
        .map(|p| {
            let sections = if p.sections.is_empty() {
                vec![("", "", "")]
            } else {
                p.sections
                    .iter()
                    .map(|s| {
                        (
                            s.anchor.as_deref().unwrap_or(""),
                            s.title.as_str(),
                            s.text.as_str(),
                        )
                    })
                    .collect()
            };
            (p.url.as_str(), p.title, sections)
        })
        .collect();
    format!("verdictSearch.text({n},{});\n", json(&list))
}

/// The answers file into `files` (none when there are no answers).
pub(super) fn answers_file(answers: &[Answer], files: &mut Vec<OutputFile>) -> Option<String> {
    if answers.is_empty() {
        return None;
    }
    let file = hashed("a.js", "answers", &json(&answers));
    let name = file_name(&file);
    files.push(file);
    Some(name)
}

fn json<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("index data serialises")
}

/// `search/<name>` with a hash of its bytes in the name.
fn hashed(name: &str, call: &str, args: &str) -> OutputFile {
    let body = format!("verdictSearch.{call}({args});\n");
    let path = hashed_name(&format!("{FOLDER}{name}"), body.as_bytes());
    OutputFile {
        path,
        body: Body::Bytes(body.into_bytes().into()),
        origin: "the search index".into(),
    }
}

fn script(path: String, call: &str, args: &str) -> OutputFile {
    OutputFile {
        path,
        body: Body::Bytes(
            format!("verdictSearch.{call}({args});\n")
                .into_bytes()
                .into(),
        ),
        origin: "the search index".into(),
    }
}

fn file_name(f: &OutputFile) -> String {
    f.path[FOLDER.len()..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(k: &'a str, exact: &'a str, stem: &'a str, variants: Vec<usize>) -> KeyView<'a> {
        KeyView {
            key: k,
            exact,
            stem,
            variants,
        }
    }

    #[test]
    fn entries_share_prefixes_and_point_at_their_variants() {
        let keys = [
            key("run", "AAB", "AABBAC", vec![0, 1]),
            key("runs", "BAC", "", vec![]),
            key("𝔸x", "CAD", "", vec![]),
            key("𝔸y", "DAE", "", vec![]),
        ];
        let at = |i: usize| {
            let k: &KeyView = &keys[i];
            key(k.key, k.exact, k.stem, k.variants.clone())
        };
        let body = shard_body(at, 0..4);
        // "𝔸" is two UTF-16 code units: the shared prefix is "C" (2).
        assert_eq!(body, "Arun AAB =0.1,Ds BAC ,A𝔸x CAD ,Cy DAE ");
        // A variant in another shard: the postings are written out.
        assert_eq!(shard_body(at, 0..1), "Arun AAB AABBAC");
    }

    #[test]
    fn shared_prefixes_stop_at_63_code_units() {
        let a = "a".repeat(70);
        let b = format!("{}b", "a".repeat(69));
        assert_eq!(shared_prefix(&a, &b), (63, 63));
        assert_eq!(shared_prefix("é", "éa"), (1, 2));
    }
}
