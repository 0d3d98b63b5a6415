//! Templates: compiles a theme's Tera templates once and renders them.
//!
//! In: the [`Theme`], the URL builder and the asset map. Out: [`Templates`],
//! shared by all rendering threads. Tera's syntax and render errors become
//! diagnostics naming the template file, line and column.
//!
//! Functions available to templates (documented in the README):
//! `url(path="/about/")` gives the href of a site path from the page being
//! rendered; `asset(path="css/main.css")` gives the href of a theme asset
//! under its content-hashed name. Both read the `route` context variable
//! that every render sets, and make absolute paths when `absolute_urls` is
//! true (the 404 page).
//!
//! Filter: `text` escapes a value for element text (`&`, `<`, `>`, leaving
//! quotes as written) and marks it safe; autoescaping alone also escapes
//! quotes, which only attribute values need.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::diag::{Code, Diagnostic, Diagnostics, LineCol};
use crate::source::theme::Theme;
use crate::text::escape::escape_text;
use crate::url::{Route, UrlBuilder, split_fragment};

pub struct Templates {
    tera: Tera,
    sources: BTreeMap<String, (PathBuf, String)>,
    /// Each template's closure (see [`Templates::closure`]), made once.
    closures: BTreeMap<String, BTreeSet<String>>,
    /// The templates that read each of [`WATCHED`], found once.
    readers: BTreeMap<&'static str, BTreeSet<String>>,
}

/// The variables whose readers are found when templates compile: a page
/// depends on what they hold only when one of its templates reads them.
const WATCHED: [&str; 2] = ["data", "guides"];

impl Templates {
    pub(crate) fn compile(
        theme: &Theme,
        urls: UrlBuilder,
        assets: BTreeMap<String, Route>,
    ) -> Result<Self, Diagnostics> {
        let mut sources = BTreeMap::new();
        for (name, file) in &theme.templates {
            let text = String::from_utf8(file.bytes.clone()).map_err(|_| {
                Diagnostic::in_file(Code::Template, &file.display, "template is not valid UTF-8")
            })?;
            sources.insert(name.clone(), (file.display.clone(), text));
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
        // `safe` and `text` refuse an undefined value: Tera renders a
        // misspelt last field (`page.contnt`) through a filter as empty text,
        // which would hide a template typo behind a successful build.
        tera.register_filter("safe", |val: &Value, _: Kwargs, _: &State| {
            defined_text(val).map(|s| Value::safe_string(&s))
        });
        tera.register_filter("text", |val: &Value, _: Kwargs, _: &State| {
            defined_text(val).map(|s| Value::safe_string(&escape_text(&s)))
        });
        let links = Arc::new(Links {
            absolute: urls.absolute_paths(),
            site: urls,
        });
        let l = links.clone();
        tera.register_function(
            "url",
            move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
                let path: String = kwargs.must_get("path")?;
                let (urls, from) = l.for_render(state)?;
                let (path, fragment) = split_fragment(&path);
                Ok(urls.href(&from, &Route::site_path(path), fragment))
            },
        );
        let l = links;
        let assets = Arc::new(assets);
        tera.register_function("asset", move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let (urls, from) = l.for_render(state)?;
            match assets.get(path.trim_start_matches('/')) {
                Some(route) => Ok(urls.href(&from, route, None)),
                None => Err(tera::Error::message(format!(
                    "asset(path=\"{path}\"): no such file in the theme's static/ or the site's static/"
                ))),
            }
        });
        let list: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, (_, t))| (n.as_str(), t.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(list) {
            return Diagnostics(compile_errors(&sources, &e)).fail();
        }
        let closures = sources
            .keys()
            .map(|name| (name.clone(), closure_of(&sources, name)))
            .collect();
        let readers = WATCHED
            .iter()
            .map(|&var| {
                let names = sources
                    .iter()
                    .filter(|(_, (_, text))| mentions(text, var))
                    .map(|(n, _)| n.clone())
                    .collect();
                (var, names)
            })
            .collect();
        Ok(Templates {
            tera,
            sources,
            closures,
            readers,
        })
    }

    /// The template `name` and every template it extends or includes,
    /// directly or not, and every template that defines a component (Tera
    /// components are global, used without naming their file): what a page
    /// rendered with it depends on.
    pub(crate) fn closure(&self, name: &str) -> BTreeSet<String> {
        self.closures.get(name).cloned().unwrap_or_default()
    }

    /// Element ids written literally in the templates (`id="main"`), which
    /// headings in content must not take.
    pub(crate) fn literal_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .sources
            .values()
            .flat_map(|(_, text)| {
                text.split(" id=\"").skip(1).filter_map(|rest| {
                    let id = &rest[..rest.find('"')?];
                    (!id.is_empty() && !id.contains(['{', '}', ' '])).then(|| id.to_string())
                })
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Whether template `name`'s text mentions the variable `var` as a
    /// whole word: a page using it depends on what `var` holds. A mention
    /// in a comment counts too (a needless re-render, never a missed one).
    pub(crate) fn reads(&self, name: &str, var: &str) -> bool {
        match self.readers.get(var) {
            Some(names) => names.contains(name),
            None => self
                .sources
                .get(name)
                .is_some_and(|(_, text)| mentions(text, var)),
        }
    }

    pub(crate) fn names(&self) -> Vec<String> {
        self.sources.keys().cloned().collect()
    }

    /// The text of template `name`.
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|(_, t)| t.as_str())
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    pub(crate) fn global_context(&mut self) -> &mut Context {
        self.tera.global_context()
    }

    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| diagnostic_for(&self.sources, &e))
    }
}

