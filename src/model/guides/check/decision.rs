//! Checks of `decision.yaml` and of aspects' per-technology scores: ids
//! unique and slugs, every question answerable, weights per known
//! technology and finite, every answer that moves a score backed by a link
//! into the site, a margin that can be exceeded.

use std::collections::BTreeMap;

use super::Checker;
use crate::diag::Code;
use crate::model::guides::{Aspect, Decision, TechId, Winner};
use crate::source::yaml::YamlDoc;

/// The largest weight an answer may give or take: points are meant to be
/// small numbers a reader can add up.
const MAX_WEIGHT: f64 = 100.0;

/// Sums of decimal weights are not exact (0.1 + 0.1 + 0.1 > 0.3); gaps
/// closer than this count as equal, here and in `js/decide.js`.
const EPSILON: f64 = 1e-9;

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
                self.numbers(
                    doc,
                    &format!("{at}.weights"),
                    &a.weights,
                    techs,
                    (-MAX_WEIGHT, MAX_WEIGHT),
                    "a weight",
                );
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
                            "this reason links to nothing in the site: link the page or heading it rests on, e.g. [the evidence](page.md#heading); a link to another site alone is not enough",
                        )
                    };
                    self.errors.push(doc.error_at(Code::Guide, &path, message));
                }
            }
        }
        // The widest gap is measured between the known technologies.
        let technologies = self.technologies.clone();
        let widest = d.widest_gap(techs);
        if widest == 0.0 && !d.questions.is_empty() {
            self.push_following(
                &technologies,
                doc.error_at(
                    Code::Guide,
                    "questions",
                    "no answer gives any technology points, so every result would be a tie: give answers `weights`",
                ),
            );
        }
        if !d.close_margin.is_finite() || d.close_margin < 0.0 {
            self.errors.push(doc.error_at(
                Code::Guide,
                "close_margin",
                "close_margin is a number of points, 0 or more",
            ));
        } else if d.close_margin >= widest - EPSILON && widest > 0.0 {
            self.push_following(
                &technologies,
                doc.error_at(
                    Code::Guide,
                    "close_margin",
                    format!(
                        "close_margin {} is out of range: the answers can open a gap of at most {} point{}, so every result would be too close to call",
                        d.close_margin,
                        widest,
                        if widest == 1.0 { "" } else { "s" }
                    ),
                ),
            );
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
        self.numbers(doc, path, scores, techs, (0.0, 1.0), "a score");
    }

    /// An aspect's scores agree with its verdict: the winner scores at
    /// least as much as any other technology; a tie gives all the same.
    pub(super) fn scores_agree(&mut self, doc: &YamlDoc, path: &str, aspect: &Aspect) {
        let scores = &aspect.verdict.scores;
        if scores.is_empty() {
            return;
        }
        let g = self.guide;
        let technologies = self.technologies.clone();
        let score = |t: &str| scores.get(t).copied().unwrap_or(0.0);
        match &aspect.verdict.winner {
            Winner::Technology(w) => {
                if let Some(t) = g
                    .technologies
                    .iter()
                    .find(|t| score(t.id.as_str()) > score(w.as_str()))
                {
                    let d = doc.error_at(
                        Code::Guide,
                        path,
                        format!(
                            "these scores contradict the verdict: the winner `{w}` scores {}, less than `{}` ({})",
                            score(w.as_str()),
                            t.id,
                            score(t.id.as_str())
                        ),
                    );
                    self.push_following(&technologies, d);
                }
            }
            Winner::Tie => {
                let first = score(g.technologies[0].id.as_str());
                if g.technologies.iter().any(|t| score(t.id.as_str()) != first) {
                    self.push_following(
                        &technologies,
                        doc.error_at(
                            Code::Guide,
                            path,
                            "these scores contradict the verdict: a tie gives every technology the same score",
                        ),
                    );
                }
            }
            Winner::Depends => {}
        }
    }

    /// A map of technology id → number: known ids, finite numbers in range.
    fn numbers(
        &mut self,
        doc: &YamlDoc,
        path: &str,
        map: &BTreeMap<TechId, f64>,
        techs: &[&str],
        (lo, hi): (f64, f64),
        what: &str,
    ) {
        for (key, value) in map {
            let here = format!("{path}.{key}");
            if !self.known_key(doc, &here, key.as_str(), techs) {
                continue;
            }
            if !value.is_finite() {
                self.errors
                    .push(doc.error_at(Code::Guide, &here, "must be a finite number"));
            } else if *value < lo || *value > hi {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &here,
                    format!("{value} is out of range: {what} is from {lo} to {hi}"),
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
