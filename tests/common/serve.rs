//! Running `verdict serve` in tests: the real binary on a free port, raw
//! HTTP requests, and the reload channel as a stream of event names.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Waits this long for an event: generous, since CI machines can be slow.
pub const WAIT: Duration = Duration::from_secs(20);

pub struct Serve {
    child: Child,
    pub port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(root: &Path) -> Serve {
    serve_with(root, &[])
}

pub fn serve_with(root: &Path, extra: &[&str]) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_verdict"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(extra)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // Killed and waited for on drop, on every path.
    let mut server = Serve { child, port: 0 };
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let start = Instant::now();
    loop {
        let line = rx
            .recv_timeout(WAIT)
            .expect("serve printed where it listens");
        if let Some(rest) = line
            .strip_prefix("serving http://127.0.0.1:")
            .or_else(|| line.strip_prefix("serving http://0.0.0.0:"))
        {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            // Keep draining stdout so the child never blocks on a full pipe.
            std::thread::spawn(move || while rx.recv().is_ok() {});
            server.port = port;
            return server;
        }
        assert!(start.elapsed() < WAIT, "no `serving` line");
    }
}

/// A raw HTTP/1.1 request; returns (status, headers and body as text).
pub fn request(port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

pub fn get(port: u16, path: &str) -> (u16, String) {
    request(port, "GET", path, &format!("127.0.0.1:{port}"))
}

/// The reload channel: each event's name, as it arrives.
pub fn events(port: u16) -> Receiver<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__verdict/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ")
                && tx.send(name.to_string()).is_err()
            {
                break;
            }
            if line.starts_with(": connected") {
                let _ = tx.send("connected".to_string());
            }
        }
    });
    assert_eq!(rx.recv_timeout(WAIT).unwrap(), "connected");
    rx
}

pub fn next_event(rx: &Receiver<String>) -> String {
    rx.recv_timeout(WAIT).expect("a reload event")
}

/// Writes a file the way editors with atomic saves do: a temporary file,
/// renamed over the old one.
pub fn atomic_write(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}
