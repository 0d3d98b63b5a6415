//! YAML documents with places: parse YAML (whole files, front matter,
//! embeds) into typed values, and turn every failure into a [`Diagnostic`]
//! at the right file:line:col of the original file.
//!
//! Every document goes through the same steps in [`YamlDoc::parse`]: the
//! text checks of [`scan`] (nesting deeper than [`MAX_DEPTH`], a `#` that
//! cut a value), then the duplicate keys found by [`positions`], then
//! serde_yaml, whose errors are put in a writer's words (a tab where YAML
//! wants indentation, an unknown key).
//!
//! serde_yaml reports positions for syntax, type and unknown-key errors. For
//! problems it cannot place (a missing key) and for checks made after parsing
//! (an unknown theme, a duplicate id), [`YamlDoc::locate`] finds the value's
//! place with saphyr's position-aware event parser, keyed by the same dotted
//! path serde_yaml prints (`navigation[0].page`).

use std::path::Path;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::diag::{
    Code, Diagnostic, Diagnostics, LineCol, Place, did_you_mean, line_col, line_text,
};

mod positions;
mod scan;

use positions::Positions;
use scan::{CutByComment, Finding, MAX_DEPTH};

/// A YAML document inside a file: the whole file, or a slice of it (front
/// matter) starting at byte `start`.
#[derive(Debug)]
pub struct YamlDoc<'a> {
    pub path: &'a Path,
    /// The whole file, so diagnostics can show the right line.
    pub file_text: &'a str,
    /// The file line (1-based) on which the YAML's first line is.
    pub first_line: usize,
    pub yaml: &'a str,
    positions: OnceLock<Positions>,
}

/// Help for "mapping values are not allowed" at a line indented under the
/// one above.
const MAPPING_HELP_INDENT: &str = "a line indented further than the key above it reads as part of that key's value: indent it like its neighbours; or, if the value is text holding `: `, quote it: reason: \"Note: like this\"";
/// The same, at a second `: ` on a line that already has its key.
const MAPPING_HELP_SAME_LINE: &str = "this line already has a key, so a second `: ` cannot start another: put each `key: value` on a line of its own; or, if the value is text holding `: `, quote it: reason: \"Note: like this\"";

impl<'a> YamlDoc<'a> {
    pub(crate) fn whole(path: &'a Path, text: &'a str) -> Self {
        Self::slice(path, text, 0, text.len())
    }

    pub(crate) fn slice(path: &'a Path, file_text: &'a str, start: usize, end: usize) -> Self {
        YamlDoc {
            path,
            file_text,
            first_line: line_col(file_text, start).line,
            yaml: &file_text[start..end],
            positions: OnceLock::new(),
        }
    }

    /// YAML that is not a byte range of the file, such as the body of a
    /// fenced block inside a list (whose indentation Markdown removed).
    /// Columns are then relative to the block's own text.
    pub(crate) fn embedded(
        path: &'a Path,
        file_text: &'a str,
        yaml: &'a str,
        first_line: usize,
    ) -> Self {
        YamlDoc {
            path,
            file_text,
            first_line,
            yaml,
            positions: OnceLock::new(),
        }
    }

