//! [`Project`]: one site, loaded once, built, and kept up to date change by
//! change. Outputs go to a [`Sink`]; what each output was made from goes
//! into the [`DepIndex`], which decides what a change renders again.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::deps::DepIndex;
use super::diff::{diff, page_changed};
use super::load::{self, State};
use crate::derive::search::{self, SearchPage, TermCache};
use crate::derive::{Body, OutputFile};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::page::PageId;
use crate::model::site::{BodyEdit, Site};
use crate::output::Sink;
use crate::render::RenderCx;
use crate::render::highlight::Highlighter;
use crate::render::markdown::SectionText;
use crate::render::page::{
    NOT_FOUND, PageDeps, RenderedPage, Renderer, SEARCH_PAGE, SEARCH_TEMPLATE,
};
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
    /// The search index files, as last made from `sections`.
    search: Vec<OutputFile>,
    /// The terms of each page's sections, as last analysed for the index
    /// (forgotten when the page is rendered again).
    terms: TermCache,
    stages: Vec<(&'static str, Duration)>,
}

impl Project {
    /// Loads and validates the site at `opts.root`.
    pub fn load(opts: ProjectOptions) -> Result<Project, Diagnostics> {
        check_site(&opts.root)?;
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
            search: Vec::new(),
            terms: TermCache::default(),
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

    /// How long each stage of the last successful change took.
    pub fn change_stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }

    /// Renders every page and writes every output file into `sink` (a fresh
    /// one: what earlier builds wrote elsewhere is forgotten).
    pub fn build(&mut self, sink: &dyn Sink) -> Result<BuildReport, Diagnostics> {
        let start = Instant::now();
        self.written.clear();
        self.terms = TermCache::default();
        let (rendered, mut files) = self.render_and_stream(sink)?;
        let deps = self.record(rendered);
        files.extend(self.write_files(sink, &Copies::All)?);
        self.stages.push(("render", start.elapsed()));
        let start = Instant::now();
        files.extend(self.write_search(sink)?);
        self.stages.push(("search index", start.elapsed()));
        Ok(BuildReport {
            pages: self.state.site.pages.len(),
            files: files.len(),
            elapsed: self.stages.iter().map(|(_, d)| *d).sum(),
            stages: std::mem::take(&mut self.stages),
            deps: deps.into_iter().filter(|(k, _)| !is_special(k)).collect(),
        })
    }

