//! End-to-end tests of `verdict build` and `verdict init`, through the real
//! binary on fixture sites copied to temporary folders.

mod common;

use common::{Site, bundled, fixture, links, prose, snapshot_tree, verdict};

fn built(site: &Site) {
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
}

#[test]
fn basic_site_builds_every_kind_of_output() {
    let site = fixture("basic");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("built 6 pages, "), "{}", run.stdout);
    let files: Vec<String> = snapshot_tree(&site.out()).into_keys().collect();
    let without_hashes: Vec<String> = files
        .iter()
        .map(|f| {
            let parts: Vec<&str> = f.split('.').collect();
            if parts.len() == 3 && (f.ends_with(".css") || f.ends_with(".js")) {
                format!("{}.HASH.{}", parts[0], parts[2])
            } else {
                f.clone()
            }
        })
        .collect();
    insta::assert_debug_snapshot!("basic_files", without_hashes);
    // Drafts stay out of the build.
    assert!(!site.out().join("guide/draft").exists());
    // Sitemap and robots.
    insta::assert_snapshot!("basic_sitemap", site.read("sitemap.xml"));
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.com/sitemap.xml")
    );
    // Aliases redirect.
    let alias = site.read("old/first/index.html");
    assert!(alias.contains("url=/guide/first/"), "{alias}");
    assert!(site.read("legacy.html").contains("url=/guide/first/"));
    // 404 page.
    assert!(site.read("404.html").contains("<h1>Page not found</h1>"));
}

#[test]
fn markdown_renders_to_expected_html() {
    let site = fixture("basic");
    built(&site);
    insta::assert_snapshot!(
        "first_page_prose",
        prose(&site.read("guide/first/index.html"))
    );
    insta::assert_snapshot!(
        "second_page_prose_crlf",
        prose(&site.read("guide/second/index.html"))
    );
}

#[test]
fn yaml_strings_are_escaped_everywhere() {
    let site = fixture("basic");
    built(&site);
    let first = site.read("guide/first/index.html");
    assert!(
        !first.contains("<script>alert"),
        "front matter title must be escaped"
    );
    assert!(first.contains(
        "<title>First &lt;script&gt;alert(1)&lt;/script&gt; page · Fixture &lt;Site&gt;</title>"
    ));
    assert!(first.contains("content=\"Quotes &quot; and &lt;tags&gt; in a description\""));
    let home = site.read("index.html");
    assert!(
        home.contains("<li>Ada &lt;admin&gt;</li><li>Grace</li>"),
        "data files reach templates, escaped"
    );
    assert!(
        home.contains("<p class=\"settings\">Measure twice</p>"),
        ".yml data files load too"
    );
    assert!(
        home.contains("&lt;em&gt;not markup&lt;/em&gt;"),
        "extra is escaped"
    );
    assert!(home.contains("Footer &lt;b&gt;text&lt;/b&gt; stays text."));
    // Raw HTML a writer puts in Markdown is theirs.
    assert!(first.contains("<div class=\"raw\">Raw HTML passes through</div>"));
    // Template-like text in Markdown stays text.
    assert!(site.read("about/index.html").contains("{{ braces }}"));
}

#[test]
fn drafts_flag_includes_drafts_but_not_in_sitemap() {
    let site = fixture("basic");
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read("guide/draft/index.html").contains("Unfinished"));
    assert!(!site.read("sitemap.xml").contains("draft"));
}

#[test]
fn theme_assets_get_content_hashes_and_site_static_overrides() {
    let site = fixture("basic");
    built(&site);
    let css_of = |page: &str| -> Vec<String> {
        links(&site.read(page))
            .into_iter()
            .filter(|l| l.ends_with(".css"))
            .collect()
    };
    // Pages without code do not load the highlighting stylesheets.
    assert_eq!(css_of("index.html").len(), 1);
    let css = css_of("guide/first/index.html");
    assert_eq!(css.len(), 3, "{css:?}");
    for href in &css {
        let name = href.rsplit('/').next().unwrap();
        assert_eq!(name.split('.').count(), 3, "hashed name: {name}");
        assert!(
            site.out().join(href.trim_start_matches('/')).is_file(),
            "{href}"
        );
    }
    // The site's favicon.svg replaces the theme's, copied as is.
    assert!(site.read("favicon.svg").contains("fill=\"red\""));
    assert_eq!(site.read("robots-extra.txt"), "copied as is\n");
}

