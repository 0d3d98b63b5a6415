//! Front matter: the YAML between `---` lines at the top of a Markdown file.
//!
//! In: a page file's text. Out: the typed [`FrontMatter`], where its YAML
//! lies in the file (so later checks can point into it) and where the
//! Markdown body starts. A UTF-8 byte-order mark and CRLF line endings are
//! accepted.

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::yaml::YamlDoc;
use crate::text::slug::is_slug;

/// The keys a page may set. The README's "Front matter" section documents them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Order among siblings; lower first, unweighted pages last.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Replaces the file name in the page's URL.
    #[serde(default)]
    pub slug: Option<String>,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether the search index holds the page (`search: false` leaves it out).
    #[serde(default = "yes")]
    pub search: bool,
    /// A template of the theme to use instead of the default for the page kind.
    #[serde(default)]
    pub template: Option<String>,
    /// Free-form values for templates. Keys are strings, so templates can reach them.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn yes() -> bool {
    true
}

/// Byte ranges of a page file's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub yaml_start: usize,
    pub yaml_end: usize,
    pub body_start: usize,
}

/// Finds the front matter block. It must open on the first line.
pub(crate) fn split(path: &Path, text: &str) -> Result<Layout, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = LineIter { text, pos: start };
    let first = lines.next();
    let Some((_, first_end, _)) = first.filter(|(_, _, l)| l.trim_end() == "---") else {
        return Err(Diagnostic::at_offset(
            Code::FrontMatter,
            path,
            text,
            start,
            "a page must start with front matter: a `---` line, YAML with at least `title:`, and another `---` line",
        ));
    };
    for (line_start, line_end, line) in lines {
        if line.trim_end() == "---" {
            return Ok(Layout {
                yaml_start: first_end,
                yaml_end: line_start,
                body_start: line_end,
            });
        }
    }
    Err(Diagnostic::at_offset(
        Code::FrontMatter,
        path,
        text,
        start,
        "front matter opened here is never closed with a `---` line",
    ))
}

/// Lines with their byte range (end includes the line ending).
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        self.pos = end;
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        Some((start, end, line))
    }
}

/// Parses and checks a page's front matter. Every problem found is returned.
pub(crate) fn parse(path: &Path, text: &str) -> Result<(FrontMatter, Layout), Diagnostics> {
    let layout = split(path, text)?;
    let doc = YamlDoc::slice(path, text, layout.yaml_start, layout.yaml_end);
    let front: FrontMatter = doc.parse()?;
    let mut errors = Diagnostics::default();
    if front.title.trim().is_empty() {
        errors.push(doc.error_at(Code::FrontMatter, "title", "`title` is empty"));
    }
    if let Some(date) = &front.date
        && !is_date(date)
    {
        errors.push(doc.error_at(
            Code::FrontMatter,
            "date",
            format!("date `{date}` is not a date like 2026-11-26"),
        ));
    }
    if let Some(slug) = &front.slug
        && !is_slug(slug)
    {
        errors.push(doc.error_at(
            Code::FrontMatter,
            "slug",
            format!("slug `{slug}` may hold only lowercase letters, digits, `-` and `_`"),
        ));
    }
    for (i, alias) in front.aliases.iter().enumerate() {
        if let Err(m) = check_alias(alias) {
            errors.push(doc.error_at(Code::FrontMatter, &format!("aliases[{i}]"), m));
        }
    }
    errors.finish((front, layout))
}

/// An alias is a site path such as `/old/page/` or `/old.html`.
fn check_alias(alias: &str) -> Result<(), String> {
    let ok_chars = alias
        .chars()
        .all(|c| c.is_alphanumeric() || "/-_.~".contains(c));
    if !alias.starts_with('/') {
        return Err(format!("alias `{alias}` must be a path starting with `/`"));
    }
    if !ok_chars || alias.split('/').any(|s| s == ".." || s == ".") || alias.contains("//") {
        return Err(format!(
            "alias `{alias}` may hold only letters, digits, `/`, `-`, `_`, `.` and `~`, with no `..`"
        ));
    }
    if alias == "/" {
        return Err("alias `/` would replace the home page".into());
    }
    Ok(())
}

pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_crlf_and_bom() {
        let t = "---\ntitle: A\n---\nbody\n";
        let l = split(Path::new("a.md"), t).unwrap();
        assert_eq!(&t[l.yaml_start..l.yaml_end], "title: A\n");
        assert_eq!(&t[l.body_start..], "body\n");
        let t = "\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n";
        let l = split(Path::new("a.md"), t).unwrap();
        assert_eq!(&t[l.yaml_start..l.yaml_end], "title: A\r\n");
        assert_eq!(&t[l.body_start..], "body\r\n");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_an_error() {
        assert!(split(Path::new("a.md"), "# Hi\n").is_err());
        let e = split(Path::new("a.md"), "---\ntitle: x\n").unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn errors_point_into_the_markdown_file() {
        let t = "---\ntitle: A\ndate: 2026-13-01\nslug: Bad Slug\n---\n";
        let errs = parse(Path::new("a.md"), t).unwrap_err();
        let msgs: Vec<String> = errs.0.iter().map(ToString::to_string).collect();
        assert!(msgs[0].starts_with("a.md:3:7: date"), "{msgs:?}");
        assert!(msgs[1].starts_with("a.md:4:7: slug"), "{msgs:?}");
    }

    #[test]
    fn crlf_yaml_error_is_on_the_right_line() {
        let t = "---\r\ntitle: A\r\nweight: heavy\r\n---\r\n";
        let errs = parse(Path::new("a.md"), t).unwrap_err();
        assert!(
            errs.0[0].to_string().starts_with("a.md:3:"),
            "{}",
            errs.0[0]
        );
    }

    #[test]
    fn dates_and_aliases() {
        assert!(is_date("2026-11-26"));
        assert!(!is_date("2026-1-26"));
        assert!(!is_date("26-11-2026"));
        assert!(!is_date("2026-02-31"));
        assert!(!is_date("2026-02-29"));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2100-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(check_alias("/old/page/").is_ok());
        assert!(check_alias("old").is_err());
        assert!(check_alias("/../etc").is_err());
        assert!(check_alias("/a\"b").is_err());
    }
}
