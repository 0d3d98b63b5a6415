//! Routes: where each page is written. A page's URL comes from its path
//! under `content/` (each folder's segment renamed by its section's `slug`,
//! the file's by the page's own), made into slugs.

use std::collections::BTreeMap;

use super::page::PageKind;
use crate::source::content::SourcePage;
use crate::text::slug::slugify;
use crate::url::Route;

/// A section that sets `slug:` renames its folder's segment for every page
/// inside: folder path → slug.
pub(crate) fn folder_slugs(sources: &[SourcePage]) -> BTreeMap<String, String> {
    sources
        .iter()
        .filter(|p| p.is_index && p.file.rel != "_index.md")
        .filter_map(|p| {
            let folder = p.file.rel.trim_end_matches("/_index.md").to_string();
            p.front.slug.clone().map(|s| (folder, s))
        })
        .collect()
}

/// `aspects/speed.md` → `aspects/speed/`; `aspects/_index.md` → `aspects/`.
/// Each folder's segment is the `slug` of its `_index.md` when it has one
/// (`folder_slugs`, keyed by the folder's path), so a section's pages move
/// with it; otherwise the slug of the folder's name.
pub(crate) fn route_for(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::Route;

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
