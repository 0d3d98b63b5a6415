//! Answers from the guide model: an aspect's or criterion's verdict, shown
//! above the page hits when a query names it (docs/search.md, "Answers").

use serde::Serialize;

use crate::model::guides::{Guide, Winner};
use crate::model::site::Site;
use crate::text::plain::html_text;
use crate::text::tokenize::{stem, tokenize};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Answer {
    /// The name, the id and each keyword as phrases: each the stems of its
    /// tokens, space-separated. A query holding every stem of one phrase
    /// shows the answer.
    pub keys: Vec<String>,
    pub name: String,
    pub guide: String,
    pub kind: &'static str,
    pub winner: String,
    pub outcome: &'static str,
    pub line: String,
    /// Relative to the site root ("" when no page argues it).
    pub url: String,
}

/// Every aspect's verdict, and every criterion with a winner, of every guide.
/// `url_of` gives a page's URL (relative to the site root) from its path
/// under `content/`.
pub(crate) fn answers(site: &Site, url_of: &dyn Fn(&str) -> Option<String>) -> Vec<Answer> {
    let mut out = Vec::new();
    for guide in &site.guides.list {
        let title = guide_title(guide);
        for a in &guide.aspects {
            out.push(Answer {
                keys: keys(&[&a.title, a.id.as_str()], &a.keywords),
                name: a.title.clone(),
                guide: title.clone(),
                kind: "aspect",
                winner: guide.winner_name(&a.verdict.winner),
                outcome: outcome(&a.verdict.winner),
                line: first_sentence(&inline_text(&a.verdict.reasoning)),
                url: url_of(&a.page).unwrap_or_default(),
            });
        }
        for c in &guide.criteria {
            let Some(winner) = &c.winner else { continue };
            let cells: Vec<String> = guide
                .technologies
                .iter()
                .filter_map(|t| {
                    c.cells
                        .get(&t.id)
                        .map(|cell| format!("{}: {}", t.name, inline_text(cell)))
                })
                .collect();
            out.push(Answer {
                keys: keys(&[&c.name, c.id.as_str()], &c.keywords),
                name: c.name.clone(),
                guide: title.clone(),
                kind: "criterion",
                winner: guide.winner_name(winner),
                outcome: outcome(winner),
                line: shorten(&cells.join(" · "), 200),
                url: c.page.as_deref().and_then(url_of).unwrap_or_default(),
            });
        }
    }
    out
}

/// "Node.js vs Python" from the guide's technologies.
fn guide_title(guide: &Guide) -> String {
    let names: Vec<&str> = guide.technologies.iter().map(|t| t.name.as_str()).collect();
    names.join(" vs ")
}

fn outcome(w: &Winner) -> &'static str {
    match w {
        Winner::Technology(_) => "technology",
        Winner::Tie => "tie",
        Winner::Depends => "depends",
    }
}

fn keys(names: &[&str], keywords: &[String]) -> Vec<String> {
    let mut phrases: Vec<String> = Vec::new();
    for name in names
        .iter()
        .copied()
        .chain(keywords.iter().map(String::as_str))
    {
        let mut stems: Vec<String> = tokenize(name).iter().map(|t| stem(t)).collect();
        stems.dedup();
        let phrase = stems.join(" ");
        if !phrase.is_empty() && !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    phrases
}

/// Inline Markdown (`**a**`, `` `b` ``, `[c](d)`) → its text.
fn inline_text(md: &str) -> String {
    let parser = pulldown_cmark::Parser::new(md);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html_text(&html)
}

/// Up to the first sentence end (". " after a lowercase letter, a digit or
/// a closing bracket), at most 240 chars.
fn first_sentence(text: &str) -> String {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        let prev = bytes[..i].last().copied().unwrap_or(b' ');
        if prev.is_ascii_lowercase() || prev.is_ascii_digit() || prev == b')' {
            return shorten(&text[..=i], 240);
        }
    }
    shorten(text, 240)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_a_sentence_end() {
        assert_eq!(
            first_sentence("Node.js is faster. Python is not, e.g. here."),
            "Node.js is faster."
        );
        assert_eq!(first_sentence("One only"), "One only");
    }

    #[test]
    fn inline_markdown_becomes_text() {
        assert_eq!(
            inline_text("See **the** `gil` and [PEP 703](https://peps.python.org/pep-0703/)."),
            "See the gil and PEP 703."
        );
    }
}
