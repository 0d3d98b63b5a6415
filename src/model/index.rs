//! [`PageIndex`]: what a link, a guide check or an embed needs to know about
//! the site's pages: each page's path under `content/`, its route and its
//! heading ids, the drafts left out, and the files kept beside pages. It is
//! built before anything else of the model, so the guides can be loaded and
//! checked without a whole `Site`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::page::PageId;
use crate::diag::suggestion;
use crate::url::{LinkKind, Route, classify};

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
    /// A place in the site; `page` is set when it is a page of the site.
    Route {
        route: Route,
        fragment: Option<String>,
        page: Option<PageId>,
    },
    /// A file kept beside the pages under `content/`, by its path there.
    File { route: Route, rel: String },
}

impl PageIndex {
    pub fn new(
        pages: impl IntoIterator<Item = (String, Route, Vec<String>)>,
        drafts: BTreeSet<String>,
        files: BTreeSet<String>,
    ) -> Self {
        let mut index = PageIndex {
            drafts,
            files,
            ..PageIndex::default()
        };
        for (id, (rel, route, anchors)) in pages.into_iter().enumerate() {
            index.by_rel.insert(rel.clone(), id);
            index.rels.push(rel);
            index.routes.push(route);
            index.anchor_sets.push(anchors.iter().cloned().collect());
            index.anchors.push(anchors);
        }
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
            return Err(format!(
                "`{rel}` is a draft, left out of this build (build with --drafts to include it)"
            ));
        }
        let hint = suggestion(rel, self.by_rel.keys().map(String::as_str));
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
            LinkKind::Root { path, fragment } => Ok(Target::Route {
                route: Route::site_path(&path),
                fragment,
                page: None,
            }),
            LinkKind::Page { rel, fragment } => {
                let id = self
                    .find(&rel)
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
}

fn suggest(word: &str, candidates: &[String]) -> String {
    suggestion(word, candidates.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> PageIndex {
        PageIndex::new(
            [
                ("_index.md".into(), Route::home(), vec![]),
                (
                    "aspects/speed.md".into(),
                    Route::dir(&["aspects", "speed"]),
                    vec!["the-gil".into()],
                ),
            ],
            BTreeSet::from(["draft.md".to_string()]),
            BTreeSet::from(["aspects/chart.svg".to_string()]),
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
}