    /// Deserializes the document, after the checks of [`YamlDoc::check`].
    /// Empty documents deserialize like an empty mapping, so a missing
    /// required key is reported as such.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostics> {
        self.check()?;
        let blank = self
            .yaml
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let result = if blank {
            serde_yaml::from_str::<T>("{}")
        } else {
            serde_yaml::from_str::<T>(self.yaml)
        };
        result.map_err(|e| self.error_from_serde(&e).into())
    }

    /// The checks made before serde_yaml sees the text: nesting (first and
    /// alone: the parsers must not see such a document), values a comment
    /// cut, and every duplicate key.
    fn check(&self) -> Result<(), Diagnostics> {
        let found = scan::scan(self.yaml);
        let mut errors = Diagnostics::default();
        for f in &found {
            errors.push(self.finding(f));
        }
        if found.iter().any(|f| matches!(f, Finding::TooDeep { .. })) {
            return errors.fail();
        }
        for d in &self.positions().duplicates {
            let first = self.shift(d.first);
            errors.push(Diagnostic::at(
                Code::YamlSyntax,
                self.path,
                self.file_text,
                self.shift(d.at),
                format!(
                    "duplicate key `{}`: it was given first at line {}, column {}",
                    d.key, first.line, first.col
                ),
            ));
        }
        errors.finish(())
    }

    /// A finding of [`scan`] as a diagnostic in the file.
    fn finding(&self, f: &Finding) -> Diagnostic {
        let (at, message, help) = match f {
            Finding::TooDeep { at } => (
                *at,
                format!("YAML nested more than {MAX_DEPTH} levels deep"),
                Some(format!(
                    "a list or mapping opens here at level {}; verdict reads at most {MAX_DEPTH} levels",
                    MAX_DEPTH + 1
                )),
            ),
            Finding::Comment(cut) => (cut.at, cut_message(cut), Some(cut_help(cut))),
            Finding::FlowComment { at, bracket } => (
                *at,
                format!(
                    "`#` starts a YAML comment here, inside a `{}…{bracket}`, so the rest of the line is dropped, `{bracket}` included; quote the value",
                    if *bracket == ']' { '[' } else { '{' }
                ),
                Some(
                    "a value holding ` #` is written in quotes: `[\"Ask in #general\", b]`"
                        .to_string(),
                ),
            ),
        };
        let d = Diagnostic::at(
            Code::YamlSyntax,
            self.path,
            self.file_text,
            self.shift(at),
            message,
        );
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }

    /// Converts a serde_yaml error into a diagnostic at its place.
    fn error_from_serde(&self, err: &serde_yaml::Error) -> Diagnostic {
        // The parser stops at a tab where YAML wants spaces ("found
        // character that cannot start any token", "found a tab character
        // that violates indentation"): say what is wrong, at the tab.
        if let Some(loc) = err.location() {
            let at = LineCol {
                line: loc.line(),
                col: loc.column(),
            };
            if self.char_at(at) == Some('\t') {
                let pos = self.shift(at);
                return Diagnostic::at(
                    Code::YamlSyntax,
                    self.path,
                    self.file_text,
                    pos,
                    TAB_MESSAGE,
                );
            }
        }
        let raw = strip_marks(&err.to_string());
        let (path, message) = split_path(&raw);
        let mut help = None;
        let message = if let Some(fields) =
            backticked(message).filter(|_| message.starts_with("unknown field"))
        {
            let (unknown, allowed) = fields.split_first().expect("unknown field names the field");
            if let Some(m) = did_you_mean(unknown, allowed.iter().map(String::as_str)) {
                help = Some(format!("did you mean `{m}`?"));
            }
            format!(
                "unknown key `{unknown}`; allowed keys here: {}",
                allowed.join(", ")
            )
        } else {
            if message.contains("mapping values are not allowed") {
                help = Some(MAPPING_HELP_INDENT.to_string());
            }
            // Rust's names for numbers mean nothing to a writer.
            ["f64", "f32", "i64", "u64", "u32", "usize", "u8"]
                .iter()
                .fold(message.to_string(), |m, t| {
                    m.replace(&format!("expected {t}"), "expected a number")
                })
        };
        let full_message = match path {
            Some(p) => format!("{p}: {message}"),
            None => message.clone(),
        };
        let pos = match err.location() {
            Some(loc) if !(loc.line() == 1 && loc.column() == 1 && message_has_no_place(&raw)) => {
                Some(LineCol {
                    line: loc.line(),
                    col: loc.column(),
                })
            }
            _ => None,
        };
        let pos = pos
            .map(|p| self.shift(p))
            .or_else(|| path.and_then(|p| self.locate(p)))
            .unwrap_or_else(|| self.doc_start());
        // The parser's "mapping values are not allowed" has two causes: a
        // second `: ` on a line that already has its key, or a line indented
        // under the one above. The text before the place tells which.
        if help.as_deref() == Some(MAPPING_HELP_INDENT) {
            let before: String = self
                .file_text
                .lines()
                .nth(pos.line.saturating_sub(1))
                .unwrap_or("")
                .chars()
                .take(pos.col.saturating_sub(1))
                .collect();
            if before.contains(": ") {
                help = Some(MAPPING_HELP_SAME_LINE.to_string());
            }
        }
        let schema = [
            "unknown field",
            "missing field",
            "invalid type",
            "invalid value",
            "unknown variant",
            "invalid length",
            "duplicate field",
        ];
        let code =
            if schema.iter().any(|m| message.contains(m)) || message.starts_with("unknown key") {
                Code::YamlSchema
            } else {
                Code::YamlSyntax
            };
        let d = Diagnostic::at(code, self.path, self.file_text, pos, full_message);
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }

    /// A diagnostic at the value found under `path` (or the document start).
    pub(crate) fn error_at(
        &self,
        code: Code,
        path: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::placed(code, self.place(path), message)
    }

    /// The place of the value found under `path` (or the document start),
    /// for a check that reports it later (an output claim).
    pub(crate) fn place(&self, path: &str) -> Place {
        let pos = self
            .locate_nearest(path)
            .unwrap_or_else(|| self.doc_start());
        Place {
            path: self.path.to_path_buf(),
            pos: Some(pos),
            line_text: line_text(self.file_text, pos.line).map(str::to_owned),
        }
    }

    /// The position of `path`, or of its nearest ancestor that has one: a
    /// value reached through an alias (`weights: *w`) has no place of its
    /// own, and the alias is where the reader looks.
    fn locate_nearest(&self, path: &str) -> Option<LineCol> {
        let mut path = path;
        loop {
            if let Some(p) = self.locate(path) {
                return Some(p);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// A diagnostic at the key that holds the value at `path` (or the value,
    /// or the document start).
    pub(crate) fn error_at_key(
        &self,
        code: Code,
        path: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        match self.locate_key(path) {
            Some(pos) => Diagnostic::at(code, self.path, self.file_text, pos, message),
            None => self.error_at(code, path, message),
        }
    }

    fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| positions::collect(self.yaml))
    }

    /// Position (in the file) of the value at `path`: `a.b`, `list[2].c`.
    pub(crate) fn locate(&self, path: &str) -> Option<LineCol> {
        self.positions().values.get(path).map(|p| self.shift(*p))
    }

    /// Position (in the file) of the key that holds the value at `path`.
    pub(crate) fn locate_key(&self, path: &str) -> Option<LineCol> {
        self.positions().keys.get(path).map(|p| self.shift(*p))
    }

    /// The character at a line and column of the YAML.
    fn char_at(&self, at: LineCol) -> Option<char> {
        let line = self.yaml.lines().nth(at.line.checked_sub(1)?)?;
        line.chars().nth(at.col.checked_sub(1)?)
    }

    fn doc_start(&self) -> LineCol {
        LineCol {
            line: self.first_line,
            col: 1,
        }
    }

    /// Moves a position inside the YAML to a position inside the file. For
    /// embedded YAML whose lines lost their indentation (a fenced block in a
    /// list), the column moves right by what the file line has in front.
    fn shift(&self, p: LineCol) -> LineCol {
        let line = self.first_line + p.line - 1;
        let indent = match (
            crate::diag::line_text(self.file_text, line),
            self.yaml.lines().nth(p.line - 1),
        ) {
            (Some(file_line), Some(yaml_line))
                if file_line.ends_with(yaml_line.trim_end_matches('\r')) =>
            {
                file_line.chars().count() - yaml_line.trim_end_matches('\r').chars().count()
            }
            _ => 0,
        };
        LineCol {
            line,
            col: p.col + indent,
        }
    }
}

