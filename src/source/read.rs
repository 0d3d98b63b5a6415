//! Reading files: the one sorted directory walk, text files as UTF-8, and
//! the names editors leave behind.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Code, Diagnostic, Diagnostics};

/// A file found under a folder: its `/`-separated path relative to the
/// folder and its path on disk.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub rel: String,
    pub path: PathBuf,
}

/// Whether a walk goes into names starting with `.` (content skips them;
/// a site's `static/.well-known/` is published).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hidden {
    Skip,
    Keep,
}

/// Every file under `dir`, sorted by path, following symbolic links (a loop
/// is an error), without editor temporary files. Unreadable entries are
/// reported, all of them, after the walk.
pub(crate) fn walk(dir: &Path, hidden: Hidden) -> (Vec<Found>, Diagnostics) {
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            hidden == Hidden::Keep
                || e.depth() == 0
                || !e.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = rel_path(dir, e.path());
                if !is_editor_junk(&rel) {
                    files.push(Found {
                        rel,
                        path: e.path().to_path_buf(),
                    });
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                errors.push(Diagnostic::in_file(
                    Code::Io,
                    &path,
                    format!("cannot read: {e}"),
                ));
            }
        }
    }
    (files, errors)
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
