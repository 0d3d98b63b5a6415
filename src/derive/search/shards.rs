//! Cutting the index into files: term shards of roughly equal size, text
//! shards of a few pages each, the answers, and the directory that names
//! them. Each is a classic script calling `verdictSearch.<kind>(…)`.

use serde::Serialize;

use super::{Answer, FOLDER, Key, SearchPage};
use crate::derive::assets::hashed_name;
use crate::derive::{Body, OutputFile};

/// Bytes of keys and postings per term shard, about: small enough that a
/// query's shards stay a few kilobytes each, large enough that the
/// directory stays small on a 10,000-page site.
const TERM_SHARD_BYTES: usize = 24 * 1024;
/// Bytes of text per text shard, about.
const TEXT_SHARD_BYTES: usize = 12 * 1024;

#[derive(Serialize)]
pub(super) struct Directory {
    pub v: u32,
    pub sections: usize,
    pub pages: usize,
    /// (first key, file name) per term shard.
    pub terms: Vec<(String, String)>,
    pub text: Vec<String>,
    pub per: usize,
    pub answers: Option<String>,
}

pub(super) fn directory(dir: &Directory) -> OutputFile {
    script(super::DIRECTORY.to_string(), "dir", &json(dir))
}

/// Term shards into `files`; returns (first key, file name) of each.
pub(super) fn term_shards(keys: &[Key], files: &mut Vec<OutputFile>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, k) in keys.iter().enumerate() {
        size += k.key.len() + k.exact.len() + k.stem.len() + 9;
        if size >= TERM_SHARD_BYTES || i + 1 == keys.len() {
            let n = out.len();
            let chunk = &keys[start..=i];
            let names: Vec<&str> = chunk.iter().map(|k| k.key.as_str()).collect();
            let exact: Vec<&str> = chunk.iter().map(|k| k.exact.as_str()).collect();
            let stem: Vec<&str> = chunk.iter().map(|k| k.stem.as_str()).collect();
            let args = format!("{n},{},{},{}", json(&names), json(&exact), json(&stem));
            let file = hashed(&format!("t{n}.js"), "terms", &args);
            out.push((chunk[0].key.clone(), file_name(&file)));
            files.push(file);
            start = i + 1;
            size = 0;
        }
    }
    out
}

/// A page in a text shard: URL, title, and (anchor, heading, text) per section.
type TextPage<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str, &'a str)>);

/// Text shards into `files`; returns their names and pages per shard.
pub(super) fn text_shards(
    pages: &[SearchPage],
    files: &mut Vec<OutputFile>,
) -> (Vec<String>, usize) {
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
    let mut names = Vec::new();
    for (n, chunk) in pages.chunks(per).enumerate() {
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
        let file = hashed(&format!("x{n}.js"), "text", &format!("{n},{}", json(&list)));
        names.push(file_name(&file));
        files.push(file);
    }
    (names, per)
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
        body: Body::Bytes(body.into_bytes()),
        origin: "the search index".into(),
    }
}

fn script(path: String, call: &str, args: &str) -> OutputFile {
    OutputFile {
        path,
        body: Body::Bytes(format!("verdictSearch.{call}({args});\n").into_bytes()),
        origin: "the search index".into(),
    }
}

fn file_name(f: &OutputFile) -> String {
    f.path[FOLDER.len()..].to_string()
}
