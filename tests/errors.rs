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

/// Regression: a file and a folder at one path (an alias `/favicon.svg/`
/// where the theme writes its favicon file, a static file `about` beside
/// the page `about/`) failed while writing, naming the staging folder and
/// no source.
#[test]
fn output_clashes() {
    insta::assert_snapshot!(fails("output-clash"));
}
