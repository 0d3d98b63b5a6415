//! The search index as a build writes it: which pages it holds, what its
//! files look like, where a site's own files may not go, and the bundled
//! guide's directory (redacted of hashes) as a snapshot.

mod common;

use std::collections::BTreeMap;

use common::{Site, bundled, fixture};
use serde_json::Value;

/// The arguments of the `verdictSearch.<call>(…)` in an index file.
fn call(text: &str, name: &str) -> Value {
    let prefix = format!("verdictSearch.{name}(");
    let inner = text
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a {name} call: {}", &text[..text.len().min(80)]));
    serde_json::from_str(&format!("[{inner}]")).unwrap()
}

/// A term shard's entries: (key, exact postings, stem postings or `=` refs),
/// keys undone from their shared prefixes.
fn entries(body: &str) -> Vec<(String, String, String)> {
    const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut prev: Vec<u16> = Vec::new();
    for entry in body.split(',') {
        let shared = DIGITS.find(&entry[..1]).unwrap();
        let mut fields = entry[1..].split(' ');
        let rest = fields.next().unwrap();
        let mut key: Vec<u16> = prev[..shared].to_vec();
        key.extend(rest.encode_utf16());
        let exact = fields.next().unwrap().to_string();
        let stem = fields.next().unwrap().to_string();
        assert!(fields.next().is_none(), "{entry}");
        out.push((String::from_utf16(&key).unwrap(), exact, stem));
        prev = key;
    }
    out
}

struct Index {
    dir: Value,
    /// key → (exact, stem) postings strings
    terms: BTreeMap<String, (String, String)>,
    /// (url, title, sections) per page
    pages: Vec<Value>,
    answers: Vec<Value>,
}

fn index(site: &Site) -> Index {
    let dir = call(&site.read("search/dir.js"), "dir")[0].clone();
    let mut terms = BTreeMap::new();
    let shards = dir["terms"]["first"].as_array().unwrap().len();
    for n in 0..shards {
        let v = call(&site.read(&format!("search/t{n}.js")), "terms");
        for (key, exact, stem) in entries(v[1].as_str().unwrap()) {
            terms.insert(key, (exact, stem));
        }
    }
    let mut pages = Vec::new();
    for n in 0..dir["text"]["count"].as_u64().unwrap() {
        let v = call(&site.read(&format!("search/x{n}.js")), "text");
        pages.extend(v[1].as_array().unwrap().iter().cloned());
    }
    let answers = match dir["answers"].as_str() {
        Some(name) => call(&site.read(&format!("search/{name}")), "answers")[0]
            .as_array()
            .unwrap()
            .clone(),
        None => Vec::new(),
    };
    Index {
        dir,
        terms,
        pages,
        answers,
    }
}

fn urls(ix: &Index) -> Vec<&str> {
    ix.pages.iter().map(|p| p[0].as_str().unwrap()).collect()
}

#[test]
fn drafts_opt_outs_404_and_aliases_are_not_indexed() {
    let site = fixture("basic");
    site.edit(
        "content/about.md",
        "title: About",
        "title: About\nsearch: false",
    );
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ix = index(&site);
    let urls = urls(&ix);
    assert!(!urls.iter().any(|u| u.contains("draft")), "{urls:?}");
    assert!(!urls.contains(&"about/"), "{urls:?}");
    assert!(
        !urls
            .iter()
            .any(|u| u.contains("404") || u.starts_with("old/")),
        "{urls:?}"
    );
    assert!(urls.contains(&"guide/first/"), "{urls:?}");
    assert!(
        !ix.terms.contains_key("unfinished"),
        "a draft's title is indexed"
    );
    assert_eq!(ix.dir["pages"].as_u64().unwrap() as usize, urls.len());
}

#[test]
fn every_section_is_indexed_with_its_anchor_and_text() {
    let site = fixture("basic");
    site.write(
        "content/notes/search-me.md",
        "---\ntitle: Findable\n---\n\nLead words.\n\n## Second part\n\nZymurgy here.\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    let ix = index(&site);
    let page = ix
        .pages
        .iter()
        .find(|p| p[0] == "notes/search-me/")
        .expect("the page is indexed");
    assert_eq!(page[1], "Findable");
    assert_eq!(page[2][0], serde_json::json!(["", "", "Lead words."]));
    assert_eq!(
        page[2][1],
        serde_json::json!(["second-part", "Second part", "Zymurgy here."])
    );
    let (exact, _) = &ix.terms["zymurgy"];
    assert!(!exact.is_empty());
}

#[test]
fn relative_urls_name_index_html() {
    let site = fixture("basic");
    site.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: true",
    );
    assert_eq!(site.build(&[]).code, 0);
    let ix = index(&site);
    assert!(
        urls(&ix).contains(&"guide/first/index.html"),
        "{:?}",
        urls(&ix)
    );
    assert!(urls(&ix).contains(&"index.html"), "{:?}", urls(&ix));
}