const TAB_MESSAGE: &str = "YAML does not allow tabs for indentation; indent with spaces";

/// What a comment did to the value before it.
fn cut_message(cut: &CutByComment) -> String {
    let what = match &cut.key {
        Some(k) => format!("`{k}`"),
        None => "this list item".to_string(),
    };
    if cut.kept.is_empty() {
        format!("`#` starts a YAML comment here, so {what} is empty; quote the value")
    } else {
        format!(
            "`#` starts a YAML comment here, so {what} is cut to `{}`; quote the value",
            cut.kept
        )
    }
}

/// The line written with the value quoted.
fn cut_help(cut: &CutByComment) -> String {
    let text = if cut.kept.is_empty() {
        cut.comment.clone()
    } else {
        format!("{} {}", cut.kept, cut.comment)
    };
    let quoted = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let line = match &cut.key {
        Some(k) => format!("{k}: {quoted}"),
        None => format!("- {quoted}"),
    };
    format!("write `{line}`; a comment after a value takes two spaces before its `#`")
}

/// serde errors that carry no real place even when a location is attached.
fn message_has_no_place(msg: &str) -> bool {
    msg.contains("missing field")
}

/// Removes serde_yaml's " at line N column M" marks: we render places
/// ourselves, shifted into the original file.
fn strip_marks(msg: &str) -> String {
    fn digits(s: &str) -> usize {
        s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len()
    }
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        let tail = &rest[i + " at line ".len()..];
        let n = digits(tail);
        match tail[n..].strip_prefix(" column ") {
            Some(col) if n > 0 && digits(col) > 0 => {
                out.push_str(&rest[..i]);
                rest = &col[digits(col)..];
            }
            _ => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits `navigation[0]: message` into the path and the message.
fn split_path(msg: &str) -> (Option<&str>, &str) {
    if let Some((p, m)) = msg.split_once(": ") {
        let is_path = !p.is_empty()
            && p.chars()
                .all(|c| c.is_alphanumeric() || "_-.[]".contains(c))
            && !p.contains(' ');
        if is_path {
            return (Some(p), m);
        }
    }
    (None, msg)
}

/// The words quoted in backticks, in order.
fn backticked(msg: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = msg
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    (!parts.is_empty()).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// The one problem of a parse that must fail.
    fn only<T: std::fmt::Debug>(r: Result<T, Diagnostics>) -> Diagnostic {
        let mut errors = r.unwrap_err();
        assert_eq!(errors.len(), 1, "{errors}");
        errors.0.remove(0)
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        title: String,
        #[serde(default)]
        page: Option<String>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[test]
    fn an_unquoted_colon_gets_a_hint_and_numbers_are_named_plainly() {
        let doc = YamlDoc::whole(Path::new("f.yaml"), "title: Note: this\n");
        let d = only(doc.parse::<Doc>());
        assert!(d.message.contains("mapping values"), "{}", d.message);
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.contains("quote it"), "{help}");
        assert!(help.contains("a line of its own"), "{help}");
        // Two keys written on one line.
        let doc = YamlDoc::whole(Path::new("f.yaml"), "title: Cold starts draft: true\n");
        let d = only(doc.parse::<Doc>());
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.contains("a line of its own"), "{help}");
        // The other cause of the same parser error: a line indented too far.
        let doc = YamlDoc::whole(Path::new("f.yaml"), "title: A\n  draft: true\n");
        let d = only(doc.parse::<Doc>());
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.contains("indented further"), "{help}");

        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Weight {
            weight: f64,
        }
        let doc = YamlDoc::whole(Path::new("f.yaml"), "weight: heavy\n");
        let d = only(doc.parse::<Weight>());
        assert!(d.message.ends_with("expected a number"), "{}", d.message);
    }

    #[test]
    fn a_tab_in_indentation_is_named_at_the_tab() {
        for (yaml, at) in [
            ("a:\n\tb: 1\n", "f.yaml:2:1"),
            ("a:\n  \tb: 1\n", "f.yaml:2:3"),
            ("a: x\n\ty\n", "f.yaml:2:1"),
            ("a: 1\n\t# note\n", "f.yaml:2:1"),
            ("a:\n- \tb\n", "f.yaml:2:3"),
            ("a: |\n  x\n\ty\n", "f.yaml:3:1"),
        ] {
            let doc = YamlDoc::whole(Path::new("f.yaml"), yaml);
            let d = only(doc.parse::<serde_json::Value>());
            assert_eq!(d.message, TAB_MESSAGE, "{yaml:?}");
            assert_eq!(d.location().unwrap(), at, "{yaml:?}");
        }
        // Tabs YAML allows: after `key:`, inside flow brackets and quotes.
        for yaml in ["a:\tb\n", "a: [1,\n\t2]\n", "a: \"x\n\ty\"\n"] {
            let doc = YamlDoc::whole(Path::new("f.yaml"), yaml);
            assert!(doc.parse::<serde_json::Value>().is_ok(), "{yaml:?}");
        }
        // In front matter, at the tab of the file.
        let text = "---\ntitle: x\nitems:\n\t- title: y\n---\n";
        let doc = YamlDoc::slice(Path::new("p.md"), text, 4, text.len() - 4);
        let d = only(doc.parse::<Doc>());
        assert_eq!(
            (d.message.as_str(), d.location().unwrap()),
            (TAB_MESSAGE, "p.md:4:1".into())
        );
    }

    /// Whether the scan's count of nesting can be trusted to keep deep
    /// documents from the parsers (saphyr's recursion overflows the stack
    /// at a depth of 100,000): it must never count less than saphyr reads,
    /// on the YAML of the bundled guide, of every fixture, and on shapes
    /// chosen to mislead a line scanner.
    #[test]
    fn the_scan_never_counts_less_nesting_than_the_parser() {
        let mut samples: Vec<String> = [
            "a:\n- b:\n  - c:\n    - d: 1\n",
            "--- [a, [b, [c]]]\n",
            "--- - - x\n",
            "? - a\n  - b\n: - c\n",
            "a: &x\n  b: [1, {c: [2]}]\nd: *x\n",
            "- - - - x\n- - y\n",
            "a:\n  b:\n    c:\n      d: [[[1]]]\n",
            "key: \"multi\n  line\"\nnext:\n  - [x]\n",
            "- |\n  text\n- {a: {b: {c: 1}}}\n",
            "a: {b: [c, {d: e}],\n  f: [g]}\n",
            "\t- - - x\n",
            "a:\n  - b\n  -\n    - c\n",
            "[a, [b]]: c\n",
            "a: 'it''s'\nb: [\"x\", 'y', {c: \"]\"}]\n",
            "a: >-\n  folded\n  - not a list\nb:\n - [1]\n",
            "- !!map\n  a: [b]\n- &y {c: [d]}\n",
            "a: [b, # a comment ]\n  [c]]\n",
            "a:\n  - b: [\n      [c]]\n",
            "- &a x\n- *a : b\n",
            "- {a: \"]\"}: [x]\n",
        ]
        .map(String::from)
        .to_vec();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["content", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let path = entry.unwrap().into_path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                match path.extension().and_then(|e| e.to_str()) {
                    Some("yaml" | "yml") => samples.push(text),
                    Some("md") => {
                        if let Some(front) = text.strip_prefix("---\n")
                            && let Some((yaml, _)) = front.split_once("\n---")
                        {
                            samples.push(yaml.to_string());
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(samples.len() > 60, "{} samples", samples.len());
        for yaml in &samples {
            let parser = positions::deepest(yaml);
            assert!(
                scan::deepest(yaml) >= parser,
                "the scan counts {} levels, saphyr {parser}, in\n{yaml}",
                scan::deepest(yaml)
            );
        }
    }

    #[test]
    fn locates_nested_values() {
        let text = "title: x\nitems:\n  - title: a\n    page: b.md\n  - title: c\n";
        let doc = YamlDoc::whole(Path::new("f.yaml"), text);
        assert_eq!(doc.locate("title"), Some(LineCol { line: 1, col: 8 }));
        assert_eq!(
            doc.locate("items[0].page"),
            Some(LineCol { line: 4, col: 11 })
        );
        assert_eq!(
            doc.locate("items[1].title"),
            Some(LineCol { line: 5, col: 12 })
        );
        assert_eq!(
            doc.locate_key("items[1].title"),
            Some(LineCol { line: 5, col: 5 })
        );
    }

    #[test]
    fn unknown_key_has_place_and_suggestion() {
        let text = "---\ntitle: x\ntitel: y\n---\n";
        let doc = YamlDoc::slice(Path::new("p.md"), text, 4, 22);
        let err = only(doc.parse::<Doc>());
        assert_eq!(err.location().unwrap(), "p.md:3:1");
        assert!(
            err.message.contains("unknown key `titel`"),
            "{}",
            err.message
        );
        assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn missing_key_points_at_its_mapping() {
        let text = "title: x\nitems:\n  - page: b.md\n";
        let doc = YamlDoc::whole(Path::new("f.yaml"), text);
        let err = only(doc.parse::<Doc>());
        assert!(
            err.message.contains("missing field `title`"),
            "{}",
            err.message
        );
        assert_eq!(err.location().unwrap(), "f.yaml:3:5");
    }

    #[test]
    fn syntax_error_in_front_matter_is_shifted() {
        let text = "---\r\ntitle: [x\r\n---\r\n";
        let doc = YamlDoc::slice(Path::new("p.md"), text, 5, 16);
        let err = only(doc.parse::<Doc>());
        let loc = err.location().unwrap();
        assert_eq!(loc, "p.md:2:8");
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn empty_document_reports_missing_key() {
        let doc = YamlDoc::whole(Path::new("f.yaml"), "# nothing\n");
        let err = only(doc.parse::<Doc>());
        assert!(err.message.contains("missing field `title`"));
        assert_eq!(err.location().unwrap(), "f.yaml:1:1");
    }
}
