//! What a URL written by a writer is: one scheme parser for the whole
//! program, the classification of link destinations in Markdown, and the
//! rule that keeps script URLs out of pages.

/// The scheme of `url` (`https`, `mailto`, `javascript`), lowercased, as a
/// browser would find it: leading and trailing spaces and control characters
/// are ignored and tabs and newlines inside are dropped (so `java\nscript:`
/// is `javascript`). Text before the first `:` counts as a scheme unless it
/// holds `/`, `?` or `#` (then the colon is part of a path, query or fragment).
pub(crate) fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (candidate, _) = cleaned.split_once(':')?;
    if candidate.is_empty() || candidate.contains(['/', '?', '#']) {
        return None;
    }
    Some(candidate.to_ascii_lowercase())
}

/// URLs written into `href`s from YAML: http(s), mailto, or a path inside
/// the site. Never `javascript:`, `data:` or any other scheme, and never a
/// path that a browser reads as another host (`//evil.example/`,
/// `/\evil.example`).
pub fn is_safe_url(url: &str) -> bool {
    match scheme(url) {
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
        None => !names_a_host(url),
    }
}

/// Whether a URL without a scheme starts with two slashes or backslashes
/// (after the spaces, tabs and newlines a browser ignores): browsers read
/// that as "the same scheme, another host".
fn names_a_host(url: &str) -> bool {
    let mut chars = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let slash = |c: Option<char>| matches!(c, Some('/' | '\\'));
    slash(chars.next()) && slash(chars.next())
}

/// A URL without a scheme or host: a path inside the site.
pub fn is_site_path(url: &str) -> bool {
    !url.starts_with('#') && scheme(url).is_none() && !names_a_host(url)
}

/// Splits `path#fragment`.
pub fn split_fragment(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (s, None),
    }
}

/// What a link destination written in Markdown refers to.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// Has a scheme (`https:`, `mailto:`) or is protocol-relative: untouched.
    External,
    /// `#anchor` on the same page.
    Fragment(String),
    /// `/about/`: a site path, given the base path.
    Root {
        path: String,
        fragment: Option<String>,
    },
    /// `../speed.md#x`: another page, as a path relative to `content/`.
    Page {
        rel: String,
        fragment: Option<String>,
    },
    /// `diagram.png`: a file beside the page, relative to `content/`.
    File { rel: String },
    /// A relative path that climbs out of `content/`.
    Outside,
}

/// Classifies `dest` written in the page at `from_rel` (relative to `content/`).
pub fn classify(dest: &str, from_rel: &str) -> LinkKind {
    if scheme(dest).is_some() || dest.starts_with("//") {
        return LinkKind::External;
    }
    let (path, fragment) = split_fragment(dest);
    let fragment = fragment.map(str::to_owned);
    if path.is_empty() {
        return LinkKind::Fragment(fragment.unwrap_or_default());
    }
    if path.starts_with('/') {
        return LinkKind::Root {
            path: path.to_string(),
            fragment,
        };
    }
    let decoded = percent_decode(path.split('?').next().unwrap_or(path));
    let mut parts: Vec<&str> = from_rel.split('/').collect();
    parts.pop();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return LinkKind::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    let rel = parts.join("/");
    if rel.ends_with(".md") {
        LinkKind::Page { rel, fragment }
    } else {
        LinkKind::File { rel }
    }
}

/// Decodes `%20`-style escapes (a writer may link `My%20Chart.svg`).
/// Invalid escapes and non-UTF-8 results are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_scheme_parser() {
        assert_eq!(scheme("https://x.org").as_deref(), Some("https"));
        assert_eq!(
            scheme(" JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            scheme("java\n\tscript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("../x.html#a:b"), None);
        assert_eq!(scheme("/a:b"), None);
        assert_eq!(scheme("x.md"), None);
        assert!(is_site_path("about/"));
        assert!(is_site_path("/about/#x"));
        assert!(!is_site_path("https://x/"));
        assert!(!is_site_path("//cdn.x/a"));
        assert!(!is_site_path("#top"));
    }

    #[test]
    fn urls_from_yaml_cannot_run_script() {
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JavaScript:alert(1)"));
        assert!(!is_safe_url("java\tscript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
        assert!(is_safe_url("https://example.com/"));
        assert!(is_safe_url("mailto:a@b.c"));
        assert!(is_safe_url("/about/"));
        assert!(is_safe_url("../x.html#a:b"));
        // Another host, as browsers read it.
        assert!(!is_safe_url("//evil.example/"));
        assert!(!is_safe_url("/\\evil.example"));
        assert!(!is_safe_url("\\\\evil.example"));
        assert!(!is_safe_url(" /\t/evil.example"));
        assert!(!is_site_path("/\\evil.example"));
        assert!(is_safe_url("/a//b"));
    }

    #[test]
    fn classifies_links() {
        assert_eq!(classify("https://x.org/a", "a.md"), LinkKind::External);
        assert_eq!(classify("mailto:a@b.c", "a.md"), LinkKind::External);
        assert_eq!(classify("//cdn.x/a.js", "a.md"), LinkKind::External);
        assert_eq!(classify("#top", "a.md"), LinkKind::Fragment("top".into()));
        assert_eq!(
            classify("/about/#team", "x/a.md"),
            LinkKind::Root {
                path: "/about/".into(),
                fragment: Some("team".into())
            }
        );
        assert_eq!(
            classify("speed.md#gil", "aspects/scalability.md"),
            LinkKind::Page {
                rel: "aspects/speed.md".into(),
                fragment: Some("gil".into())
            }
        );
        assert_eq!(
            classify("../about.md", "aspects/speed.md"),
            LinkKind::Page {
                rel: "about.md".into(),
                fragment: None
            }
        );
        assert_eq!(
            classify("./img/a.png", "aspects/speed.md"),
            LinkKind::File {
                rel: "aspects/img/a.png".into()
            }
        );
        assert_eq!(
            classify("../../x.md", "aspects/speed.md"),
            LinkKind::Outside
        );
    }

    #[test]
    fn percent_escapes_in_paths_are_decoded() {
        assert_eq!(
            classify("My%20Chart.svg", "a/b.md"),
            LinkKind::File {
                rel: "a/My Chart.svg".into()
            }
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("50%2"), "50%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "%FF");
    }
}
