//! The decision helper's model: `decision.yaml`, a questionnaire whose
//! answers carry points per technology and a reason linking to the page the
//! points rest on; and [`weigh_questions`], the questionnaire every guide
//! gets for free from its aspects' verdicts ("weigh what matters").
//!
//! A reader's score for a technology is the sum of the points of the answers
//! they chose. The browser does the sums (`js/decide.js`); this module only
//! says what the questions are and checks them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Aspect, Guide, TechId, Winner};

/// `decision.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Inline Markdown shown above the questions.
    #[serde(default)]
    pub intro: String,
    /// When the top two scores differ by this many points or fewer, the
    /// result is too close to call.
    #[serde(default = "default_margin")]
    pub close_margin: f64,
    pub questions: Vec<Question>,
}

fn default_margin() -> f64 {
    1.0
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// Plain text.
    pub question: String,
    /// Inline Markdown helping the reader answer.
    #[serde(default)]
    pub help: String,
    /// Any number of answers (checkboxes) instead of one (radio buttons).
    #[serde(default)]
    pub multiple: bool,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    /// Plain text.
    pub label: String,
    /// Points per technology; a technology left out gets none.
    #[serde(default)]
    pub weights: BTreeMap<TechId, f64>,
    /// Inline Markdown: why, linking to the evidence (required when any
    /// weight is not zero).
    #[serde(default)]
    pub reason: String,
}

impl Answer {
    pub fn weight(&self, tech: &str) -> f64 {
        self.weights.get(tech).copied().unwrap_or(0.0)
    }

    pub fn moves_anything(&self) -> bool {
        self.weights.values().any(|w| *w != 0.0)
    }
}

impl Decision {
    /// The largest gap between two technologies that answers can make: a
    /// margin this large or larger would call every result close.
    pub(crate) fn widest_gap(&self, techs: &[&str]) -> f64 {
        let mut widest: f64 = 0.0;
        for a in techs {
            for b in techs {
                let gap: f64 = self
                    .questions
                    .iter()
                    .map(|q| {
                        let diffs = q.answers.iter().map(|x| x.weight(a) - x.weight(b));
                        if q.multiple {
                            diffs.filter(|d| *d > 0.0).sum()
                        } else {
                            diffs.fold(0.0, f64::max)
                        }
                    })
                    .sum();
                widest = widest.max(gap);
            }
        }
        widest
    }
}

/// How much an aspect matters to the reader, in "weigh what matters".
pub const WEIGH_LEVELS: [(&str, &str, f64); 3] = [
    ("none", "Not at all", 0.0),
    ("some", "Somewhat", 1.0),
    ("lots", "A lot", 2.0),
];

/// Gap at or below which "weigh what matters" calls a result close: one
/// aspect that matters "somewhat" is not enough to decide.
pub const WEIGH_CLOSE_MARGIN: f64 = 1.0;

/// What an aspect's verdict gives each technology, from 0 to 1: its own
/// `scores` when it has them, else 1 to the winner, 1 to all on a tie and
/// 0 to all when it depends.
pub fn aspect_scores(guide: &Guide, aspect: &Aspect) -> Vec<f64> {
    guide
        .technologies
        .iter()
        .map(|t| {
            if let Some(s) = aspect.verdict.scores.get(&t.id) {
                return *s;
            }
            if !aspect.verdict.scores.is_empty() {
                return 0.0;
            }
            match &aspect.verdict.winner {
                Winner::Technology(w) => f64::from(u8::from(*w == t.id)),
                Winner::Tie => 1.0,
                Winner::Depends => 0.0,
            }
        })
        .collect()
}
