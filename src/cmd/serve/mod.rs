//! `verdict serve`: builds the site into memory, serves it over HTTP, watches
//! the site's folder and applies each change through the engine
//! (`Project::apply_change`), then tells open pages to reload over
//! Server-Sent Events, only once the new files are in place. A change that
//! fails keeps the last good site and shows its problems in an overlay on
//! every page (and in the terminal); the next good change clears it. Serve
//! never exits on a content, template or data error.
//!
//! Files are served from memory (`output::Memory`): `public/` is never
//! touched. The reload script and the overlay are added to HTML responses
//! here, so `verdict build` output never carries them.

mod http;
pub mod paths;
mod watch;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::engine::{ChangeReport, Project, ProjectOptions};
use crate::output::Memory;

/// The first port tried when none is asked for; the next free one is used
/// when it is busy.
pub const DEFAULT_PORT: u16 = 1111;

pub struct ServeOptions {
    pub root: PathBuf,
    /// `None`: 1111 or the next free port. `Some(0)`: any free port.
    pub port: Option<u16>,
    pub bind: String,
    pub drafts: bool,
    /// Poll the file system instead of using OS events (network and
    /// container file systems).
    pub poll: bool,
}

/// What serve tells the terminal (`main.rs` prints it).
pub enum ServeEvent {
    Listening {
        url: String,
        asked: Option<u16>,
    },
    Built {
        pages: usize,
        elapsed: Duration,
    },
    Changed {
        report: ChangeReport,
        elapsed: Duration,
        /// How long each stage of the change took.
        stages: Vec<(&'static str, Duration)>,
    },
    Failed(Diagnostics),
    /// A watcher problem (not the site's).
    Warning(String),
}

/// State shared by the HTTP threads and the watcher.
pub(crate) struct Shared {
    pub memory: Memory,
    /// The problems of the last build or change, as HTML, while it fails.
    pub overlay: Mutex<Option<String>>,
    /// Open reload channels.
    pub clients: Mutex<Vec<Sender<String>>>,
    /// The base path the site is mounted at (`/` or `/docs/`).
    pub base: Mutex<String>,
    /// The address asked for with --bind (allowed as a Host).
    pub bound: String,
}

impl Shared {
    /// Sends an event to every open page; channels whose page went away are dropped.
    pub fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(message.clone()).is_ok());
    }

    fn set_overlay(&self, d: Option<&Diagnostics>) {
        let html = d.map(|d| d.0.iter().map(|x| x.render_html()).collect::<String>());
        *self.overlay.lock().unwrap_or_else(|e| e.into_inner()) = html;
    }
}

/// Serves until the process is stopped. Returns only on a usage problem (a
/// port asked for that is busy, a root that is not a site).
pub fn serve(
    opts: ServeOptions,
    mut tell: impl FnMut(ServeEvent) + Send + 'static,
) -> Result<(), Diagnostic> {
    let root = std::fs::canonicalize(&opts.root).map_err(|e| {
        Diagnostic::in_file(
            Code::Io,
            &opts.root,
            format!("cannot open the site folder: {e}"),
        )
    })?;
    crate::engine::check_site(&root)?;
    let listener = bind(&opts)?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let shared = Arc::new(Shared {
        memory: Memory::new(),
        overlay: Mutex::new(None),
        clients: Mutex::new(Vec::new()),
        base: Mutex::new("/".to_string()),
        bound: opts.bind.clone(),
    });
    let project_opts = ProjectOptions {
        root: root.clone(),
        base_url: None,
        drafts: opts.drafts,
    };
    let watcher = watch::Watcher::start(&root, opts.poll, &mut tell)?;
    // The first build; a failure still serves (the overlay) and is retried on the next change.
    let project = first_build(&project_opts, &shared, &mut tell);
    // Bound to every address: this machine's own loopback is one of them.
    let host = match opts.bind.as_str() {
        "0.0.0.0" => "127.0.0.1".to_string(),
        "::" => "[::1]".to_string(),
        b if b.contains(':') => format!("[{b}]"),
        b => b.to_string(),
    };
    let base = shared
        .base
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    tell(ServeEvent::Listening {
        url: format!("http://{host}:{port}{base}"),
        asked: opts.port,
    });
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Diagnostic::global(Code::Io, format!("cannot serve: {e}")))?;
    let http_shared = shared.clone();
    std::thread::spawn(move || http::run(server, http_shared));
    watch::run(&root, watcher, project, project_opts, shared, tell)
}

fn first_build(
    opts: &ProjectOptions,
    shared: &Shared,
    tell: &mut impl FnMut(ServeEvent),
) -> Option<Project> {
    let start = Instant::now();
    let result = Project::load(ProjectOptions {
        root: opts.root.clone(),
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
    })
    .and_then(|mut p| p.build(&shared.memory).map(|r| (p, r)));
    match result {
        Ok((p, report)) => {
            *shared.base.lock().unwrap_or_else(|e| e.into_inner()) =
                p.site().urls().base_path().to_string();
            shared.set_overlay(None);
            tell(ServeEvent::Built {
                pages: report.pages,
                elapsed: start.elapsed(),
            });
            Some(p)
        }
        Err(d) => {
            shared.set_overlay(Some(&d));
            tell(ServeEvent::Failed(d));
            None
        }
    }
}

/// The listening socket: the port asked for (an error when busy), or 1111
/// and up to the next 50 ports.
fn bind(opts: &ServeOptions) -> Result<TcpListener, Diagnostic> {
    let addr = |port: u16| {
        if opts.bind.contains(':') {
            format!("[{}]:{port}", opts.bind)
        } else {
            format!("{}:{port}", opts.bind)
        }
    };
    match opts.port {
        Some(p) => TcpListener::bind(addr(p)).map_err(|e| {
            Diagnostic::global(Code::Io, format!("cannot listen on {}: {e}", addr(p)))
                .with_help("choose another --port, or leave it out to take the next free one")
        }),
        None => (DEFAULT_PORT..DEFAULT_PORT + 50)
            .find_map(|p| TcpListener::bind(addr(p)).ok())
            .ok_or_else(|| {
                Diagnostic::global(
                    Code::Io,
                    format!("no free port from {DEFAULT_PORT} to {}", DEFAULT_PORT + 49),
                )
            }),
    }
}
