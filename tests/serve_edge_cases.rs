//! Regression tests for `verdict serve` from an attack on it: each test
//! states what a writer expects, and failed before its fix.

mod common;

use common::fixture;
use common::serve::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn body_bytes(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let split = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, out[split + 4..].to_vec())
}

/// `--poll` exists for file systems without OS events; notify's
/// PollWatcher reports a changed file as `Modify(Metadata(WriteTime))`,
/// which serve's watcher drops as "metadata only": no edit is ever seen.
#[test]
fn poll_mode_sees_edits_to_existing_files() {
    let site = fixture("basic");
    let server = serve_with(&site.root, &["--poll"]);
    let port = server.port;
    let rx = events(port);
    let about = site.root.join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    // Past the poll's mtime granularity.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(
        &about,
        text.replace("About the fixture.", "About the fixture, polled."),
    )
    .unwrap();
    assert_eq!(next_event(&rx), "reload", "an edit under --poll reloads");
    assert!(get(port, "/about/").1.contains("polled"));
}

/// Changing `base_url` in site.yaml while serving re-renders every link
/// under the new path, but the site stays mounted at the old one: every
/// link now redirects back to the old home page.
#[test]
fn a_base_url_changed_while_serving_moves_the_mount() {
    let site = fixture("databases");
    let server = serve(&site.root);
    let port = server.port;
    assert_eq!(get(port, "/guides/databases/").0, 200);
    let rx = events(port);
    let yaml = site.root.join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "https://intranet.example/guides/databases/",
            "https://intranet.example/db/",
        ),
    )
    .unwrap();
    assert_eq!(next_event(&rx), "reload");
    let (status, page) = get(port, "/db/");
    assert_eq!(status, 200, "the site moved with its base_url: {page}");
    assert!(page.contains("href=\"/db/comparison/\""));
    let (status, head) = get(port, "/");
    assert_eq!(status, 302);
    assert!(head.contains("Location: /db/"), "{head}");
}

/// A base path with a percent-encoded character (a space, an accented
/// letter) is compared encoded against the decoded request path: every
/// request, the base itself included, redirects to the base, forever.
#[test]
fn a_percent_encoded_base_path_is_reachable() {
    let site = fixture("basic");
    let yaml = site.root.join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "base_url: https://example.com/",
            "base_url: https://example.com/my%20docs/",
        ),
    )
    .unwrap();
    let server = serve(&site.root);
    let (status, page) = get(server.port, "/my%20docs/about/");
    assert_eq!(status, 200, "{page}");
}

/// A base path written with raw non-ASCII letters: the redirect to it
/// panics building the Location header (500, a backtrace in the terminal).
#[test]
fn a_non_ascii_base_path_redirects_instead_of_500() {
    let site = fixture("basic");
    let yaml = site.root.join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "base_url: https://example.com/",
            "base_url: https://example.com/guías/",
        ),
    )
    .unwrap();
    let server = serve(&site.root);
    let (status, head) = get(server.port, "/");
    assert_eq!(status, 302, "{head}");
}

/// A folder with a non-ASCII name asked for without its slash: the
/// redirect's Location is the decoded path, which tiny_http refuses, and
/// `expect("a valid header")` panics: 500 and a backtrace.
#[test]
fn a_non_ascii_folder_without_its_slash_redirects() {
    let site = fixture("basic");
    let dir = site.root.join("static/café");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<p>menu</p>").unwrap();
    let server = serve(&site.root);
    let (status, head) = get(server.port, "/caf%C3%A9");
    assert_eq!(status, 301, "{head}");
    assert!(head.contains("Location: /caf%C3%A9/"), "{head}");
    // A space is sent raw too.
    let dir = site.root.join("static/a b");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<p>x</p>").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let (status, head) = get(server.port, "/a%20b");
    assert_eq!(status, 301, "{head}");
    assert!(head.contains("Location: /a%20b/"), "{head}");
}

