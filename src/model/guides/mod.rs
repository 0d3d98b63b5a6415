//! Guides: the comparison model (technologies, criteria, aspects with their
//! verdicts, use cases, sources, benchmarks), loaded and validated in one place.
//!
//! In: the YAML files under `content/data/guides/<guide>/` and the
//! [`PageIndex`](super::index::PageIndex) (to check page links). Out:
//! [`Guides`], in which every reference is known to resolve: technology ids,
//! pages, sources, one cell per technology. Every problem is reported at its
//! file:line:col, all at once. Nothing here assumes two technologies, or
//! these two: any guide compares N ≥ 2. The model is typed (ids are types,
//! a winner is a [`Winner`]) and serialisable for the browser.
//!
//! A later issue filters internal-only entries here, before anything reads them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::source::settings::Link;

mod check;
pub(crate) mod criteria;
mod decision;
mod ids;
mod load;

pub use decision::{Answer, Decision, Question, WEIGH_CLOSE_MARGIN, WEIGH_LEVELS, aspect_scores};
pub use ids::{
    AspectId, BenchmarkId, CriterionId, GuideId, Recommended, SourceId, TechId, UseCaseId, Winner,
};
pub use load::load;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Technology {
    pub id: TechId,
    pub name: String,
    pub summary: String,
    pub colour: String,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A row of the comparison table (read from `criteria.yaml` by
/// [`criteria`], which accepts `category` as the old spelling of `name`).
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub id: CriterionId,
    /// The row's label (plain text).
    pub name: String,
    /// The heading the row sits under in the table (plain text), when the
    /// guide groups its criteria.
    pub group: Option<String>,
    /// Technology id → cell text.
    pub cells: BTreeMap<TechId, String>,
    pub winner: Option<Winner>,
    /// The page (under `content/`) that argues this row.
    pub page: Option<String>,
    /// Other words readers search for this row by (`gil`, `speed`).
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Aspect {
    pub id: AspectId,
    pub title: String,
    pub page: String,
    /// Technology id → one-line summary.
    pub summary: BTreeMap<TechId, String>,
    pub verdict: Verdict,
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// Other words readers search for this aspect by (`gil`, `speed`).
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// A technology, `tie` or `depends`.
    pub winner: Winner,
    pub reasoning: String,
    /// Technology id → how well it does on this aspect, 0 to 1, when a
    /// winner alone says too little (for "weigh what matters"). A
    /// technology left out scores 0.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<TechId, f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UseCase {
    pub id: UseCaseId,
    pub need: String,
    /// One technology or several, or `either`.
    pub recommended: Recommended,
    pub why: String,
    #[serde(default)]
    pub page: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// Empty when the source has no public address.
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub note: String,
}

/// A dataset of `benchmarks.yaml`, drawn as a chart. Its shape says which:
/// one `value` per series (bars), `values` per `categories` (grouped bars),
/// or `points` against a numeric `x` (lines). Provenance is required:
/// `date` and `not_shown` say `unknown` where a source does not say.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub id: BenchmarkId,
    pub title: String,
    /// `bar`, `grouped` or `line`; when left out, the shape of the series
    /// decides.
    #[serde(default)]
    pub kind: Option<ChartKind>,
    /// The values' unit, printed as written.
    pub unit: String,
    pub better: Better,
    /// Grouped bars: the groups, one value per series each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Lines: the x axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<Axis>,
    pub series: Vec<Series>,
    pub source: SourceId,
    /// When the figures were measured or published: `YYYY`, `YYYY-MM`,
    /// `YYYY-MM-DD` or `unknown`.
    pub date: String,
    /// `false` for figures nobody could reproduce: said on the chart.
    #[serde(default = "yes")]
    pub verified: bool,
    pub method: String,
    /// Where the numbers were measured, when that means anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
    /// What the numbers do not show (inline Markdown).
    #[serde(alias = "caveats")]
    pub not_shown: String,
    /// The main finding in one sentence (plain text), for the chart's
    /// description; made from the numbers when left out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub finding: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    Bar,
    Grouped,
    Line,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    pub name: String,
    pub unit: String,
}

/// Machine, versions and command of a measurement; `unknown` where the
/// source does not say.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    pub machine: String,
    pub versions: String,
    pub command: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

/// One technology's numbers in a dataset (a technology may have several
/// series: two frameworks, two settings).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub technology: TechId,
    pub label: String,
    /// Bars: the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Grouped bars: one per category; `null` where it was not measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Option<f64>>,
    /// Lines: `[x, y]` pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<(f64, f64)>,
}

impl Benchmark {
    /// The kind written, or the one the series' shape implies.
    pub fn chart_kind(&self) -> ChartKind {
        self.kind.unwrap_or_else(|| {
            let first = self.series.first();
            if self.x.is_some() || first.is_some_and(|s| !s.points.is_empty()) {
                ChartKind::Line
            } else if !self.categories.is_empty() || first.is_some_and(|s| !s.values.is_empty()) {
                ChartKind::Grouped
            } else {
                ChartKind::Bar
            }
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Guide {
    pub id: GuideId,
    pub technologies: Vec<Technology>,
    pub criteria: Vec<Criterion>,
    pub aspects: Vec<Aspect>,
    pub use_cases: Vec<UseCase>,
    pub sources: Vec<Source>,
    pub benchmarks: Vec<Benchmark>,
    /// The questionnaire of `decision.yaml`, when the guide has one.
    pub decision: Option<Decision>,
}

impl Guide {
    pub(crate) fn technology(&self, id: &str) -> Option<&Technology> {
        self.technologies.iter().find(|t| t.id.as_str() == id)
    }

    /// Display name of a winner: a technology's name, "Tie", "Depends".
    pub(crate) fn winner_name(&self, winner: &Winner) -> String {
        match winner {
            Winner::Tie => "Tie".into(),
            Winner::Depends => "Depends".into(),
            Winner::Technology(id) => self.technology_name(id),
        }
    }

    /// A technology's name (its id when unknown, which checks rule out).
    pub(crate) fn technology_name(&self, id: &TechId) -> String {
        self.technology(id.as_str())
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// A recommendation as it reads: "Node.js", "Node.js or Python",
    /// "RabbitMQ, NATS or Kafka"; `either` is "Either" between two
    /// technologies and "Any of them" among more.
    pub(crate) fn recommended_name(&self, recommended: &Recommended) -> String {
        match recommended {
            Recommended::Either if self.technologies.len() > 2 => "Any of them".into(),
            Recommended::Either => "Either".into(),
            Recommended::Technologies(ids) => {
                let names: Vec<String> = ids.iter().map(|id| self.technology_name(id)).collect();
                or_list(&names)
            }
        }
    }

    pub(crate) fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.as_str() == id)
    }

    pub(crate) fn aspect(&self, id: &str) -> Option<&Aspect> {
        self.aspects.iter().find(|a| a.id.as_str() == id)
    }

    pub(crate) fn benchmark(&self, id: &str) -> Option<&Benchmark> {
        self.benchmarks.iter().find(|b| b.id.as_str() == id)
    }
}

/// "A", "A or B", "A, B or C".
pub(crate) fn or_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[derive(Debug, Default, Clone)]
pub struct Guides {
    pub list: Vec<Guide>,
}

impl Guides {
    pub fn get(&self, id: &str) -> Option<&Guide> {
        self.list.iter().find(|g| g.id.as_str() == id)
    }
}
