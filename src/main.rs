//! The `verdict` command line: parses arguments, runs a command, prints
//! diagnostics and a summary, and exits 0 (ok), 1 (content or build errors)
//! or 2 (usage errors).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use verdict::cmd::build::{self, BuildError, BuildOptions};
use verdict::cmd::init;
use verdict::cmd::serve::{self, ServeEvent};
use verdict::diag::Diagnostics;

#[derive(Parser)]
#[command(
    name = "verdict",
    version,
    about = "Build technology decision guides (comparisons, verdicts, use cases and their sources) as a static site."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files
    Build {
        /// The site folder (holding content/, and optionally themes/ and static/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Override base_url from content/site.yaml
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// When another build is writing the same output folder, stop at
        /// once instead of waiting for it
        #[arg(long)]
        no_wait: bool,
        /// Print how long each stage took (to stderr)
        #[arg(long)]
        timings: bool,
    },
    /// Build the site into memory, serve it, and rebuild and reload open
    /// pages on every change (for writing; `build` is for publishing)
    Serve {
        /// The site folder (holding content/, and optionally themes/ and static/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port [default: 1111, or the next free one]; 0 takes any free port
        #[arg(long)]
        port: Option<u16>,
        /// The address to listen on; anything but loopback shows the site to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Poll for changes instead of using the OS's file events (network
        /// and container file systems)
        #[arg(long)]
        poll: bool,
        /// Print how long each stage of every rebuild took (to stderr)
        #[arg(long)]
        timings: bool,
    },
    /// Write a small example site into DIR (which must be empty or missing)
    Init { dir: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            no_wait,
            timings,
        } => {
            let opts = BuildOptions {
                root,
                out,
                base_url,
                drafts,
                no_wait,
            };
            match build::build(&opts) {
                Ok(build::Built {
                    report, warnings, ..
                }) => {
                    print_diagnostics(&warnings);
                    let n = warnings.len();
                    let warned = match n {
                        0 => String::new(),
                        1 => "; 1 warning (above)".to_string(),
                        _ => format!("; {n} warnings (above)"),
                    };
                    // A closed pipe (`verdict build | head -0`) is not an error of the build.
                    let _ = writeln!(
                        std::io::stdout(),
                        "built {} pages, {} files in {} ms → {}{warned}",
                        report.pages,
                        report.files,
                        report.elapsed.as_millis(),
                        build::shown(&opts)
                    );
                    if timings {
                        print_stages(&report.stages);
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(d)) => {
                    report_failure(&d, &format!("build failed; {}", build::left_behind(&opts)));
                    ExitCode::from(1)
                }
                Err(BuildError::Usage(d)) => {
                    report_failure(&d, "nothing was built");
                    ExitCode::from(2)
                }
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            poll,
            timings,
        } => serve_command(
            serve::ServeOptions {
                root,
                port,
                bind,
                drafts,
                poll,
            },
            open,
            timings,
        ),
        Command::Init { dir } => match init::init(&dir) {
            Ok(n) => {
                let _ = writeln!(
                    std::io::stdout(),
                    "wrote {n} files into {}; build with: verdict build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                report_failure(&d.into(), "nothing was written");
                ExitCode::from(2)
            }
        },
    }
}

fn serve_command(opts: serve::ServeOptions, open: bool, timings: bool) -> ExitCode {
    let loopback = matches!(opts.bind.as_str(), "127.0.0.1" | "::1" | "localhost");
    if !loopback {
        let _ = writeln!(
            std::io::stderr(),
            "warning: listening on {}: anyone who can reach this machine can read the site",
            opts.bind
        );
    }
    let tell = move |event: ServeEvent| {
        let mut out = std::io::stdout();
        match event {
            ServeEvent::Listening { url, asked } => {
                if asked.is_none() && !url.contains(&format!(":{}/", serve::DEFAULT_PORT)) {
                    let _ = writeln!(
                        out,
                        "port {} is busy; using the next free one",
                        serve::DEFAULT_PORT
                    );
                }
                let _ = writeln!(out, "serving {url}  (watching for changes; Ctrl+C to stop)");
                if open {
                    let _ = std::process::Command::new("xdg-open")
                        .arg(&url)
                        .stdout(std::process::Stdio::null())
                        .stderr(std::process::Stdio::null())
                        .spawn();
                }
            }
            ServeEvent::Built { pages, elapsed } => {
                let _ = writeln!(out, "built {pages} pages in {} ms", elapsed.as_millis());
            }
            ServeEvent::Changed {
                report,
                elapsed,
                stages,
            } => {
                let _ = writeln!(
                    out,
                    "rebuilt in {} ms: {} rendered, {} written, {} removed",
                    elapsed.as_millis(),
                    report.rendered.len(),
                    report.written.len(),
                    report.removed.len()
                );
                if timings {
                    print_stages(&stages);
                }
            }
            ServeEvent::Failed(d) => {
                report_failure(&d, "still serving the last good build");
            }
            ServeEvent::Warning(w) => {
                let _ = writeln!(std::io::stderr(), "warning: {w}");
            }
        }
        let _ = out.flush();
    };
    match serve::serve(opts, tell) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            report_failure(&Diagnostics(vec![d]), "not serving");
            ExitCode::from(2)
        }
    }
}

/// Each stage's time, one per line, on stderr.
fn print_stages(stages: &[(&'static str, std::time::Duration)]) {
    for (stage, took) in stages {
        let _ = writeln!(
            std::io::stderr(),
            "{stage:>14}: {:>7.1} ms",
            took.as_secs_f64() * 1000.0
        );
    }
}

fn report_failure(d: &Diagnostics, what: &str) {
    print_diagnostics(d);
    let n = d.0.len();
    let left_out = match d.left_out() {
        0 => String::new(),
        m => format!(
            " ({m} more that follow from {} left out)",
            if n == 1 { "it" } else { "them" }
        ),
    };
    let _ = writeln!(
        std::io::stderr(),
        "error: {n} problem{} found{left_out}; {what}",
        if n == 1 { "" } else { "s" }
    );
}

/// Each diagnostic, rendered, on stderr.
fn print_diagnostics(d: &Diagnostics) {
    use std::io::IsTerminal;
    let color = std::io::stderr().is_terminal();
    for diag in &d.0 {
        let _ = writeln!(std::io::stderr(), "{}\n", diag.render(color));
    }
}
