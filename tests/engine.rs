//! The engine under change: a `Project` loaded once takes edits through
//! `apply_change` and renders again only what reads what changed. These
//! tests count renders (the `rendered` list of each change report) on the
//! bundled guide and the fixtures, and compare the result with a fresh build.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::live::live;
use common::{Site, bundled, fixture};
use verdict::engine::{ChangeReport, Project, ProjectOptions};
use verdict::output::Memory;

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn rendered(r: &ChangeReport) -> BTreeSet<String> {
    r.rendered.iter().cloned().collect()
}

/// The stages the last change went through.
fn stage_names(p: &Project) -> Vec<&'static str> {
    p.change_stages().iter().map(|(name, _)| *name).collect()
}

#[test]
fn editing_a_page_body_renders_that_page_only() {
    let mut l = live(bundled());
    let r = l.edit(
        "content/aspects/speed.md",
        "is sometimes the fix",
        "is at times the fix",
    );
    assert_eq!(rendered(&r), set(&["aspects/speed.md"]));
    assert_eq!(
        stage_names(&l.project),
        ["read", "patch", "render", "write", "search index"],
        "a body edit keeps the model and patches the page in"
    );
    // The page, and the parts of the search index its text feeds (the
    // directory carries the shards' tags, so it changes with them): the
    // page's text shard and a few term shards, not the whole index.
    let (index, pages): (Vec<&String>, Vec<&String>) =
        r.written.iter().partition(|w| w.starts_with("search/"));
    assert_eq!(pages, ["aspects/speed/index.html"]);
    assert!(index.contains(&&"search/dir.js".to_string()), "{index:?}");
    assert!(index.len() < 10, "{index:?}");
    assert!(index.iter().any(|p| p.starts_with("search/x")), "{index:?}");
    assert!(r.removed.is_empty(), "{:?}", r.removed);
    assert!(
        l.out
            .get("aspects/speed/index.html")
            .is_some_and(|b| String::from_utf8_lossy(&b).contains("is at times the fix"))
    );
    l.assert_same_as_fresh_build();
}

#[test]
fn editing_a_title_renders_the_pages_that_show_it() {
    let mut l = live(bundled());
    let r = l.edit(
        "content/aspects/speed.md",
        "title: Speed",
        "title: Raw speed",
    );
    let got = rendered(&r);
    // Its section lists it, its neighbours link to it by title, and pages
    // that link to it name it; a page that does none of that is untouched.
    for must in ["aspects/speed.md", "aspects/_index.md"] {
        assert!(got.contains(must), "{must} not in {got:?}");
    }
    assert!(got.len() < l.all.len(), "everything re-rendered: {got:?}");
    assert!(!got.contains("aspects/learning.md"), "{got:?}");
    l.assert_same_as_fresh_build();
}

#[test]
fn editing_a_guide_renders_only_the_pages_that_embed_it() {
    let site = bundled();
    let mut l = live(site);
    let report = {
        // What the first build recorded: pages that show the guide.
        let fresh = Project::load(ProjectOptions {
            root: l.site.root.clone(),
            ..ProjectOptions::default()
        })
        .unwrap()
        .build(&Memory::new())
        .unwrap();
        report_guide_pages(&report_deps(&fresh))
    };
    let r = l.edit(
        "content/data/guides/nodepy/aspects.yaml",
        "reasoning: ",
        "reasoning: Measured. ",
    );
    let got = rendered(&r);
    assert!(!got.is_empty());
    assert!(got.is_subset(&report), "{got:?} ⊄ {report:?}");
    assert!(got.len() < l.all.len(), "{got:?}");
    for untouched in ["overview/nodejs.md", "overview/python.md", "conclusion.md"] {
        assert!(!got.contains(untouched), "{untouched} in {got:?}");
    }
    l.assert_same_as_fresh_build();
}

/// The decision helper's questionnaire is part of the guide: editing it
/// re-renders the pages that embed the guide (the helper's page among them),
/// and the result equals a fresh build.
#[test]
fn editing_the_questionnaire_reaches_the_helper_page() {
    let mut l = live(bundled());
    let r = l.edit(
        "content/data/guides/nodepy/decision.yaml",
        "label: JavaScript or TypeScript",
        "label: JavaScript or TypeScript (edited)",
    );
    let got = rendered(&r);
    assert!(got.contains("decide.md"), "{got:?}");
    assert!(got.len() < l.all.len(), "{got:?}");
    assert!(!got.contains("overview/python.md"), "{got:?}");
    let page = String::from_utf8(l.out.get("decide/index.html").unwrap()).unwrap();
    assert!(page.contains("JavaScript or TypeScript (edited)"));
    l.assert_same_as_fresh_build();
}

