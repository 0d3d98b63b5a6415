//! Static files: the theme's static files, the site's own `static/` folder
//! (copied as is, over theme files of the same path), the generated
//! highlighting stylesheet, and files kept beside pages under `content/`.
//!
//! In: the theme, the site's static files, settings. Out: [`Assets`]: every file to
//! write with its route, and the map from a theme asset's name
//! (`css/main.css`) to its content-hashed route (`css/main.3f9a0c1b2d.css`)
//! that templates reach through the `asset()` function.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::{Body, OutputFile};
use crate::diag::{Code, Diagnostics};
use crate::render::highlight;
use crate::source::content::ContentAsset;
use crate::source::settings::Settings;
use crate::source::statics::SiteStatic;
use crate::source::theme::{HIGHLIGHT_DARK_CSS, HIGHLIGHT_LIGHT_CSS, Theme};
use crate::source::yaml::YamlDoc;
use crate::url::Route;

pub(crate) struct Assets {
    /// Theme asset name → route written (hashed for CSS and JS).
    pub names: BTreeMap<String, Route>,
    pub files: Vec<OutputFile>,
}

pub(crate) fn collect(
    theme: &Theme,
    site_static: &SiteStatic,
    settings: &Settings,
    content_assets: &[ContentAsset],
) -> Assets {
    let mut theme_files: BTreeMap<String, Vec<u8>> = theme
        .statics
        .iter()
        .map(|(k, f)| (k.clone(), f.bytes.clone()))
        .collect();
    let hl = &settings.config.highlighting;
    theme_files.insert(
        HIGHLIGHT_LIGHT_CSS.to_string(),
        highlight::stylesheet(&hl.light).into_bytes(),
    );
    theme_files.insert(
        HIGHLIGHT_DARK_CSS.to_string(),
        highlight::stylesheet(&hl.dark).into_bytes(),
    );

    let mut names = BTreeMap::new();
    let mut files = Vec::new();
    for (name, mut bytes) in theme_files {
        if let Some(b) = site_static.overrides.get(&name) {
            bytes = b.clone();
        }
        let route = if is_fingerprinted(&name) {
            Route::file(&hashed_name(&name, &bytes))
        } else {
            Route::file(&name)
        };
        names.insert(name.clone(), route.clone());
        if !site_static.files.contains_key(&name) || route.as_str() != name {
            let origin = match theme.statics.get(&name) {
                Some(f) => f.display.display().to_string(),
                None => format!("the generated {name}"),
            };
            files.push(OutputFile {
                path: route.output_file(),
                body: Body::Bytes(bytes.into()),
                origin,
            });
        }
    }
    for (rel, path) in &site_static.files {
        files.push(OutputFile {
            path: rel.clone(),
            body: Body::Copy(path.clone()),
            origin: path.display().to_string(),
        });
        names.entry(rel.clone()).or_insert_with(|| Route::file(rel));
    }
    for a in content_assets {
        files.push(OutputFile {
            path: a.rel.clone(),
            body: Body::Copy(a.path.clone()),
            origin: a.path.display().to_string(),
        });
    }

    Assets { names, files }
}

/// The logo and favicon named in site.yaml must be files of the site or theme.
pub(crate) fn check_branding(
    settings: &Settings,
    assets: &Assets,
    doc: &YamlDoc,
) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::default();
    let b = &settings.config.branding;
    for (key, value) in [("branding.logo", &b.logo), ("branding.favicon", &b.favicon)] {
        if let Some(path) = value
            && !assets.names.contains_key(path.trim_start_matches('/'))
        {
            errors.push(doc.error_at(
                Code::BadSetting,
                key,
                format!("no file `{path}` in static/ (or the theme's static/)"),
            ));
        }
    }
    errors.finish(())
}

/// CSS and JS change with every theme edit; their names carry a hash of their
/// bytes so a browser never keeps a stale copy after a redeploy.
fn is_fingerprinted(name: &str) -> bool {
    name.ends_with(".css") || name.ends_with(".js")
}

/// `css/main.css` + bytes → `css/main.0123456789.css`.
pub(crate) fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_follow_content() {
        let a = hashed_name("css/main.css", b"body{}");
        let b = hashed_name("css/main.css", b"body{color:red}");
        assert!(a.starts_with("css/main.") && a.ends_with(".css"));
        assert_ne!(a, b);
        assert_eq!(a, hashed_name("css/main.css", b"body{}"));
        assert_eq!(a.len(), "css/main.".len() + 10 + ".css".len());
    }
}
