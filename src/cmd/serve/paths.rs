//! Pure decisions of `verdict serve`: which file events matter, and which
//! output file a request path names. No I/O, so every case is unit-tested.

use std::path::{Component, Path, PathBuf};

/// Whether a file event at `path` can change the site: not an editor's
/// temporary or backup file, not under `.git`, not in the output folder.
pub fn matters(path: &Path, root: &Path, out: Option<&Path>) -> bool {
    if out.is_some_and(|o| path.starts_with(o)) {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    for c in rel.components() {
        if let Component::Normal(name) = c {
            let name = name.to_string_lossy();
            // `.public.verdict-staging` and the like: another build's work.
            if name == ".git"
                || name == "node_modules"
                || name == "target"
                || name.contains(".verdict-")
            {
                return false;
            }
        }
    }
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    !(name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
        || name.ends_with(".kate-swp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == ".DS_Store"
        || name.starts_with(".goutputstream"))
}

/// The paths of a batch of events that matter, each once, sorted.
pub fn relevant(paths: &[PathBuf], root: &Path, out: Option<&Path>) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = paths
        .iter()
        .filter(|p| matters(p, root, out))
        .cloned()
        .collect();
    v.sort();
    v.dedup();
    v
}

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// An output file, by its path inside the output (`aspects/index.html`).
    File(String),
    /// A folder asked for without its slash: redirect to this path.
    Slash(String),
    /// Outside the site's base path: redirect to the base path.
    ToBase,
    /// Not a path we serve (traversal, encoded separators, bad encoding).
    Bad,
}

/// Resolves the path of a request URL (`/docs/aspects/?q=1`) for a site
/// mounted at `base` (`/docs/`), given which output files exist.
pub fn resolve(url: &str, base: &str, exists: impl Fn(&str) -> bool) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.contains('\\') {
        return Target::Bad;
    }
    let Some(decoded) = percent_decode(path) else {
        return Target::Bad;
    };
    // An encoded slash or backslash is refused rather than taken as a separator.
    if decoded.contains('\\')
        || decoded.contains('\0')
        || decoded.matches('/').count() != path.matches('/').count()
    {
        return Target::Bad;
    }
    // The base path as written in base_url may be percent-encoded itself.
    let base = percent_decode(base).unwrap_or_else(|| base.to_string());
    let base = if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    };
    let rest = if decoded == base.trim_end_matches('/') && base != "/" {
        return Target::Slash(base);
    } else if let Some(rest) = decoded.strip_prefix(&base) {
        rest
    } else {
        return Target::ToBase;
    };
    for seg in rest.split('/') {
        if seg == ".." || seg == "." {
            return Target::Bad;
        }
    }
    if rest.is_empty() || rest.ends_with('/') {
        return Target::File(format!("{rest}index.html"));
    }
    if exists(rest) {
        return Target::File(rest.to_string());
    }
    if exists(&format!("{rest}/index.html")) {
        return Target::Slash(format!("{base}{rest}/"));
    }
    Target::File(rest.to_string())
}

/// `%xx` decoding; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "avif" => "image/avif",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "webmanifest" => "application/manifest+json",
        "map" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// A path for a `Location` header: bytes outside the unreserved set and `/`
/// percent-encoded (`/café/` → `/caf%C3%A9/`).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a Host header names this machine (or the address we were asked
/// to bind): anything else is a DNS-rebinding attempt. Bound to every
/// address (`0.0.0.0`, `::`), any IP address is fine too: rebinding needs
/// a name.
pub fn host_allowed(host: &str, bound: &str) -> bool {
    let port_ok = |p: &str| {
        p.is_empty()
            || (p.starts_with(':') && p[1..].chars().all(|c| c.is_ascii_digit()) && p.len() > 1)
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        if !port_ok(after) {
            return false;
        }
        inside
    } else {
        match host.rsplit_once(':') {
            Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() => h,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.to_ascii_lowercase();
    if matches!(bound, "0.0.0.0" | "::") && name.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "127.0.0.1"
        || name == "::1"
        || (!bound.is_empty() && name == bound.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_git_and_output_do_not_matter() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        for p in [
            "/site/content/a.md~",
            "/site/content/.a.md.swp",
            "/site/content/.#a.md",
            "/site/content/#a.md#",
            "/site/content/4913",
            "/site/.git/index",
            "/site/public/index.html",
            "/site/content/a.md.tmp",
        ] {
            assert!(!matters(Path::new(p), root, Some(out)), "{p}");
        }
        for p in [
            "/site/content/a.md",
            "/site/themes/t/templates/page.html",
            "/site/content/new/dir/b.md",
            "/site/content",
        ] {
            assert!(matters(Path::new(p), root, Some(out)), "{p}");
        }
        let batch = vec![
            PathBuf::from("/site/content/a.md"),
            PathBuf::from("/site/content/.a.md.swp"),
            PathBuf::from("/site/content/a.md"),
        ];
        assert_eq!(
            relevant(&batch, root, Some(out)),
            vec![PathBuf::from("/site/content/a.md")]
        );
    }

    #[test]
    fn request_paths_map_to_output_files_and_never_leave_the_site() {
        let files = [
            "index.html",
            "aspects/index.html",
            "css/main.css",
            "a b.txt",
        ];
        let exists = |p: &str| files.contains(&p);
        assert_eq!(resolve("/", "/", exists), Target::File("index.html".into()));
        assert_eq!(
            resolve("/aspects/?q=1", "/", exists),
            Target::File("aspects/index.html".into())
        );
        assert_eq!(
            resolve("/aspects", "/", exists),
            Target::Slash("/aspects/".into())
        );
        assert_eq!(
            resolve("/css/main.css", "/", exists),
            Target::File("css/main.css".into())
        );
        assert_eq!(
            resolve("/a%20b.txt", "/", exists),
            Target::File("a b.txt".into())
        );
        assert_eq!(
            resolve("/missing/", "/", exists),
            Target::File("missing/index.html".into())
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/..%2fetc%2fpasswd",
            "/%2fetc/passwd",
            "/..\\etc",
            "/%5c..%5cetc",
            "/a/./b",
            "/%zz",
            "/%ff",
            "/%00",
            "etc/passwd",
        ] {
            assert_eq!(resolve(bad, "/", exists), Target::Bad, "{bad}");
        }
        // A site mounted under a path.
        let exists = |p: &str| files.contains(&p);
        assert_eq!(resolve("/", "/docs/", exists), Target::ToBase);
        assert_eq!(
            resolve("/docs", "/docs/", exists),
            Target::Slash("/docs/".into())
        );
        assert_eq!(
            resolve("/docs/aspects/", "/docs/", exists),
            Target::File("aspects/index.html".into())
        );
        assert_eq!(resolve("/other/", "/docs/", exists), Target::ToBase);
    }

    #[test]
    fn only_local_host_names_pass() {
        for ok in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "app.localhost:80",
        ] {
            assert!(host_allowed(ok, ""), "{ok}");
        }
        for bad in [
            "[::1]evil.com",
            "[::1]:80.evil.com",
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
        ] {
            assert!(!host_allowed(bad, ""), "{bad}");
        }
        assert!(host_allowed("192.168.1.5:1111", "192.168.1.5"));
        assert_eq!(content_type("a/b.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
