//! Edge cases of incremental rebuilds from a second attack on the engine
//! (after `engine_edge_cases.rs` was fixed): `a*` tests were defects, fixed;
//! `h*` tests held. Each compares `apply_change` with a fresh build, or
//! checks that a change a fresh build refuses is refused.

mod common;

use common::live::live;
use common::{Site, fixture};
use verdict::engine::{Project, ProjectOptions};
use verdict::output::Memory;

/// The default base.html, minus the words `data` and `guides` (the default
/// one says `data-theme-toggle`, which makes every page read `data`).
fn local_theme(site: &Site) {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap()
    .replace("data-", "x-");
    site.write("themes/local/theme.yaml", "name: local\nextends: default\n");
    site.write("themes/local/templates/base.html", &base);
    let yaml = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    if !yaml.contains("theme:") {
        site.write("content/site.yaml", &format!("{yaml}theme: local\n"));
    }
}

fn default_embed(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/embeds")
            .join(name),
    )
    .unwrap()
}

// A1: an embed template (theme override) that reads `data`: a data edit must
// render the pages that use the embed again.
#[test]
fn a1_embed_template_reads_data() {
    let site = fixture("databases");
    local_theme(&site);
    site.write(
        "themes/local/templates/embeds/table.html",
        &format!(
            "{}<p class=\"d\">{{{{ data.x.v }}}}</p>\n",
            default_embed("table.html").replace("data-", "x-")
        ),
    );
    site.write("content/data/x.yaml", "v: one\n");
    let mut l = live(site);
    assert!(String::from_utf8_lossy(&l.out.get("comparison/index.html").unwrap()).contains("one"));
    l.site.write("content/data/x.yaml", "v: two\n");
    l.change(&["content/data/x.yaml"]);
    l.assert_same_as_fresh_build();
}

fn name_guides(site: &Site) {
    for rel in [
        "content/comparison.md",
        "content/_index.md",
        "content/aspects/throughput.md",
        "content/aspects/operations.md",
    ] {
        let t = std::fs::read_to_string(site.root.join(rel)).unwrap();
        let t: String = t
            .lines()
            .map(|line| match line.strip_suffix("```verdict") {
                Some(indent) => format!("{line}\n{indent}guide: databases\n"),
                None => format!("{line}\n"),
            })
            .collect();
        site.write(rel, &t);
    }
}

// A2: an embed template that lists `guides`: a new guide must render the
// pages that use the embed again.
#[test]
fn a2_embed_template_reads_guides() {
    let site = fixture("databases");
    local_theme(&site);
    name_guides(&site);
    site.write(
        "themes/local/templates/embeds/table.html",
        &format!(
            "{}<p class=\"g\">{{% for id, g in guides %}}{{{{ id }}}} {{% endfor %}}</p>\n",
            default_embed("table.html").replace("data-", "x-")
        ),
    );
    let mut l = live(site);
    let root = l.site.root.clone();
    common::copy_dir(
        &root.join("content/data/guides/databases"),
        &root.join("content/data/guides/more"),
    );
    l.change(&["content/data/guides/more"]);
    l.assert_same_as_fresh_build();
}

// A3: a footnote's back-reference id (`ref-fn-…`) is not reserved: a heading
// with that id makes two elements with one id.
#[test]
fn a3_footnote_back_reference_id_clashes_with_heading() {
    let site = fixture("basic");
    site.write(
        "content/notes/fn.md",
        "---\ntitle: Notes\n---\n\n## Ref fn a\n\nText[^a].\n\n[^a]: The note.\n",
    );
    let l = live(site);
    let html = String::from_utf8_lossy(&l.out.get("notes/fn/index.html").unwrap()).into_owned();
    let n = html.matches("id=\"ref-fn-a\"").count();
    assert_eq!(n, 1, "ids not unique:\n{html}");
}

// A4: a case-only rename of a page.
#[test]
fn a4_case_only_rename() {
    let mut l = live(fixture("basic"));
    let root = l.site.root.clone();
    std::fs::rename(root.join("content/about.md"), root.join("content/About.md")).unwrap();
    let r = l.try_change(&["content/about.md", "content/About.md"]);
    if l.fresh_fails() {
        assert!(r.is_err(), "{r:?}");
    } else {
        r.unwrap();
        l.assert_same_as_fresh_build();
    }
    std::fs::rename(
        root.join("content/guide/diagram.svg"),
        root.join("content/guide/Diagram.svg"),
    )
    .unwrap();
    let r = l.try_change(&["content/guide/diagram.svg", "content/guide/Diagram.svg"]);
    assert_eq!(r.is_err(), l.fresh_fails(), "{r:?}");
}

