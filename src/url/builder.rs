//! [`UrlBuilder`]: route → href, in absolute-path or relative mode.

use super::{BaseUrl, Route};

#[derive(Debug, Clone)]
pub struct UrlBuilder {
    base: BaseUrl,
    relative: bool,
}

impl UrlBuilder {
    pub fn new(base: BaseUrl, relative: bool) -> Self {
        UrlBuilder { base, relative }
    }

    /// The base path every page is under (`/` or `/docs/`).
    pub fn base_path(&self) -> &str {
        &self.base.path
    }

    /// The href to write in the page at `from` to reach `to` (plus an
    /// optional `#fragment`, given without the `#`).
    pub(crate) fn href(&self, from: &Route, to: &Route, fragment: Option<&str>) -> String {
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
    pub(crate) fn absolute_paths(&self) -> Self {
        UrlBuilder {
            base: self.base.clone(),
            relative: false,
        }
    }

    /// The full URL of a route, for sitemap.xml, canonical links and feeds.
    pub(crate) fn absolute(&self, to: &Route) -> String {
        format!("{}{}{}", self.base.origin, self.base.path, to.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::split_fragment;

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
