//! The site model: validated pages with their routes, sections, reading
//! order and anchors, assembled from the loaded [`Source`].
//!
//! In: [`Source`], [`Settings`], build options and the theme's template
//! names. Out: a [`Site`] in which every page has a unique route, every
//! navigation entry names a real page, and every page's heading ids are
//! known (so links can be checked while rendering). Pure: no I/O.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde_json::Value;

use crate::config::Settings;
use crate::content::{ContentAsset, Source, SourcePage};
use crate::diagnostics::{Diagnostic, Diagnostics, suggestion};
use crate::guides::Guides;
use crate::markdown;
use crate::slug::slugify;
use crate::urls::{Route, UrlBuilder};
use crate::yaml::YamlDoc;

pub type PageId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
}

#[derive(Debug)]
pub struct Page {
    pub id: PageId,
    pub source: SourcePage,
    pub kind: PageKind,
    pub route: Route,
    /// The section this page belongs to (None for the home page).
    pub parent: Option<PageId>,
    /// For sections and home: pages and subsections, in order.
    pub children: Vec<PageId>,
    pub template: String,
    pub aliases: Vec<Route>,
    /// Heading ids, in document order.
    pub anchors: Vec<String>,
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
    pub extra: Value,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.source.front.title
    }
}

#[derive(Debug)]
pub struct NavEntry {
    pub title: String,
    pub target: NavTarget,
}

#[derive(Debug)]
pub enum NavTarget {
    Page(PageId),
    Url(String),
}

#[derive(Debug)]
pub struct Site {
    pub settings: Settings,
    pub urls: UrlBuilder,
    pub pages: Vec<Page>,
    pub home: PageId,
    /// Pages by path relative to `content/` (`aspects/speed.md`).
    pub by_rel: BTreeMap<String, PageId>,
    /// Every page, section first then its children, depth first.
    pub reading_order: Vec<PageId>,
    pub navigation: Vec<NavEntry>,
    pub data: Value,
    pub assets: Vec<ContentAsset>,
    /// Content-relative paths of draft pages left out of this build, so a link
    /// to one gets a precise message.
    pub drafts: BTreeSet<String>,
    /// The comparison guides, validated (set by the build once the pages are known).
    pub guides: Guides,
}

pub struct AssembleOptions<'a> {
    pub drafts: bool,
    pub templates: &'a [String],
}

