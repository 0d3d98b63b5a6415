//! `verdict serve` as a writer meets it: the real binary on a free port in a
//! temporary copy of a fixture site. Pages come from memory with the reload
//! script; an edit (plain write or atomic rename) sends a reload event on
//! the channel and the new content is served; pages added and deleted; a
//! broken front matter keeps the last good site and shows the overlay, and
//! a fix clears it; a first build that fails still serves and recovers;
//! paths that try to leave the site, other hosts and other methods are
//! refused; `public/` is never written.

mod common;

use common::fixture;
use common::serve::*;
use std::process::Command;
use std::time::Duration;

#[test]
fn edits_reach_open_pages_and_mistakes_show_in_an_overlay() {
    let site = fixture("basic");
    let server = serve(&site.root);
    let port = server.port;
    let (status, page) = get(port, "/about/");
    assert_eq!(status, 200);
    assert!(page.contains("About the fixture"));
    assert!(
        page.contains("/__verdict/reload.js"),
        "the reload script is added"
    );
    assert!(
        !site.root.join("public").exists(),
        "serve writes nothing to disk"
    );
    let rx = events(port);

    // A plain write.
    let about = site.root.join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(
        &about,
        text.replace("About the fixture.", "About the fixture, edited once."),
    )
    .unwrap();
    assert_eq!(next_event(&rx), "reload");
    assert!(get(port, "/about/").1.contains("edited once"));

    // An atomic save.
    atomic_write(
        &about,
        &text.replace("About the fixture.", "About the fixture, saved atomically."),
    );
    assert_eq!(next_event(&rx), "reload");
    assert!(get(port, "/about/").1.contains("saved atomically"));

    // A new page in a new folder, then deleted.
    let new = site.root.join("content/new/deeper/fresh.md");
    std::fs::create_dir_all(new.parent().unwrap()).unwrap();
    std::fs::write(&new, "---\ntitle: Fresh\n---\n\nA fresh page.\n").unwrap();
    assert_eq!(next_event(&rx), "reload");
    let (status, page) = get(port, "/new/deeper/fresh/");
    assert_eq!(status, 200, "{page}");
    std::fs::remove_file(&new).unwrap();
    assert_eq!(next_event(&rx), "reload");
    assert_eq!(get(port, "/new/deeper/fresh/").0, 404);

    // A broken front matter: the last good page stays, with the overlay.
    std::fs::write(&about, text.replace("title: About", "title: [About")).unwrap();
    assert_eq!(next_event(&rx), "reload");
    let (status, page) = get(port, "/about/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"verdict-overlay\""), "{page}");
    assert!(
        page.contains("about.md:2:"),
        "the overlay names the place: {page}"
    );
    assert!(
        page.contains("About the fixture, saved atomically"),
        "the last good build"
    );
    // Fixed: the overlay goes.
    std::fs::write(&about, &text).unwrap();
    assert_eq!(next_event(&rx), "reload");
    let page = get(port, "/about/").1;
    assert!(!page.contains("verdict-overlay"));
    assert!(page.contains("About the fixture."));

    // Editor backup files change nothing.
    std::fs::write(site.root.join("content/about.md~"), "junk").unwrap();
    assert!(
        rx.recv_timeout(Duration::from_millis(800)).is_err(),
        "no event for an editor backup"
    );
    assert!(!site.root.join("public").exists());
}

#[test]
fn a_first_build_that_fails_still_serves_and_recovers() {
    let site = fixture("basic");
    let about = site.root.join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, text.replace("title: About", "title: [About")).unwrap();
    let server = serve(&site.root);
    let port = server.port;
    let (status, page) = get(port, "/");
    assert_eq!(status, 404);
    assert!(page.contains("id=\"verdict-overlay\""), "{page}");
    assert!(page.contains("/__verdict/reload.js"));
    let rx = events(port);
    std::fs::write(&about, &text).unwrap();
    assert_eq!(next_event(&rx), "reload");
    let (status, page) = get(port, "/about/");
    assert_eq!(status, 200);
    assert!(!page.contains("verdict-overlay"));
}

#[test]
fn only_the_site_only_here_only_reads() {
    let site = fixture("basic");
    std::fs::write(site.root.join("secret.txt"), "top secret").unwrap();
    let server = serve(&site.root);
    let port = server.port;
    for path in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/about/../../secret.txt",
    ] {
        let (status, body) = get(port, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("top secret") && !body.contains("root:"),
            "{path}"
        );
    }
    let (status, _) = request(port, "GET", "/", "evil.example");
    assert_eq!(status, 403, "DNS rebinding: another Host is refused");
    let (status, head) = request(port, "POST", "/", "localhost");
    assert_eq!(status, 405);
    assert!(head.contains("Allow: GET, HEAD"));
    let (status, head) = request(port, "HEAD", "/about/", "localhost");
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/html")
    );
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("access-control-allow-origin")
    );
    let (status, head) = get(port, "/about");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /about/"));
}

#[test]
fn a_port_asked_for_that_is_busy_is_an_error() {
    let site = fixture("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_verdict"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
}

#[test]
fn a_site_with_a_base_path_is_mounted_there() {
    let site = fixture("databases");
    let server = serve(&site.root);
    let port = server.port;
    let (status, head) = get(port, "/");
    assert_eq!(status, 302);
    assert!(head.contains("Location: /guides/databases/"), "{head}");
    assert_eq!(get(port, "/guides/databases").0, 301);
    let (status, page) = get(port, "/guides/databases/comparison/");
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/guides/databases/"));
    let (status, page) = get(port, "/guides/databases/no-such-page/");
    assert_eq!(status, 404);
    assert!(
        page.contains("/__verdict/reload.js"),
        "the 404 page reloads too"
    );
}
