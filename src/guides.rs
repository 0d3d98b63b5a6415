//! Guides: the comparison model (technologies, criteria, aspects with their
//! verdicts, use cases, sources, benchmarks), loaded and validated in one place.
//!
//! In: the YAML files under `content/data/guides/<guide>/` and the assembled
//! site (to check page links). Out: [`Guides`], in which every reference is
//! known to resolve: technology ids, pages, sources, one cell per technology.
//! Every problem is reported at its file:line:col, all at once. Nothing here
//! assumes two technologies, or these two: any guide compares N ≥ 2.
//!
//! A later issue filters internal-only entries here, before anything reads them.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Deserialize;

use crate::config::{is_hex_colour, is_safe_url};
use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::inline;
use crate::site::{PageId, Site};
use crate::urls::Route;
use crate::yaml::YamlDoc;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Technology {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub colour: String,
    #[serde(default)]
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub category: String,
    /// Technology id → cell text.
    pub cells: BTreeMap<String, String>,
    #[serde(default)]
    pub winner: Option<String>,
    /// The page (under `content/`) that argues this row.
    #[serde(default)]
    pub page: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aspect {
    pub id: String,
    pub title: String,
    pub page: String,
    /// Technology id → one-line summary.
    pub summary: BTreeMap<String, String>,
    pub verdict: Verdict,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// A technology id, `tie` or `depends`.
    pub winner: String,
    pub reasoning: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UseCase {
    pub id: String,
    pub need: String,
    /// A technology id or `either`.
    pub recommended: String,
    pub why: String,
    #[serde(default)]
    pub page: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// Empty when the source has no public address.
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub better: Better,
    pub series: Vec<Series>,
    pub source: String,
    pub method: String,
    pub caveats: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub technology: String,
    pub label: String,
    pub value: f64,
}

#[derive(Debug, Default)]
pub struct Guide {
    pub id: String,
    pub technologies: Vec<Technology>,
    pub criteria: Vec<Criterion>,
    pub aspects: Vec<Aspect>,
    pub use_cases: Vec<UseCase>,
    pub sources: Vec<Source>,
    pub benchmarks: Vec<Benchmark>,
}

impl Guide {
    pub fn technology(&self, id: &str) -> Option<&Technology> {
        self.technologies.iter().find(|t| t.id == id)
    }

    /// Display name of a winner value: a technology's name, "Tie", "Depends", "Either".
    pub fn winner_name(&self, winner: &str) -> String {
        match winner {
            "tie" => "Tie".into(),
            "depends" => "Depends".into(),
            "either" => "Either".into(),
            id => self
                .technology(id)
                .map_or_else(|| id.to_string(), |t| t.name.clone()),
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

#[derive(Debug, Default)]
pub struct Guides {
    pub list: Vec<Guide>,
}

impl Guides {
    pub fn get(&self, id: &str) -> Option<&Guide> {
        self.list.iter().find(|g| g.id == id)
    }
}

/// The files a guide folder may hold.
const FILES: &[&str] = &[
    "technologies",
    "criteria",
    "aspects",
    "use_cases",
    "sources",
    "benchmarks",
];

/// True for the data files this module owns (`data/guides/<id>/<file>.yaml`).
pub fn is_guide_file(rel: &str) -> bool {
    rel.strip_prefix("data/guides/")
        .is_some_and(|r| r.split('/').count() == 2)
}

pub fn load(files: &[SourceFile], site: &Site) -> Result<Guides, Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut by_guide: BTreeMap<&str, Vec<&SourceFile>> = BTreeMap::new();
    for f in files {
        let rest = f.rel.trim_start_matches("data/guides/");
        let (guide, _) = rest.split_once('/').unwrap_or((rest, ""));
        by_guide.entry(guide).or_default().push(f);
    }
    let mut guides = Guides::default();
    for (id, files) in by_guide {
        match load_guide(id, &files, site) {
            Ok(g) => guides.list.push(g),
            Err(d) => errors.extend(d.0),
        }
    }
    errors.finish(guides)
}

fn load_guide(id: &str, files: &[&SourceFile], site: &Site) -> Result<Guide, Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut parse_errors = Diagnostics::default();
    let mut guide = Guide {
        id: id.to_string(),
        ..Guide::default()
    };
    let mut docs: BTreeMap<String, YamlDoc> = BTreeMap::new();
    for f in files {
        let name = f.rel.rsplit('/').next().unwrap_or("");
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        if !FILES.contains(&stem) {
            let mut d = Diagnostic::in_file(
                &f.path,
                format!(
                    "unknown guide file `{name}`; a guide folder holds {}",
                    file_list()
                ),
            );
            if let Some(m) = did_you_mean(stem, FILES.iter().copied()) {
                d = d.with_help(format!("did you mean `{m}.yaml`?"));
            }
            errors.push(d);
            continue;
        }
        docs.insert(stem.to_string(), YamlDoc::whole(&f.path, &f.text));
    }
    macro_rules! parse {
        ($field:ident, $file:literal) => {
            if let Some(doc) = docs.get($file) {
                match doc.parse() {
                    Ok(v) => guide.$field = v,
                    Err(d) => parse_errors.push(d),
                }
            }
        };
    }
    parse!(technologies, "technologies");
    parse!(criteria, "criteria");
    parse!(aspects, "aspects");
    parse!(use_cases, "use_cases");
    parse!(sources, "sources");
    parse!(benchmarks, "benchmarks");
    // Checks need every file parsed; report what stopped them, with the rest.
    if !parse_errors.is_empty() {
        errors.extend(parse_errors.0);
        return errors.fail();
    }
    let Some(tech_doc) = docs.get("technologies") else {
        let dir = files
            .first()
            .map(|f| f.path.with_file_name("technologies.yaml"))
            .unwrap_or_default();
        return Err(
            Diagnostic::in_file(&dir, format!("guide `{id}` has no technologies.yaml")).into(),
        );
    };
    Checker {
        guide: &guide,
        site,
        errors: &mut errors,
    }
    .check(tech_doc, &docs);
    errors.finish(guide)
}

fn file_list() -> String {
    FILES
        .iter()
        .map(|f| format!("{f}.yaml"))
        .collect::<Vec<_>>()
        .join(", ")
}

struct Checker<'a> {
    guide: &'a Guide,
    site: &'a Site,
    errors: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn check(&mut self, tech_doc: &YamlDoc, docs: &BTreeMap<String, YamlDoc>) {
        let g = self.guide;
        let tech_ids: Vec<&str> = g.technologies.iter().map(|t| t.id.as_str()).collect();
        if g.technologies.len() < 2 {
            self.errors
                .push(tech_doc.error_at("", "a guide compares at least two technologies"));
        }
        self.unique(tech_doc, g.technologies.iter().map(|t| t.id.as_str()));
        for (i, t) in g.technologies.iter().enumerate() {
            self.id_format(tech_doc, &format!("[{i}].id"), &t.id);
            if !is_hex_colour(&t.colour) {
                self.errors.push(tech_doc.error_at(
                    &format!("[{i}].colour"),
                    format!("`{}` is not a colour; write #rgb or #rrggbb", t.colour),
                ));
            }
            self.text(tech_doc, &format!("[{i}].summary"), &t.summary);
            for (j, l) in t.links.iter().enumerate() {
                self.url(tech_doc, &format!("[{i}].links[{j}].url"), &l.url);
            }
        }

        if let Some(doc) = docs.get("sources") {
            self.unique(doc, g.sources.iter().map(|s| s.id.as_str()));
            for (i, s) in g.sources.iter().enumerate() {
                if !s.url.is_empty() {
                    self.url(doc, &format!("[{i}].url"), &s.url);
                }
                if !is_partial_date(&s.date) {
                    self.errors.push(doc.error_at(
                        &format!("[{i}].date"),
                        format!("date `{}` is not YYYY, YYYY-MM or YYYY-MM-DD", s.date),
                    ));
                }
                self.text(doc, &format!("[{i}].note"), &s.note);
            }
        }
        let source_ids: Vec<&str> = g.sources.iter().map(|s| s.id.as_str()).collect();

        if let Some(doc) = docs.get("criteria") {
            self.unique(doc, g.criteria.iter().map(|c| c.id.as_str()));
            for (i, c) in g.criteria.iter().enumerate() {
                self.per_technology(doc, &format!("[{i}].cells"), &c.cells, &tech_ids);
                if let Some(w) = &c.winner {
                    self.winner(
                        doc,
                        &format!("[{i}].winner"),
                        w,
                        &tech_ids,
                        &["tie", "depends"],
                    );
                }
                if let Some(p) = &c.page {
                    self.page(doc, &format!("[{i}].page"), p);
                }
            }
        }
        if let Some(doc) = docs.get("aspects") {
            self.unique(doc, g.aspects.iter().map(|a| a.id.as_str()));
            for (i, a) in g.aspects.iter().enumerate() {
                self.page(doc, &format!("[{i}].page"), &a.page);
                self.per_technology(doc, &format!("[{i}].summary"), &a.summary, &tech_ids);
                self.winner(
                    doc,
                    &format!("[{i}].verdict.winner"),
                    &a.verdict.winner,
                    &tech_ids,
                    &["tie", "depends"],
                );
                self.text(
                    doc,
                    &format!("[{i}].verdict.reasoning"),
                    &a.verdict.reasoning,
                );
                for (j, s) in a.sources.iter().enumerate() {
                    self.reference(
                        doc,
                        &format!("[{i}].sources[{j}]"),
                        s,
                        &source_ids,
                        "source",
                    );
                }
            }
        }
        if let Some(doc) = docs.get("use_cases") {
            self.unique(doc, g.use_cases.iter().map(|u| u.id.as_str()));
            for (i, u) in g.use_cases.iter().enumerate() {
                self.winner(
                    doc,
                    &format!("[{i}].recommended"),
                    &u.recommended,
                    &tech_ids,
                    &["either"],
                );
                self.text(doc, &format!("[{i}].need"), &u.need);
                self.text(doc, &format!("[{i}].why"), &u.why);
                if let Some(p) = &u.page {
                    self.page(doc, &format!("[{i}].page"), p);
                }
            }
        }
        if let Some(doc) = docs.get("benchmarks") {
            self.unique(doc, g.benchmarks.iter().map(|b| b.id.as_str()));
            for (i, b) in g.benchmarks.iter().enumerate() {
                self.reference(
                    doc,
                    &format!("[{i}].source"),
                    &b.source,
                    &source_ids,
                    "source",
                );
                if b.series.is_empty() {
                    self.errors.push(doc.error_at(
                        &format!("[{i}].series"),
                        "a benchmark needs at least one series",
                    ));
                }
                for (j, s) in b.series.iter().enumerate() {
                    self.reference(
                        doc,
                        &format!("[{i}].series[{j}].technology"),
                        &s.technology,
                        &tech_ids,
                        "technology",
                    );
                    if !s.value.is_finite() {
                        self.errors.push(doc.error_at(
                            &format!("[{i}].series[{j}].value"),
                            "value must be a finite number",
                        ));
                    }
                }
                self.text(doc, &format!("[{i}].method"), &b.method);
                self.text(doc, &format!("[{i}].caveats"), &b.caveats);
            }
        }
    }

    fn unique<'i>(&mut self, doc: &YamlDoc, ids: impl Iterator<Item = &'i str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.errors
                    .push(doc.error_at(&format!("[{i}].id"), format!("duplicate id `{id}`")));
            }
        }
    }

    fn id_format(&mut self, doc: &YamlDoc, path: &str, id: &str) {
        if !crate::slug::is_slug(id) {
            self.errors.push(doc.error_at(
                path,
                format!("id `{id}` may hold only lowercase letters, digits, `-` and `_`"),
            ));
        }
        if matches!(id, "tie" | "depends" | "either") {
            self.errors.push(doc.error_at(
                path,
                format!("`{id}` is reserved for verdicts; choose another id"),
            ));
        }
    }

    /// A map with exactly one entry per technology.
    fn per_technology(
        &mut self,
        doc: &YamlDoc,
        path: &str,
        map: &BTreeMap<String, String>,
        techs: &[&str],
    ) {
        for t in techs {
            if !map.contains_key(*t) {
                self.errors
                    .push(doc.error_at(path, format!("missing an entry for technology `{t}`")));
            }
        }
        for (key, text) in map {
            let here = format!("{path}.{key}");
            if !techs.contains(&key.as_str()) {
                let d = doc
                    .error_at_key(&here, format!("unknown technology `{key}`"))
                    .suggest(key, techs.iter().copied());
                self.errors.push(d);
            } else {
                self.text(doc, &here, text);
            }
        }
    }

    fn winner(&mut self, doc: &YamlDoc, path: &str, value: &str, techs: &[&str], words: &[&str]) {
        if techs.contains(&value) || words.contains(&value) {
            return;
        }
        // Ids may repeat here when technologies.yaml has a duplicate (reported there).
        let mut allowed: Vec<&str> = techs.to_vec();
        allowed.sort_unstable();
        allowed.dedup();
        allowed.extend(words);
        let d = doc
            .error_at(
                path,
                format!("`{value}` is not one of: {}", allowed.join(", ")),
            )
            .suggest(value, allowed.iter().copied());
        self.errors.push(d);
    }

    fn reference(&mut self, doc: &YamlDoc, path: &str, value: &str, known: &[&str], what: &str) {
        if !known.contains(&value) {
            let d = doc
                .error_at(path, format!("unknown {what} `{value}`"))
                .suggest(value, known.iter().copied());
            self.errors.push(d);
        }
    }

    fn page(&mut self, doc: &YamlDoc, path: &str, rel: &str) {
        if let Err(m) = self.site.find_page(rel) {
            self.errors.push(doc.error_at(path, m));
        }
    }

    fn url(&mut self, doc: &YamlDoc, path: &str, url: &str) {
        if !is_safe_url(url) {
            self.errors
                .push(doc.error_at(path, format!("unsafe URL `{url}`")));
        }
    }

    /// Inline Markdown: links must resolve.
    fn text(&mut self, doc: &YamlDoc, path: &str, text: &str) {
        if let Err(m) = inline::render(
            text,
            &Route::home(),
            self.site,
            &mut BTreeSet::<PageId>::new(),
        ) {
            self.errors.push(doc.error_at(path, m));
        }
    }
}

fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [..] => crate::frontmatter::is_date(s),
    }
}
