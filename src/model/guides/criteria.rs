//! `criteria.yaml` as written → the rows of the comparison table.
//!
//! A row's label is `name`; `category` is its old spelling, still read so
//! sites written before the rename build. Writing both, or neither, is an
//! error at the criterion. `group` (optional) puts rows under a heading of
//! the table; its rules are checked with the rest of the guide.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Criterion, CriterionId, TechId, Winner};
use crate::diag::{Code, Diagnostics};
use crate::source::yaml::YamlDoc;

/// A criterion as written in `criteria.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CriterionEntry {
    id: CriterionId,
    #[serde(default)]
    name: Option<String>,
    /// The old spelling of `name`.
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    group: Option<String>,
    cells: BTreeMap<TechId, String>,
    #[serde(default)]
    winner: Option<Winner>,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
}

/// The criteria with their names settled; a criterion with both spellings
/// or neither is reported (and kept, so the guide's other checks still run).
pub(super) fn named(
    entries: Vec<CriterionEntry>,
    doc: &YamlDoc,
    errors: &mut Diagnostics,
) -> Vec<Criterion> {
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.into_iter().enumerate() {
        let name = match (e.name, e.category) {
            (Some(name), None) | (None, Some(name)) => {
                if name.trim().is_empty() {
                    let key = if doc.locate(&format!("[{i}].name")).is_some() {
                        "name"
                    } else {
                        "category"
                    };
                    errors.push(doc.error_at(
                        Code::Guide,
                        &format!("[{i}].{key}"),
                        format!("`{key}` is empty: it is the label of the row"),
                    ));
                }
                name
            }
            (Some(name), Some(_)) => {
                errors.push(
                    doc.error_at_key(
                        Code::Guide,
                        &format!("[{i}].category"),
                        format!(
                            "criterion `{}` has both `name` and `category`; `category` is the old spelling of `name`: keep only `name`",
                            e.id
                        ),
                    ),
                );
                name
            }
            (None, None) => {
                errors.push(doc.error_at(
                    Code::YamlSchema,
                    &format!("[{i}]"),
                    format!(
                        "criterion `{}` has no `name`: the label of its row in the comparison table",
                        e.id
                    ),
                ));
                String::new()
            }
        };
        out.push(Criterion {
            id: e.id,
            name,
            group: e.group,
            cells: e.cells,
            winner: e.winner,
            page: e.page,
            keywords: e.keywords,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn load(yaml: &str) -> (Vec<Criterion>, Vec<String>) {
        let doc = YamlDoc::whole(Path::new("criteria.yaml"), yaml);
        let mut errors = Diagnostics::default();
        let criteria = named(doc.parse().unwrap(), &doc, &mut errors);
        let messages = errors
            .iter()
            .map(|d| format!("{}: {}", d.location().unwrap(), d.message))
            .collect();
        (criteria, messages)
    }

    #[test]
    fn name_is_the_label_and_category_its_old_spelling() {
        let (c, errors) = load(
            "- id: a\n  name: Speed\n  group: Runtime\n  cells: {}\n- id: b\n  category: Cost\n  cells: {}\n",
        );
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(c[0].name, "Speed");
        assert_eq!(c[0].group.as_deref(), Some("Runtime"));
        assert_eq!(c[1].name, "Cost");
        assert_eq!(c[1].group, None);
    }

    #[test]
    fn both_spellings_or_neither_is_an_error_at_the_criterion() {
        let (_, errors) = load(
            "- id: a\n  name: Speed\n  category: Speed\n  cells: {}\n- id: b\n  cells: {}\n- id: c\n  name: \" \"\n  cells: {}\n",
        );
        assert_eq!(
            errors,
            [
                "criteria.yaml:3:3: criterion `a` has both `name` and `category`; `category` is the old spelling of `name`: keep only `name`",
                "criteria.yaml:5:3: criterion `b` has no `name`: the label of its row in the comparison table",
                "criteria.yaml:8:9: `name` is empty: it is the label of the row",
            ]
        );
    }
}
