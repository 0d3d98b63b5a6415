//! The site's own `static/` folder: every file by its path inside it, and
//! the bytes of those that replace a theme file of the same path (they are
//! hashed into the file's name, as the theme's would be).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::read::{Hidden, site_folder, walk};
use super::theme::{GENERATED_STATICS, Theme};
use crate::diag::{Code, Diagnostic, Diagnostics};

#[derive(Debug, Default)]
pub(crate) struct SiteStatic {
    /// Path inside `static/` → file on disk.
    pub files: BTreeMap<String, PathBuf>,
    /// Path → bytes, for the files that replace a theme's (or a generated)
    /// static file.
    pub overrides: BTreeMap<String, Vec<u8>>,
}

/// Reads `root/static` (a site without one has none).
pub(crate) fn read(root: &Path, theme: &Theme) -> Result<SiteStatic, Diagnostics> {
    let dir = root.join("static");
    let mut out = SiteStatic::default();
    if !dir.is_dir() {
        return Ok(out);
    }
    let (found, mut errors) = walk(&dir, Hidden::Keep, &site_folder(root));
    for f in found {
        if theme.statics.contains_key(&f.rel) || GENERATED_STATICS.contains(&f.rel.as_str()) {
            match std::fs::read(&f.path) {
                Ok(bytes) => {
                    out.overrides.insert(f.rel.clone(), bytes);
                }
                Err(e) => errors.push(Diagnostic::in_file(
                    Code::Io,
                    &f.path,
                    format!("cannot read: {e}"),
                )),
            }
        }
        out.files.insert(f.rel, f.path);
    }
    errors.finish(out)
}
