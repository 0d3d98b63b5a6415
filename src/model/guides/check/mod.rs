//! The checks of a guide: unique ids, known technologies, one entry per
//! technology, winners that exist, sources that exist, pages and links that
//! resolve, safe URLs, real dates, finite numbers. Each problem is placed at
//! its key in its file.
//!
//! A problem with the technology ids (or the source ids) spoils what every
//! reference to them is checked against: it is marked as the cause, the
//! problems found by checking references to those ids follow it and are
//! left out of the report (`diag::Diagnostics::sort`). A check that reads a
//! value whose own check failed (an aspect's scores against an unknown
//! winner) does not run.

use std::collections::{BTreeMap, HashSet};

use super::{Guide, Recommended, TechId, Winner};
use crate::diag::{Code, Diagnostic, Diagnostics, Subject};
use crate::model::index::{LinkFrom, PageIndex, Target};
use crate::model::inline;
use crate::source::frontmatter::is_date;
use crate::source::settings::is_hex_colour;
use crate::source::yaml::YamlDoc;
use crate::text::slug::is_slug;
use crate::url::is_safe_url;

mod benchmarks;
mod decision;
mod renamed;

/// Checks every reference and rule of a parsed guide; problems go to `errors`.
pub(super) fn check(
    guide: &Guide,
    index: &PageIndex,
    tech_doc: &YamlDoc,
    docs: &BTreeMap<String, YamlDoc>,
    errors: &mut Diagnostics,
) {
    Checker {
        guide,
        index,
        errors,
        technologies: Subject::new(format!("the technology ids of guide `{}`", guide.id)),
        sources: Subject::new(format!("the source ids of guide `{}`", guide.id)),
        named: BTreeMap::new(),
    }
    .check(tech_doc, docs);
}

struct Checker<'a> {
    guide: &'a Guide,
    index: &'a PageIndex,
    errors: &'a mut Diagnostics,
    /// What checks of technology and source references rely on.
    technologies: Subject,
    sources: Subject,
    /// Every id a reference to a technology names, known or not, and how
    /// many times.
    named: BTreeMap<String, usize>,
}

