//! `verdict build`: check the output folder, load the project, render
//! everything into a staging folder, and swap it into place. A failed build
//! leaves the previous output as it was.

use std::path::PathBuf;
use std::time::Instant;

use crate::diag::{Diagnostic, Diagnostics, display_path};
use crate::engine::{BuildReport, Project, ProjectOptions, check_site};
use crate::output::{self, OutputLock, Staging};
use crate::source::settings::base_url_argument;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Stop at once when another build holds the output folder, instead of
    /// waiting for it.
    pub no_wait: bool,
}

#[derive(Debug)]
pub enum BuildError {
    /// A wrong argument: a missing site, a refused output folder (exit 2).
    Usage(Diagnostics),
    /// Problems in the site's content, settings or theme (exit 1).
    Content(Diagnostics),
}

/// A finished build: what the engine reports, where it went, and what went
/// wrong after the new site was in place (warnings: the previous output
/// that could not be removed).
#[derive(Debug)]
pub struct Built {
    pub report: BuildReport,
    pub out: PathBuf,
    pub warnings: Diagnostics,
}

pub fn build(opts: &BuildOptions) -> Result<Built, BuildError> {
    let start = Instant::now();
    let root = &opts.root;
    // Usage errors first: they say nothing about the content.
    let usage = |d: Diagnostic| BuildError::Usage(d.into());
    check_site(root).map_err(usage)?;
    if let Some(base) = &opts.base_url {
        base_url_argument(base).map_err(usage)?;
    }
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    let out = output::check_out_dir(root, &out).map_err(usage)?;

    let mut project = Project::load(project_options(opts)).map_err(BuildError::Content)?;
    let _lock = OutputLock::acquire(&out, !opts.no_wait).map_err(usage)?;
    let staging = Staging::create(&out).map_err(usage)?;
    let mut report = project.build(&staging).map_err(BuildError::Content)?;
    let leftover = staging
        .commit()
        .map_err(|d| BuildError::Content(d.into()))?;
    report.elapsed = start.elapsed();
    Ok(Built {
        report,
        out,
        warnings: Diagnostics(leftover.into_iter().collect()),
    })
}

fn project_options(opts: &BuildOptions) -> ProjectOptions {
    ProjectOptions {
        root: opts.root.clone(),
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
    }
}

/// The output folder as the summary line shows it: as given (`--out`, or
/// `<root>/public`), without a leading `./`.
pub fn shown(opts: &BuildOptions) -> String {
    display_path(&out_dir(opts))
}

/// What a failed build left: the previous output as it was, or (when
/// there was none) nothing.
pub fn left_behind(opts: &BuildOptions) -> &'static str {
    if out_dir(opts).exists() {
        "the previous output is unchanged"
    } else {
        "nothing was written"
    }
}

fn out_dir(opts: &BuildOptions) -> PathBuf {
    opts.out.clone().unwrap_or_else(|| opts.root.join("public"))
}
