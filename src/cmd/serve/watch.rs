//! The watcher of `verdict serve`: file events from the site's folders
//! (`content/`, `themes/`, `static/` in depth, the root itself not;
//! directories, not single files, so atomic saves that replace a file are
//! seen), debounced, filtered (editor files, `.git`, the output folder),
//! then applied through the engine. A rescan request from the OS (events
//! were lost) rebuilds everything. Pages are told to reload only after the
//! new files are in memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use super::paths::relevant;
use super::{ServeEvent, Shared, first_build};
use crate::diag::{Code, Diagnostic};
use crate::engine::{ChangeReport, Project, ProjectOptions};

/// How long the watcher waits for a burst of events to end.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// The watches, started before the first build so that nothing saved
/// after serve starts is missed.
pub struct Watcher {
    watching: Watching,
    rx: Receiver<DebounceEventResult>,
    deep: Deep,
}

/// The site's folders watched in depth, each with the identity of the
/// folder watched: a folder deleted and made again (`rm -rf content && cp
/// -a backup content`, a `git checkout`) is another folder under the same
/// name, whose watch must start again.
type Deep = BTreeMap<&'static str, Option<FolderId>>;

impl Watcher {
    pub fn start(
        root: &Path,
        poll: bool,
        tell: &mut impl FnMut(ServeEvent),
    ) -> Result<Watcher, Diagnostic> {
        let (tx, rx) = channel::<DebounceEventResult>();
        let watch_error = |e: notify::Error| {
            Diagnostic::global(Code::Io, format!("cannot watch {}: {e}", root.display()))
        };
        let mut watching = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(250));
            Watching::Poll(
                new_debouncer_opt::<_, notify::PollWatcher, _>(
                    DEBOUNCE,
                    None,
                    tx,
                    RecommendedCache::new(),
                    config,
                )
                .map_err(watch_error)?,
            )
        } else {
            Watching::Os(new_debouncer(DEBOUNCE, None, tx).map_err(watch_error)?)
        };
        // The root alone (site.yaml beside content/, folders coming and going),
        // and the site's own folders in depth: never target/, node_modules/ or
        // the output, which can hold many folders and change all the time.
        watching
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        let mut deep = Deep::new();
        let _ = watching.follow(root, &mut deep, tell);
        Ok(Watcher { watching, rx, deep })
    }
}

pub fn run(
    root: &Path,
    watcher: Watcher,
    mut project: Option<Project>,
    opts: ProjectOptions,
    shared: Arc<Shared>,
    mut tell: impl FnMut(ServeEvent),
) -> Result<(), Diagnostic> {
    let Watcher {
        mut watching,
        rx,
        mut deep,
    } = watcher;
    let out = root.join("public");
    while let Ok(first) = rx.recv() {
        // Take everything already waiting: one rebuild for a burst.
        let mut batches = vec![first];
        while let Ok(more) = rx.try_recv() {
            batches.push(more);
        }
        let mut paths = Vec::new();
        let mut rescan = false;
        for batch in batches {
            match batch {
                Ok(events) => {
                    for e in events {
                        rescan |= e.need_rescan();
                        if changes_content(&e.event.kind) {
                            paths.extend(e.event.paths.iter().cloned());
                        }
                    }
                }
                Err(errors) => {
                    rescan = true;
                    for e in errors {
                        tell(ServeEvent::Warning(format!(
                            "file watcher: {e}; rebuilding everything"
                        )));
                    }
                }
            }
        }
        paths.extend(watching.follow(root, &mut deep, &mut tell));
        let mut paths = relevant(&paths, root, Some(&out));
        if rescan {
            paths = vec![root.to_path_buf()];
        }
        if paths.is_empty() {
            continue;
        }
        let start = Instant::now();
        match project.as_mut() {
            None => {
                project = first_build(&opts, &shared, &mut tell);
                shared.broadcast("reload", "{}");
            }
            Some(p) => match p.apply_change(&paths, &shared.memory) {
                Ok(report) => {
                    // site.yaml may have moved the site to another base path.
                    *shared.base.lock().unwrap_or_else(|e| e.into_inner()) =
                        p.site().urls().base_path().to_string();
                    let was_failing = shared
                        .overlay
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .is_some();
                    shared.set_overlay(None);
                    match css_swap(&paths, &report) {
                        Some(map) if !was_failing => shared.broadcast("css", &map),
                        _ if report.written.is_empty()
                            && report.removed.is_empty()
                            && !was_failing => {}
                        _ => shared.broadcast("reload", "{}"),
                    }
                    if !report.rendered.is_empty()
                        || !report.written.is_empty()
                        || !report.removed.is_empty()
                    {
                        tell(ServeEvent::Changed {
                            report,
                            elapsed: start.elapsed(),
                            stages: p.change_stages().to_vec(),
                        });
                    }
                }
                Err(d) => {
                    shared.set_overlay(Some(&d));
                    shared.broadcast("reload", "{}");
                    tell(ServeEvent::Failed(d));
                }
            },
        }
    }
    Ok(())
}