    /// Takes the paths of changed files or folders (created, edited or
    /// deleted, under the site root), loads what changed, renders again the
    /// outputs that read it, and writes the files whose bytes changed into
    /// `sink` (the sink the last build or change wrote to). On problems
    /// nothing is written, the last good state is kept, and the next change
    /// renders everything.
    pub fn apply_change(
        &mut self,
        paths: &[PathBuf],
        sink: &dyn Sink,
    ) -> Result<ChangeReport, Diagnostics> {
        let mut touched = Touched::sort(&self.opts.root, paths);
        if touched.is_empty() {
            return Ok(ChangeReport::default());
        }
        let mut clock = Clock::start();
        let followers = self.reread(&touched.content, touched.all_content);
        touched.content.extend(followers);
        clock.lap("read");
        let (todo, specials, undo) = match self.body_edits(&touched) {
            Some(Ok(edits)) => {
                let undo: Vec<BodyEdit> = edits
                    .into_iter()
                    .map(|e| self.state.site.apply(e))
                    .collect();
                let todo = undo.iter().map(|e| e.id).collect();
                clock.lap("patch");
                (todo, Vec::new(), Undo::Bodies(undo))
            }
            Some(Err(d)) => {
                self.stale = true;
                return Err(d);
            }
            None => {
                let mut stages = Vec::new();
                let new = load::load(&self.opts, &self.content, &mut stages).inspect_err(|_| {
                    self.stale = true;
                })?;
                clock.extend(stages);
                let old = std::mem::replace(&mut self.state, new);
                self.highlighter = load::highlighter_for(
                    &self.state.site,
                    Some(std::mem::take(&mut self.highlighter)),
                );
                let (todo, specials) = self.plan(&old);
                clock.lap("plan");
                (todo, specials, Undo::State(Box::new(old)))
            }
        };
        // A body edit makes the same outputs but for the search index's
        // shards; anything else may make others or fewer.
        let fast = matches!(undo, Undo::Bodies(_));
        let before: Option<BTreeSet<String>> =
            (!fast).then(|| self.written.keys().cloned().collect());
        let old_search: Vec<String> = self.search.iter().map(|f| f.path.clone()).collect();
        let rendered = match self.render(&todo, &specials) {
            Ok(r) => r,
            Err(d) => {
                // Render-time problems (a broken link, a template error):
                // the last good state stays, as with load-time problems.
                match undo {
                    Undo::State(old) => self.state = *old,
                    Undo::Bodies(edits) => {
                        for e in edits {
                            self.state.site.apply(e);
                        }
                    }
                }
                self.stale = true;
                return Err(d);
            }
        };
        clock.lap("render");
        let mut written = self.write_pages(&rendered, sink)?;
        let keys: Vec<String> = rendered.iter().map(|(k, _)| k.clone()).collect();
        self.record(rendered);
        let copies = if specials.contains(&NOT_FOUND) && todo.len() == self.state.site.pages.len() {
            Copies::All
        } else {
            Copies::Under(touched.copied)
        };
        written.extend(self.write_files(sink, &copies)?);
        clock.lap("write");
        written.extend(self.write_search(sink)?);
        clock.lap("search index");
        written.sort();
        self.stale = false;
        let removed: Vec<String> = match before {
            Some(before) => before.difference(&self.produced()).cloned().collect(),
            None => {
                let now: BTreeSet<&str> = self.search.iter().map(|f| f.path.as_str()).collect();
                let mut gone: Vec<String> = old_search
                    .into_iter()
                    .filter(|p| !now.contains(p.as_str()) && self.written.contains_key(p))
                    .collect();
                gone.sort();
                gone
            }
        };
        for r in &removed {
            self.written.remove(r);
            sink.remove(r)?;
        }
        let mut rendered = keys;
        rendered.sort();
        self.stages = clock.stages;
        Ok(ChangeReport {
            rendered,
            written,
            removed,
        })
    }

    /// The fast way through a change: when it touched only Markdown pages
    /// the site already has, and each kept its front matter and heading ids
    /// (an edit of the text, the usual save while writing), the model stays
    /// as it is but for those pages' sources, and only they are rendered
    /// again. `None` when the change needs a whole load; problems in the
    /// pages' links otherwise.
    fn body_edits(&self, touched: &Touched) -> Option<Result<Vec<BodyEdit>, Diagnostics>> {
        if self.stale || touched.other || touched.all_content || self.content.walk_failed() {
            return None;
        }
        let theme_ids = self.state.templates.literal_ids();
        let mut edits = Vec::new();
        let mut errors = Diagnostics::default();
        for rel in &touched.content {
            let source = self.content.page(rel)?.clone();
            match self.state.site.body_edit(source, &theme_ids)? {
                Ok(edit) => edits.push(edit),
                Err(d) => errors.extend(d),
            }
        }
        if edits.is_empty() && errors.is_empty() {
            return None;
        }
        Some(errors.finish(edits))
    }

    /// Which pages to render again after the state changed from `old` (and
    /// which special pages). Forgets the pages that are gone.
    fn plan(&mut self, old: &State) -> (BTreeSet<PageId>, Vec<&'static str>) {
        let new = &self.state;
        let site = &new.site;
        let everything = self.stale
            || new.site_yaml != old.site_yaml
            || new.assets.names != old.assets.names
            || new.theme.statics.keys().ne(old.theme.statics.keys());
        let mut todo: BTreeSet<String> = if everything {
            let mut all: BTreeSet<String> =
                site.pages.iter().map(|p| p.rel().to_string()).collect();
            all.extend(self.specials().iter().map(|s| s.to_string()));
            all
        } else {
            self.deps.affected(&diff(old, new))
        };
        todo.extend(
            site.pages
                .iter()
                .filter(|p| page_changed(&old.site, site, p.id))
                .map(|p| p.rel().to_string()),
        );
        for gone in old.site.pages.iter().map(|p| p.rel()) {
            if site.index.get(gone).is_none() {
                self.deps.forget(gone);
                self.sections.remove(gone);
            }
        }
        if !self.specials().contains(&SEARCH_PAGE) {
            self.deps.forget(SEARCH_PAGE);
        }
        let specials = self
            .specials()
            .into_iter()
            .filter(|s| todo.contains(*s) || !self.deps.knows(s))
            .collect();
        let ids = todo.iter().filter_map(|r| site.index.get(r)).collect();
        (ids, specials)
    }

