//! Edge cases of incremental rebuilds, found by attacking the engine: each
//! `d*` test is a defect that was fixed (it failed before), each `h*` test a
//! case that held. Every one compares `apply_change` with a fresh build, or
//! checks that a change a fresh build would refuse is refused.

mod common;

use std::path::PathBuf;

use common::live::live;
use common::{Site, fixture};
use verdict::engine::{ChangeReport, Project, ProjectOptions};
use verdict::output::Memory;

// D1: a folder path for an edited page body.
#[test]
fn d1_body_edit_reported_as_its_folder() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/guide/second.md",
        "Windows line endings.",
        "CHANGED BODY.",
    );
    l.change(&["content/guide"]);
    l.assert_same_as_fresh_build();
}

// D2: a deleted folder whose name contains a dot.
#[test]
fn d2_deleted_folder_with_a_dot() {
    let mut l = live(fixture("basic"));
    l.site.write(
        "content/v1.0/page.md",
        "---\ntitle: Versioned\n---\n\nText.\n",
    );
    l.change(&["content/v1.0/page.md"]);
    l.assert_same_as_fresh_build();
    std::fs::remove_dir_all(l.site.root.join("content/v1.0")).unwrap();
    l.change(&["content/v1.0"]);
    l.assert_same_as_fresh_build();
}

// D3: deleting a file a page links to (an image) must fail like a fresh build.
#[test]
fn d3_deleting_a_linked_file() {
    let mut l = live(fixture("basic"));
    std::fs::remove_file(l.site.root.join("content/guide/diagram.svg")).unwrap();
    assert!(l.fresh_fails(), "fresh build should fail");
    let r = l.try_change(&["content/guide/diagram.svg"]);
    assert!(r.is_err(), "incremental accepted it: {r:?}");
}

// D4: a new section _index.md above an existing section changes the breadcrumbs of grandchildren.
#[test]
fn d4_new_grandparent_section() {
    let mut l = live(fixture("basic"));
    l.site
        .write("content/a/b/_index.md", "---\ntitle: B\n---\n\nB.\n");
    l.site
        .write("content/a/b/x.md", "---\ntitle: X\n---\n\nX.\n");
    l.change(&["content/a"]);
    l.assert_same_as_fresh_build();
    l.site
        .write("content/a/_index.md", "---\ntitle: Zz\n---\n\nA.\n");
    l.change(&["content/a/_index.md"]);
    l.assert_same_as_fresh_build();
}

// D5: relative root, absolute changed paths (what a watcher reports).
#[test]
fn d5_relative_root() {
    let site = fixture("basic");
    let rel_root = common::live::relative_root(&site);
    let mut project = Project::load(ProjectOptions {
        root: rel_root,
        ..ProjectOptions::default()
    })
    .unwrap();
    let out = Memory::new();
    project.build(&out).unwrap();
    site.edit("content/about.md", "About the fixture.", "About CHANGED.");
    let r = project
        .apply_change(&[site.root.join("content/about.md")], &out)
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.get("about/index.html").unwrap()).contains("About CHANGED"),
        "{r:?}"
    );
}

// D6: a content asset edited, reported as its folder.
#[test]
fn d6_content_asset_reported_as_folder() {
    let mut l = live(fixture("basic"));
    l.site.write(
        "content/guide/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- new --></svg>\n",
    );
    l.change(&["content/guide"]);
    l.assert_same_as_fresh_build();
}