fn report_deps(
    r: &verdict::engine::BuildReport,
) -> Vec<(String, BTreeSet<verdict::model::guides::GuideId>)> {
    r.deps
        .iter()
        .map(|(k, d)| (k.clone(), d.guides.clone()))
        .collect()
}

fn report_guide_pages(
    deps: &[(String, BTreeSet<verdict::model::guides::GuideId>)],
) -> BTreeSet<String> {
    deps.iter()
        .filter(|(_, g)| g.iter().any(|g| g.as_str() == "nodepy"))
        .map(|(k, _)| k.clone())
        .collect()
}

#[test]
fn editing_a_template_renders_the_pages_that_use_it() {
    let mut l = live(fixture("basic"));
    // The local theme overrides home.html only; the home page alone uses it.
    let r = l.edit(
        "themes/local/templates/home.html",
        "<ul class=\"members\">",
        "<ul class=\"members team\">",
    );
    assert_eq!(rendered(&r), set(&["_index.md"]));
    l.assert_same_as_fresh_build();
}

#[test]
fn a_new_page_renders_its_section_and_neighbours() {
    let mut l = live(fixture("basic"));
    l.site.write(
        "content/guide/third.md",
        "---\ntitle: Third\nweight: 3\n---\n\nThe third page.\n",
    );
    let r = l.change(&["content/guide/third.md"]);
    let got = rendered(&r);
    // Reading order: … second, third (new), about (weight 2), loose.
    for must in [
        "guide/third.md",
        "guide/_index.md",
        "guide/second.md",
        "about.md",
    ] {
        assert!(got.contains(must), "{must} not in {got:?}");
    }
    assert!(!got.contains("notes/loose.md"), "{got:?}");
    assert!(!got.contains("guide/first.md"), "{got:?}");
    assert!(l.out.get("guide/third/index.html").is_some());
    l.assert_same_as_fresh_build();

    // Deleting it again removes its output and renders the neighbours back.
    std::fs::remove_file(l.site.root.join("content/guide/third.md")).unwrap();
    let r = l.change(&["content/guide/third.md"]);
    assert!(
        r.removed.contains(&"guide/third/index.html".to_string()),
        "{r:?}"
    );
    assert!(l.out.get("guide/third/index.html").is_none());
    l.assert_same_as_fresh_build();
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_a_fix_recovers() {
    let mut l = live(fixture("basic"));
    let before = l.out.files();
    l.site.edit("content/about.md", "title:", "titel:");
    let err = l
        .project
        .apply_change(&[l.site.root.join("content/about.md")], &l.out)
        .unwrap_err();
    assert!(err.to_string().contains("about.md"), "{err}");
    assert_eq!(l.out.files(), before, "a failed change writes nothing");
    l.site.edit("content/about.md", "titel:", "title:");
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn unrelated_paths_change_nothing() {
    let mut l = live(fixture("basic"));
    let r = l.change(&["public/index.html", ".git/index", "README.md"]);
    assert_eq!(r, ChangeReport::default());
}

#[test]
fn a_repeated_code_block_is_highlighted_once() {
    let site = fixture("basic");
    let block = "```rust\nfn main() { println!(\"same\"); }\n```\n";
    site.write(
        "content/notes/a.md",
        &format!("---\ntitle: A\n---\n\n{block}"),
    );
    let once = live(Site::reuse(&site)).project.highlighter().stats();
    site.write(
        "content/notes/b.md",
        &format!("---\ntitle: B\n---\n\n{block}"),
    );
    let twice = live(site).project.highlighter().stats();
    assert_eq!(twice.0, once.0, "the second copy is not highlighted again");
    assert_eq!(twice.1, once.1 + 1, "it is found in the cache");
}

/// A writer's session: one edit after another of every kind, each applied
/// incrementally; after each, the output equals a fresh build of the same
/// files. This is what catches a dependency the index does not know of.
#[test]
fn a_sequence_of_edits_always_matches_a_fresh_build() {
    let mut l = live(fixture("basic"));
    type Step = (&'static str, fn(&Site) -> Vec<&'static str>);
    let steps: Vec<Step> = vec![
        ("body edit", |s| {
            s.edit(
                "content/guide/second.md",
                "## Details",
                "## Details\n\nMore words.",
            );
            vec!["content/guide/second.md"]
        }),
        ("heading renamed, a link now points at a new id", |s| {
            s.edit(
                "content/guide/second.md",
                "## Details",
                "## Details {#details}\n\n## Extra",
            );
            vec!["content/guide/second.md"]
        }),
        ("title of a page shown in a listing and linked", |s| {
            s.edit(
                "content/guide/second.md",
                "title: Second",
                "title: Second, renamed",
            );
            vec!["content/guide/second.md"]
        }),
        ("data file read by the home template", |s| {
            s.edit("content/data/team/members.yaml", "Grace", "Grace Hopper");
            vec!["content/data/team/members.yaml"]
        }),
        ("template", |s| {
            s.edit(
                "themes/local/templates/home.html",
                "<h1>",
                "<h1 class=\"big\">",
            );
            vec!["themes/local/templates/home.html"]
        }),
        ("new alias", |s| {
            s.edit(
                "content/about.md",
                "slug: about",
                "slug: about\naliases: [/who/]",
            );
            vec!["content/about.md"]
        }),
        ("weight change reorders the reading order", |s| {
            s.edit("content/about.md", "weight: 2", "weight: 0");
            vec!["content/about.md"]
        }),
        ("navigation title in site.yaml", |s| {
            s.edit("content/site.yaml", "title: Guide", "title: The guide");
            vec!["content/site.yaml"]
        }),
        ("static file", |s| {
            s.write("static/robots-extra.txt", "changed\n");
            vec!["static/robots-extra.txt"]
        }),
        ("new folder with a section and a page", |s| {
            s.write(
                "content/more/_index.md",
                "---\ntitle: More\n---\n\nMore pages.\n",
            );
            s.write(
                "content/more/page.md",
                "---\ntitle: A page\n---\n\nSee [the first](../guide/first.md).\n",
            );
            vec!["content/more"]
        }),
        ("section title shown by its page's breadcrumb", |s| {
            s.edit("content/more/_index.md", "title: More", "title: Even more");
            vec!["content/more/_index.md"]
        }),
        ("folder removed", |s| {
            std::fs::remove_dir_all(s.root.join("content/more")).unwrap();
            vec!["content/more"]
        }),
        ("file beside a page removed and put back", |s| {
            let p = s.root.join("content/guide/diagram.svg");
            let bytes = std::fs::read(&p).unwrap();
            std::fs::remove_file(&p).unwrap();
            std::fs::write(&p, bytes).unwrap();
            vec!["content/guide/diagram.svg"]
        }),
        ("draft published", |s| {
            s.edit("content/guide/draft.md", "draft: true", "draft: false");
            vec!["content/guide/draft.md"]
        }),
    ];
    for (what, step) in steps {
        let rels = step(&l.site);
        let paths: Vec<PathBuf> = rels.iter().map(|r| l.site.root.join(r)).collect();
        l.project
            .apply_change(&paths, &l.out)
            .unwrap_or_else(|d| panic!("{what}: {d}"));
        let fresh = live(Site::reuse(&l.site));
        let (a, b) = (l.out.files(), fresh.out.files());
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "after `{what}`, these differ from a fresh build: {differ:?}"
        );
    }
}

/// Rendering returns the plain text of each heading section as a typed side
/// output (the search index reads it), kept up to date by changes.
#[test]
fn each_heading_section_has_its_plain_text() {
    let mut l = live(fixture("basic"));
    let sections = l.project.sections("guide/first.md").expect("rendered");
    let first = &sections[0];
    assert_eq!(first.anchor.as_deref(), Some("why-it-matters"));
    assert_eq!(first.title, "Why it matters");
    assert!(
        first
            .text
            .starts_with("Some text with a link to the second page"),
        "{first:?}"
    );
    assert!(!first.text.contains("<a"), "plain text: {first:?}");
    assert_eq!(sections[1].anchor.as_deref(), Some("why-it-matters-1"));
    l.edit(
        "content/guide/first.md",
        "Some text with",
        "Changed text with",
    );
    let sections = l.project.sections("guide/first.md").unwrap();
    assert!(sections[0].text.starts_with("Changed text with"));
}

/// A build writes every file into the sink it is given, even when an
/// earlier build of the same project wrote them elsewhere.
#[test]
fn a_second_build_into_a_new_sink_writes_everything() {
    let mut l = live(fixture("basic"));
    let again = Memory::new();
    l.project.build(&again).unwrap();
    assert_eq!(again.files(), l.out.files());
}

/// A change that breaks at render time (a link to a page that is gone)
/// keeps the last good state, like one that breaks at load time.
#[test]
fn a_render_time_failure_keeps_the_last_good_state() {
    let mut l = live(fixture("basic"));
    l.site
        .edit("content/about.md", "title: About", "title: About us");
    l.site.edit(
        "content/about.md",
        "About the fixture.",
        "See [gone](gone.md).",
    );
    let err = l
        .project
        .apply_change(&[l.site.root.join("content/about.md")], &l.out)
        .unwrap_err();
    assert!(err.to_string().contains("gone.md"), "{err}");
    let about = l.project.site().index.get("about.md").unwrap();
    assert_eq!(l.project.site().pages[about].title(), "About");
    l.site
        .edit("content/about.md", "See [gone](gone.md).", "Fixed.");
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
}

/// A data file is read by the templates that name `data` inside their tags:
/// editing one re-renders only the pages those templates draw (here the
/// home page of the fixture's theme), not every page of the default theme,
/// whose markup merely says `data-theme-toggle`.
#[test]
fn editing_a_data_file_renders_the_pages_whose_templates_read_data() {
    let mut l = live(fixture("basic"));
    let r = l.edit("content/data/team/members.yaml", "Grace", "Grace Hopper");
    assert_eq!(rendered(&r), set(&["_index.md"]));
    l.assert_same_as_fresh_build();
}

/// A body edit with a broken link fails at the link, leaves the page as it
/// was, and the next change loads the whole site again.
#[test]
fn a_body_edit_with_a_broken_link_keeps_the_page_as_it_was() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/about.md",
        "About the fixture.",
        "See [gone](gone.md).",
    );
    let err = l
        .project
        .apply_change(&[l.site.root.join("content/about.md")], &l.out)
        .unwrap_err();
    assert!(err.to_string().contains("gone.md"), "{err}");
    let about = l.project.site().index.get("about.md").unwrap();
    let text = &l.project.site().pages[about].source.file.text;
    assert!(text.contains("About the fixture."), "{text}");
    l.site
        .edit("content/about.md", "See [gone](gone.md).", "Fixed.");
    l.change(&["content/about.md"]);
    assert!(
        stage_names(&l.project).contains(&"model"),
        "after a failure the whole site is loaded: {:?}",
        stage_names(&l.project)
    );
    l.assert_same_as_fresh_build();
}

