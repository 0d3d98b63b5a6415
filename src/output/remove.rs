//! Removing a folder verdict made (the previous output after a swap, a
//! staging folder a killed build left) with its marker last: a removal that
//! fails part way (an immutable file, a read-only folder, a busy mount)
//! leaves a folder that still carries the marker, so the next build knows
//! it as its own and can finish the job, instead of refusing it as a folder
//! verdict did not make.

use std::io;
use std::path::{Path, PathBuf};

use super::MARKER;

/// What a removal could not remove: the first entry that failed, and why.
#[derive(Debug)]
pub(crate) struct Leftover {
    pub path: PathBuf,
    pub error: io::Error,
}

impl std::fmt::Display for Leftover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot remove {}: {}", self.path.display(), self.error)
    }
}

/// Whether `dir` is a folder verdict made: a folder (not a link to one)
/// that carries the marker.
pub(crate) fn is_ours(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) && dir.join(MARKER).is_file()
}

/// Removes `dir`, a folder verdict made (or an empty one): every entry but
/// the marker, each tried even when another failed, then the marker, then
/// the folder. On a failure the marker stays and the first failure is
/// returned. Links inside are removed, never followed.
pub(crate) fn remove_ours(dir: &Path) -> Result<(), Leftover> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Leftover { path, error }
    };
    let entries = std::fs::read_dir(dir)
        .and_then(|rd| rd.collect::<io::Result<Vec<_>>>())
        .map_err(failed(dir))?;
    let mut first: Option<Leftover> = None;
    for entry in entries.into_iter().filter(|e| e.file_name() != MARKER) {
        let path = entry.path();
        let is_dir = entry.file_type().map_err(failed(&path))?.is_dir();
        let removed = if is_dir {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        if let Err(error) = removed {
            first.get_or_insert(Leftover { path, error });
        }
    }
    if let Some(leftover) = first {
        return Err(leftover);
    }
    let marker = dir.join(MARKER);
    match std::fs::remove_file(&marker) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(error) => {
            return Err(Leftover {
                path: marker,
                error,
            });
        }
    }
    std::fs::remove_dir(dir).map_err(failed(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_everything_marker_last() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(".public.verdict-old");
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/index.html"), "x").unwrap();
        std::fs::write(dir.join(MARKER), "").unwrap();
        // A link inside is removed, and what it leads to is kept.
        let outside = tmp.path().join("keep");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("f"), "mine").unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("link")).unwrap();
        assert!(is_ours(&dir));
        let alias = tmp.path().join("alias");
        std::os::unix::fs::symlink(&dir, &alias).unwrap();
        assert!(!is_ours(&alias), "a link to a marked folder is not ours");
        remove_ours(&dir).unwrap();
        assert!(!dir.exists());
        assert_eq!(std::fs::read_to_string(outside.join("f")).unwrap(), "mine");
    }

    /// `chattr +i` on a file, undone when dropped: a file even root cannot
    /// remove. `None` where the file system or sandbox refuses the flag.
    struct Immutable(PathBuf);

    impl Immutable {
        fn set(path: &Path) -> Option<Immutable> {
            let ok = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .is_ok_and(|s| s.success());
            ok.then(|| Immutable(path.to_path_buf()))
        }
    }

    impl Drop for Immutable {
        fn drop(&mut self) {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        }
    }

    #[test]
    fn a_failed_removal_keeps_the_marker_and_a_later_one_finishes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(".public.verdict-old");
        std::fs::create_dir_all(dir.join("about")).unwrap();
        std::fs::create_dir_all(dir.join("guide")).unwrap();
        std::fs::write(dir.join("about/index.html"), "x").unwrap();
        std::fs::write(dir.join("guide/index.html"), "x").unwrap();
        std::fs::write(dir.join("sitemap.xml"), "x").unwrap();
        std::fs::write(dir.join(MARKER), "").unwrap();
        let Some(stuck) = Immutable::set(&dir.join("about/index.html")) else {
            eprintln!("skipped: chattr +i is not available here");
            return;
        };
        let left = remove_ours(&dir).unwrap_err();
        assert_eq!(left.path, dir.join("about"));
        assert!(
            left.to_string()
                .starts_with(&format!("cannot remove {}: ", dir.join("about").display())),
            "{left}"
        );
        assert!(is_ours(&dir), "the marker stays while anything else does");
        assert!(!dir.join("guide").exists() && !dir.join("sitemap.xml").exists());
        drop(stuck);
        remove_ours(&dir).unwrap();
        assert!(!dir.exists());
    }
}
