//! [`PageIndex`]: what a link, a guide check or an embed needs to know about
//! the site's pages: each page's path under `content/`, its route and its
//! heading ids, the drafts left out, the files kept beside pages, and every
//! site path the build makes (pages, aliases, files: [`SitePaths`]). It is
//! built before anything else of the model, so the guides can be loaded and
//! checked without a whole `Site`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::page::PageId;
use super::site_paths::{At, SiteFiles, SitePaths};
use crate::diag::{did_you_mean, suggestion};
use crate::url::{LinkKind, Route, classify, is_site_path, split_fragment};

#[derive(Debug, Default, Clone)]
pub struct PageIndex {
    /// Page id → path under `content/` (`aspects/speed.md`).
    rels: Vec<String>,
    /// Page id → route.
    routes: Vec<Route>,
    /// Page id → heading ids, in document order.
    anchors: Vec<Vec<String>>,
    /// Page id → the same ids, for lookups in constant time.
    anchor_sets: Vec<HashSet<String>>,
    by_rel: BTreeMap<String, PageId>,
    /// Paths of draft pages left out of this build, so a link to one gets a
    /// precise message.
    drafts: BTreeSet<String>,
    /// Paths of files under `content/` that are neither pages nor data.
    files: BTreeSet<String>,
    /// What root-relative links may lead to.
    paths: SitePaths,
}

/// A page as the index knows it.
pub(crate) struct IndexedPage {
    /// Its path under `content/`.
    pub rel: String,
    pub route: Route,
    /// Heading ids, in document order.
    pub anchors: Vec<String>,
    pub aliases: Vec<Route>,
}

/// Where a link is written: the page's path under `content/` (links are
/// relative to it) and the page whose headings a bare `#fragment` may name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkFrom<'a> {
    pub rel: &'a str,
    pub page: Option<PageId>,
}

impl LinkFrom<'_> {
    /// Links in YAML data are written relative to `content/` itself and
    /// have no page of their own to point into.
    pub(crate) const DATA: LinkFrom<'static> = LinkFrom {
        rel: "_index.md",
        page: None,
    };
}

/// Where a checked link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Written as is: a URL with a scheme, or `#fragment` on the same page.
    AsWritten,
    /// A place in the site; `page` is set when the href is made from that
    /// page's route (a link to its `.md` file), so the page must be rendered
    /// again when its URL changes.
    Route {
        route: Route,
        fragment: Option<String>,
        page: Option<PageId>,
    },
    /// A file kept beside the pages under `content/`, by its path there.
    File {
        route: Route,
        rel: String,
        fragment: Option<String>,
    },
}

impl PageIndex {
    /// `drafts` are the paths of the drafts left out, with the routes they
    /// would have; `files` the paths of the files beside pages;
    /// `site_files` the other files the build writes; `base_path` is
    /// `base_url`'s path.
    pub(crate) fn new(
        pages: impl IntoIterator<Item = IndexedPage>,
        drafts: BTreeMap<String, Option<Route>>,
        files: BTreeSet<String>,
        site_files: &SiteFiles,
        base_path: &str,
    ) -> Self {
        let mut index = PageIndex {
            paths: SitePaths::new(base_path),
            ..PageIndex::default()
        };
        let mut aliases = Vec::new();
        for (id, page) in pages.into_iter().enumerate() {
            index.paths.insert(&page.route, At::Page(id));
            aliases.extend(page.aliases.into_iter().map(|a| (a, id)));
            index.by_rel.insert(page.rel.clone(), id);
            index.rels.push(page.rel);
            index.routes.push(page.route);
            index
                .anchor_sets
                .push(page.anchors.iter().cloned().collect());
            index.anchors.push(page.anchors);
        }
        for (alias, id) in aliases {
            index.paths.insert(&alias, At::Alias(id));
        }
        for rel in &files {
            index
                .paths
                .insert(&Route::file(rel), At::ContentFile(rel.clone()));
        }
        index.paths.insert_files(site_files);
        for (rel, route) in drafts {
            if let Some(route) = route {
                index.paths.insert(&route, At::Draft(rel.clone()));
            }
            index.drafts.insert(rel);
        }
        index.files = files;
        index
    }

    pub(crate) fn route(&self, id: PageId) -> &Route {
        &self.routes[id]
    }

