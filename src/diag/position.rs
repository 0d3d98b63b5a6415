//! Byte offsets → 1-based lines and character columns; CRLF handled here once.

use super::LineCol;

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

/// Where each line of a text starts, for placing many diagnostics in one
/// file in time linear in their number (each [`line_col`] call scans the
/// text from its start).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// What [`line_col`] gives for `offset`, found by binary search.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = text[start..offset].trim_end_matches('\r').chars().count() + 1;
        LineCol { line, col }
    }

    /// What [`line_text`] gives for a 1-based line.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        let l = &self.text[start..end];
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_line_col() {
        let t = "ab\r\néx = 1\r\n\nlast";
        let ix = LineIndex::new(t);
        for offset in 0..=t.len() + 2 {
            assert_eq!(ix.line_col(offset), line_col(t, offset), "offset {offset}");
        }
        for line in 0..=6 {
            assert_eq!(ix.line_text(line), line_text(t, line), "line {line}");
        }
    }
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
}
