//! Site paths: where a root-relative link (`/aspects/`, `/css/main.css`)
//! may lead, known before anything is rendered. Pages (with or without the
//! trailing slash, or as `…/index.html`), their aliases, the files beside
//! pages, and the files the build writes besides them ([`SiteFiles`]).
//!
//! A site path is written from the site's root, without `base_url`'s path:
//! the URL builder adds that path (or makes the link relative) when the link
//! is written, as it does for every other link.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::page::PageId;
use crate::diag::did_you_mean;
use crate::url::{Route, percent_decode};

/// The files a build writes besides pages and their aliases, by the path a
/// writer links (`css/main.css`, `sitemap.xml`, `search/index.html`) → the
/// route written there (`css/main.3f9a0c1b2d.css`: theme CSS and JS carry a
/// hash of their bytes, so they are linked by their source name). The
/// engine lists them (static files of the site and the theme, generated
/// files, the 404 and search pages) before the model is assembled.
#[derive(Debug, Default, Clone)]
pub struct SiteFiles(BTreeMap<String, Route>);

impl SiteFiles {
    pub(crate) fn insert(&mut self, linked_as: &str, route: Route) {
        self.0
            .entry(linked_as.trim_start_matches('/').to_string())
            .or_insert(route);
    }
}

/// What the build makes at a site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum At {
    Page(PageId),
    /// A redirect to the page (an alias in its front matter).
    Alias(PageId),
    /// A draft left out of this build, by its path under `content/`.
    Draft(String),
    /// A file beside the pages, by its path under `content/`.
    ContentFile(String),
    /// Another file the build writes, at this route.
    File(Route),
}

/// Every site path of a build, by the output file it names.
#[derive(Debug, Default, Clone)]
pub(crate) struct SitePaths {
    /// `base_url`'s path (`/` or `/guide/`).
    base_path: String,
    /// Output file (`aspects/index.html`, `css/main.css`) → what is there.
    at: BTreeMap<String, At>,
    /// Every path a writer may link, as shown: made once, on the first miss.
    shown: OnceLock<Vec<String>>,
}

impl SitePaths {
    pub(crate) fn new(base_path: &str) -> Self {
        SitePaths {
            base_path: base_path.to_string(),
            ..SitePaths::default()
        }
    }

    /// Records what is at `route`; the first source of an output file keeps
    /// it (a second one is an output collision, reported elsewhere).
    pub(crate) fn insert(&mut self, route: &Route, at: At) {
        self.shown.take();
        self.at.entry(route.output_file()).or_insert(at);
    }

    pub(crate) fn insert_files(&mut self, files: &SiteFiles) {
        self.shown.take();
        for (linked_as, route) in &files.0 {
            self.at
                .entry(Route::file(linked_as).output_file())
                .or_insert_with(|| At::File(route.clone()));
        }
    }

    /// What is at the site path `path` (from the site's root, with or
    /// without the leading `/`, maybe with a `?query`), or the path as it is
    /// shown in an error (`/aspekts/`).
    pub(crate) fn find(&self, path: &str) -> Result<&At, String> {
        let route = normalized(path);
        self.at
            .get(&route.output_file())
            .ok_or_else(|| route.to_string())
    }

    /// `shown` (a path [`Self::find`] did not find) written with the base
    /// path in front, when what follows the base path is a site path of
    /// this build: `/guide/aspects/` on a site at `https://x.example/guide/`.
    pub(crate) fn without_base_path<'a>(&self, shown: &'a str) -> Option<&'a str> {
        let rest = shown.strip_prefix(self.base_path.trim_end_matches('/'))?;
        (self.base_path != "/" && rest.starts_with('/') && self.find(rest).is_ok()).then_some(rest)
    }

    pub(crate) fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The known site path nearest to `shown`, as a writer would link it:
    /// the source name of a hashed file name (`/css/main.0123456789.css` →
    /// `/css/main.css`), or the closest path.
    pub(crate) fn nearest(&self, shown: &str) -> Option<String> {
        if let Some(source) = unhashed(shown)
            && self.find(&source).is_ok()
        {
            return Some(source);
        }
        let candidates = self.shown.get_or_init(|| {
            self.at
                .iter()
                .filter(|(_, at)| !matches!(at, At::Draft(_)))
                .map(|(f, _)| shown_path(f))
                .collect()
        });
        did_you_mean(shown, candidates.iter().map(String::as_str)).map(str::to_owned)
    }
}

