//! The comparison model and its embeds, on a fixture about three databases
//! (nothing may assume two technologies, or Node.js and Python) and on the
//! bundled guide.

mod common;

use common::{bundled, fixture, prose};

#[test]
fn three_technology_guide_builds_with_every_embed() {
    let site = fixture("databases");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let comparison = prose(&site.read("comparison/index.html")).to_string();
    insta::assert_snapshot!("databases_comparison", comparison);
    let ops = site.read("aspects/operations/index.html");
    let card = &ops[ops
        .find("<div class=\"verdict-card\"")
        .expect("verdict card")..];
    assert!(card.contains("Verdict on operations:"));
    assert!(card.contains("data-winner=\"sqlite\""));
    assert!(
        card.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; stays text")
            || card.contains("&lt;script&gt;alert('x')&lt;/script&gt; stays text"),
        "HTML in YAML must be escaped: {card}"
    );
    assert!(!ops.contains("<script>alert"));
    assert!(ops.contains("{{ braces }}"));
    assert_eq!(card.matches("<dt>").count(), 3);
    let throughput = site.read("aspects/throughput/index.html");
    insta::assert_snapshot!("databases_chart_and_sources", prose(&throughput));
    let home = site.read("index.html");
    assert_eq!(
        home.matches("<li class=\"card\" style=\"--tech:").count(),
        3
    );
    // Links inside YAML text become final URLs under the base path.
    assert!(
        home.contains("href=\"/guides/databases/aspects/operations/#postgresql\""),
        "{home}"
    );
}

#[test]
fn relative_urls_reach_yaml_links_too() {
    let site = fixture("databases");
    site.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: true",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let comparison = site.read("comparison/index.html");
    assert!(
        comparison.contains("href=\"../aspects/operations/index.html\">Deployment</a>"),
        "{comparison}"
    );
}

#[test]
fn bundled_guide_is_complete() {
    let site = bundled();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let comparison = site.read("comparison/index.html");
    let rows = comparison.matches("<tr id=\"criterion-").count();
    // The source article's 15 categories, then the 7 rows of the second
    // edition's practice/ pages.
    assert_eq!(rows, 22, "all 22 categories of the comparison");
    let table =
        &comparison[comparison.find("<table>").unwrap()..comparison.find("</table>").unwrap()];
    for row in table.split("<tr id=\"criterion-").skip(1) {
        let cells = row.matches("<td>").count();
        assert_eq!(cells, 3, "two technology cells and the edge: {row}");
        assert!(!row.contains("<td></td>"), "empty cell: {row}");
    }
    for aspect in [
        "speed",
        "scalability",
        "architecture",
        "extensibility",
        "ecosystem",
        "security",
        "community",
        "popularity",
        "learning",
        "error-handling",
    ] {
        let page = site.read(&format!("aspects/{aspect}/index.html"));
        assert!(
            page.contains(&format!(
                "<div class=\"verdict-card\" id=\"verdict-{aspect}\">"
            )),
            "aspect {aspect} shows its verdict"
        );
    }
    let use_cases = site.read("use-cases/index.html");
    assert!(use_cases.matches("<li class=\"use-case\"").count() >= 8);
    let figures = site.read("figures/index.html");
    assert!(figures.contains("id=\"benchmark-usage-2025\""));
    assert!(figures.contains("id=\"benchmark-community-tasks\""));
}

