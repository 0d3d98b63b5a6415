//! Invalid sites: every problem is reported at its file:line:col with the
//! line shown, all at once, with a non-zero exit. Snapshots hold the exact
//! output (temporary paths normalized to `[TMP]`).

mod common;

use common::fixture;

fn fails(name: &str) -> String {
    let site = fixture(name);
    let run = site.build(&[]);
    assert_eq!(
        run.code, 1,
        "{name} should fail with exit 1:\n{}",
        run.stderr
    );
    assert!(
        !site.out().exists(),
        "a failed first build writes no output"
    );
    run.stderr
}

#[test]
fn bad_front_matter() {
    insta::assert_snapshot!(fails("bad-front-matter"));
}

#[test]
fn broken_links() {
    insta::assert_snapshot!(fails("broken-links"));
}

#[test]
fn url_collisions() {
    insta::assert_snapshot!(fails("url-collision"));
}

#[test]
fn bad_settings() {
    insta::assert_snapshot!(fails("bad-settings"));
}

#[test]
fn bad_template() {
    insta::assert_snapshot!(fails("bad-template"));
}

#[test]
fn bad_guide_data() {
    insta::assert_snapshot!(fails("bad-guide"));
}

#[test]
fn bad_embeds() {
    insta::assert_snapshot!(fails("bad-embeds"));
}

#[test]
fn bad_decision_data() {
    insta::assert_snapshot!(fails("bad-decision"));
}

#[test]
fn bad_yaml_in_pages_data_and_themes() {
    insta::assert_snapshot!(fails("bad-yaml"));
}

#[test]
fn bad_yaml_in_site_yaml() {
    insta::assert_snapshot!(fails("bad-yaml-settings"));
}

/// Regression: a template including one the theme does not have was
/// reported as a bare `page.html:2:56`, not at the theme's file.
#[test]
fn missing_template() {
    insta::assert_snapshot!(fails("missing-template"));
}

/// A parent template that does not exist: at the name in `extends`.
#[test]
fn missing_parent_template() {
    let site = fixture("missing-template");
    site.write(
        "themes/broken/templates/page.html",
        "{# a page #}\n{% extends 'layout.html' %}\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error[template]: template error: this template extends `layout.html`, which the theme does not have\n --> [TMP]/site/themes/broken/templates/page.html:2:12\n"
        ),
        "{}",
        run.stderr
    );
}

/// Regression: a file and a folder at one path (an alias `/favicon.svg/`
/// where the theme writes its favicon file, a static file `about` beside
/// the page `about/`) failed while writing, naming the staging folder and
/// no source.
#[test]
fn output_clashes() {
    insta::assert_snapshot!(fails("output-clash"));
}

/// Runs a build of `site` that must fail; its stderr.
fn fails_site(site: &common::Site) -> String {
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "the build should fail:\n{}", run.stderr);
    run.stderr
}

/// The `error[…]` lines of a report, in order.
fn errors(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("error[")).collect()
}

const DATABASES: &str = "content/data/guides/databases/technologies.yaml";

