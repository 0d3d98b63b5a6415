//! An attack on `verdict serve`'s fast paths: the engine's body edit (a
//! page patched into the model, only it rendered again) and the search
//! index updated in place. Every test compares what `apply_change` leaves
//! in memory with a fresh build of the same files, byte for byte.

mod common;

use common::live::{Live, live};
use common::{Site, fixture};
use verdict::engine::{Project, ProjectOptions};
use verdict::output::Memory;

/// Writes `text` at `rel`, applies the change, and compares with a fresh
/// build.
fn put(l: &mut Live, rel: &str, text: &str) {
    l.site.write(rel, text);
    l.change(&[rel]);
    l.assert_same_as_fresh_build();
}

/// A page of 300 sections of five words each: an edit of a few words then
/// leaves the average section length (rounded) where it was, so the index
/// is updated in place rather than made again.
fn ballast(site: &Site) {
    let body: Vec<String> = (0..300)
        .map(|i| format!("## B{i}\n\nalpha beta gamma delta b{i}\n"))
        .collect();
    site.write(
        "content/notes/ballast.md",
        &page("Ballast", &body.join("\n")),
    );
}

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n\n{body}\n")
}

#[test]
fn h_crlf_and_bom_body_edits() {
    let mut l = live(fixture("basic"));
    let crlf = "---\r\ntitle: About\r\nslug: about\r\nweight: 2\r\n---\r\n\r\nAbout the fixture.\r\nSecond line.\r\n";
    put(&mut l, "content/about.md", crlf);
    put(&mut l, "content/about.md", &crlf.replace("Second", "Third"));
    let bom = format!("\u{feff}{}", crlf.replace("Third", "Fourth"));
    put(&mut l, "content/about.md", &bom);
    put(&mut l, "content/about.md", &bom.replace("Fourth", "Fifth"));
    put(&mut l, "content/about.md", &crlf.replace("\r\n", "\n"));
}

#[test]
fn h_front_matter_whitespace_and_comments() {
    let mut l = live(fixture("basic"));
    put(
        &mut l,
        "content/about.md",
        "---\ntitle:   About\n\n# a comment\nslug: about\nweight: 2   \n---\n\nAbout, edited.\n",
    );
    put(
        &mut l,
        "content/about.md",
        "---\ntitle: About\nslug: about\nweight: 2\n---\nAbout, no blank line.\n",
    );
}

#[test]
fn h_explicit_heading_id_renamed_back_and_forth() {
    let mut l = live(fixture("basic"));
    for (from, to) in [
        ("### Custom id {#custom}", "### Renamed words {#custom}"),
        ("### Renamed words {#custom}", "### Custom id {#custom}"),
        ("## Details", "## Details {#details}"),
    ] {
        let rel = if from.contains("Details") {
            "content/guide/second.md"
        } else {
            "content/guide/first.md"
        };
        l.edit(rel, from, to);
        l.assert_same_as_fresh_build();
    }
}

#[test]
fn h_burst_with_one_bad_page_then_fixes() {
    let mut l = live(fixture("basic"));
    l.site
        .edit("content/about.md", "About the fixture.", "About it.");
    l.site.edit(
        "content/guide/second.md",
        "Back to",
        "See [gone](nope.md). Back to",
    );
    assert!(
        l.try_change(&["content/about.md", "content/guide/second.md"])
            .is_err()
    );
    // Another page edited while the bad one stays: still refused.
    l.site
        .edit("content/notes/loose.md", "It belongs", "It still belongs");
    assert!(l.try_change(&["content/notes/loose.md"]).is_err());
    l.edit("content/guide/second.md", "See [gone](nope.md). ", "");
    l.assert_same_as_fresh_build();
}

#[test]
fn h_section_text_before_first_heading_and_emptied() {
    let mut l = live(fixture("basic"));
    l.edit(
        "content/guide/second.md",
        "## Details",
        "Intro words first.\n\n## Details",
    );
    l.assert_same_as_fresh_build();
    l.edit(
        "content/guide/second.md",
        "Windows line endings. Back to [first](first.md).",
        "",
    );
    l.assert_same_as_fresh_build();
    l.edit("content/guide/second.md", "Intro words first.\n\n", "");
    l.assert_same_as_fresh_build();
}

#[test]
fn h_footnotes_raw_html_ids_and_code() {
    let mut l = live(fixture("basic"));
    l.edit(
        "content/guide/second.md",
        "Back to",
        "Noted[^a]. <span id=\"details\">raw</span> Back to",
    );
    l.site.write(
        "content/guide/second.md",
        &format!(
            "{}\n[^a]: The note.\n",
            std::fs::read_to_string(l.site.root.join("content/guide/second.md")).unwrap()
        ),
    );
    l.change(&["content/guide/second.md"]);
    l.assert_same_as_fresh_build();
    l.edit(
        "content/about.md",
        "About the fixture.",
        "About.\n\n```rust\nfn main() {}\n```\n",
    );
    l.assert_same_as_fresh_build();
    l.edit("content/about.md", "```rust\nfn main() {}\n```\n", "");
    l.assert_same_as_fresh_build();
}

#[test]
fn h_stems_come_and_go() {
    let site = fixture("basic");
    ballast(&site);
    let mut l = live(site);
    let rel = "content/notes/loose.md";
    let title = "A page in a folder without an index";
    for body in [
        "It runs.",
        "It runs and running and runner.",
        "Run.",
        "Nothing here.",
        "runs runs runs runs",
        "",
        "generalization generalizations general generally",
        "agreed agree agreement",
    ] {
        put(&mut l, rel, &page(title, body));
    }
}

