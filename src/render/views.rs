//! Views: what templates receive. Made for templates, never the raw front
//! matter or internal structs; the README's "Template context" section
//! documents them.

use serde::Serialize;
use serde_json::Value;

use super::markdown::TocEntry;
use crate::model::page::PageKind;

#[derive(Serialize)]
pub(crate) struct PageView<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub date: Option<&'a str>,
    /// The same date for readers: `26 November 2026`.
    pub date_text: Option<String>,
    /// Whether the page is a draft (it is in this build because of
    /// `--drafts`): the theme says so on the page.
    pub draft: bool,
    pub url: String,
    pub permalink: String,
    pub content: String,
    /// Whether the content holds highlighted code (themes load the
    /// highlighting stylesheets only then).
    pub has_code: bool,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub extra: &'a Value,
    pub source: &'a str,
}

#[derive(Serialize)]
pub(crate) struct LinkView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub date: Option<&'a str>,
    pub date_text: Option<String>,
    pub kind: PageKind,
}

#[derive(Serialize)]
pub(crate) struct NavView<'a> {
    pub title: &'a str,
    pub url: String,
    pub active: bool,
    pub external: bool,
}

#[derive(Serialize)]
pub(crate) struct SectionView<'a> {
    pub pages: Vec<LinkView<'a>>,
    pub subsections: Vec<LinkView<'a>>,
}