#[test]
fn base_url_path_prefixes_every_root_relative_link() {
    let site = fixture("basic");
    let run = site.build(&["--base-url", "https://example.com/docs/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for (rel, bytes) in snapshot_tree(&site.out()) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            if link.starts_with('/') && !link.starts_with("//") {
                assert!(link.starts_with("/docs/"), "{rel}: {link}");
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} links checked");
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.com/docs/guide/first/</loc>")
    );
    assert!(
        site.read("guide/first/index.html")
            .contains("href=\"/docs/about/\">root link</a>")
    );
}

#[test]
fn relative_urls_resolve_to_files_on_disk() {
    let site = fixture("basic");
    site.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: true",
    );
    built(&site);
    // Servers send 404.html for missing URLs at any depth, so it keeps
    // absolute paths under the base path.
    for link in links(&site.read("404.html")) {
        assert!(
            link.starts_with('/') || link.starts_with('#') || link.contains(':'),
            "404.html: {link}"
        );
    }
    let mut checked = 0;
    for (rel, bytes) in snapshot_tree(&site.out()) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = site.out().join(&rel).parent().unwrap().to_path_buf();
        for link in links(&html) {
            if link.contains(':') || link.starts_with("//") || link.starts_with('#') {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{rel}: root-relative link {link} breaks file://"
            );
            let path = link.split('#').next().unwrap();
            let target = dir.join(path);
            assert!(target.is_file(), "{rel}: {link} does not name a file");
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} links checked");
}

#[test]
fn same_input_gives_same_bytes() {
    let site = fixture("basic");
    let a = site.tmp().join("a");
    let b = site.tmp().join("b");
    assert_eq!(site.build(&["--out", a.to_str().unwrap()]).code, 0);
    assert_eq!(site.build(&["--out", b.to_str().unwrap()]).code, 0);
    assert_eq!(snapshot_tree(&a), snapshot_tree(&b));
}

