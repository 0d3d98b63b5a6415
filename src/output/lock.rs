//! One build at a time per output folder: an OS file lock on a file beside
//! the output (`.public.verdict-lock`), held from before the staging folder
//! is made until the swap is done. A second build waits for the first, or
//! with `--no-wait` stops at once; two builds never share a staging folder.
//! The lock file stays (deleting it would let a waiting build and a new one
//! lock two different files); the OS releases the lock when the holder
//! exits, however it exits.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::staging::sibling;
use crate::diag::{Code, Diagnostic};

pub struct OutputLock {
    _file: File,
    path: PathBuf,
    /// Folders made to hold the lock file (innermost first), removed again
    /// with it when the build made nothing else there.
    created: Vec<PathBuf>,
}

impl OutputLock {
    /// Locks the output folder `out` (absolute, checked). With `wait`,
    /// blocks until another build holding it finishes; without, a held lock
    /// is an error saying so.
    pub fn acquire(out: &Path, wait: bool) -> Result<OutputLock, Diagnostic> {
        let path = sibling(out, "lock");
        let io = |e: std::io::Error| {
            Diagnostic::global(Code::Io, format!("cannot lock {}: {e}", path.display()))
        };
        let mut created = Vec::new();
        let mut missing = path.parent();
        while let Some(p) = missing.filter(|p| !p.exists()) {
            created.push(p.to_path_buf());
            missing = p.parent();
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io)?;
        if wait {
            file.lock().map_err(io)?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(Diagnostic::global(
                        Code::Busy,
                        format!(
                            "another verdict build is writing {}; wait for it, or build without --no-wait to wait",
                            out.display()
                        ),
                    ));
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        Ok(OutputLock {
            _file: file,
            path,
            created,
        })
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // A build that failed before making anything beside the lock file
        // leaves no trace of the folders it made for it.
        if let Some(first) = self.created.last()
            && std::fs::read_dir(first).map(|d| d.count()).unwrap_or(0) == 1
        {
            let _ = std::fs::remove_file(&self.path);
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
    fn a_held_lock_stops_a_second_build_that_will_not_wait() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = OutputLock::acquire(&out, true).unwrap();
        let err = OutputLock::acquire(&out, false).err().expect("busy");
        assert_eq!(err.code, Code::Busy);
        drop(first);
        assert!(OutputLock::acquire(&out, false).is_ok());
    }
}
