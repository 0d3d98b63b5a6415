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
