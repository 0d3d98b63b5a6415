//! The site model: validated pages with their routes, sections, reading
//! order and anchors, the navigation, the data files and the guides,
//! assembled in one step from the loaded [`Source`].
//!
//! In: [`Source`], [`Settings`], build options and the theme's template
//! names. Out: a [`Site`] in which every page has a unique route, every
//! navigation entry names a real page, every guide is validated, and every
//! page's heading ids are known (so links can be checked while rendering).
//! Pure: no I/O.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use rayon::prelude::*;

use super::guides::{self, Guides};
use super::index::{IndexedPage, PageIndex};
use super::links;
use super::outputs::{Clash, Origin, OutputClaims};
use super::page::{Page, PageId, PageKind};
use super::routes::{folder_slugs, route_for};
use super::site_paths::SiteFiles;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::content::{ContentAsset, Source, SourcePage};
use crate::source::headings;
use crate::source::settings::Settings;
use crate::source::yaml::YamlDoc;
use crate::url::{Route, UrlBuilder};

#[derive(Debug, Clone)]
pub struct NavEntry {
    pub title: String,
    pub target: NavTarget,
}

#[derive(Debug, Clone)]
pub enum NavTarget {
    Page(PageId),
    Url(String),
}

#[derive(Debug)]
pub struct Site {
    pub settings: Settings,
    pub pages: Vec<Page>,
    /// Paths, routes and anchors of the pages: what links are checked against.
    pub index: PageIndex,
    pub home: PageId,
    /// Every page, section first then its children, depth first.
    pub reading_order: Vec<PageId>,
    pub navigation: Vec<NavEntry>,
    /// The data files (not the guides), as `data.<folder>.<file>`.
    pub data: Value,
    pub assets: Vec<ContentAsset>,
    /// The comparison guides, validated.
    pub guides: Guides,
    /// The output files claimed so far: pages and aliases.
    pub claims: OutputClaims,
}

impl Site {
    pub fn urls(&self) -> &UrlBuilder {
        &self.settings.urls
    }
}

/// A page's new source that changes nothing but the page itself (see
/// [`Site::body_edit`]), its links checked: ready to put in place.
#[derive(Debug)]
pub(crate) struct BodyEdit {
    pub id: PageId,
    source: SourcePage,
}

impl Site {
    /// Checks a page's new source against this site when only its body
    /// changed in ways no other output reads: the same page (by path),
    /// the same front matter, the same heading ids. Everything
    /// [`assemble`] derives from a page (its route, aliases, place in the
    /// tree, the index entry other pages' links are checked against, the
    /// claims, the sitemap) then stays as it is, and only the page's own
    /// links need checking. `None` when the change needs a whole assemble.
    pub(crate) fn body_edit(
        &self,
        source: SourcePage,
        theme_ids: &[String],
    ) -> Option<Result<BodyEdit, Diagnostics>> {
        let id = self.index.get(&source.file.rel)?;
        let old = &self.pages[id].source;
        if old.front != source.front || old.is_index != source.is_index {
            return None;
        }
        let mut one = [source];
        let mut errors = Diagnostics::default();
        avoid_theme_ids(&mut one, theme_ids, &mut errors);
        let [source] = one;
        if !errors.is_empty() || source.anchors != old.anchors {
            return None;
        }
        Some(links::check(&source, id, &self.index).finish(BodyEdit { id, source }))
    }

    /// Puts a checked edit's source in place; returns the edit that undoes
    /// it.
    pub(crate) fn apply(&mut self, edit: BodyEdit) -> BodyEdit {
        let old = std::mem::replace(&mut self.pages[edit.id].source, edit.source);
        BodyEdit {
            id: edit.id,
            source: old,
        }
    }
}

pub(crate) struct AssembleOptions<'a> {
    pub drafts: bool,
    pub templates: &'a [String],
    /// Element ids the theme's templates use; headings avoid them.
    pub theme_ids: &'a [String],
    /// The files the build writes besides pages and aliases, which
    /// root-relative links may name.
    pub site_files: &'a SiteFiles,
}

