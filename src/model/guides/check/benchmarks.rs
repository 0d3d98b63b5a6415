//! Checks of `benchmarks.yaml`: known sources and technologies, series whose
//! shape fits the chart (one value, a value per category, or x/y points),
//! finite numbers (bars from zero, so none below it), x values that
//! increase, provenance present (`unknown` where a source does not say).

use super::{Checker, is_partial_date};
use crate::diag::Code;
use crate::model::guides::{Benchmark, ChartKind};
use crate::source::yaml::YamlDoc;

impl Checker<'_> {
    pub(super) fn benchmarks(&mut self, doc: &YamlDoc, tech_ids: &[&str], source_ids: &[&str]) {
        let g = self.guide;
        self.unique(doc, g.benchmarks.iter().map(|b| b.id.as_str()));
        for (i, b) in g.benchmarks.iter().enumerate() {
            let at = |field: &str| format!("[{i}].{field}");
            self.source(doc, &at("source"), b.source.as_str(), source_ids);
            if b.series.is_empty() {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &at("series"),
                    "a benchmark needs at least one series",
                ));
            }
            if b.title.trim().is_empty() {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &at("title"),
                    "a chart needs a title: it names the chart for screen readers too",
                ));
            }
            if b.unit.trim().is_empty() {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &at("unit"),
                    "say the values' unit (`ms`, `requests/s`, `% of respondents`)",
                ));
            }
            if b.date != "unknown" && !is_partial_date(&b.date) {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &at("date"),
                    format!(
                        "date `{}` is not YYYY, YYYY-MM, YYYY-MM-DD or `unknown`",
                        b.date
                    ),
                ));
            }
            self.shape(doc, i, b);
            for (j, s) in b.series.iter().enumerate() {
                self.technology(
                    doc,
                    &format!("[{i}].series[{j}].technology"),
                    s.technology.as_str(),
                    tech_ids,
                );
            }
            self.text(doc, &at("method"), &b.method);
            self.text(doc, &at("not_shown"), &b.not_shown);
            if let Some(env) = &b.environment {
                for (key, value) in [
                    ("machine", &env.machine),
                    ("versions", &env.versions),
                    ("command", &env.command),
                ] {
                    if value.trim().is_empty() {
                        self.errors.push(doc.error_at(
                            Code::Guide,
                            &format!("[{i}].environment.{key}"),
                            "empty: write `unknown` where the source does not say",
                        ));
                    }
                }
            }
        }
    }

    /// The series fit the chart's kind, and every number can be drawn.
    fn shape(&mut self, doc: &YamlDoc, i: usize, b: &Benchmark) {
        let kind = b.chart_kind();
        let here = |rest: &str| format!("[{i}]{rest}");
        if kind != ChartKind::Grouped && !b.categories.is_empty() {
            self.errors.push(doc.error_at(
                Code::Guide,
                &here(".categories"),
                "`categories` are for grouped bars (`kind: grouped`, with `values` per series)",
            ));
        }
        if kind != ChartKind::Line && b.x.is_some() {
            self.errors.push(doc.error_at(
                Code::Guide,
                &here(".x"),
                "`x` is for line charts (`kind: line`, with `points` per series)",
            ));
        }
        match kind {
            ChartKind::Grouped if b.categories.is_empty() => {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &here(""),
                    "grouped bars need `categories`: the groups each series has a value for",
                ));
            }
            ChartKind::Line if b.x.is_none() => {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &here(""),
                    "a line chart needs `x: {name, unit}`: what its points' first numbers are",
                ));
            }
            _ => {}
        }
        for (j, s) in b.series.iter().enumerate() {
            let at = format!("[{i}].series[{j}]");
            let (want, has) = match kind {
                ChartKind::Bar => ("one `value`", s.value.is_some()),
                ChartKind::Grouped => ("`values`, one per category", !s.values.is_empty()),
                ChartKind::Line => ("`points`: [[x, y], …]", !s.points.is_empty()),
            };
            let extra = match kind {
                ChartKind::Bar => !s.values.is_empty() || !s.points.is_empty(),
                ChartKind::Grouped => s.value.is_some() || !s.points.is_empty(),
                ChartKind::Line => s.value.is_some() || !s.values.is_empty(),
            };
            let name = match kind {
                ChartKind::Bar => "bar chart",
                ChartKind::Grouped => "grouped bar chart",
                ChartKind::Line => "line chart",
            };
            if !has || extra {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &at,
                    format!("each series of a {name} gives {want}, and nothing else"),
                ));
                continue;
            }
            if kind == ChartKind::Grouped && s.values.len() != b.categories.len() {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &format!("{at}.values"),
                    format!(
                        "{} values for {} categories: give one per category (`null` where it was not measured)",
                        s.values.len(),
                        b.categories.len()
                    ),
                ));
            }
            let bars: Vec<(String, f64)> = match kind {
                ChartKind::Bar => s
                    .value
                    .map(|v| (format!("{at}.value"), v))
                    .into_iter()
                    .collect(),
                ChartKind::Grouped => s
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(k, v)| v.map(|v| (format!("{at}.values[{k}]"), v)))
                    .collect(),
                ChartKind::Line => Vec::new(),
            };
            for (path, v) in bars {
                if !v.is_finite() {
                    self.errors
                        .push(doc.error_at(Code::Guide, &path, "must be a finite number"));
                } else if v < 0.0 {
                    self.errors.push(doc.error_at(
                        Code::Guide,
                        &path,
                        format!("{v} is below zero: bars start at zero, so values are 0 or more"),
                    ));
                }
            }
            let mut last = f64::NEG_INFINITY;
            for (k, (x, y)) in s.points.iter().enumerate() {
                let path = format!("{at}.points[{k}]");
                if !x.is_finite() || !y.is_finite() {
                    self.errors.push(doc.error_at(
                        Code::Guide,
                        &path,
                        "must be two finite numbers",
                    ));
                } else if *y < 0.0 {
                    self.errors.push(doc.error_at(
                        Code::Guide,
                        &path,
                        format!("y {y} is below zero: line charts draw y from zero, so values are 0 or more"),
                    ));
                } else if *x <= last {
                    self.errors.push(doc.error_at(
                        Code::Guide,
                        &path,
                        format!("x {x} does not increase: give points in increasing x order"),
                    ));
                } else {
                    last = *x;
                }
            }
        }
    }
}
