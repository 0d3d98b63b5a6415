//! Checks of `decision.yaml` and of aspects' per-technology scores: ids
//! unique and slugs, every question answerable, weights per known
//! technology and finite, every answer that moves a score backed by a link
//! into the site, a margin that can be exceeded.

use std::collections::BTreeMap;

use super::Checker;
use crate::diag::Code;
use crate::model::guides::{Decision, TechId};
use crate::source::yaml::YamlDoc;

impl Checker<'_> {
    pub(super) fn decision(&mut self, doc: &YamlDoc, d: &Decision, techs: &[&str]) {
        self.text(doc, "intro", &d.intro);
        if d.questions.is_empty() {
            self.errors.push(doc.error_at(
                Code::Guide,
                "questions",
                "a decision.yaml asks at least one question",
            ));
        }
        self.unique_in(doc, "questions", d.questions.iter().map(|q| q.id.as_str()));
        for (i, q) in d.questions.iter().enumerate() {
            let here = format!("questions[{i}]");
            self.label(doc, &format!("{here}.question"), &q.question);
            self.text(doc, &format!("{here}.help"), &q.help);
            if q.answers.is_empty() {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &format!("{here}.answers"),
                    format!("question `{}` has no answers", q.id),
                ));
            }
            let answers = format!("{here}.answers");
            self.unique_in(doc, &answers, q.answers.iter().map(|a| a.id.as_str()));
            for (j, a) in q.answers.iter().enumerate() {
                let at = format!("{answers}[{j}]");
                self.label(doc, &format!("{at}.label"), &a.label);
                self.numbers(doc, &format!("{at}.weights"), &a.weights, techs, None);
                let links = self.text(doc, &format!("{at}.reason"), &a.reason);
                if a.moves_anything() && links == Some(0) {
                    let (path, message) = if a.reason.trim().is_empty() {
                        (
                            at.clone() + ".weights",
                            "this answer moves the scores but gives no `reason`: say why, linking to the page or heading it rests on",
                        )
                    } else {
                        (
                            at.clone() + ".reason",
                            "this reason links to nothing in the guide: link the page or heading it rests on, e.g. [speed](aspects/speed.md#the-event-loop)",
                        )
                    };
                    self.errors.push(doc.error_at(Code::Guide, &path, message));
                }
            }
        }
        let widest = d.widest_gap(techs);
        if !d.close_margin.is_finite() || d.close_margin < 0.0 {
            self.errors.push(doc.error_at(
                Code::Guide,
                "close_margin",
                "close_margin is a number of points, 0 or more",
            ));
        } else if d.close_margin >= widest && widest > 0.0 {
            self.errors.push(doc.error_at(
                Code::Guide,
                "close_margin",
                format!(
                    "close_margin {} is out of range: the answers can open a gap of at most {} point{}, so every result would be too close to call",
                    d.close_margin,
                    widest,
                    if widest == 1.0 { "" } else { "s" }
                ),
            ));
        }
    }

    /// An aspect's per-technology scores, each from 0 to 1.
    pub(super) fn scores(
        &mut self,
        doc: &YamlDoc,
        path: &str,
        scores: &BTreeMap<TechId, f64>,
        techs: &[&str],
    ) {
        self.numbers(doc, path, scores, techs, Some((0.0, 1.0)));
    }

    /// A map of technology id → number: known ids, finite numbers in range.
    fn numbers(
        &mut self,
        doc: &YamlDoc,
        path: &str,
        map: &BTreeMap<TechId, f64>,
        techs: &[&str],
        range: Option<(f64, f64)>,
    ) {
        for (key, value) in map {
            let here = format!("{path}.{key}");
            if !techs.contains(&key.as_str()) {
                let d = doc
                    .error_at_key(Code::Guide, &here, format!("unknown technology `{key}`"))
                    .suggest(key.as_str(), techs.iter().copied());
                self.errors.push(d);
            } else if !value.is_finite() {
                self.errors
                    .push(doc.error_at(Code::Guide, &here, "must be a finite number"));
            } else if let Some((lo, hi)) = range.filter(|(lo, hi)| value < lo || value > hi) {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &here,
                    format!("{value} is out of range: a score is from {lo} to {hi}"),
                ));
            }
        }
    }

    /// Plain text shown as a label: not empty.
    fn label(&mut self, doc: &YamlDoc, path: &str, text: &str) {
        if text.trim().is_empty() {
            self.errors
                .push(doc.error_at(Code::Guide, path, "this text is empty"));
        }
    }
}
