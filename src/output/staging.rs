//! The staging folder: a build writes into a fresh sibling of the output
//! folder (`.public.verdict-staging` beside `public/`) and only when every
//! step succeeded swaps it into place; a failed build removes it and leaves
//! the previous output byte for byte as it was.

use std::path::{Path, PathBuf};

use super::{MARKER, Sink, is_inside};
use crate::diag::{Code, Diagnostic};

/// A staging folder being filled; dropped without [`Staging::commit`], it is removed.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Folders created to hold the staging folder (outermost last), removed
    /// again if the build fails, so a failed build leaves no trace.
    created: Vec<PathBuf>,
    committed: bool,
}

pub(super) fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.verdict-{suffix}"))
}

impl Staging {
    /// Creates the staging folder next to `out` (an absolute, checked path).
    pub(crate) fn create(out: &Path) -> Result<Staging, Diagnostic> {
        let dir = sibling(out, "staging");
        let io = |e: std::io::Error| {
            Diagnostic::global(Code::Io, format!("cannot create {}: {e}", dir.display()))
        };
        if dir.exists() {
            // Left by a build that was killed; it is ours by name and marker.
            if dir.join(MARKER).is_file() {
                std::fs::remove_dir_all(&dir).map_err(io)?;
            } else {
                return Err(Diagnostic::global(
                    Code::Io,
                    format!(
                        "{} exists and was not made by verdict; remove it",
                        dir.display()
                    ),
                ));
            }
        }
        let mut created = Vec::new();
        let mut missing = dir.parent();
        while let Some(p) = missing.filter(|p| !p.exists()) {
            created.push(p.to_path_buf());
            missing = p.parent();
        }
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::create_dir(&dir).map_err(io)?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            created,
            committed: false,
        };
        staging.write(
            MARKER,
            b"This folder was written by verdict; `verdict build` may replace it.\n",
        )?;
        Ok(staging)
    }

    /// The path for `rel` inside the staging folder, its folder created.
    fn prepare(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.path_for(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::global(Code::Io, format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        Ok(path)
    }

    /// Output paths come from validated routes; this is the last guard that
    /// nothing lands outside the staging folder.
    fn path_for(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        if is_inside(rel) {
            Ok(self.dir.join(rel))
        } else {
            Err(Diagnostic::global(
                Code::Io,
                format!("refusing to write outside the output folder: {rel}"),
            ))
        }
    }

    /// Swaps the staging folder in place of the output folder.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostic> {
        let old = sibling(&self.out, "old");
        let io = |what: &str, e: std::io::Error| {
            Diagnostic::global(Code::Io, format!("cannot {what}: {e}"))
        };
        if old.exists() {
            // Left by an interrupted swap: ours only if it carries the marker.
            if !old.join(MARKER).is_file() {
                return Err(Diagnostic::global(
                    Code::Io,
                    format!(
                        "{} exists and was not made by verdict; remove it",
                        old.display()
                    ),
                ));
            }
            std::fs::remove_dir_all(&old).map_err(|e| io("remove an old output folder", e))?;
        }
        let had_previous = self.out.exists();
        if had_previous {
            std::fs::rename(&self.out, &old)
                .map_err(|e| io("move the previous output aside", e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_previous {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(io("move the new output into place", e));
        }
        self.committed = true;
        // The new output is in place. Failing to delete the old one does not
        // undo that; the next build removes it (it carries the marker).
        if had_previous {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Sink for Staging {
    /// Writes a file at `rel` (a `/`-separated path inside the output).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        std::fs::write(&path, bytes).map_err(|e| {
            Diagnostic::global(Code::Io, format!("cannot write {}: {e}", path.display()))
        })
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        std::fs::copy(from, &path).map(|_| ()).map_err(|e| {
            Diagnostic::in_file(
                Code::Io,
                from,
                format!("cannot copy to {}: {e}", path.display()),
            )
        })
    }

    fn remove(&self, rel: &str) -> Result<(), Diagnostic> {
        let path = self.path_for(rel)?;
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Diagnostic::global(
                Code::Io,
                format!("cannot remove {}: {e}", path.display()),
            )),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
            // Innermost first; `remove_dir` only removes empty folders.
            for folder in &self.created {
                let _ = std::fs::remove_dir(folder);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_swaps_only_on_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::create(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");

        let s = Staging::create(&out).unwrap();
        s.write("b/index.html", b"two").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert!(!out.join("b").exists());
        assert!(!sibling(&out, "staging").exists());

        let s = Staging::create(&out).unwrap();
        s.write("b/index.html", b"two").unwrap();
        assert!(s.write("../escape", b"x").is_err());
        s.commit().unwrap();
        assert!(
            !out.join("a").exists(),
            "files of an older build never linger"
        );
        assert!(out.join(MARKER).is_file());

        // A failed build into a folder whose parents did not exist removes them again.
        let deep = tmp.path().join("x/y/public");
        drop(Staging::create(&deep).unwrap());
        assert!(!tmp.path().join("x").exists());

        // A folder that only looks like ours is never deleted.
        let old = sibling(&out, "old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("thesis.txt"), "precious").unwrap();
        let s = Staging::create(&out).unwrap();
        assert!(s.commit().is_err());
        assert_eq!(
            std::fs::read_to_string(old.join("thesis.txt")).unwrap(),
            "precious"
        );
        assert!(
            out.join("b/index.html").is_file(),
            "the previous output stays"
        );
    }
}
