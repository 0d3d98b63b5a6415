//! `verdict init DIR`: writes a small site that builds at once with the
//! built-in default theme.

use std::path::Path;

use crate::diag::{Code, Diagnostic};

const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        "# Site settings: see the README's \"Site settings\" section for every key.\ntitle: Our technology guide\ndescription: How we choose between the technologies we use.\nbase_url: https://example.com/\nrelative_urls: false\nlanguage: en\ntheme: default\nnavigation:\n  - title: Guide\n    page: guide/_index.md\n  - title: About\n    page: about.md\nbranding:\n  footer:\n    text: Written by our engineering team.\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: Our technology guide\ndescription: Start here to see which technology fits which job.\n---\n\nThis site compares the technologies we use, criterion by criterion.\nStart with [the guide](guide/_index.md) or read [about this site](about.md).\n",
    ),
    (
        "content/guide/_index.md",
        "---\ntitle: The guide\ndescription: Each criterion, one page at a time.\nweight: 1\n---\n\nThe pages of this section are listed below in reading order.\n",
    ),
    (
        "content/guide/first-criterion.md",
        "---\ntitle: A first criterion\ndescription: An example page with a heading, a table and some code.\nweight: 1\n---\n\n## What we compared\n\n| Option | Notes |\n|---|---|\n| A | Fast to start |\n| B | Easy to hire for |\n\n```python\nprint(\"hello\")\n```\n\nSee [the verdict](#verdict) below, or go back to [the guide](_index.md).\n\n## Verdict\n\nEither works; pick the one your team knows.\n",
    ),
    (
        "content/about.md",
        "---\ntitle: About this site\ndescription: Who writes this guide and how.\nweight: 2\n---\n\nEdit the files under `content/` and run `verdict build`.\n",
    ),
];

pub fn init(dir: &Path) -> Result<usize, Diagnostic> {
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir)
            .map_err(|e| {
                Diagnostic::global(Code::Io, format!("cannot read {}: {e}", dir.display()))
            })?
            .next()
            .is_some();
        if non_empty {
            return Err(Diagnostic::global(
                Code::Io,
                format!(
                    "refusing to write into {}: the folder is not empty",
                    dir.display()
                ),
            ));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::global(Code::Io, format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        std::fs::write(&path, text).map_err(|e| {
            Diagnostic::global(Code::Io, format!("cannot write {}: {e}", path.display()))
        })?;
    }
    Ok(FILES.len())
}
