//! What a ```` ```verdict ```` block asks for, read from its YAML.
//!
//! In: the block's YAML document. Out: a [`Spec`], or problems in the
//! writer's words: which keys an embed has and what each one takes
//! (`table` takes `true`, `verdict` an aspect id), never the names of Rust
//! types. The YAML is read as a plain value and each key checked here,
//! because serde's messages for a typed struct ("expected struct Spec",
//! "invalid type: map, expected a boolean") say nothing to a writer.

use serde_json::Value;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::yaml::YamlDoc;

/// The keys of an embed, in the order the README lists them.
pub(crate) const KEYS: &[&str] = &[
    "guide",
    "table",
    "criteria",
    "group",
    "verdict",
    "use-cases",
    "chart",
    "kind",
    "title",
    "sources",
    "technologies",
    "verdicts",
    "decide",
];

/// One thing to show, as written.
#[derive(Debug, Default)]
pub(super) struct Spec {
    pub guide: Option<String>,
    pub table: Option<bool>,
    /// With `table: true`: the rows to show, by criterion id.
    pub criteria: Option<Vec<String>>,
    /// With `table: true`: the group of rows to show.
    pub group: Option<String>,
    pub verdict: Option<String>,
    /// `true` (every use case) or a list of use-case ids.
    pub use_cases: Option<UseCasesSpec>,
    pub chart: Option<String>,
    /// With `chart:`: `bar`, `grouped`, `line` (as the data has it) or
    /// `table` (the numbers alone).
    pub kind: Option<String>,
    /// With `chart:`: a title other than the dataset's.
    pub title: Option<String>,
    pub sources: Option<bool>,
    pub technologies: Option<bool>,
    pub verdicts: Option<bool>,
    /// `true` (the questionnaire) or `weights`.
    pub decide: Option<DecideSpec>,
}

#[derive(Debug)]
pub(super) enum UseCasesSpec {
    Flag(bool),
    Ids(Vec<String>),
}

#[derive(Debug)]
pub(super) enum DecideSpec {
    Flag(bool),
    Mode(String),
}

/// What an embed's body must be, for a body that is something else.
const BODY: &str = "an embed's body is `key: value` lines naming one thing to show, such as `table: true` or `verdict: <aspect id>`";

impl Spec {
    /// Reads the block. Every key's problem is reported, each at its value.
    pub(super) fn read(doc: &YamlDoc) -> Result<Spec, Diagnostics> {
        let map = match doc.parse::<Value>()? {
            Value::Object(map) => map,
            Value::Null => return Ok(Spec::default()),
            Value::String(s) if KEYS.contains(&s.as_str()) => {
                return Err(doc
                    .error_at(Code::YamlSchema, "", format!("{BODY}; this is `{s}` alone"))
                    .with_help(format!("write `{s}: {}`", example(&s)))
                    .into());
            }
            other => {
                return Err(doc
                    .error_at(
                        Code::YamlSchema,
                        "",
                        format!("{BODY}; this is {}", found(&other)),
                    )
                    .into());
            }
        };
        let mut spec = Spec::default();
        let mut errors = Diagnostics::default();
        for (key, value) in &map {
            let wrong = |takes: &str| {
                doc.error_at(
                    Code::YamlSchema,
                    key,
                    format!("`{key}` takes {takes}; this is {}", found(value)),
                )
                .with_help(format!("write `{key}: {}`", example(key)))
            };
            let id = |what: &str| text(value).ok_or_else(|| wrong(what));
            let yes = || value.as_bool().ok_or_else(|| wrong("`true`"));
            let ids = |what: &str| {
                match value {
                    Value::Array(items) => items.iter().map(text).collect::<Option<Vec<_>>>(),
                    _ => None,
                }
                .ok_or_else(|| wrong(what))
            };
            let mut read = || -> Result<(), Diagnostic> {
                match key.as_str() {
                    "guide" => spec.guide = Some(id("a guide id")?),
                    "verdict" => spec.verdict = Some(id("an aspect id")?),
                    "chart" => spec.chart = Some(id("a benchmark id")?),
                    "kind" => spec.kind = Some(id("`bar`, `grouped`, `line` or `table`")?),
                    "title" => spec.title = Some(id("text")?),
                    "table" => spec.table = Some(yes()?),
                    "criteria" => spec.criteria = Some(ids("a list of criterion ids")?),
                    "group" => spec.group = Some(id("a group name")?),
                    "use-cases" => {
                        spec.use_cases = Some(match value {
                            Value::Bool(b) => UseCasesSpec::Flag(*b),
                            Value::Array(_) => {
                                UseCasesSpec::Ids(ids("`true` or a list of use-case ids")?)
                            }
                            _ => return Err(wrong("`true` or a list of use-case ids")),
                        })
                    }
                    "sources" => spec.sources = Some(yes()?),
                    "technologies" => spec.technologies = Some(yes()?),
                    "verdicts" => spec.verdicts = Some(yes()?),
                    "decide" => {
                        spec.decide = Some(match value {
                            Value::Bool(b) => DecideSpec::Flag(*b),
                            Value::String(s) => DecideSpec::Mode(s.clone()),
                            _ => return Err(wrong("`true` or `weights`")),
                        })
                    }
                    _ => {
                        let message = format!(
                            "unknown key `{key}`; allowed keys here: {}",
                            KEYS.join(", ")
                        );
                        return Err(doc
                            .error_at_key(Code::YamlSchema, key, message)
                            .suggest(key, KEYS.iter().copied()));
                    }
                }
                Ok(())
            };
            if let Err(d) = read() {
                errors.push(d);
            }
        }
        errors.finish(spec)
    }
}