pub(crate) fn assemble(
    settings: Settings,
    source: Source,
    site_yaml: (&Path, &str),
    opts: &AssembleOptions,
) -> Result<Site, Diagnostics> {
    let mut errors = Diagnostics::default();
    let (mut sources, drafts) = published(source.pages, opts.drafts);
    avoid_theme_ids(&mut sources, opts.theme_ids, &mut errors);
    let mut pages = make_pages(sources, opts.templates, &mut errors);
    let files = source.assets.iter().map(|a| a.rel.clone()).collect();
    let index = PageIndex::new(
        pages.iter().map(|p| IndexedPage {
            rel: p.rel().to_string(),
            route: p.route.clone(),
            anchors: p.anchors().to_vec(),
            aliases: p.aliases.clone(),
        }),
        drafts,
        files,
        opts.site_files,
        settings.urls.base_path(),
    );
    let claims = claim_routes(&pages, &mut errors);
    let link_errors: Vec<Diagnostics> = pages
        .par_iter()
        .map(|p| links::check(&p.source, p.id, &index))
        .collect();
    errors.extend(link_errors.into_iter().flatten());

    let Some(home) = index.get("_index.md") else {
        errors.push(Diagnostic::global(
            Code::HomePage,
            if index.is_draft("_index.md") {
                "content/_index.md, the home page, is a draft: every build needs a home page"
            } else {
                "content/_index.md is missing: every site needs a home page"
            },
        ));
        return errors.fail();
    };
    link_sections(&mut pages, &index, home);
    let reading_order = reading_order(&pages, home);
    for w in reading_order.windows(2) {
        pages[w[0]].next = Some(w[1]);
        pages[w[1]].prev = Some(w[0]);
    }
    let navigation = navigation(&settings, &index, site_yaml, &mut errors);
    let guides = guides::load(&source.guide_files, &index).unwrap_or_else(|d| {
        errors.extend(d);
        Guides::default()
    });

    errors.finish(Site {
        settings,
        pages,
        index,
        home,
        reading_order,
        navigation,
        data: source.data,
        assets: source.assets,
        guides,
        claims,
    })
}

/// Heading ids were found when each page was read, without the theme; the
/// few pages with a heading id the theme's templates also use (`main`) get
/// their ids again, avoiding the theme's.
fn avoid_theme_ids(sources: &mut [SourcePage], theme_ids: &[String], errors: &mut Diagnostics) {
    for page in sources {
        if page.anchors.iter().any(|a| theme_ids.contains(a)) {
            let f = &page.file;
            match headings::anchors(&f.path, &f.text, page.layout.body_start, theme_ids) {
                Ok(anchors) => page.anchors = anchors,
                Err(d) => errors.extend(d),
            }
        }
    }
}

/// The pages of this build, sorted by path, and the drafts left out of
/// it: their paths, with the routes they would have (so a site path to one
/// gets a precise message; none when the draft's name makes no URL).
fn published(
    pages: Vec<SourcePage>,
    drafts: bool,
) -> (Vec<SourcePage>, BTreeMap<String, Option<Route>>) {
    let (mut sources, left_out): (Vec<SourcePage>, Vec<SourcePage>) =
        pages.into_iter().partition(|p| !p.front.draft || drafts);
    sources.sort_by(|a, b| a.file.rel.cmp(&b.file.rel));
    let folder_slugs = folder_slugs(&sources);
    let left_out = left_out
        .into_iter()
        .map(|p| {
            let rel = &p.file.rel;
            let route = route_for(rel, kind_of(&p), p.front.slug.as_deref(), &folder_slugs).ok();
            (rel.clone(), route)
        })
        .collect();
    (sources, left_out)
}

fn kind_of(source: &SourcePage) -> PageKind {
    if source.file.rel == "_index.md" {
        PageKind::Home
    } else if source.is_index {
        PageKind::Section
    } else {
        PageKind::Page
    }
}

