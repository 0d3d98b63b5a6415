//! Checks made on YAML text before it is parsed: nesting deeper than
//! [`MAX_DEPTH`], and a `#` that starts a comment where the writer most
//! likely meant text.
//!
//! In: the YAML text. Out: what was found, at 1-based lines and character
//! columns of that text (the caller moves them into the file).
//!
//! Why before parsing: the YAML parser takes time quadratic in the nesting
//! depth (100,000 `[` took a minute before its own limit stopped it), and a
//! comment leaves no trace in the parsed value, so only the text shows that
//! one cut a value short.
//!
//! This is a line scanner, not a parser: it follows block indentation, flow
//! brackets, quoted scalars, block scalars and comments closely enough for
//! these checks, and leaves everything else (tabs included) to the parser.

use crate::diag::LineCol;

/// The deepest nesting of lists and mappings a YAML document may have (the
/// README says so). Real content nests a few levels; the limit only stops
/// input that would make the parser crawl.
pub const MAX_DEPTH: usize = 64;

/// Keys whose values are text for readers: a value of theirs cut by a
/// comment is flagged even when the comment starts `# `. The value's own key
/// counts, and so does the key of the mapping that holds it (`cells`,
/// `summary`: their keys are technology ids).
pub(crate) const PROSE_KEYS: &[&str] = &[
    "category",
    "caveats",
    "cells",
    "description",
    "finding",
    "help",
    "intro",
    "label",
    "method",
    "name",
    "need",
    "not_shown",
    "note",
    "publisher",
    "question",
    "reason",
    "reasoning",
    "summary",
    "text",
    "title",
    "why",
];

/// Something found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A list or mapping opens at `at`, one level deeper than [`MAX_DEPTH`].
    /// Scanning stops there.
    TooDeep { at: LineCol },
    /// A comment that empties or cuts the value before it.
    Comment(CutByComment),
    /// A comment inside an open `[…]` or `{…}` that swallows the bracket
    /// closing it (`[Ask #x, b]`): the writer meant the `#` as text.
    FlowComment {
        /// The `#`.
        at: LineCol,
        /// The bracket it swallowed.
        bracket: char,
    },
}

/// A value emptied or cut short by a comment the writer meant as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutByComment {
    /// The `#`.
    pub at: LineCol,
    /// The key whose value it is; none for a list item.
    pub key: Option<String>,
    /// What is left of the value (empty when nothing is).
    pub kept: String,
    /// From the `#` to the end of the line.
    pub comment: String,
}

/// Scans `yaml` and returns what it found, in order. After a
/// [`Finding::TooDeep`] nothing more is scanned.
pub fn scan(yaml: &str) -> Vec<Finding> {
    run(yaml).found
}

/// The deepest nesting the scan counts in `yaml` (up to one past the limit):
/// for checking that it never counts less than a parser does.
#[cfg(test)]
pub fn deepest(yaml: &str) -> usize {
    run(yaml).deepest
}

fn run(yaml: &str) -> Scanner {
    let mut s = Scanner::default();
    for (i, line) in yaml.split('\n').enumerate() {
        let chars: Vec<char> = line.strip_suffix('\r').unwrap_or(line).chars().collect();
        if s.line(i + 1, &chars).is_err() {
            return s;
        }
    }
    s.settle_pending(None);
    s
}

/// Scanning stopped: the document nests too deeply.
struct TooDeep;

type Step = Result<(), TooDeep>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Seq,
}

/// A block list or mapping that is open, with the column its entries start at.
#[derive(Debug)]
struct Level {
    indent: usize,
    kind: Kind,
    /// For a mapping, the key of its entry being read.
    key: Option<String>,
}

#[derive(Debug, Default, Clone, Copy)]
enum Mode {
    #[default]
    Block,
    /// Inside a quoted scalar that goes on to the next line.
    Quoted { double: bool },
    /// Lines indented more than `than` (0-based column; none: every line)
    /// belong to a scalar: a block scalar (`|`, `>`) or a plain one that
    /// goes on over several lines.
    Scalar { than: Option<usize> },
}

/// `key: #…` with nothing else: the value is empty unless the next lines
/// nest under the key.
#[derive(Debug)]
struct Pending {
    /// The 0-based column of the key (or of the `-` of a list item).
    owner: usize,
    is_key: bool,
    cut: CutByComment,
}

