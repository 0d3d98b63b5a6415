//! Syntax highlighting at build time: code in, HTML with CSS classes out
//! (never inline styles), plus one stylesheet holding a light and a dark
//! palette switched by `prefers-color-scheme` and `html[data-theme]`.
//!
//! The syntax and theme sets are loaded once per process and shared by all
//! rendering threads.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::{escape_attr, escape_text};

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

pub fn has_theme(name: &str) -> bool {
    THEMES.themes.contains_key(name)
}

pub fn theme_names() -> Vec<&'static str> {
    THEMES.themes.keys().map(String::as_str).collect()
}

/// Highlights `code` written in `lang` (a fence's info string's first word).
/// An unknown or empty language gives the code escaped, unhighlighted.
pub fn highlight(code: &str, lang: &str) -> String {
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    let lang_attr = escape_attr(lang);
    let mut out = String::with_capacity(code.len() * 2);
    if lang.is_empty() {
        out.push_str("<pre class=\"code\"><code>");
    } else {
        out.push_str(&format!(
            "<pre class=\"code hl-code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">"
        ));
    }
    match syntax {
        Some(syntax) => {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
            let mut ok = true;
            for line in LinesWithEndings::from(code) {
                if generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_err()
                {
                    ok = false;
                    break;
                }
            }
            if ok {
                out.push_str(&generator.finalize());
            } else {
                out.push_str(&escape_text(code));
            }
        }
        None => out.push_str(&escape_text(code)),
    }
    out.push_str("</code></pre>\n");
    out
}

/// The highlighting stylesheet: `light` applies unless the reader's system or
/// the theme toggle asks for dark, `dark` otherwise. Theme names are checked
/// when settings load; an unknown name here gives an empty palette.
pub fn stylesheet(light: &str, dark: &str) -> String {
    let palette = |name: &str| {
        THEMES
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    let light_css = palette(light);
    let dark_css = palette(dark);
    let mut out = String::new();
    out.push_str(&format!(
        "/* highlighting: {light} (light), {dark} (dark) */\n"
    ));
    out.push_str(&scope_css(&light_css, ":root:not([data-theme=\"dark\"])"));
    out.push_str("@media (prefers-color-scheme: dark) {\n");
    out.push_str(&scope_css(&dark_css, ":root:not([data-theme=\"light\"])"));
    out.push_str("}\n");
    out.push_str(&scope_css(&dark_css, ":root[data-theme=\"dark\"]"));
    out
}

/// Prefixes every selector of a flat stylesheet (rules only, no at-rules,
/// as syntect writes them) with `scope`.
fn scope_css(css: &str, scope: &str) -> String {
    let css = strip_comments(css);
    let mut out = String::new();
    let mut rest = css.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let selectors = rest[..open].trim();
        let body = rest[open + 1..open + close].trim();
        let scoped: Vec<String> = selectors
            .split(',')
            .map(|s| format!("{scope} {}", s.trim()))
            .collect();
        out.push_str(&scoped.join(", "));
        out.push_str(" { ");
        out.push_str(&body.replace('\n', " "));
        out.push_str(" }\n");
        rest = &rest[open + close + 1..];
    }
    out
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_styles() {
        let html = highlight("let x = 1;\n", "javascript");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let html = highlight("<script>alert(1)</script>\n", "nosuchlang\"><x");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("data-lang=\"nosuchlang&quot;&gt;&lt;x\""),
            "{html}"
        );
    }

    #[test]
    fn stylesheet_has_both_palettes_scoped() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark");
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-"));
        assert!(css.contains(":root:not([data-theme=\"dark\"]) .hl-"));
        assert!(!css.contains("/*\n"));
    }
}
