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

mod cache;
mod contrast;

pub use cache::Highlighter;
use contrast::readable;

use crate::text::escape::{escape_attr, escape_text};

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

pub(crate) fn theme_names() -> Vec<&'static str> {
    THEMES.themes.keys().map(String::as_str).collect()
}

/// Highlights `code` written in `lang` (uncached; pages go through a
/// [`Highlighter`]) (a fence's info string's first word).
/// An unknown or empty language gives the code escaped, unhighlighted.
pub(crate) fn highlight(code: &str, lang: &str) -> String {
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    let lang_attr = escape_attr(lang);
    let mut out = String::with_capacity(code.len() * 2);
    if lang.is_empty() {
        out.push_str("<pre class=\"code\" tabindex=\"0\"><code>");
    } else {
        out.push_str(&format!(
            "<pre class=\"code hl-code\" data-lang=\"{lang_attr}\" tabindex=\"0\"><code class=\"language-{lang_attr}\">"
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

/// The stylesheet of one highlighting theme, with colours made readable
/// (see [`readable`]). The default theme links the light and the dark one
/// with `media="(prefers-color-scheme: …)"` and its toggle script switches
/// those media, so exactly one palette applies at a time: two palettes'
/// rules (with different selectors) never mix. An unknown name (settings
/// check names first) gives an empty stylesheet.
pub(crate) fn stylesheet(name: &str) -> String {
    let css = THEMES
        .themes
        .get(name)
        .map(readable)
        .and_then(|t| css_for_theme_with_class_style(&t, CLASS_STYLE).ok())
        .unwrap_or_default();
    format!("/* highlighting: {name} */\n{}", compact(&css))
}

/// One rule per line, comments removed.
fn compact(css: &str) -> String {
    let css = strip_comments(css);
    let mut out = String::with_capacity(css.len());
    let mut rest = css.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let selectors = rest[..open].trim();
        let body: Vec<&str> = rest[open + 1..open + close]
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .collect();
        out.push_str(selectors);
        out.push('{');
        out.push_str(&body.join(";"));
        out.push_str("}\n");
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
    use contrast::contrast;
    use syntect::highlighting::Color;

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
    fn every_stock_theme_becomes_readable() {
        for (name, theme) in &THEMES.themes {
            let t = readable(theme);
            let bg = t.settings.background.unwrap_or(Color::WHITE);
            for item in &t.scopes {
                if let Some(fg) = item.style.foreground {
                    let on = item.style.background.unwrap_or(bg);
                    assert!(contrast(fg, on) >= 4.5, "{name}: {fg:?} on {on:?}");
                }
            }
        }
    }

    #[test]
    fn stylesheet_is_compact_and_unscoped() {
        let css = stylesheet("InspiredGitHub");
        assert!(css.starts_with("/* highlighting: InspiredGitHub */\n"));
        assert!(css.contains(".hl-code{"), "{css}");
        assert!(css.lines().skip(1).all(|l| l.ends_with('}')), "{css}");
        assert_eq!(
            stylesheet("no such theme"),
            "/* highlighting: no such theme */\n"
        );
    }
}
