//! HTML comments in a page's Markdown are the writer's notes: raw HTML in,
//! the same HTML without its comments out. Code spans and code blocks never
//! reach here (their `<!--` is text), nor do `<script>`, `<style>` and
//! `<textarea>` contents, where `<!--` is not a comment.

use std::borrow::Cow;

/// Elements whose content is raw text in HTML: a `<!--` inside is no comment.
const RAW_TEXT: [&str; 3] = ["script", "style", "textarea"];

/// Whether an inline HTML event is a comment. pulldown-cmark gives each
/// inline comment as one event, so a comment is the whole event.
pub(super) fn is_comment(inline_html: &str) -> bool {
    inline_html.starts_with("<!--")
}

/// `html` (an HTML block of the page) without its comments. A comment not
/// closed inside the block runs to the block's end, as Markdown ends the
/// block there.
pub(super) fn strip(html: &str) -> Cow<'_, str> {
    if !html.contains("<!--") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let (before, tag) = rest.split_at(lt);
        out.push_str(before);
        if let Some(body) = tag.strip_prefix("<!--") {
            // `<!-->` and `<!--->` are complete (empty) comments too.
            let end = if body.starts_with('>') {
                Some(1)
            } else if body.starts_with("->") {
                Some(2)
            } else {
                body.find("-->").map(|i| i + 3)
            };
            rest = match end {
                Some(end) => &body[end..],
                None => "",
            };
        } else if let Some(skip) = raw_text_element(tag) {
            out.push_str(&tag[..skip]);
            rest = &tag[skip..];
        } else {
            out.push('<');
            rest = &tag[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// When `tag` opens a raw-text element (`<script …>`), the length up to and
/// including its closing tag (or all of it when unclosed).
fn raw_text_element(tag: &str) -> Option<usize> {
    let lower = tag.get(..12).unwrap_or(tag).to_ascii_lowercase();
    let name = RAW_TEXT.iter().find(|n| {
        lower[1..].starts_with(**n)
            && lower[1 + n.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
    })?;
    let close = format!("</{name}");
    let at = tag.to_ascii_lowercase().find(&close);
    Some(at.map_or(tag.len(), |i| i + close.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_and_everything_else_stays() {
        assert_eq!(strip("<!-- note -->\n"), "\n");
        assert_eq!(
            strip("<div>\n<!-- a -->\n<p>kept</p>\n</div>\n"),
            "<div>\n\n<p>kept</p>\n</div>\n"
        );
        assert_eq!(strip("<!--\nmulti\n\nline\n-->\n"), "\n");
        assert_eq!(strip("<!-- x --> after\n"), " after\n");
        assert_eq!(strip("a<!-->b<!--->c<!---->d"), "abcd");
        assert_eq!(strip("<p>x</p><!-- open to the end\n"), "<p>x</p>");
        assert_eq!(strip("<p>no comment</p>"), "<p>no comment</p>");
        assert_eq!(strip("1 < 2 <!-- n --> 3"), "1 < 2  3");
    }

    #[test]
    fn raw_text_elements_keep_their_text() {
        let js = "<script>if (a <!--b) {}</script><!-- gone -->";
        assert_eq!(strip(js), "<script>if (a <!--b) {}</script>");
        let css = "<STYLE media=\"x\">/* <!-- */</STYLE>";
        assert_eq!(strip(css), css);
        assert_eq!(
            strip("<scripts><!-- n --></scripts>"),
            "<scripts></scripts>"
        );
        assert_eq!(strip("<textarea><!-- kept"), "<textarea><!-- kept");
    }

    #[test]
    fn inline_comments_are_whole_events() {
        assert!(is_comment("<!-- inline -->"));
        assert!(!is_comment("<b>"));
    }
}
