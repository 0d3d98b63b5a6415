//! [`Project`]: one site, loaded once, built, and kept up to date change by
//! change. Outputs go to a [`Sink`]; what each output was made from goes
//! into the [`DepIndex`], which decides what a change renders again.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::deps::DepIndex;
use super::diff::{diff, page_changed};
use super::load::{self, State};
use crate::derive::{Body, OutputFile, generated, redirects};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::page::PageId;
use crate::model::site::Site;
use crate::output::Sink;
use crate::render::RenderCx;
use crate::render::highlight::Highlighter;
use crate::render::markdown::SectionText;
use crate::render::page::{NOT_FOUND, PageDeps, RenderedPage, Renderer};
use crate::source::content::ContentFiles;

#[derive(Debug, Clone, Default)]
pub struct ProjectOptions {
    pub root: PathBuf,
    /// Replaces base_url from site.yaml.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Files written, pages included.
    pub files: usize,
    pub elapsed: Duration,
    pub stages: Vec<(&'static str, Duration)>,
    /// What each page was made from, by path under `content/`.
    pub deps: BTreeMap<String, PageDeps>,
}

/// What a change did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeReport {
    /// Outputs rendered again: pages by path under `content/`, and
    /// `404.html`. Sorted.
    pub rendered: Vec<String>,
    /// Output files whose bytes changed, by path inside the output. Sorted.
    pub written: Vec<String>,
    /// Output files that are no longer made. Sorted.
    pub removed: Vec<String>,
}

pub struct Project {
    opts: ProjectOptions,
    content: ContentFiles,
    /// The last state that loaded without problems.
    state: State,
    highlighter: Highlighter,
    deps: DepIndex,
    /// Output path → hash of the bytes last written to the sink.
    written: BTreeMap<String, u64>,
    /// Set when the last change failed: the next one renders everything.
    stale: bool,
    /// The plain text of each heading section of each page, by path under
    /// `content/`, as last rendered (what the search index will read).
    sections: BTreeMap<String, Vec<SectionText>>,
    stages: Vec<(&'static str, Duration)>,
}

impl Project {
    /// Loads and validates the site at `opts.root`.
    pub fn load(opts: ProjectOptions) -> Result<Project, Diagnostics> {
        let site_yaml = load::site_yaml_path(&opts.root);
        if !site_yaml.is_file() {
            return Err(Diagnostic::global(
                Code::NotASite,
                format!(
                    "{} is not a verdict site: {} is missing (create one with `verdict init DIR`)",
                    opts.root.display(),
                    site_yaml.display()
                ),
            )
            .into());
        }
        let start = Instant::now();
        let content = ContentFiles::read(&opts.root);
        let mut stages = vec![("read", start.elapsed())];
        let state = load::load(&opts, &content, &mut stages)?;
        let highlighter = load::highlighter_for(&state.site, None);
        Ok(Project {
            opts,
            content,
            state,
            highlighter,
            deps: DepIndex::default(),
            written: BTreeMap::new(),
            stale: false,
            sections: BTreeMap::new(),
            stages,
        })
    }

    pub fn site(&self) -> &Site {
        &self.state.site
    }

    /// The plain text of each heading section of the page at `rel` (a path
    /// under `content/`), as last rendered.
    pub fn sections(&self, rel: &str) -> Option<&[SectionText]> {
        self.sections.get(rel).map(Vec::as_slice)
    }

    pub fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }

    /// Renders every page and writes every output file into `sink`.
    pub fn build(&mut self, sink: &dyn Sink) -> Result<BuildReport, Diagnostics> {
        let start = Instant::now();
        let all: BTreeSet<PageId> = (0..self.state.site.pages.len()).collect();
        let (rendered, files) = self.render_and_write(&all, true, sink, &BTreeSet::new())?;
        self.stages.push(("render", start.elapsed()));
        let pages = self.state.site.pages.len();
        let deps = rendered
            .into_iter()
            .filter(|(k, _)| k != NOT_FOUND)
            .collect();
        Ok(BuildReport {
            pages,
            files: files.len(),
            elapsed: self.stages.iter().map(|(_, d)| *d).sum(),
            stages: std::mem::take(&mut self.stages),
            deps,
        })
    }

