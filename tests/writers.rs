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

const BANNER: &str = "<p class=\"draft-banner\"><strong>Draft.</strong>";

#[test]
fn a_draft_built_with_drafts_says_so_on_the_page() {
    let site = fixture("basic");
    site.edit("content/site.yaml", "theme: local", "theme: default");
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = site.read("guide/draft/index.html");
    assert_eq!(draft.matches(BANNER).count(), 1, "{draft}");
    assert!(draft.contains("This page is not published"), "{draft}");
    // Only drafts: a published page of the same build has no banner.
    for page in ["guide/first/index.html", "index.html", "guide/index.html"] {
        assert!(!site.read(page).contains("draft-banner"), "{page}");
    }
    // A section can be a draft too.
    site.edit("content/guide/_index.md", "---\n", "---\ndraft: true\n");
    assert_eq!(site.build(&["--drafts"]).code, 0);
    assert!(site.read("guide/index.html").contains(BANNER));
}

#[test]
fn serve_with_drafts_shows_the_banner() {
    use common::serve::{get, serve_with};
    let site = fixture("basic");
    let server = serve_with(&site.root, &["--drafts"]);
    let (status, draft) = get(server.port, "/guide/draft/");
    assert_eq!(status, 200, "{draft}");
    assert!(draft.contains(BANNER), "{draft}");
    let (_, first) = get(server.port, "/guide/first/");
    assert!(!first.contains("draft-banner"));
}

#[test]
fn a_page_shows_its_date_for_readers_and_machines() {
    let site = fixture("basic");
    // second.md has CRLF line endings.
    site.edit(
        "content/guide/second.md",
        "title: Second",
        "title: Second\r\ndate: 2026-03-05",
    );
    site.edit(
        "content/guide/_index.md",
        "---\n",
        "---\ndate: \"2025-12-31\"\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = site.read("guide/first/index.html");
    assert!(
        first.contains(
            "<p class=\"page-date\"><time datetime=\"2026-01-15\">15 January 2026</time></p>"
        ),
        "{first}"
    );
    assert!(
        site.read("guide/second/index.html")
            .contains("<time datetime=\"2026-03-05\">5 March 2026</time>")
    );
    assert!(
        site.read("guide/index.html")
            .contains("<time datetime=\"2025-12-31\">31 December 2025</time>")
    );
    // No date, no element.
    assert!(!site.read("about/index.html").contains("<time"));
}

/// A theme of the site's own that knows nothing of drafts or dates.
fn plain_theme(site: &common::Site) {
    site.edit("content/site.yaml", "theme: local", "theme: plain");
    let page = "<!doctype html><html><head><title>{{ page.title }}</title></head><body>{{ page.content | safe }}</body></html>\n";
    site.write("themes/plain/theme.yaml", "name: plain\n");
    for t in ["home", "section", "page", "404"] {
        site.write(&format!("themes/plain/templates/{t}.html"), page);
    }
}

#[test]
fn a_theme_that_ignores_drafts_and_dates_still_builds() {
    let site = fixture("basic");
    plain_theme(&site);
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = site.read("guide/draft/index.html");
    assert!(draft.contains("Not ready."), "{draft}");
    assert!(!draft.contains("draft-banner"), "{draft}");
    assert!(!site.read("guide/first/index.html").contains("<time"));
}