/// Files a site commonly holds get their web content type; with
/// `nosniff` on every response, a module script served as
/// application/octet-stream does not run at all.
#[test]
fn common_web_files_get_their_content_types() {
    let site = fixture("basic");
    let files = [
        ("app.mjs", "text/javascript"),
        ("module.wasm", "application/wasm"),
        ("photo.avif", "image/avif"),
        ("clip.mp4", "video/mp4"),
        ("clip.webm", "video/webm"),
        ("font.ttf", "font/ttf"),
        ("font.otf", "font/otf"),
        ("site.webmanifest", "application/manifest+json"),
        ("old.htm", "text/html"),
    ];
    for (name, _) in files {
        std::fs::write(site.root.join("static").join(name), b"x").unwrap();
    }
    let server = serve(&site.root);
    let mut wrong = Vec::new();
    for (name, want) in files {
        let (status, head) = request(server.port, "HEAD", &format!("/{name}"), "localhost");
        assert_eq!(status, 200, "{name}");
        if !head
            .to_ascii_lowercase()
            .contains(&format!("content-type: {want}"))
        {
            wrong.push(name);
        }
    }
    assert!(wrong.is_empty(), "wrong content type for {wrong:?}");
}

/// An HTML file that is not UTF-8 (a legacy page in static/) keeps its
/// bytes: serve turns every non-UTF-8 byte into U+FFFD before injecting
/// the script, so the page differs from what `verdict build` publishes.
#[test]
fn a_non_utf8_html_file_keeps_its_bytes() {
    let site = fixture("basic");
    std::fs::write(
        site.root.join("static/latin1.html"),
        b"<!doctype html><meta charset=\"iso-8859-1\"><body><p>caf\xe9</p></body>",
    )
    .unwrap();
    let server = serve(&site.root);
    let (status, body) = body_bytes(server.port, "/latin1.html");
    assert_eq!(status, 200);
    assert!(
        body.windows(4).any(|w| w == b"caf\xe9"),
        "{}",
        String::from_utf8_lossy(&body)
    );
}

/// HEAD of the reload channel sends a body and never ends.
#[test]
fn head_of_the_event_channel_ends() {
    let site = fixture("basic");
    let server = serve(&site.root);
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    write!(
        s,
        "HEAD /__verdict/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    let ended = s.read_to_end(&mut out).is_ok();
    let text = String::from_utf8_lossy(&out);
    assert!(ended, "the response ends: {text}");
    assert!(!text.contains(": connected"), "no body for HEAD: {text}");
}

/// `--bind 0.0.0.0` is how a writer shows the site to a phone on the same
/// network; the Host check then admits only localhost and the literal
/// "0.0.0.0", so a request to the machine's own address is refused (403).
/// An IP literal in Host cannot be DNS rebinding.
#[test]
fn bound_to_all_interfaces_answers_the_machines_own_address() {
    let site = fixture("basic");
    let server = serve_with(&site.root, &["--bind", "0.0.0.0"]);
    let port = server.port;
    // What a phone on the network sends: the machine's address as Host.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "GET /about/ HTTP/1.1\r\nHost: 192.0.2.2:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    // A name is still refused: that is what DNS rebinding uses.
    let (status, _) = request(port, "GET", "/about/", "evil.example");
    assert_eq!(status, 403);
}

/// A writer's trial: `content/` deleted and made again within one burst
/// (`rm -rf content && cp -a backup content`, as a `git checkout` can do)
/// was rebuilt once, and then no later edit was ever seen: the watch was
/// on the old folder, and the new one under the same name was taken for
/// it.
#[test]
fn a_content_folder_made_again_is_watched_again() {
    let site = fixture("basic");
    let backup = site.root.join("backup");
    let content = site.root.join("content");
    copy_dir(&content, &backup);
    let server = serve(&site.root);
    let port = server.port;
    let rx = events(port);
    std::fs::remove_dir_all(&content).unwrap();
    std::fs::rename(&backup, &content).unwrap();
    assert_eq!(next_event(&rx), "reload", "the new folder is read");
    // The swap may come as one burst or two: let it settle.
    while rx.recv_timeout(Duration::from_millis(500)).is_ok() {}
    let about = content.join("about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(
        &about,
        text.replace("About the fixture.", "About the fixture, again."),
    )
    .unwrap();
    assert_eq!(next_event(&rx), "reload", "an edit in the new folder");
    assert!(get(port, "/about/").1.contains("again."));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
