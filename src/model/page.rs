//! A page of the model: its source, kind, route, place in the tree
//! (parent, children, reading order) and its template.

use serde_json::Value;

use crate::source::content::SourcePage;
use crate::url::Route;

pub(crate) type PageId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
}

impl PageKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Page => "page",
        }
    }

    /// The template a page of this kind uses unless it names another.
    pub(crate) fn default_template(self) -> &'static str {
        match self {
            PageKind::Home => "home.html",
            PageKind::Section => "section.html",
            PageKind::Page => "page.html",
        }
    }
}

#[derive(Debug, Clone)]
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
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
    pub extra: Value,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.source.front.title
    }

    pub(crate) fn rel(&self) -> &str {
        &self.source.file.rel
    }

    /// Heading ids, in document order.
    pub(crate) fn anchors(&self) -> &[String] {
        &self.source.anchors
    }
}
