//! One source per output file. Every file a build writes is claimed here
//! first, with where it comes from: pages and aliases when the model is
//! assembled, then the generated files and static files. A claim that the
//! file system could not honour is an error naming both sources (placed at
//! the one with a line, such as an alias in front matter), found before
//! anything is written, never a failed or silently overwritten write:
//!
//! - two claims on one path, compared without letter case (case-insensitive
//!   file systems would merge them);
//! - a path claimed as a file and as a folder (the static file `about`
//!   beside the page `about/`, whose file is `about/index.html`);
//! - a name (one segment of the path) longer than file systems allow.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::diag::{Code, Diagnostic, Place};

/// The longest name (one segment of a path) common file systems take, in
/// bytes: ext4, XFS and Btrfs count bytes; APFS and NTFS allow 255
/// characters, which 255 bytes never exceed.
pub(crate) const NAME_MAX: usize = 255;

/// Where an output file comes from, as the writer would look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The words before its place (`the page`, `an alias of`, or none), or
    /// its whole name when it has no place (`the sitemap`).
    what: String,
    /// Boxed, like a diagnostic's: a claim's error stays small.
    place: Option<Box<Place>>,
}

impl Origin {
    /// A source with no file of its own (the sitemap, the search index).
    pub(crate) fn named(what: impl Into<String>) -> Self {
        Origin {
            what: what.into(),
            place: None,
        }
    }

    /// A whole file: `what` and its path (`what` may be empty).
    pub(crate) fn file(what: impl Into<String>, path: &Path) -> Self {
        Origin::at(
            what,
            Place {
                path: path.to_path_buf(),
                pos: None,
                line_text: None,
            },
        )
    }

    /// A place in a file (an alias in front matter).
    pub(crate) fn at(what: impl Into<String>, place: Place) -> Self {
        Origin {
            what: what.into(),
            place: Some(Box::new(place)),
        }
    }

    pub(crate) fn place(&self) -> Option<&Place> {
        self.place.as_deref()
    }

    fn has_line(&self) -> bool {
        self.place.as_ref().is_some_and(|p| p.pos.is_some())
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            None => f.write_str(&self.what),
            Some(p) if self.what.is_empty() => f.write_str(&p.location()),
            Some(p) => write!(f, "{} {}", self.what, p.location()),
        }
    }
}

/// A claim the output cannot hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Clash {
    /// `first` claimed `file` (letter case aside) before `second` did.
    Same {
        file: String,
        first: Origin,
        second: Origin,
    },
    /// `file` is a file of one source and a folder of the other, which
    /// writes `inside` under it; `later_is_file` when the file was claimed
    /// second.
    FileAndFolder {
        file: String,
        file_from: Origin,
        inside: String,
        folder_from: Origin,
        later_is_file: bool,
    },
    /// `name`, a segment of `file`, is longer than [`NAME_MAX`] bytes.
    TooLong {
        file: String,
        name: String,
        origin: Origin,
    },
}

impl Clash {
    /// The error a writer sees, naming both sources, at the place of the
    /// one that has a line (else of the one claimed second, else the first).
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        let (message, later, earlier) = match self {
            Clash::Same {
                file,
                first,
                second,
            } => (
                format!("two sources for the output file /{file}: {first} and {second}"),
                second,
                Some(first),
            ),
            Clash::FileAndFolder {
                file,
                file_from,
                inside,
                folder_from,
                later_is_file,
            } => {
                let message = format!(
                    "/{file} would be both a file, from {file_from}, and a folder holding /{inside}, from {folder_from}; one path cannot be both: rename or move one of them"
                );
                if *later_is_file {
                    (message, file_from, Some(folder_from))
                } else {
                    (message, folder_from, Some(file_from))
                }
            }
            Clash::TooLong { file, name, origin } => {
                let start: String = name.chars().take(24).collect();
                (
                    format!(
                        "the output path /{file}, from {origin}, holds a name of {} bytes ({start}…), longer than the {NAME_MAX} bytes file systems allow; shorten it",
                        name.len()
                    ),
                    origin,
                    None,
                )
            }
        };
        let sources: Vec<&Origin> = [Some(later), earlier].into_iter().flatten().collect();
        let place = sources
            .iter()
            .find(|o| o.has_line())
            .or_else(|| sources.iter().find(|o| o.place.is_some()))
            .and_then(|o| o.place().cloned());
        match place {
            Some(place) => Diagnostic::placed(Code::OutputCollision, place, message),
            None => Diagnostic::global(Code::OutputCollision, message),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct OutputClaims {
    /// Lowercased output path → (path as written, its source).
    claims: BTreeMap<String, (String, Origin)>,
}

impl OutputClaims {
    /// Claims `file` (a path inside the output) for `origin`, unless the
    /// output cannot hold it beside the files claimed before.
    pub(crate) fn claim(&mut self, file: &str, origin: Origin) -> Result<(), Clash> {
        if let Some(name) = file.split('/').find(|s| s.len() > NAME_MAX) {
            return Err(Clash::TooLong {
                file: file.to_string(),
                name: name.to_string(),
                origin,
            });
        }
        let key = file.to_lowercase();
        if let Some((_, first)) = self.claims.get(&key) {
            return Err(Clash::Same {
                file: file.to_string(),
                first: first.clone(),
                second: origin,
            });
        }
        // A folder this file would sit in, claimed as a file.
        for (end, _) in key.match_indices('/') {
            if let Some((taken, first)) = self.claims.get(&key[..end]) {
                return Err(Clash::FileAndFolder {
                    file: taken.clone(),
                    file_from: first.clone(),
                    inside: file.to_string(),
                    folder_from: origin,
                    later_is_file: false,
                });
            }
        }
        // This file, claimed as a folder by a file under it.
        let below = format!("{key}/");
        if let Some((_, (inside, first))) = self
            .claims
            .range(below.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&below))
        {
            return Err(Clash::FileAndFolder {
                file: file.to_string(),
                file_from: origin,
                inside: inside.clone(),
                folder_from: first.clone(),
                later_is_file: true,
            });
        }
        self.claims.insert(key, (file.to_string(), origin));
        Ok(())
    }

    /// Every claimed output path with its source, sorted by path.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &Origin)> {
        self.claims.values().map(|(f, o)| (f.as_str(), o))
    }