/// Text, or a number or `true`/`false` taken as written (YAML reads
/// `verdict: 2024` as a number).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What a value is, in a writer's words.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_string(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a mapping (`key: value` lines)".to_string(),
    }
}

/// What `key` takes, as an example value.
fn example(key: &str) -> &'static str {
    match key {
        "guide" => "<guide id>",
        "verdict" => "<aspect id>",
        "chart" => "<benchmark id>",
        "kind" => "bar",
        "title" => "<text>",
        "criteria" => "[<criterion id>, …]",
        "group" => "<group name>",
        "decide" => "true",
        _ => "true",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn errors(yaml: &str) -> Vec<String> {
        let doc = YamlDoc::whole(Path::new("p.md"), yaml);
        match Spec::read(&doc) {
            Ok(_) => vec![],
            Err(e) => e
                .iter()
                .map(|d| format!("{d} | {}", d.help.as_deref().unwrap_or("")))
                .collect(),
        }
    }

    #[test]
    fn each_key_says_what_it_takes() {
        assert_eq!(
            errors("table:\n  a: 1\n"),
            vec![
                "p.md:2:3: `table` takes `true`; this is a mapping (`key: value` lines) | write `table: true`"
            ]
        );
        assert_eq!(
            errors("verdict: [speed]\n"),
            vec![
                "p.md:1:10: `verdict` takes an aspect id; this is a list | write `verdict: <aspect id>`"
            ]
        );
        assert_eq!(
            errors("decide: 3\n"),
            vec![
                "p.md:1:9: `decide` takes `true` or `weights`; this is the number 3 | write `decide: true`"
            ]
        );
        assert_eq!(
            errors("sources: yes\n"),
            vec![
                "p.md:1:10: `sources` takes `true`; this is the text `yes` | write `sources: true`"
            ]
        );
    }

    #[test]
    fn a_body_that_is_not_keys_says_what_an_embed_is() {
        assert_eq!(
            errors("table\n"),
            vec![format!(
                "p.md:1:1: {BODY}; this is `table` alone | write `table: true`"
            )]
        );
        assert_eq!(
            errors("- table: true\n"),
            vec![format!("p.md:1:1: {BODY}; this is a list | ")]
        );
    }

    #[test]
    fn ids_written_as_numbers_are_text() {
        let doc = YamlDoc::whole(Path::new("p.md"), "chart: 2024\nguide: db\n");
        let spec = Spec::read(&doc).unwrap();
        assert_eq!(spec.chart.as_deref(), Some("2024"));
        assert_eq!(spec.guide.as_deref(), Some("db"));
    }
}
