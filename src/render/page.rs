//! Rendering: one page of the [`Site`] in, its HTML out.
//!
//! [`Renderer::page`] is a pure function of the page, the site model and the
//! compiled templates: it reads no files and writes none, so pages can be
//! rendered on any thread in any order. It also reports what the page
//! depends on (its template, other pages whose titles or URLs it shows, the
//! data files), which watch mode uses to re-render only what an edit touches.
//!
//! Templates receive views made for them (`PageView`, `LinkView`), never the
//! raw front matter; the README's "Template context" section documents them.

use std::collections::BTreeSet;

use serde_json::Value;
use tera::Context;

use super::RenderCx;
use super::links::yaml_href;
use super::markdown::{self, SectionText};
use super::views::{LinkView, NavView, PageView, SectionView};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::guides::GuideId;
use crate::model::page::{Page, PageId, PageKind};
use crate::model::site::{NavTarget, Site};
use crate::text::date::readable;
use crate::url::{Route, UrlBuilder, is_site_path};

/// What a rendered page was made from: what the engine's reverse index
/// looks up to know which pages an edit touches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageDeps {
    /// The page's template and every template it extends or includes.
    pub templates: BTreeSet<String>,
    /// Pages (by path under `content/`) whose title, description, URL or
    /// headings appear in this one (links, navigation, listings, prev/next).
    pub pages: BTreeSet<String>,
    /// Files beside the pages (by path under `content/`) the page links to.
    pub files: BTreeSet<String>,
    /// Guides whose data the page's embeds show.
    pub guides: BTreeSet<GuideId>,
    /// Whether the page depends on which guides exist: its templates read
    /// `guides`, or an embed picked the site's only guide without naming it.
    pub guide_set: bool,
    /// Whether the page's templates read `data` (the data files).
    pub data: bool,
}

pub(crate) struct RenderedPage {
    pub route: Route,
    pub html: String,
    pub deps: PageDeps,
    /// The plain text of each heading section (for the search index).
    pub sections: Vec<SectionText>,
}

/// The 404 page's file and template.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The search results page's file (`search/?q=…`).
pub(crate) const SEARCH_PAGE: &str = "search/index.html";
/// Its template.
pub(crate) const SEARCH_TEMPLATE: &str = "search.html";
/// The search index's directory file.
pub(crate) const SEARCH_DIRECTORY: &str = "search/dir.js";

pub(crate) struct Renderer<'a> {
    cx: &'a RenderCx<'a>,
    /// The site's URL builder; for the 404 page, always absolute paths.
    urls: UrlBuilder,
}

impl<'a> Renderer<'a> {
    pub fn new(cx: &'a RenderCx<'a>) -> Self {
        Renderer {
            cx,
            urls: cx.site.urls().clone(),
        }
    }