    pub(crate) fn anchors(&self, id: PageId) -> &[String] {
        &self.anchors[id]
    }

    pub(crate) fn has_file(&self, rel: &str) -> bool {
        self.files.contains(rel)
    }

    pub(crate) fn is_draft(&self, rel: &str) -> bool {
        self.drafts.contains(rel)
    }

    /// The page at `rel` (a path under `content/`), if it is in this build.
    pub fn get(&self, rel: &str) -> Option<PageId> {
        self.by_rel.get(rel).copied()
    }

    /// The page at `rel` (a path under `content/`), or why there is none.
    pub(crate) fn find(&self, rel: &str) -> Result<PageId, String> {
        if let Some(&id) = self.by_rel.get(rel) {
            return Ok(id);
        }
        if self.drafts.contains(rel) {
            return Err(left_out_draft(rel));
        }
        let hint = suggestion(rel, self.by_rel.keys().map(String::as_str));
        Err(format!("there is no page `content/{rel}`{hint}"))
    }

    /// As [`PageIndex::find`], for a link written in the file `from` (a
    /// path under `content/`): the "did you mean" is written as that link
    /// would be, relative to the file's folder.
    fn find_from(&self, rel: &str, from: &str) -> Result<PageId, String> {
        if let Some(&id) = self.by_rel.get(rel) {
            return Ok(id);
        }
        if self.drafts.contains(rel) {
            return Err(left_out_draft(rel));
        }
        let hint = match did_you_mean(rel, self.by_rel.keys().map(String::as_str)) {
            Some(near) => format!(" (did you mean `{}`?)", relative_to(from, near)),
            None => String::new(),
        };
        Err(format!("there is no page `content/{rel}`{hint}"))
    }

    /// Checks a link destination written at `from`; `Err` says why it is broken.
    pub(crate) fn resolve(&self, dest: &str, from: LinkFrom) -> Result<Target, String> {
        match classify(dest, from.rel) {
            LinkKind::External => Ok(Target::AsWritten),
            LinkKind::Fragment(f) => {
                if f.is_empty()
                    || from
                        .page
                        .is_some_and(|id| self.anchor_sets[id].contains(&f))
                {
                    Ok(Target::AsWritten)
                } else {
                    let here = from.page.map_or(&[][..], |id| self.anchors(id));
                    Err(format!(
                        "no heading with id `{f}` on this page{}",
                        suggest(&f, here)
                    ))
                }
            }
            LinkKind::Root { path, fragment } => self.site_path(dest, &path, fragment),
            LinkKind::Page { rel, fragment } => {
                let id = self
                    .find_from(&rel, from.rel)
                    .map_err(|m| format!("links to `{dest}`, but {m}"))?;
                if let Some(f) = &fragment
                    && !f.is_empty()
                    && !self.anchor_sets[id].contains(f)
                {
                    return Err(format!(
                        "links to `{dest}`, but `{rel}` has no heading with id `{f}`{}",
                        suggest(f, self.anchors(id))
                    ));
                }
                Ok(Target::Route {
                    route: self.route(id).clone(),
                    fragment: fragment.filter(|f| !f.is_empty()),
                    page: Some(id),
                })
            }
            LinkKind::File { rel } => {
                if self.has_file(&rel) {
                    Ok(Target::File {
                        route: Route::file(&rel),
                        rel,
                        fragment: None,
                    })
                } else {
                    Err(format!(
                        "links to `{dest}`, but there is no file `content/{rel}`"
                    ))
                }
            }
            LinkKind::Outside => Err(format!("`{dest}` points outside content/")),
        }
    }

    /// Checks a URL written in YAML (a navigation or footer link, a
    /// technology's links, a source): a site path, with or without its
    /// leading `/` (YAML URLs are always from the site's root), must lead
    /// to a page or file of this build; other URLs are kept as written.
    pub(crate) fn resolve_url(&self, url: &str) -> Result<Target, String> {
        if !is_site_path(url) {
            return Ok(Target::AsWritten);
        }
        let (path, fragment) = split_fragment(url);
        let rooted = format!("/{}", path.trim_start_matches('/'));
        self.site_path(url, &rooted, fragment.map(str::to_owned))
    }