    /// Reads changed content files (or folders) again; all of `content/`
    /// when asked, or when the walk that found the files failed before.
    /// Returns the files read again because they are symbolic links to a
    /// changed one (their pages changed too).
    fn reread(&mut self, rels: &BTreeSet<String>, all: bool) -> Vec<String> {
        if all || self.content.walk_failed() {
            self.content = ContentFiles::read(&self.opts.root);
            Vec::new()
        } else {
            rels.iter().flat_map(|r| self.content.reread(r)).collect()
        }
    }

    /// Every output path the current state makes.
    fn produced(&self) -> BTreeSet<String> {
        let state = &self.state;
        let pages = state.site.pages.iter().map(|p| p.route.output_file());
        let files = state
            .derived
            .iter()
            .chain(&state.assets.files)
            .map(|f| f.path.clone());
        let search = self.search.iter().map(|f| f.path.clone());
        let specials = self.specials().into_iter().map(String::from);
        pages.chain(files).chain(search).chain(specials).collect()
    }

    /// The pages every site has besides its own: the 404 page, and the
    /// search results page when the site has search and the theme a
    /// template for it. Keys (and output paths) of their renders.
    fn specials(&self) -> Vec<&'static str> {
        let mut out = vec![NOT_FOUND];
        if self.state.site.settings.config.search && self.state.templates.has(SEARCH_TEMPLATE) {
            out.push(SEARCH_PAGE);
        }
        out
    }

    /// Makes the search index from the pages' sections as last rendered and
    /// writes the files whose bytes changed. No files without search.
    fn write_search(&mut self, sink: &dyn Sink) -> Result<Vec<String>, Diagnostics> {
        let previous = std::mem::replace(
            &mut self.search,
            if self.state.site.settings.config.search {
                search_index(&self.state.site, &self.sections, &mut self.terms)
            } else {
                Vec::new()
            },
        );
        // Most shards are the same after a change: comparing bytes with the
        // last index is much cheaper than hashing them all again.
        let unchanged: BTreeMap<&str, &Arc<[u8]>> = previous
            .iter()
            .filter(|f| self.written.contains_key(&f.path))
            .filter_map(|f| match &f.body {
                Body::Bytes(b) => Some((f.path.as_str(), b)),
                Body::Copy(_) => None,
            })
            .collect();
        let same = |path: &str, b: &Arc<[u8]>| {
            unchanged
                .get(path)
                .is_some_and(|old| Arc::ptr_eq(old, b) || old[..] == b[..])
        };
        let items: Vec<(String, Src)> = self
            .search
            .iter()
            .filter_map(|f| match &f.body {
                Body::Bytes(b) if !same(&f.path, b) => Some((f.path.clone(), Src::Bytes(b))),
                _ => None,
            })
            .collect();
        let written = write_changed(&self.written, items, sink, &Copies::Under(BTreeSet::new()))?;
        Ok(self.note_written(written))
    }

    /// Renders `pages` (and the special pages named), in parallel; all or
    /// nothing.
    fn render(&self, pages: &BTreeSet<PageId>, specials: &[&str]) -> Result<Outputs, Diagnostics> {
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
        for &key in specials {
            rendered.push((key.to_string(), special(&renderer, key)?));
        }
        Ok(rendered)
    }

    /// Renders every page and the 404 page in parallel, writing each as soon
    /// as it is done (a build's sink is fresh and is thrown away when the
    /// build fails, so nothing needs holding back); the pages' HTML is not
    /// kept. Returns what each was made from and the paths written.
    fn render_and_stream(
        &mut self,
        sink: &dyn Sink,
    ) -> Result<(Outputs, Vec<String>), Diagnostics> {
        let cx = RenderCx {
            site: &self.state.site,
            templates: &self.state.templates,
            highlighter: &self.highlighter,
        };
        let renderer = Renderer::new(&cx);
        let write = |key: String, mut page: RenderedPage| -> Result<_, Diagnostics> {
            let path = page.route.output_file();
            sink.write(&path, page.html.as_bytes())?;
            let h = hash(page.html.as_bytes());
            page.html = String::new();
            Ok((key, page, path, h))
        };
        let specials = self.specials();
        let results: Vec<Result<_, Diagnostics>> = (0..cx.site.pages.len())
            .into_par_iter()
            .map(|id| write(cx.site.pages[id].rel().to_string(), renderer.page(id)?))
            .chain(
                specials
                    .par_iter()
                    .map(|&key| write(key.to_string(), special(&renderer, key)?)),
            )
            .collect();
        let mut rendered = Vec::with_capacity(results.len());
        let mut paths = Vec::with_capacity(results.len());
        for (key, page, path, h) in Diagnostics::collect(results)? {
            self.written.insert(path.clone(), h);
            paths.push(path);
            rendered.push((key, page));
        }
        Ok((rendered, paths))
    }

    /// Keeps what each rendered output was made from; returns it by output.
    fn record(&mut self, rendered: Outputs) -> BTreeMap<String, PageDeps> {
        let mut deps = BTreeMap::new();
        for (key, page) in rendered {
            self.deps.record(&key, &page.deps);
            if !is_special(&key) {
                self.terms.forget(&key);
                self.sections.insert(key.clone(), page.sections);
            }
            deps.insert(key, page.deps);
        }
        deps
    }

    /// Writes the rendered pages whose bytes changed.
    fn write_pages(
        &mut self,
        rendered: &[(String, RenderedPage)],
        sink: &dyn Sink,
    ) -> Result<Vec<String>, Diagnostics> {
        let items: Vec<(String, Src)> = rendered
            .iter()
            .map(|(_, p)| (p.route.output_file(), Src::Bytes(p.html.as_bytes())))
            .collect();
        let none = Copies::Under(BTreeSet::new());
        let written = write_changed(&self.written, items, sink, &none)?;
        Ok(self.note_written(written))
    }

    /// Writes the derived files and assets whose bytes changed, and the
    /// copies `copies` asks for.
    fn write_files(
        &mut self,
        sink: &dyn Sink,
        copies: &Copies,
    ) -> Result<Vec<String>, Diagnostics> {
        let items: Vec<(String, Src)> = self
            .state
            .derived
            .iter()
            .chain(&self.state.assets.files)
            .map(|f| {
                let src = match &f.body {
                    Body::Bytes(b) => Src::Bytes(b),
                    Body::Copy(p) => Src::Copy(p),
                };
                (f.path.clone(), src)
            })
            .collect();
        let written = write_changed(&self.written, items, sink, copies)?;
        Ok(self.note_written(written))
    }

    /// Records the hashes of files just written; returns their paths.
    fn note_written(&mut self, written: Vec<(String, u64)>) -> Vec<String> {
        let mut paths = Vec::with_capacity(written.len());
        for (path, h) in written {
            self.written.insert(path.clone(), h);
            paths.push(path);
        }
        paths
    }
}

