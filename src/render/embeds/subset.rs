//! Which rows an embed shows: every criterion or use case of the guide, or
//! the subset the block names (`criteria: [ids]`, `group: <name>`,
//! `use-cases: [ids]`). Unknown ids and groups, an id named twice and an
//! empty list are errors at their place in the block, with "did you mean".

use crate::diag::{Code, Diagnostic};
use crate::model::guides::{Criterion, Guide, UseCase};
use crate::source::yaml::YamlDoc;

/// The criteria of a `table:` embed, in the order to show them.
pub(super) fn criteria<'g>(
    doc: &YamlDoc,
    guide: &'g Guide,
    ids: Option<&[String]>,
    group: Option<&str>,
) -> Result<Vec<&'g Criterion>, Diagnostic> {
    match (ids, group) {
        (Some(_), Some(_)) => Err(doc.error_at(
            Code::Embed,
            "group",
            "`criteria` and `group` both choose the rows: use one",
        )),
        (Some(ids), None) => Pick {
            doc,
            guide,
            key: "criteria",
            what: "criterion",
            instead: "list criterion ids, or leave `criteria` out to show every row",
        }
        .by_id(ids, &guide.criteria, |c| c.id.as_str()),
        (None, Some(name)) => in_group(doc, guide, name),
        (None, None) => Ok(guide.criteria.iter().collect()),
    }
}

/// The use cases of a `use-cases:` embed, in the order to show them.
pub(super) fn use_cases<'g>(
    doc: &YamlDoc,
    guide: &'g Guide,
    ids: Option<&[String]>,
) -> Result<Vec<&'g UseCase>, Diagnostic> {
    match ids {
        Some(ids) => Pick {
            doc,
            guide,
            key: "use-cases",
            what: "use case",
            instead: "list use-case ids, or write `use-cases: true` for all",
        }
        .by_id(ids, &guide.use_cases, |u| u.id.as_str()),
        None => Ok(guide.use_cases.iter().collect()),
    }
}

/// The rows of one group, in the guide's order.
fn in_group<'g>(
    doc: &YamlDoc,
    guide: &'g Guide,
    name: &str,
) -> Result<Vec<&'g Criterion>, Diagnostic> {
    let rows: Vec<&Criterion> = guide
        .criteria
        .iter()
        .filter(|c| c.group.as_deref() == Some(name))
        .collect();
    if !rows.is_empty() {
        return Ok(rows);
    }
    let mut groups: Vec<&str> = Vec::new();
    for g in guide.criteria.iter().filter_map(|c| c.group.as_deref()) {
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let message = if groups.is_empty() {
        format!(
            "guide `{}` has no groups: none of its criteria names a `group`",
            guide.id
        )
    } else {
        format!(
            "guide `{}` has no group `{name}`; its groups: {}",
            guide.id,
            groups.join(", ")
        )
    };
    Err(doc
        .error_at(Code::Embed, "group", message)
        .suggest(name, groups.iter().copied()))
}

/// A list of ids in an embed block, at `key`, naming items of the guide.
struct Pick<'d, 'g> {
    doc: &'d YamlDoc<'d>,
    guide: &'g Guide,
    key: &'static str,
    /// What an id names ("criterion").
    what: &'static str,
    /// What to write instead of an empty list.
    instead: &'static str,
}

impl Pick<'_, '_> {
    /// The items named, in the order listed.
    fn by_id<'i, T>(
        &self,
        ids: &[String],
        items: &'i [T],
        id_of: impl Fn(&T) -> &str,
    ) -> Result<Vec<&'i T>, Diagnostic> {
        let (doc, key) = (self.doc, self.key);
        if ids.is_empty() {
            return Err(doc.error_at(
                Code::Embed,
                key,
                format!("`{key}: []` picks nothing: {}", self.instead),
            ));
        }
        let mut out: Vec<&T> = Vec::with_capacity(ids.len());
        for (j, id) in ids.iter().enumerate() {
            let at = format!("{key}[{j}]");
            let Some(item) = items.iter().find(|i| id_of(i) == id) else {
                return Err(doc
                    .error_at(
                        Code::Embed,
                        &at,
                        format!("guide `{}` has no {} `{id}`", self.guide.id, self.what),
                    )
                    .suggest(id, items.iter().map(&id_of)));
            };
            if out.iter().any(|o| id_of(o) == id) {
                return Err(doc.error_at(
                    Code::Embed,
                    &at,
                    format!("{} `{id}` is listed twice", self.what),
                ));
            }
            out.push(item);
        }
        Ok(out)
    }
}
