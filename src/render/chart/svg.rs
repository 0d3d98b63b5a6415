//! A small SVG writer: elements with escaped text, word wrap by an estimate
//! of text width, and the chart's frame (`role="img"`, title, description,
//! a viewBox so it scales to any width).

use std::fmt::Write;

use super::scale::coord;
use crate::text::escape::{escape_attr, escape_text};

/// The drawing's width in user units. Text is 12 units high: on a 360-px
/// phone screen that is 12 px; the theme caps the chart's width so that it
/// is not much larger on a desktop.
pub(super) const WIDTH: f64 = 360.0;
pub(super) const FONT: f64 = 12.0;
pub(super) const LINE: f64 = 15.0;
/// Average advance of a character at the chart's font size, for wrapping
/// and placing labels (system sans-serif fonts average about 0.55 em).
pub(super) const CHAR: f64 = 6.6;

#[derive(Default)]
pub(super) struct Svg {
    body: String,
}

impl Svg {
    pub(super) fn body_string(self) -> String {
        self.body
    }

    pub(super) fn raw(&mut self, s: &str) {
        self.body.push_str(s);
    }

    /// Text at (x, y): `anchor` is start, middle or end.
    pub(super) fn text(&mut self, x: f64, y: f64, anchor: &str, class: &str, text: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}"{}{}>{}</text>"#,
            coord(x),
            coord(y),
            if anchor == "start" {
                String::new()
            } else {
                format!(r#" text-anchor="{anchor}""#)
            },
            if class.is_empty() {
                String::new()
            } else {
                format!(r#" class="{class}""#)
            },
            escape_text(text)
        );
    }

    /// Text wrapped to the drawing's width and centred on it; returns the
    /// number of lines written.
    pub(super) fn centred(&mut self, y: f64, class: &str, text: &str) -> usize {
        let lines = wrap(text, WIDTH);
        for (k, line) in lines.iter().enumerate() {
            self.text(WIDTH / 2.0, y + k as f64 * LINE, "middle", class, line);
        }
        lines.len()
    }

    /// Text wrapped to `width` units, one line per `LINE`; returns the
    /// number of lines written.
    pub(super) fn wrapped(&mut self, x: f64, y: f64, width: f64, class: &str, text: &str) -> usize {
        let lines = wrap(text, width);
        for (k, line) in lines.iter().enumerate() {
            self.text(x, y + k as f64 * LINE, "start", class, line);
        }
        lines.len()
    }

    pub(super) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str, fill: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" class="{class}" fill="{}"/>"#,
            coord(x),
            coord(y),
            coord(w.max(0.0)),
            coord(h),
            escape_attr(fill)
        );
    }

    /// Gives the element just drawn a lighter fill (`fill-opacity`), to
    /// tell apart series of one colour.
    pub(super) fn shade(&mut self, opacity: Option<&str>) {
        if let Some(o) = opacity
            && self.body.ends_with("/>")
        {
            self.body.truncate(self.body.len() - 2);
            let _ = write!(self.body, r#" fill-opacity="{o}"/>"#);
        }
    }

    pub(super) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="{class}" stroke="currentColor" stroke-opacity="{}"/>"#,
            coord(x1),
            coord(y1),
            coord(x2),
            coord(y2),
            if class == "chart-grid" { "0.2" } else { "0.6" }
        );
    }

    /// The finished drawing, `height` units high.
    pub(super) fn finish(self, class: &str, height: f64, title: &str, desc: &str) -> String {
        format!(
            r#"<svg class="chart {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" fill="currentColor" font-size="{FONT}"><title>{t}</title><desc>{d}</desc>{body}</svg>"#,
            w = coord(WIDTH),
            h = coord(height),
            t = escape_text(title),
            d = escape_text(desc),
            body = self.body
        )
    }
}

/// Splits `text` into lines of at most `width` units (a word longer than a
/// line gets a line of its own).
pub(super) fn wrap(text: &str, width: f64) -> Vec<String> {
    let max = ((width / CHAR).floor() as usize).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<String> = text
        .split_whitespace()
        .flat_map(|w| {
            // A word longer than a line is cut into pieces that fit.
            let chars: Vec<char> = w.chars().collect();
            chars
                .chunks(max)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    for word in &words {
        let word = word.as_str();
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Estimated width of `text` in user units.
pub(super) fn width_of(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

/// Estimated width of a value label (bold digits are wider).
pub(super) fn value_width(text: &str) -> f64 {
    text.chars().count() as f64 * (CHAR + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words() {
        assert_eq!(wrap("a b c", 1000.0), vec!["a b c"]);
        let lines = wrap(
            "JavaScript (the language, not only Node.js) in every runtime",
            200.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 30));
        assert_eq!(wrap("", 100.0), vec![""]);
    }

    #[test]
    fn text_is_escaped() {
        let mut s = Svg::default();
        s.text(0.0, 0.0, "start", "", "<script>&");
        assert!(s.body.contains("&lt;script&gt;&amp;"));
    }
}