    /// What a page rendered with these templates (its own and its embeds')
    /// depends on through them.
    fn template_deps<'t>(&self, roots: impl IntoIterator<Item = &'t str>) -> PageDeps {
        let templates: BTreeSet<String> = roots
            .into_iter()
            .flat_map(|t| self.cx.templates.closure(t))
            .collect();
        let reads = |name: &str| templates.iter().any(|t| self.cx.templates.reads(t, name));
        let guide_set = reads("guides");
        let guides = if guide_set {
            self.cx
                .site
                .guides
                .list
                .iter()
                .map(|g| g.id.clone())
                .collect()
        } else {
            BTreeSet::new()
        };
        PageDeps {
            data: reads("data"),
            guides,
            guide_set,
            templates,
            pages: BTreeSet::new(),
            files: BTreeSet::new(),
        }
    }

    pub(crate) fn page(&self, id: PageId) -> Result<RenderedPage, Diagnostics> {
        let site = self.cx.site;
        let page = &site.pages[id];
        let md = markdown::render(page, self.cx)?;
        let roots =
            std::iter::once(page.template.as_str()).chain(md.templates.iter().map(String::as_str));
        let mut deps = self.template_deps(roots);
        deps.pages
            .extend(md.linked.pages.iter().map(|&id| self.source_of(id)));
        deps.files.extend(md.linked.files.iter().cloned());
        deps.guide_set |= md.unnamed_guide;
        deps.guides.extend(md.guides.iter().cloned());
        let link = |id: PageId, deps: &mut PageDeps| -> LinkView<'a> {
            deps.pages.insert(self.source_of(id));
            self.link_view(&page.route, id)
        };

        let mut ctx = self.common_context(&page.route, Some(id), &mut deps);
        let view = PageView {
            kind: page.kind.as_str(),
            title: page.title(),
            description: self.description(page),
            date: page.source.front.date.as_deref(),
            date_text: page.source.front.date.as_deref().and_then(readable),
            draft: page.source.front.draft,
            url: self.urls.href(&page.route, &page.route, None),
            permalink: site.urls().absolute(&page.route),
            has_code: md.has_code,
            content: md.html,
            toc: md.toc,
            word_count: md.word_count,
            reading_minutes: md.word_count.div_ceil(220).max(1),
            extra: &page.extra,
            source: &page.source.file.rel,
        };
        ctx.insert("page", &view);
        if page.kind != PageKind::Page {
            let (mut pages, mut subsections) = (Vec::new(), Vec::new());
            for &child in &page.children {
                let v = link(child, &mut deps);
                if site.pages[child].kind == PageKind::Section {
                    subsections.push(v);
                } else {
                    pages.push(v);
                }
            }
            ctx.insert("section", &SectionView { pages, subsections });
        }
        let mut ancestors = Vec::new();
        let mut cur = page.parent;
        while let Some(p) = cur {
            ancestors.push(link(p, &mut deps));
            cur = site.pages[p].parent;
        }
        ancestors.reverse();
        ctx.insert("ancestors", &ancestors);
        ctx.insert("prev", &page.prev.map(|p| link(p, &mut deps)));
        ctx.insert("next", &page.next.map(|p| link(p, &mut deps)));

        let html = self.cx.templates.render(&page.template, &ctx)?;
        Ok(RenderedPage {
            route: page.route.clone(),
            html,
            deps,
            sections: md.sections,
        })
    }

    /// The 404 page, written at `/404.html`. Servers send it for any missing
    /// URL at any depth, so its links are absolute paths under the base path
    /// even when the rest of the site uses relative URLs.
    pub(crate) fn not_found(&self) -> Result<RenderedPage, Diagnostic> {
        let absolute = Renderer {
            urls: self.cx.site.urls().absolute_paths(),
            ..*self
        };
        absolute.render_not_found()
    }

    fn render_not_found(&self) -> Result<RenderedPage, Diagnostic> {
        let route = Route::file(NOT_FOUND);
        self.generated_page(route, NOT_FOUND, ("404", "Page not found"), true)
    }

    /// The search results page (when the site has search and the theme a
    /// `search.html`): a page of the site's theme whose script reads `?q=`.
    pub(crate) fn search_page(&self) -> Result<RenderedPage, Diagnostic> {
        let route = Route::dir(&["search"]);
        self.generated_page(route, SEARCH_TEMPLATE, ("search", "Search"), false)
    }

    /// A page verdict makes itself (no content file): rendered with
    /// `template`, as page kind and title `(kind, title)`, with no content,
    /// no breadcrumbs and no neighbours.
    fn generated_page(
        &self,
        route: Route,
        template: &str,
        (kind, title): (&'static str, &'static str),
        absolute_urls: bool,
    ) -> Result<RenderedPage, Diagnostic> {
        let site = self.cx.site;
        let mut deps = self.template_deps([template]);
        let mut ctx = self.common_context(&route, None, &mut deps);
        let view = PageView {
            kind,
            title,
            description: &site.settings.config.description,
            date: None,
            date_text: None,
            draft: false,
            url: self.urls.href(&route, &route, None),
            permalink: site.urls().absolute(&route),
            content: String::new(),
            has_code: false,
            toc: Vec::new(),
            word_count: 0,
            reading_minutes: 0,
            extra: &Value::Null,
            source: "",
        };
        ctx.insert("page", &view);
        ctx.insert("absolute_urls", &absolute_urls);
        ctx.insert("ancestors", &Vec::<LinkView>::new());
        ctx.insert("prev", &Option::<LinkView>::None);
        ctx.insert("next", &Option::<LinkView>::None);
        let html = self.cx.templates.render(template, &ctx)?;
        Ok(RenderedPage {
            route,
            html,
            deps,
            sections: Vec::new(),
        })
    }

    /// Context every template gets: the route (for `url()`/`asset()`),
    /// navigation, footer links and the home URL, all relative to `route`.
    fn common_context(
        &self,
        route: &Route,
        current: Option<PageId>,
        deps: &mut PageDeps,
    ) -> Context {
        let site = self.cx.site;
        let mut ctx = Context::new();
        ctx.insert("route", route.as_str());
        ctx.insert("home_url", &self.urls.href(route, &Route::home(), None));
        let nav: Vec<NavView> = site
            .navigation
            .iter()
            .map(|entry| match &entry.target {
                NavTarget::Page(id) => {
                    deps.pages.insert(self.source_of(*id));
                    NavView {
                        title: &entry.title,
                        url: self.urls.href(route, &site.pages[*id].route, None),
                        active: current.is_some_and(|c| c == *id || self.is_ancestor(*id, c)),
                        external: false,
                    }
                }
                NavTarget::Url(url) => NavView {
                    title: &entry.title,
                    url: yaml_href(&self.urls, &site.index, route, url),
                    active: false,
                    external: !is_site_path(url),
                },
            })
            .collect();
        ctx.insert("nav", &nav);
        let footer: Vec<NavView> = site
            .settings
            .config
            .branding
            .footer
            .links
            .iter()
            .map(|l| NavView {
                title: &l.title,
                url: yaml_href(&self.urls, &site.index, route, &l.url),
                active: false,
                external: !is_site_path(&l.url),
            })
            .collect();
        ctx.insert("footer_links", &footer);
        ctx.insert("search", &self.search_view(route));
        ctx
    }

    /// Where a page's search box finds the index and the results page;
    /// `false` when the site has no search.
    fn search_view(&self, route: &Route) -> serde_json::Value {
        if !self.cx.site.settings.config.search {
            return serde_json::Value::Bool(false);
        }
        let home = self.urls.href(route, &Route::home(), None);
        let root = match home.strip_suffix("index.html").unwrap_or(&home) {
            "" => "./".to_string(),
            r => r.to_string(),
        };
        serde_json::json!({
            "root": root,
            "dir": self.urls.href(route, &Route::file(SEARCH_DIRECTORY), None),
            "page": self.urls.href(route, &Route::dir(&["search"]), None),
        })
    }

    fn source_of(&self, id: PageId) -> String {
        self.cx.site.pages[id].source.file.rel.clone()
    }

    fn is_ancestor(&self, ancestor: PageId, mut id: PageId) -> bool {
        while let Some(p) = self.cx.site.pages[id].parent {
            if p == ancestor && ancestor != self.cx.site.home {
                return true;
            }
            id = p;
        }
        false
    }

    fn description<'p>(&'p self, page: &'p Page) -> &'p str {
        page.source
            .front
            .description
            .as_deref()
            .unwrap_or(&self.cx.site.settings.config.description)
    }

    fn link_view(&self, from: &Route, id: PageId) -> LinkView<'a> {
        let p = &self.cx.site.pages[id];
        LinkView {
            title: p.title(),
            description: p.source.front.description.as_deref().unwrap_or(""),
            url: self.urls.href(from, &p.route, None),
            date: p.source.front.date.as_deref(),
            date_text: p.source.front.date.as_deref().and_then(readable),
            kind: p.kind,
        }
    }
}

