//! Ids of the guide model as types, so a technology id cannot be passed
//! where an aspect id is meant, and [`Winner`]: who a verdict favours.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A guide: the name of its folder under `content/data/guides/`.
    GuideId
);
id_type!(
    /// A technology of a guide (`node`, `python`).
    TechId
);
id_type!(
    /// A row of the comparison table.
    CriterionId
);
id_type!(
    /// An aspect with a verdict (`speed`, `error-handling`).
    AspectId
);
id_type!(
    /// A use case.
    UseCaseId
);
id_type!(
    /// A source cited by verdicts and benchmarks.
    SourceId
);
id_type!(
    /// A benchmark dataset.
    BenchmarkId
);

/// Who a verdict or recommendation favours. Written in YAML as a
/// technology id or one of the reserved words `tie`, `depends` (verdicts
/// and criteria) and `either` (use cases); which words a field allows is
/// checked when the guide loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Winner {
    Technology(TechId),
    /// Both (all) are as good.
    Tie,
    /// It depends on the case; the reasoning says on what.
    Depends,
    /// Any of them fits this use case.
    Either,
}

impl Winner {
    /// The words that are not technology ids.
    pub(crate) const RESERVED: [&'static str; 3] = ["tie", "depends", "either"];
    /// The words a verdict (or a criterion's edge) may use.
    pub(crate) const VERDICT_WORDS: [&'static str; 2] = ["tie", "depends"];
    /// The words a use case's recommendation may use.
    pub(crate) const USE_CASE_WORDS: [&'static str; 1] = ["either"];

    /// How it is written in YAML.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Winner::Technology(t) => t.as_str(),
            Winner::Tie => "tie",
            Winner::Depends => "depends",
            Winner::Either => "either",
        }
    }

    pub(crate) fn technology(&self) -> Option<&TechId> {
        match self {
            Winner::Technology(t) => Some(t),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Winner {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.as_str() {
            "tie" => Winner::Tie,
            "depends" => Winner::Depends,
            "either" => Winner::Either,
            _ => Winner::Technology(TechId(s)),
        })
    }
}

/// For the browser: `{"kind": "technology", "technology": "node"}` or
/// `{"kind": "tie"}` (and `depends`, `either`).
impl Serialize for Winner {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self {
            Winner::Technology(t) => {
                m.serialize_entry("kind", "technology")?;
                m.serialize_entry("technology", t)?;
            }
            other => m.serialize_entry("kind", other.as_str())?,
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winners_read_from_yaml_and_serialise_tagged() {
        let w: Vec<Winner> = serde_yaml::from_str("[node, tie, depends, either]").unwrap();
        assert_eq!(
            w,
            [
                Winner::Technology(TechId::new("node")),
                Winner::Tie,
                Winner::Depends,
                Winner::Either
            ]
        );
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"[{"kind":"technology","technology":"node"},{"kind":"tie"},{"kind":"depends"},{"kind":"either"}]"#
        );
    }
}
