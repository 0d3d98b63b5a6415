//! Reading files: the one sorted directory walk, text files as UTF-8, and
//! the names editors leave behind.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::output::MARKER;

/// A file found under a folder: its `/`-separated path relative to the
/// folder and its path on disk.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub rel: String,
    pub path: PathBuf,
    /// Reached through a symbolic link (the file is one, or a folder on
    /// the way below the walk's start is): its text lives elsewhere.
    pub linked: bool,
}

/// Whether a walk goes into names starting with `.` (content skips them;
/// a site's `static/.well-known/` is published).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hidden {
    Skip,
    Keep,
}

/// Every file under `dir`, sorted by path, following symbolic links (a loop
/// is an error), without editor temporary files. A link (or `dir` itself)
/// that leads outside the canonical site folder `site` is refused, at the
/// link's path and naming its target: building an untrusted site must never
/// publish the host's files. Unreadable entries are reported, all of them,
/// after the walk.
pub(crate) fn walk(dir: &Path, hidden: Hidden, site: &Path) -> (Vec<Found>, Diagnostics) {
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    let mut it = WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            hidden == Hidden::Keep
                || e.depth() == 0
                || !e.file_name().to_string_lossy().starts_with('.')
        });
    // Depths of the linked folders the walk is inside.
    let mut links: Vec<usize> = Vec::new();
    while let Some(entry) = it.next() {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                errors.push(Diagnostic::in_file(
                    Code::Io,
                    &path,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if (e.depth() == 0 || e.path_is_symlink())
            && let Err(d) = stays_inside(e.path(), site)
        {
            errors.push(d);
            if e.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        links.retain(|&d| d < e.depth());
        if e.file_type().is_dir() && e.depth() > 0 && e.path_is_symlink() {
            links.push(e.depth());
        }
        if e.file_type().is_file() {
            let rel = rel_path(dir, e.path());
            if !is_editor_junk(&rel) {
                files.push(Found {
                    rel,
                    path: e.path().to_path_buf(),
                    linked: e.path_is_symlink() || !links.is_empty(),
                });
            }
        }
    }
    (files, errors)
}

/// The site folder as the file system sees it (links resolved), which
/// [`walk`] keeps every file inside.
pub(crate) fn site_folder(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// `path` (perhaps a link) leads to a place inside the site folder `site`
/// (already canonical), or the error that says where it leads instead.
pub(crate) fn stays_inside(path: &Path, site: &Path) -> Result<(), Diagnostic> {
    let target = path
        .canonicalize()
        .map_err(|e| Diagnostic::in_file(Code::Io, path, format!("cannot read: {e}")))?;
    if target.starts_with(site) {
        // A build's output inside the site (`public/`, marked by verdict):
        // following a link into it would publish the site inside itself,
        // one level deeper on every build.
        match target
            .ancestors()
            .take_while(|a| a.starts_with(site))
            .find(|a| a.join(MARKER).is_file())
        {
            Some(out) => Err(Diagnostic::in_file(
                Code::OutsideSite,
                path,
                format!(
                    "this links to {}, inside {}, a folder verdict builds the site into; following it would copy the site into itself",
                    target.display(),
                    out.display()
                ),
            )),
            None => Ok(()),
        }
    } else {
        Err(Diagnostic::in_file(
            Code::OutsideSite,
            path,
            format!(
                "this links to {}, outside the site folder; links must stay inside it",
                target.display()
            ),
        ))
    }
}

/// A text file's contents: UTF-8 (a byte-order mark is dropped), or an error
/// at the first byte that is not.
pub(crate) fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::in_file(Code::Io, path, format!("cannot read: {e}")))?;
    // A UTF-8 byte-order mark is not text: editors show no column for it.
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid).into_owned();
        Diagnostic::at_offset(
            Code::Encoding,
            path,
            &text,
            text.len(),
            "file is not valid UTF-8 from here on",
        )
    })
}

/// `path` relative to `base`, with `/` separators.
pub(crate) fn rel_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Temporary files editors leave beside the ones being edited.
pub(crate) fn is_editor_junk(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913"
}