    /// Takes the paths of changed files (created, edited or deleted, under
    /// the site root), loads what changed, renders again the outputs that
    /// read it, and writes the files whose bytes changed into `sink`. On
    /// problems the last good state is kept and the next change renders
    /// everything.
    pub fn apply_change(
        &mut self,
        paths: &[PathBuf],
        sink: &dyn Sink,
    ) -> Result<ChangeReport, Diagnostics> {
        let Touched {
            content: content_rels,
            all_content,
            other,
            copied,
        } = Touched::sort(&self.opts.root, paths);
        if content_rels.is_empty() && !all_content && !other {
            return Ok(ChangeReport::default());
        }
        self.reread(&content_rels, all_content);

        let mut stages = Vec::new();
        let new = match load::load(&self.opts, &self.content, &mut stages) {
            Ok(s) => s,
            Err(d) => {
                self.stale = true;
                return Err(d);
            }
        };
        let everything = self.stale
            || new.site_yaml != self.state.site_yaml
            || new.assets.names != self.state.assets.names
            || new.theme.statics.keys().ne(self.state.theme.statics.keys());
        let changed = diff(&self.state, &new);
        let old_site = std::mem::replace(&mut self.state, new);
        self.highlighter = load::highlighter_for(
            &self.state.site,
            Some(std::mem::take(&mut self.highlighter)),
        );

        let site = &self.state.site;
        let mut todo: BTreeSet<String> = if everything {
            site.pages.iter().map(|p| p.rel().to_string()).collect()
        } else {
            self.deps.affected(&changed)
        };
        if everything {
            todo.insert(NOT_FOUND.into());
        }
        for page in &site.pages {
            let rel = page.rel();
            if page_changed(&old_site.site, site, page.id) {
                todo.insert(rel.to_string());
            }
        }
        let removed_pages: Vec<String> = old_site
            .site
            .pages
            .iter()
            .map(|p| p.rel().to_string())
            .filter(|r| site.index.get(r).is_none())
            .collect();
        for r in &removed_pages {
            self.deps.forget(r);
            self.sections.remove(r);
            todo.remove(r);
        }

        let ids: BTreeSet<PageId> = todo.iter().filter_map(|r| site.index.get(r)).collect();
        let with_404 = todo.contains(NOT_FOUND);
        let before: BTreeSet<String> = self.written.keys().cloned().collect();
        let result = self.render_and_write(&ids, with_404 || everything, sink, &copied);
        let (rendered, files) = match result {
            Ok(r) => r,
            Err(d) => {
                self.stale = true;
                return Err(d);
            }
        };
        self.stale = false;
        let produced: BTreeSet<String> = self.produced();
        let removed: Vec<String> = before.difference(&produced).cloned().collect();
        for r in &removed {
            self.written.remove(r);
            sink.remove(r)?;
        }
        Ok(ChangeReport {
            rendered: rendered.into_keys().collect(),
            written: files,
            removed,
        })
    }

    /// Reads changed content files (or folders) again; all of `content/`
    /// when asked, or when the walk that found the files failed before.
    fn reread(&mut self, rels: &BTreeSet<String>, all: bool) {
        if all || self.content.walk_failed() {
            self.content = ContentFiles::read(&self.opts.root);
        } else {
            for r in rels {
                self.content.reread(r);
            }
        }
    }

    /// Every output path the current state makes.
    fn produced(&self) -> BTreeSet<String> {
        let site = &self.state.site;
        let mut out: BTreeSet<String> = site.pages.iter().map(|p| p.route.output_file()).collect();
        out.extend(self.derived().into_iter().map(|f| f.path));
        out.extend(self.state.assets.files.iter().map(|f| f.path.clone()));
        out.insert(NOT_FOUND.into());
        out
    }

    /// The alias redirects and the generated files of the current state.
    fn derived(&self) -> Vec<OutputFile> {
        let site = &self.state.site;
        let mut files = redirects::redirects(site);
        files.extend(generated(site));
        files
    }

