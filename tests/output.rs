//! The output folder end to end: files the output cannot hold, found
//! before writing.

mod common;

use common::{Site, fixture};

fn fails(site: &Site) -> String {
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.out().exists(), "nothing is written");
    run.stderr
}

/// Regression: a name longer than file systems allow failed while writing.
/// A static CSS file whose name fits on disk but not once hashed, and a
/// page's `slug:`.
#[test]
fn a_name_too_long_for_file_systems_is_an_error_at_its_source() {
    let site = fixture("basic");
    let name = format!("themes/local/static/{}.css", "a".repeat(247));
    site.write(&name, "body{}");
    let stderr = fails(&site);
    assert!(
        stderr.starts_with(&format!(
            "error[output-collision]: the output path /{}.",
            "a".repeat(247)
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            ".css, from [TMP]/site/{name}, holds a name of 262 bytes (aaaaaaaaaaaaaaaaaaaaaaaa…), longer than the 255 bytes file systems allow; shorten it"
        )),
        "{stderr}"
    );
    std::fs::remove_file(site.root.join(&name)).unwrap();

    site.edit(
        "content/about.md",
        "slug: about",
        &format!("slug: {}", "b".repeat(256)),
    );
    let stderr = fails(&site);
    assert!(
        stderr.starts_with(&format!(
            "error[output-collision]: the output path /{0}/index.html, from the page [TMP]/site/content/about.md:3:7, holds a name of 256 bytes (bbbbbbbbbbbbbbbbbbbbbbbb…), longer than the 255 bytes file systems allow; shorten it\n --> [TMP]/site/content/about.md:3:7",
            "b".repeat(256)
        )),
        "{stderr}"
    );
}
