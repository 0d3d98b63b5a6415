//! URLs: the one place that turns a route inside the site into the href a
//! page writes.
//!
//! A [`Route`] names an output location relative to the site root: `""` is
//! the home page, `aspects/speed/` a page (written as `aspects/speed/index.html`),
//! `assets/main.1a2b3c.css` a file. [`UrlBuilder`] makes hrefs from a route:
//! absolute paths under base_url's path by default, or paths relative to the
//! page being written (naming `index.html` explicitly, so `file://` works)
//! when `relative_urls` is on.

use std::fmt;

/// A location in the output, relative to the site root, without a leading `/`.
/// Directory routes end with `/` (or are empty for the home page).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Route(String);

impl Route {
    pub fn home() -> Self {
        Route(String::new())
    }

    /// A page route from path segments: `["aspects", "speed"]` → `aspects/speed/`.
    pub fn dir<S: AsRef<str>>(segments: &[S]) -> Self {
        let mut s = String::new();
        for seg in segments {
            s.push_str(seg.as_ref());
            s.push('/');
        }
        Route(s)
    }

    /// A file route, such as `sitemap.xml` or `assets/app.js`.
    pub fn file(path: &str) -> Self {
        Route(path.trim_start_matches('/').to_string())
    }

    /// A site path a writer typed (`/about/`, `/about`, `/files/a.pdf`): a
    /// last segment without an extension names a page, so `/about` is the
    /// route `about/` (which relative mode writes as `about/index.html`).
    /// A query string is kept.
    pub fn site_path(path: &str) -> Self {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let p = path.trim_start_matches('/');
        let last = p.rsplit('/').next().unwrap_or("");
        let mut route = if p.is_empty() || p.ends_with('/') || last.contains('.') {
            p.to_string()
        } else {
            format!("{p}/")
        };
        if let Some(q) = query {
            route.push('?');
            route.push_str(q);
        }
        Route(route)
    }

    /// Parses a route as written (`about/`, `404.html`).
    pub fn parse(path: &str) -> Self {
        let p = path.trim_start_matches('/');
        Route(p.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_dir(&self) -> bool {
        let path = self.path();
        path.is_empty() || path.ends_with('/')
    }

    /// The route without a query string.
    fn path(&self) -> &str {
        self.0.split('?').next().unwrap_or("")
    }

    /// The file this route is written to, relative to the output folder.
    pub fn output_file(&self) -> String {
        if self.is_dir() {
            format!("{}index.html", self.path())
        } else {
            self.path().to_string()
        }
    }

    /// How many folders deep the written file sits.
    fn depth(&self) -> usize {
        self.output_file().matches('/').count()
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}

/// The validated parts of `base_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://intranet.example`
    pub origin: String,
    /// `/guides/nodepy/`: always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    /// Accepts `http(s)://host[:port][/path]`; anything else is an error
    /// message for the caller to place.
    pub fn parse(s: &str) -> Result<Self, String> {
        let rest = s
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| s.strip_prefix("http://").map(|r| ("http://", r)));
        let Some((scheme, rest)) = rest else {
            return Err(format!(
                "base_url `{s}` must start with http:// or https://"
            ));
        };
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let bad_host = host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:[]_".contains(c));
        if bad_host {
            return Err(format!("base_url `{s}` has no valid host name"));
        }
        if path.contains(['?', '#', '"', '\'', '<', '>', ' ', '\\']) {
            return Err(format!(
                "base_url `{s}` may not contain a query, fragment, quotes or spaces"
            ));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}{host}"),
            path,
        })
    }
}

#[derive(Debug, Clone)]
pub struct UrlBuilder {
    base: BaseUrl,
    relative: bool,
}

impl UrlBuilder {
    pub fn new(base: BaseUrl, relative: bool) -> Self {
        UrlBuilder { base, relative }
    }

