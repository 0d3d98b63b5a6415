//! Line charts: y against a numeric x (throughput against concurrency). The
//! y axis starts at zero; the x axis is logarithmic when its values span
//! more than 20 times (and says so). Each point is marked, the last value
//! of each series is labelled, and series of one technology differ by dash.

use super::scale::{self, XScale, coord, number};
use super::svg::{FONT, LINE, Svg, WIDTH, value_width, width_of};
use super::{Chart, Data, foot, head, legend, y_frame, y_grid};
use crate::text::escape::escape_attr;

/// Dashes for the second and later series of the same colour.
pub(super) fn dash(chart: &Chart, k: usize) -> &'static str {
    let colour = chart.series[k].colour;
    let before = chart.series[..k]
        .iter()
        .filter(|s| s.colour == colour)
        .count();
    match before {
        0 => "",
        1 => r#" stroke-dasharray="6 3""#,
        2 => r#" stroke-dasharray="2 3""#,
        _ => r#" stroke-dasharray="8 3 2 3""#,
    }
}

pub(super) fn line(chart: &Chart, x_name: &str, x_unit: &str) -> String {
    let points: Vec<&[(f64, f64)]> = chart
        .series
        .iter()
        .map(|s| match s.data {
            Data::Points(p) => p,
            _ => &[][..],
        })
        .collect();
    let all = points.iter().flat_map(|p| p.iter());
    let (mut xmin, mut xmax, mut ymax) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64);
    for (x, y) in all {
        xmin = xmin.min(*x);
        xmax = xmax.max(*x);
        ymax = ymax.max(*y);
    }
    if !xmin.is_finite() {
        (xmin, xmax) = (0.0, 1.0);
    }
    let xs = XScale::fit(xmin, xmax);
    let (step, top) = scale::nice(ymax, 4);

    let mut s = Svg::default();
    let mut y = head(&mut s, chart, 0.0);
    y = legend(&mut s, chart, y, true);
    let plot_h = 170.0;
    let (left, base) = y_frame(&mut s, chart.unit, y, plot_h, step, top);
    let plot_top = base - plot_h;
    let last_tick = xs
        .ticks()
        .last()
        .map_or(0.0, |t| width_of(&number(*t)) / 2.0);
    let labels_room = points
        .iter()
        .filter_map(|p| p.last())
        .map(|(_, v)| value_width(&number(*v)) / 2.0)
        .fold(last_tick.max(8.0), f64::max)
        + 2.0;
    let plot_w = WIDTH - left - labels_room;
    let px = |x: f64| left + xs.at(x) * plot_w;
    let py = |v: f64| base - v / top * plot_h;
    y_grid(&mut s, left, left + plot_w, base, plot_h, step, top);
    // Tick labels that would run into the one before are left out (the
    // tick stays).
    let mut right = f64::NEG_INFINITY;
    for t in xs.ticks() {
        let xx = px(t);
        s.line(xx, base, xx, base + 4.0, "chart-axis");
        let label = number(t);
        let half = width_of(&label) / 2.0;
        if xx - half > right + 4.0 {
            s.text(xx, base + 4.0 + FONT, "middle", "chart-tick", &label);
            right = xx + half;
        }
    }
    let scale_note = if xs.is_log() {
        ", logarithmic scale"
    } else {
        ""
    };
    let x_title = if x_unit.is_empty() || x_name.to_lowercase().contains(&x_unit.to_lowercase()) {
        format!("{x_name}{scale_note}")
    } else {
        format!("{x_name} ({x_unit}){scale_note}")
    };
    let title_lines = super::svg::wrap(&x_title, WIDTH);
    for (j, l) in title_lines.iter().enumerate() {
        s.text(
            WIDTH / 2.0,
            base + 6.0 + FONT + LINE * (j as f64 + 1.0),
            "middle",
            "chart-unit",
            l,
        );
    }
    let mut labels: Vec<(f64, f64, String)> = Vec::new();
    for (k, (series, pts)) in chart.series.iter().zip(&points).enumerate() {
        let colour = escape_attr(series.colour);
        let path: Vec<String> = pts
            .iter()
            .map(|(x, v)| format!("{},{}", coord(px(*x)), coord(py(*v))))
            .collect();
        s.raw(&format!(
            r#"<polyline points="{}" class="chart-line" fill="none" stroke="{colour}" stroke-width="2.5"{}/>"#,
            path.join(" "),
            dash(chart, k)
        ));
        for (x, v) in pts.iter() {
            s.raw(&format!(
                r#"<circle cx="{}" cy="{}" r="3" class="chart-point" fill="{colour}"/>"#,
                coord(px(*x)),
                coord(py(*v))
            ));
        }
        if let Some((x, v)) = pts.last() {
            labels.push((px(*x), py(*v) - 6.0, number(*v)));
        }
    }
    // Last values, moved apart where they would overlap.
    labels.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut placed: Vec<(f64, f64, String)> = Vec::new();
    let mut last_y = f64::NEG_INFINITY;
    for (x, y, text) in labels {
        let y = y.max(last_y + LINE).max(plot_top);
        last_y = y;
        placed.push((x, y, text));
    }
    // Pushed below the plot's floor: move the whole stack up.
    let floor = base - 4.0;
    if let Some(over) = placed.last().map(|p| p.1 - floor).filter(|o| *o > 0.0) {
        for p in &mut placed {
            p.1 -= over;
        }
    }
    for (x, y, text) in placed {
        s.text(x, y, "middle", "chart-value", &text);
    }
    let y = base + 6.0 + FONT + LINE * (title_lines.len() as f64) + 10.0;
    let y = foot(&mut s, chart, y);
    s.finish("chart-line", y, chart.title, chart.description)
}