    /// Where the site path `path` (`/aspects/speed/`, written as `dest`)
    /// leads: the route written keeps what the writer typed (and its
    /// query), except that a fingerprinted theme file is linked by its
    /// hashed name.
    fn site_path(
        &self,
        dest: &str,
        path: &str,
        fragment: Option<String>,
    ) -> Result<Target, String> {
        let fragment = fragment.filter(|f| !f.is_empty());
        let written = Route::site_path(path);
        let shown = match self.paths.find(path) {
            Ok(at) => {
                return match at {
                    At::Page(id) => {
                        if let Some(f) = &fragment
                            && !self.anchor_sets[*id].contains(f)
                        {
                            return Err(format!(
                                "links to `{dest}`, but `{}` has no heading with id `{f}`{}",
                                self.route(*id),
                                suggest(f, self.anchors(*id))
                            ));
                        }
                        // The href is the path as written: it shows nothing of
                        // the page (each load checks the path and the heading
                        // again), so the page is no dependency of the render.
                        Ok(Target::Route {
                            route: written,
                            fragment,
                            page: None,
                        })
                    }
                    At::Alias(id) => match fragment {
                        Some(f) => Err(format!(
                            "links to `{dest}`, an alias whose redirect to `{to}` drops `#{f}`: link `{to}#{f}`",
                            to = self.route(*id)
                        )),
                        None => Ok(Target::Route {
                            route: written,
                            fragment,
                            page: None,
                        }),
                    },
                    At::Draft(rel) => {
                        Err(format!("links to `{dest}`, but {}", left_out_draft(rel)))
                    }
                    At::ContentFile(rel) => Ok(Target::File {
                        route: written,
                        rel: rel.clone(),
                        fragment,
                    }),
                    At::File(route) => Ok(Target::Route {
                        route: route.with_query_of(&written),
                        fragment,
                        page: None,
                    }),
                };
            }
            Err(shown) => shown,
        };
        if let Some(rest) = self.paths.without_base_path(&shown) {
            return Err(format!(
                "links to `{dest}`, but site paths are written from the site's root, without `base_url`'s path `{}` (every link gets it): write `{rest}`",
                self.paths.base_path()
            ));
        }
        // `/aspects/speed.md`: the source of a page, not its URL.
        let page_source = shown
            .strip_prefix('/')
            .and_then(|rel| self.get(rel))
            .map(|id| self.route(id).to_string());
        let hint = match page_source.or_else(|| self.paths.nearest(&shown)) {
            Some(near) => format!(" (did you mean `{near}`?)"),
            None => String::new(),
        };
        Err(format!(
            "links to `{dest}`, but this build makes no page or file at `{shown}`{hint}"
        ))
    }
}

fn left_out_draft(rel: &str) -> String {
    format!("`{rel}` is a draft, left out of this build (build with --drafts to include it)")
}

/// The path of `to` (under `content/`) as a link from the file `from`
/// (under `content/`) writes it: relative to `from`'s folder.
fn relative_to(from: &str, to: &str) -> String {
    let dir: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let dir = &dir[..dir.len().saturating_sub(1)];
    let target: Vec<&str> = to.split('/').collect();
    let shared = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; dir.len() - shared];
    parts.extend(&target[shared..]);
    parts.join("/")
}

