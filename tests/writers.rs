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
            "<p class=\"page-date\">Last reviewed <time datetime=\"2026-01-15\">15 January 2026</time></p>"
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

/// The `<th>` texts of the rows and group headings of the first comparison
/// table in `html`, in order: groups as `## Name`.
fn table_rows(html: &str) -> Vec<String> {
    let table = &html[html.find("<table>").unwrap()..html.find("</table>").unwrap()];
    let mut out = Vec::new();
    for line in table.lines() {
        let text = |from: &str| {
            let inner = &line[line.find(from).unwrap() + from.len()..];
            let inner = &inner[..inner.find("</th>").unwrap()];
            // Drop tags (a link, a span) around the text.
            let mut s = String::new();
            let mut tag = false;
            for c in inner.chars() {
                match c {
                    '<' => tag = true,
                    '>' => tag = false,
                    c if !tag => s.push(c),
                    _ => {}
                }
            }
            s
        };
        if line.contains("<th scope=\"rowgroup\"") {
            out.push(format!("## {}", text("colspan=\"5\">")));
        } else if line.contains("<th scope=\"row\">") {
            out.push(text("<th scope=\"row\">"));
        }
    }
    out
}

#[test]
fn criteria_rows_sit_under_their_groups_in_order_of_first_appearance() {
    let site = fixture("brokers");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("comparison/index.html");
    assert_eq!(
        table_rows(&html),
        [
            "## Messaging",
            "Delivery guarantees",
            "Routing",
            "## Performance",
            "Throughput",
            "## Operations",
            "Footprint",
        ]
    );
    // A group is a <tbody> headed by a row-group header spanning the table.
    let table = &html[html.find("<table>").unwrap()..html.find("</table>").unwrap()];
    assert_eq!(table.matches("<tbody>").count(), 3);
    assert!(table.contains("<thead><tr><th scope=\"col\">Criterion</th>"));
    assert!(
        table.contains(
            "<tbody>\n<tr class=\"row-group\"><th scope=\"rowgroup\" colspan=\"5\"><span>Messaging</span></th></tr>\n<tr id=\"criterion-delivery\">"
        ),
        "{table}"
    );
    insta::assert_snapshot!("brokers_comparison", prose(&html));
}

#[test]
fn a_guide_without_groups_keeps_one_body_and_no_group_header() {
    let site = fixture("databases");
    assert_eq!(site.build(&[]).code, 0);
    let html = site.read("comparison/index.html");
    assert_eq!(html.matches("<tbody>").count(), 1);
    assert!(!html.contains("rowgroup"));
    assert_eq!(table_rows(&html), ["Deployment", "Concurrent writers"]);
}

#[test]
fn a_use_case_recommends_one_technology_several_or_either() {
    let site = fixture("brokers");
    assert_eq!(site.build(&[]).code, 0);
    let html = site.read("comparison/index.html");
    let rec = |id: &str| {
        let item = &html[html.find(&format!("id=\"use-case-{id}\"")).unwrap()..];
        let rec = &item[item.find("Recommended: ").unwrap()..];
        let rec = &rec[..rec.find("</p>").unwrap()];
        // The badges' text, as a reader hears it.
        let mut s = String::new();
        let mut tag = false;
        for c in rec.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                c if !tag => s.push(c),
                _ => {}
            }
        }
        (s, rec.matches("data-winner=").count())
    };
    assert_eq!(rec("event-log"), ("Recommended: Kafka".into(), 1));
    assert_eq!(
        rec("work-queue"),
        ("Recommended: RabbitMQ or NATS".into(), 2)
    );
    assert_eq!(
        rec("notifications"),
        ("Recommended: NATS, RabbitMQ or Kafka".into(), 3)
    );
    // `either` among three technologies.
    assert_eq!(rec("prototype"), ("Recommended: Any of them".into(), 0));
    assert!(html.contains("data-winner=\"nats\" style=\"--tech: #2b8a3e\">NATS</span>"));
}

#[test]
fn either_between_two_technologies_still_reads_either() {
    let site = common::bundled();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("use-cases/index.html");
    assert!(
        html.contains("id=\"use-case-rest-api-spa\"><p class=\"use-case-need\">REST or GraphQL API behind a single-page front end</p><p class=\"use-case-rec\">Recommended: <span class=\"badge badge-either\">Either</span></p>"),
        "{html}"
    );
}

