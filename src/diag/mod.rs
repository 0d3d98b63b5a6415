//! Diagnostics: every problem verdict reports, as a value with a place.
//!
//! In: a file's text and a byte offset (or a line and column found by a parser).
//! Out: a [`Diagnostic`] with a severity, a stable [`Code`], a message, an
//! optional help line and its place, rendered like rustc for the terminal
//! (`error[broken-link]: message`, ` --> path:line:col`, the line and a
//! caret) or as HTML for the `serve` overlay. Lines and columns are 1-based;
//! columns count characters, not bytes, and a CRLF line ending never counts
//! as part of a line.

use std::fmt;
use std::path::{Path, PathBuf};

mod code;
mod position;
mod render;
mod suggest;

pub use code::Code;
pub use position::{LineIndex, line_col, line_text};
pub use suggest::{did_you_mean, edit_distance, suggestion};

/// A 1-based line and column (in characters) inside a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Where a problem is: a file, and optionally a position inside it with the
/// text of that line, kept so the diagnostic can be shown without re-reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: PathBuf,
    pub pos: Option<LineCol>,
    pub line_text: Option<String>,
}

impl Place {
    /// `path:line:col` (or just `path`), the form editors and CI logs link.
    pub fn location(&self) -> String {
        let path = display_path(&self.path);
        match self.pos {
            Some(p) => format!("{path}:{}:{}", p.line, p.col),
            None => path,
        }
    }
}

/// How bad a problem is; renderers show it (`error[code]`, `warning[code]`).
/// [`Diagnostics::finish`] fails a stage on any diagnostic, so a warning can
/// never be dropped unseen: a stage that warns returns its warnings beside
/// its value. The one that does so far is the publish step
/// (`output::Staging::commit`: the previous output not fully removed),
/// whose warnings `cmd::build::Built` carries to `main.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found while building a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Boxed: most results that can fail carry a `Diagnostic`, and a small
    /// error keeps every `Result` small.
    pub place: Option<Box<Place>>,
    pub message: String,
    /// Extra explanation printed after the snippet (for example "did you mean").
    pub help: Option<String>,
}

impl Diagnostic {
    fn new(code: Code, place: Option<Place>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            place: place.map(Box::new),
            message: message.into(),
            help: None,
        }
    }

    /// A problem that belongs to no file (an I/O failure, a refused argument).
    pub(crate) fn global(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, None, message)
    }

    /// A problem at a place found before (a file, or a line in it).
    pub(crate) fn placed(code: Code, place: Place, message: impl Into<String>) -> Self {
        Self::new(code, Some(place), message)
    }

    /// A problem with a whole file.
    pub(crate) fn in_file(code: Code, path: &Path, message: impl Into<String>) -> Self {
        let place = Place {
            path: path.to_path_buf(),
            pos: None,
            line_text: None,
        };
        Self::new(code, Some(place), message)
    }

    /// A problem at a byte offset of a file whose text is `text`.
    pub(crate) fn at_offset(
        code: Code,
        path: &Path,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::at(code, path, text, line_col(text, offset), message)
    }

    /// A problem at a byte offset of a file, placed through the file's
    /// [`LineIndex`] (for many problems in one file).
    pub fn at_indexed(
        code: Code,
        path: &Path,
        index: &LineIndex,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let pos = index.line_col(offset);
        let place = Place {
            path: path.to_path_buf(),
            pos: Some(pos),
            line_text: index.line_text(pos.line).map(str::to_owned),
        };
        Self::new(code, Some(place), message)
    }

    /// A problem at a line and column of a file whose text is `text`.
    pub(crate) fn at(
        code: Code,
        path: &Path,
        text: &str,
        pos: LineCol,
        message: impl Into<String>,
    ) -> Self {
        let place = Place {
            path: path.to_path_buf(),
            pos: Some(pos),
            line_text: line_text(text, pos.line).map(str::to_owned),
        };
        Self::new(code, Some(place), message)
    }

    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean `x`?" when a candidate is close to `word`.
    pub(crate) fn suggest<'a>(
        self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match did_you_mean(word, candidates) {
            Some(m) => self.with_help(format!("did you mean `{m}`?")),
            None => self,
        }
    }

    /// `path:line:col` (or just `path`), the form editors and CI logs link.
    pub(crate) fn location(&self) -> Option<String> {
        self.place.as_ref().map(|p| p.location())
    }
}

/// Paths are shown as given, minus a leading `./`.
pub(crate) fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Diagnostic {}

/// A list of diagnostics gathered by a stage; the stage fails if any exist.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
    /// `Ok(value)` when nothing was reported, else every diagnostic in a
    /// stable order (by file, then position).
    pub(crate) fn finish<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.sort();
            Err(self)
        }
    }
    /// Fails with every diagnostic, in a stable order.
    pub(crate) fn fail<T>(mut self) -> Result<T, Diagnostics> {
        self.sort();
        Err(self)
    }
    pub(crate) fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            fn key(d: &Diagnostic) -> Option<(&PathBuf, LineCol)> {
                d.place
                    .as_ref()
                    .map(|p| (&p.path, p.pos.unwrap_or(LineCol { line: 0, col: 0 })))
            }
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        self.0.dedup();
    }

    /// Collects the results of work done in parallel, in order: the values
    /// when all succeeded, else every problem of every failed item.
    pub(crate) fn collect<T>(
        results: impl IntoIterator<Item = Result<T, Diagnostics>>,
    ) -> Result<Vec<T>, Diagnostics> {
        let mut errors = Diagnostics::default();
        let mut values = Vec::new();
        for r in results {
            match r {
                Ok(v) => values.push(v),
                Err(d) => errors.extend(d.0),
            }
        }
        errors.finish(values)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