fn live_drafts(site: Site) -> (Site, Project, Memory) {
    let mut p = Project::load(ProjectOptions {
        root: site.root.clone(),
        drafts: true,
        ..ProjectOptions::default()
    })
    .unwrap();
    let out = Memory::new();
    p.build(&out).unwrap();
    (site, p, out)
}

fn fresh_drafts(site: &Site) -> Option<Memory> {
    let s = Site::reuse(site);
    let mut p = Project::load(ProjectOptions {
        root: s.root.clone(),
        drafts: true,
        ..ProjectOptions::default()
    })
    .ok()?;
    let out = Memory::new();
    p.build(&out).ok()?;
    Some(out)
}

// A5: drafts included: toggling and editing a draft.
#[test]
fn a5_drafts_included() {
    let (site, mut p, out) = live_drafts(fixture("basic"));
    let draft = std::fs::read_to_string(site.root.join("content/guide/draft.md")).unwrap();
    site.write(
        "content/guide/draft.md",
        &draft.replace("draft: true", "draft: false\nweight: 1"),
    );
    p.apply_change(&[site.root.join("content/guide/draft.md")], &out)
        .unwrap();
    assert_eq!(out.files(), fresh_drafts(&site).unwrap().files());
    site.write(
        "content/guide/draft.md",
        &draft.replace("title:", "weight: 0\ntitle:"),
    );
    p.apply_change(&[site.root.join("content/guide/draft.md")], &out)
        .unwrap();
    assert_eq!(out.files(), fresh_drafts(&site).unwrap().files());
}

// A6: flipping relative_urls and base_url, with a page edit in between.
#[test]
fn a6_base_url_and_relative_flips() {
    let mut l = live(fixture("basic"));
    l.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: true",
    );
    l.assert_same_as_fresh_build();
    l.edit("content/about.md", "About the fixture.", "About X.");
    l.assert_same_as_fresh_build();
    l.edit(
        "content/site.yaml",
        "base_url: https://example.com/",
        "base_url: https://example.com/sub/",
    );
    l.assert_same_as_fresh_build();
    l.edit(
        "content/site.yaml",
        "relative_urls: true",
        "relative_urls: false",
    );
    l.assert_same_as_fresh_build();
}

