//! Footnotes, numbered in order of first appearance. Their ids carry a
//! prefix (`fn-`), and one that a heading (or another note) already uses
//! gets a `-2`, `-3`… suffix, so element ids stay unique on the page.

use std::collections::{HashMap, HashSet};

use crate::text::slug::slugify;

#[derive(Default)]
pub(super) struct Footnotes {
    /// Label → (number, element id).
    notes: HashMap<String, (usize, String)>,
}

impl Footnotes {
    /// The label's number and id, and whether this is its first appearance.
    /// `taken` holds the ids used on the page; a new note's id joins it.
    fn note(&mut self, label: &str, taken: &mut HashSet<String>) -> (usize, String, bool) {
        if let Some((n, id)) = self.notes.get(label) {
            return (*n, id.clone(), false);
        }
        let n = self.notes.len() + 1;
        let slug = slugify(label);
        let base = format!("fn-{}", if slug.is_empty() { "note" } else { &slug });
        // The note's id and its way back (`ref-…`) are both free.
        let mut id = base.clone();
        let mut k = 2;
        while taken.contains(&id) || taken.contains(&format!("ref-{id}")) {
            id = format!("{base}-{k}");
            k += 1;
        }
        taken.insert(id.clone());
        taken.insert(format!("ref-{id}"));
        self.notes.insert(label.to_string(), (n, id.clone()));
        (n, id, true)
    }

    /// `<sup>` linking to the note; the first reference is the note's way back.
    pub(super) fn reference(&mut self, label: &str, taken: &mut HashSet<String>) -> String {
        let (n, id, first) = self.note(label, taken);
        let back = if first {
            format!(" id=\"ref-{id}\"")
        } else {
            String::new()
        };
        format!("<sup class=\"footnote-reference\"{back}><a href=\"#{id}\">{n}</a></sup>")
    }

    /// The opening of a note's definition.
    pub(super) fn definition(&mut self, label: &str, taken: &mut HashSet<String>) -> String {
        let (n, id, _) = self.note(label, taken);
        format!(
            "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_ids_never_take_a_heading_id_or_each_other() {
        let mut taken = HashSet::from(["fn-1".to_string()]);
        let mut f = Footnotes::default();
        assert!(f.reference("1", &mut taken).contains("href=\"#fn-1-2\""));
        assert!(f.definition("1", &mut taken).contains("id=\"fn-1-2\""));
        // Two labels with one slug.
        assert!(f.reference("a b", &mut taken).contains("#fn-a-b\""));
        assert!(f.reference("a-b", &mut taken).contains("#fn-a-b-2\""));
        // A heading took the way back of `c`.
        let mut taken = HashSet::from(["ref-fn-c".to_string()]);
        let mut f = Footnotes::default();
        assert!(f.reference("c", &mut taken).contains("id=\"ref-fn-c-2\""));
    }
}
