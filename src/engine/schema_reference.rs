//! The README's schema reference, checked against the loaders.
//!
//! Every table of README.md marked `<!-- schema: <name> -->` lists one kind
//! of file a writer writes (site.yaml, front matter, theme.yaml, each guide
//! file, the embed block). Its keys must be exactly the keys the loader's
//! serde definitions accept (nested keys dotted, list items as `[]`:
//! `questions[].answers[].weights`), and its default column must say
//! `required` exactly for the keys serde requires.
//!
//! The keys come from the definitions themselves, not from a list kept by
//! hand: [`shape`] hands a type a small `serde::Deserializer` ([`Top`]) and
//! records what the type's `Deserialize` asks of it: the names it passes to
//! `deserialize_struct` (aliases included), the fields it reports missing
//! when they are left out (the required ones), and the fields whose values
//! are structs of their own (which need their own entry in [`schemas`]).
//! This lives in the engine because it is the layer that sees every loader.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};

use crate::model::guides::criteria::CriterionEntry;
use crate::model::guides::{
    Answer, Aspect, Axis, Benchmark, Decision, Environment, Question, Series, Source, Technology,
    UseCase, Verdict,
};
use crate::render::embeds::SPEC_KEYS;
use crate::source::frontmatter::FrontMatter;
use crate::source::settings::{Accent, Branding, Footer, Highlighting, Link, NavItem, SiteConfig};
use crate::source::theme::ThemeMeta;

/// What the serde definition of one struct accepts.
#[derive(Debug)]
struct Shape {
    /// The type's name, as serde knows it.
    name: &'static str,
    /// Every key, aliases included.
    fields: Vec<&'static str>,
    /// The keys serde reports missing when they are left out.
    required: BTreeSet<&'static str>,
    /// A key (with `[]` for each list around it: `links[]`) → the struct
    /// its value is.
    nested: BTreeMap<String, &'static str>,
}

/// The README tables: each table's name, and for the type its rows
/// describe and each struct nested in it, the key prefix and the shape.
fn schemas() -> Vec<(&'static str, Vec<(&'static str, Shape)>)> {
    vec![
        (
            "site.yaml",
            vec![
                ("", shape::<SiteConfig>()),
                ("navigation[]", shape::<NavItem>()),
                ("branding", shape::<Branding>()),
                ("branding.accent", shape::<Accent>()),
                ("branding.footer", shape::<Footer>()),
                ("branding.footer.links[]", shape::<Link>()),
                ("highlighting", shape::<Highlighting>()),
            ],
        ),
        ("front matter", vec![("", shape::<FrontMatter>())]),
        ("theme.yaml", vec![("", shape::<ThemeMeta>())]),
        (
            "technologies.yaml",
            vec![("", shape::<Technology>()), ("links[]", shape::<Link>())],
        ),
        ("criteria.yaml", vec![("", shape::<CriterionEntry>())]),
        (
            "aspects.yaml",
            vec![("", shape::<Aspect>()), ("verdict", shape::<Verdict>())],
        ),
        ("use_cases.yaml", vec![("", shape::<UseCase>())]),
        ("sources.yaml", vec![("", shape::<Source>())]),
        (
            "benchmarks.yaml",
            vec![
                ("", shape::<Benchmark>()),
                ("x", shape::<Axis>()),
                ("environment", shape::<Environment>()),
                ("series[]", shape::<Series>()),
            ],
        ),
        (
            "decision.yaml",
            vec![
                ("", shape::<Decision>()),
                ("questions[]", shape::<Question>()),
                ("questions[].answers[]", shape::<Answer>()),
            ],
        ),
        // An embed block is read key by key (render/embeds/spec.rs), not
        // through serde: its keys are that reader's list, none required.
        (
            "embed",
            vec![(
                "",
                Shape {
                    name: "Spec",
                    fields: SPEC_KEYS.to_vec(),
                    required: BTreeSet::new(),
                    nested: BTreeMap::new(),
                },
            )],
        ),
    ]
}

#[test]
fn the_readme_documents_exactly_the_keys_the_loaders_accept() {
    let readme = include_str!("../../README.md");
    let problems = problems(readme, &schemas());
    assert!(
        problems.is_empty(),
        "README.md's schema reference and the loaders disagree:\n{}",
        problems.join("\n")
    );
}

