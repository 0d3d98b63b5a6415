//! Footnotes, numbered in order of first appearance. Their ids carry a
//! prefix (`fn-`) so they never collide with heading ids.

use std::collections::HashMap;

use crate::text::slug::slugify;

#[derive(Default)]
pub(super) struct Footnotes {
    numbers: HashMap<String, usize>,
}

impl Footnotes {
    /// The label's number, and whether this is its first appearance.
    pub(super) fn number(&mut self, label: &str) -> (usize, bool) {
        let next = self.numbers.len() + 1;
        match self.numbers.get(label) {
            Some(&n) => (n, false),
            None => {
                self.numbers.insert(label.to_string(), next);
                (next, true)
            }
        }
    }

    /// `<sup>` linking to the note; the first reference is the note's way back.
    pub(super) fn reference(&mut self, label: &str) -> String {
        let (n, first) = self.number(label);
        let id = footnote_id(label);
        let back = if first {
            format!(" id=\"ref-{id}\"")
        } else {
            String::new()
        };
        format!("<sup class=\"footnote-reference\"{back}><a href=\"#{id}\">{n}</a></sup>")
    }

    /// The opening of a note's definition.
    pub(super) fn definition(&mut self, label: &str) -> String {
        let (n, _) = self.number(label);
        format!(
            "<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{n}</sup>\n",
            footnote_id(label)
        )
    }
}

fn footnote_id(label: &str) -> String {
    let slug = slugify(label);
    format!("fn-{}", if slug.is_empty() { "note" } else { &slug })
}