    /// Every claimed output path, sorted.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.claims.values().map(|(f, _)| f.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::LineCol;

    fn alias_at(line: usize) -> Origin {
        Origin::at(
            "an alias of",
            Place {
                path: "content/b.md".into(),
                pos: Some(LineCol { line, col: 5 }),
                line_text: Some("  - /favicon.svg/".into()),
            },
        )
    }

    #[test]
    fn a_second_claim_names_the_first() {
        let mut c = OutputClaims::default();
        let page = Origin::file("the page", Path::new("content/a.md"));
        assert!(c.claim("a/index.html", page.clone()).is_ok());
        let clash = c.claim("A/index.html", alias_at(3)).unwrap_err();
        assert_eq!(
            clash,
            Clash::Same {
                file: "A/index.html".into(),
                first: page,
                second: alias_at(3)
            }
        );
        let d = clash.diagnostic();
        assert_eq!(
            d.to_string(),
            "content/b.md:3:5: two sources for the output file /A/index.html: the page content/a.md and an alias of content/b.md:3:5"
        );
        assert_eq!(c.files().collect::<Vec<_>>(), ["a/index.html"]);
    }

    #[test]
    fn a_file_cannot_be_a_folder_in_either_order() {
        let stat = Origin::file("", Path::new("static/favicon.svg"));
        // The file first, then a file inside it (any depth, any case).
        let mut c = OutputClaims::default();
        c.claim("favicon.svg", stat.clone()).unwrap();
        let clash = c.claim("Favicon.svg/index.html", alias_at(4)).unwrap_err();
        assert_eq!(
            clash.diagnostic().to_string(),
            "content/b.md:4:5: /favicon.svg would be both a file, from static/favicon.svg, and a folder holding /Favicon.svg/index.html, from an alias of content/b.md:4:5; one path cannot be both: rename or move one of them"
        );
        assert!(c.claim("favicon.svg/a/b/index.html", alias_at(5)).is_err());
        // The folder first, then the file; placed at the one with a line.
        let mut c = OutputClaims::default();
        c.claim("favicon.svg/index.html", alias_at(4)).unwrap();
        let clash = c.claim("favicon.svg", stat).unwrap_err();
        let d = clash.diagnostic();
        assert_eq!(d.place.unwrap().pos, Some(LineCol { line: 4, col: 5 }));
        // Siblings that only share a prefix are no clash.
        c.claim("favicon.svg.gz", Origin::named("x")).unwrap();
        c.claim("favicon", Origin::named("y")).unwrap();
        c.claim("favicon.svgs/index.html", Origin::named("z"))
            .unwrap();
    }

    #[test]
    fn a_name_longer_than_file_systems_allow_is_refused() {
        let mut c = OutputClaims::default();
        let ok = "a".repeat(NAME_MAX);
        c.claim(&format!("{ok}/index.html"), Origin::named("the page"))
            .unwrap();
        // 128 two-byte letters: 128 characters, 256 bytes.
        let long = "é".repeat(128);
        let clash = c
            .claim(&format!("x/{long}/index.html"), alias_at(2))
            .unwrap_err();
        let d = clash.diagnostic();
        assert!(
            d.message.contains(
                "holds a name of 256 bytes (éééééééééééééééééééééééé…), longer than the 255 bytes"
            ),
            "{}",
            d.message
        );
        assert_eq!(d.place.unwrap().pos, Some(LineCol { line: 2, col: 5 }));
    }
}
