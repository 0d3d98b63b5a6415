//! Tables scroll in a focusable box of their own, named after their header
//! cells, instead of widening the page. The box is opened where the table
//! starts, once its header row has been read (for the label).

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::text::escape::escape_attr;

/// The one scroll box markup, for Markdown tables (embed templates write
/// the same markup in the theme).
pub(crate) fn scroll_box_open(label: &str) -> String {
    format!(
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: {}\">\n",
        escape_attr(label)
    )
}

/// The table being read: where its box goes among the events, its label
/// so far, and whether the header row is still being read.
#[derive(Default)]
pub(super) struct TableBox {
    open: Option<(usize, String, bool)>,
}

impl TableBox {
    /// Looks at an event before it is pushed at `events.len()`.
    pub(super) fn observe(&mut self, event: &Event, events: &mut Vec<Event>) {
        match event {
            Event::Start(Tag::Table(_)) => {
                self.open = Some((events.len(), String::new(), true));
                events.push(Event::Html("".into()));
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((at, label, in_head)) = self.open.as_mut() {
                    *in_head = false;
                    events[*at] = Event::Html(scroll_box_open(label.trim_end_matches(", ")).into());
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((_, label, true)) = self.open.as_mut() {
                    label.push_str(", ");
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, label, true)) = self.open.as_mut() {
                    label.push_str(t);
                }
            }
            _ => {}
        }
    }

    /// After an event was pushed: closes the box after the table's end.
    pub(super) fn after(&mut self, closed_table: bool, events: &mut Vec<Event>) {
        if closed_table {
            events.push(Event::Html("</div>\n".into()));
            self.open = None;
        }
    }
}
