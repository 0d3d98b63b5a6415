//! [`Route`]: a place in the output, relative to the site root.

use std::fmt;

/// A location in the output, relative to the site root, without a leading `/`.
/// Directory routes end with `/` (or are empty for the home page).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Route(pub(super) String);

impl Route {
    pub(crate) fn home() -> Self {
        Route(String::new())
    }

    /// A page route from path segments: `["aspects", "speed"]` → `aspects/speed/`.
    pub(crate) fn dir<S: AsRef<str>>(segments: &[S]) -> Self {
        let mut s = String::new();
        for seg in segments {
            s.push_str(seg.as_ref());
            s.push('/');
        }
        Route(s)
    }

    /// A route as written, without a leading `/`: a file (`sitemap.xml`,
    /// `assets/app.js`) or a page (`about/`).
    pub(crate) fn file(path: &str) -> Self {
        Route(path.trim_start_matches('/').to_string())
    }

    /// A site path a writer typed (`/about/`, `/about`, `/files/a.pdf`): a
    /// last segment without an extension names a page, so `/about` is the
    /// route `about/` (which relative mode writes as `about/index.html`).
    /// A query string is kept.
    pub(crate) fn site_path(path: &str) -> Self {
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

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn is_dir(&self) -> bool {
        let path = self.path();
        path.is_empty() || path.ends_with('/')
    }

    /// The route without a query string.
    fn path(&self) -> &str {
        self.0.split('?').next().unwrap_or("")
    }

    /// The same place with the query string of `other` (a route a writer
    /// typed, `/css/main.css?v=2`, resolved to another route).
    pub(crate) fn with_query_of(&self, other: &Route) -> Route {
        match other.0.split_once('?') {
            Some((_, q)) => Route(format!("{}?{q}", self.path())),
            None => Route(self.path().to_string()),
        }
    }

    /// The file this route is written to, relative to the output folder.
    pub(crate) fn output_file(&self) -> String {
        if self.is_dir() {
            format!("{}index.html", self.path())
        } else {
            self.path().to_string()
        }
    }

    /// How many folders deep the written file sits.
    pub(super) fn depth(&self) -> usize {
        self.output_file().matches('/').count()
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}