/// The values every template sees through Tera's global context: `site`,
/// `data` and `verdict`. Set once per build, not per page.
pub(crate) fn global_context(site: &Site, templates: &mut super::templates::Templates) {
    let c = &site.settings.config;
    let branding = &c.branding;
    let site_view = serde_json::json!({
        "title": c.title,
        "description": c.description,
        "language": c.language,
        "base_url": site.urls().absolute(&Route::home()),
        "relative_urls": c.relative_urls,
        "branding": {
            "name": branding.name.clone().unwrap_or_else(|| c.title.clone()),
            "logo": branding.logo,
            "favicon": branding.favicon,
            "accent": { "light": branding.accent.light, "dark": branding.accent.dark },
            "footer_text": branding.footer.text,
        },
        "extra": c.extra,
    });
    let g = templates.global_context();
    g.insert("site", &site_view);
    g.insert("data", &site.data);
    // The validated, typed guides (never their YAML), by id.
    let guides: serde_json::Map<String, Value> = site
        .guides
        .list
        .iter()
        .map(|g| {
            (
                g.id.to_string(),
                serde_json::to_value(g).unwrap_or(Value::Null),
            )
        })
        .collect();
    g.insert("guides", &guides);
    g.insert(
        "verdict",
        &serde_json::json!({ "version": env!("CARGO_PKG_VERSION") }),
    );
}