impl Checker<'_> {
    fn check(&mut self, tech_doc: &YamlDoc, docs: &BTreeMap<String, YamlDoc>) {
        let g = self.guide;
        let tech_ids: Vec<&str> = g.technologies.iter().map(|t| t.id.as_str()).collect();
        let source_ids: Vec<&str> = g.sources.iter().map(|s| s.id.as_str()).collect();
        self.technologies(tech_doc);
        if let Some(doc) = docs.get("sources") {
            self.sources(doc);
        }
        if let Some(doc) = docs.get("criteria") {
            self.criteria(doc, &tech_ids);
        }
        if let Some(doc) = docs.get("aspects") {
            self.aspects(doc, &tech_ids, &source_ids);
        }
        if let Some(doc) = docs.get("use_cases") {
            self.use_cases(doc, &tech_ids);
        }
        if let Some(doc) = docs.get("benchmarks") {
            self.benchmarks(doc, &tech_ids, &source_ids);
        }
        if let (Some(doc), Some(d)) = (docs.get("decision"), &g.decision) {
            self.decision(doc, d, &tech_ids);
        }
        self.renamed(tech_doc, &tech_ids);
    }

    /// Marks the problems reported since the `from`th as problems in
    /// `subject`.
    fn spoiling(&mut self, from: usize, subject: &Subject) {
        for d in &mut self.errors.0[from..] {
            d.spoils = Some(subject.clone());
        }
    }

    /// Reports a problem found by checking a reference to a technology.
    fn push_following(&mut self, subject: &Subject, d: Diagnostic) {
        self.errors.push(d.follows(subject.clone()));
    }

    /// Counts a reference to the technology `id`; says whether it is one.
    fn names_technology(&mut self, id: &str, techs: &[&str]) -> bool {
        *self.named.entry(id.to_string()).or_default() += 1;
        techs.contains(&id)
    }

    fn technologies(&mut self, tech_doc: &YamlDoc) {
        let g = self.guide;
        let from = self.errors.len();
        if g.technologies.len() < 2 {
            self.errors.push(tech_doc.error_at(
                Code::Guide,
                "",
                "a guide compares at least two technologies",
            ));
        }
        self.unique(tech_doc, g.technologies.iter().map(|t| t.id.as_str()));
        for (i, t) in g.technologies.iter().enumerate() {
            self.not_reserved(tech_doc, &format!("[{i}].id"), t.id.as_str());
        }
        let subject = self.technologies.clone();
        self.spoiling(from, &subject);
        for (i, t) in g.technologies.iter().enumerate() {
            if !is_hex_colour(&t.colour) {
                self.errors.push(tech_doc.error_at(
                    Code::Guide,
                    &format!("[{i}].colour"),
                    format!("`{}` is not a colour; write #rgb or #rrggbb", t.colour),
                ));
            } else if let Some(problem) = hardly_visible(&t.colour) {
                self.errors.push(tech_doc.error_at(
                    Code::Guide,
                    &format!("[{i}].colour"),
                    format!("`{}` can hardly be seen on a {problem} background (charts, legends and badges draw in it); choose a colour of middle lightness", t.colour),
                ));
            }
            self.text(tech_doc, &format!("[{i}].summary"), &t.summary);
            for (j, l) in t.links.iter().enumerate() {
                self.url(tech_doc, &format!("[{i}].links[{j}].url"), &l.url);
            }
        }
    }

    fn sources(&mut self, doc: &YamlDoc) {
        let g = self.guide;
        let from = self.errors.len();
        self.unique(doc, g.sources.iter().map(|s| s.id.as_str()));
        let subject = self.sources.clone();
        self.spoiling(from, &subject);
        for (i, s) in g.sources.iter().enumerate() {
            if !s.url.is_empty() {
                self.url(doc, &format!("[{i}].url"), &s.url);
            }
            if !is_partial_date(&s.date) {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &format!("[{i}].date"),
                    format!("date `{}` is not YYYY, YYYY-MM or YYYY-MM-DD", s.date),
                ));
            }
            self.text(doc, &format!("[{i}].note"), &s.note);
        }
    }

    fn criteria(&mut self, doc: &YamlDoc, tech_ids: &[&str]) {
        let g = self.guide;
        self.unique(doc, g.criteria.iter().map(|c| c.id.as_str()));
        let grouped = g.criteria.iter().any(|c| c.group.is_some());
        for (i, c) in g.criteria.iter().enumerate() {
            match &c.group {
                Some(group) if group.trim().is_empty() => self.errors.push(doc.error_at(
                    Code::Guide,
                    &format!("[{i}].group"),
                    "`group` is empty: name the heading this row goes under, or leave `group` out",
                )),
                None if grouped => self.errors.push(doc.error_at(
                    Code::Guide,
                    &format!("[{i}]"),
                    format!(
                        "criterion `{}` has no `group`, but others have one: give every criterion a group, or none",
                        c.id
                    ),
                )),
                _ => {}
            }
            self.per_technology(doc, &format!("[{i}].cells"), &c.cells, tech_ids);
            if let Some(w) = &c.winner {
                self.winner(
                    doc,
                    &format!("[{i}].winner"),
                    w.as_str(),
                    tech_ids,
                    &Winner::VERDICT_WORDS,
                );
            }
            if let Some(p) = &c.page {
                self.page(doc, &format!("[{i}].page"), p);
            }
        }
    }

    fn aspects(&mut self, doc: &YamlDoc, tech_ids: &[&str], source_ids: &[&str]) {
        let g = self.guide;
        self.unique(doc, g.aspects.iter().map(|a| a.id.as_str()));
        for (i, a) in g.aspects.iter().enumerate() {
            self.page(doc, &format!("[{i}].page"), &a.page);
            self.per_technology(doc, &format!("[{i}].summary"), &a.summary, tech_ids);
            let winner = self.winner(
                doc,
                &format!("[{i}].verdict.winner"),
                a.verdict.winner.as_str(),
                tech_ids,
                &Winner::VERDICT_WORDS,
            );
            self.text(
                doc,
                &format!("[{i}].verdict.reasoning"),
                &a.verdict.reasoning,
            );
            self.scores(
                doc,
                &format!("[{i}].verdict.scores"),
                &a.verdict.scores,
                tech_ids,
            );
            // Scores agree with a winner that exists, or say nothing.
            if winner {
                self.scores_agree(doc, &format!("[{i}].verdict.scores"), a);
            }
            for (j, s) in a.sources.iter().enumerate() {
                self.source(doc, &format!("[{i}].sources[{j}]"), s.as_str(), source_ids);
            }
        }
    }

    fn use_cases(&mut self, doc: &YamlDoc, tech_ids: &[&str]) {
        let g = self.guide;
        self.unique(doc, g.use_cases.iter().map(|u| u.id.as_str()));
        for (i, u) in g.use_cases.iter().enumerate() {
            if let Recommended::Technologies(ids) = &u.recommended {
                self.recommended(doc, &format!("[{i}].recommended"), ids, tech_ids);
            }
            self.text(doc, &format!("[{i}].need"), &u.need);
            self.text(doc, &format!("[{i}].why"), &u.why);
            if let Some(p) = &u.page {
                self.page(doc, &format!("[{i}].page"), p);
            }
        }
    }

    /// A use case's technologies: at least one, each known, none twice,
    /// and `either` alone. Problems are placed at the id in the list.
    fn recommended(&mut self, doc: &YamlDoc, path: &str, ids: &[TechId], techs: &[&str]) {
        if ids.is_empty() {
            self.errors.push(doc.error_at(
                Code::Guide,
                path,
                "`recommended` is empty: name a technology, a list of them, or `either`",
            ));
        }
        let mut seen = HashSet::new();
        for (j, id) in ids.iter().map(TechId::as_str).enumerate() {
            let here = format!("{path}[{j}]");
            if id == Recommended::EITHER {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &here,
                    "`either` stands alone: write `recommended: either`, or list the technologies",
                ));
            } else if !self.names_technology(id, techs) {
                let d = doc
                    .error_at(
                        Code::Guide,
                        &here,
                        format!(
                            "unknown technology `{id}`: `recommended` names technologies of this guide ({}) or is `either`",
                            techs.join(", ")
                        ),
                    )
                    .suggest(id, techs.iter().copied().chain([Recommended::EITHER]));
                let subject = self.technologies.clone();
                self.push_following(&subject, d);
            } else if !seen.insert(id) {
                self.errors.push(doc.error_at(
                    Code::Guide,
                    &here,
                    format!("`{id}` is recommended twice"),
                ));
            }
        }
    }

    /// Ids are unique in their file, and slugs: they become element ids,
    /// URL fragments, keys in the browser's data and (for benchmarks) file
    /// names.
    fn unique<'i>(&mut self, doc: &YamlDoc, ids: impl Iterator<Item = &'i str>) {
        self.unique_in(doc, "", ids);
    }

    /// [`Self::unique`] for a list at `list` (`questions[2].answers`).
    fn unique_in<'i>(&mut self, doc: &YamlDoc, list: &str, ids: impl Iterator<Item = &'i str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            self.slug_id(doc, &format!("{list}[{i}].id"), id);
            if !seen.insert(id) {
                self.errors.push(doc.error_at(
                    Code::DuplicateId,
                    &format!("{list}[{i}].id"),
                    format!("duplicate id `{id}`"),
                ));
            }
        }
    }

    fn slug_id(&mut self, doc: &YamlDoc, path: &str, id: &str) {
        if !is_slug(id) {
            self.errors.push(doc.error_at(
                Code::Guide,
                path,
                format!("id `{id}` may hold only lowercase letters, digits, `-` and `_`"),
            ));
        }
    }

    /// A technology id is not one of the words a verdict uses.
    fn not_reserved(&mut self, doc: &YamlDoc, path: &str, id: &str) {
        if Winner::RESERVED.contains(&id) {
            self.errors.push(doc.error_at(
                Code::Guide,
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
        map: &BTreeMap<TechId, String>,
        techs: &[&str],
    ) {
        for t in techs {
            if !map.contains_key::<str>(t) {
                let subject = self.technologies.clone();
                self.push_following(
                    &subject,
                    doc.error_at(
                        Code::Guide,
                        path,
                        format!("missing an entry for technology `{t}`"),
                    ),
                );
            }
        }
        for (key, text) in map {
            let here = format!("{path}.{key}");
            if self.known_key(doc, &here, key.as_str(), techs) {
                self.text(doc, &here, text);
            }
        }
    }

    /// A map key that must be a technology id: an error at the key (with
    /// "did you mean") when it is not. Returns whether it is one.
    fn known_key(&mut self, doc: &YamlDoc, here: &str, key: &str, techs: &[&str]) -> bool {
        if self.names_technology(key, techs) {
            return true;
        }
        let d = doc
            .error_at_key(Code::Guide, here, format!("unknown technology `{key}`"))
            .suggest(key, techs.iter().copied());
        let subject = self.technologies.clone();
        self.push_following(&subject, d);
        false
    }

    /// A winner: a technology id or one of `words`. Returns whether it is.
    fn winner(
        &mut self,
        doc: &YamlDoc,
        path: &str,
        value: &str,
        techs: &[&str],
        words: &[&str],
    ) -> bool {
        if words.contains(&value) || self.names_technology(value, techs) {
            return true;
        }
        // Ids may repeat here when technologies.yaml has a duplicate (reported there).
        let mut allowed: Vec<&str> = techs.to_vec();
        allowed.sort_unstable();
        allowed.dedup();
        allowed.extend(words);
        let d = doc
            .error_at(
                Code::Guide,
                path,
                format!("`{value}` is not one of: {}", allowed.join(", ")),
            )
            .suggest(value, allowed.iter().copied());
        let subject = self.technologies.clone();
        self.push_following(&subject, d);
        false
    }

    /// A reference to a technology by its id.
    fn technology(&mut self, doc: &YamlDoc, path: &str, value: &str, techs: &[&str]) {
        if !self.names_technology(value, techs) {
            let subject = self.technologies.clone();
            self.reference(doc, path, value, techs, ("technology", &subject));
        }
    }

    /// A reference to a source by its id.
    fn source(&mut self, doc: &YamlDoc, path: &str, value: &str, sources: &[&str]) {
        if !sources.contains(&value) {
            let subject = self.sources.clone();
            self.reference(doc, path, value, sources, ("source", &subject));
        }
    }

    fn reference(
        &mut self,
        doc: &YamlDoc,
        path: &str,
        value: &str,
        known: &[&str],
        (what, subject): (&str, &Subject),
    ) {
        let d = doc
            .error_at(Code::Guide, path, format!("unknown {what} `{value}`"))
            .suggest(value, known.iter().copied());
        self.push_following(subject, d);
    }

    fn page(&mut self, doc: &YamlDoc, path: &str, rel: &str) {
        if let Err(m) = self.index.find(rel) {
            self.errors.push(doc.error_at(Code::BrokenLink, path, m));
        }
    }

    /// A URL: safe, and when it is a site path, one this build makes.
    fn url(&mut self, doc: &YamlDoc, path: &str, url: &str) {
        if !is_safe_url(url) {
            self.errors
                .push(doc.error_at(Code::UnsafeUrl, path, format!("unsafe URL `{url}`")));
        } else if let Err(m) = self.index.resolve_url(url) {
            self.errors.push(doc.error_at(Code::BrokenLink, path, m));
        }
    }

    /// Inline Markdown: links must resolve. Returns how many links into
    /// the site it holds, or `None` when it has a problem (reported).
    fn text(&mut self, doc: &YamlDoc, path: &str, text: &str) -> Option<usize> {
        let index = self.index;
        let mut inside = 0;
        let checked = inline::parse(text, |dest| {
            let found = index.resolve(dest, LinkFrom::DATA)?;
            inside += usize::from(!matches!(found, Target::AsWritten));
            Ok(String::new())
        });
        match checked {
            Ok(_) => Some(inside),
            Err(e) => {
                self.errors.push(doc.error_at(e.code, path, e.message));
                None
            }
        }
    }
}

pub(super) fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [..] => is_date(s),
    }
}

/// `light` or `dark` when a technology colour has a contrast ratio below
/// 1.5:1 against white or against the default theme's dark background
/// (#111316): lines and swatches drawn in it would vanish there.
fn hardly_visible(hex: &str) -> Option<&'static str> {
    let h = hex.trim_start_matches('#');
    let h: String = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect()
    } else {
        h.to_string()
    };
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&h[i..i + 2], 16).ok()?) / 255.0;
        Some(if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    let ratio = |a: f64, b: f64| (a.max(b) + 0.05) / (a.min(b) + 0.05);
    let dark_bg = 0.006_4; // #111316
    if ratio(l, 1.0) < 1.5 {
        Some("light")
    } else if ratio(l, dark_bg) < 1.5 {
        Some("dark")
    } else {
        None
    }
}
