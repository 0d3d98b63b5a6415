//! Loading: reads a site's `content/` folder from disk.
//!
//! In: the site root. Out: a [`Source`]: every page with its parsed front
//! matter, every data file as a value, and the other files (images beside
//! pages) to copy. Nothing here knows about URLs or templates. Files are read
//! and parsed in parallel; all problems are collected and returned together.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::frontmatter::{self, FrontMatter, Layout};
use super::headings;
use super::links::{self, LinkRef};
use super::read::{Found, Hidden, is_editor_junk, read_text, site_folder, stays_inside, walk};
use super::yaml::YamlDoc;
use crate::diag::{Code, Diagnostic, Diagnostics};
use rayon::prelude::*;
use serde_json::Value;

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
    /// Heading ids, in document order (see [`headings::anchors`]).
    pub anchors: Vec<String>,
    /// Link and image destinations, in document order.
    pub links: Vec<LinkRef>,
}

impl SourcePage {
    pub(crate) fn body(&self) -> &str {
        &self.file.text[self.layout.body_start..]
    }

    /// The front matter as a YAML document, for placing later errors.
    pub(crate) fn front_doc(&self) -> YamlDoc<'_> {
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

#[derive(Debug, Clone)]
pub struct Source {
    pub pages: Vec<SourcePage>,
    /// `data.<folder>.<file>` as one nested value (without the guides).
    pub data: Value,
    pub assets: Vec<ContentAsset>,
    /// The files of `content/data/guides/<id>/`, kept as text: the guide
    /// model parses them itself, with positions for its checks.
    pub guide_files: Vec<SourceFile>,
}

/// Where guide folders live under `content/`: `data/guides/<id>/<file>.yaml`.
pub(crate) const GUIDES_DIR: &str = "data/guides/";

/// True for the files under `data/guides/`, which the guide model parses
/// itself (with positions for its checks), once, and places (a file outside
/// a guide folder is its error): none of them are part of `data`.
pub(crate) fn is_guide_file(rel: &str) -> bool {
    rel.starts_with(GUIDES_DIR)
}

/// One file of `content/`, read and parsed (or why it could not be).
#[derive(Debug, Clone)]
enum Loaded {
    Page(Box<SourcePage>),
    Data(PathBuf, Value),
    GuideFile(SourceFile),
    Asset(ContentAsset),
    Failed(Diagnostics),
}

/// The files of `content/`, each read and parsed on its own, so that one
/// changed file is read again without the others ([`ContentFiles::reread`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct ContentFiles {
    content: PathBuf,
    /// The site folder, canonical: no file is read from outside it.
    site: PathBuf,
    files: BTreeMap<String, Loaded>,
    /// The files read through a symbolic link, with the canonical path of
    /// what they read: a change there is a change of theirs.
    links: BTreeMap<String, PathBuf>,
    /// Folders the walk could not read.
    walk_errors: Diagnostics,
}