/// A body edit that fails to render (an embed of a guide the site lacks)
/// puts the page's old source back: the next good edit of another page
/// does not publish the broken one.
#[test]
fn a_body_edit_that_fails_to_render_puts_the_old_source_back() {
    let mut l = live(bundled());
    l.site.edit(
        "content/aspects/speed.md",
        "is sometimes the fix",
        "is sometimes the fix\n\n```verdict\nverdict: speed\nguide: nosuch\n```\n",
    );
    let err = l
        .project
        .apply_change(&[l.site.root.join("content/aspects/speed.md")], &l.out)
        .unwrap_err();
    assert!(err.to_string().contains("nosuch"), "{err}");
    let speed = l.project.site().index.get("aspects/speed.md").unwrap();
    let text = &l.project.site().pages[speed].source.file.text;
    assert!(!text.contains("nosuch"), "the old source is back");
    l.site
        .edit("content/aspects/speed.md", "guide: nosuch", "guide: nodepy");
    l.change(&["content/aspects/speed.md"]);
    l.assert_same_as_fresh_build();
}

/// Edits that change what other pages read (a heading id, the front
/// matter) take the whole load, never the fast way.
#[test]
fn edits_other_pages_read_load_the_whole_site() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/guide/second.md",
        "## Details",
        "## Details\n\n## Extra",
    );
    l.change(&["content/guide/second.md"]);
    assert!(stage_names(&l.project).contains(&"model"));
    l.assert_same_as_fresh_build();
    l.site.edit("content/about.md", "weight: 2", "weight: 0");
    l.change(&["content/about.md"]);
    assert!(stage_names(&l.project).contains(&"model"));
    l.assert_same_as_fresh_build();
    l.site
        .edit("content/about.md", "About the fixture.", "About it.");
    l.change(&["content/about.md"]);
    assert!(stage_names(&l.project).contains(&"patch"));
    l.assert_same_as_fresh_build();
}