#[derive(Default)]
struct Scanner {
    levels: Vec<Level>,
    /// Open flow brackets (`[`, `{`).
    flow: usize,
    mode: Mode,
    /// In flow context: whether a quote here opens a quoted scalar (a quote
    /// inside a plain scalar, `[it's]`, does not).
    flow_scalar_start: bool,
    pending: Option<Pending>,
    found: Vec<Finding>,
    /// The deepest nesting seen.
    deepest: usize,
}

impl Scanner {
    fn depth(&self) -> usize {
        self.levels.len() + self.flow
    }

    fn too_deep(&mut self, line: usize, col: usize) -> Step {
        self.deepest = self.deepest.max(self.depth());
        if self.depth() > MAX_DEPTH {
            self.found.push(Finding::TooDeep {
                at: LineCol { line, col: col + 1 },
            });
            return Err(TooDeep);
        }
        Ok(())
    }

    fn line(&mut self, n: usize, chars: &[char]) -> Step {
        match self.mode {
            Mode::Quoted { double } => {
                let Some(end) = close_quote(chars, 0, double) else {
                    return Ok(());
                };
                self.mode = Mode::Block;
                // What follows a quoted scalar on a block line is a comment
                // or nothing the checks need.
                return if self.flow > 0 {
                    self.flow_scalar_start = false;
                    self.flow_chars(n, chars, end)
                } else {
                    Ok(())
                };
            }
            Mode::Scalar { than } => {
                let indent = spaces(chars, 0);
                let blank = chars[indent..].iter().all(|c| c.is_whitespace());
                if blank || than.is_none_or(|t| indent > t) {
                    return Ok(());
                }
                self.mode = Mode::Block;
            }
            Mode::Block => {}
        }
        if self.flow > 0 {
            return self.flow_chars(n, chars, 0);
        }
        self.block_line(n, chars)
    }

    fn block_line(&mut self, n: usize, chars: &[char]) -> Step {
        // A tab in the indentation is the parser's error to report; the
        // line is still read as if it were a space, so that nothing the
        // parser might nest goes uncounted.
        let indent = blanks(chars, 0);
        if chars.get(indent).is_none_or(|c| *c == '#') {
            return Ok(());
        }
        if indent == 0 && is_document_marker(chars) {
            self.settle_pending(None);
            self.levels.clear();
            let rest = blanks(chars, 3);
            return match chars.get(rest) {
                None | Some('#') => Ok(()),
                Some(_) => self.entry(n, chars, rest),
            };
        }
        if indent == 0 && chars[0] == '%' {
            return Ok(());
        }
        self.settle_pending(Some((indent, indicator(chars, indent, '-'))));
        while self.levels.last().is_some_and(|l| l.indent > indent) {
            self.levels.pop();
        }
        self.entry(n, chars, indent)
    }

    /// Reads the entries that start at `col`: `- ` and `? ` indicators (a
    /// list in a list on one line nests), then a key or a value.
    fn entry(&mut self, n: usize, chars: &[char], mut col: usize) -> Step {
        let mut owner = None;
        loop {
            let c = chars[col];
            if (c == '-' || c == '?') && indicator(chars, col, c) {
                self.open(n, col, if c == '-' { Kind::Seq } else { Kind::Map })?;
                owner = Some(col);
                let after = blanks(chars, col + 1);
                match chars.get(after) {
                    None => return Ok(()),
                    Some('#') => {
                        if c == '-' {
                            self.empty_value(chars, n, col, col + 1, after, None);
                        }
                        return Ok(());
                    }
                    Some(_) => col = after,
                }
                continue;
            }
            if c == '&' || c == '!' {
                col = blanks(chars, token_end(chars, col));
                if chars.get(col).is_none_or(|c| *c == '#') {
                    return Ok(());
                }
                continue;
            }
            // A flow collection as a key (`[a, b]: c`) makes a mapping.
            if matches!(c, '[' | '{') && is_flow_key(chars, col) {
                self.open(n, col, Kind::Map)?;
                return self.value(n, chars, col, Some(col), None);
            }
            if let Some((key, colon)) = implicit_key(chars, col) {
                self.open(n, col, Kind::Map)?;
                if let Some(top) = self.levels.last_mut() {
                    top.key = Some(key.clone());
                }
                let after = blanks(chars, colon + 1);
                return match chars.get(after) {
                    None => Ok(()),
                    Some('#') => {
                        self.empty_value(chars, n, col, colon + 1, after, Some(key));
                        Ok(())
                    }
                    Some(_) => self.value(n, chars, after, Some(col), Some(key)),
                };
            }
            return self.value(n, chars, col, owner, None);
        }
    }

