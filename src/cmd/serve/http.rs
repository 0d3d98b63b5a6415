//! The HTTP side of `verdict serve`: GET and HEAD of the files in memory,
//! under the site's base path, with the reload script (and the overlay,
//! while the last change fails) added to HTML; the reload channel
//! (`/__verdict/events`, Server-Sent Events). Hosts other than this
//! machine's names are refused (DNS rebinding); paths that could leave the
//! site are refused before anything is looked up.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::Shared;
use super::paths::{Target, content_type, encode_path, host_allowed, resolve};

/// The reload channel's path, the same under any base path.
pub const EVENTS: &str = "/__verdict/events";
/// The reload script and the overlay's stylesheet: files, not inline, so a
/// theme's Content-Security-Policy (`default-src 'self'`) lets them run.
const SCRIPT: &str = "/__verdict/reload.js";
const STYLE: &str = "/__verdict/overlay.css";

pub fn run(server: Server, shared: Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        std::thread::spawn(move || handle(request, &shared));
    }
}

/// A header; a value tiny_http refuses (not ASCII) has its bytes
/// percent-encoded instead (only paths reach here).
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(name.as_bytes(), encode_path(value).as_bytes())
            .expect("an encoded path is a valid header value")
    })
}

fn respond(request: Request, status: u16, ctype: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let head = request.method() == &Method::Head;
    let len = body.len();
    let mut response = Response::new(
        status.into(),
        vec![
            header("Content-Type", ctype),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        std::io::Cursor::new(if head { Vec::new() } else { body }),
        Some(len),
        None,
    );
    for (k, v) in extra {
        response.add_header(header(k, v));
    }
    let _ = request.respond(response);
}

fn text(request: Request, status: u16, message: &str, extra: &[(&str, &str)]) {
    respond(
        request,
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
        extra,
    );
}

fn handle(request: Request, shared: &Shared) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default();
    if !host_allowed(&host, &shared.bound) {
        return text(
            request,
            403,
            "verdict serve answers only to this machine's names (the Host header named another).",
            &[],
        );
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return text(
            request,
            405,
            "verdict serve answers GET and HEAD only.",
            &[("Allow", "GET, HEAD")],
        );
    }
    let url = request.url().to_string();
    match url.split('?').next() {
        Some(EVENTS) if request.method() == &Method::Head => {
            return respond(request, 200, "text/event-stream", Vec::new(), &[]);
        }
        Some(EVENTS) => return events(request, shared),
        Some(SCRIPT) => {
            return respond(
                request,
                200,
                "text/javascript; charset=utf-8",
                RELOAD_JS.as_bytes().to_vec(),
                &[],
            );
        }
        Some(STYLE) => {
            return respond(
                request,
                200,
                "text/css; charset=utf-8",
                OVERLAY_CSS.as_bytes().to_vec(),
                &[],
            );
        }
        _ => {}
    }
    let base = shared
        .base
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    match resolve(&url, &base, |p| shared.memory.contains(p)) {
        Target::Bad => text(request, 400, "bad path", &[]),
        Target::ToBase => text(
            request,
            302,
            &format!("the site is at {base}"),
            &[("Location", &encode_path(&base))],
        ),
        Target::Slash(to) => text(
            request,
            301,
            &format!("moved to {to}"),
            &[("Location", &encode_path(&to))],
        ),
        Target::File(rel) => match shared.memory.get(&rel) {
            Some(bytes) => {
                let ctype = content_type(&rel);
                let body = if ctype.starts_with("text/html") {
                    page(bytes, shared)
                } else {
                    bytes
                };
                respond(request, 200, ctype, body, &[])
            }
            None => not_found(request, shared),
        },
    }
}

fn not_found(request: Request, shared: &Shared) {
    let failed = shared
        .overlay
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .is_some();
    let body = match shared.memory.get("404.html") {
        Some(bytes) => bytes,
        None if failed => b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>verdict serve: the site did not build</title></head><body><main><h1>The site did not build</h1><p>Fix the problems below; this page reloads by itself.</p></main></body></html>".to_vec(),
        None => b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>".to_vec(),
    };
    respond(
        request,
        404,
        "text/html; charset=utf-8",
        page(body, shared),
        &[],
    );
}

/// An HTML page as served: the reload script, and the overlay while the
/// last build or change fails, before the last `</body>`. The page's own
/// bytes are kept as they are, whatever their encoding.
fn page(mut html: Vec<u8>, shared: &Shared) -> Vec<u8> {
    let mut extra = format!("<script src=\"{SCRIPT}\"></script>");
    if let Some(o) = shared
        .overlay
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_deref()
    {
        extra.insert_str(0, &overlay(o));
    }
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, extra.into_bytes());
    html
}

fn overlay(diagnostics: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{STYLE}\"><div id=\"verdict-overlay\" role=\"alert\"><p class=\"verdict-overlay-title\">verdict serve: the last change did not build. This page is the last good build; it reloads when the problems are fixed.</p>{diagnostics}</div>"
    )
}

const OVERLAY_CSS: &str = "#verdict-overlay{position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;background:#fff;color:#1b1d21;border-top:4px solid #b3261e;box-shadow:0 -4px 16px rgba(0,0,0,.25);padding:12px 16px;font:14px/1.45 system-ui,sans-serif}#verdict-overlay pre{white-space:pre-wrap;background:#f4f6f8;padding:8px;overflow:auto}#verdict-overlay .diagnostic-caret{color:#b3261e;font-weight:700}#verdict-overlay .verdict-overlay-title{margin:0 0 8px;font-weight:700}\n";

/// Reloads the page on `reload` (keeping the scroll position), swaps
/// stylesheets in place on `css` (`{old file: new file}`).
const RELOAD_JS: &str = r#"(function(){var k="verdict-scroll:"+location.pathname;try{var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);addEventListener("load",function(){scrollTo(0,+y)});}}catch(e){}var s=new EventSource("/__verdict/events");s.addEventListener("reload",function(){try{sessionStorage.setItem(k,String(scrollY))}catch(e){}location.reload();});s.addEventListener("css",function(e){var m=JSON.parse(e.data);document.querySelectorAll('link[rel="stylesheet"]').forEach(function(l){var h=l.getAttribute("href")||"";Object.keys(m).forEach(function(o){if(h.slice(-o.length)===o)l.setAttribute("href",h.slice(0,-o.length)+m[o]);});});});})();
"#;

/// The reload channel: an event stream that stays open; a comment every
/// 15 s keeps proxies and the browser from closing it.
fn events(request: Request, shared: &Shared) {
    let (tx, rx) = channel::<String>();
    shared
        .clients
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tx);
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\nretry: 300\n: connected\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
}
