//! Links in output: a checked link destination made into the href written
//! in the page at a given route, and what the page linked to (a dependency).

use std::collections::BTreeSet;

use crate::model::index::{LinkFrom, PageIndex, Target};
use crate::model::page::PageId;
use crate::model::site::Site;
use crate::url::{Route, UrlBuilder, split_fragment};

/// What a page links to: pages (their URLs and headings must stay valid)
/// and files beside the pages (they must stay there).
#[derive(Debug, Default, Clone)]
pub struct Linked {
    pub pages: BTreeSet<PageId>,
    /// Paths under `content/`.
    pub files: BTreeSet<String>,
}

/// The href to write for `dest` (written at `from`) in the page at `route`,
/// or why the link is broken. What it links to is added to `linked`.
pub(crate) fn href_for(
    dest: &str,
    from: LinkFrom,
    route: &Route,
    site: &Site,
    linked: &mut Linked,
) -> Result<String, String> {
    Ok(match site.index.resolve(dest, from)? {
        Target::AsWritten => dest.to_string(),
        Target::Route {
            route: to,
            fragment,
            page,
        } => {
            linked.pages.extend(page);
            site.urls().href(route, &to, fragment.as_deref())
        }
        Target::File {
            route: to,
            rel,
            fragment,
        } => {
            linked.files.insert(rel);
            site.urls().href(route, &to, fragment.as_deref())
        }
    })
}

/// A URL written in YAML (site.yaml, a guide's links and sources), for the
/// page at `from`: a site path (`/files/a.pdf`, or `about/` written without
/// the slash) gets the base path or becomes relative (a theme's CSS or JS
/// file, linked by its source name, gets its hashed name); a URL with a
/// scheme is kept. Its safety, and where a site path leads, were checked
/// when the model was assembled.
pub(crate) fn yaml_href(urls: &UrlBuilder, index: &PageIndex, from: &Route, url: &str) -> String {
    match index.resolve_url(url) {
        Ok(Target::Route {
            route: to,
            fragment,
            ..
        })
        | Ok(Target::File {
            route: to,
            fragment,
            ..
        }) => urls.href(from, &to, fragment.as_deref()),
        Ok(Target::AsWritten) => url.to_string(),
        // Checked already; written as typed should it ever get here.
        Err(_) => {
            let (path, fragment) = split_fragment(url);
            urls.href(from, &Route::site_path(path), fragment)
        }
    }
}