fn suggest(word: &str, candidates: &[String]) -> String {
    suggestion(word, candidates.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_missing_page_is_suggested_as_the_link_would_write_it() {
        assert_eq!(
            relative_to("brokers/routing.md", "brokers/delivery.md"),
            "delivery.md"
        );
        assert_eq!(relative_to("brokers/routing.md", "about.md"), "../about.md");
        assert_eq!(relative_to("a/b/c.md", "a/x/y.md"), "../x/y.md");
        assert_eq!(relative_to("", "aspects/speed.md"), "aspects/speed.md");
        assert_eq!(
            relative_to("_index.md", "aspects/speed.md"),
            "aspects/speed.md"
        );
    }
    use super::*;

    fn index() -> PageIndex {
        let page = |rel: &str, route: Route, anchors: &[&str], aliases: &[&str]| IndexedPage {
            rel: rel.into(),
            route,
            anchors: anchors.iter().map(|a| a.to_string()).collect(),
            aliases: aliases.iter().map(|a| Route::site_path(a)).collect(),
        };
        let mut files = SiteFiles::default();
        files.insert("css/main.css", Route::file("css/main.0123456789.css"));
        PageIndex::new(
            [
                page("_index.md", Route::home(), &[], &[]),
                page(
                    "aspects/speed.md",
                    Route::dir(&["aspects", "speed"]),
                    &["the-gil"],
                    &["/old/speed/"],
                ),
            ],
            BTreeMap::from([("draft.md".to_string(), Some(Route::dir(&["draft"])))]),
            BTreeSet::from(["aspects/chart.svg".to_string()]),
            &files,
            "/guide/",
        )
    }

    #[test]
    fn resolves_pages_anchors_files_and_says_why_not() {
        let ix = index();
        let from = LinkFrom {
            rel: "aspects/other.md",
            page: None,
        };
        assert_eq!(
            ix.resolve("speed.md#the-gil", from),
            Ok(Target::Route {
                route: Route::dir(&["aspects", "speed"]),
                fragment: Some("the-gil".into()),
                page: Some(1)
            })
        );
        assert!(
            ix.resolve("speed.md#the-gli", from)
                .unwrap_err()
                .contains("did you mean `the-gil`")
        );
        assert!(
            ix.resolve("../draft.md", from)
                .unwrap_err()
                .contains("is a draft")
        );
        assert!(ix.resolve("chart.svg", from).is_ok());
        assert!(ix.resolve("nope.svg", from).is_err());
        assert_eq!(ix.resolve("https://x.org", from), Ok(Target::AsWritten));
        assert!(ix.resolve("#nope", from).is_err());
    }

    #[test]
    fn site_paths_lead_to_what_the_build_makes() {
        let ix = index();
        let from = LinkFrom {
            rel: "aspects/other.md",
            page: None,
        };
        assert_eq!(
            ix.resolve("/aspects/speed#the-gil", from),
            Ok(Target::Route {
                route: Route::dir(&["aspects", "speed"]),
                fragment: Some("the-gil".into()),
                page: None
            })
        );
        assert_eq!(
            ix.resolve("/css/main.css?v=2", from),
            Ok(Target::Route {
                route: Route::file("css/main.0123456789.css?v=2"),
                fragment: None,
                page: None
            })
        );
        assert_eq!(
            ix.resolve("/aspects/chart.svg#x", from),
            Ok(Target::File {
                route: Route::file("aspects/chart.svg"),
                rel: "aspects/chart.svg".into(),
                fragment: Some("x".into())
            })
        );
        assert!(ix.resolve("/old/speed", from).is_ok());
        assert_eq!(
            ix.resolve("/draft/", from).unwrap_err(),
            "links to `/draft/`, but `draft.md` is a draft, left out of this build (build with --drafts to include it)"
        );
        let err = |dest: &str| ix.resolve(dest, from).unwrap_err();
        assert_eq!(
            err("/aspects/sped/"),
            "links to `/aspects/sped/`, but this build makes no page or file at `/aspects/sped/` (did you mean `/aspects/speed/`?)"
        );
        assert_eq!(
            err("/aspects/speed.md"),
            "links to `/aspects/speed.md`, but this build makes no page or file at `/aspects/speed.md` (did you mean `/aspects/speed/`?)"
        );
        assert_eq!(
            err("/aspects/speed/#the-gli"),
            "links to `/aspects/speed/#the-gli`, but `/aspects/speed/` has no heading with id `the-gli` (did you mean `the-gil`?)"
        );
        assert_eq!(
            err("/old/speed/#the-gil"),
            "links to `/old/speed/#the-gil`, an alias whose redirect to `/aspects/speed/` drops `#the-gil`: link `/aspects/speed/#the-gil`"
        );
        assert_eq!(
            err("/guide/aspects/speed/"),
            "links to `/guide/aspects/speed/`, but site paths are written from the site's root, without `base_url`'s path `/guide/` (every link gets it): write `/aspects/speed/`"
        );
        // YAML URLs are site paths with or without the leading slash.
        assert!(ix.resolve_url("aspects/speed/").is_ok());
        assert!(ix.resolve_url("https://x.org/nope").is_ok());
        assert!(ix.resolve_url("aspects/sped").unwrap_err().starts_with(
            "links to `aspects/sped`, but this build makes no page or file at `/aspects/sped/`"
        ));
    }
}