/// Everything wrong between the README's tables and the definitions.
fn problems(readme: &str, schemas: &[(&'static str, Vec<(&'static str, Shape)>)]) -> Vec<String> {
    let mut out = Vec::new();
    let mut tables = match tables(readme) {
        Ok(t) => t,
        Err(e) => return vec![e],
    };
    for (name, entries) in schemas {
        out.extend(mapping_problems(name, entries));
        let Some(rows) = tables.remove(*name) else {
            out.push(format!("no table `<!-- schema: {name} -->` in the README"));
            continue;
        };
        let expected = expected_keys(entries);
        let documented: BTreeMap<&str, &Row> = rows.iter().map(|r| (r.key.as_str(), r)).collect();
        for (key, required) in &expected {
            match documented.get(key.as_str()) {
                None => out.push(format!(
                    "{name}: `{key}` is accepted by the loader but not documented"
                )),
                Some(row) if row.required() != *required => out.push(format!(
                    "{name}: `{key}` (README line {}) is {} in the code, but its default column says: {}",
                    row.line,
                    if *required { "required" } else { "optional" },
                    row.default
                )),
                Some(_) => {}
            }
        }
        for row in &rows {
            if !expected.contains_key(&row.key) {
                out.push(format!(
                    "{name}: `{}` (README line {}) is documented but the loader does not accept it",
                    row.key, row.line
                ));
            }
        }
    }
    for name in tables.keys() {
        out.push(format!(
            "the README has a table `{name}` that no schema describes"
        ));
    }
    out
}

