//! Files copied into the output from disk (static files, files beside
//! pages): a failure to read one is the source file's, reported at its
//! path, never as a failed write to the output.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::Path;

use crate::diag::{Code, Diagnostic};

/// `from`, opened for reading: a regular file (or a link to one). A folder,
/// a named pipe or a device is refused before it is opened (opening a pipe
/// would wait for a writer).
pub(super) fn open(from: &Path) -> Result<File, Diagnostic> {
    let unreadable =
        |why: String| Diagnostic::in_file(Code::Io, from, format!("cannot read: {why}"));
    let meta = std::fs::metadata(from).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(unreadable("it is a folder, not a file".into()));
    }
    if !meta.is_file() {
        return Err(unreadable("it is not a regular file".into()));
    }
    File::open(from).map_err(|e| unreadable(e.to_string()))
}

/// Every byte of `from`.
pub(super) fn read(from: &Path) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    open(from)?
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::in_file(Code::Io, from, format!("cannot read: {e}")))?;
    Ok(bytes)
}

/// Copies `from` to the new file `to`: a failure to read is placed at
/// `from`, a failure to write names `to`.
pub(super) fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    let mut source = open(from)?;
    let cannot_write = |e: std::io::Error| {
        Diagnostic::global(Code::Io, format!("cannot write {}: {e}", to.display()))
    };
    let mut dest = File::create(to).map_err(cannot_write)?;
    let mut buf = vec![0; 64 * 1024];
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Diagnostic::in_file(
                    Code::Io,
                    from,
                    format!("cannot read: {e}"),
                ));
            }
        };
        dest.write_all(&buf[..n]).map_err(cannot_write)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Root reads any file whatever its mode, so these are the sources that
    /// fail for root too: a link to nothing, a folder, a named pipe.
    #[test]
    fn an_unreadable_source_is_blamed_on_itself() {
        let tmp = tempfile::tempdir().unwrap();
        let to = tmp.path().join("out.txt");
        let dangling = tmp.path().join("gone.svg");
        std::os::unix::fs::symlink(tmp.path().join("nothing"), &dangling).unwrap();
        let folder = tmp.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        let pipe = tmp.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        for (from, why) in [
            (&dangling, "cannot read: No such file or directory"),
            (&folder, "cannot read: it is a folder, not a file"),
            (&pipe, "cannot read: it is not a regular file"),
        ] {
            if from == &pipe && !made.as_ref().is_ok_and(|s| s.success()) {
                continue;
            }
            let d = copy(from, &to).unwrap_err();
            assert_eq!(d.place.as_ref().unwrap().path, *from);
            assert!(d.message.starts_with(why), "{}", d.message);
            assert!(!d.message.contains("out.txt"), "{}", d.message);
            assert!(
                !to.exists(),
                "nothing is written for a source that cannot be read"
            );
            assert_eq!(read(from).unwrap_err(), d);
        }
        std::fs::write(tmp.path().join("a.txt"), "bytes").unwrap();
        copy(&tmp.path().join("a.txt"), &to).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"bytes");
        let d = copy(&tmp.path().join("a.txt"), &tmp.path().join("no/such/dir")).unwrap_err();
        assert!(d.place.is_none(), "a failed write is not the source's");
        assert!(d.message.starts_with("cannot write "), "{}", d.message);
    }
}
