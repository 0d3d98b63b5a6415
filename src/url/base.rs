//! `base_url`, parsed: the origin and the base path every href starts with.

/// The validated parts of `base_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://intranet.example`
    pub origin: String,
    /// `/guides/nodepy/`: always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    /// Accepts `http(s)://host[:port][/path]`; anything else is an error
    /// message for the caller to place.
    pub(crate) fn parse(s: &str) -> Result<Self, String> {
        let rest = s
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| s.strip_prefix("http://").map(|r| ("http://", r)));
        let Some((scheme, rest)) = rest else {
            return Err(format!(
                "base_url `{s}` must start with http:// or https://"
            ));
        };
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let bad_host = host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:[]_".contains(c));
        if bad_host {
            return Err(format!("base_url `{s}` has no valid host name"));
        }
        if path.contains(['?', '#', '"', '\'', '<', '>', ' ', '\\']) {
            return Err(format!(
                "base_url `{s}` may not contain a query, fragment, quotes or spaces"
            ));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}{host}"),
            path,
        })
    }
}