    /// Opens a block collection at `col`, or goes on with the one open there.
    fn open(&mut self, n: usize, col: usize, kind: Kind) -> Step {
        if let Some(top) = self.levels.last()
            && top.indent == col
        {
            if top.kind == kind {
                return Ok(());
            }
            // A key at the column of a list that sat under the previous key
            // (`a:` then `- x` then `b:`): the list is over.
            if top.kind == Kind::Seq {
                self.levels.pop();
                return self.open(n, col, kind);
            }
            // Else a list under a key at the key's own column: one deeper.
        }
        self.levels.push(Level {
            indent: col,
            kind,
            key: None,
        });
        self.too_deep(n, col)
    }

    /// A value that starts at `col` on a block line. `owner` is the column
    /// of its key or `-`: lines indented more than that continue it.
    fn value(
        &mut self,
        n: usize,
        chars: &[char],
        mut col: usize,
        owner: Option<usize>,
        key: Option<String>,
    ) -> Step {
        while matches!(chars[col], '&' | '!') {
            col = blanks(chars, token_end(chars, col));
            if chars.get(col).is_none_or(|c| *c == '#') {
                return Ok(());
            }
        }
        match chars[col] {
            q @ ('"' | '\'') => {
                if close_quote(chars, col + 1, q == '"').is_none() {
                    self.mode = Mode::Quoted { double: q == '"' };
                }
                Ok(())
            }
            '[' | '{' => self.flow_chars(n, chars, col),
            '|' | '>' => {
                self.mode = Mode::Scalar { than: owner };
                Ok(())
            }
            '*' => Ok(()),
            _ => {
                if let Some(hash) = comment_start(chars, col) {
                    self.cut_value(chars, n, col, hash, key);
                }
                self.mode = Mode::Scalar { than: owner };
                Ok(())
            }
        }
    }

    /// Flow context (inside `[…]` or `{…}`) from `from` to the end of the
    /// line, or to the bracket that closes the outermost one.
    fn flow_chars(&mut self, n: usize, chars: &[char], from: usize) -> Step {
        let mut i = from;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '[' | '{' => {
                    self.flow += 1;
                    self.too_deep(n, i)?;
                    self.flow_scalar_start = true;
                }
                ']' | '}' => {
                    self.flow = self.flow.saturating_sub(1);
                    self.flow_scalar_start = false;
                    if self.flow == 0 {
                        return Ok(());
                    }
                }
                ',' | ':' | '?' => self.flow_scalar_start = true,
                '"' | '\'' if self.flow_scalar_start => {
                    let Some(end) = close_quote(chars, i + 1, c == '"') else {
                        self.mode = Mode::Quoted { double: c == '"' };
                        return Ok(());
                    };
                    self.flow_scalar_start = false;
                    i = end;
                    continue;
                }
                '#' if i == 0 || chars[i - 1].is_whitespace() => {
                    if let Some(&bracket) = chars[i + 1..].iter().find(|c| matches!(c, ']' | '}')) {
                        self.found.push(Finding::FlowComment {
                            at: LineCol {
                                line: n,
                                col: i + 1,
                            },
                            bracket,
                        });
                    }
                    return Ok(());
                }
                c if c.is_whitespace() => {}
                _ => self.flow_scalar_start = false,
            }
            i += 1;
        }
        Ok(())
    }

    /// `key: #…` (or `- #…`): nothing before the comment. `gap` is where the
    /// space before the `#` starts.
    fn empty_value(
        &mut self,
        chars: &[char],
        n: usize,
        owner: usize,
        gap: usize,
        hash: usize,
        key: Option<String>,
    ) {
        if !self.meant_as_text(chars, gap, hash, key.is_some()) {
            return;
        }
        let is_key = key.is_some();
        self.pending = Some(Pending {
            owner,
            is_key,
            cut: cut(chars, n, hash, key, String::new()),
        });
    }

    /// A plain value from `start` that a comment at `hash` cuts.
    fn cut_value(
        &mut self,
        chars: &[char],
        n: usize,
        start: usize,
        hash: usize,
        key: Option<String>,
    ) {
        let kept: String = chars[start..hash].iter().collect();
        let kept = kept.trim_end();
        let gap = start + kept.chars().count();
        if self.meant_as_text(chars, gap, hash, key.is_some()) {
            let cut = cut(chars, n, hash, key, kept.to_string());
            self.found.push(Finding::Comment(cut));
        }
    }

    /// The rule the README gives: a comment right after a value (or right
    /// after the `:`) is taken as text the writer meant when one space alone
    /// separates it and either the `#` is followed by a character
    /// (`#ff6600`, `#platform-messaging`) or the value is prose. Two spaces
    /// or more (or a tab) before `#` make a comment.
    fn meant_as_text(&self, chars: &[char], gap: usize, hash: usize, is_key: bool) -> bool {
        if hash != gap + 1 || chars[gap] != ' ' {
            return false;
        }
        let tight = chars
            .get(hash + 1)
            .is_some_and(|c| !c.is_whitespace() && *c != '#');
        tight || self.prose(is_key)
    }

    /// Whether the value being read is prose: its key, or the key holding
    /// its mapping (for a list item: the key holding the list), is one of
    /// [`PROSE_KEYS`].
    fn prose(&self, is_key: bool) -> bool {
        let near = self.levels.iter().rev().filter_map(|l| l.key.as_deref());
        near.take(if is_key { 2 } else { 1 })
            .any(|k| PROSE_KEYS.contains(&k))
    }

    /// Decides a pending `key: #…`: the value is empty unless the line that
    /// follows (`next`: its indentation and whether it starts with `- `)
    /// nests under the key.
    fn settle_pending(&mut self, next: Option<(usize, bool)>) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let nested = next.is_some_and(|(indent, dash)| {
            indent > p.owner || (p.is_key && indent == p.owner && dash)
        });
        if !nested {
            self.found.push(Finding::Comment(p.cut));
        }
    }
}