pub fn assemble(
    settings: Settings,
    source: Source,
    site_yaml: (&std::path::Path, &str),
    opts: &AssembleOptions,
) -> Result<Site, Diagnostics> {
    let mut errors = Diagnostics::default();
    let urls = UrlBuilder::new(settings.base_url.clone(), settings.config.relative_urls);

    let mut drafts = BTreeSet::new();
    let mut sources: Vec<SourcePage> = Vec::new();
    for p in source.pages {
        if p.front.draft && !opts.drafts {
            drafts.insert(p.file.rel.clone());
        } else {
            sources.push(p);
        }
    }
    sources.sort_by(|a, b| a.file.rel.cmp(&b.file.rel));

    // Anchors are needed by every page that links to another one.
    let anchors: Vec<Result<Vec<String>, Diagnostics>> =
        sources.par_iter().map(markdown::collect_anchors).collect();

    // A section that sets `slug:` renames its folder's segment for every page inside.
    let folder_slugs: BTreeMap<String, String> = sources
        .iter()
        .filter(|p| p.is_index && p.file.rel != "_index.md")
        .filter_map(|p| {
            let folder = p.file.rel.trim_end_matches("/_index.md").to_string();
            p.front.slug.clone().map(|s| (folder, s))
        })
        .collect();
    let mut pages: Vec<Page> = Vec::with_capacity(sources.len());
    for (id, (source, anchors)) in sources.into_iter().zip(anchors).enumerate() {
        let anchors = anchors.unwrap_or_else(|d| {
            errors.extend(d.0);
            Vec::new()
        });
        let rel = source.file.rel.clone();
        let kind = if rel == "_index.md" {
            PageKind::Home
        } else if source.is_index {
            PageKind::Section
        } else {
            PageKind::Page
        };
        let route = match route_for(&rel, kind, source.front.slug.as_deref(), &folder_slugs) {
            Ok(r) => r,
            Err(m) => {
                errors.push(Diagnostic::in_file(&source.file.path, m));
                Route::dir(&[format!("invalid-{id}")])
            }
        };
        let template = source.front.template.clone().unwrap_or_else(|| {
            match kind {
                PageKind::Home => "home.html",
                PageKind::Section => "section.html",
                PageKind::Page => "page.html",
            }
            .to_string()
        });
        if !opts.templates.contains(&template) {
            errors.push(source.front_doc().error_at(
                "template",
                format!("the theme has no template `{template}`"),
            ));
        }
        let aliases = source
            .front
            .aliases
            .iter()
            .map(|a| Route::site_path(a))
            .collect();
        let extra = Value::Object(source.front.extra.clone());
        pages.push(Page {
            id,
            source,
            kind,
            route,
            parent: None,
            children: Vec::new(),
            template,
            aliases,
            anchors,
            prev: None,
            next: None,
            extra,
        });
    }

    let by_rel: BTreeMap<String, PageId> = pages
        .iter()
        .map(|p| (p.source.file.rel.clone(), p.id))
        .collect();
    check_routes(&pages, &mut errors);

    let Some(&home) = by_rel.get("_index.md") else {
        errors.push(Diagnostic::global(if drafts.contains("_index.md") {
            "content/_index.md, the home page, is a draft: every build needs a home page"
        } else {
            "content/_index.md is missing: every site needs a home page"
        }));
        return errors.fail();
    };

    link_sections(&mut pages, &by_rel, home);
    let reading_order = reading_order(&pages, home);
    for w in reading_order.windows(2) {
        pages[w[0]].next = Some(w[1]);
        pages[w[1]].prev = Some(w[0]);
    }

    let doc = YamlDoc::whole(site_yaml.0, site_yaml.1);
    let mut navigation = Vec::new();
    for (i, item) in settings.config.navigation.iter().enumerate() {
        let target = match (&item.page, &item.url) {
            (Some(page), _) => match lookup(&by_rel, &drafts, page.trim_start_matches('/')) {
                Ok(id) => NavTarget::Page(id),
                Err(m) => {
                    errors.push(doc.error_at(&format!("navigation[{i}].page"), m));
                    continue;
                }
            },
            (None, Some(url)) => NavTarget::Url(url.clone()),
            (None, None) => continue,
        };
        navigation.push(NavEntry {
            title: item.title.clone(),
            target,
        });
    }

    errors.finish(Site {
        settings,
        urls,
        pages,
        home,
        by_rel,
        reading_order,
        navigation,
        data: source.data,
        assets: source.assets,
        drafts,
        guides: Guides::default(),
    })
}

/// The page at `rel` (a path under `content/`), or why there is none.
fn lookup(
    by_rel: &BTreeMap<String, PageId>,
    drafts: &BTreeSet<String>,
    rel: &str,
) -> Result<PageId, String> {
    if let Some(&id) = by_rel.get(rel) {
        return Ok(id);
    }
    if drafts.contains(rel) {
        return Err(format!(
            "`{rel}` is a draft, left out of this build (build with --drafts to include it)"
        ));
    }
    let hint = suggestion(rel, by_rel.keys().map(String::as_str));
    Err(format!("there is no page `content/{rel}`{hint}"))
}

impl Site {
    /// The page at `rel` (a path under `content/`), or why there is none.
    pub fn find_page(&self, rel: &str) -> Result<PageId, String> {
        lookup(&self.by_rel, &self.drafts, rel)
    }
}

/// `aspects/speed.md` → `aspects/speed/`; `aspects/_index.md` → `aspects/`.
/// Each folder's segment is the `slug` of its `_index.md` when it has one
/// (`folder_slugs`, keyed by the folder's path), so a section's pages move
/// with it; otherwise the slug of the folder's name.
fn route_for(
    rel: &str,
    kind: PageKind,
    slug: Option<&str>,
    folder_slugs: &BTreeMap<String, String>,
) -> Result<Route, String> {
    let mut parts: Vec<&str> = rel.split('/').collect();
    let file = parts.pop().unwrap_or_default();
    let mut segments = Vec::with_capacity(parts.len() + 1);
    for depth in 1..=parts.len() {
        let folder = parts[..depth].join("/");
        segments.push(match folder_slugs.get(&folder) {
            Some(s) => s.clone(),
            None => slugify(parts[depth - 1]),
        });
    }
    if kind == PageKind::Page {
        let stem = file.strip_suffix(".md").unwrap_or(file);
        segments.push(slug.map(str::to_owned).unwrap_or_else(|| slugify(stem)));
    }
    if let Some(i) = segments.iter().position(String::is_empty) {
        let name = if i < parts.len() { parts[i] } else { file };
        return Err(format!(
            "`{name}` has no letters or digits to make a URL from: rename it or set `slug:`"
        ));
    }
    Ok(Route::dir(&segments))
}

