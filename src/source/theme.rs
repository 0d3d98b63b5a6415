//! Themes: finds a theme by name (a folder under the site's `themes/`, or
//! the default theme compiled into the binary), follows `extends:` in
//! `theme.yaml`, and merges templates and static files, child over parent.
//!
//! In: the site root and a theme name. Out: a [`Theme`] holding every
//! template's text and every static file's bytes, keyed by path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::read::{Hidden, site_folder, walk};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::yaml::YamlDoc;
use serde::Deserialize;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Where a theme file came from, for diagnostics.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub display: PathBuf,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct Theme {
    /// The theme and its ancestors, child first.
    pub chain: Vec<String>,
    /// Template name (`page.html`, `partials/nav.html`) → file.
    pub templates: BTreeMap<String, ThemeFile>,
    /// Path under `static/` → file.
    pub statics: BTreeMap<String, ThemeFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThemeMeta {
    #[serde(default)]
    #[allow(dead_code)]
    name: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    extends: Option<String>,
}

/// A theme's files as (path inside the theme, file).
fn theme_files(root: &Path, name: &str) -> Result<Option<Vec<(String, ThemeFile)>>, Diagnostic> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        let (found, errors) = walk(&dir, Hidden::Keep, &site_folder(root));
        if let Some(first) = errors.into_iter().next() {
            return Err(first);
        }
        let mut files = Vec::with_capacity(found.len());
        for f in found {
            let bytes = std::fs::read(&f.path)
                .map_err(|e| Diagnostic::in_file(Code::Io, &f.path, format!("cannot read: {e}")))?;
            files.push((
                f.rel,
                ThemeFile {
                    display: f.path,
                    bytes,
                },
            ));
        }
        return Ok(Some(files));
    }
    if name == "default" {
        let files = embedded::FILES
            .iter()
            .map(|(rel, bytes)| {
                let display = PathBuf::from(format!("<built-in default theme>/{rel}"));
                (
                    (*rel).to_string(),
                    ThemeFile {
                        display,
                        bytes: bytes.to_vec(),
                    },
                )
            })
            .collect();
        return Ok(Some(files));
    }
    Ok(None)
}

/// Loads theme `name`; `place` turns a message into a diagnostic at the
/// `theme` key of site.yaml.
pub fn load(
    root: &Path,
    name: &str,
    place: &dyn Fn(String) -> Diagnostic,
) -> Result<Theme, Diagnostics> {
    let mut theme = Theme::default();
    let mut layers = Vec::new();
    let mut current = name.to_string();
    loop {
        if theme.chain.contains(&current) {
            return Err(place(format!(
                "themes extend each other in a loop: {} → {current}",
                theme.chain.join(" → ")
            ))
            .into());
        }
        let Some(files) = theme_files(root, &current)? else {
            let mut available: Vec<String> = std::fs::read_dir(root.join("themes"))
                .map(|rd| {
                    rd.flatten()
                        .filter(|e| e.path().is_dir())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            if !available.contains(&"default".to_string()) {
                available.push("default".into());
            }
            available.sort();
            let msg = if current == name {
                format!(
                    "no theme `{current}`: looked in themes/{current}/ (available: {})",
                    available.join(", ")
                )
            } else {
                format!(
                    "theme `{}` extends `{current}`, which does not exist",
                    theme.chain.last().unwrap()
                )
            };
            return Err(place(msg).into());
        };
        theme.chain.push(current.clone());
        let meta_file = files.iter().find(|(rel, _)| rel == "theme.yaml");
        let extends = match meta_file {
            Some((_, f)) => {
                let text = String::from_utf8(f.bytes.clone()).map_err(|_| {
                    Diagnostic::in_file(Code::Encoding, &f.display, "theme.yaml is not valid UTF-8")
                })?;
                let meta: ThemeMeta = YamlDoc::whole(&f.display, &text).parse()?;
                meta.extends
            }
            None => None,
        };
        layers.push(files);
        match extends {
            Some(parent) if crate::source::settings::is_theme_name(&parent) => current = parent,
            Some(parent) => {
                return Err(place(format!(
                    "theme `{current}` extends `{parent}`, which is not a theme name (a folder under themes/)"
                ))
                .into());
            }
            None => break,
        }
    }
    // Apply the most distant ancestor first so children override it.
    for files in layers.into_iter().rev() {
        for (rel, file) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                theme.templates.insert(name.to_string(), file);
            } else if let Some(path) = rel.strip_prefix("static/") {
                theme.statics.insert(path.to_string(), file);
            }
        }
    }
    // Embeds render through `templates/embeds/`, and search through its
    // partial, page and scripts; a theme that does not extend the default
    // one (or predates them) gets the built-in files it lacks, so every
    // embed renders and search works in every theme.
    let has_base = theme.templates.contains_key("base.html");
    for (rel, bytes) in embedded::FILES {
        let built_in = || ThemeFile {
            display: PathBuf::from(format!("<built-in default theme>/{rel}")),
            bytes: bytes.to_vec(),
        };
        if let Some(name) = rel.strip_prefix("templates/") {
            // The built-in results page extends `base.html`: a theme
            // without one has no results page (its search box still works).
            let usable = name != "search.html" || has_base;
            if usable && FALLBACK_TEMPLATES.iter().any(|f| name.starts_with(f)) {
                theme
                    .templates
                    .entry(name.to_string())
                    .or_insert_with(built_in);
            }
        } else if let Some(path) = rel.strip_prefix("static/")
            && FALLBACK_STATICS.contains(&path)
        {
            theme
                .statics
                .entry(path.to_string())
                .or_insert_with(built_in);
        }
    }
    Ok(theme)
}

