//! The fixture harness: copies a site from `tests/fixtures/<name>` into a
//! temporary folder, runs the real `verdict` binary on it, and reads what it
//! wrote. Tests never write into the repository.

#![allow(dead_code)]

pub mod live;
pub mod serve;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// stderr with the temporary folder replaced by `[TMP]`.
    pub stderr: String,
}

pub fn fixture(name: &str) -> Site {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&src, &root);
    Site { _tmp: tmp, root }
}

/// The repository's own site (content/ and themes/), copied.
pub fn bundled() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for dir in ["content", "themes", "static"] {
        if repo.join(dir).is_dir() {
            copy_dir(&repo.join(dir), &root.join(dir));
        }
    }
    Site { _tmp: tmp, root }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
}

pub fn verdict(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verdict"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

impl Site {
    /// A second handle on the same folder (a fresh copy of its files), for
    /// comparing an edited site with a fresh build of it.
    pub fn reuse(other: &Site) -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&other.root, &root);
        Site { _tmp: tmp, root }
    }

    pub fn tmp(&self) -> &Path {
        self._tmp.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    /// `verdict build --root <site> <args>`, run from the temporary folder.
    pub fn build(&self, args: &[&str]) -> Run {
        let root = self.root.to_str().unwrap();
        let mut all = vec!["build", "--root", root];
        all.extend_from_slice(args);
        let out = verdict(&all, self.tmp());
        self.run(out)
    }

    pub fn run(&self, out: Output) -> Run {
        let tmp = self.tmp().to_str().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).replace(tmp, "[TMP]"),
            stderr: String::from_utf8_lossy(&out.stderr).replace(tmp, "[TMP]"),
        }
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let p = self.root.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(p, text.replacen(from, to, 1)).unwrap();
    }

    /// A file of the output, as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// The inner HTML of the page's `<div class="prose">`.
pub fn prose(html: &str) -> &str {
    let start = html
        .find("<div class=\"prose\">")
        .expect("page has a prose block")
        + "<div class=\"prose\">".len();
    let end = html[start..]
        .find("\n    </div>")
        .expect("prose block ends")
        + start;
    html[start..end].trim()
}

/// Every `href="..."` and `src="..."` value in an HTML document.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            // Attribute names must start at a word boundary (not data-href).
            let boundary = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            if boundary {
                out.push(rest[..end].replace("&amp;", "&"));
            }
            rest = &rest[end..];
        }
    }
    out
}