/// The text of a value for the `safe` and `text` filters; an undefined value
/// (a misspelt field) is an error.
fn defined_text(val: &Value) -> tera::TeraResult<Cow<'_, str>> {
    if val.is_undefined() {
        return Err(tera::Error::message(
            "this value is undefined (a misspelt field?); check the names the template context documents",
        ));
    }
    Ok(match val.as_str() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(format!("{val}")),
    })
}

/// Whether `word` appears as a name inside the template's tags (`{{ … }}`,
/// `{% … %}`): markup such as `data-theme-toggle` outside them is not a read.
fn mentions(text: &str, word: &str) -> bool {
    tag_bodies(text).any(|tag| {
        let is_ident = |c: char| c.is_alphanumeric() || c == '_';
        tag.match_indices(word).any(|(i, _)| {
            let before = tag[..i].chars().next_back();
            let after = tag[i + word.len()..].chars().next();
            !before.is_some_and(|c| is_ident(c) || c == '.') && !after.is_some_and(is_ident)
        })
    })
}

/// The insides of a template's `{{ … }}` and `{% … %}` tags.
fn tag_bodies(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find('{')?;
            let after = &rest[open + 1..];
            let close = match after.chars().next() {
                Some('{') => "}}",
                Some('%') => "%}",
                _ => {
                    rest = after;
                    continue;
                }
            };
            let body = &after[1..];
            let end = body.find(close).unwrap_or(body.len());
            rest = &body[end..];
            return Some(&body[..end]);
        }
    })
}

/// The template `name` and every template it extends or includes, directly
/// or not, and every template that defines a component.
fn closure_of(sources: &BTreeMap<String, (PathBuf, String)>, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_string()];
    todo.extend(
        sources
            .iter()
            .filter(|(_, (_, text))| defines_component(text))
            .map(|(n, _)| n.clone()),
    );
    while let Some(t) = todo.pop() {
        if let Some((_, text)) = sources.get(&t)
            && seen.insert(t)
        {
            todo.extend(referenced_templates(text));
        }
    }
    seen
}

/// Whether a template's text defines a Tera component.
fn defines_component(text: &str) -> bool {
    text.split("{%").skip(1).any(|tag| {
        tag.trim_start_matches(['-', ' ', '\t', '\n', '\r'])
            .strip_prefix("component")
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    })
}

/// Names in `{% extends "…" %}`, `{% include "…" %}` and `{% import "…" %}`
/// tags of a template's text.
fn referenced_templates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.trim_start_matches(['-', ' ', '\t', '\n', '\r']);
        let is_ref = ["extends", "include", "import"]
            .iter()
            .any(|k| tag.starts_with(k) && tag[k.len()..].starts_with(char::is_whitespace));
        if !is_ref {
            continue;
        }
        let body = tag.split("%}").next().unwrap_or("");
        // Every quoted name in the tag (include may list alternatives); Tera
        // quotes strings with ", ' or `.
        for (i, part) in body.split(['"', '\'', '`']).enumerate() {
            if i % 2 == 1 && !part.is_empty() {
                out.push(part.to_string());
            }
        }
    }
    out
}

