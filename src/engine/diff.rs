//! What an edit changed, seen by comparing the state before it with the
//! state after: templates whose text changed, pages whose shown parts
//! (title, description, date, URL, kind, headings) changed or that came or
//! went, guides whose validated model changed, and the data files; and for
//! each page, whether its place in the tree moved.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::deps::Changed;
use super::load::State;
use crate::model::guides::GuideId;
use crate::model::page::PageId;
use crate::model::site::Site;

/// What changed between two loaded states, for the dependency index.
pub(super) fn diff(old: &State, new: &State) -> Changed {
    let mut changed = Changed::default();
    let names: BTreeSet<String> = old
        .templates
        .names()
        .into_iter()
        .chain(new.templates.names())
        .collect();
    for name in names {
        if old.templates.text(&name) != new.templates.text(&name) {
            changed.templates.insert(name);
        }
    }
    let signatures = |site: &Site| -> HashMap<String, String> {
        site.pages
            .iter()
            .map(|p| {
                let f = &p.source.front;
                let sig = format!(
                    "{}\n{:?}\n{:?}\n{}\n{:?}\n{:?}",
                    f.title,
                    f.description,
                    f.date,
                    p.route,
                    p.kind,
                    p.anchors()
                );
                (p.rel().to_string(), sig)
            })
            .collect()
    };
    let (a, b) = (signatures(&old.site), signatures(&new.site));
    for (rel, sig) in &a {
        if b.get(rel) != Some(sig) {
            changed.shown.insert(rel.clone());
        }
    }
    changed
        .shown
        .extend(b.keys().filter(|r| !a.contains_key(*r)).cloned());
    let guides = |site: &Site| -> BTreeMap<String, String> {
        site.guides
            .list
            .iter()
            .map(|g| {
                let json = serde_json::to_string(g).unwrap_or_default();
                (g.id.to_string(), json)
            })
            .collect()
    };
    let (ga, gb) = (guides(&old.site), guides(&new.site));
    for (id, json) in ga.iter().chain(gb.iter()) {
        if ga.get(id) != gb.get(id) || gb.get(id) != Some(json) {
            changed.guides.insert(GuideId::new(id.clone()));
        }
    }
    changed.guide_set = ga.keys().ne(gb.keys());
    let files =
        |site: &Site| -> BTreeSet<String> { site.assets.iter().map(|a| a.rel.clone()).collect() };
    let (fa, fb) = (files(&old.site), files(&new.site));
    changed.files = fa.symmetric_difference(&fb).cloned().collect();
    changed.data = old.site.data != new.site.data;
    changed
}

/// Whether the page's own file or its place in the tree (ancestors,
/// children, neighbours in reading order) differs between two sites: its
/// content, breadcrumb, listings or prev/next links then change even if no
/// page it shows changed.
pub(super) fn page_changed(old: &Site, new: &Site, id: PageId) -> bool {
    let page = &new.pages[id];
    let Some(old_id) = old.index.get(page.rel()) else {
        return true;
    };
    let before = &old.pages[old_id];
    let rel_old = |id: Option<PageId>| id.map(|i| old.pages[i].rel().to_string());
    let rel_new = |id: Option<PageId>| id.map(|i| new.pages[i].rel().to_string());
    before.source.file.text != page.source.file.text
        || ancestors(old, old_id).ne(ancestors(new, id))
        || rel_old(before.prev) != rel_new(page.prev)
        || rel_old(before.next) != rel_new(page.next)
        || before
            .children
            .iter()
            .map(|&c| old.pages[c].rel())
            .ne(page.children.iter().map(|&c| new.pages[c].rel()))
        || before.source.front != page.source.front
        || before.route != page.route
}

/// The paths of a page's ancestors, nearest first.
fn ancestors(site: &Site, id: PageId) -> impl Iterator<Item = &str> {
    std::iter::successors(site.pages[id].parent, |&p| site.pages[p].parent)
        .map(|p| site.pages[p].rel())
}