/// The site's folders watched in depth.
const FOLDERS: [&str; 3] = ["content", "themes", "static"];

enum Watching {
    Os(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<notify::PollWatcher, RecommendedCache>),
}

impl Watching {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watching::Os(d) => d.watch(path, mode),
            Watching::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) {
        // The folder may be gone already, and its watch with it.
        let _ = match self {
            Watching::Os(d) => d.unwatch(path),
            Watching::Poll(d) => d.unwatch(path),
        };
    }

    /// Watches in depth each of the site's folders that exists and is not
    /// watched yet (one made after serve started, or deleted and made
    /// again, though both happened between two looks); forgets those that
    /// are gone. Returns the folders newly watched: what was written in
    /// them before the watch began is read as a change of the whole folder.
    fn follow(
        &mut self,
        root: &Path,
        deep: &mut Deep,
        tell: &mut impl FnMut(ServeEvent),
    ) -> Vec<PathBuf> {
        let mut new = Vec::new();
        for name in FOLDERS {
            let dir = root.join(name);
            let Some(meta) = std::fs::metadata(&dir).ok().filter(|m| m.is_dir()) else {
                if deep.remove(name).is_some() {
                    self.unwatch(&dir);
                }
                continue;
            };
            let id = folder_id(&meta);
            match deep.get(name) {
                Some(watched) if *watched == id => continue,
                Some(_) => self.unwatch(&dir),
                None => {}
            }
            deep.remove(name);
            match self.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => {
                    deep.insert(name, id);
                    new.push(dir);
                }
                Err(e) => tell(ServeEvent::Warning(format!(
                    "cannot watch {}: {e}",
                    dir.display()
                ))),
            }
        }
        new
    }
}

/// What tells one folder from another made at the same path.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = std::time::SystemTime;

#[cfg(unix)]
fn folder_id(meta: &std::fs::Metadata) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(meta: &std::fs::Metadata) -> Option<FolderId> {
    meta.created().ok()
}

/// Whether an event can change a file's bytes or existence: reads
/// (`Access`, which building itself causes) and metadata changes cannot.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{MetadataKind, ModifyKind};
    // A poll watcher reports a changed file as a new write time, so only
    // reads and access times are left out.
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// When every changed source is a stylesheet, the stylesheets to swap in
/// open pages, as JSON `{old output path: new output path}` (their names
/// carry a hash of their bytes); `None` when pages must reload.
fn css_swap(changed: &[PathBuf], report: &ChangeReport) -> Option<String> {
    if changed.is_empty()
        || !changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"))
    {
        return None;
    }
    let stem = |path: &str| -> Option<String> {
        let name = path.strip_suffix(".css")?;
        let (stem, _hash) = name.rsplit_once('.')?;
        Some(stem.to_string())
    };
    let written: BTreeMap<String, &String> = report
        .written
        .iter()
        .filter(|w| w.ends_with(".css"))
        .filter_map(|w| stem(w).map(|s| (s, w)))
        .collect();
    let mut map = serde_json::Map::new();
    for old in report.removed.iter().filter(|r| r.ends_with(".css")) {
        let new = stem(old).and_then(|s| written.get(&s))?;
        map.insert(old.clone(), serde_json::Value::String((*new).clone()));
    }
    if map.is_empty() && report.written.iter().any(|w| w.ends_with(".css")) {
        return None;
    }
    Some(serde_json::Value::Object(map).to_string())
}