/// Key → required, for every key of a table.
fn expected_keys(entries: &[(&'static str, Shape)]) -> BTreeMap<String, bool> {
    let mut keys = BTreeMap::new();
    for (prefix, shape) in entries {
        for f in &shape.fields {
            keys.insert(join(prefix, f), shape.required.contains(f));
        }
    }
    keys
}

/// The nested structs of a table's types and the prefixes of its mapping
/// agree: every struct below a key has an entry, of its own type, and
/// every entry sits below a key that holds that struct.
fn mapping_problems(name: &str, entries: &[(&'static str, Shape)]) -> Vec<String> {
    let mut out = Vec::new();
    let prefixes: BTreeMap<&str, &str> = entries.iter().map(|(p, s)| (*p, s.name)).collect();
    let mut found = BTreeSet::new();
    for (prefix, shape) in entries {
        for (key, ty) in &shape.nested {
            let full = join(prefix, key);
            match prefixes.get(full.as_str()) {
                Some(t) if t == ty => {}
                Some(t) => out.push(format!(
                    "{name}: `{full}` holds a `{ty}`, but the mapping in schema_reference.rs gives `{t}`"
                )),
                None => out.push(format!(
                    "{name}: `{full}` holds a struct `{ty}`: add (\"{full}\", shape::<{ty}>()) to the mapping in schema_reference.rs and document its keys"
                )),
            }
            found.insert(full);
        }
    }
    for (prefix, shape) in entries {
        if !prefix.is_empty() && !found.contains(*prefix) {
            out.push(format!(
                "{name}: the mapping names `{prefix}` ({}), but no key there holds that struct",
                shape.name
            ));
        }
    }
    out
}

fn join(prefix: &str, key: &str) -> String {
    match (prefix, key.starts_with('[')) {
        ("", _) | (_, true) => format!("{prefix}{key}"),
        _ => format!("{prefix}.{key}"),
    }
}

// --- The README's tables -------------------------------------------------

/// A documented key.
#[derive(Debug)]
struct Row {
    key: String,
    default: String,
    /// 1-based, in README.md.
    line: usize,
}

impl Row {
    fn required(&self) -> bool {
        self.default == "required"
    }
}

const HEADER: [&str; 4] = ["key", "type", "default", "meaning"];

/// Table name → rows, for every table marked `<!-- schema: <name> -->`.
/// A table with the schema header and no mark, a mark without such a
/// table, a row that is not one key in backticks, a key written twice and
/// an empty cell are errors.
fn tables(readme: &str) -> Result<BTreeMap<String, Vec<Row>>, String> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if cells(line).is_some_and(|c| c == HEADER) {
            return Err(format!(
                "README line {}: a schema table without `<!-- schema: <name> -->` above it",
                i + 1
            ));
        }
        let Some(name) = line
            .strip_prefix("<!-- schema:")
            .and_then(|r| r.strip_suffix("-->"))
            .map(str::trim)
        else {
            i += 1;
            continue;
        };
        let mark = i + 1;
        i += 1;
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        if lines
            .get(i)
            .and_then(|l| cells(l))
            .is_none_or(|c| c != HEADER)
        {
            return Err(format!(
                "README line {mark}: `{name}` is not followed by a table headed | {} |",
                HEADER.join(" | ")
            ));
        }
        i += 2; // the header and the line under it
        let mut rows: Vec<Row> = Vec::new();
        while let Some(c) = lines.get(i).and_then(|l| cells(l)) {
            let line = i + 1;
            let key = c[0]
                .strip_prefix('`')
                .and_then(|k| k.strip_suffix('`'))
                .filter(|k| !k.is_empty() && !k.contains(['`', ' ', ',']))
                .ok_or_else(|| {
                    format!(
                        "README line {line}: the key cell {:?} is not one key in backticks",
                        c[0]
                    )
                })?;
            if c.len() != HEADER.len() || c.iter().any(String::is_empty) {
                return Err(format!(
                    "README line {line}: a row needs a key, type, default and meaning"
                ));
            }
            if rows.iter().any(|r| r.key == key) {
                return Err(format!("README line {line}: `{key}` is documented twice"));
            }
            rows.push(Row {
                key: key.to_string(),
                default: c[2].clone(),
                line,
            });
            i += 1;
        }
        if out.insert(name.to_string(), rows).is_some() {
            return Err(format!("README line {mark}: a second table `{name}`"));
        }
    }
    Ok(out)
}

/// The cells of a Markdown table row (`\|` is a `|` inside a cell), or
/// none when the line is no table row.
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut out = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => out.last_mut().expect("a cell").push('|'),
                Some(n) => out.last_mut().expect("a cell").extend(['\\', n]),
                None => out.last_mut().expect("a cell").push('\\'),
            },
            '|' => out.push(String::new()),
            _ => out.last_mut().expect("a cell").push(c),
        }
    }
    Some(out.into_iter().map(|c| c.trim().to_string()).collect())
}

// --- Asking the definitions ----------------------------------------------

/// What `T`'s `Deserialize` accepts: its keys; the required ones, found by
/// leaving every key out and adding back each one reported missing; and
/// which keys hold structs, found by exploring one key at a time (options
/// present, lists of one item) until a struct is asked for.
fn shape<T: DeserializeOwned>() -> Shape {
    let seen = Cell::new(None);
    let run = |given: &[(&'static str, Val)]| T::deserialize(Top { given, seen: &seen }).err();
    let mut required: Vec<&'static str> = Vec::new();
    loop {
        let given: Vec<_> = required.iter().map(|k| (*k, Val::Fill)).collect();
        match run(&given) {
            None => break,
            Some(ProbeError::Missing(k)) if !required.contains(&k) => required.push(k),
            Some(e) => panic!("{}: {e}", std::any::type_name::<T>()),
        }
    }
    let (name, fields) = seen.get().expect("the type asked for a struct");
    let mut nested = BTreeMap::new();
    for &field in fields {
        let mut given: Vec<_> = required
            .iter()
            .filter(|k| **k != field)
            .map(|k| (*k, Val::Fill))
            .collect();
        given.push((field, Val::Explore(String::new())));
        let mut result = run(&given);
        // An alias of a required key: give it instead of that key.
        if let Some(ProbeError::Duplicate(primary)) = result {
            given.retain(|(k, _)| *k != primary);
            result = run(&given);
        }
        match result {
            None => {}
            Some(ProbeError::Stop { name, at }) => {
                nested.insert(format!("{field}{at}"), name);
            }
            Some(e) => panic!("{}.{field}: {e}", std::any::type_name::<T>()),
        }
    }
    Shape {
        name,
        fields: fields.to_vec(),
        required: required.into_iter().collect(),
        nested,
    }
}

#[derive(Debug)]
enum ProbeError {
    Missing(&'static str),
    Duplicate(&'static str),
    /// A struct was asked for below an explored key, `at` (`[]`) below it.
    Stop {
        name: &'static str,
        at: String,
    },
    Other(String),
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbeError::Missing(k) => write!(f, "missing `{k}`"),
            ProbeError::Duplicate(k) => write!(f, "duplicate `{k}`"),
            ProbeError::Stop { name, .. } => write!(f, "a struct `{name}`"),
            ProbeError::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ProbeError {}

impl de::Error for ProbeError {
    fn custom<M: fmt::Display>(m: M) -> Self {
        ProbeError::Other(m.to_string())
    }
    fn missing_field(field: &'static str) -> Self {
        ProbeError::Missing(field)
    }
    fn duplicate_field(field: &'static str) -> Self {
        ProbeError::Duplicate(field)
    }
}

/// The deserializer a type under test gets: it must ask for a struct
/// (a `flatten`ed or untagged type would ask for a map or anything, which
/// this reference cannot list), and then gets the keys in `given`.
struct Top<'a> {
    given: &'a [(&'static str, Val)],
    seen: &'a Cell<Option<(&'static str, &'static [&'static str])>>,
}

