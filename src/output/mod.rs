//! Output: where a build's files go. A [`Sink`] takes finished files by
//! their path inside the site; [`Staging`] writes them all-or-nothing to a
//! folder for `verdict build`, [`Memory`] keeps them in a map for
//! `verdict serve`. [`check_out_dir`] refuses output folders a wrong flag
//! could destroy; `remove` deletes verdict's own folders marker last;
//! `source` reads the files a sink copies, blaming them when they fail.

mod lock;
mod memory;
mod remove;
mod safety;
mod source;
mod staging;

pub use lock::OutputLock;
pub use memory::Memory;
pub use safety::check_out_dir;
pub use staging::Staging;

use std::path::Path;

use crate::diag::Diagnostic;

/// The file verdict leaves in every output folder it creates.
pub(crate) const MARKER: &str = ".verdict-output";

/// Where finished output files go. `rel` is a `/`-separated path inside the
/// site (`aspects/speed/index.html`); implementations refuse paths that
/// would leave it. Shared by the rendering threads.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Copies a file from disk (static files, images beside pages).
    fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic>;
    /// Removes a file a previous build wrote (a page that went away).
    fn remove(&self, rel: &str) -> Result<(), Diagnostic>;
}

/// True when `rel` is a plain relative path with no `.`/`..` segments: the
/// last guard that nothing lands outside the output.
pub(crate) fn is_inside(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}