/// One duplicate technology id (MySQL's id changed to `postgres`): the
/// duplicate was 1 error of 5, the last, after the 4 `unknown technology
/// `mysql`` errors it causes in the other files; now it is the only one,
/// and a note counts what was left out.
#[test]
fn a_duplicate_technology_id_is_the_one_problem_reported() {
    let site = fixture("databases");
    site.edit(DATABASES, "- id: mysql\n", "- id: postgres\n");
    let stderr = fails_site(&site);
    assert_eq!(
        errors(&stderr),
        ["error[duplicate-id]: duplicate id `postgres`"],
        "{stderr}"
    );
    assert!(
        stderr.contains("= note: 4 problems found by checking against the technology ids of guide `databases` are left out until this is fixed"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("error: 1 problem found (4 more that follow from it left out); build failed"),
        "{stderr}"
    );
}

/// The case on the bundled guide: one duplicate id gave 55 errors
/// with the real one 50th (24, 21st, when it was filed). The count of what
/// follows depends on the guide's text; the one error reported does not.
#[test]
fn a_duplicate_technology_id_in_the_bundled_guide_is_reported_alone() {
    let site = common::bundled();
    site.edit(
        "content/data/guides/nodepy/technologies.yaml",
        "- id: python\n",
        "- id: nodejs\n",
    );
    let stderr = fails_site(&site);
    assert_eq!(
        errors(&stderr),
        ["error[duplicate-id]: duplicate id `nodejs`"],
        "{stderr}"
    );
    let left_out: usize = stderr
        .split("error: 1 problem found (")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of what was left out:\n{stderr}"));
    assert!(left_out >= 20, "{left_out} left out:\n{stderr}");
}

/// A technology id changed in technologies.yaml alone (`sqlite` → `sqlight`)
/// was 10 errors: `missing an entry for technology `sqlight`` and `unknown
/// technology `sqlite`` in every map. Now it is one, at the id, naming the
/// id the other files use.
#[test]
fn a_technology_renamed_in_one_file_is_one_problem() {
    let site = fixture("databases");
    site.edit(DATABASES, "- id: sqlite\n", "- id: sqlight\n");
    let stderr = fails_site(&site);
    assert_eq!(
        errors(&stderr),
        [
            "error[guide]: technology `sqlight` is named nowhere else in the guide, whose other files name an unknown `sqlite` 7 times instead"
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: did you mean `sqlite`? (or rename `sqlite` to `sqlight` in the other files)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("(10 more that follow from it left out)"),
        "{stderr}"
    );
}

/// A typo in one reference is that reference's problem, not a rename: a
/// technology nobody names yet (just added) is not blamed for it.
#[test]
fn a_typo_in_a_reference_is_not_taken_for_a_rename() {
    let site = fixture("databases");
    site.edit(
        "content/data/guides/databases/aspects.yaml",
        "    winner: sqlite",
        "    winner: sqlte",
    );
    site.edit(
        DATABASES,
        "- id: sqlite\n",
        "- id: duckdb\n  name: DuckDB\n  summary: \"An analytical database.\"\n  colour: \"#c07a00\"\n- id: sqlite\n",
    );
    let stderr = fails_site(&site);
    let found = errors(&stderr);
    assert!(
        found.contains(
            &"error[guide]: `sqlte` is not one of: duckdb, mysql, postgres, sqlite, tie, depends"
        ),
        "{stderr}"
    );
    assert!(
        found
            .iter()
            .any(|e| e.contains("missing an entry for technology `duckdb`")),
        "{stderr}"
    );
    assert!(!stderr.contains("named nowhere else"), "{stderr}");
}

/// A verdict's scores are checked against its winner only when the winner
/// exists: an unknown winner is one problem, not two (it was also "these
/// scores contradict the verdict: the winner `sqlight` scores 0").
#[test]
fn scores_are_not_checked_against_an_unknown_winner() {
    let site = fixture("databases");
    site.edit(
        "content/data/guides/databases/aspects.yaml",
        "    winner: sqlite\n",
        "    winner: sqlight\n    scores: {postgres: 0.2, mysql: 0.2, sqlite: 0.9}\n",
    );
    let stderr = fails_site(&site);
    assert_eq!(
        errors(&stderr),
        ["error[guide]: `sqlight` is not one of: mysql, postgres, sqlite, tie, depends"],
        "{stderr}"
    );
}

/// Causes come first: a duplicate id is reported before a broken link in
/// a page, though the page sorts first by path.
#[test]
fn root_causes_come_before_other_problems() {
    let site = fixture("databases");
    site.edit(DATABASES, "- id: mysql\n", "- id: postgres\n");
    site.write(
        "content/aspects/broken.md",
        "---\ntitle: Broken\n---\n\n[nowhere](nowhere.md)\n",
    );
    let stderr = fails_site(&site);
    assert_eq!(
        errors(&stderr),
        [
            "error[duplicate-id]: duplicate id `postgres`",
            "error[broken-link]: links to `nowhere.md`, but there is no page `content/aspects/nowhere.md`",
        ],
        "{stderr}"
    );
}

/// An aspect embedded from a guide without aspects.yaml says why on each
/// embed, so the cause is in every message and not only in the first.
#[test]
fn an_aspect_of_a_guide_without_aspects_says_so() {
    let site = fixture("databases");
    std::fs::remove_file(site.root.join("content/data/guides/databases/aspects.yaml")).unwrap();
    let stderr = fails_site(&site);
    assert!(
        errors(&stderr).contains(
            &"error[embed]: guide `databases` has no aspect `operations` (it has no aspects.yaml entries)"
        ),
        "{stderr}"
    );
}

/// A writer's trial: in `brokers/routing.md`, `[x](delivry.md)` suggested
/// `brokers/delivery.md` (the path under content/), which written there
/// is another broken link; the suggestion is the link to write.
#[test]
fn a_missing_page_is_suggested_as_a_link_from_the_page() {
    let site = fixture("basic");
    site.write(
        "content/guide/third.md",
        "---\ntitle: Third\n---\n\n[next](secnd.md) and [home](../abuot.md)\n",
    );
    let stderr = fails_site(&site);
    assert!(
        stderr.contains("there is no page `content/guide/secnd.md` (did you mean `second.md`?)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("there is no page `content/abuot.md` (did you mean `../about.md`?)"),
        "{stderr}"
    );
}