/// Rendered outputs by key: a page's path under `content/`, or the output
/// path of a special page (`404.html`, `search/index.html`).
type Outputs = Vec<(String, RenderedPage)>;

/// Times the stages of a change, one after another.
struct Clock {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }

    /// Stages timed elsewhere, up to now.
    fn extend(&mut self, stages: Vec<(&'static str, Duration)>) {
        self.stages.extend(stages);
        self.last = Instant::now();
    }
}

fn is_special(key: &str) -> bool {
    key == NOT_FOUND || key == SEARCH_PAGE
}

fn special(renderer: &Renderer, key: &str) -> Result<RenderedPage, Diagnostics> {
    let page = if key == SEARCH_PAGE {
        renderer.search_page()?
    } else {
        renderer.not_found()?
    };
    Ok(page)
}

/// The search index of `site`: every page that is not a draft and does not
/// opt out, in the site's page order, with its sections as last rendered.
fn search_index(
    site: &Site,
    sections: &BTreeMap<String, Vec<SectionText>>,
    terms: &mut TermCache,
) -> Vec<OutputFile> {
    let relative = site.settings.config.relative_urls;
    let url_of = |id: PageId| {
        let route = &site.pages[id].route;
        if relative {
            route.output_file()
        } else {
            route.as_str().to_string()
        }
    };
    let pages: Vec<SearchPage> = site
        .pages
        .iter()
        .filter(|p| !p.source.front.draft && p.source.front.search)
        .map(|p| SearchPage {
            key: p.rel(),
            url: url_of(p.id),
            title: p.title(),
            description: p.source.front.description.as_deref().unwrap_or(""),
            sections: sections.get(p.rel()).map_or(&[], Vec::as_slice),
        })
        .collect();
    let answers = search::answers(site, &|rel| site.index.get(rel).map(url_of));
    search::index(&pages, &answers, terms)
}

