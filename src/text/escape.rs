//! HTML escaping for text we write into pages ourselves (templates escape
//! through Tera).

/// Escapes text content: `&`, `<`, `>`.
pub(crate) fn escape_text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value (double- or single-quoted) or XML text.
pub(crate) fn escape_attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_text("<a & \"b\">"), "&lt;a &amp; \"b\"&gt;");
        assert_eq!(escape_attr("\"x' onload='y"), "&quot;x&#39; onload=&#39;y");
    }
}
