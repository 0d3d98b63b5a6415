//! The reverse dependency index: for each thing a page can be made from
//! (a template, another page's title or URL, a guide, the data files), the
//! outputs that read it. Built from the [`PageDeps`] each render records;
//! [`DepIndex::affected`] answers "what must render again" for a change.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::guides::GuideId;
use crate::render::page::PageDeps;

/// What changed, as the index understands it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Changed {
    /// Template names whose text changed.
    pub templates: BTreeSet<String>,
    /// Pages (by path under `content/`) whose title, description, date,
    /// URL, kind or headings changed, or that appeared or went away.
    pub shown: BTreeSet<String>,
    pub guides: BTreeSet<GuideId>,
    /// Whether guides were added or removed.
    pub guide_set: bool,
    /// Files beside the pages (paths under `content/`) added or removed.
    pub files: BTreeSet<String>,
    pub data: bool,
}

/// Keyed by output: a page's path under `content/`, or the name of another
/// rendered output (the 404 page).
#[derive(Debug, Default, Clone)]
pub(crate) struct DepIndex {
    by_template: BTreeMap<String, BTreeSet<String>>,
    by_page: BTreeMap<String, BTreeSet<String>>,
    by_guide: BTreeMap<GuideId, BTreeSet<String>>,
    by_file: BTreeMap<String, BTreeSet<String>>,
    reads_guide_set: BTreeSet<String>,
    reads_data: BTreeSet<String>,
    /// What each output was last recorded with, so forgetting it touches
    /// only its own entries.
    recorded: BTreeMap<String, PageDeps>,
}

impl DepIndex {
    /// Records what `output` was made from, replacing what it was made from before.
    pub(crate) fn record(&mut self, output: &str, deps: &PageDeps) {
        self.forget(output);
        for t in &deps.templates {
            self.by_template
                .entry(t.clone())
                .or_default()
                .insert(output.into());
        }
        for p in &deps.pages {
            self.by_page
                .entry(p.clone())
                .or_default()
                .insert(output.into());
        }
        for g in &deps.guides {
            self.by_guide
                .entry(g.clone())
                .or_default()
                .insert(output.into());
        }
        for f in &deps.files {
            self.by_file
                .entry(f.clone())
                .or_default()
                .insert(output.into());
        }
        if deps.guide_set {
            self.reads_guide_set.insert(output.into());
        }
        if deps.data {
            self.reads_data.insert(output.into());
        }
        self.recorded.insert(output.into(), deps.clone());
    }

    /// Whether `output` was ever recorded (and not forgotten).
    pub(crate) fn knows(&self, output: &str) -> bool {
        self.recorded.contains_key(output)
    }

    /// Removes every record of `output` (a page that went away).
    pub(crate) fn forget(&mut self, output: &str) {
        let Some(deps) = self.recorded.remove(output) else {
            return;
        };
        let drop = |map: &mut BTreeMap<String, BTreeSet<String>>, keys: &BTreeSet<String>| {
            for k in keys {
                if let Some(set) = map.get_mut(k) {
                    set.remove(output);
                }
            }
        };
        drop(&mut self.by_template, &deps.templates);
        drop(&mut self.by_page, &deps.pages);
        drop(&mut self.by_file, &deps.files);
        for g in &deps.guides {
            if let Some(set) = self.by_guide.get_mut(g) {
                set.remove(output);
            }
        }
        self.reads_guide_set.remove(output);
        self.reads_data.remove(output);
    }

    /// The outputs that read something in `changed`.
    pub(crate) fn affected(&self, changed: &Changed) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut add =
            |set: Option<&BTreeSet<String>>| out.extend(set.into_iter().flatten().cloned());
        for t in &changed.templates {
            add(self.by_template.get(t));
        }
        for p in &changed.shown {
            add(self.by_page.get(p));
        }
        for g in &changed.guides {
            add(self.by_guide.get(g));
        }
        for f in &changed.files {
            add(self.by_file.get(f));
        }
        if changed.guide_set {
            out.extend(self.reads_guide_set.iter().cloned());
        }
        if changed.data {
            out.extend(self.reads_data.iter().cloned());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_who_reads_what() {
        let mut ix = DepIndex::default();
        let deps = |t: &str, p: &[&str], data: bool| PageDeps {
            templates: BTreeSet::from([t.to_string(), "base.html".to_string()]),
            pages: p.iter().map(|s| s.to_string()).collect(),
            data,
            ..PageDeps::default()
        };
        ix.record("a.md", &deps("page.html", &["b.md"], false));
        ix.record("b.md", &deps("page.html", &[], true));
        ix.record("_index.md", &deps("home.html", &["a.md", "b.md"], false));
        let changed = |shown: &[&str]| Changed {
            shown: shown.iter().map(|s| s.to_string()).collect(),
            ..Changed::default()
        };
        assert_eq!(
            ix.affected(&changed(&["b.md"])),
            BTreeSet::from(["a.md".to_string(), "_index.md".to_string()])
        );
        let data = Changed {
            data: true,
            ..Changed::default()
        };
        assert_eq!(ix.affected(&data), BTreeSet::from(["b.md".to_string()]));
        ix.forget("a.md");
        assert_eq!(
            ix.affected(&changed(&["b.md"])),
            BTreeSet::from(["_index.md".to_string()])
        );
    }
}