/// The URL builders the template functions choose between.
struct Links {
    site: UrlBuilder,
    absolute: UrlBuilder,
}

impl Links {
    /// The builder for the page being rendered and its route, both read from
    /// the render's context (`route`, `absolute_urls`).
    fn for_render(&self, state: &State) -> tera::TeraResult<(&UrlBuilder, Route)> {
        let route: Option<String> = state.get("route")?;
        let absolute: Option<bool> = state.get("absolute_urls")?;
        let urls = if absolute == Some(true) {
            &self.absolute
        } else {
            &self.site
        };
        Ok((urls, Route::file(route.as_deref().unwrap_or(""))))
    }
}

/// The problems of templates that do not fit together, each at its theme
/// file: Tera checks them after parsing every template (an included
/// template that does not exist, a block no parent has) and reports them
/// all as one message of rustc-like reports naming the template only
/// (` --> page.html:1:56`); a missing parent has no position at all.
fn compile_errors(
    sources: &BTreeMap<String, (PathBuf, String)>,
    err: &tera::Error,
) -> Vec<Diagnostic> {
    let placed = match err.kind() {
        ErrorKind::Msg(text) => reports_in(sources, text),
        ErrorKind::MissingParent { current, parent } => sources
            .get(current)
            .map(|(path, text)| {
                let message = format!(
                    "template error: this template extends `{parent}`, which the theme does not have"
                );
                // At the name in `{% extends "…" %}`, in any quotes.
                match ['"', '\'', '`']
                    .iter()
                    .find_map(|q| text.find(&format!("{q}{parent}{q}")))
                {
                    Some(at) => Diagnostic::at_offset(Code::Template, path, text, at, message),
                    None => Diagnostic::in_file(Code::Template, path, message),
                }
            })
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    if placed.is_empty() {
        vec![diagnostic_for(sources, err)]
    } else {
        placed
    }
}

/// The reports in a Tera message (`error: …` followed by ` --> name:line:col`)
/// whose template is known, as diagnostics at the theme file.
fn reports_in(sources: &BTreeMap<String, (PathBuf, String)>, text: &str) -> Vec<Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for pair in lines.windows(2) {
        let Some(message) = pair[0].strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = pair[1].trim_start().strip_prefix("--> ") else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(line), Ok(col), Some((path, text))) =
            (line.parse(), col.parse(), sources.get(name))
        else {
            continue;
        };
        out.push(Diagnostic::at(
            Code::Template,
            path,
            text,
            LineCol { line, col },
            format!("template error: {message}"),
        ));
    }
    out
}

/// Turns a Tera error into a diagnostic at the template's line and column.
fn diagnostic_for(sources: &BTreeMap<String, (PathBuf, String)>, err: &tera::Error) -> Diagnostic {
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            match sources.get(report.filename()) {
                Some((path, text)) => Diagnostic::at(
                    Code::Template,
                    path,
                    text,
                    LineCol {
                        line: span.start_line.max(1),
                        col: span.start_col + 1,
                    },
                    format!("template error: {}", report.message()),
                ),
                None => Diagnostic::global(
                    Code::Template,
                    format!("template `{}`: {}", report.filename(), report.message()),
                ),
            }
        }
        _ => {
            let mut msg = err.to_string();
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                msg.push_str(": ");
                msg.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::global(Code::Template, format!("template error: {msg}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_referenced_templates() {
        let text = "{% extends \"base.html\" %}{% block a %}{%- include 'partials/x.html' -%}{% endblock a %}{{ x }}";
        assert_eq!(referenced_templates(text), ["base.html", "partials/x.html"]);
        assert!(referenced_templates("{% if included %}{% endif %}").is_empty());
        assert!(mentions("{{ data.team }}", "data"));
        assert!(mentions("{% for k, v in data %}{% endfor %}", "data"));
        assert!(!mentions(
            "<button data-theme-toggle>{{ page.title }}</button>",
            "data"
        ));
        assert_eq!(
            referenced_templates("{% include `p/x.html` %}"),
            ["p/x.html"]
        );
        assert!(defines_component(
            "{% component badge(text) %}x{% endcomponent badge %}"
        ));
        assert!(!defines_component("{{<badge text=\"hi\"/>}}"));
        assert!(!mentions("{{ page.metadata }} {{ x.data }}", "data"));
    }
}
