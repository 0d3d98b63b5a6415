//! The `chart:` embed: a dataset of `benchmarks.yaml` drawn as SVG
//! (`render::chart`), the same numbers as a table, and its provenance.

use super::Writer;
use super::views::{ChartRow, ChartTable, ChartView, EnvironmentView};
use crate::diag::suggestion;
use crate::model::guides::{Benchmark, Better, ChartKind, Guide, Series};
use crate::render::chart::scale::number;
use crate::render::chart::{self, Chart, ChartSeries, Data, Shape};

/// What the embed block may ask besides the dataset.
pub(super) struct ChartOptions<'s> {
    pub kind: Option<&'s str>,
    pub title: Option<&'s str>,
}

impl Writer<'_> {
    pub(super) fn chart(&mut self, id: &str, opts: &ChartOptions) -> Result<ChartView, String> {
        let g = self.guide;
        let Some(b) = g.benchmark(id) else {
            let hint = suggestion(id, g.benchmarks.iter().map(|b| b.id.as_str()));
            return Err(format!(
                "guide `{}` has no benchmark dataset `{id}`{hint}",
                g.id
            ));
        };
        let kind = b.chart_kind();
        let table_only = match opts.kind {
            None => false,
            Some("table") => true,
            Some(k) if k == kind_name(kind) => false,
            Some(k) => {
                return Err(format!(
                    "`kind: {k}`: dataset `{id}` is drawn as `{}` (its series give {}); write that, or `table` for the numbers alone",
                    kind_name(kind),
                    shape_words(kind)
                ));
            }
        };
        let title = opts.title.unwrap_or(&b.title);
        let not_measured: Vec<&str> = g
            .technologies
            .iter()
            .filter(|t| !b.series.iter().any(|s| s.technology == t.id))
            .map(|t| t.name.as_str())
            .collect();
        let mut description = if b.finding.is_empty() {
            finding(b, title)
        } else {
            b.finding.clone()
        };
        if !not_measured.is_empty() {
            description += &format!(" Not measured: {}.", not_measured.join(", "));
        }
        let svg = if table_only {
            String::new()
        } else {
            let series = b
                .series
                .iter()
                .map(|s| ChartSeries {
                    label: &s.label,
                    colour: colour(g, s),
                    data: match kind {
                        ChartKind::Bar => Data::Value(s.value.unwrap_or(0.0)),
                        ChartKind::Grouped => Data::Values(&s.values),
                        ChartKind::Line => Data::Points(&s.points),
                    },
                })
                .collect();
            let shape = match (kind, &b.x) {
                (ChartKind::Bar, _) => Shape::Bar,
                (ChartKind::Grouped, _) => Shape::Grouped {
                    categories: &b.categories,
                },
                (ChartKind::Line, Some(x)) => Shape::Line {
                    x_name: &x.name,
                    x_unit: &x.unit,
                },
                (ChartKind::Line, None) => Shape::Line {
                    x_name: "x",
                    x_unit: "",
                },
            };
            chart::svg(&Chart {
                title,
                description: &description,
                unit: &b.unit,
                shape,
                series,
                not_measured: not_measured.clone(),
                verified: b.verified,
            })
        };
        Ok(ChartView {
            id: self.element_id("benchmark", b.id.as_str()),
            dataset: b.id.as_str().to_string(),
            title: title.to_string(),
            unit: b.unit.clone(),
            better: match b.better {
                Better::Higher => "higher is better",
                Better::Lower => "lower is better",
            },
            kind: if table_only { "table" } else { kind_name(kind) },
            svg,
            table: table(g, b),
            source: g.source(b.source.as_str()).map(|s| self.source_view(s)),
            date: b.date.clone(),
            verified: b.verified,
            method_html: self.md(&b.method)?,
            not_shown_html: self.md(&b.not_shown)?,
            environment: b.environment.as_ref().map(|e| EnvironmentView {
                machine: e.machine.clone(),
                versions: e.versions.clone(),
                command: e.command.clone(),
            }),
            not_measured: not_measured.iter().map(|n| n.to_string()).collect(),
        })
    }
}

fn kind_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Bar => "bar",
        ChartKind::Grouped => "grouped",
        ChartKind::Line => "line",
    }
}

