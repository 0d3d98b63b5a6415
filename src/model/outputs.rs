//! One source per output file. Every file a build writes is claimed here
//! first, with where it comes from: pages and aliases when the model is
//! assembled, then the generated files and static files. A second claim on
//! a path (compared without letter case, since case-insensitive file
//! systems would merge them) is an error naming both sources, never a
//! silent overwrite whose result depends on which write won.

use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct OutputClaims {
    /// Lowercased output path → (path as written, its source).
    claims: BTreeMap<String, (String, String)>,
}

impl OutputClaims {
    /// Claims `file` (a path inside the output) for `origin`; on a clash,
    /// returns the source that claimed it first.
    pub(crate) fn claim(&mut self, file: &str, origin: impl Into<String>) -> Result<(), String> {
        let key = file.to_lowercase();
        match self.claims.get(&key) {
            Some((_, first)) => Err(first.clone()),
            None => {
                self.claims.insert(key, (file.to_string(), origin.into()));
                Ok(())
            }
        }
    }

    /// Every claimed output path with its source, sorted by path.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.claims.values().map(|(f, o)| (f.as_str(), o.as_str()))
    }

    /// Every claimed output path, sorted.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.claims.values().map(|(f, _)| f.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_names_the_first() {
        let mut c = OutputClaims::default();
        assert!(c.claim("a/index.html", "the page a.md").is_ok());
        assert_eq!(
            c.claim("A/index.html", "an alias of b.md"),
            Err("the page a.md".to_string())
        );
        assert_eq!(c.files().collect::<Vec<_>>(), ["a/index.html"]);
    }
}
