//! Before anything is written, [`check_out_dir`] refuses folders that a
//! wrong flag could destroy: the site root or a parent of it, `/`, the
//! site's own sources, and non-empty folders that verdict did not create
//! (it leaves a marker).

use std::path::{Component, Path, PathBuf};

use super::MARKER;
use crate::diag::{Code, Diagnostic};

/// Makes `p` absolute and resolves symlinks as far as the path exists.
fn resolve(p: &Path) -> std::io::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other.as_os_str()),
        }
    }
    // Canonicalize the longest existing prefix, then re-append the rest.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                rest.push(name.to_os_string());
                existing.pop();
            }
            None => break,
        }
    }
    let mut out = existing.canonicalize()?;
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    Ok(out)
}

/// Checks that `out` is a safe place to build into; returns its absolute path.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let shown = out.display();
    let root = resolve(root).map_err(|e| {
        Diagnostic::global(
            Code::RefusedOutput,
            format!("site root {}: {e}", root.display()),
        )
    })?;
    let abs = resolve(out).map_err(|e| {
        Diagnostic::global(Code::RefusedOutput, format!("output folder {shown}: {e}"))
    })?;
    let refuse = |why: &str| {
        Err(Diagnostic::global(
            Code::RefusedOutput,
            format!("refusing to build into {shown}: {why}"),
        ))
    };
    if abs.parent().is_none() {
        return refuse("it is the file system root");
    }
    if abs == root {
        return refuse("it is the site root itself");
    }
    if root.starts_with(&abs) {
        return refuse("it contains the site");
    }
    for own in ["content", "themes", "static"] {
        if abs.starts_with(root.join(own)) {
            return refuse(&format!("it is inside the site's {own}/ folder"));
        }
    }
    if abs.exists() {
        if !abs.is_dir() {
            return refuse("it is a file, not a folder");
        }
        let non_empty = std::fs::read_dir(&abs)
            .map_err(|e| {
                Diagnostic::global(Code::RefusedOutput, format!("output folder {shown}: {e}"))
            })?
            .next()
            .is_some();
        if non_empty && !abs.join(MARKER).is_file() {
            return refuse(&format!(
                "it holds files verdict did not make (no {MARKER} marker); empty it or choose another --out"
            ));
        }
    }
    Ok(abs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_out_dir(&root, &root).is_err());
        assert!(check_out_dir(&root, tmp.path()).is_err());
        assert!(check_out_dir(&root, Path::new("/")).is_err());
        assert!(check_out_dir(&root, &root.join("content/out")).is_err());
        assert!(check_out_dir(&root, &root.join("public/../")).is_err());
        let unrelated = tmp.path().join("docs");
        std::fs::create_dir_all(&unrelated).unwrap();
        std::fs::write(unrelated.join("notes.txt"), "mine").unwrap();
        let err = check_out_dir(&root, &unrelated).unwrap_err();
        assert!(err.message.contains("did not make"), "{}", err.message);
        assert!(check_out_dir(&root, &root.join("public")).is_ok());
        std::fs::create_dir_all(tmp.path().join("empty")).unwrap();
        assert!(check_out_dir(&root, &tmp.path().join("empty")).is_ok());
    }
}
