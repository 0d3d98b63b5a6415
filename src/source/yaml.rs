//! YAML documents with places: parse YAML (whole files or front matter) into
//! typed values, and turn every failure into a [`Diagnostic`] at the right
//! file:line:col of the original file.
//!
//! serde_yaml reports positions for syntax, type and unknown-key errors. For
//! problems it cannot place (a missing key) and for checks made after parsing
//! (an unknown theme, a duplicate id), [`YamlDoc::locate`] finds the value's
//! place with saphyr's position-aware event parser, keyed by the same dotted
//! path serde_yaml prints (`navigation[0].page`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, SpannedEventReceiver};
use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic, LineCol, Place, did_you_mean, line_col, line_text};

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

/// Where each value (and each mapping key) of a document begins, by path.
#[derive(Debug, Default)]
struct Positions {
    values: HashMap<String, LineCol>,
    keys: HashMap<String, LineCol>,
}

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

    /// Deserializes the document. Empty documents deserialize like an empty
    /// mapping, so a missing required key is reported as such.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let blank = self
            .yaml
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let result = if blank {
            serde_yaml::from_str::<T>("{}")
        } else {
            serde_yaml::from_str::<T>(self.yaml)
        };
        result.map_err(|e| self.error_from_serde(&e))
    }

    /// Converts a serde_yaml error into a diagnostic at its place.
    fn error_from_serde(&self, err: &serde_yaml::Error) -> Diagnostic {
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
                help = Some(
                    "text holding `: ` must be quoted: reason: \"Note: like this\"".to_string(),
                );
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

    /// Position (in the file) of the value at `path`: `a.b`, `list[2].c`.
    pub(crate) fn locate(&self, path: &str) -> Option<LineCol> {
        let positions = self.positions.get_or_init(|| collect_positions(self.yaml));
        positions.values.get(path).map(|p| self.shift(*p))
    }

    /// Position (in the file) of the key that holds the value at `path`.
    pub(crate) fn locate_key(&self, path: &str) -> Option<LineCol> {
        let positions = self.positions.get_or_init(|| collect_positions(self.yaml));
        positions.keys.get(path).map(|p| self.shift(*p))
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

enum Frame {
    Map {
        path: String,
        next_key: Option<String>,
        expecting_key: bool,
    },
    Seq {
        path: String,
        index: usize,
    },
}

struct Collector {
    stack: Vec<Frame>,
    out: Positions,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Collector {
    /// The path of the value that starts now, advancing the parent frame.
    fn next_value_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Map {
                path,
                next_key,
                expecting_key,
            }) => {
                if *expecting_key {
                    None
                } else {
                    *expecting_key = true;
                    Some(join(path, next_key.as_deref().unwrap_or("")))
                }
            }
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Collector {
    fn on_event(&mut self, ev: Event<'input>, span: saphyr_parser::Span) {
        let pos = LineCol {
            line: span.start.line(),
            col: span.start.col() + 1,
        };
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map {
                    path,
                    next_key,
                    expecting_key,
                }) = self.stack.last_mut()
                    && *expecting_key
                {
                    *expecting_key = false;
                    let key_path = join(path, &value);
                    self.out.keys.insert(key_path, pos);
                    *next_key = Some(value.into_owned());
                    return;
                }
                if let Some(p) = self.next_value_path() {
                    self.out.values.entry(p).or_insert(pos);
                }
            }
            Event::Alias(_) => {
                if let Some(p) = self.next_value_path() {
                    self.out.values.entry(p).or_insert(pos);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let p = self.next_value_path().unwrap_or_default();
                self.out.values.entry(p.clone()).or_insert(pos);
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map {
                        path: p,
                        next_key: None,
                        expecting_key: true,
                    }
                } else {
                    Frame::Seq { path: p, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

fn collect_positions(yaml: &str) -> Positions {
    let mut c = Collector {
        stack: Vec::new(),
        out: Positions::default(),
    };
    // A syntax error stops collection; what was seen before it stays usable.
    let _ = Parser::new_from_str(yaml).load(&mut c, false);
    c.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

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
        let d = doc.parse::<Doc>().unwrap_err();
        assert!(d.message.contains("mapping values"), "{}", d.message);
        assert!(d.help.as_deref().unwrap_or("").contains("must be quoted"));

        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Weight {
            weight: f64,
        }
        let doc = YamlDoc::whole(Path::new("f.yaml"), "weight: heavy\n");
        let d = doc.parse::<Weight>().unwrap_err();
        assert!(d.message.ends_with("expected a number"), "{}", d.message);
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
        let err = doc.parse::<Doc>().unwrap_err();
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
        let err = doc.parse::<Doc>().unwrap_err();
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
        let err = doc.parse::<Doc>().unwrap_err();
        let loc = err.location().unwrap();
        assert_eq!(loc, "p.md:2:8");
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn empty_document_reports_missing_key() {
        let doc = YamlDoc::whole(Path::new("f.yaml"), "# nothing\n");
        let err = doc.parse::<Doc>().unwrap_err();
        assert!(err.message.contains("missing field `title`"));
        assert_eq!(err.location().unwrap(), "f.yaml:1:1");
    }
}