/// What to write at a path: bytes, or a file on disk to copy.
enum Src<'a> {
    Bytes(&'a [u8]),
    Copy(&'a Path),
}

/// Writes, in parallel, each file whose bytes differ from what `written`
/// says was last written at its path (a copy: when `copies` includes it, or
/// when it was never written). Returns the paths written with their hashes.
fn write_changed(
    written: &BTreeMap<String, u64>,
    items: Vec<(String, Src)>,
    sink: &dyn Sink,
    copies: &Copies,
) -> Result<Vec<(String, u64)>, Diagnostics> {
    let results: Vec<Result<Option<(String, u64)>, Diagnostics>> = items
        .par_iter()
        .map(|(path, src)| {
            let done = match src {
                Src::Bytes(b) => {
                    let h = hash(b);
                    if written.get(path) == Some(&h) {
                        return Ok(None);
                    }
                    sink.write(path, b).map(|()| h)
                }
                Src::Copy(from) => {
                    if written.contains_key(path) && !copies.includes(from) {
                        return Ok(None);
                    }
                    sink.copy(path, from).map(|()| 0)
                }
            };
            done.map(|h| Some((path.clone(), h)))
                .map_err(Diagnostics::from)
        })
        .collect();
    Ok(Diagnostics::collect(results)?
        .into_iter()
        .flatten()
        .collect())
}

/// Which files copied from disk (static files, files beside pages) to copy
/// again even though they were copied before.
enum Copies {
    All,
    /// Those at or under these (absolute) paths.
    Under(BTreeSet<PathBuf>),
}

impl Copies {
    fn includes(&self, from: &Path) -> bool {
        match self {
            Copies::All => true,
            Copies::Under(paths) => {
                let from = normalise(from);
                paths.iter().any(|p| from.starts_with(p))
            }
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// `root` holds a site (`content/site.yaml`), or the usage error that says
/// it does not.
pub fn check_site(root: &Path) -> Result<(), Diagnostic> {
    let site_yaml = load::site_yaml_path(root);
    if site_yaml.is_file() {
        return Ok(());
    }
    Err(Diagnostic::global(
        Code::NotASite,
        format!(
            "{} is not a verdict site: {} is missing (create one with `verdict init DIR`)",
            root.display(),
            site_yaml.display()
        ),
    ))
}

/// How to go back to the last good state when rendering a change fails.
enum Undo {
    /// The state before a whole load.
    State(Box<State>),
    /// The pages' sources before a body edit.
    Bodies(Vec<BodyEdit>),
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
    fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.all_content && !self.other
    }

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
