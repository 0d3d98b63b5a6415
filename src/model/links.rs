//! Links in a page's Markdown (found when the page was read), checked when
//! the model is assembled (with the guides, so every broken link and every
//! guide problem is reported in one round).

use super::index::{LinkFrom, PageIndex};
use super::page::PageId;
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex};
use crate::source::content::SourcePage;

/// Every broken link and image of `page`, each at its file:line:col.
pub(crate) fn check(page: &SourcePage, id: PageId, index: &PageIndex) -> Diagnostics {
    let from = LinkFrom {
        rel: &page.file.rel,
        page: Some(id),
    };
    let mut errors = Diagnostics::default();
    let mut lines = None;
    for link in &page.links {
        if let Err(m) = index.resolve(&link.dest, from) {
            let lines = lines.get_or_insert_with(|| LineIndex::new(&page.file.text));
            errors.push(Diagnostic::at_indexed(
                Code::BrokenLink,
                &page.file.path,
                lines,
                link.at,
                m,
            ));
        }
    }
    errors
}