/// Regression: Tera's maps iterated in a random order (a hash map seeded
/// per process), so a template looping over a data map or `guides` gave
/// different bytes from one build to the next.
#[test]
fn a_template_iterating_a_map_gives_the_same_bytes_every_build() {
    let site = fixture("basic");
    let keys = [
        "kiwi", "apple", "mango", "fig", "banana", "cherry", "date", "lime",
    ];
    let yaml: String = keys.iter().map(|k| format!("{k}: 1\n")).collect();
    site.write("content/data/fruit.yaml", &yaml);
    site.edit(
        "themes/local/templates/home.html",
        "<ul class=\"members\">",
        "<ol class=\"fruit\">{% for k, v in data.fruit %}<li>{{ k }}</li>{% endfor %}</ol><ul class=\"members\">",
    );
    built(&site);
    let first = site.read("index.html");
    let mut sorted = keys;
    sorted.sort_unstable();
    let expected: String = sorted.iter().map(|k| format!("<li>{k}</li>")).collect();
    assert!(first.contains(&expected), "keys in sorted order: {first}");
    for _ in 0..3 {
        built(&site);
        assert_eq!(site.read("index.html"), first);
    }
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = fixture("basic");
    built(&site);
    let before = snapshot_tree(&site.out());
    site.edit("content/guide/second.md", "title: Second", "title: [Second");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("[TMP]/site/content/guide/second.md:2:8"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("build failed; the previous output is unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(
        snapshot_tree(&site.out()),
        before,
        "previous output changed"
    );
    // With no previous output, the summary does not speak of one.
    std::fs::remove_dir_all(site.out()).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("build failed; nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The lock file stays, by design (see output/lock.rs).
        .filter(|n| n.contains("verdict") && n != ".public.verdict-lock")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn files_of_an_older_build_never_linger() {
    let site = fixture("basic");
    built(&site);
    assert!(site.out().join("notes/loose/index.html").is_file());
    std::fs::remove_file(site.root.join("content/notes/loose.md")).unwrap();
    built(&site);
    assert!(!site.out().join("notes/loose").exists());
}

#[test]
fn dangerous_output_folders_are_refused_and_nothing_is_deleted() {
    let site = fixture("basic");
    let root = site.root.to_str().unwrap().to_string();
    for out in [root.as_str(), site.tmp().to_str().unwrap(), "/"] {
        let run = site.build(&["--out", out]);
        assert_eq!(run.code, 2, "--out {out} must be refused:\n{}", run.stderr);
        assert!(
            run.stderr.contains("refusing to build into"),
            "{}",
            run.stderr
        );
    }
    let content_out = site.root.join("content/out");
    let run = site.build(&["--out", content_out.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(!content_out.exists());

    let unrelated = site.tmp().join("my-documents");
    std::fs::create_dir_all(&unrelated).unwrap();
    std::fs::write(unrelated.join("thesis.txt"), "precious").unwrap();
    let run = site.build(&["--out", unrelated.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("refused_unrelated_folder", run.stderr);
    assert_eq!(
        std::fs::read_to_string(unrelated.join("thesis.txt")).unwrap(),
        "precious"
    );
    assert_eq!(std::fs::read_dir(&unrelated).unwrap().count(), 1);
    assert!(site.root.join("content/_index.md").is_file());
}

#[test]
fn init_writes_a_site_that_builds_from_any_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("x");
    let out = verdict(&["init", dir.to_str().unwrap()], Path::new("/"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = verdict(&["build", "--root", dir.to_str().unwrap()], &elsewhere);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("public/index.html").is_file());
    assert!(
        dir.join("public/guide/first-criterion/index.html")
            .is_file()
    );
    // A second init into the now non-empty folder is refused.
    let again = verdict(&["init", dir.to_str().unwrap()], tmp.path());
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_with_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = verdict(
        &["build", "--root", tmp.path().to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a verdict site"));
    let out = verdict(&["build", "--no-such-flag"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let site = fixture("basic");
    let run = site.build(&["--base-url", "docs/"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--base-url: base_url `docs/` must start with http:// or https://"),
        "{}",
        run.stderr
    );
    let out = verdict(&["--version"], tmp.path());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("verdict "));
}

#[test]
fn bundled_site_builds() {
    let site = bundled();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "the bundled guide must build:\n{}", run.stderr);
    assert!(site.read("index.html").contains("<h1>"));
}

use std::path::Path;

/// Every prefix of a page file, and of site.yaml, is some kind of malformed
/// input: each must end as exit 0 or 1 with diagnostics, never a panic (101).
#[test]
fn truncated_files_never_panic() {
    let site = fixture("basic");
    for rel in [
        "content/guide/first.md",
        "content/site.yaml",
        "content/data/team/members.yaml",
    ] {
        let full = std::fs::read_to_string(site.root.join(rel)).unwrap();
        let cuts: Vec<usize> = (0..full.len())
            .step_by(9)
            .filter(|&i| full.is_char_boundary(i))
            .collect();
        for cut in cuts {
            site.write(rel, &full[..cut]);
            let run = site.build(&[]);
            assert!(
                run.code == 0 || run.code == 1,
                "{rel} cut at byte {cut}: exit {}\n{}",
                run.code,
                run.stderr
            );
            if run.code == 1 {
                assert!(run.stderr.contains("error"), "{}", run.stderr);
            }
        }
        site.write(rel, &full);
    }
}

/// Every module says in its first line what goes in and what comes out.
#[test]
fn every_module_has_a_doc_comment() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(src) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} must open with a //! line",
            path.display()
        );
    }
}

/// Regression: a byte-order mark at the start of site.yaml made its first
/// key unreadable ("missing field `base_url`").
#[test]
fn site_yaml_with_bom_and_crlf_builds() {
    let site = fixture("basic");
    let text = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!("\u{feff}{}", text.replace('\n', "\r\n")),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.write(
        "content/site.yaml",
        &format!("\u{feff}{}", text.replace("theme:", "them:")),
    );
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("content/site.yaml:5:1"),
        "{}",
        run.stderr
    );
}

/// Regression: a static file and a file beside the pages with the same
/// path were both written, in parallel, to one output file (whichever won,
/// or a mix of both); a static file could also replace a generated page.
#[test]
fn two_sources_for_one_output_file_are_an_error() {
    let site = fixture("basic");
    site.write("static/guide/diagram.svg", "<svg/>");
    site.write("content/robots.txt", "mine");
    site.write("static/about/index.html", "not the about page");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "two sources for the output file /guide/diagram.svg: [TMP]/site/static/guide/diagram.svg and [TMP]/site/content/guide/diagram.svg",
        "two sources for the output file /robots.txt: robots.txt and [TMP]/site/content/robots.txt",
        "two sources for the output file /about/index.html: the page [TMP]/site/content/about.md:3:7 and [TMP]/site/static/about/index.html\n --> [TMP]/site/content/about.md:3:7",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
}

/// Regression: a section's `slug:` moved the section page but left its pages
/// under the folder's name.
#[test]
fn a_section_slug_moves_its_pages() {
    let site = fixture("basic");
    site.edit(
        "content/guide/_index.md",
        "weight: 1",
        "weight: 1\nslug: handbook",
    );
    built(&site);
    assert!(site.out().join("handbook/index.html").is_file());
    assert!(site.out().join("handbook/first/index.html").is_file());
    // Files kept beside pages stay at their path under content/.
    assert!(!site.out().join("guide/first").exists());
    assert!(site.out().join("guide/diagram.svg").is_file());
    assert!(
        site.read("index.html")
            .contains("href=\"/handbook/first/#why-it-matters\"")
    );
}

/// Regression: symbolic links under content/ were skipped, so a linked page
/// was reported missing. A link that stays inside the site folder (here to
/// a folder of shared text beside content/) is followed.
#[cfg(unix)]
#[test]
fn symlinked_pages_are_followed() {
    let site = fixture("basic");
    std::fs::create_dir_all(site.root.join("shared")).unwrap();
    let target = site.root.join("shared/shared.md");
    std::fs::write(&target, "---\ntitle: Shared\n---\n\nKept elsewhere.\n").unwrap();
    std::os::unix::fs::symlink(&target, site.root.join("content/shared.md")).unwrap();
    built(&site);
    assert!(site.read("shared/index.html").contains("Kept elsewhere."));
}

/// The build records what each page was made from, for watch mode: its
/// template with everything that template extends or includes, and the
/// pages whose titles or URLs it shows.
#[test]
fn the_build_records_each_page_dependencies() {
    let site = fixture("basic");
    let built = verdict::cmd::build::build(&verdict::cmd::build::BuildOptions {
        root: site.root.clone(),
        out: Some(site.tmp().join("out")),
        ..Default::default()
    })
    .unwrap_or_else(|_| panic!("build failed"));
    let deps = &built.report.deps["guide/first.md"];
    for t in [
        "page.html",
        "base.html",
        "partials/pager.html",
        "partials/toc.html",
    ] {
        assert!(deps.templates.contains(t), "{t} in {:?}", deps.templates);
    }
    assert!(!deps.templates.contains("home.html"));
    // It links to second.md, shows its section (breadcrumb, previous page
    // and the navigation) and the home page (breadcrumb).
    let pages: Vec<&str> = deps.pages.iter().map(String::as_str).collect();
    assert_eq!(pages, ["_index.md", "guide/_index.md", "guide/second.md"]);
}

/// Regression: a misspelt field piped through `safe` or `text` rendered as
/// empty text and the build succeeded.
#[test]
fn a_misspelt_field_through_safe_or_text_is_an_error() {
    for filter in ["safe", "text"] {
        let site = fixture("basic");
        site.edit(
            "themes/local/templates/home.html",
            "{{ page.content | safe }}",
            &format!("{{{{ page.contnt | {filter} }}}}"),
        );
        let run = site.build(&[]);
        assert_eq!(run.code, 1, "{filter}: {}", run.stderr);
        assert!(run.stderr.contains("error[template]"), "{}", run.stderr);
        assert!(run.stderr.contains("undefined"), "{}", run.stderr);
        assert!(
            run.stderr.contains("themes/local/templates/home.html:6:"),
            "{}",
            run.stderr
        );
    }
}

/// Regression: `//evil.example/` and `/\evil.example` passed as site paths
/// in navigation, footer and guide links, and browsers open another host.
#[test]
fn urls_naming_another_host_are_refused_like_script_urls() {
    for url in ["//evil.example/", "/\\\\evil.example"] {
        let site = fixture("basic");
        site.edit(
            "content/site.yaml",
            "url: https://example.org/",
            &format!("url: \"{url}\""),
        );
        let run = site.build(&[]);
        assert_eq!(run.code, 1, "{url}: {}", run.stderr);
        assert!(run.stderr.contains("error[unsafe-url]"), "{}", run.stderr);
    }
}

/// Regression: a symbolic link in content/, static/ or a theme that leads
/// outside the site was followed and its target published (building an
/// untrusted pull request could publish the host's files). Links that stay
/// inside keep working (`symlinked_pages_are_followed`).
#[test]
fn links_leading_outside_the_site_are_refused() {
    let site = fixture("basic");
    let secret = site.tmp().join("secret.txt");
    std::fs::write(&secret, "host secret").unwrap();
    let outside_dir = site.tmp().join("outside");
    std::fs::create_dir_all(&outside_dir).unwrap();
    std::fs::write(outside_dir.join("page.md"), "---\ntitle: Out\n---\n\nx\n").unwrap();
    let link = |target: &Path, at: &str| {
        let p = site.root.join(at);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, p).unwrap();
    };
    link(&secret, "content/guide/secret.txt");
    link(&outside_dir, "content/elsewhere");
    link(&secret, "themes/local/static/leak2.txt");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[outside-site]: this links to [TMP]/secret.txt"),
        "{}",
        run.stderr
    );
    for at in [
        "content/guide/secret.txt",
        "content/elsewhere",
        "themes/local/static/leak2.txt",
    ] {
        assert!(run.stderr.contains(at), "{at}: {}", run.stderr);
    }
    assert!(!site.out().exists(), "nothing is published");
    // The site's static/ folder is read after content and theme are clean.
    for at in [
        "content/guide/secret.txt",
        "content/elsewhere",
        "themes/local/static/leak2.txt",
    ] {
        std::fs::remove_file(site.root.join(at)).unwrap();
    }
    link(&secret, "static/leak.txt");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("static/leak.txt"), "{}", run.stderr);
    assert!(!site.out().exists(), "nothing is published");
}

/// `content/` itself a link out of the site is refused too.
#[test]
fn a_content_folder_linked_from_outside_is_refused() {
    let site = fixture("basic");
    let moved = site.tmp().join("moved-content");
    std::fs::rename(site.root.join("content"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, site.root.join("content")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[outside-site]"), "{}", run.stderr);
}

/// A second build into an output another build holds waits for it, or with
/// `--no-wait` stops at once with `busy` (exit 2); it never shares the
/// first one's staging folder.
#[test]
fn a_second_build_waits_for_the_first_or_stops_with_no_wait() {
    let site = fixture("basic");
    let lock_path = site.root.join(".public.verdict-lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    let run = site.build(&["--no-wait"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[busy]: another verdict build is writing"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());

    let root = site.root.to_str().unwrap().to_string();
    let mut waiting = std::process::Command::new(env!("CARGO_BIN_EXE_verdict"))
        .args(["build", "--root", &root])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "it waits while the lock is held"
    );
    assert!(!site.out().exists());
    drop(lock);
    assert!(waiting.wait().unwrap().success());
    assert!(site.out().join("index.html").is_file());
}

/// Regression: two builds into one output at once shared the staging
/// folder; one reported success while publishing a site missing files.
#[test]
fn two_builds_at_once_both_publish_a_whole_site() {
    let site = fixture("basic");
    for i in 0..1500 {
        site.write(
            &format!("content/many/p{i:04}.md"),
            &format!("---\ntitle: Page {i}\n---\n\nText of page {i}.\n"),
        );
    }
    let root = site.root.to_str().unwrap().to_string();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_verdict"))
            .args(["build", "--root", &root])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for i in 0..1500 {
        assert!(
            site.out()
                .join(format!("many/p{i:04}/index.html"))
                .is_file(),
            "page {i} missing"
        );
    }
    assert!(site.out().join("index.html").is_file());
    assert!(!site.root.join(".public.verdict-staging").exists());
}

/// Root-relative links are written from the site's root; each names a page
/// (with or without its slash, or its `index.html`), an alias, a file
/// beside pages, a static or theme file (CSS and JS by their source name,
/// written under their hashed name) or a generated file, and every one
/// reaches a file of the output, under a base path and in relative mode.
#[test]
fn site_paths_reach_files_of_the_output() {
    let site = fixture("basic");
    site.write(
        "content/paths.md",
        "---\ntitle: Paths\n---\n\n[a](/guide/first) [b](/guide/first/#custom) \
         [c](/guide/second/index.html) [d](/css/main.css?v=1) [e](/favicon.svg) \
         [f](/search/?q=node) [g](/guide/diagram.svg) [h](/old/first/) [i](/sitemap.xml) \
         [j](/robots-extra.txt) [k](/404.html) [l](/)\n",
    );
    site.edit("content/site.yaml", "url: /about/", "url: /css/main.css");
    let check = |prefix: &str, page_dir: &str| {
        let html = site.read("paths/index.html");
        let found: Vec<String> = links(&html)
            .into_iter()
            .filter(|l| l.starts_with(prefix) && !l.starts_with("//"))
            .collect();
        let mut checked = 0;
        for link in &found {
            // Absolute paths from the output's root, relative ones from the page's folder.
            let rel = link.strip_prefix("/docs/").unwrap_or(link);
            let path = rel.split(['?', '#']).next().unwrap();
            let file = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            let on_disk = site.out().join(page_dir).join(&file);
            assert!(
                on_disk.is_file(),
                "{link} → {} is missing",
                on_disk.display()
            );
            checked += 1;
        }
        assert!(checked >= 12, "only {checked} links: {found:?}");
        let css = found
            .iter()
            .filter(|l| l.contains("css/main."))
            .collect::<Vec<_>>();
        // The page's link and the footer's, both to the hashed file.
        assert!(css.len() >= 2, "{found:?}");
        for l in css {
            assert!(!l.contains("css/main.css"), "{l}: not the hashed name");
        }
        let has = |a: &str, b: &str| found.iter().any(|l| l.ends_with(a) || l.ends_with(b));
        assert!(
            has("guide/first/#custom", "guide/first/index.html#custom"),
            "{found:?}"
        );
        assert!(
            has("search/?q=node", "search/index.html?q=node"),
            "{found:?}"
        );
    };
    let run = site.build(&["--base-url", "https://example.com/docs/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    check("/docs/", "");
    site.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: true",
    );
    built(&site);
    check("../", "paths");
}

/// An attack: a link inside content/ to the site's own output folder
/// (`content/guide/pub -> ../../public`) stayed inside the site, so it was
/// followed, and every build published the last one inside itself, one
/// level deeper (20, 40, 60 … files). A link into a folder verdict builds
/// into is refused, at the link.
#[cfg(unix)]
#[test]
fn a_link_into_the_output_folder_is_refused() {
    let site = fixture("basic");
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(site.root.join("public/index.html").is_file());
    std::os::unix::fs::symlink("../../public", site.root.join("content/guide/pub")).unwrap();
    let again = site.build(&[]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("a folder verdict builds the site into"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("content/guide/pub"),
        "{}",
        again.stderr
    );
    assert!(!site.root.join("public/guide/pub").exists());
}

/// An attack: `static/search/x0.js` was published in place of the search
/// index's first text shard, or the shard in its place, with no word (a
/// page at `search/…` was already refused). Any file there is refused.
#[test]
fn a_static_file_inside_the_search_folder_is_refused() {
    let site = fixture("basic");
    site.write("static/search/x0.js", "MINE");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("would be written to /search/x0.js, inside /search/, where verdict writes the search index"),
        "{}",
        run.stderr
    );
}