/// Regression: an embed shown twice, or after a heading with the same slug,
/// repeated an element id (and a link to it went to the wrong place).
#[test]
fn element_ids_stay_unique_on_a_page() {
    let site = fixture("databases");
    site.write(
        "content/aspects/operations.md",
        "---\ntitle: Operations\n---\n\n## PostgreSQL\n\n## Verdict: operations\n\n```verdict\nverdict: operations\n```\n\n```verdict\nverdict: operations\n```\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("aspects/operations/index.html");
    assert_eq!(
        html.matches("id=\"verdict-operations\"").count(),
        1,
        "{html}"
    );
    assert_eq!(html.matches("<div class=\"verdict-card\"").count(), 2);
}

/// Files under data/guides/ belong to the guide model: one outside a guide
/// folder is an error (never silently `data.guides.*`), and a guide folder
/// without technologies.yaml reports its other problems too.
#[test]
fn guide_files_outside_a_guide_folder_and_every_problem_of_a_broken_guide() {
    let site = fixture("databases");
    site.write("content/data/guides/stray.yaml", "a: 1\n");
    site.write("content/data/guides/half/notes.yaml", "a: 1\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "guides/stray.yaml",
        "this file is not in one",
        "unknown guide file `notes.yaml`",
        "guide `half` has no technologies.yaml",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
}

/// URLs written in guide YAML go through the one URL builder: a site path
/// gets the base path (or becomes relative), like links from site.yaml.
/// (It must name a file the build makes: site paths are checked.)
#[test]
fn site_paths_in_guide_yaml_get_the_base_path() {
    let site = fixture("databases");
    site.write("static/files/whentouse.pdf", "%PDF-1.4\n");
    site.edit(
        "content/data/guides/databases/sources.yaml",
        "url: https://www.sqlite.org/whentouse.html",
        "url: /files/whentouse.pdf",
    );
    let run = site.build(&["--base-url", "https://example.com/docs/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("aspects/throughput/index.html");
    assert!(
        page.contains("href=\"/docs/files/whentouse.pdf\""),
        "{page}"
    );
}

/// Every id of a guide is a slug (ids become element ids, fragments and
/// keys in the browser's data), not only technology ids.
#[test]
fn every_guide_id_is_a_slug() {
    let site = fixture("databases");
    site.edit(
        "content/data/guides/databases/aspects.yaml",
        "- id: operations",
        "- id: Operations Work",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("id `Operations Work` may hold only lowercase letters"),
        "{}",
        run.stderr
    );
}

/// Problems in guide data and broken links in pages come out in one round:
/// links are checked when the model is assembled, with the guides.
#[test]
fn guide_problems_and_broken_links_are_reported_together() {
    let site = fixture("databases");
    site.edit(
        "content/data/guides/databases/aspects.yaml",
        "- id: operations",
        "- id: Operations",
    );
    site.edit(
        "content/comparison.md",
        "```verdict",
        "See [nowhere](#nope).\n\n```verdict",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[guide]"), "{}", run.stderr);
    assert!(run.stderr.contains("error[broken-link]"), "{}", run.stderr);
}

/// The decision helper on a three-broker guide with no decision.yaml: one
/// question per aspect, points from the verdicts (a winner 1, `depends`
/// nobody, an aspect's own `scores` as given), shown beside each answer
/// without JavaScript; and the questionnaire's model, whose HTML from YAML
/// cannot close its script element.
#[test]
fn decision_helper_is_drawn_at_build_time() {
    let site = fixture("brokers");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let weigh = site.read("weigh/index.html");
    assert_eq!(weigh.matches("<fieldset class=\"decide-q\"").count(), 4);
    assert_eq!(weigh.matches("type=\"radio\" name=\"w.").count(), 12);
    let routing = &weigh[weigh.find("data-question=\"routing\"").unwrap()..];
    let routing = &routing[..routing.find("</fieldset>").unwrap()];
    assert!(routing.contains("value=\"lots\">"), "{routing}");
    assert!(
        routing.contains(">RabbitMQ +2</span> · <span class=\"decide-points\" style=\"--tech: #2b8a3e\">NATS +1</span>"),
        "a lot = 2 × the aspect's own scores (1 and 0.5): {routing}"
    );
    let replay = &weigh[weigh.find("data-question=\"replay\"").unwrap()..];
    let replay = &replay[..replay.find("</fieldset>").unwrap()];
    assert!(
        !replay.contains("decide-points"),
        "depends moves nobody: {replay}"
    );
    let json_start = weigh.find("data-decide-model>").unwrap() + "data-decide-model>".len();
    let json = &weigh[json_start..json_start + weigh[json_start..].find("</script>").unwrap()];
    let model: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(model["technologies"].as_array().unwrap().len(), 3);
    assert_eq!(
        model["questions"][1]["answers"][2]["points"],
        serde_json::json!([0.0, 2.0, 1.0])
    );
    assert!(weigh.contains("js/decide."), "the page loads its script");

    let quiz = site.read("quiz/index.html");
    let json_start = quiz.find("data-decide-model>").unwrap() + "data-decide-model>".len();
    let json = &quiz[json_start..json_start + quiz[json_start..].find("</script>").unwrap()];
    assert!(!json.contains('<'), "{json}");
    let model: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        model["questions"][0]["text"],
        "Which <em>one</em>? </script><script>alert('q')</script>"
    );
    assert!(!quiz.contains("<script>alert"));
    assert!(!quiz.contains("<img src=x"));
    // A single-choice question can be left unanswered; a multiple one has no such choice.
    assert_eq!(quiz.matches("value=\"\" checked data-default>").count(), 1);
}