impl ContentFiles {
    /// Reads and parses every file of `root/content`, in parallel.
    pub(crate) fn read(root: &Path) -> ContentFiles {
        let content = root.join("content");
        let site = site_folder(root);
        let (found, walk_errors) = walk(&content, Hidden::Skip, &site);
        let canonical = content.canonicalize().unwrap_or_else(|_| content.clone());
        let links = found
            .iter()
            .filter_map(|f| link_target(&canonical, f))
            .collect();
        let files = found
            .into_par_iter()
            .filter(|f| f.rel != "site.yaml")
            .map(|f| (f.rel.clone(), parse_file(f)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        ContentFiles {
            content,
            site,
            files,
            links,
            walk_errors,
        }
    }

    /// Reads the file or folder at `rel` (under `content/`) again: a file
    /// is parsed again, a folder's files are all read again (and the ones
    /// gone from it forgotten), and a path that is gone is forgotten with
    /// everything under it. Hidden files, editor files and `site.yaml` are
    /// skipped, as the first read skips them. Files that are symbolic links
    /// to what changed (or into it) are read again too; returns their keys.
    pub fn reread(&mut self, rel: &str) -> Vec<String> {
        let rel = rel.trim_end_matches('/');
        self.reread_one(rel);
        // Files that are links to what changed (or into it) read it again.
        let path = self.content.join(rel);
        let changed = path.canonicalize().unwrap_or_else(|_| {
            let parent = path.parent().and_then(|p| p.canonicalize().ok());
            match (parent, path.file_name()) {
                (Some(p), Some(name)) => p.join(name),
                _ => path.clone(),
            }
        });
        let prefix = format!("{rel}/");
        let followers: Vec<String> = self
            .links
            .iter()
            .filter(|(k, target)| {
                *k != rel && !k.starts_with(&prefix) && target.starts_with(&changed)
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in &followers {
            self.reread_one(k);
        }
        followers
    }

    /// [`ContentFiles::reread`] for `rel` alone.
    fn reread_one(&mut self, rel: &str) {
        let path = self.content.join(rel);
        let canonical = self
            .content
            .canonicalize()
            .unwrap_or_else(|_| self.content.clone());
        let prefix = format!("{rel}/");
        let under = |k: &String| k == rel || k.starts_with(&prefix);
        if path.is_dir() {
            let (found, errors) = walk(&path, Hidden::Skip, &self.site);
            self.walk_errors.extend(errors);
            self.files.retain(|k, _| !under(k));
            self.links.retain(|k, _| !under(k));
            for mut f in found {
                f.rel = format!("{prefix}{}", f.rel);
                // The folder itself, or one above it, may be a link.
                f.linked = true;
                if let Some((k, target)) = link_target(&canonical, &f) {
                    self.links.insert(k, target);
                }
                if !skipped(&f.rel) {
                    self.files.insert(f.rel.clone(), parse_file(f));
                }
            }
        } else if path.is_file() && !skipped(rel) {
            // A file where a folder was: the folder's files are gone.
            self.files.retain(|k, _| !k.starts_with(&prefix));
            self.links.retain(|k, _| !under(k));
            let found = Found {
                rel: rel.to_string(),
                path: path.clone(),
                linked: true,
            };
            if let Some((k, target)) = link_target(&canonical, &found) {
                self.links.insert(k, target);
            }
            let loaded = match stays_inside(&path, &self.site) {
                Ok(()) => parse_file(found),
                Err(d) => Loaded::Failed(d.into()),
            };
            self.files.insert(rel.to_string(), loaded);
        } else {
            self.files.retain(|k, _| !under(k));
            self.links.retain(|k, _| !under(k));
            // A link whose target is gone: the walk cannot read it either.
            if path.is_symlink()
                && !skipped(rel)
                && let Err(d) = stays_inside(&path, &self.site)
            {
                self.files.insert(rel.to_string(), Loaded::Failed(d.into()));
            }
        }
    }

    /// The page read from the file at `rel`, if it is one and read
    /// without problems.
    pub(crate) fn page(&self, rel: &str) -> Option<&SourcePage> {
        match self.files.get(rel)? {
            Loaded::Page(page) => Some(page),
            _ => None,
        }
    }

    /// Whether the walk that found the files failed somewhere (a later
    /// change then needs a whole new read).
    pub(crate) fn walk_failed(&self) -> bool {
        !self.walk_errors.is_empty()
    }

    /// Everything read, with every problem of every file.
    pub(crate) fn source(&self) -> Result<Source, Diagnostics> {
        let mut errors = self.walk_errors.clone();
        let mut pages = Vec::new();
        let mut data_values = Vec::new();
        let mut assets = Vec::new();
        let mut guide_files = Vec::new();
        for (rel, loaded) in &self.files {
            match loaded {
                Loaded::Page(page) => pages.push((**page).clone()),
                Loaded::Data(path, value) => {
                    data_values.push((path.clone(), rel.clone(), value.clone()))
                }
                Loaded::GuideFile(file) => guide_files.push(file.clone()),
                Loaded::Asset(asset) => assets.push(asset.clone()),
                Loaded::Failed(d) => errors.extend(d.0.iter().cloned()),
            }
        }
        let data = nest_data(data_values).unwrap_or_else(|d| {
            errors.extend(d.0);
            Value::Null
        });
        errors.finish(Source {
            pages,
            data,
            assets,
            guide_files,
        })
    }
}

/// Paths a read of `content/` never takes: settings, hidden and editor files.
/// A file read through a link: its key and the canonical path it reads.
/// `content` is the canonical `content/`; a file whose canonical path is
/// its own place under it (whatever `linked` says) gives `None`.
fn link_target(content: &Path, f: &Found) -> Option<(String, PathBuf)> {
    if !f.linked {
        return None;
    }
    let target = f.path.canonicalize().ok()?;
    (target != content.join(&f.rel)).then(|| (f.rel.clone(), target))
}

fn skipped(rel: &str) -> bool {
    rel == "site.yaml" || is_editor_junk(rel) || rel.split('/').any(|s| s.starts_with('.'))
}

fn parse_file(f: Found) -> Loaded {
    let ext = f.path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let result = if f.rel.starts_with("data/") {
        if ext != "yaml" && ext != "yml" {
            Err(Diagnostic::in_file(
                Code::DataConflict,
                &f.path,
                "only .yaml and .yml files belong in content/data/",
            )
            .into())
        } else if is_guide_file(&f.rel) {
            read_text(&f.path)
                .map(|text| {
                    Loaded::GuideFile(SourceFile {
                        path: f.path,
                        rel: f.rel,
                        text,
                    })
                })
                .map_err(Diagnostics::from)
        } else {
            parse_data(f)
        }
    } else if ext == "md" {
        parse_page(f)
    } else {
        Ok(Loaded::Asset(ContentAsset {
            rel: f.rel,
            path: f.path,
        }))
    };
    result.unwrap_or_else(Loaded::Failed)
}

fn parse_page(Found { rel, path, .. }: Found) -> Result<Loaded, Diagnostics> {
    let text = read_text(&path)?;
    let (front, layout) = frontmatter::parse(&path, &text)?;
    let is_index = rel == "_index.md" || rel.ends_with("/_index.md");
    let anchors = headings::anchors(&path, &text, layout.body_start, &[])?;
    let links = links::links(&text[layout.body_start..], layout.body_start);
    Ok(Loaded::Page(Box::new(SourcePage {
        file: SourceFile { path, rel, text },
        front,
        layout,
        is_index,
        anchors,
        links,
    })))
}

fn parse_data(Found { path, .. }: Found) -> Result<Loaded, Diagnostics> {
    let text = read_text(&path)?;
    let value: Value = YamlDoc::whole(&path, &text).parse()?;
    Ok(Loaded::Data(path, value))
}

/// Builds `{"guides": {"nodepy": {"criteria": ...}}}` from data files.
fn nest_data(files: Vec<(PathBuf, String, Value)>) -> Result<Value, Diagnostics> {
    let mut root = serde_json::Map::new();
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut errors = Diagnostics::default();
    for (path, rel, value) in files {
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
                Code::DataConflict,
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
                Code::DataConflict,
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