fn shape_words(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Bar => "one value each",
        ChartKind::Grouped => "a value per category",
        ChartKind::Line => "x/y points",
    }
}

fn colour<'g>(g: &'g Guide, s: &Series) -> &'g str {
    g.technology(s.technology.as_str())
        .map_or("currentColor", |t| t.colour.as_str())
}

/// The numbers as a table: a row per series (bars, grouped bars), or a row
/// per x value with a column per series (lines).
fn table(g: &Guide, b: &Benchmark) -> ChartTable {
    let row = |s: &Series, cells: Vec<String>| ChartRow {
        label: s.label.clone(),
        colour: Some(colour(g, s).to_string()),
        cells,
    };
    match b.chart_kind() {
        ChartKind::Bar => ChartTable {
            first: "Series".into(),
            columns: vec![b.unit.clone()],
            rows: b
                .series
                .iter()
                .map(|s| row(s, vec![s.value.map_or_else(String::new, number)]))
                .collect(),
        },
        ChartKind::Grouped => ChartTable {
            first: "Series".into(),
            columns: b.categories.clone(),
            rows: b
                .series
                .iter()
                .map(|s| {
                    let cells = s
                        .values
                        .iter()
                        .map(|v| v.map_or_else(|| "not measured".to_string(), number))
                        .collect();
                    row(s, cells)
                })
                .collect(),
        },
        ChartKind::Line => {
            let mut xs: Vec<f64> = b
                .series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0))
                .collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup();
            let x = b.x.as_ref();
            ChartTable {
                first: x.map_or_else(
                    || "x".to_string(),
                    |x| {
                        if x.unit.is_empty()
                            || x.name.to_lowercase().contains(&x.unit.to_lowercase())
                        {
                            x.name.clone()
                        } else {
                            format!("{} ({})", x.name, x.unit)
                        }
                    },
                ),
                columns: b.series.iter().map(|s| s.label.clone()).collect(),
                rows: xs
                    .iter()
                    .map(|x| ChartRow {
                        label: number(*x),
                        colour: None,
                        cells: b
                            .series
                            .iter()
                            .map(|s| {
                                s.points
                                    .iter()
                                    .find(|p| p.0 == *x)
                                    .map_or_else(|| "not measured".to_string(), |p| number(p.1))
                            })
                            .collect(),
                    })
                    .collect(),
            }
        }
    }
}

/// The chart's description when the dataset gives no `finding`: the
/// numbers in order of merit, so a screen reader hears the result first.
fn finding(b: &Benchmark, title: &str) -> String {
    let better = match b.better {
        Better::Higher => "higher is better",
        Better::Lower => "lower is better",
    };
    let order = |mut v: Vec<(String, f64)>| {
        v.sort_by(|a, b2| match b.better {
            Better::Higher => b2.1.total_cmp(&a.1),
            Better::Lower => a.1.total_cmp(&b2.1),
        });
        v.iter()
            .map(|(l, v)| format!("{l} {} {}", number(*v), b.unit))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!("{title} ({better}). ");
    match b.chart_kind() {
        ChartKind::Bar => {
            out += &order(
                b.series
                    .iter()
                    .filter_map(|s| s.value.map(|v| (s.label.clone(), v)))
                    .collect(),
            );
            out.push('.');
        }
        ChartKind::Grouped => {
            for (c, category) in b.categories.iter().enumerate() {
                let here = b
                    .series
                    .iter()
                    .filter_map(|s| {
                        s.values
                            .get(c)
                            .copied()
                            .flatten()
                            .map(|v| (s.label.clone(), v))
                    })
                    .collect();
                out += &format!("{category}: {}. ", order(here));
            }
        }
        ChartKind::Line => {
            let x = b.x.as_ref().map_or("x", |x| x.name.as_str());
            let last = b
                .series
                .iter()
                .filter_map(|s| s.points.last().map(|p| (s.label.clone(), p.1, p.0)))
                .collect::<Vec<_>>();
            let at: Vec<String> = last
                .iter()
                .map(|(l, y, xv)| format!("{l} {} {} at {} ({x})", number(*y), b.unit, number(*xv)))
                .collect();
            out += &format!("At the largest x: {}.", at.join("; "));
        }
    }
    if !b.verified {
        out += " Unverified figures.";
    }
    out.trim_end().to_string()
}