fn cut(chars: &[char], n: usize, hash: usize, key: Option<String>, kept: String) -> CutByComment {
    CutByComment {
        at: LineCol {
            line: n,
            col: hash + 1,
        },
        key,
        kept,
        comment: chars[hash..]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string(),
    }
}

/// The number of spaces from `from`.
fn spaces(chars: &[char], from: usize) -> usize {
    chars[from.min(chars.len())..]
        .iter()
        .take_while(|c| **c == ' ')
        .count()
        + from.min(chars.len())
}

/// The index of the first character from `from` that is not a space or tab.
fn blanks(chars: &[char], from: usize) -> usize {
    let from = from.min(chars.len());
    from + chars[from..]
        .iter()
        .take_while(|c| **c == ' ' || **c == '\t')
        .count()
}

/// The end of a token such as `&anchor` or `!!str`.
fn token_end(chars: &[char], from: usize) -> usize {
    from + chars[from..]
        .iter()
        .take_while(|c| !c.is_whitespace())
        .count()
}

/// Whether `c` at `col` is an indicator (`- `, `? `): followed by a blank
/// or the end of the line.
fn indicator(chars: &[char], col: usize, c: char) -> bool {
    chars.get(col) == Some(&c) && chars.get(col + 1).is_none_or(|n| n.is_whitespace())
}

fn is_document_marker(chars: &[char]) -> bool {
    let marker = chars.starts_with(&['-', '-', '-']) || chars.starts_with(&['.', '.', '.']);
    marker && chars.get(3).is_none_or(|c| c.is_whitespace())
}

