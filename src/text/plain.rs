//! HTML we made → its plain text, for the search index: tags dropped (a
//! block-level tag or `<br>` separates words), `<script>`, `<style>` and
//! `<svg>` skipped with their content, and so is any element marked
//! `data-search-skip` (a list of sources: titles of references are not what
//! the page is about); character references decoded.

/// The text of `html`, with runs of white space made single spaces.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        let tag = &rest[lt..];
        let Some(gt) = tag.find('>') else {
            rest = "";
            break;
        };
        let inner = &tag[1..gt];
        let name = tag_name(inner);
        rest = &tag[gt + 1..];
        if !inner.starts_with('/') && inner.contains("data-search-skip") {
            rest = skip_element(rest, &name);
        } else if matches!(name.as_str(), "script" | "style" | "svg") {
            let close = format!("</{name}");
            rest = match find_ci(rest, &close) {
                Some(end) => rest[end..].find('>').map_or("", |g| &rest[end + g + 1..]),
                None => "",
            };
        }
        if !is_inline(&name) {
            out.push(' ');
        }
    }
    push_decoded(&mut out, rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What follows the element named `name` whose start tag was just read:
/// its content skipped up to its matching end tag (elements of the same
/// name nested inside are counted).
fn skip_element<'a>(mut rest: &'a str, name: &str) -> &'a str {
    let mut depth = 1;
    while let Some(lt) = rest.find('<') {
        let tag = &rest[lt..];
        let Some(gt) = tag.find('>') else {
            return "";
        };
        let inner = &tag[1..gt];
        rest = &tag[gt + 1..];
        if tag_name(inner) == name {
            if inner.starts_with('/') {
                depth -= 1;
                if depth == 0 {
                    return rest;
                }
            } else if !inner.ends_with('/') {
                depth += 1;
            }
        }
    }
    ""
}

/// The lowercased name of a tag from what is between `<` and `>`
/// (`/p` → `p`, `a href=…` → `a`, `!-- c --` → `!--`).
fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
    )
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let hay_l = hay.to_ascii_lowercase();
    hay_l.find(needle)
}

/// Pushes `text` with character references decoded (the named ones we
/// write, and numeric ones); an unknown reference stays as written.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| decode(&after[..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn decode(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "times" => '×',
        "middot" => '·',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html() {
        assert_eq!(
            html_text("<p>Node<b>.js</b> &amp; <code>async</code></p><p>Python&#39;s&nbsp;GIL</p>"),
            "Node.js & async Python's GIL"
        );
        assert_eq!(html_text("<td>a</td><td>b</td>"), "a b");
        assert_eq!(html_text("x<script>var a = '<p>';</script>y"), "x y");
        assert_eq!(html_text("<svg><title>t</title></svg>z"), "z");
        assert_eq!(html_text("a &bogus; b &"), "a &bogus; b &");
        assert_eq!(html_text("broken <a"), "broken");
        assert_eq!(
            html_text("a<ol data-search-skip><li><ol><li>x</li></ol></li></ol>b<p>c</p>"),
            "a b c"
        );
    }
}
