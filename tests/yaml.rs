//! YAML that would take the parser minutes: nesting past the limit is
//! refused before any parser sees it, at the bracket or indentation that
//! crosses it, in data files and front matter alike, in well under a second.
//! (The other YAML checks are in `tests/errors.rs`' snapshots.)

mod common;

use std::time::{Duration, Instant};

use common::fixture;

#[test]
fn nesting_past_the_limit_is_refused_at_once_where_it_crosses_it() {
    let site = fixture("basic");
    let deep = 100_000;
    // 200 KB of `[`: a minute in a data file, more in front matter, before.
    site.write(
        "content/data/flow.yaml",
        &format!("a: {}\n", "[".repeat(deep)),
    );
    site.write(
        "content/flow.md",
        &format!(
            "---\ntitle: Flow\nextra:\n  x: {}\n---\nbody\n",
            "{a: ".repeat(deep)
        ),
    );
    site.write(
        "content/dashes.md",
        &format!(
            "---\ntitle: Dashes\nextra:\n  x:\n    {}x\n---\nbody\n",
            "- ".repeat(deep)
        ),
    );
    let indented: String = (0..300)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    site.write("content/data/indented.yaml", &indented);

    let start = Instant::now();
    let run = site.build(&[]);
    let took = start.elapsed();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let places: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> [TMP]/site/"))
        .collect();
    // `a:` is level 1, so the 64th `[` (column 3 + 64) is level 65; under
    // `extra:` and `x:`, the 63rd `{a: ` or `- `; the 65th key indented
    // one more each line.
    assert_eq!(
        places,
        [
            "content/dashes.md:5:129",
            "content/data/flow.yaml:1:67",
            "content/data/indented.yaml:65:65",
            "content/flow.md:4:254",
        ]
    );
    assert_eq!(
        run.stderr
            .matches("error[yaml-syntax]: YAML nested more than 64 levels deep")
            .count(),
        4,
        "{}",
        run.stderr
    );
}

#[test]
fn nesting_up_to_the_limit_builds() {
    let site = fixture("basic");
    // 64 levels: `a:` and 63 lists.
    site.write(
        "content/data/deep.yaml",
        &format!("a: {}1{}\n", "[".repeat(63), "]".repeat(63)),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
