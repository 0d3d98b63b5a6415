//! Loading: reads a site's `content/` folder from disk.
//!
//! In: the site root. Out: a [`Source`]: every page with its parsed front
//! matter, every data file as a value, and the other files (images beside
//! pages) to copy. Nothing here knows about URLs or templates. Files are read
//! and parsed in parallel; all problems are collected and returned together.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::frontmatter::{self, FrontMatter, Layout};
use crate::yaml::YamlDoc;

/// A file of the site, read into memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in diagnostics (the site root joined with `rel`).
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct SourcePage {
    pub file: SourceFile,
    pub front: FrontMatter,
    pub layout: Layout,
    /// `_index.md`: the page of its folder (a section).
    pub is_index: bool,
}

impl SourcePage {
    pub fn body(&self) -> &str {
        &self.file.text[self.layout.body_start..]
    }

    /// The front matter as a YAML document, for placing later errors.
    pub fn front_doc(&self) -> YamlDoc<'_> {
        YamlDoc::slice(
            &self.file.path,
            &self.file.text,
            self.layout.yaml_start,
            self.layout.yaml_end,
        )
    }
}

/// A file under `content/` that is neither a page nor data: copied as is.
#[derive(Debug, Clone)]
pub struct ContentAsset {
    pub rel: String,
    pub path: PathBuf,
}

#[derive(Debug)]
pub struct Source {
    pub pages: Vec<SourcePage>,
    /// `data.<folder>.<file>` as one nested value.
    pub data: Value,
    pub assets: Vec<ContentAsset>,
    /// The files of `content/data/guides/<id>/`, kept as text: the guide
    /// model parses them itself, with positions for its checks.
    pub guide_files: Vec<SourceFile>,
}

enum Entry {
    Page(PathBuf, String),
    Data(PathBuf, String),
    Asset(PathBuf, String),
}

/// Reads `root/content`. `site.yaml` is skipped (settings load it).
pub fn load(root: &Path) -> Result<Source, Diagnostics> {
    let content = root.join("content");
    let mut errors = Diagnostics::default();
    let mut entries = Vec::new();
    // Symbolic links are followed (a loop is reported as an error).
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content.clone());
                errors.push(Diagnostic::in_file(&path, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let rel = rel_path(&content, &path);
        if rel == "site.yaml" {
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if rel.starts_with("data/") {
            if ext == "yaml" || ext == "yml" {
                entries.push(Entry::Data(path, rel));
            } else {
                errors.push(Diagnostic::in_file(
                    &path,
                    "only .yaml and .yml files belong in content/data/",
                ));
            }
        } else if ext == "md" {
            entries.push(Entry::Page(path, rel));
        } else if !is_editor_junk(&rel) {
            entries.push(Entry::Asset(path, rel));
        }
    }

    let parsed: Vec<Result<Parsed, Diagnostics>> =
        entries.into_par_iter().map(parse_entry).collect();
    let mut pages = Vec::new();
    let mut data_values = Vec::new();
    let mut assets = Vec::new();
    for p in parsed {
        match p {
            Ok(Parsed::Page(page)) => pages.push(*page),
            Ok(Parsed::Data(path, rel, text, value)) => data_values.push((path, rel, text, value)),
            Ok(Parsed::Asset(asset)) => assets.push(asset),
            Err(d) => errors.extend(d.0),
        }
    }
    let guide_files = data_values
        .iter()
        .filter(|(_, rel, _, _)| crate::guides::is_guide_file(rel))
        .map(|(path, rel, text, _)| SourceFile {
            path: path.clone(),
            rel: rel.clone(),
            text: text.clone(),
        })
        .collect();
    let data = match nest_data(data_values) {
        Ok(v) => v,
        Err(d) => {
            errors.extend(d.0);
            Value::Null
        }
    };
    errors.finish(Source {
        pages,
        data,
        assets,
        guide_files,
    })
}

enum Parsed {
    Page(Box<SourcePage>),
    Data(PathBuf, String, String, Value),
    Asset(ContentAsset),
}

fn parse_entry(entry: Entry) -> Result<Parsed, Diagnostics> {
    match entry {
        Entry::Asset(path, rel) => Ok(Parsed::Asset(ContentAsset { rel, path })),
        Entry::Page(path, rel) => {
            let text = read_text(&path)?;
            let (front, layout) = frontmatter::parse(&path, &text)?;
            let is_index = rel == "_index.md" || rel.ends_with("/_index.md");
            Ok(Parsed::Page(Box::new(SourcePage {
                file: SourceFile { path, rel, text },
                front,
                layout,
                is_index,
            })))
        }
        Entry::Data(path, rel) => {
            let text = read_text(&path)?;
            let value: Value = YamlDoc::whole(&path, &text).parse()?;
            Ok(Parsed::Data(path, rel, text, value))
        }
    }
}

pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::in_file(path, format!("cannot read: {e}")))?;
    // A UTF-8 byte-order mark is not text: editors show no column for it.
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid).into_owned();
        Diagnostic::at_offset(
            path,
            &text,
            text.len(),
            "file is not valid UTF-8 from here on",
        )
    })
}

/// Builds `{"guides": {"nodepy": {"criteria": ...}}}` from data files.
fn nest_data(files: Vec<(PathBuf, String, String, Value)>) -> Result<Value, Diagnostics> {
    let mut root = serde_json::Map::new();
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut errors = Diagnostics::default();
    for (path, rel, _, value) in files {
        let inner = rel.trim_start_matches("data/");
        let stem = inner.rsplit_once('.').map_or(inner, |(s, _)| s);
        let keys: Vec<&str> = stem.split('/').collect();
        // Two files claiming one key (`a.yaml` and `a.yml`, or `a.yaml` and `a/`) is ambiguous.
        let mut conflict = None;
        for depth in 1..=keys.len() {
            let prefix = keys[..depth].join("/");
            if let Some(other) = owners.get(&prefix) {
                conflict = Some(other.clone());
            }
        }
        if let Some(other) = conflict {
            errors.push(Diagnostic::in_file(
                &path,
                format!(
                    "data key `{}` is also defined by {}",
                    keys.join("."),
                    other.display()
                ),
            ));
            continue;
        }
        owners.insert(stem.to_string(), path.clone());
        let mut map = &mut root;
        for k in &keys[..keys.len() - 1] {
            let slot = map
                .entry((*k).to_string())
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
            map = match slot {
                Value::Object(m) => m,
                _ => unreachable!("folders only ever hold objects"),
            };
        }
        let last = keys[keys.len() - 1].to_string();
        if map.contains_key(&last) {
            errors.push(Diagnostic::in_file(
                &path,
                format!(
                    "data key `{}` is also a folder of data files",
                    keys.join(".")
                ),
            ));
            continue;
        }
        map.insert(last, value);
    }
    errors.finish(Value::Object(root))
}

pub fn rel_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Temporary files editors leave beside the ones being edited.
pub fn is_editor_junk(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913"
}
