//! Site settings: `content/site.yaml`, parsed and validated in one place.
//!
//! In: the text of site.yaml. Out: a [`SiteConfig`] whose values are checked
//! (base_url parses, colours are real colours, highlighting themes exist).
//! Checks that need the rest of the site (navigation pages, the theme
//! folder) happen where that is known, placed with `YamlDoc::error_at`.
//! The README's "Site settings" section documents this schema: keep them in step.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::yaml::YamlDoc;
use crate::url::{BaseUrl, UrlBuilder, is_safe_url};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    #[serde(default)]
    pub relative_urls: bool,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub navigation: Vec<NavItem>,
    #[serde(default)]
    pub branding: Branding,
    #[serde(default)]
    pub highlighting: Highlighting,
    /// Build the search index, the results page and the search box.
    #[serde(default = "yes")]
    pub search: bool,
    /// Free-form values for themes. Keys are strings, so templates can reach them.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A navigation entry: either a page of the site (`page: about.md`) or a URL.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NavItem {
    pub title: String,
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// Shown in the header; defaults to the site title.
    #[serde(default)]
    pub name: Option<String>,
    /// Path of an image in the site's `static/` folder.
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub favicon: Option<String>,
    #[serde(default)]
    pub accent: Accent,
    #[serde(default)]
    pub footer: Footer,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accent {
    #[serde(default = "default_accent_light")]
    pub light: String,
    #[serde(default = "default_accent_dark")]
    pub dark: String,
}

impl Default for Accent {
    fn default() -> Self {
        Accent {
            light: default_accent_light(),
            dark: default_accent_dark(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A titled link written in YAML: a footer link, a technology's links.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Highlighting {
    #[serde(default = "default_hl_light")]
    pub light: String,
    #[serde(default = "default_hl_dark")]
    pub dark: String,
}

impl Default for Highlighting {
    fn default() -> Self {
        Highlighting {
            light: default_hl_light(),
            dark: default_hl_dark(),
        }
    }
}

fn yes() -> bool {
    true
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_accent_light() -> String {
    "#1f5fbf".into()
}
fn default_accent_dark() -> String {
    "#8ab4f8".into()
}
fn default_hl_light() -> String {
    "InspiredGitHub".into()
}
fn default_hl_dark() -> String {
    "base16-ocean.dark".into()
}

/// The settings plus what was derived from them while validating.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: SiteConfig,
    /// The one URL builder of the site (base_url, or `--base-url`, and
    /// relative_urls): every href of a build comes from it.
    pub urls: UrlBuilder,
}

/// What site.yaml is checked against that is known elsewhere.
pub struct LoadOptions<'a> {
    /// `--base-url`, which replaces `base_url`.
    pub base_url_override: Option<&'a str>,
    /// The highlighting themes the renderer has.
    pub highlight_themes: &'a [&'a str],
}

/// Parses and validates site.yaml.
pub fn load(path: &Path, text: &str, opts: &LoadOptions) -> Result<Settings, Diagnostics> {
    let base_url_override = opts.base_url_override;
    let doc = YamlDoc::whole(path, text);
    let config: SiteConfig = doc.parse()?;
    let mut errors = Diagnostics::default();

    let base_url = match base_url_override {
        Some(b) => base_url_argument(b),
        None => BaseUrl::parse(&config.base_url)
            .map_err(|m| doc.error_at(Code::BadSetting, "base_url", m)),
    };
    if !is_theme_name(&config.theme) {
        errors.push(doc.error_at(
            Code::BadSetting, "theme",
            format!("theme `{}` must be the name of a folder under themes/ (letters, digits, `-`, `_`, `.`)", config.theme),
        ));
    }
    if !is_language_tag(&config.language) {
        errors.push(doc.error_at(
            Code::BadSetting,
            "language",
            format!(
                "language `{}` is not a language tag like `en` or `pt-BR`",
                config.language
            ),
        ));
    }
    for (key, value) in [
        ("branding.accent.light", &config.branding.accent.light),
        ("branding.accent.dark", &config.branding.accent.dark),
    ] {
        if !is_hex_colour(value) {
            errors.push(doc.error_at(
                Code::BadSetting,
                key,
                format!("`{value}` is not a colour; write #rgb or #rrggbb"),
            ));
        }
    }
    for (key, value) in [
        ("highlighting.light", &config.highlighting.light),
        ("highlighting.dark", &config.highlighting.dark),
    ] {
        if !opts.highlight_themes.contains(&value.as_str()) {
            let names = opts.highlight_themes;
            let d = doc
                .error_at(
                    Code::BadSetting,
                    key,
                    format!("unknown highlighting theme `{value}`"),
                )
                .with_help(format!("available: {}", names.join(", ")))
                .suggest(value, names.iter().copied());
            errors.push(d);
        }
    }
    for (i, item) in config.navigation.iter().enumerate() {
        if item.page.is_some() == item.url.is_some() {
            errors.push(doc.error_at(
                Code::BadSetting,
                &format!("navigation[{i}]"),
                "a navigation entry needs exactly one of `page` (a content file) or `url`",
            ));
        }
        if let Some(url) = &item.url
            && !is_safe_url(url)
        {
            errors.push(doc.error_at(
                Code::UnsafeUrl,
                &format!("navigation[{i}].url"),
                format!("unsafe URL `{url}`"),
            ));
        }
    }
    for (i, link) in config.branding.footer.links.iter().enumerate() {
        if !is_safe_url(&link.url) {
            errors.push(doc.error_at(
                Code::UnsafeUrl,
                &format!("branding.footer.links[{i}].url"),
                format!("unsafe URL `{}`", link.url),
            ));
        }
    }
    match base_url {
        Ok(base_url) if errors.is_empty() => Ok(Settings {
            urls: UrlBuilder::new(base_url, config.relative_urls),
            config,
        }),
        Ok(_) => errors.fail(),
        Err(d) => {
            errors.push(d);
            errors.fail()
        }
    }
}

/// `--base-url` checked: a usage error when it is not a base URL.
pub fn base_url_argument(s: &str) -> Result<BaseUrl, Diagnostic> {
    BaseUrl::parse(s).map_err(|m| Diagnostic::global(Code::BadArgument, format!("--base-url: {m}")))
}

pub(crate) fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| (h.len() == 3 || h.len() == 6) && h.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A theme is a folder directly under `themes/`: a plain name, never a path.
pub(crate) fn is_theme_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c))
}