    /// Renders `pages` (and the 404 page when asked), then writes every
    /// derived and static file whose bytes changed (every one when `all`,
    /// and copies whose source is in `copied`). Returns the deps of what
    /// was rendered and the paths written.
    fn render_and_write(
        &mut self,
        pages: &BTreeSet<PageId>,
        with_404: bool,
        sink: &dyn Sink,
        copied: &BTreeSet<PathBuf>,
    ) -> Result<(BTreeMap<String, PageDeps>, Vec<String>), Diagnostics> {
        let cx = RenderCx {
            site: &self.state.site,
            templates: &self.state.templates,
            highlighter: &self.highlighter,
        };
        let renderer = Renderer::new(&cx);
        let ids: Vec<PageId> = pages.iter().copied().collect();
        let results: Vec<Result<(String, RenderedPage), Diagnostics>> = ids
            .par_iter()
            .map(|&id| Ok((cx.site.pages[id].rel().to_string(), renderer.page(id)?)))
            .collect();
        let mut rendered = Diagnostics::collect(results)?;
        if with_404 {
            rendered.push((NOT_FOUND.to_string(), renderer.not_found()?));
        }
        let fresh = self.written.is_empty();
        let mut written = Vec::new();
        let mut deps = BTreeMap::new();
        let mut errors = Diagnostics::default();
        // Pages, in parallel; hashes are recorded afterwards in order.
        let writes: Vec<Result<Option<(String, u64)>, Diagnostic>> = rendered
            .par_iter()
            .map(|(_, page)| {
                let path = page.route.output_file();
                let hash = hash(page.html.as_bytes());
                if !fresh && self.written.get(&path) == Some(&hash) {
                    return Ok(None);
                }
                sink.write(&path, page.html.as_bytes())?;
                Ok(Some((path, hash)))
            })
            .collect();
        for w in writes {
            match w {
                Ok(Some((path, h))) => {
                    self.written.insert(path.clone(), h);
                    written.push(path);
                }
                Ok(None) => {}
                Err(d) => errors.push(d),
            }
        }
        for (key, page) in rendered {
            self.deps.record(&key, &page.deps);
            if key != NOT_FOUND {
                self.sections.insert(key.clone(), page.sections);
            }
            deps.insert(key, page.deps);
        }
        let mut files = self.derived();
        files.extend(self.state.assets.files.iter().cloned());
        let all = fresh || pages.len() == self.state.site.pages.len();
        let writes: Vec<Result<Option<(String, u64)>, Diagnostic>> = files
            .par_iter()
            .map(|f| match &f.body {
                Body::Bytes(b) => {
                    let h = hash(b);
                    if !all && self.written.get(&f.path) == Some(&h) {
                        return Ok(None);
                    }
                    sink.write(&f.path, b)?;
                    Ok(Some((f.path.clone(), h)))
                }
                Body::Copy(from) => {
                    let known = self.written.contains_key(&f.path);
                    if !all && known && !copied.iter().any(|c| from.starts_with(c)) {
                        return Ok(None);
                    }
                    sink.copy(&f.path, from)?;
                    Ok(Some((f.path.clone(), 0)))
                }
            })
            .collect();
        for w in writes {
            match w {
                Ok(Some((path, h))) => {
                    self.written.insert(path.clone(), h);
                    written.push(path);
                }
                Ok(None) => {}
                Err(d) => errors.push(d),
            }
        }
        written.sort();
        errors.finish((deps, written))
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The changed paths, sorted by what they touch.
struct Touched {
    /// Files or folders under `content/` (not site.yaml), relative to it.
    content: BTreeSet<String>,
    /// `content/` itself, or the site root: read all content again.
    all_content: bool,
    /// site.yaml, a theme or `static/`: settings, templates or assets.
    other: bool,
    /// Changed files and folders whose files may be copied to the output
    /// as they are (absolute, normalised).
    copied: BTreeSet<PathBuf>,
}

impl Touched {
    /// Paths outside `content/`, `themes/` and `static/` (the output, `.git`,
    /// files beside the site) touch nothing. Paths may be relative to the
    /// root or absolute, and may hold `.` and `..`.
    fn sort(root: &Path, paths: &[PathBuf]) -> Touched {
        let mut t = Touched {
            content: BTreeSet::new(),
            all_content: false,
            other: false,
            copied: BTreeSet::new(),
        };
        let root = normalise(root);
        for path in paths {
            let path = normalise(&if path.is_absolute() {
                path.clone()
            } else {
                root.join(path)
            });
            let Ok(rel) = path.strip_prefix(&root) else {
                continue;
            };
            let rel = crate::source::read::rel_path(Path::new(""), rel);
            let top = rel.split('/').next().unwrap_or("");
            match (top, rel.split_once('/').map(|(_, r)| r)) {
                ("", _) => {
                    t.all_content = true;
                    t.other = true;
                    t.copied.insert(path.clone());
                }
                ("content", None) => {
                    t.all_content = true;
                    t.other = true;
                    t.copied.insert(path.clone());
                }
                ("content", Some("site.yaml")) => t.other = true,
                ("content", Some(inner)) => {
                    t.content.insert(inner.to_string());
                    t.copied.insert(path.clone());
                }
                ("themes" | "static", _) => {
                    t.other = true;
                    t.copied.insert(path.clone());
                }
                _ => {}
            }
        }
        t
    }
}

/// `path` made absolute (against the current folder) with `.` and `..`
/// resolved lexically, so that a watcher's absolute paths and a relative
/// `--root` compare.
fn normalise(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}