/// Pages with their kind, route, template and aliases (tree links come later).
fn make_pages(
    sources: Vec<SourcePage>,
    templates: &[String],
    errors: &mut Diagnostics,
) -> Vec<Page> {
    let folder_slugs = folder_slugs(&sources);
    let mut pages: Vec<Page> = Vec::with_capacity(sources.len());
    for (id, source) in sources.into_iter().enumerate() {
        let rel = source.file.rel.clone();
        let kind = kind_of(&source);
        let route = match route_for(&rel, kind, source.front.slug.as_deref(), &folder_slugs) {
            Ok(r) => r,
            Err(m) => {
                errors.push(Diagnostic::in_file(Code::Slug, &source.file.path, m));
                Route::dir(&[format!("invalid-{id}")])
            }
        };
        let template = source
            .front
            .template
            .clone()
            .unwrap_or_else(|| kind.default_template().to_string());
        if !templates.contains(&template) {
            errors.push(source.front_doc().error_at(
                Code::Theme,
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
            prev: None,
            next: None,
            extra,
        });
    }
    pages
}

/// Claims each page's and alias's output file. Two sources for one file,
/// even differing only in letter case, are an error naming both, placed at
/// the alias when it is one (or the page's `slug`); so is a file the output
/// cannot hold beside the others (see [`OutputClaims::claim`]).
fn claim_routes(pages: &[Page], errors: &mut Diagnostics) -> OutputClaims {
    let mut claims = OutputClaims::default();
    for page in pages {
        let doc = page.source.front_doc();
        let own = match page.source.front.slug {
            Some(_) => Origin::at("the page", doc.place("slug")),
            None => Origin::file("the page", &page.source.file.path),
        };
        let aliases = page.aliases.iter().enumerate().map(|(i, a)| {
            let origin = Origin::at("an alias of", doc.place(&format!("aliases[{i}]")));
            (a, origin, "alias")
        });
        for (route, origin, what) in std::iter::once((&page.route, own, "page")).chain(aliases) {
            match claims.claim(&route.output_file(), origin) {
                Ok(()) => {}
                Err(Clash::Same { first, second, .. }) => {
                    let msg = format!("this {what} and {first} both map to the URL {route}");
                    errors.push(match second.place() {
                        Some(place) => {
                            Diagnostic::placed(Code::OutputCollision, place.clone(), msg)
                        }
                        None => Diagnostic::global(Code::OutputCollision, msg),
                    });
                }
                Err(clash) => errors.push(clash.diagnostic()),
            }
        }
    }
    claims
}

/// The header's navigation, its page entries found and its URLs checked
/// (with the footer's links, which site.yaml also holds).
fn navigation(
    settings: &Settings,
    index: &PageIndex,
    site_yaml: (&Path, &str),
    errors: &mut Diagnostics,
) -> Vec<NavEntry> {
    let doc = YamlDoc::whole(site_yaml.0, site_yaml.1);
    let mut navigation = Vec::new();
    for (i, item) in settings.config.navigation.iter().enumerate() {
        let target = match (&item.page, &item.url) {
            (Some(page), _) => match index.find(page.trim_start_matches('/')) {
                Ok(id) => NavTarget::Page(id),
                Err(m) => {
                    errors.push(doc.error_at(
                        Code::BrokenLink,
                        &format!("navigation[{i}].page"),
                        m,
                    ));
                    continue;
                }
            },
            (None, Some(url)) => {
                if let Err(m) = index.resolve_url(url) {
                    errors.push(doc.error_at(Code::BrokenLink, &format!("navigation[{i}].url"), m));
                }
                NavTarget::Url(url.clone())
            }
            (None, None) => continue,
        };
        navigation.push(NavEntry {
            title: item.title.clone(),
            target,
        });
    }
    for (i, link) in settings.config.branding.footer.links.iter().enumerate() {
        if let Err(m) = index.resolve_url(&link.url) {
            errors.push(doc.error_at(
                Code::BrokenLink,
                &format!("branding.footer.links[{i}].url"),
                m,
            ));
        }
    }
    navigation
}

/// Sets each page's parent (nearest ancestor folder with an `_index.md`)
/// and each section's ordered children.
fn link_sections(pages: &mut [Page], index: &PageIndex, home: PageId) {
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
            if let Some(id) = index.get(&key) {
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