fn is_language_tag(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<Settings, Diagnostics> {
        let themes = ["InspiredGitHub", "base16-ocean.dark"];
        let opts = LoadOptions {
            base_url_override: None,
            highlight_themes: &themes,
        };
        load(Path::new("content/site.yaml"), text, &opts)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let s = load_str("title: T\nbase_url: https://example.com/docs\n").unwrap();
        assert_eq!(
            s.urls
                .href(&crate::url::Route::home(), &crate::url::Route::home(), None),
            "/docs/"
        );
        assert_eq!(s.config.theme, "default");
        assert!(!s.config.relative_urls);
    }

    #[test]
    fn reports_every_problem_with_places() {
        let text = "title: T\nbase_url: example.com\nbranding:\n  accent:\n    light: red;}\nhighlighting:\n  dark: nope\n";
        let errs = load_str(text).unwrap_err();
        let locs: Vec<String> = errs.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(locs.len(), 3, "{locs:#?}");
        assert!(locs[0].starts_with("content/site.yaml:2:11:"), "{locs:#?}");
        assert!(locs[1].starts_with("content/site.yaml:5:12:"), "{locs:#?}");
        assert!(locs[2].starts_with("content/site.yaml:7:9:"), "{locs:#?}");
    }

    #[test]
    fn unknown_key_suggests() {
        let errs = load_str("title: T\nbase_url: https://x/\nnavigaton: []\n").unwrap_err();
        assert_eq!(
            errs.0[0].help.as_deref(),
            Some("did you mean `navigation`?")
        );
        assert_eq!(errs.0[0].location().unwrap(), "content/site.yaml:3:1");
    }

    #[test]
    fn theme_is_a_folder_name_not_a_path() {
        let errs = load_str("title: T\nbase_url: https://x/\ntheme: /usr/share/doc\n").unwrap_err();
        assert!(
            errs.0[0].message.contains("must be the name of a folder"),
            "{:?}",
            errs
        );
        assert!(is_theme_name("my-theme_2"));
        assert!(!is_theme_name("../x"));
        assert!(!is_theme_name(".hidden"));
    }
}
