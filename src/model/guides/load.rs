//! Reading a guide folder: each known file parsed once into the typed
//! model, unknown files reported, then every check of [`super::check`].

use std::collections::BTreeMap;

use super::{Guide, GuideId, Guides, check, criteria};
use crate::diag::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::model::index::PageIndex;
use crate::source::content::{GUIDES_DIR, SourceFile};
use crate::source::yaml::YamlDoc;

/// The files a guide folder may hold.
const FILES: &[&str] = &[
    "technologies",
    "criteria",
    "aspects",
    "use_cases",
    "sources",
    "benchmarks",
    "decision",
];

pub fn load(files: &[SourceFile], index: &PageIndex) -> Result<Guides, Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut by_guide: BTreeMap<&str, Vec<&SourceFile>> = BTreeMap::new();
    for f in files {
        let rest = f.rel.trim_start_matches(GUIDES_DIR);
        match rest.split_once('/') {
            Some((guide, file)) if !file.contains('/') => {
                by_guide.entry(guide).or_default().push(f);
            }
            _ => errors.push(Diagnostic::in_file(
                Code::Guide,
                &f.path,
                format!(
                    "a guide is a folder content/{GUIDES_DIR}<id>/ holding {}; this file is not in one",
                    file_list()
                ),
            )),
        }
    }
    let mut guides = Guides::default();
    for (id, files) in by_guide {
        match load_guide(id, &files, index) {
            Ok(g) => guides.list.push(g),
            Err(d) => errors.extend(d.0),
        }
    }
    errors.finish(guides)
}

fn load_guide(id: &str, files: &[&SourceFile], index: &PageIndex) -> Result<Guide, Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut parse_errors = Diagnostics::default();
    let mut guide = Guide {
        id: GuideId::new(id),
        technologies: Vec::new(),
        criteria: Vec::new(),
        aspects: Vec::new(),
        use_cases: Vec::new(),
        sources: Vec::new(),
        benchmarks: Vec::new(),
        decision: None,
    };
    let mut docs: BTreeMap<String, YamlDoc> = BTreeMap::new();
    for f in files {
        let name = f.rel.rsplit('/').next().unwrap_or("");
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        if !FILES.contains(&stem) {
            let mut d = Diagnostic::in_file(
                Code::Guide,
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
                    Err(d) => parse_errors.extend(d),
                }
            }
        };
    }
    parse!(technologies, "technologies");
    if let Some(doc) = docs.get("criteria") {
        match doc.parse() {
            // Name problems are no parse errors: the other checks still run.
            Ok(entries) => guide.criteria = criteria::named(entries, doc, &mut errors),
            Err(d) => parse_errors.extend(d),
        }
    }
    parse!(aspects, "aspects");
    parse!(use_cases, "use_cases");
    parse!(sources, "sources");
    parse!(benchmarks, "benchmarks");
    if let Some(doc) = docs.get("decision") {
        match doc.parse() {
            Ok(v) => guide.decision = Some(v),
            Err(d) => parse_errors.extend(d),
        }
    }
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
        errors.push(Diagnostic::in_file(
            Code::Guide,
            &dir,
            format!("guide `{id}` has no technologies.yaml"),
        ));
        return errors.fail();
    };
    check::check(&guide, index, tech_doc, &docs, &mut errors);
    errors.finish(guide)
}

fn file_list() -> String {
    FILES
        .iter()
        .map(|f| format!("{f}.yaml"))
        .collect::<Vec<_>>()
        .join(", ")
}