// A7: a file beside pages linked only from guide text.
#[test]
fn a7_file_linked_from_guide_text() {
    let site = fixture("databases");
    site.write(
        "content/aspects/img.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    let g = "content/data/guides/databases/use_cases.yaml";
    let t = std::fs::read_to_string(site.root.join(g)).unwrap();
    let i = t.find("why: ").expect("a why");
    let t = format!(
        "{}why: See [img](aspects/img.svg). {}",
        &t[..i],
        &t[i + 5..]
    );
    site.write(g, &t);
    let mut l = live(site);
    l.site.write(
        "content/aspects/img.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>\n",
    );
    l.change(&["content/aspects/img.svg"]);
    l.assert_same_as_fresh_build();
    std::fs::remove_file(l.site.root.join("content/aspects/img.svg")).unwrap();
    assert!(l.fresh_fails());
    assert!(l.try_change(&["content/aspects/img.svg"]).is_err());
    l.site.write(
        "content/aspects/img.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    l.change(&["content/aspects/img.svg"]);
    l.assert_same_as_fresh_build();
}

// A8: delete and re-add in one list; a burst of 50 edits; a failing page plus
// another page's edit in one call.
#[test]
fn a8_bursts_and_mixed_failures() {
    let mut l = live(fixture("basic"));
    let root = l.site.root.clone();
    let about = std::fs::read_to_string(root.join("content/about.md")).unwrap();
    std::fs::remove_file(root.join("content/about.md")).unwrap();
    std::fs::write(
        root.join("content/about.md"),
        about.replace("About the fixture.", "Again."),
    )
    .unwrap();
    l.change(&["content/about.md", "content/about.md"]);
    l.assert_same_as_fresh_build();
    let mut paths = Vec::new();
    for i in 0..50 {
        let rel = format!("content/burst/p{i:02}.md");
        l.site.write(
            &rel,
            &format!(
                "---\ntitle: P {i}\nweight: {}\n---\n\nLink [next](p{:02}.md).\n",
                50 - i,
                (i + 1) % 50
            ),
        );
        paths.push(rel);
    }
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    l.change(&refs);
    l.assert_same_as_fresh_build();
    l.site
        .edit("content/about.md", "Again.", "Broken [x](nope.md).");
    l.site
        .edit("content/guide/first.md", "a [root link]", "a [root LINK]");
    assert!(l.fresh_fails());
    assert!(
        l.try_change(&["content/about.md", "content/guide/first.md"])
            .is_err()
    );
    l.edit("content/about.md", "Broken [x](nope.md).", "Fixed.");
    l.assert_same_as_fresh_build();
}

// A9: a page takes an alias at another page's old URL in the change that renames it.
#[test]
fn a9_alias_at_renamed_pages_old_url() {
    let mut l = live(fixture("basic"));
    l.site
        .edit("content/about.md", "slug: about", "slug: about-us");
    l.site.edit(
        "content/notes/loose.md",
        "title:",
        "aliases: [\"/about/\"]\ntitle:",
    );
    l.change(&["content/about.md", "content/notes/loose.md"]);
    l.assert_same_as_fresh_build();
    l.site
        .edit("content/about.md", "slug: about-us", "slug: about");
    l.site
        .edit("content/notes/loose.md", "aliases: [\"/about/\"]\n", "");
    l.change(&["content/about.md", "content/notes/loose.md"]);
    l.assert_same_as_fresh_build();
}

// A10: a section slug changed twice.
#[test]
fn a10_section_slug_twice() {
    let mut l = live(fixture("basic"));
    l.edit("content/guide/_index.md", "title:", "slug: g1\ntitle:");
    l.assert_same_as_fresh_build();
    l.edit("content/guide/_index.md", "slug: g1", "slug: g2");
    l.assert_same_as_fresh_build();
    l.edit("content/guide/_index.md", "slug: g2\n", "");
    l.assert_same_as_fresh_build();
}

// A1b: the same embed template; removing the data file it reads makes a fresh
// build fail (`safe` refuses an undefined value), so the change must be refused.
#[test]
fn a1b_embed_template_data_removed_is_refused() {
    let site = fixture("databases");
    local_theme(&site);
    site.write(
        "themes/local/templates/embeds/table.html",
        &format!(
            "{}<p class=\"d\">{{{{ data.x.v | safe }}}}</p>\n",
            default_embed("table.html").replace("data-", "x-")
        ),
    );
    site.write("content/data/x.yaml", "v: one\n");
    let mut l = live(site);
    std::fs::remove_file(l.site.root.join("content/data/x.yaml")).unwrap();
    assert!(l.fresh_fails());
    let r = l.try_change(&["content/data/x.yaml"]);
    assert!(r.is_err(), "incremental accepted it: {r:?}");
}

// A11: a Tera 2 component defined in another template file (components are
// global: no include/import names the file).
#[test]
fn a11_component_defined_in_another_template() {
    let site = fixture("basic");
    site.write(
        "themes/local/templates/components.html",
        "{% component badge(text) %}<b class=\"c\">{{ text }}</b>{% endcomponent badge %}",
    );
    site.edit(
        "themes/local/templates/home.html",
        "<h1>",
        "{{<badge text=\"hi\"/>}}<h1>",
    );
    let mut l = live(site);
    assert!(
        String::from_utf8_lossy(&l.out.get("index.html").unwrap())
            .contains("<b class=\"c\">hi</b>")
    );
    l.edit(
        "themes/local/templates/components.html",
        "<b class=\"c\">",
        "<i class=\"c\">",
    );
    l.assert_same_as_fresh_build();
}

// A12: an include written with a backtick string.
#[test]
fn a12_include_with_backtick_string() {
    let site = fixture("basic");
    site.write(
        "themes/local/templates/partials/extra.html",
        "<p class=\"extra-partial\">one</p>",
    );
    site.edit(
        "themes/local/templates/home.html",
        "<h1>",
        "{% include `partials/extra.html` %}<h1>",
    );
    let mut l = live(site);
    assert!(
        String::from_utf8_lossy(&l.out.get("index.html").unwrap()).contains("extra-partial\">one")
    );
    l.edit("themes/local/templates/partials/extra.html", "one", "two");
    l.assert_same_as_fresh_build();
}

// A13: a folder of pages replaced by a file of the same name, reported as
// that one path.
#[test]
fn a13_folder_replaced_by_file() {
    let mut l = live(fixture("basic"));
    l.site.write("content/x/p.md", "---\ntitle: P\n---\n\nP.\n");
    l.change(&["content/x"]);
    l.assert_same_as_fresh_build();
    std::fs::remove_dir_all(l.site.root.join("content/x")).unwrap();
    l.site.write("content/x", "plain file\n");
    l.change(&["content/x"]);
    l.assert_same_as_fresh_build();
}

// A14: an email autolink is a link a fresh build refuses as a missing file.
#[test]
fn a14_email_autolink_is_not_a_file() {
    let site = fixture("basic");
    site.edit(
        "content/about.md",
        "About the fixture.",
        "Write to <someone@example.com>.",
    );
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// A15: a heading whose id is one the theme's base template uses (`main`,
// the skip link's target) makes two elements with one id.
#[test]
fn a15_heading_id_clashes_with_theme_id() {
    let site = fixture("basic");
    site.edit("content/about.md", "About the fixture.", "## Main\n\nText.");
    let l = live(site);
    let html = String::from_utf8_lossy(&l.out.get("about/index.html").unwrap()).into_owned();
    assert_eq!(html.matches("id=\"main\"").count(), 1, "{html}");
}

// H: a partial included by a page template reads `data`.
#[test]
fn h_partial_reads_data() {
    let site = fixture("databases");
    local_theme(&site);
    site.write(
        "themes/local/templates/partials/d.html",
        "<p class=\"d\">{{ data.x.v }}</p>",
    );
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .unwrap();
    let i = page.find("{% endblock").unwrap();
    site.write(
        "themes/local/templates/page.html",
        &format!(
            "{}{{% include \"partials/d.html\" %}}{}",
            &page[..i],
            &page[i..]
        ),
    );
    site.write("content/data/x.yaml", "v: one\n");
    let mut l = live(site);
    assert!(
        String::from_utf8_lossy(&l.out.get("comparison/index.html").unwrap()).contains("\"d\">one")
    );
    l.site.write("content/data/x.yaml", "v: two\n");
    l.change(&["content/data/x.yaml"]);
    l.assert_same_as_fresh_build();
}

// H: repeated headings and a footnote whose id a heading takes; a link from
// another page to the suffixed id; then the first heading goes.
#[test]
fn h_heading_and_footnote_ids_clash_then_change() {
    let site = fixture("basic");
    site.write(
        "content/notes/ids.md",
        "---\ntitle: Ids\n---\n\n## Intro\n\n## Intro\n\n## Fn a\n\nX[^a].\n\n[^a]: Note.\n",
    );
    site.edit(
        "content/about.md",
        "About the fixture.",
        "See [i](notes/ids.md#intro-1).",
    );
    let mut l = live(site);
    l.edit("content/notes/ids.md", "## Fn a\n", "## Other\n");
    l.assert_same_as_fresh_build();
    l.site
        .edit("content/notes/ids.md", "## Intro\n\n## Intro", "## Intro");
    assert!(l.fresh_fails());
    assert!(l.try_change(&["content/notes/ids.md"]).is_err());
    l.edit("content/about.md", "#intro-1", "#intro");
    l.assert_same_as_fresh_build();
}

// H: a section's _index.md deleted (its pages move to the home section), and
// the home page deleted.
#[test]
fn h_section_index_and_home_deleted() {
    let mut l = live(fixture("basic"));
    l.site
        .write("content/sec/_index.md", "---\ntitle: Sec\n---\n\nS.\n");
    l.site
        .write("content/sec/a.md", "---\ntitle: A\n---\n\nA.\n");
    l.site
        .write("content/sec/b.md", "---\ntitle: B\n---\n\nB.\n");
    l.change(&["content/sec"]);
    l.assert_same_as_fresh_build();
    std::fs::remove_file(l.site.root.join("content/sec/_index.md")).unwrap();
    l.change(&["content/sec/_index.md"]);
    l.assert_same_as_fresh_build();
    let home = std::fs::read_to_string(l.site.root.join("content/_index.md")).unwrap();
    std::fs::remove_file(l.site.root.join("content/_index.md")).unwrap();
    let r = l.try_change(&["content/_index.md"]);
    assert_eq!(r.is_err(), l.fresh_fails(), "{r:?}");
    if r.is_ok() {
        l.assert_same_as_fresh_build();
    }
    l.site.write("content/_index.md", &home);
    l.change(&["content/_index.md"]);
    l.assert_same_as_fresh_build();
}

// H: pages embed a guide by name while another guide comes and goes; the
// named guide is then removed (refused).
#[test]
fn h_named_guide_while_others_come_and_go() {
    let site = fixture("databases");
    name_guides(&site);
    let mut l = live(site);
    let root = l.site.root.clone();
    common::copy_dir(
        &root.join("content/data/guides/databases"),
        &root.join("content/data/guides/more"),
    );
    l.change(&["content/data/guides/more"]);
    l.assert_same_as_fresh_build();
    l.site.edit(
        "content/data/guides/more/technologies.yaml",
        "name: MySQL",
        "name: Maria",
    );
    let r = l.change(&["content/data/guides/more/technologies.yaml"]);
    assert!(r.rendered.is_empty(), "{r:?}");
    l.assert_same_as_fresh_build();
    std::fs::remove_dir_all(root.join("content/data/guides/more")).unwrap();
    l.change(&["content/data/guides/more"]);
    l.assert_same_as_fresh_build();
    std::fs::rename(
        root.join("content/data/guides/databases"),
        root.join("content/data/guides/dbs"),
    )
    .unwrap();
    assert!(l.fresh_fails());
    assert!(l.try_change(&["content/data/guides"]).is_err());
}

// H: relative URLs with embeds and aliases, then a rename of a linked page.
#[test]
fn h_relative_urls_rename_linked_page() {
    let site = fixture("databases");
    site.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: true",
    );
    site.edit(
        "content/comparison.md",
        "title: Comparison",
        "title: Comparison\naliases: [\"/cmp/\"]",
    );
    let mut l = live(site);
    let t = std::fs::read_to_string(l.site.root.join("content/aspects/throughput.md")).unwrap();
    l.site.write(
        "content/aspects/throughput.md",
        &t.replace("title: Throughput", "title: Throughput\nslug: tp"),
    );
    l.change(&["content/aspects/throughput.md"]);
    l.assert_same_as_fresh_build();
    l.edit(
        "content/comparison.md",
        "title: Comparison\n",
        "title: Comparison\nslug: compare\n",
    );
    l.assert_same_as_fresh_build();
}

// H: a render-time failure (an embed naming an unknown aspect) in the call
// that also renames and edits other pages; then the fix.
#[test]
fn h_render_failure_with_rename_in_same_call() {
    let mut l = live(fixture("databases"));
    let root = l.site.root.clone();
    l.site.edit(
        "content/aspects/operations.md",
        "verdict: operations",
        "verdict: nope",
    );
    l.site.write(
        "content/extra.md",
        "---\ntitle: Extra\n---\n\nSee [c](comparison.md).\n",
    );
    l.site.edit(
        "content/comparison.md",
        "title: Comparison",
        "title: Comparison two",
    );
    assert!(l.fresh_fails());
    assert!(
        l.try_change(&[
            "content/aspects/operations.md",
            "content/extra.md",
            "content/comparison.md"
        ])
        .is_err()
    );
    std::fs::rename(
        root.join("content/extra.md"),
        root.join("content/extra2.md"),
    )
    .unwrap();
    assert!(
        l.try_change(&["content/extra.md", "content/extra2.md"])
            .is_err()
    );
    l.edit(
        "content/aspects/operations.md",
        "verdict: nope",
        "verdict: operations",
    );
    l.assert_same_as_fresh_build();
    l.edit("content/extra2.md", "See", "Now see");
    l.assert_same_as_fresh_build();
}

// A16: a relative root (what `--root site` gives) and an edited file beside
// the pages / in static/, reported by absolute path (what a watcher gives).
#[test]
fn a16_relative_root_copied_file_edit() {
    let site = fixture("basic");
    let mut project = Project::load(ProjectOptions {
        root: common::live::relative_root(&site),
        ..ProjectOptions::default()
    })
    .unwrap();
    let out = Memory::new();
    project.build(&out).unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- new --></svg>\n";
    site.write("content/guide/diagram.svg", svg);
    site.write("static/robots-extra.txt", "changed\n");
    let r = project
        .apply_change(
            &[
                site.root.join("content/guide/diagram.svg"),
                site.root.join("static/robots-extra.txt"),
            ],
            &out,
        )
        .unwrap();
    assert_eq!(
        (
            String::from_utf8_lossy(&out.get("guide/diagram.svg").unwrap()).into_owned(),
            String::from_utf8_lossy(&out.get("robots-extra.txt").unwrap()).into_owned()
        ),
        (svg.to_string(), "changed\n".to_string()),
        "{r:?}"
    );
}

// H: a site static file that replaces a theme file (favicon.svg) deleted,
// then added back with other bytes.
#[test]
fn h_static_override_removed_and_readded() {
    let mut l = live(fixture("basic"));
    let fav = std::fs::read_to_string(l.site.root.join("static/favicon.svg")).unwrap();
    std::fs::remove_file(l.site.root.join("static/favicon.svg")).unwrap();
    l.change(&["static/favicon.svg"]);
    l.assert_same_as_fresh_build();
    l.site.write(
        "static/favicon.svg",
        &fav.replace("<svg", "<svg data-x=\"1\""),
    );
    l.change(&["static/favicon.svg"]);
    l.assert_same_as_fresh_build();
}
