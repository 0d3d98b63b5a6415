//! Charts drawn at build time as inline SVG: bars (horizontal when labels
//! are long), grouped bars and lines. Honest by construction: bar axes start
//! at zero, ticks step by 1, 2 or 5 times a power of ten, every value is
//! labelled, units are on the axis, and each series has its technology's
//! colour with a legend. Text and lines take `currentColor`, so dark mode and
//! print need no second drawing; `role="img"` with a title and a description
//! stating the main finding. The same input gives the same bytes.
//!
//! In: a [`Chart`] (no idea of guides). Out: SVG markup.

mod bars;
mod line;
pub(crate) mod scale;
mod svg;

/// One series: its label, colour (a CSS colour) and numbers.
pub struct ChartSeries<'a> {
    pub label: &'a str,
    pub colour: &'a str,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Value(f64),
    /// One per category; `None` where it was not measured.
    Values(&'a [Option<f64>]),
    Points(&'a [(f64, f64)]),
}

pub enum Shape<'a> {
    Bar,
    Grouped { categories: &'a [String] },
    Line { x_name: &'a str, x_unit: &'a str },
}

pub struct Chart<'a> {
    pub title: &'a str,
    /// The description: the main finding, for screen readers.
    pub description: &'a str,
    pub unit: &'a str,
    pub shape: Shape<'a>,
    pub series: Vec<ChartSeries<'a>>,
    /// Names of the technologies with no numbers here.
    pub not_measured: Vec<&'a str>,
    pub verified: bool,
}

/// The chart as SVG markup.
pub fn svg(chart: &Chart) -> String {
    match &chart.shape {
        Shape::Bar => bars::bars(chart),
        Shape::Grouped { categories } => bars::grouped(chart, categories),
        Shape::Line { x_name, x_unit } => line::line(chart, x_name, x_unit),
    }
}

/// Lines above the plot: a warning when the figures are unverified.
/// Returns the y below them.
fn head(s: &mut svg::Svg, chart: &Chart, y: f64) -> f64 {
    if chart.verified {
        return y;
    }
    let n = s.wrapped(
        0.0,
        y + svg::FONT,
        svg::WIDTH,
        "chart-flag",
        "Unverified: nobody could reproduce these figures.",
    );
    y + n as f64 * svg::LINE + 6.0
}

/// Lines under the plot: technologies that were not measured. Returns the
/// y below them.
fn foot(s: &mut svg::Svg, chart: &Chart, y: f64) -> f64 {
    if chart.not_measured.is_empty() {
        return y;
    }
    let text = format!("Not measured: {}.", chart.not_measured.join(", "));
    let n = s.wrapped(0.0, y + svg::FONT, svg::WIDTH, "chart-note", &text);
    y + n as f64 * svg::LINE + 4.0
}

/// The frame of a y axis from zero at `y`: the unit above it, wrapped; room
/// on the left for the tick labels. Returns (the plot's left edge, its
/// baseline).
fn y_frame(s: &mut svg::Svg, unit: &str, y: f64, height: f64, step: f64, top: f64) -> (f64, f64) {
    let n = s.wrapped(0.0, y + svg::FONT, svg::WIDTH, "chart-unit", unit);
    let plot_top = y + svg::FONT + svg::LINE * (n as f64 - 1.0) + 10.0;
    let left = scale::ticks(step, top)
        .iter()
        .map(|t| svg::width_of(&scale::number(*t)))
        .fold(0.0, f64::max)
        + 8.0;
    (left, plot_top + height)
}

/// The y axis's ticks: a grid line from `left` to `right` at each (the
/// axis itself at zero) and its label left of the plot.
fn y_grid(s: &mut svg::Svg, left: f64, right: f64, base: f64, height: f64, step: f64, top: f64) {
    for t in scale::ticks(step, top) {
        let y = base - t / top * height;
        s.line(
            left,
            y,
            right,
            y,
            if t == 0.0 { "chart-axis" } else { "chart-grid" },
        );
        s.text(left - 4.0, y + 4.0, "end", "chart-tick", &scale::number(t));
    }
}

/// For the second and later series of one colour: a lighter fill.
fn shade(chart: &Chart, k: usize) -> Option<&'static str> {
    let colour = chart.series[k].colour;
    match chart.series[..k]
        .iter()
        .filter(|s| s.colour == colour)
        .count()
    {
        0 => None,
        1 => Some("0.55"),
        _ => Some("0.3"),
    }
}

/// A legend, one series a line: a swatch in its colour and its label.
fn legend(s: &mut svg::Svg, chart: &Chart, y: f64, dashes: bool) -> f64 {
    let mut y = y;
    for (k, series) in chart.series.iter().enumerate() {
        if dashes {
            s.raw(&format!(
                r#"<line x1="0" y1="{}" x2="18" y2="{}" class="chart-line" stroke="{}" stroke-width="2.5"{}/>"#,
                scale::coord(y + 8.0),
                scale::coord(y + 8.0),
                crate::text::escape::escape_attr(series.colour),
                line::dash(chart, k)
            ));
        } else {
            s.rect(0.0, y + 2.0, 12.0, 12.0, "chart-swatch", series.colour);
            s.shade(shade(chart, k));
        }
        let n = s.wrapped(24.0, y + svg::FONT, svg::WIDTH - 24.0, "", series.label);
        y += n as f64 * svg::LINE + 3.0;
    }
    y + 4.0
}