    /// The href to write in the page at `from` to reach `to` (plus an
    /// optional `#fragment`, given without the `#`).
    pub fn href(&self, from: &Route, to: &Route, fragment: Option<&str>) -> String {
        let mut out = if self.relative {
            let mut s = "../".repeat(from.depth());
            s.push_str(&to.output_file());
            if let Some((_, query)) = to.0.split_once('?') {
                s.push('?');
                s.push_str(query);
            }
            s
        } else {
            format!("{}{}", self.base.path, to.as_str())
        };
        if let Some(f) = fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }

    /// The same builder, making absolute paths under the base path.
    pub fn absolute_paths(&self) -> Self {
        UrlBuilder {
            base: self.base.clone(),
            relative: false,
        }
    }

    /// The full URL of a route, for sitemap.xml, canonical links and feeds.
    pub fn absolute(&self, to: &Route) -> String {
        format!("{}{}{}", self.base.origin, self.base.path, to.as_str())
    }
}

/// Splits `path#fragment`.
pub fn split_fragment(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (s, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(base: &str, relative: bool) -> UrlBuilder {
        UrlBuilder::new(BaseUrl::parse(base).unwrap(), relative)
    }

    #[test]
    fn parses_base_urls() {
        let b = BaseUrl::parse("https://intranet.example/guides/nodepy").unwrap();
        assert_eq!(b.origin, "https://intranet.example");
        assert_eq!(b.path, "/guides/nodepy/");
        assert_eq!(BaseUrl::parse("http://localhost:8080").unwrap().path, "/");
        assert!(BaseUrl::parse("ftp://x/").is_err());
        assert!(BaseUrl::parse("/docs/").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://x/a\"b").is_err());
    }

    #[test]
    fn absolute_mode_uses_base_path() {
        let u = builder("https://intranet.example/guides/nodepy/", false);
        let from = Route::dir(&["aspects", "speed"]);
        assert_eq!(
            u.href(&from, &Route::dir(&["about"]), None),
            "/guides/nodepy/about/"
        );
        assert_eq!(u.href(&from, &Route::home(), None), "/guides/nodepy/");
        assert_eq!(
            u.href(&from, &Route::file("assets/a.css"), None),
            "/guides/nodepy/assets/a.css"
        );
        assert_eq!(
            u.href(&from, &Route::dir(&["about"]), Some("team")),
            "/guides/nodepy/about/#team"
        );
        assert_eq!(
            u.absolute(&Route::dir(&["about"])),
            "https://intranet.example/guides/nodepy/about/"
        );
    }

    #[test]
    fn relative_mode_names_index_html() {
        let u = builder("https://example.com/", true);
        let deep = Route::dir(&["aspects", "speed"]);
        assert_eq!(
            u.href(&deep, &Route::dir(&["about"]), None),
            "../../about/index.html"
        );
        assert_eq!(u.href(&deep, &Route::home(), None), "../../index.html");
        assert_eq!(u.href(&Route::home(), &Route::home(), None), "index.html");
        assert_eq!(
            u.href(&Route::home(), &Route::file("assets/a.js"), None),
            "assets/a.js"
        );
        assert_eq!(
            u.href(&Route::file("404.html"), &Route::dir(&["x"]), Some("y")),
            "x/index.html#y"
        );
        // What a writer types for a page names the page's file.
        assert_eq!(
            u.href(&deep, &Route::site_path("/guide"), None),
            "../../guide/index.html"
        );
        assert_eq!(
            u.href(&deep, &Route::site_path("/guide/?a=1"), None),
            "../../guide/index.html?a=1"
        );
        assert_eq!(
            u.href(&deep, &Route::site_path("/files/a.pdf"), None),
            "../../files/a.pdf"
        );
        assert_eq!(split_fragment("a/#b"), ("a/", Some("b")));
        // Absolute URLs stay absolute even in relative mode.
        assert_eq!(u.absolute(&Route::dir(&["x"])), "https://example.com/x/");
    }
}
