//! Diagnostics: every problem verdict reports, as a value with a place.
//!
//! In: a file's text and a byte offset (or a line and column found by a parser).
//! Out: a [`Diagnostic`] that renders like rustc (`error: message`, ` --> path:line:col`,
//! the source line and a caret). Lines and columns are 1-based; columns count
//! characters, not bytes, and a CRLF line ending never counts as part of a line.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

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

/// One problem found while building a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub place: Option<Place>,
    pub message: String,
    /// Extra explanation printed after the snippet (for example "did you mean").
    pub help: Option<String>,
}

/// Turns a byte offset into a 1-based line and character column.
/// Offsets past the end clamp to the end; offsets inside a UTF-8 sequence
/// round down to the character that contains them.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset]
        .trim_end_matches('\r')
        .chars()
        .count()
        + 1;
    LineCol { line, col }
}

/// The text of a 1-based line, without its line ending.
pub fn line_text(text: &str, line: usize) -> Option<&str> {
    text.split('\n')
        .nth(line.checked_sub(1)?)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

impl Diagnostic {
    /// A problem that belongs to no file (an I/O failure, a refused argument).
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic {
            place: None,
            message: message.into(),
            help: None,
        }
    }

    /// A problem with a whole file.
    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            place: Some(Place {
                path: path.to_path_buf(),
                pos: None,
                line_text: None,
            }),
            message: message.into(),
            help: None,
        }
    }

    /// A problem at a byte offset of a file whose text is `text`.
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let pos = line_col(text, offset);
        Self::at(path, text, pos, message)
    }

    /// A problem at a line and column of a file whose text is `text`.
    pub fn at(path: &Path, text: &str, pos: LineCol, message: impl Into<String>) -> Self {
        Diagnostic {
            place: Some(Place {
                path: path.to_path_buf(),
                pos: Some(pos),
                line_text: line_text(text, pos.line).map(str::to_owned),
            }),
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean `x`?" when a candidate is close to `word`.
    pub fn suggest<'a>(self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(word, candidates) {
            Some(m) => self.with_help(format!("did you mean `{m}`?")),
            None => self,
        }
    }

    /// `path:line:col` (or just `path`), the form editors and CI logs link.
    pub fn location(&self) -> Option<String> {
        let place = self.place.as_ref()?;
        let path = display_path(&place.path);
        Some(match place.pos {
            Some(p) => format!("{path}:{}:{}", p.line, p.col),
            None => path,
        })
    }

    /// Renders the diagnostic like rustc does; `color` adds ANSI styles.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let title = Level::ERROR.primary_title(self.message.as_str());
        let mut group = Group::with_title(title);
        if let Some(place) = &self.place {
            let path = display_path(&place.path);
            group = match (place.pos, &place.line_text) {
                (Some(pos), Some(line)) => {
                    let start = char_to_byte(line, pos.col - 1);
                    let end = line[start..]
                        .chars()
                        .next()
                        .map_or(start, |c| start + c.len_utf8());
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
        renderer.render(&[group])
    }
}

fn char_to_byte(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(i, _)| i)
}

/// Paths are shown as given, minus a leading `./`.
pub fn display_path(path: &Path) -> String {
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

/// A list of diagnostics gathered by a stage; the stage fails if any exist.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `Ok(value)` when nothing was reported, else every diagnostic in a
    /// stable order (by file, then position).
    pub fn finish<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.sort();
            Err(self)
        }
    }
    /// Fails with every diagnostic, in a stable order.
    pub fn fail<T>(mut self) -> Result<T, Diagnostics> {
        self.sort();
        Err(self)
    }
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.place
                    .as_ref()
                    .map(|p| (p.path.clone(), p.pos.unwrap_or(LineCol { line: 0, col: 0 })))
            };
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        self.0.dedup();
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// Closest candidate to `word` by edit distance, if close enough to be a
/// plausible typo ("did you mean").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// ` (did you mean `x`?)` for the closest candidate, or nothing: for the end
/// of a message.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|m| format!(" (did you mean `{m}`?)"))
        .unwrap_or_default()
}

/// Edit distance over characters, counting a swap of two neighbours as one
/// edit (optimal string alignment), since that is the commonest typo.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let t = "ab\ncd\n";
        assert_eq!(line_col(t, 0), LineCol { line: 1, col: 1 });
        assert_eq!(line_col(t, 1), LineCol { line: 1, col: 2 });
        assert_eq!(line_col(t, 3), LineCol { line: 2, col: 1 });
        assert_eq!(line_col(t, 4), LineCol { line: 2, col: 2 });
        assert_eq!(line_col(t, 100), LineCol { line: 3, col: 1 });
    }

    #[test]
    fn line_col_handles_crlf_and_multibyte() {
        let t = "ab\r\néx = 1\r\n";
        assert_eq!(line_col(t, 4), LineCol { line: 2, col: 1 });
        // 'x' comes after the two-byte 'é': byte 6, character column 2.
        assert_eq!(line_col(t, 6), LineCol { line: 2, col: 2 });
        // Inside 'é' rounds down to it.
        assert_eq!(line_col(t, 5), LineCol { line: 2, col: 1 });
        // The '\r' of a CRLF ending sits at the end of the line, never past it.
        assert_eq!(line_col(t, 2), LineCol { line: 1, col: 3 });
        assert_eq!(line_text(t, 2), Some("éx = 1"));
    }

    #[test]
    fn renders_path_line_col_and_caret() {
        let text = "title: x\ntheme: nope\n";
        let d = Diagnostic::at_offset(
            Path::new("content/site.yaml"),
            text,
            16,
            "unknown theme `nope`",
        );
        let out = d.render(false);
        assert!(out.contains("content/site.yaml:2:8"), "{out}");
        assert!(out.contains("theme: nope"), "{out}");
        assert!(out.contains('^'), "{out}");
        assert_eq!(d.to_string(), "content/site.yaml:2:8: unknown theme `nope`");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "theme"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "theme"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("titel", "title"), 1);
    }
}