/// Two sources for one output file, even differing only in letter case
/// (which collide on case-insensitive file systems), are an error naming both.
fn check_routes(pages: &[Page], errors: &mut Diagnostics) {
    let mut seen: BTreeMap<String, (PageId, String)> = BTreeMap::new();
    for page in pages {
        let mut claims = vec![(page.route.clone(), "page".to_string())];
        claims.extend(
            page.aliases
                .iter()
                .map(|a| (a.clone(), "alias".to_string())),
        );
        for (i, (route, what)) in claims.into_iter().enumerate() {
            let key = route.output_file().to_lowercase();
            if let Some((other, other_what)) = seen.get(&key) {
                let other_path = pages[*other].source.file.path.display().to_string();
                let msg = format!(
                    "this {what} and the {other_what} of {other_path} both map to the URL {route}"
                );
                let d = if what == "alias" {
                    page.source
                        .front_doc()
                        .error_at(&format!("aliases[{}]", i - 1), msg)
                } else {
                    Diagnostic::in_file(&page.source.file.path, msg)
                };
                errors.push(d);
            } else {
                seen.insert(key, (page.id, what));
            }
        }
    }
}

/// Sets each page's parent (nearest ancestor folder with an `_index.md`)
/// and each section's ordered children.
fn link_sections(pages: &mut [Page], by_rel: &BTreeMap<String, PageId>, home: PageId) {
    let section_of = |rel: &str, is_index: bool| -> PageId {
        let mut dir: Vec<&str> = rel.split('/').collect();
        dir.pop();
        if is_index {
            dir.pop();
        }
        loop {
            let key = if dir.is_empty() {
                "_index.md".to_string()
            } else {
                format!("{}/_index.md", dir.join("/"))
            };
            if let Some(&id) = by_rel.get(&key) {
                return id;
            }
            if dir.pop().is_none() {
                return home;
            }
        }
    };
    for id in 0..pages.len() {
        if id == home {
            continue;
        }
        let parent = section_of(&pages[id].source.file.rel, pages[id].source.is_index);
        pages[id].parent = Some(parent);
        pages[parent].children.push(id);
    }
    for id in 0..pages.len() {
        let mut children = std::mem::take(&mut pages[id].children);
        children.sort_by(|&a, &b| {
            let key = |p: &Page| {
                (
                    p.source.front.weight.unwrap_or(i64::MAX),
                    p.title().to_lowercase(),
                    p.source.file.rel.clone(),
                )
            };
            key(&pages[a]).cmp(&key(&pages[b]))
        });
        pages[id].children = children;
    }
}

fn reading_order(pages: &[Page], home: PageId) -> Vec<PageId> {
    let mut order = Vec::with_capacity(pages.len());
    let mut stack = vec![home];
    while let Some(id) = stack.pop() {
        order.push(id);
        stack.extend(pages[id].children.iter().rev());
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let none = BTreeMap::new();
        let route = |rel, kind, slug| route_for(rel, kind, slug, &none).unwrap();
        assert_eq!(route("_index.md", PageKind::Home, None).as_str(), "");
        assert_eq!(
            route("aspects/_index.md", PageKind::Section, None).as_str(),
            "aspects/"
        );
        assert_eq!(
            route("aspects/Error Handling.md", PageKind::Page, None).as_str(),
            "aspects/error-handling/"
        );
        assert_eq!(
            route("aspects/speed.md", PageKind::Page, Some("fast")).as_str(),
            "aspects/fast/"
        );
        let renamed = BTreeMap::from([("a".to_string(), "b".to_string())]);
        assert_eq!(
            route_for("a/_index.md", PageKind::Section, Some("b"), &renamed)
                .unwrap()
                .as_str(),
            "b/"
        );
        assert_eq!(
            route_for("a/x.md", PageKind::Page, None, &renamed)
                .unwrap()
                .as_str(),
            "b/x/"
        );
        assert!(route_for("!!!.md", PageKind::Page, None, &none).is_err());
        assert!(route_for("???/x.md", PageKind::Page, None, &none).is_err());
        assert_eq!(Route::site_path("/old/speed").as_str(), "old/speed/");
        assert_eq!(
            Route::site_path("/old/speed.html").as_str(),
            "old/speed.html"
        );
    }
}
