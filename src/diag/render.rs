//! The two ways a diagnostic is shown: like rustc in a terminal (with
//! annotate-snippets), and as HTML for the overlay `verdict serve` puts over
//! the page in the browser. Both show the same parts: severity and code,
//! message, `path:line:col`, the line with a caret, and the help.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Severity, display_path};
use crate::text::escape::{escape_attr, escape_text};

impl Diagnostic {
    /// Renders the diagnostic like rustc does; `color` adds ANSI styles.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level
            .primary_title(self.message.as_str())
            .id(self.code.as_str());
        let mut group = Group::with_title(title);
        if let Some(place) = &self.place {
            let path = display_path(&place.path);
            group = match (place.pos, &place.line_text) {
                (Some(pos), Some(line)) => {
                    let (start, end) = caret(line, pos.col);
                    group.element(
                        Snippet::source(line.clone())
                            .line_start(pos.line)
                            .path(path)
                            .annotation(AnnotationKind::Primary.span(start..end)),
                    )
                }
                (Some(pos), None) => {
                    group.element(Origin::path(path).line(pos.line).char_column(pos.col))
                }
                (None, _) => group.element(Origin::path(path)),
            };
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let note = self.left_out_note();
        if let Some(note) = &note {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        renderer.render(&[group])
    }

    /// The diagnostic as an HTML fragment (every text escaped): a `<section>`
    /// with the title, the location, the line with the caret under the
    /// column, and the help. The overlay's stylesheet styles the classes.
    pub fn render_html(&self) -> String {
        let sev = self.severity.as_str();
        let mut out = format!(
            "<section class=\"diagnostic diagnostic-{sev}\" data-code=\"{}\">\n<p class=\"diagnostic-title\"><strong>{sev}[{}]</strong>: {}</p>\n",
            escape_attr(self.code.as_str()),
            escape_text(self.code.as_str()),
            escape_text(&self.message)
        );
        if let Some(loc) = self.location() {
            out.push_str(&format!(
                "<p class=\"diagnostic-location\"><code>{}</code></p>\n",
                escape_text(&loc)
            ));
        }
        if let Some(place) = &self.place
            && let (Some(pos), Some(line)) = (place.pos, &place.line_text)
        {
            let (start, _) = caret(line, pos.col);
            let pad: String = line[..start]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let number = pos.line.to_string();
            out.push_str(&format!(
                "<pre class=\"diagnostic-snippet\">{number} | {}\n{} | {pad}<span class=\"diagnostic-caret\">^</span></pre>\n",
                escape_text(line),
                " ".repeat(number.len())
            ));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!(
                "<p class=\"diagnostic-help\">help: {}</p>\n",
                escape_text(help)
            ));
        }
        if let Some(note) = self.left_out_note() {
            out.push_str(&format!(
                "<p class=\"diagnostic-note\">note: {}</p>\n",
                escape_text(&note)
            ));
        }
        out.push_str("</section>\n");
        out
    }
}

/// The byte range of the character at 1-based column `col` of `line`.
fn caret(line: &str, col: usize) -> (usize, usize) {
    let start = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    (start, end)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::Code;
    use super::*;

    #[test]
    fn renders_path_line_col_code_and_caret() {
        let text = "title: x\ntheme: nope\n";
        let d = Diagnostic::at_offset(
            Code::Theme,
            Path::new("content/site.yaml"),
            text,
            16,
            "unknown theme `nope`",
        );
        let out = d.render(false);
        assert!(out.contains("error[theme]: unknown theme"), "{out}");
        assert!(out.contains("content/site.yaml:2:8"), "{out}");
        assert!(out.contains("theme: nope"), "{out}");
        assert!(out.contains('^'), "{out}");
        assert_eq!(d.to_string(), "content/site.yaml:2:8: unknown theme `nope`");
    }

    #[test]
    fn html_rendering_escapes_and_places_the_caret() {
        let text = "a: 1\ntitle: <script>alert(1)</script>\n";
        let d = Diagnostic::at_offset(
            Code::YamlSchema,
            Path::new("content/<x>.md"),
            text,
            12,
            "bad <b>",
        )
        .with_help("did you mean `<i>`?");
        let html = d.render_html();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("error[yaml-schema]"), "{html}");
        assert!(html.contains("content/&lt;x&gt;.md:2:8"), "{html}");
        assert!(html.contains("2 | title: &lt;script&gt;"), "{html}");
        assert!(
            html.contains("  |        <span class=\"diagnostic-caret\">^</span>"),
            "{html}"
        );
        assert!(html.contains("help: did you mean `&lt;i&gt;`?"), "{html}");
    }
}
