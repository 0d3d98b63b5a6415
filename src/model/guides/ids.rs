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

/// Who a verdict favours. Written in YAML as a technology id or one of the
/// reserved words `tie` and `depends`; which words a field allows is checked
/// when the guide loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Winner {
    Technology(TechId),
    /// Both (all) are as good.
    Tie,
    /// It depends on the case; the reasoning says on what.
    Depends,
}

impl Winner {
    /// The words that are not technology ids (`either` is a use case's).
    pub(crate) const RESERVED: [&'static str; 3] = ["tie", "depends", "either"];
    /// The words a verdict (or a criterion's edge) may use.
    pub(crate) const VERDICT_WORDS: [&'static str; 2] = ["tie", "depends"];

    /// How it is written in YAML.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Winner::Technology(t) => t.as_str(),
            Winner::Tie => "tie",
            Winner::Depends => "depends",
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
            _ => Winner::Technology(TechId(s)),
        })
    }
}

/// For the browser: `{"kind": "technology", "technology": "node"}` or
/// `{"kind": "tie"}` (and `depends`).
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

/// What a use case recommends: written as a technology id (`nodejs`), a
/// list of them (`[rabbitmq, nats]`), or `either` (any of the guide's
/// technologies fits). The ids are checked when the guide loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recommended {
    Technologies(Vec<TechId>),
    Either,
}

impl Recommended {
    /// The word for "any of them".
    pub(crate) const EITHER: &'static str = "either";
}

impl<'de> Deserialize<'de> for Recommended {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Recommended;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a technology id, a list of them, or `either`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Recommended, E> {
                Ok(if v == Recommended::EITHER {
                    Recommended::Either
                } else {
                    Recommended::Technologies(vec![TechId::new(v)])
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Recommended, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(TechId(id));
                }
                Ok(Recommended::Technologies(ids))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// For templates: `{"kind": "technologies", "technologies": ["a", "b"]}`
/// or `{"kind": "either"}`.
impl Serialize for Recommended {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self {
            Recommended::Technologies(ids) => {
                m.serialize_entry("kind", "technologies")?;
                m.serialize_entry("technologies", ids)?;
            }
            Recommended::Either => m.serialize_entry("kind", Recommended::EITHER)?,
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winners_read_from_yaml_and_serialise_tagged() {
        let w: Vec<Winner> = serde_yaml::from_str("[node, tie, depends]").unwrap();
        assert_eq!(
            w,
            [
                Winner::Technology(TechId::new("node")),
                Winner::Tie,
                Winner::Depends,
            ]
        );
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#"[{"kind":"technology","technology":"node"},{"kind":"tie"},{"kind":"depends"}]"#
        );
    }

    #[test]
    fn a_recommendation_is_one_id_a_list_or_either() {
        let r: Vec<Recommended> =
            serde_yaml::from_str("[node, [rabbitmq, nats], either, []]").unwrap();
        let ids =
            |v: &[&str]| Recommended::Technologies(v.iter().map(|i| TechId::new(*i)).collect());
        assert_eq!(
            r,
            [
                ids(&["node"]),
                ids(&["rabbitmq", "nats"]),
                Recommended::Either,
                ids(&[])
            ]
        );
        assert_eq!(
            serde_json::to_string(&r[1..3]).unwrap(),
            r#"[{"kind":"technologies","technologies":["rabbitmq","nats"]},{"kind":"either"}]"#
        );
        let e = serde_yaml::from_str::<Recommended>("3")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("expected a technology id, a list of them, or `either`"),
            "{e}"
        );
    }
}
