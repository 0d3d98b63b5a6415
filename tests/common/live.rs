//! A live project for engine tests: a fixture site loaded once and built
//! into memory, then changed file by file, and compared with a fresh build.

use std::collections::BTreeMap;
use std::path::PathBuf;

use verdict::engine::{ChangeReport, Project, ProjectOptions};
use verdict::output::Memory;

use super::Site;

pub struct Live {
    pub site: Site,
    pub project: Project,
    pub out: Memory,
    /// Every page (path under content/) the first build rendered.
    pub all: Vec<String>,
}

pub fn live(site: Site) -> Live {
    let mut project = Project::load(ProjectOptions {
        root: site.root.clone(),
        ..ProjectOptions::default()
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let out = Memory::new();
    let report = project.build(&out).unwrap_or_else(|d| panic!("{d}"));
    let all = report.deps.keys().cloned().collect();
    Live {
        site,
        project,
        out,
        all,
    }
}

/// The site's root written relative to the current folder (what `--root
/// site` gives), climbing to `/` first.
pub fn relative_root(site: &Site) -> PathBuf {
    let cwd = std::env::current_dir().unwrap();
    let ups = cwd.components().count() - 1;
    std::iter::repeat_n("..", ups)
        .collect::<PathBuf>()
        .join(site.root.strip_prefix("/").unwrap())
}

impl Live {
    /// `apply_change` with paths under the site (files or folders).
    pub fn try_change(&mut self, rels: &[&str]) -> Result<ChangeReport, String> {
        let paths: Vec<PathBuf> = rels.iter().map(|r| self.site.root.join(r)).collect();
        self.project
            .apply_change(&paths, &self.out)
            .map_err(|d| d.to_string())
    }

    pub fn change(&mut self, rels: &[&str]) -> ChangeReport {
        self.try_change(rels).unwrap_or_else(|d| panic!("{d}"))
    }

    /// Edits a file (replacing `from` with `to`) and applies the change.
    pub fn edit(&mut self, rel: &str, from: &str, to: &str) -> ChangeReport {
        self.site.edit(rel, from, to);
        self.change(&[rel])
    }

    /// After any number of changes, the output equals a fresh build's; on a
    /// difference, shows the first differing file both ways.
    pub fn assert_same_as_fresh_build(&self) {
        let fresh = live(Site::reuse(&self.site));
        let (a, b) = (self.out.files(), fresh.out.files());
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
        if let Some(k) = differ.first() {
            let show = |m: &BTreeMap<String, Vec<u8>>| {
                String::from_utf8_lossy(m.get(*k).map(Vec::as_slice).unwrap_or(b"(none)"))
                    .into_owned()
            };
            panic!(
                "{differ:?} differ from a fresh build; {k} incrementally:\n{}\nfresh:\n{}",
                show(&a),
                show(&b)
            );
        }
    }

    /// Whether a fresh load and build of the same files fails.
    pub fn fresh_fails(&self) -> bool {
        let s = Site::reuse(&self.site);
        match Project::load(ProjectOptions {
            root: s.root.clone(),
            ..ProjectOptions::default()
        }) {
            Err(_) => true,
            Ok(mut p) => p.build(&Memory::new()).is_err(),
        }
    }
}