impl<'de> Deserializer<'de> for Top<'_> {
    type Error = ProbeError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ProbeError> {
        Err(ProbeError::Other(
            "not a plain struct (flatten, untagged or a custom Deserialize?): the schema reference cannot list its keys".into(),
        ))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ProbeError> {
        self.seen.set(Some((name, fields)));
        visitor.visit_map(Entries(self.given.iter().cloned().collect()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// A value given for a key: the least that deserializes (`Fill`: no
/// option, empty lists and maps, structs with every key), or one that
/// looks for a struct (`Explore`: options present, lists of one item,
/// stopping at the first struct; the string is the `[]`s passed).
#[derive(Clone)]
enum Val {
    Fill,
    Explore(String),
}

struct Entries(std::collections::VecDeque<(&'static str, Val)>);

impl<'de> MapAccess<'de> for Entries {
    type Error = ProbeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ProbeError> {
        match self.0.front() {
            Some((k, _)) => seed.deserialize(k.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, ProbeError> {
        let (_, v) = self.0.pop_front().expect("a key came first");
        seed.deserialize(v)
    }
}

struct Items(Vec<Val>);

impl<'de> SeqAccess<'de> for Items {
    type Error = ProbeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, ProbeError> {
        self.0.pop().map(|v| seed.deserialize(v)).transpose()
    }
}

macro_rules! zero {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
            v.visit_u64(0)
        }
    )*};
}

impl<'de> Deserializer<'de> for Val {
    type Error = ProbeError;

    /// Untagged enums and custom types (`recommended`) take a string.
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_str("x")
    }
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_bool(false)
    }
    zero! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_f64(0.0)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_f64(0.0)
    }
    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_char('x')
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_str("x")
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_str("x")
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_bytes(b"x")
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_bytes(b"x")
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        match self {
            Val::Fill => v.visit_none(),
            explore => v.visit_some(explore),
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, ProbeError> {
        v.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, ProbeError> {
        v.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        match self {
            Val::Fill => v.visit_seq(Items(Vec::new())),
            Val::Explore(at) => v.visit_seq(Items(vec![Val::Explore(at + "[]")])),
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, ProbeError> {
        v.visit_seq(Items(vec![Val::Fill; len]))
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, ProbeError> {
        v.visit_seq(Items(vec![Val::Fill; len]))
    }
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_map(Entries(Default::default()))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ProbeError> {
        match self {
            Val::Fill => v.visit_map(Entries(fields.iter().map(|f| (*f, Val::Fill)).collect())),
            Val::Explore(at) => Err(ProbeError::Stop { name, at }),
        }
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ProbeError> {
        v.visit_enum(variants[0].into_deserializer())
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_str("x")
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ProbeError> {
        v.visit_unit()
    }
}

// --- The checker, checked ------------------------------------------------

mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        title: String,
        #[serde(default)]
        note: String,
        maybe: Option<u32>,
        #[serde(alias = "old_name")]
        name: String,
        kind: Kind,
        inner: Inner,
        #[serde(default)]
        items: Vec<Inner>,
        #[serde(default)]
        grid: Vec<Vec<Inner>>,
        #[serde(default)]
        boxed: Option<Inner>,
        #[serde(default)]
        scores: BTreeMap<String, f64>,
        #[serde(default)]
        points: Vec<(f64, f64)>,
        #[serde(default, rename = "use-it")]
        use_it: bool,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        id: String,
        #[serde(default)]
        extra: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Bar,
        Line,
    }

    #[test]
    fn a_shape_is_read_from_the_serde_definition() {
        let s = shape::<Outer>();
        assert_eq!(s.name, "Outer");
        assert_eq!(
            s.fields,
            [
                "title", "note", "maybe", "name", "old_name", "kind", "inner", "items", "grid",
                "boxed", "scores", "points", "use-it"
            ]
        );
        assert_eq!(
            s.required,
            BTreeSet::from(["title", "name", "kind", "inner"])
        );
        assert_eq!(
            s.nested,
            BTreeMap::from([
                ("inner".to_string(), "Inner"),
                ("items[]".to_string(), "Inner"),
                ("grid[][]".to_string(), "Inner"),
                ("boxed".to_string(), "Inner"),
            ])
        );
    }

    fn sample() -> Vec<(&'static str, Vec<(&'static str, Shape)>)> {
        vec![(
            "sample.yaml",
            vec![("", shape::<Inner>()), ("more[]", shape::<Inner>())],
        )]
    }

    #[test]
    fn missing_extra_and_misjudged_keys_are_reported() {
        let readme = "\
Intro.

<!-- schema: sample.yaml -->

| key | type | default | meaning |
|---|---|---|---|
| `id` | string | none | Its id. |
| `gone` | string | none | Removed from the code. |
| `extra` | string \\| none | required | Said to be required. |
";
        assert_eq!(
            problems(readme, &sample()),
            [
                "sample.yaml: the mapping names `more[]` (Inner), but no key there holds that struct",
                "sample.yaml: `extra` (README line 9) is optional in the code, but its default column says: required",
                "sample.yaml: `id` (README line 7) is required in the code, but its default column says: none",
                "sample.yaml: `more[].extra` is accepted by the loader but not documented",
                "sample.yaml: `more[].id` is accepted by the loader but not documented",
                "sample.yaml: `gone` (README line 8) is documented but the loader does not accept it",
            ]
        );
    }

    #[test]
    fn an_unmapped_struct_and_malformed_tables_are_reported() {
        let outer = vec![("outer.yaml", vec![("", shape::<Outer>())])];
        let p = problems("", &outer);
        assert!(
            p.contains(&"outer.yaml: `items[]` holds a struct `Inner`: add (\"items[]\", shape::<Inner>()) to the mapping in schema_reference.rs and document its keys".to_string()),
            "{p:?}"
        );
        assert!(p.contains(&"no table `<!-- schema: outer.yaml -->` in the README".to_string()));
        let header = "| key | type | default | meaning |\n|---|---|---|---|\n";
        for (readme, error) in [
            (
                format!("{header}| `id` | string | required | Id. |\n"),
                "README line 1: a schema table without `<!-- schema: <name> -->` above it",
            ),
            (
                format!(
                    "<!-- schema: sample.yaml -->\n{header}| `id`, `x` | string | required | Id. |\n"
                ),
                "README line 4: the key cell \"`id`, `x`\" is not one key in backticks",
            ),
            (
                format!("<!-- schema: sample.yaml -->\n{header}| `id` | string | required | |\n"),
                "README line 4: a row needs a key, type, default and meaning",
            ),
            (
                "<!-- schema: sample.yaml -->\n\nText.\n".to_string(),
                "README line 1: `sample.yaml` is not followed by a table headed | key | type | default | meaning |",
            ),
        ] {
            assert_eq!(problems(&readme, &sample()), [error]);
        }
    }
}
