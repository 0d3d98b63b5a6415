//! Bar charts: one bar per series (horizontal, with the label above each
//! bar, when any label is long; vertical otherwise) and grouped bars (a
//! group per category, a bar per series, horizontal). Bars start at zero;
//! each is labelled with its value.

use super::scale::{self, number};
use super::svg::{self, CHAR, FONT, LINE, Svg, WIDTH, value_width, width_of};
use super::{Chart, Data, foot, head, legend, y_frame, y_grid};

/// Room kept right of the plot for the longest value label.
fn value_room(values: impl Iterator<Item = f64>) -> f64 {
    values.map(|v| value_width(&number(v))).fold(0.0, f64::max) + 8.0
}

/// The x axis of horizontal bars at `y`: ticks, their labels, the unit.
fn x_axis(s: &mut Svg, y: f64, plot: f64, step: f64, top: f64, unit: &str) -> f64 {
    s.line(0.0, y, plot, y, "chart-axis");
    for t in scale::ticks(step, top) {
        let x = t / top * plot;
        s.line(x, y, x, y + 4.0, "chart-axis");
        s.text(
            x,
            y + 4.0 + FONT,
            if t == 0.0 { "start" } else { "middle" },
            "chart-tick",
            &number(t),
        );
    }
    let n = s.centred(y + 6.0 + FONT + LINE, "chart-unit", unit);
    y + 6.0 + FONT + LINE * n as f64 + 6.0
}

/// Vertical grid lines of horizontal bars, from `y0` to `y1`.
fn grid(s: &mut Svg, y0: f64, y1: f64, plot: f64, step: f64, top: f64) {
    for t in scale::ticks(step, top).into_iter().skip(1) {
        let x = t / top * plot;
        s.line(x, y0, x, y1, "chart-grid");
    }
}

pub(super) fn bars(chart: &Chart) -> String {
    let values: Vec<f64> = chart
        .series
        .iter()
        .map(|s| match s.data {
            Data::Value(v) => v,
            _ => 0.0,
        })
        .collect();
    // Vertical bars only when every label fits its slot in two lines
    // without cutting a word.
    let slot = (WIDTH - 56.0) / chart.series.len().max(1) as f64 - 4.0;
    let fits = chart.series.iter().all(|s| {
        s.label
            .split_whitespace()
            .all(|w| w.chars().count() as f64 * CHAR <= slot)
            && svg::wrap(s.label, slot).len() <= 2
    });
    if !fits || chart.series.len() > 6 {
        horizontal(chart, &values)
    } else {
        vertical(chart, &values)
    }
}

fn horizontal(chart: &Chart, values: &[f64]) -> String {
    let mut s = Svg::default();
    let max = values.iter().copied().fold(0.0, f64::max);
    let (step, top) = scale::nice(max, 4);
    let plot = (WIDTH - value_room(values.iter().copied())).max(WIDTH / 2.0);
    let mut y = head(&mut s, chart, 0.0);
    let top_y = y;
    let mut bars = String::new();
    for (series, v) in chart.series.iter().zip(values) {
        let mut b = Svg::default();
        let n = b.wrapped(0.0, y + FONT, WIDTH, "chart-label", series.label);
        y += n as f64 * LINE + 2.0;
        let w = v / top * plot;
        b.rect(0.0, y, w, 16.0, "chart-bar", series.colour);
        b.text(w + 4.0, y + 12.0, "start", "chart-value", &number(*v));
        bars.push_str(&b.into_body());
        y += 16.0 + 8.0;
    }
    grid(&mut s, top_y, y, plot, step, top);
    s.raw(&bars);
    let y = x_axis(&mut s, y, plot, step, top, chart.unit);
    let y = foot(&mut s, chart, y);
    s.finish("chart-bar-h", y, chart.title, chart.description)
}

fn vertical(chart: &Chart, values: &[f64]) -> String {
    let mut s = Svg::default();
    let max = values.iter().copied().fold(0.0, f64::max);
    let (step, top) = scale::nice(max, 4);
    let y0 = head(&mut s, chart, 0.0);
    let plot_h = 150.0;
    let (left, base) = y_frame(&mut s, chart.unit, y0, plot_h, step, top);
    let plot_w = WIDTH - left;
    y_grid(&mut s, left, WIDTH, base, plot_h, step, top);
    let n = chart.series.len().max(1) as f64;
    let slot = plot_w / n;
    let bar_w = (slot * 0.6).min(60.0);
    let mut label_lines = 1;
    for (k, (series, v)) in chart.series.iter().zip(values).enumerate() {
        let cx = left + slot * (k as f64 + 0.5);
        let h = v / top * plot_h;
        s.rect(
            cx - bar_w / 2.0,
            base - h,
            bar_w,
            h,
            "chart-bar",
            series.colour,
        );
        s.text(cx, base - h - 4.0, "middle", "chart-value", &number(*v));
        let lines = svg::wrap(series.label, slot - 4.0);
        for (j, line) in lines.iter().enumerate() {
            s.text(
                cx,
                base + FONT + 4.0 + j as f64 * LINE,
                "middle",
                "chart-label",
                line,
            );
        }
        label_lines = label_lines.max(lines.len());
    }
    let y = base + 4.0 + label_lines as f64 * LINE + 6.0;
    let y = foot(&mut s, chart, y);
    s.finish("chart-bar-v", y, chart.title, chart.description)
}

pub(super) fn grouped(chart: &Chart, categories: &[String]) -> String {
    let mut s = Svg::default();
    let all = chart.series.iter().flat_map(|sr| match sr.data {
        Data::Values(v) => v.iter().flatten().copied().collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    let values: Vec<f64> = all.collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let (step, top) = scale::nice(max, 4);
    let plot = (WIDTH - value_room(values.iter().copied()).max(width_of("not measured") + 8.0))
        .max(WIDTH / 2.0);
    let mut y = head(&mut s, chart, 0.0);
    y = legend(&mut s, chart, y, false);
    let top_y = y;
    let mut bars = String::new();
    for (c, category) in categories.iter().enumerate() {
        let mut b = Svg::default();
        let n = b.wrapped(0.0, y + FONT, WIDTH, "chart-label", category);
        bars.push_str(&b.into_body());
        y += n as f64 * LINE + 2.0;
        for (k, series) in chart.series.iter().enumerate() {
            let v = match series.data {
                Data::Values(v) => v.get(c).copied().flatten(),
                _ => None,
            };
            let mut b = Svg::default();
            match v {
                Some(v) => {
                    let w = v / top * plot;
                    b.rect(0.0, y, w, 12.0, "chart-bar", series.colour);
                    b.shade(super::shade(chart, k));
                    b.text(w + 4.0, y + 10.0, "start", "chart-value", &number(v));
                }
                None => b.text(0.0, y + 10.0, "start", "chart-note", "not measured"),
            }
            bars.push_str(&b.into_body());
            y += 12.0 + 3.0;
        }
        y += 8.0;
    }
    grid(&mut s, top_y, y, plot, step, top);
    s.raw(&bars);
    let y = x_axis(&mut s, y, plot, step, top, chart.unit);
    let y = foot(&mut s, chart, y);
    s.finish("chart-grouped", y, chart.title, chart.description)
}

impl Svg {
    /// The markup drawn so far, to place inside another drawing.
    pub(super) fn into_body(self) -> String {
        self.body_string()
    }
}
