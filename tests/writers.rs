//! What writers expect of a build (issue 11, item 15): HTML comments are
//! notes and never published, a draft says so, a page shows its date, alias
//! redirects carry the site's language, criteria have a `name` and an
//! optional `group`, a use case may recommend several technologies, and
//! embeds can show a subset of a guide.

mod common;

use common::{fixture, prose};

/// A page of the `basic` fixture holding comments of every kind, and the
/// same text in code, where a comment is literal text.
const COMMENTED: &str = "---
title: Commented
---

Visible <!-- inline-secret --> words and <!-- inline
over-two-lines --> more.

<!-- block-secret -->

<!--
multi-line-secret

with a blank line
-->

<div class=\"kept\">
<!-- nested-secret -->
<p>Raw HTML stays.</p>
</div>

<!-- before --> after-a-comment

`<!-- span-literal -->`

```
<!-- block-literal -->
```

## Heading <!-- heading-secret -->

End.
";

#[test]
fn html_comments_are_notes_and_never_published() {
    let site = fixture("basic");
    site.write("content/notes/commented.md", COMMENTED);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("notes/commented/index.html");
    let body = prose(&html);
    for secret in [
        "inline-secret",
        "over-two-lines",
        "block-secret",
        "multi-line-secret",
        "with a blank line",
        "nested-secret",
        "heading-secret",
    ] {
        assert!(!body.contains(secret), "`{secret}` was published:\n{body}");
    }
    assert!(body.contains("<p>Visible  words and  more.</p>"), "{body}");
    assert!(body.contains("<div class=\"kept\">"), "{body}");
    assert!(body.contains("<p>Raw HTML stays.</p>"), "{body}");
    assert!(body.contains(" after-a-comment"), "{body}");
    // In code, a comment is text the reader is meant to see.
    assert!(
        body.contains("<code>&lt;!-- span-literal --&gt;</code>"),
        "{body}"
    );
    assert!(body.contains("&lt;!-- block-literal --&gt;"), "{body}");
    assert!(body.contains("<h2 id=\"heading\">Heading "), "{body}");
    // The only `<!--` left on the page is the escaped one in code.
    assert!(!html.contains("<!--"), "{html}");
}

#[test]
fn alias_redirect_pages_carry_the_site_language() {
    let site = fixture("basic");
    site.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: false\nlanguage: pt-BR",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for alias in ["old/first/index.html", "legacy.html"] {
        let html = site.read(alias);
        assert!(html.contains("<html lang=\"pt-BR\">"), "{alias}: {html}");
        assert!(html.contains("http-equiv=\"refresh\""), "{alias}: {html}");
    }
    assert!(
        site.read("guide/first/index.html")
            .contains("<html lang=\"pt-BR\">")
    );
}
