//! Diagnostics: every problem verdict reports, as a value with a place.
//!
//! In: a file's text and a byte offset (or a line and column found by a parser).
//! Out: a [`Diagnostic`] with a severity, a stable [`Code`], a message, an
//! optional help line and its place, rendered like rustc for the terminal
//! (`error[broken-link]: message`, ` --> path:line:col`, the line and a
//! caret) or as HTML for the `serve` overlay. Lines and columns are 1-based;
//! columns count characters, not bytes, and a CRLF line ending never counts
//! as part of a line.
//!
//! Root causes first: a problem in something other checks rely on (a
//! guide's technology ids) [`Diagnostic::spoils`] that [`Subject`]; a
//! problem found by relying on one [`Diagnostic::follows`] it. When a stage
//! hands its problems on ([`Diagnostics::finish`], [`Diagnostics::fail`]),
//! those that follow a spoiled subject are left out (the cause counts them
//! in a note) and the causes come first.

use std::collections::HashMap;
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

/// Something many checks rely on, named for the reader: "the technology ids
/// of guide `nodepy`".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subject(String);

impl Subject {
    pub(crate) fn new(name: impl Into<String>) -> Self {
        Subject(name.into())
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
    /// This problem is in something other checks rely on: what they found
    /// by relying on it cannot be trusted until it is fixed.
    pub spoils: Option<Subject>,
    /// This problem was found by relying on a subject; it is left out when
    /// a problem spoils that subject.
    pub follows: Option<Subject>,
    /// How many problems that follow from this one were left out.
    pub left_out: usize,
}

impl Diagnostic {
    fn new(code: Code, place: Option<Place>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            place: place.map(Box::new),
            message: message.into(),
            help: None,
            spoils: None,
            follows: None,
            left_out: 0,
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

    /// Marks a problem in `subject`, which other checks rely on.
    pub(crate) fn spoils(mut self, subject: Subject) -> Self {
        self.spoils = Some(subject);
        self
    }

    /// Marks a problem found by relying on `subject`.
    pub(crate) fn follows(mut self, subject: Subject) -> Self {
        self.follows = Some(subject);
        self
    }

    /// The note that says what was left out because of this problem.
    pub(crate) fn left_out_note(&self) -> Option<String> {
        let subject = self.spoils.as_ref()?;
        (self.left_out > 0).then(|| {
            let (n, s, are) = match self.left_out {
                1 => (1, "", "is"),
                n => (n, "s", "are"),
            };
            format!(
                "{n} problem{s} found by checking against {subject} {are} left out until this is fixed"
            )
        })
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

    /// Root causes first, what follows from them left out (counted on the
    /// cause), then a stable order: by file, then position.
    pub(crate) fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            fn key(d: &Diagnostic) -> (bool, Option<(&PathBuf, LineCol)>) {
                let place = d
                    .place
                    .as_ref()
                    .map(|p| (&p.path, p.pos.unwrap_or(LineCol { line: 0, col: 0 })));
                (d.spoils.is_none(), place)
            }
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        self.0.dedup();
        self.leave_out_what_follows();
    }

    /// Drops every problem that follows a subject some problem spoils, and
    /// counts it on its root cause: the problem that spoils the subject, or
    /// when that one follows another spoiled subject in turn, its own root
    /// cause (in a loop of such problems, the first one is kept as the root).
    fn leave_out_what_follows(&mut self) {
        let cause: HashMap<&Subject, usize> = self
            .0
            .iter()
            .enumerate()
            .rev()
            .filter_map(|(i, d)| d.spoils.as_ref().map(|s| (s, i)))
            .collect();
        if cause.is_empty() {
            return;
        }
        let next = |i: usize| {
            self.0[i]
                .follows
                .as_ref()
                .and_then(|s| cause.get(s))
                .copied()
        };
        let roots: Vec<usize> = (0..self.0.len())
            .map(|i| {
                let mut seen = vec![i];
                let mut at = i;
                while let Some(n) = next(at) {
                    if seen.contains(&n) {
                        let start = seen.iter().position(|&s| s == n).unwrap_or(0);
                        return seen[start..].iter().copied().min().unwrap_or(n);
                    }
                    seen.push(n);
                    at = n;
                }
                at
            })
            .collect();
        let mut counts = vec![0; self.0.len()];
        for (i, &root) in roots.iter().enumerate() {
            if root != i {
                counts[root] += 1;
            }
        }
        let all = std::mem::take(&mut self.0);
        self.0 = all
            .into_iter()
            .zip(counts)
            .enumerate()
            .filter(|(i, _)| roots[*i] == *i)
            .map(|(_, (d, count))| Diagnostic {
                left_out: d.left_out + count,
                ..d
            })
            .collect();
    }

    /// How many problems were left out because they follow from others.
    pub fn left_out(&self) -> usize {
        self.0.iter().map(|d| d.left_out).sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, line: usize, message: &str) -> Diagnostic {
        let text = "x\n".repeat(line);
        Diagnostic::at(
            Code::Guide,
            Path::new(file),
            &text,
            LineCol { line, col: 1 },
            message,
        )
    }

    fn messages(d: &Diagnostics) -> Vec<(&str, usize)> {
        d.iter().map(|d| (d.message.as_str(), d.left_out)).collect()
    }

    #[test]
    fn causes_come_first_and_what_follows_them_is_counted_on_them() {
        let ids = Subject::new("the ids");
        let other = Subject::new("other ids");
        let mut d = Diagnostics(vec![
            at("a.yaml", 1, "follows a spoiled subject").follows(ids.clone()),
            at("a.yaml", 2, "unrelated"),
            at("b.yaml", 1, "follows an unspoiled subject").follows(other),
            at("z.yaml", 3, "the cause").spoils(ids.clone()),
            at("z.yaml", 4, "a second cause").spoils(ids.clone()),
            at("c.yaml", 1, "follows it too").follows(ids),
        ]);
        d.sort();
        assert_eq!(
            messages(&d),
            [
                ("the cause", 2),
                ("a second cause", 0),
                ("unrelated", 0),
                ("follows an unspoiled subject", 0),
            ]
        );
        assert_eq!(d.left_out(), 2);
        // Sorting again (a later stage merging lists) keeps the count.
        let once = d.clone();
        d.sort();
        assert_eq!(d, once);
        assert!(
            d.0[0]
                .render(false)
                .contains("= note: 2 problems found by checking against the ids are left out until this is fixed"),
            "{}",
            d.0[0].render(false)
        );
        assert!(d.0[0].render_html().contains("note: 2 problems found"));
    }

    #[test]
    fn a_cause_that_follows_another_is_counted_on_the_root() {
        let (a, b) = (Subject::new("a"), Subject::new("b"));
        let mut d = Diagnostics(vec![
            at("x", 1, "root").spoils(a.clone()),
            at("x", 2, "middle").follows(a.clone()).spoils(b.clone()),
            at("x", 3, "leaf").follows(b.clone()),
        ]);
        d.sort();
        assert_eq!(messages(&d), [("root", 2)]);
        // A loop of causes keeps one of them rather than hiding all.
        let mut d = Diagnostics(vec![
            at("x", 1, "one").follows(b.clone()).spoils(a.clone()),
            at("x", 2, "two").follows(a).spoils(b),
        ]);
        d.sort();
        assert_eq!(messages(&d), [("one", 1)]);
    }
}
