//! Before anything is written, [`check_out_dir`] refuses folders that a
//! wrong flag could destroy: the site root or a parent of it, `/`, the
//! site's own sources, and non-empty folders that verdict did not create
//! (it leaves a marker).

use std::path::{Component, Path, PathBuf};

use super::MARKER;
use crate::diag::{Code, Diagnostic};

/// Makes `p` absolute and resolves it as the file system does: the longest
/// part that exists is canonicalised (links followed, then `..` taken
/// physically, so `lnk/..` is the parent of where `lnk` points), and the
/// rest, which does not exist and so holds no links, is appended with `.`
/// and `..` resolved by name.
pub(crate) fn resolve(p: &Path) -> std::io::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let parts: Vec<Component> = abs.components().collect();
    let mut split = parts.len();
    let mut existing: PathBuf = parts.iter().collect();
    while split > 1 && !existing.exists() {
        split -= 1;
        existing = parts[..split].iter().collect();
    }
    let mut out = existing.canonicalize()?;
    for c in &parts[split..] {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
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
        // The folder may itself be a link: compare with where it leads too.
        let named = root.join(own);
        let real = named.canonicalize().unwrap_or_else(|_| named.clone());
        if abs.starts_with(&named) || abs.starts_with(&real) {
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
        // content/ a link to a folder elsewhere; --root written as lnk/..
        let real = tmp.path().join("real-content");
        std::fs::create_dir_all(&real).unwrap();
        let linked = tmp.path().join("linked");
        std::fs::create_dir_all(&linked).unwrap();
        std::os::unix::fs::symlink(&real, linked.join("content")).unwrap();
        assert!(check_out_dir(&linked, &real.join("out")).is_err());
        let lnk = tmp.path().join("lnk");
        std::os::unix::fs::symlink(root.join("content"), &lnk).unwrap();
        let err = check_out_dir(&lnk.join(".."), &root.join("content/out")).unwrap_err();
        assert!(err.message.contains("content/"), "{}", err.message);
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