#[test]
fn titles_and_text_are_data_never_markup() {
    let site = fixture("basic");
    site.write(
        "content/notes/xss.md",
        "---\ntitle: \"<img src=x onerror=alert(1)>\"\n---\n\nBody <script>alert(2)</script> and `<b>code</b>`.\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    let ix = index(&site);
    let page = ix.pages.iter().find(|p| p[0] == "notes/xss/").unwrap();
    // The title is kept as the text it is; the browser shows it as text.
    assert_eq!(page[1], "<img src=x onerror=alert(1)>");
    // Code is text; raw HTML tags are not.
    let text = page[2][0][2].as_str().unwrap();
    assert!(!text.contains("<script>"), "{text}");
    assert!(text.contains("<b>code</b>"), "{text}");
}

#[test]
fn search_can_be_turned_off() {
    let site = fixture("basic");
    site.edit(
        "content/site.yaml",
        "relative_urls: false",
        "relative_urls: false\nsearch: false",
    );
    // With search off, a page may live at /search/.
    site.write(
        "content/search.md",
        "---\ntitle: My search notes\n---\n\nMine.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.out().join("search/dir.js").exists());
    assert!(site.read("search/index.html").contains("My search notes"));
}

#[test]
fn a_page_at_search_is_refused_while_search_is_on() {
    let site = fixture("basic");
    site.write("content/search.md", "---\ntitle: Mine\n---\n\nMine.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("content/search.md would be written to /search/index.html, inside /search/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("search: false"), "{}", run.stderr);
}

#[test]
fn embeds_are_searchable() {
    let site = bundled();
    assert_eq!(site.build(&[]).code, 0);
    let ix = index(&site);
    // The comparison page's table comes from criteria.yaml through an embed.
    let page = ix.pages.iter().find(|p| p[0] == "comparison/").unwrap();
    let text: String = page[2]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[2].as_str().unwrap())
        .collect();
    assert!(text.contains("Real-time capability"), "{text}");
}

#[test]
fn answers_carry_each_aspect_verdict() {
    let site = bundled();
    assert_eq!(site.build(&[]).code, 0);
    let ix = index(&site);
    let speed = ix
        .answers
        .iter()
        .find(|a| a["kind"] == "aspect" && a["name"] == "Speed")
        .expect("an answer for the speed aspect");
    assert_eq!(speed["url"], "aspects/speed/");
    assert_eq!(speed["winner"], "Node.js");
    assert_eq!(speed["outcome"], "technology");
    let keys: Vec<&str> = speed["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "speed", "perform", "fast", "faster", "slow", "slower", "jit"
        ]
    );
    let errors = ix
        .answers
        .iter()
        .find(|a| a["name"] == "Error handling")
        .unwrap();
    assert_eq!(errors["keys"][0], "error handl");
    let line = speed["line"].as_str().unwrap();
    assert!(line.ends_with('.') && !line.contains('*'), "{line}");
    // Every aspect has one.
    let aspects = ix.answers.iter().filter(|a| a["kind"] == "aspect").count();
    assert_eq!(aspects, 10);
}

#[test]
fn bundled_guide_directory() {
    let site = bundled();
    assert_eq!(site.build(&[]).code, 0);
    let ix = index(&site);
    let mut dir = ix.dir.clone();
    let redact = |v: &mut Value| {
        let s = v.as_str().unwrap();
        let (stem, _) = s.split_once('.').unwrap();
        *v = Value::String(format!("{stem}.HASH.js"));
    };
    dir["terms"]["tag"] = Value::String("TAG".into());
    dir["text"]["tag"] = Value::String("TAG".into());
    redact(&mut dir["answers"]);
    insta::assert_snapshot!(serde_json::to_string_pretty(&dir).unwrap());
}

#[test]
fn html_comments_are_not_indexed() {
    let site = fixture("basic");
    site.write(
        "content/notes/commented.md",
        "---\ntitle: Commented\n---\n\nShown <!-- quokkasecret --> text.\n\n<!--\nwombatsecret\n-->\n\n<div>\n<!-- numbatsecret -->\n</div>\n\n## Part <!-- bilbysecret -->\n\n`<!-- dugongliteral -->`\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    let ix = index(&site);
    let page = ix
        .pages
        .iter()
        .find(|p| p[0] == "notes/commented/")
        .expect("the page is indexed");
    let text = page.to_string();
    for secret in [
        "quokkasecret",
        "wombatsecret",
        "numbatsecret",
        "bilbysecret",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
        assert!(
            !ix.terms.keys().any(|k| k.starts_with(&secret[..5])),
            "{secret} is a search term"
        );
    }
    // Text in a code span is the reader's, comment or not.
    assert!(text.contains("dugongliteral"), "{text}");
    assert!(ix.terms.contains_key("dugongliteral"));
}