/// The index just after the quote that closes a quoted scalar whose text
/// starts at `from`, if it closes on this line.
fn close_quote(chars: &[char], from: usize, double: bool) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' if double => i += 2,
            '"' if double => return Some(i + 1),
            '\'' if !double => {
                if chars.get(i + 1) == Some(&'\'') {
                    i += 2;
                } else {
                    return Some(i + 1);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Where a comment starts in a plain scalar from `from`: a `#` after a blank.
fn comment_start(chars: &[char], from: usize) -> Option<usize> {
    (from + 1..chars.len()).find(|&i| chars[i] == '#' && chars[i - 1].is_whitespace())
}

/// Whether the flow collection opening at `col` closes on this line and is
/// followed by `:` and a blank: a key.
fn is_flow_key(chars: &[char], col: usize) -> bool {
    let mut depth = 0usize;
    let mut i = col;
    while i < chars.len() {
        match chars[i] {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    let after = spaces(chars, i + 1);
                    return chars.get(after) == Some(&':')
                        && chars.get(after + 1).is_none_or(|c| c.is_whitespace());
                }
            }
            q @ ('"' | '\'') if matches!(chars[i - 1], '[' | '{' | ',' | ' ' | ':') => {
                match close_quote(chars, i + 1, q == '"') {
                    Some(end) => {
                        i = end;
                        continue;
                    }
                    None => return false,
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// A block mapping key at `col` (plain, quoted or an alias), with the index
/// of its `:`.
fn implicit_key(chars: &[char], col: usize) -> Option<(String, usize)> {
    let is_colon =
        |i: usize| chars.get(i) == Some(&':') && chars.get(i + 1).is_none_or(|c| c.is_whitespace());
    match chars[col] {
        q @ ('"' | '\'') => {
            let end = close_quote(chars, col + 1, q == '"')?;
            let colon = spaces(chars, end);
            is_colon(colon).then(|| (chars[col + 1..end - 1].iter().collect(), colon))
        }
        '[' | '{' | '|' | '>' | '#' | '%' | '@' | '`' => None,
        _ => {
            for i in col..chars.len() {
                if is_colon(i) {
                    let key: String = chars[col..i].iter().collect();
                    return Some((key.trim_end().to_string(), i));
                }
                if chars[i] == '#' && i > col && chars[i - 1].is_whitespace() {
                    return None;
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> LineCol {
        LineCol { line, col }
    }

    fn cuts(yaml: &str) -> Vec<(LineCol, Option<String>, String)> {
        scan(yaml)
            .into_iter()
            .filter_map(|f| match f {
                Finding::Comment(c) => Some((c.at, c.key, c.kept)),
                _ => None,
            })
            .collect()
    }

    fn too_deep(yaml: &str) -> Option<LineCol> {
        scan(yaml).into_iter().find_map(|f| match f {
            Finding::TooDeep { at } => Some(at),
            _ => None,
        })
    }

    #[test]
    fn flow_nesting_stops_at_the_bracket_past_the_limit() {
        let deep = "[".repeat(100_000);
        // `a:` is a mapping, the first level; the 64th `[` is the 65th.
        assert_eq!(too_deep(&format!("a: {deep}")), Some(at(1, 3 + MAX_DEPTH)));
        let n = MAX_DEPTH - 1;
        let ok = format!("a: {}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(too_deep(&ok), None);
        // Under another mapping, one level less is left.
        assert_eq!(too_deep(&format!("x:\n  {ok}")), Some(at(2, 4 + MAX_DEPTH)));
        // `{` like `[`, over several lines, and brackets in quotes or comments do not count.
        let lines = "{a:\n".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep(&lines), Some(at(MAX_DEPTH + 1, 1)));
        let quoted = format!("a: \"{deep}\"\nb: '{deep}'\nc: x # {deep}\nd: |\n  {deep}\n");
        assert_eq!(too_deep(&quoted), None);
    }

    #[test]
    fn block_nesting_counts_dashes_and_indentation() {
        let dashes = "- ".repeat(100_000) + "x";
        assert_eq!(too_deep(&dashes), Some(at(1, 2 * MAX_DEPTH + 1)));
        let ok = "- ".repeat(MAX_DEPTH) + "x";
        assert_eq!(too_deep(&ok), None);
        let indented: String = (0..=MAX_DEPTH)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(too_deep(&indented), Some(at(MAX_DEPTH + 1, MAX_DEPTH + 1)));
        // Going back out closes levels: as many keys as you like at one depth.
        let flat = "a:\n  b: 1\n".repeat(10_000);
        assert_eq!(too_deep(&flat), None);
        // A list at its key's column is one level deeper, and ends at the next key.
        let seqs = "a:\n- 1\nb:\n- 2\n".repeat(100);
        assert_eq!(too_deep(&seqs), None);
        // Lines of a block scalar are text, however they are indented.
        let block = format!(
            "a: |\n{}",
            (0..200)
                .map(|i| format!("{}- x\n", " ".repeat(i + 1)))
                .collect::<String>()
        );
        assert_eq!(too_deep(&block), None);
    }

    #[test]
    fn a_value_emptied_by_a_comment_is_found() {
        assert_eq!(
            cuts("accent:\n  light: #ff6600\n"),
            vec![(at(2, 10), Some("light".into()), String::new())]
        );
        assert_eq!(cuts("- #ff6600\n"), vec![(at(1, 3), None, String::new())]);
        // A comment after the key with the value nested below is fine.
        assert_eq!(cuts("extra: #icons\n  icon: bolt\n"), vec![]);
        assert_eq!(cuts("list: #x\n- a\n"), vec![]);
        // A spaced comment after a key that is not prose is a comment.
        assert_eq!(cuts("winner: # none yet\n"), vec![]);
        assert_eq!(cuts("winner:  #none\n"), vec![]);
        // … but not after prose.
        assert_eq!(
            cuts("title: # Speed\n"),
            vec![(at(1, 8), Some("title".into()), String::new())]
        );
    }

    #[test]
    fn a_value_cut_by_a_comment_is_found() {
        assert_eq!(
            cuts("footer:\n  text: Ask in #platform-messaging\n"),
            vec![(at(2, 16), Some("text".into()), "Ask in".into())]
        );
        assert_eq!(
            cuts("keywords:\n  - c #sharp\n"),
            vec![(at(2, 7), None, "c".into())]
        );
        assert_eq!(
            cuts("summary:\n  node: Fast # mostly\n"),
            vec![(at(2, 14), Some("node".into()), "Fast".into())]
        );
        // Comments as the README and our content write them are comments.
        for ok in [
            "id: node  # the runtime\n",
            "id: node # the runtime\n",
            "title: Speed            # required\n",
            "title: C# in practice\n",
            "title: \"Ask in #general\"\n",
            "aliases: [/old/speed/]  # old URLs\n",
            "text: |\n  Ask in #general\n",
        ] {
            assert_eq!(cuts(ok), vec![], "{ok}");
        }
    }

    /// The README's examples put comments after values, as writers will
    /// copy them: none may be taken for a cut value.
    /// An attack: `[Ask #x, b]` and `{ title: Ask #x, url: /about/ }` gave
    /// the parser's "did not find expected ',' or ']'" on a later line.
    #[test]
    fn a_comment_that_swallows_a_closing_bracket_is_found() {
        let flow = |yaml: &str| -> Vec<(LineCol, char)> {
            scan(yaml)
                .into_iter()
                .filter_map(|f| match f {
                    Finding::FlowComment { at, bracket } => Some((at, bracket)),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(flow("a: [Ask #x, b]\n"), vec![(at(1, 9), ']')]);
        assert_eq!(
            flow("links:\n  - { title: Ask #x, url: /about/ }\n"),
            vec![(at(2, 18), '}')]
        );
        // A comment after the collection closed, or with no bracket after
        // it (a flow collection over several lines), is a comment.
        for ok in [
            "a: [b, c]  # the list\n",
            "a: [b, # first\n  c]\n",
            "a: [\"Ask #x\", b]\n",
            "a: [C#, b]\n",
        ] {
            assert_eq!(flow(ok), vec![], "{ok}");
        }
    }

    #[test]
    fn the_readme_examples_hold_no_cut_values() {
        let readme = include_str!("../../../README.md");
        let blocks: Vec<&str> = readme
            .split("```yaml\n")
            .skip(1)
            .map(|b| b.split("```").next().unwrap_or(""))
            .collect();
        assert!(blocks.len() >= 4, "{} blocks", blocks.len());
        assert!(
            blocks.iter().filter(|b| b.contains(" #")).count() >= 2,
            "the README's examples hold comments"
        );
        for block in blocks {
            assert_eq!(cuts(block), vec![], "{block}");
        }
    }

    /// The README lists the prose keys; it must list these.
    #[test]
    fn the_readme_lists_the_prose_keys() {
        let readme = include_str!("../../../README.md");
        let list = readme
            .split_once("the key of the mapping that holds it,\n")
            .and_then(|(_, rest)| rest.split_once(".\n"))
            .map(|(list, _)| list)
            .expect("the README's YAML section lists the prose keys");
        let mut listed: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
        listed.sort_unstable();
        let mut keys = PROSE_KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(listed, keys);
    }
}
