//! Where things are in a YAML document, found with saphyr's position-aware
//! event parser: where each value and each mapping key begins, by the same
//! dotted path serde_yaml prints (`navigation[0].page`), and every key given
//! twice in one mapping.
//!
//! In: the YAML text (already through [`super::scan`], so never nested
//! deeper than its limit). Out: [`Positions`], at lines and columns of that
//! text.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, SpannedEventReceiver};

use crate::diag::LineCol;

/// Where each value (and each mapping key) of a document begins, by path,
/// and the keys given twice.
#[derive(Debug, Default)]
pub struct Positions {
    pub values: HashMap<String, LineCol>,
    /// The first place of each key.
    pub keys: HashMap<String, LineCol>,
    /// Every key given again in its mapping, in document order.
    pub duplicates: Vec<DuplicateKey>,
}

/// A key given a second (or later) time in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub at: LineCol,
    pub first: LineCol,
}

/// Collects the positions of `yaml`. A syntax error stops collection; what
/// was seen before it stays usable.
pub fn collect(yaml: &str) -> Positions {
    let mut c = Collector {
        stack: Vec::new(),
        out: Positions::default(),
    };
    let _ = Parser::new_from_str(yaml).load(&mut c, false);
    c.out
}

enum Frame {
    Map {
        path: String,
        next_key: Option<String>,
        expecting_key: bool,
        /// The keys seen so far, with where.
        seen: HashMap<String, LineCol>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

struct Collector {
    stack: Vec<Frame>,
    out: Positions,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Collector {
    /// The path of the value that starts now, advancing the parent frame.
    fn next_value_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Map {
                path,
                next_key,
                expecting_key,
                ..
            }) => {
                if *expecting_key {
                    None
                } else {
                    *expecting_key = true;
                    Some(join(path, next_key.as_deref().unwrap_or("")))
                }
            }
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Collector {
    fn on_event(&mut self, ev: Event<'input>, span: saphyr_parser::Span) {
        let pos = LineCol {
            line: span.start.line(),
            col: span.start.col() + 1,
        };
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map {
                    path,
                    next_key,
                    expecting_key,
                    seen,
                }) = self.stack.last_mut()
                    && *expecting_key
                {
                    *expecting_key = false;
                    match seen.get(value.as_ref()) {
                        Some(first) => self.out.duplicates.push(DuplicateKey {
                            key: value.to_string(),
                            at: pos,
                            first: *first,
                        }),
                        None => {
                            seen.insert(value.to_string(), pos);
                        }
                    }
                    self.out.keys.entry(join(path, &value)).or_insert(pos);
                    *next_key = Some(value.into_owned());
                    return;
                }
                if let Some(p) = self.next_value_path() {
                    self.out.values.entry(p).or_insert(pos);
                }
            }
            Event::Alias(_) => {
                if let Some(p) = self.next_value_path() {
                    self.out.values.entry(p).or_insert(pos);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let p = self.next_value_path().unwrap_or_default();
                self.out.values.entry(p.clone()).or_insert(pos);
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map {
                        path: p,
                        next_key: None,
                        expecting_key: true,
                        seen: HashMap::new(),
                    }
                } else {
                    Frame::Seq { path: p, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// The deepest nesting of lists and mappings saphyr reads in `yaml` (up
/// to a syntax error): what [`super::scan`] must never count less than.
#[cfg(test)]
pub fn deepest(yaml: &str) -> usize {
    struct Depth {
        now: usize,
        max: usize,
    }
    impl<'input> SpannedEventReceiver<'input> for Depth {
        fn on_event(&mut self, ev: Event<'input>, _: saphyr_parser::Span) {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    self.now += 1;
                    self.max = self.max.max(self.now);
                }
                Event::MappingEnd | Event::SequenceEnd => self.now -= 1,
                _ => {}
            }
        }
    }
    let mut d = Depth { now: 0, max: 0 };
    let _ = Parser::new_from_str(yaml).load(&mut d, false);
    d.max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn every_duplicate_key_is_found_with_the_first() {
        let yaml = "title: a\nextra:\n  x: 1\n  \"x\": 2\ntitle: b\nlist:\n  - {k: 1, k: 2}\n  - k: 3\ntitle: c\n";
        let d = collect(yaml).duplicates;
        let found: Vec<(&str, LineCol, LineCol)> =
            d.iter().map(|d| (d.key.as_str(), d.at, d.first)).collect();
        assert_eq!(
            found,
            vec![
                ("x", at(4, 3), at(3, 3)),
                ("title", at(5, 1), at(1, 1)),
                ("k", at(7, 12), at(7, 6)),
                ("title", at(9, 1), at(1, 1)),
            ]
        );
    }

    #[test]
    fn the_same_key_in_different_mappings_is_no_duplicate() {
        let yaml = "a:\n  id: 1\nb:\n  id: 2\nitems:\n  - id: 1\n  - id: 2\n";
        assert_eq!(collect(yaml).duplicates, vec![]);
    }
}
