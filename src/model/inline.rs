//! Inline Markdown in YAML text fields (verdict reasoning, table cells,
//! use-case explanations): what is allowed in them, checked once for the
//! model and applied again by the renderer, so the two cannot disagree.
//!
//! Emphasis, code and links are allowed; blocks (images, headings, lists)
//! are errors; raw HTML is turned into text, so no string from YAML can run
//! script; link URLs must be http(s), mailto or paths (no `javascript:`).
//! Links are written relative to `content/` (`aspects/speed.md#the-gil`).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::Code;
use crate::url::is_safe_url;

/// Why a text field's Markdown is refused: its kind and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InlineError {
    pub code: Code,
    pub message: String,
}

/// Parses `text` into inline events. Each link destination goes through
/// `link`, which checks it and returns what to write instead (or why it is
/// broken: a [`Code::BrokenLink`]). The first problem found is the error.
pub(crate) fn parse<'t>(
    text: &'t str,
    mut link: impl FnMut(&str) -> Result<String, String>,
) -> Result<Vec<Event<'t>>, InlineError> {
    let mut error = None;
    let events: Vec<Event> = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH)
        .filter_map(|event| match event {
            Event::Start(Tag::Paragraph) => None,
            Event::End(TagEnd::Paragraph) => Some(Event::SoftBreak),
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // YAML is data, not the writer's own HTML: no script URLs.
                if !is_safe_url(&dest_url) {
                    error.get_or_insert(InlineError {
                        code: Code::UnsafeUrl,
                        message: format!(
                            "unsafe URL `{dest_url}`: links in data may use http, https, mailto or site paths"
                        ),
                    });
                    return None;
                }
                let dest = link(&dest_url).unwrap_or_else(|message| {
                    error.get_or_insert(InlineError {
                        code: Code::BrokenLink,
                        message,
                    });
                    dest_url.to_string()
                });
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }))
            }
            // Images, headings and lists have no place in a one-line field.
            Event::Start(Tag::Image { .. })
            | Event::Start(Tag::Heading { .. })
            | Event::Start(Tag::List(_)) => {
                error.get_or_insert(InlineError {
                    code: Code::Guide,
                    message: "only inline Markdown (emphasis, code, links) is allowed here".into(),
                });
                None
            }
            e => Some(e),
        })
        .collect();
    match error {
        Some(e) => Err(e),
        None => Ok(events),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), InlineError> {
        parse(text, |d| Ok(d.to_string())).map(|_| ())
    }

    #[test]
    fn allows_inline_and_refuses_blocks_and_script_urls() {
        assert!(check("*a* `b` [c](https://x.org)").is_ok());
        assert!(check("# heading").is_err());
        assert!(check("- list").is_err());
        assert!(check("![i](a.png)").is_err());
        assert_eq!(
            check("[x](javascript:alert(1))").unwrap_err().code,
            Code::UnsafeUrl
        );
        let events = parse("<script>alert(1)</script>", |d| Ok(d.into())).unwrap();
        assert!(
            events
                .iter()
                .all(|e| !matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        );
    }
}
