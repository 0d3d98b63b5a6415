//! Links in output: a checked link destination made into the href written
//! in the page at a given route.

use std::collections::BTreeSet;

use crate::model::index::{LinkFrom, Target};
use crate::model::page::PageId;
use crate::model::site::Site;
use crate::url::Route;

/// The href to write for `dest` (written at `from`) in the page at `route`,
/// or why the link is broken. Pages linked to are added to `linked`.
pub(crate) fn href_for(
    dest: &str,
    from: LinkFrom,
    route: &Route,
    site: &Site,
    linked: &mut BTreeSet<PageId>,
) -> Result<String, String> {
    Ok(match site.index.resolve(dest, from)? {
        Target::AsWritten => dest.to_string(),
        Target::Route {
            route: to,
            fragment,
            page,
        } => {
            linked.extend(page);
            site.urls().href(route, &to, fragment.as_deref())
        }
    })
}
