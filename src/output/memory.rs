//! An in-memory sink: the output of a build as a map from path to bytes, for
//! `verdict serve` (which answers requests from it) and for tests.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use super::{Sink, is_inside, source};
use crate::diag::{Code, Diagnostic};

#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of the files written so far (the lock is never handed out,
    /// so a reader cannot hold it while the engine writes).
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.lock().clone()
    }

    /// Whether a file is there.
    pub fn contains(&self, rel: &str) -> bool {
        self.lock().contains_key(rel)
    }

    /// A copy of one file.
    pub fn get(&self, rel: &str) -> Option<Vec<u8>> {
        self.lock().get(rel).cloned()
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Vec<u8>>> {
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if !is_inside(rel) {
            return Err(Diagnostic::global(
                Code::Io,
                format!("refusing to write outside the output: {rel}"),
            ));
        }
        self.lock().insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), Diagnostic> {
        self.write(rel, &source::read(from)?)
    }

    fn remove(&self, rel: &str) -> Result<(), Diagnostic> {
        self.lock().remove(rel);
        Ok(())
    }
}