fn live_with_drafts(site: Site) -> (Site, Project, Memory) {
    let opts = ProjectOptions {
        root: site.root.clone(),
        drafts: true,
        ..ProjectOptions::default()
    };
    let mut p = Project::load(opts).unwrap();
    let out = Memory::new();
    p.build(&out).unwrap();
    (site, p, out)
}

#[test]
fn h_draft_body_edit_under_drafts() {
    let (site, mut p, out) = live_with_drafts(fixture("basic"));
    site.edit(
        "content/guide/draft.md",
        "Not ready.",
        "Not ready; runs now.",
    );
    p.apply_change(&[site.root.join("content/guide/draft.md")], &out)
        .unwrap();
    let (_s, _p, fresh) = live_with_drafts(Site::reuse(&site));
    assert_eq!(out.files(), fresh.files());
}

/// A page whose sections number past the posting-list cut: a word in every
/// section, its weights moved by edits.
#[test]
fn h_very_common_term_past_the_cut() {
    let site = fixture("basic");
    let body = |extra: &str, n: usize| -> String {
        (0..2100)
            .map(|i| {
                let more = if i % 97 == n { extra } else { "" };
                format!("## S{i}\n\nzeta word{i} {more}\n")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    site.write("content/notes/many.md", &page("Many", &body("", 0)));
    let mut l = live(site);
    for (extra, n) in [
        ("zeta zeta zeta", 3),
        ("zeta", 5),
        ("", 0),
        ("zetas zeta", 7),
    ] {
        put(
            &mut l,
            "content/notes/many.md",
            &page("Many", &body(extra, n)),
        );
    }
}

/// A1: a page replaced by a symbolic link to another page of the site,
/// then that page edited: the link's page reads the new text too (it was
/// left as it was, on the fast path and on a whole load alike); the target
/// deleted: refused, as a fresh build refuses the dangling link.
#[test]
fn a1_symlinked_page_follows_its_target() {
    let mut l = live(fixture("basic"));
    let about = l.site.root.join("content/about.md");
    let target = l.site.root.join("content/notes/loose.md");
    std::fs::remove_file(&about).unwrap();
    std::os::unix::fs::symlink(&target, &about).unwrap();
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
    l.edit("content/notes/loose.md", "It belongs", "It now belongs");
    l.assert_same_as_fresh_build();
    std::fs::remove_file(&target).unwrap();
    assert!(
        fresh_in_place(&l).is_none(),
        "a fresh build reads the dangling link"
    );
    assert!(l.try_change(&["content/notes/loose.md"]).is_err());
}

/// A1b: a folder that is a symbolic link to another folder of the site: an
/// edit of a page in the target reaches its twin under the link.
#[test]
fn a1b_symlinked_folder_follows_its_target() {
    let mut l = live(fixture("basic"));
    let more = l.site.root.join("content/more");
    std::os::unix::fs::symlink(l.site.root.join("content/notes"), &more).unwrap();
    l.change(&["content/more"]);
    assert_eq!(Some(l.out.files()), fresh_in_place(&l));
    l.edit("content/notes/loose.md", "It belongs", "It now belongs");
    assert_eq!(Some(l.out.files()), fresh_in_place(&l));
}

/// A fresh build of the live site's own folder (a copy would not keep its
/// links); `None` when it fails.
fn fresh_in_place(l: &Live) -> Option<std::collections::BTreeMap<String, Vec<u8>>> {
    let mut p = Project::load(ProjectOptions {
        root: l.site.root.clone(),
        ..ProjectOptions::default()
    })
    .ok()?;
    let out = Memory::new();
    p.build(&out).ok()?;
    Some(out.files())
}

/// Many edits of two pages, one word list with plurals and stems, the
/// index updated in place each time (the ballast keeps the average).
#[test]
fn h_many_edits_in_place() {
    const WORDS: [&str; 16] = [
        "run",
        "runs",
        "running",
        "runner",
        "loop",
        "loops",
        "agreed",
        "agree",
        "general",
        "generalization",
        "generally",
        "zeta",
        "zetas",
        "io",
        "alpha",
        "gammas",
    ];
    let site = fixture("basic");
    ballast(&site);
    let mut l = live(site);
    let mut seed: u64 = 11;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for step in 0..40 {
        let words: Vec<&str> = (0..next(12)).map(|_| WORDS[next(WORDS.len())]).collect();
        if step % 2 == 0 {
            let body = format!(
                "## Details\n\n{} Back to [first](first.md).",
                words.join(" ")
            );
            put(
                &mut l,
                "content/guide/second.md",
                &format!("---\ntitle: Second\nweight: 2\n---\n\n{body}\n"),
            );
        } else {
            put(
                &mut l,
                "content/notes/loose.md",
                &page("A page in a folder without an index", &words.join(" ")),
            );
        }
    }
}

/// Titles and descriptions (front matter: a whole load, but the index is
/// still updated in place when the pages and the average stay).
#[test]
fn h_titles_and_descriptions_in_place() {
    let site = fixture("basic");
    ballast(&site);
    let mut l = live(site);
    for (title, desc) in [
        ("Running notes", "Runs and loops."),
        ("Run notes", ""),
        ("Loose", "running runner runs"),
        ("A page in a folder without an index", "alpha"),
    ] {
        let front = if desc.is_empty() {
            format!("---\ntitle: {title}\n---\n\nIt belongs to the home section.\n")
        } else {
            format!(
                "---\ntitle: {title}\ndescription: {desc}\n---\n\nIt belongs to the home section.\n"
            )
        };
        put(&mut l, "content/notes/loose.md", &front);
    }
}