// D7: a site static file edited, reported as the static folder.
#[test]
fn d7_static_reported_as_folder() {
    let mut l = live(fixture("basic"));
    l.site.write("static/robots-extra.txt", "changed\n");
    l.change(&["static"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn h_anchor_removed_then_fixed() {
    let mut l = live(fixture("basic"));
    let before = l.out.files();
    l.site
        .edit("content/guide/second.md", "## Details", "## Detail");
    let r = l.try_change(&["content/guide/second.md"]);
    assert!(r.is_err(), "{r:?}");
    assert_eq!(l.out.files(), before);
    l.site
        .edit("content/guide/second.md", "## Detail", "## Details");
    l.change(&["content/guide/second.md"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn h_rename_page_one_change_and_two() {
    let mut l = live(fixture("basic"));
    let root = l.site.root.clone();
    std::fs::rename(
        root.join("content/notes/loose.md"),
        root.join("content/notes/moved.md"),
    )
    .unwrap();
    let r = l.change(&["content/notes/loose.md", "content/notes/moved.md"]);
    assert!(
        r.removed.contains(&"notes/loose/index.html".to_string()),
        "{r:?}"
    );
    l.assert_same_as_fresh_build();
    std::fs::rename(
        root.join("content/notes/moved.md"),
        root.join("content/notes/again.md"),
    )
    .unwrap();
    l.change(&["content/notes/moved.md"]);
    l.change(&["content/notes/again.md"]);
    l.assert_same_as_fresh_build();
    // rename a linked page: must fail
    std::fs::rename(
        root.join("content/guide/second.md"),
        root.join("content/guide/zweite.md"),
    )
    .unwrap();
    assert!(
        l.try_change(&["content/guide/second.md", "content/guide/zweite.md"])
            .is_err()
    );
    std::fs::rename(
        root.join("content/guide/zweite.md"),
        root.join("content/guide/second.md"),
    )
    .unwrap();
    l.change(&["content/guide/zweite.md", "content/guide/second.md"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn h_section_slug_moves_children() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/guide/_index.md",
        "weight: 1",
        "weight: 1\nslug: manual",
    );
    let r = l.change(&["content/guide/_index.md"]);
    assert!(
        r.removed.contains(&"guide/first/index.html".to_string()),
        "{r:?}"
    );
    assert!(l.out.get("guide/first/index.html").is_none());
    l.assert_same_as_fresh_build();
}

#[test]
fn h_aliases_added_removed_clashing() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/about.md",
        "slug: about",
        "slug: about\naliases: [/who/]",
    );
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
    l.site
        .edit("content/about.md", "aliases: [/who/]", "aliases: [/guide/]");
    assert!(l.try_change(&["content/about.md"]).is_err());
    l.site.edit("content/about.md", "aliases: [/guide/]", "");
    let r = l.change(&["content/about.md"]);
    assert!(l.out.get("who/index.html").is_none(), "{r:?}");
    l.assert_same_as_fresh_build();
}

#[test]
fn h_draft_toggle_of_linked_page_fails() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/guide/second.md",
        "weight: 2",
        "weight: 2\ndraft: true",
    );
    assert!(l.fresh_fails());
    assert!(l.try_change(&["content/guide/second.md"]).is_err());
    l.site.edit(
        "content/guide/second.md",
        "weight: 2\ndraft: true",
        "weight: 2",
    );
    l.change(&["content/guide/second.md"]);
    l.assert_same_as_fresh_build();
    // about.md is linked by a site path (`/about/`, from a page and the
    // footer): a draft of it fails as a `.md` link to a draft does (it used
    // to build, leaving those links broken).
    l.site
        .edit("content/about.md", "weight: 2", "weight: 2\ndraft: true");
    assert!(l.fresh_fails());
    let r = l.try_change(&["content/about.md"]);
    assert!(
        r.as_ref()
            .is_err_and(|e| e
                .contains("links to `/about/`, but `about.md` is a draft, left out of this build")),
        "{r:?}"
    );
    l.site
        .edit("content/about.md", "weight: 2\ndraft: true", "weight: 2");
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn h_new_template_named_by_front_matter() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/about.md",
        "slug: about",
        "slug: about\ntemplate: special.html",
    );
    assert!(l.try_change(&["content/about.md"]).is_err());
    l.site.write(
        "themes/local/templates/special.html",
        "{% extends \"page.html\" %}{% block content %}SPECIAL {{ page.title }}{% endblock content %}",
    );
    l.change(&["themes/local/templates/special.html"]);
    l.assert_same_as_fresh_build();
    l.site.edit(
        "themes/local/templates/special.html",
        "SPECIAL",
        "VERY SPECIAL",
    );
    l.change(&["themes/local/templates/special.html"]);
    l.assert_same_as_fresh_build();
    l.site.edit(
        "content/about.md",
        "template: special.html",
        "template: page.html",
    );
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn h_theme_extends_and_css() {
    let mut l = live(fixture("basic"));
    l.site
        .write("themes/local/static/css/main.css", "body{color:red}\n");
    l.change(&["themes/local/static/css/main.css"]);
    l.assert_same_as_fresh_build();
    l.site
        .write("themes/local/static/css/main.css", "body{color:blue}\n");
    l.change(&["themes/local/static/css"]);
    l.assert_same_as_fresh_build();
    std::fs::remove_file(l.site.root.join("themes/local/static/css/main.css")).unwrap();
    l.change(&["themes/local/static/css/main.css"]);
    l.assert_same_as_fresh_build();
    l.site.write("static/css/main.css", "body{color:green}\n");
    l.change(&["static/css/main.css"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn h_odd_paths() {
    let mut l = live(fixture("basic"));
    assert_eq!(l.change(&[]), ChangeReport::default());
    let r = l
        .project
        .apply_change(
            &[PathBuf::from("/etc/passwd"), PathBuf::from("../outside.md")],
            &l.out,
        )
        .unwrap();
    assert_eq!(r, ChangeReport::default());
    l.site
        .edit("content/about.md", "About the fixture.", "About twice.");
    let r = l
        .project
        .apply_change(
            &[
                PathBuf::from("content/about.md"),
                l.site.root.join("content/about.md"),
                l.site.root.join("content/./about.md"),
            ],
            &l.out,
        )
        .unwrap();
    assert_eq!(r.rendered, ["about.md"]);
    l.assert_same_as_fresh_build();
    // unicode file name
    l.site.write(
        "content/notes/café.md",
        "---\ntitle: Café\n---\n\nBonjour.\n",
    );
    l.change(&["content/notes/café.md"]);
    l.assert_same_as_fresh_build();
    std::fs::remove_file(l.site.root.join("content/notes/café.md")).unwrap();
    let r = l.change(&["content/notes/café.md"]);
    assert!(!r.removed.is_empty());
    l.assert_same_as_fresh_build();
}

#[test]
fn h_data_edit_and_bad_yaml() {
    let mut l = live(fixture("basic"));
    l.site
        .edit("content/data/settings.yml", "Measure twice", "Cut once");
    l.change(&["content/data/settings.yml"]);
    l.assert_same_as_fresh_build();
    let before = l.out.files();
    l.site
        .write("content/data/settings.yml", "motto: [unclosed\n");
    assert!(l.try_change(&["content/data/settings.yml"]).is_err());
    assert_eq!(l.out.files(), before);
    // a different change that does not fix it still fails
    l.site
        .edit("content/about.md", "About the fixture.", "About x.");
    assert!(l.try_change(&["content/about.md"]).is_err());
    l.site.write("content/data/settings.yml", "motto: Fixed\n");
    l.change(&["content/data/settings.yml"]);
    l.assert_same_as_fresh_build();
    // new data file
    l.site.write("content/data/extra.yaml", "a: 1\n");
    l.change(&["content/data/extra.yaml"]);
    l.assert_same_as_fresh_build();
}

/// The databases guide, made to fit the basic fixture (its page links point at about.md).
fn add_guide(site: &Site, id: &str) {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/databases/content/data/guides/databases");
    let dst = site.root.join("content/data/guides").join(id);
    common::copy_dir(&src, &dst);
    for e in std::fs::read_dir(&dst).unwrap() {
        let p = e.unwrap().path();
        let t = std::fs::read_to_string(&p).unwrap();
        let t: String = t
            .lines()
            .filter(|l| !l.contains("page: "))
            .map(|l| format!("{l}\n"))
            .collect();
        let t = t
            .replace(
                "[operations](aspects/operations.md#postgresql)",
                "operations",
            )
            .replace("[throughput](aspects/throughput.md)", "throughput")
            .replace("- id: operations\n", "- id: operations\n  page: about.md\n");
        std::fs::write(&p, t).unwrap();
    }
}

// D8: a template that lists `guides` is not re-rendered when a guide is added.
#[test]
fn d8_new_guide_listed_by_template() {
    let site = fixture("basic");
    site.edit("themes/local/templates/home.html", "<ul class=\"members\">", "<ul class=\"guides\">{% for id, g in guides %}<li>{{ id }}</li>{% endfor %}</ul><ul class=\"members\">");
    add_guide(&site, "databases");
    let mut l = live(site);
    add_guide(&l.site, "more");
    assert!(!l.fresh_fails());
    l.change(&["content/data/guides/more"]);
    l.assert_same_as_fresh_build();
}

// D9: adding a second guide makes guide-less embeds ambiguous (a fresh build fails).
#[test]
fn d9_second_guide_makes_embeds_ambiguous() {
    let mut l = live(fixture("databases"));
    let root = l.site.root.clone();
    common::copy_dir(
        &root.join("content/data/guides/databases"),
        &root.join("content/data/guides/more"),
    );
    assert!(l.fresh_fails());
    let r = l.try_change(&["content/data/guides/more"]);
    assert!(r.is_err(), "incremental accepted it: {r:?}");
}

#[test]
fn h_guide_technologies_and_linked_pages() {
    let mut l = live(fixture("databases"));
    l.site.edit(
        "content/data/guides/databases/technologies.yaml",
        "name: MySQL",
        "name: MariaDB",
    );
    l.change(&["content/data/guides/databases/technologies.yaml"]);
    l.assert_same_as_fresh_build();
    l.site.edit(
        "content/data/guides/databases/technologies.yaml",
        "colour: \"#00758f\"",
        "colour: \"#aa0000\"",
    );
    l.change(&["content/data/guides/databases/technologies.yaml"]);
    l.assert_same_as_fresh_build();
    let t = std::fs::read_to_string(l.site.root.join("content/aspects/operations.md")).unwrap();
    let title_line = t
        .lines()
        .find(|x| x.starts_with("title:"))
        .unwrap()
        .to_string();
    l.site.edit(
        "content/aspects/operations.md",
        &title_line,
        "title: Ops renamed\nslug: ops",
    );
    l.change(&["content/aspects/operations.md"]);
    l.assert_same_as_fresh_build();
    l.site.edit(
        "content/aspects/operations.md",
        "## PostgreSQL",
        "## Postgres",
    );
    assert!(l.fresh_fails());
    assert!(l.try_change(&["content/aspects/operations.md"]).is_err());
    l.site.edit(
        "content/aspects/operations.md",
        "## Postgres",
        "## PostgreSQL",
    );
    l.change(&["content/aspects/operations.md"]);
    l.assert_same_as_fresh_build();
}

// D10: the top folders themselves (content, themes, static, the root) are ignored.
#[test]
fn d10_top_level_folders_ignored() {
    let mut bad = Vec::new();
    for (file, from, to, reported) in [
        (
            "content/about.md",
            "About the fixture.",
            "About CHANGED.",
            "content",
        ),
        (
            "themes/local/templates/home.html",
            "<h1>",
            "<h1 class=\"x\">",
            "themes",
        ),
        (
            "content/guide/second.md",
            "Windows line endings.",
            "CHANGED.",
            "",
        ),
    ] {
        let mut l = live(fixture("basic"));
        l.site.edit(file, from, to);
        l.change(&[reported]);
        let fresh = live(Site::reuse(&l.site));
        let same = l.out.files() == fresh.out.files();
        bad.push((reported, same));
    }
    assert!(bad.iter().all(|(_, s)| *s), "{bad:?}");
}

#[test]
fn h_site_static_overrides_theme_file() {
    let mut l = live(fixture("basic"));
    std::fs::remove_file(l.site.root.join("static/favicon.svg")).unwrap();
    l.change(&["static/favicon.svg"]);
    l.assert_same_as_fresh_build();
    l.site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    l.change(&["static/favicon.svg"]);
    l.assert_same_as_fresh_build();
    l.site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>",
    );
    l.change(&["static/favicon.svg"]);
    l.assert_same_as_fresh_build();
}

// D11: a path with `..` that leaves content/ is read as a content file.
#[test]
fn d11_dotdot_path_escapes_content() {
    let mut l = live(fixture("basic"));
    std::fs::write(l.site.tmp().join("outside.txt"), "secret\n").unwrap();
    let r = l.try_change(&["content/../../outside.txt"]);
    assert_eq!(r, Ok(ChangeReport::default()));
    l.site
        .edit("content/about.md", "About the fixture.", "About CHANGED.");
    let r = l.try_change(&["content/guide/../about.md"]);
    assert!(
        r.as_ref()
            .is_ok_and(|r| r.rendered.contains(&"about.md".to_string())),
        "{r:?}"
    );
    l.assert_same_as_fresh_build();
}

#[test]
fn h_fail_then_fix_elsewhere_and_repeats() {
    let mut l = live(fixture("basic"));
    l.site.edit(
        "content/about.md",
        "About the fixture.",
        "See [third](guide/third.md).",
    );
    assert!(l.try_change(&["content/about.md"]).is_err());
    l.site.write(
        "content/guide/third.md",
        "---\ntitle: Third\n---\n\n## Part\n\nThree.\n",
    );
    l.change(&["content/guide/third.md"]);
    l.assert_same_as_fresh_build();
    let r = l.change(&["content/guide/third.md"]);
    assert!(r.written.is_empty(), "{r:?}");
    l.site.edit(
        "content/about.md",
        "(guide/third.md)",
        "(guide/third.md#part)",
    );
    l.change(&["content/about.md"]);
    l.site.edit("content/guide/third.md", "## Part", "## Teil");
    assert!(l.try_change(&["content/guide/third.md"]).is_err());
    l.site.edit("content/about.md", "#part)", "#teil)");
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
}

#[test]
fn h_theme_override_and_extends_chain() {
    let mut l = live(fixture("basic"));
    l.site.write(
        "themes/local/templates/partials/pager.html",
        "<nav class=\"pager-override\">{% if next %}{{ next.title }}{% endif %}</nav>\n",
    );
    l.change(&["themes/local/templates/partials/pager.html"]);
    l.assert_same_as_fresh_build();
    std::fs::remove_file(
        l.site
            .root
            .join("themes/local/templates/partials/pager.html"),
    )
    .unwrap();
    l.change(&["themes/local/templates/partials/pager.html"]);
    l.assert_same_as_fresh_build();
    l.site
        .write("themes/mid/theme.yaml", "name: mid\nextends: default\n");
    l.site.write("themes/mid/templates/section.html", "{% extends \"base.html\" %}{% block content %}MID {{ page.title }}{% for p in section.pages %}[{{ p.title }}]{% endfor %}{% endblock content %}");
    l.site.write("themes/mid/static/css/extra.css", "a{}\n");
    l.change(&["themes/mid"]);
    l.assert_same_as_fresh_build();
    l.site.edit(
        "themes/local/theme.yaml",
        "extends: default",
        "extends: mid",
    );
    l.change(&["themes/local/theme.yaml"]);
    l.assert_same_as_fresh_build();
    l.site.edit(
        "themes/local/theme.yaml",
        "extends: mid",
        "extends: default",
    );
    l.change(&["themes/local/theme.yaml"]);
    l.assert_same_as_fresh_build();
}

// Site paths through changes: a page linking a theme stylesheet by its
// source name follows the new hashed name; deleting a static file or
// moving a page that a site path names fails the change (as a fresh build
// fails) and leaves the output as it was, until it is undone.
#[test]
fn h_site_paths_follow_changes() {
    let site = fixture("basic");
    site.write(
        "content/paths.md",
        "---\ntitle: Paths\n---\n\n[css](/css/main.css) [robots](/robots-extra.txt) [about](/about/)\n",
    );
    let mut l = live(site);
    l.site
        .write("themes/local/static/css/main.css", "body { color: red }\n");
    l.change(&["themes/local/static/css/main.css"]);
    l.assert_same_as_fresh_build();
    let paths = String::from_utf8(l.out.get("paths/index.html").unwrap()).unwrap();
    assert!(!paths.contains("href=\"/css/main.css\""), "{paths}");

    let before = l.out.files();
    std::fs::remove_file(l.site.root.join("static/robots-extra.txt")).unwrap();
    assert!(l.fresh_fails());
    let r = l.try_change(&["static/robots-extra.txt"]);
    assert!(
        r.as_ref()
            .is_err_and(|e| e.contains("no page or file at `/robots-extra.txt`")),
        "{r:?}"
    );
    assert_eq!(l.out.files(), before);
    l.site.write("static/robots-extra.txt", "back\n");
    l.change(&["static/robots-extra.txt"]);
    l.assert_same_as_fresh_build();

    l.site.edit("content/about.md", "slug: about", "slug: team");
    assert!(l.try_change(&["content/about.md"]).is_err());
    l.site.edit("content/about.md", "slug: team", "slug: about");
    l.change(&["content/about.md"]);
    l.assert_same_as_fresh_build();
}