/// `css/main.0123456789.css` → `css/main.css`: a name as
/// `derive::assets::hashed_name` makes it, without its hash.
fn unhashed(path: &str) -> Option<String> {
    let (rest, ext) = path.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    (hash.len() == 10 && hash.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| format!("{stem}.{ext}"))
}

/// The route a site path names, with `.` and `..` segments resolved as a
/// browser would (never above the root) and `%` escapes decoded.
fn normalized(path: &str) -> Route {
    let path = path.split('?').next().unwrap_or("");
    let decoded = percent_decode(path);
    let dir = matches!(decoded.rsplit('/').next(), Some("" | "." | ".."));
    let mut segments: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    if dir {
        Route::dir(&segments)
    } else {
        Route::site_path(&segments.join("/"))
    }
}

/// An output file as a writer links it: `aspects/index.html` → `/aspects/`.
fn shown_path(output_file: &str) -> String {
    let path = output_file
        .strip_suffix("index.html")
        .filter(|p| p.is_empty() || p.ends_with('/'))
        .unwrap_or(output_file);
    format!("/{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(base: &str) -> SitePaths {
        let mut p = SitePaths::new(base);
        p.insert(&Route::home(), At::Page(0));
        p.insert(&Route::dir(&["aspects"]), At::Page(1));
        p.insert(&Route::site_path("/old/aspects"), At::Alias(1));
        p.insert(
            &Route::file("guide/a b.svg"),
            At::ContentFile("guide/a b.svg".into()),
        );
        let mut files = SiteFiles::default();
        files.insert("css/main.css", Route::file("css/main.0123456789.css"));
        files.insert("/sitemap.xml", Route::file("sitemap.xml"));
        files.insert("search/index.html", Route::file("search/index.html"));
        p.insert_files(&files);
        p
    }

    #[test]
    fn pages_are_found_with_or_without_slash_or_index_html() {
        let p = paths("/");
        for path in [
            "/aspects/",
            "/aspects",
            "/aspects/index.html",
            "aspects/",
            "/aspects/?q=1",
            "/./x/../aspects",
            "/aspects/.",
            "/%61spects/",
        ] {
            assert_eq!(p.find(path), Ok(&At::Page(1)), "{path}");
        }
        assert_eq!(p.find("/"), Ok(&At::Page(0)));
        assert_eq!(p.find(""), Ok(&At::Page(0)));
        assert_eq!(p.find("/index.html"), Ok(&At::Page(0)));
        assert_eq!(p.find("/../.."), Ok(&At::Page(0)));
        assert_eq!(p.find("/aspects/x/.."), Ok(&At::Page(1)));
        assert_eq!(p.find("/old/aspects/"), Ok(&At::Alias(1)));
    }

    #[test]
    fn files_are_found_by_the_name_a_writer_links() {
        let p = paths("/");
        assert_eq!(
            p.find("/css/main.css"),
            Ok(&At::File(Route::file("css/main.0123456789.css")))
        );
        assert_eq!(
            p.find("/sitemap.xml"),
            Ok(&At::File(Route::file("sitemap.xml")))
        );
        assert!(p.find("/search/").is_ok());
        assert!(p.find("/search").is_ok());
        assert_eq!(
            p.find("/guide/a%20b.svg"),
            Ok(&At::ContentFile("guide/a b.svg".into()))
        );
        // The hashed name changes with the file: it is not a name to link.
        assert_eq!(
            p.find("/css/main.0123456789.css"),
            Err("/css/main.0123456789.css".into())
        );
    }

    #[test]
    fn misses_are_shown_as_routes_with_the_nearest_path() {
        let p = paths("/");
        assert_eq!(p.find("/aspekts"), Err("/aspekts/".into()));
        assert_eq!(p.nearest("/aspekts/").as_deref(), Some("/aspects/"));
        assert_eq!(p.nearest("/css/mian.css").as_deref(), Some("/css/main.css"));
        assert_eq!(p.nearest("/search").as_deref(), Some("/search/"));
        assert_eq!(
            p.nearest("/css/main.abcdef0123.css").as_deref(),
            Some("/css/main.css")
        );
        assert_eq!(p.nearest("/nothing-like-it/"), None);
    }

    #[test]
    fn the_base_path_is_not_written() {
        let p = paths("/guide/");
        assert_eq!(p.without_base_path("/guide/aspects/"), Some("/aspects/"));
        assert_eq!(p.without_base_path("/guide/nope/"), None);
        assert_eq!(p.without_base_path("/guideaspects/"), None);
        assert_eq!(paths("/").without_base_path("/aspects/"), None);
    }
}
