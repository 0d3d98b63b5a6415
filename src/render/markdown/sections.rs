//! The plain text of each heading section of a page, a side output of
//! rendering that the search index reads: text before the first heading is
//! a section without an anchor; each heading starts a new one.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SectionText {
    /// The heading's id (`None` for the text before the first heading).
    pub anchor: Option<String>,
    /// The heading's text (empty before the first heading).
    pub title: String,
    /// The section's words, separated by single spaces.
    pub text: String,
}

#[derive(Default)]
pub(super) struct Sections {
    pub(super) list: Vec<SectionText>,
    /// A block ended (or a line broke) since the last text: the next text
    /// starts a new word.
    gap: bool,
}

impl Sections {
    pub(super) fn start(&mut self, anchor: String, title: String) {
        self.list.push(SectionText {
            anchor: Some(anchor),
            title,
            text: String::new(),
        });
        self.gap = false;
    }

    /// Marks a block boundary or line break: words on either side stay apart.
    pub(super) fn gap(&mut self) {
        self.gap = true;
    }

    /// Appends text as it reads: pieces of one paragraph join as written
    /// (`[Loop](…), Don't` is `Loop, Don't`), runs of white space become one
    /// space, and a block boundary becomes a space.
    pub(super) fn push_text(&mut self, text: &str) {
        if self.list.is_empty() {
            self.list.push(SectionText::default());
        }
        let section = self.list.last_mut().expect("a section exists");
        let out = &mut section.text;
        if std::mem::take(&mut self.gap) && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        for c in text.chars() {
            if c.is_whitespace() {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
    }

    /// The sections, without an empty lead section.
    pub(super) fn finish(mut self) -> Vec<SectionText> {
        for s in &mut self.list {
            let trimmed = s.text.trim_end().len();
            s.text.truncate(trimmed);
        }
        if self
            .list
            .first()
            .is_some_and(|s| s.anchor.is_none() && s.text.is_empty())
        {
            self.list.remove(0);
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_join_as_written_and_blocks_stay_apart() {
        let mut s = Sections::default();
        s.push_text("Don't block the ");
        s.push_text("Loop");
        s.push_text(", ever.");
        s.gap();
        s.push_text("Next  paragraph\n");
        s.gap();
        s.push_text("x");
        assert_eq!(
            s.finish()[0].text,
            "Don't block the Loop, ever. Next paragraph x"
        );
    }
}
