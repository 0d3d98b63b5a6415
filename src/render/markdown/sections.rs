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
}

impl Sections {
    pub(super) fn start(&mut self, anchor: String, title: String) {
        self.list.push(SectionText {
            anchor: Some(anchor),
            title,
            text: String::new(),
        });
    }

    pub(super) fn push_text(&mut self, text: &str) {
        if self.list.is_empty() {
            self.list.push(SectionText::default());
        }
        let section = self.list.last_mut().expect("a section exists");
        for word in text.split_whitespace() {
            if !section.text.is_empty() {
                section.text.push(' ');
            }
            section.text.push_str(word);
        }
    }

    /// The sections, without an empty lead section.
    pub(super) fn finish(mut self) -> Vec<SectionText> {
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