/// Names of the generated highlighting stylesheets, as templates ask for
/// them with `asset()`: static files every theme has.
pub(crate) const HIGHLIGHT_LIGHT_CSS: &str = "css/highlight-light.css";
pub(crate) const HIGHLIGHT_DARK_CSS: &str = "css/highlight-dark.css";
pub(crate) const GENERATED_STATICS: [&str; 2] = [HIGHLIGHT_LIGHT_CSS, HIGHLIGHT_DARK_CSS];

/// Templates (names, or folders ending in `/`) of the built-in theme that
/// every theme has: its own, or the built-in ones.
const FALLBACK_TEMPLATES: [&str; 3] = ["embeds/", "partials/search.html", "search.html"];
/// Static files of the built-in theme that every theme has.
const FALLBACK_STATICS: [&str; 4] = [
    "js/search.js",
    "js/search-engine.js",
    "js/search-text.js",
    "js/decide.js",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_is_built_in() {
        let dir = tempfile::tempdir().unwrap();
        let theme = load(dir.path(), "default", &|m| {
            Diagnostic::global(Code::Theme, m)
        })
        .unwrap();
        for t in [
            "base.html",
            "home.html",
            "section.html",
            "page.html",
            "404.html",
        ] {
            assert!(theme.templates.contains_key(t), "missing {t}");
        }
        assert!(
            theme.templates["page.html"]
                .display
                .starts_with("<built-in default theme>")
        );
    }

    #[test]
    fn child_theme_overrides_one_template() {
        let dir = tempfile::tempdir().unwrap();
        let child = dir.path().join("themes/mine");
        std::fs::create_dir_all(child.join("templates")).unwrap();
        std::fs::write(child.join("theme.yaml"), "name: mine\nextends: default\n").unwrap();
        std::fs::write(child.join("templates/page.html"), "custom").unwrap();
        let theme = load(dir.path(), "mine", &|m| Diagnostic::global(Code::Theme, m)).unwrap();
        assert_eq!(theme.chain, ["mine", "default"]);
        assert_eq!(theme.templates["page.html"].bytes, b"custom");
        assert!(theme.templates.contains_key("base.html"));
    }

    #[test]
    fn a_theme_without_embed_templates_gets_the_built_in_ones() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("themes/own/templates");
        std::fs::create_dir_all(&own).unwrap();
        std::fs::write(own.join("page.html"), "mine").unwrap();
        std::fs::create_dir_all(own.join("embeds")).unwrap();
        std::fs::write(own.join("embeds/verdict.html"), "my card").unwrap();
        let theme = load(dir.path(), "own", &|m| Diagnostic::global(Code::Theme, m)).unwrap();
        assert_eq!(theme.templates["embeds/verdict.html"].bytes, b"my card");
        assert!(
            theme.templates["embeds/table.html"]
                .display
                .starts_with("<built-in default theme>")
        );
        assert!(
            !theme.templates.contains_key("base.html"),
            "only embeds and search fall back"
        );
        assert!(theme.templates.contains_key("partials/search.html"));
        assert!(
            !theme.templates.contains_key("search.html"),
            "the results page extends base.html, which this theme lacks"
        );
        assert!(theme.statics.contains_key("js/search.js"));
    }

    #[test]
    fn unknown_theme_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(dir.path(), "nope", &|m| Diagnostic::global(Code::Theme, m)).unwrap_err();
        assert!(err.0[0].message.contains("no theme `nope`"), "{:?}", err);
    }
}
