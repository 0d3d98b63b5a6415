//! A technology whose id was changed in `technologies.yaml` and nowhere
//! else: every other file then names an id that no longer exists, and
//! misses an entry for the new one, in every map. That is one problem, at
//! the id in `technologies.yaml`; the unknown ids and missing entries
//! follow from it (and are left out of the report).

use super::Checker;
use crate::diag::{Code, did_you_mean};
use crate::source::yaml::YamlDoc;

impl Checker<'_> {
    /// Reports each technology that no reference names while an unknown
    /// id is named in its place: an unknown id close to it, or, when one
    /// technology and one unknown id are left, that id unless it is closer
    /// to another technology (then it is a typo there, not a rename).
    pub(super) fn renamed(&mut self, tech_doc: &YamlDoc, techs: &[&str]) {
        let unknown: Vec<(&str, usize)> = self
            .named
            .iter()
            .filter(|(id, _)| !techs.contains(&id.as_str()))
            .map(|(id, n)| (id.as_str(), *n))
            .collect();
        let unnamed: Vec<(usize, &str)> = techs
            .iter()
            .enumerate()
            .filter(|(_, t)| !self.named.contains_key(**t))
            .map(|(i, t)| (i, *t))
            .collect();
        if unknown.is_empty() || unnamed.is_empty() {
            return;
        }
        let subject = self.technologies.clone();
        let mut found = Vec::new();
        for &(i, id) in &unnamed {
            let close = did_you_mean(id, unknown.iter().map(|(u, _)| *u));
            let only = (unnamed.len() == 1 && unknown.len() == 1).then_some(unknown[0].0);
            let Some(old) = close.or(only) else { continue };
            if did_you_mean(old, techs.iter().copied()).is_some_and(|t| t != id) {
                continue;
            }
            let times = unknown
                .iter()
                .find(|(u, _)| *u == old)
                .map_or(0, |(_, n)| *n);
            found.push(
                tech_doc
                    .error_at(
                        Code::Guide,
                        &format!("[{i}].id"),
                        format!(
                            "technology `{id}` is named nowhere else in the guide, whose other files name an unknown `{old}` {} instead",
                            if times == 1 {
                                "once".to_string()
                            } else {
                                format!("{times} times")
                            }
                        ),
                    )
                    .with_help(format!(
                        "did you mean `{old}`? (or rename `{old}` to `{id}` in the other files)"
                    ))
                    .spoils(subject.clone()),
            );
        }
        self.errors.extend(found);
    }
}