#[test]
fn embeds_show_the_rows_and_use_cases_they_name() {
    let site = fixture("brokers");
    assert_eq!(site.build(&[]).code, 0);
    let html = site.read("picks/index.html");
    let two_rows = &html[html.find("id=\"two-rows\"").unwrap()..];
    // Listed order, grouped by first appearance among the rows listed.
    assert_eq!(
        table_rows(two_rows),
        [
            "## Operations",
            "Footprint",
            "## Messaging",
            "Delivery guarantees"
        ]
    );
    let group = &html[html.find("id=\"one-group\"").unwrap()..];
    assert_eq!(
        table_rows(group),
        ["## Messaging", "Delivery guarantees", "Routing"]
    );
    let cases = &html[html.find("id=\"two-use-cases\"").unwrap()..];
    assert_eq!(cases.matches("<li class=\"use-case\"").count(), 2);
    assert!(cases.contains("Work queues that route jobs by type"));
    assert!(cases.contains("Fan-out of small notifications"));
    assert!(!cases.contains("An event log"));
    // A row shown twice on a page keeps its element id the first time only.
    assert_eq!(html.matches("id=\"criterion-delivery\"").count(), 1);
}

#[test]
fn category_the_old_spelling_of_name_still_builds() {
    let site = fixture("databases");
    site.edit(
        "content/data/guides/databases/criteria.yaml",
        "  name: Deployment",
        "  category: Deployment",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("comparison/index.html");
    assert_eq!(table_rows(&html), ["Deployment", "Concurrent writers"]);
}

#[test]
fn criterion_names_and_groups_are_checked_at_their_place() {
    let site = fixture("brokers");
    let file = "content/data/guides/brokers/criteria.yaml";
    // Both spellings; then neither; an empty group; a row without a group
    // where the others have one.
    site.edit(
        file,
        "  name: Delivery guarantees\n",
        "  name: Delivery guarantees\n  category: Delivery\n",
    );
    site.edit(file, "  name: Throughput\n", "");
    site.edit(
        file,
        "  group: Messaging\n  cells:\n    kafka: \"Topics",
        "  group: \" \"\n  cells:\n    kafka: \"Topics",
    );
    site.edit(file, "  group: Operations\n", "");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("criteria_errors", run.stderr);
}

#[test]
fn recommended_technologies_are_checked_at_their_place() {
    let site = fixture("brokers");
    let file = "content/data/guides/brokers/use_cases.yaml";
    site.edit(file, "recommended: kafka", "recommended: kafak");
    site.edit(file, "[rabbitmq, nats]", "[rabbitmq, natz]");
    site.edit(file, "[nats, rabbitmq, kafka]", "[nats, either, nats]");
    site.edit(file, "recommended: either", "recommended: []");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("recommended_errors", run.stderr);
}

#[test]
fn embed_subsets_are_checked_at_their_place() {
    let site = fixture("brokers");
    let block = |body: &str| format!("```verdict\nguide: brokers\n{body}\n```\n\n");
    let page = [
        "table: true\ncriteria: [footprint, delivry]",
        "table: true\ncriteria: [routing, routing]",
        "table: true\ncriteria: []",
        "table: true\ngroup: Messagng",
        "table: true\ncriteria: [routing]\ngroup: Messaging",
        "verdicts: true\ngroup: Messaging",
        "use-cases: [work-queue, notification]",
        "use-cases: []",
        "use-cases: maybe",
    ]
    .map(block)
    .concat();
    site.write(
        "content/bad-picks.md",
        &format!("---\ntitle: Bad picks\n---\n\n{page}"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("subset_errors", run.stderr);
}

#[test]
fn a_group_named_in_a_guide_without_groups_says_so() {
    let site = fixture("databases");
    site.write(
        "content/groups.md",
        "---\ntitle: Groups\n---\n\n```verdict\ntable: true\ngroup: Speed\n```\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[embed]: guide `databases` has no groups: none of its criteria names a `group`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("groups.md:7:8"), "{}", run.stderr);
}
