//! The `verdict` command line: parses arguments, runs a command, prints
//! diagnostics and a summary, and exits 0 (ok), 1 (content or build errors)
//! or 2 (usage errors).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use verdict::cmd::build::{self, BuildError, BuildOptions};
use verdict::cmd::init;
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
                Ok(build::Built { report, out }) => {
                    // A closed pipe (`verdict build | head -0`) is not an error of the build.
                    let _ = writeln!(
                        std::io::stdout(),
                        "built {} pages, {} files in {} ms → {}",
                        report.pages,
                        report.files,
                        report.elapsed.as_millis(),
                        build::shown(&out)
                    );
                    if timings {
                        for (stage, took) in &report.stages {
                            let _ = writeln!(
                                std::io::stderr(),
                                "{stage:>14}: {:>7.1} ms",
                                took.as_secs_f64() * 1000.0
                            );
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(d)) => {
                    report_failure(&d, "build failed; the previous output is unchanged");
                    ExitCode::from(1)
                }
                Err(BuildError::Usage(d)) => {
                    report_failure(&d, "nothing was built");
                    ExitCode::from(2)
                }
            }
        }
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

fn report_failure(d: &Diagnostics, what: &str) {
    use std::io::IsTerminal;
    let color = std::io::stderr().is_terminal();
    for diag in &d.0 {
        let _ = writeln!(std::io::stderr(), "{}\n", diag.render(color));
    }
    let n = d.0.len();
    let _ = writeln!(
        std::io::stderr(),
        "error: {n} problem{} found; {what}",
        if n == 1 { "" } else { "s" }
    );
}
