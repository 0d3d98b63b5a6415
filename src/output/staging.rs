//! The staging folder: a build writes into a fresh sibling of the output
//! folder (`.public.verdict-staging` beside `public/`) and only when every
//! step succeeded swaps it into place; a failed build removes it and leaves
//! the previous output byte for byte as it was. The swap moves the previous
//! output aside (`.public.verdict-old`) and then removes it, marker last:
//! what a failed removal leaves, the next build removes first.

use std::path::{Path, PathBuf};

use super::remove::{is_ours, remove_ours};
use super::{MARKER, Sink, is_inside, source};
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
            clear_leftover(&dir, "a staging folder an earlier build left")?;
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

    /// Swaps the staging folder in place of the output folder, then removes
    /// the previous output. The swap either happens or is an error (and the
    /// previous output stays). Once it happened, failing to remove the
    /// previous output does not undo it: that is returned as a warning
    /// (`Ok(Some(_))`), and the folder keeps its marker so the next build
    /// removes it first.
    pub(crate) fn commit(mut self) -> Result<Option<Diagnostic>, Diagnostic> {
        let old = sibling(&self.out, "old");
        let io = |what: &str, e: std::io::Error| {
            Diagnostic::global(Code::Io, format!("cannot {what}: {e}"))
        };
        if old.exists() {
            // Left by an interrupted swap or a removal that failed.
            clear_leftover(
                &old,
                "the previous output an earlier build could not remove",
            )?;
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
        if !had_previous {
            return Ok(None);
        }
        Ok(remove_ours(&old).err().map(|left| {
            Diagnostic::global(
                Code::Io,
                format!(
                    "the new site is in place, but the previous output was not fully removed: {left}"
                ),
            )
            .with_help(format!(
                "{} keeps its {MARKER} marker: the next build removes it first, and stops if it still cannot; or remove it yourself",
                old.display()
            ))
            .as_warning()
        }))
    }
}

/// Removes a sibling folder a build left (`what` says which), when it is
/// verdict's (it carries the marker) or empty; a folder with other files
/// and no marker is never deleted.
fn clear_leftover(dir: &Path, what: &str) -> Result<(), Diagnostic> {
    if is_ours(dir) {
        return remove_ours(dir).map_err(|left| {
            Diagnostic::global(
                Code::Io,
                format!("cannot remove {}, {what}: {left}", dir.display()),
            )
            .with_help("remove it yourself; the output folder is unchanged")
        });
    }
    // An empty folder loses nothing; `remove_dir` removes no other.
    if std::fs::remove_dir(dir).is_ok() {
        return Ok(());
    }
    Err(Diagnostic::global(
        Code::Io,
        format!(
            "{} exists and was not made by verdict (no {MARKER} marker); remove it",
            dir.display()
        ),
    ))
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
        source::copy(from, &path)
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
            // On a failure the marker stays, and the next build removes the rest.
            let _ = remove_ours(&self.dir);
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

    /// Regression: a static file that could not be read was reported as
    /// "cannot copy to <the staging folder>/…", as if the output were at
    /// fault. (Root reads any mode, so the unreadable sources here are a
    /// link to nothing and a folder.)
    #[test]
    fn a_copy_that_cannot_read_blames_the_source() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let dangling = tmp.path().join("static/logo.svg");
        std::fs::create_dir_all(tmp.path().join("static/folder")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("static/gone.svg"), &dangling).unwrap();
        let s = Staging::create(&out).unwrap();
        for (from, why) in [
            (dangling, "cannot read: No such file or directory"),
            (
                tmp.path().join("static/folder"),
                "cannot read: it is a folder, not a file",
            ),
        ] {
            let d = s.copy("logo.svg", &from).unwrap_err();
            assert_eq!(d.place.as_ref().unwrap().path, from);
            assert!(d.message.starts_with(why), "{}", d.message);
            assert!(!d.message.contains("verdict-staging"), "{}", d.message);
        }
    }
}
