//! Embeds: the reserved ```` ```verdict ```` fenced block, whose small YAML
//! body names what to put into a page: `table: true` (the comparison table),
//! `verdict: <aspect>` (a verdict card), `use-cases: true`, `chart: <dataset>`
//! (the dataset's figure: for now its data table with provenance),
//! `verdicts: true` (every aspect's verdict in one table), `sources: true`
//! and `technologies: true`. `guide: <id>` picks the guide
//! when a site has several.
//!
//! In: the block's text and place, the page and the site. Out: plain HTML
//! that needs no JavaScript. Every text from YAML is escaped or rendered as
//! inline Markdown; an embed naming something that does not exist is an error
//! at its file:line:col.

use std::collections::{BTreeSet, HashSet};

use serde::Deserialize;

use super::RenderCx;
use super::inline;
use crate::diag::{Code, Diagnostic, suggestion};
use crate::model::guides::{Better, Guide, GuideId, Technology, Winner};
use crate::model::page::{Page, PageId};
use crate::model::site::Site;
use crate::source::yaml::YamlDoc;
use crate::text::escape::{escape_attr, escape_text};

/// What an embed adds to its page besides HTML: the pages it links to, the
/// guide it reads, and the element ids it takes.
pub struct EmbedOut<'a> {
    pub linked: &'a mut BTreeSet<PageId>,
    pub guides: &'a mut BTreeSet<GuideId>,
    pub ids: &'a mut HashSet<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    #[serde(default)]
    guide: Option<String>,
    #[serde(default)]
    table: Option<bool>,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default, rename = "use-cases")]
    use_cases: Option<bool>,
    #[serde(default)]
    chart: Option<String>,
    #[serde(default)]
    sources: Option<bool>,
    #[serde(default)]
    technologies: Option<bool>,
    #[serde(default)]
    verdicts: Option<bool>,
}

enum Kind<'s> {
    Table,
    Verdict(&'s str),
    UseCases,
    Chart(&'s str),
    Sources,
    Technologies,
    Verdicts,
}

/// Renders one embed. `doc` is the block's YAML, placed in the page file.
/// `ids` holds the element ids already used on the page (its headings, earlier
/// embeds): an embed shown twice, or whose id a heading took, gets no id the
/// second time, so ids stay unique.
pub fn render(
    doc: &YamlDoc,
    page: &Page,
    cx: &RenderCx,
    out: &mut EmbedOut,
) -> Result<String, Diagnostic> {
    let site = cx.site;
    let spec: Spec = doc.parse()?;
    let mut kinds: Vec<(&str, Kind)> = Vec::new();
    if spec.table == Some(true) {
        kinds.push(("table", Kind::Table));
    }
    if let Some(v) = &spec.verdict {
        kinds.push(("verdict", Kind::Verdict(v)));
    }
    if spec.use_cases == Some(true) {
        kinds.push(("use-cases", Kind::UseCases));
    }
    if let Some(c) = &spec.chart {
        kinds.push(("chart", Kind::Chart(c)));
    }
    if spec.sources == Some(true) {
        kinds.push(("sources", Kind::Sources));
    }
    if spec.technologies == Some(true) {
        kinds.push(("technologies", Kind::Technologies));
    }
    if spec.verdicts == Some(true) {
        kinds.push(("verdicts", Kind::Verdicts));
    }
    let (key, kind) = match kinds.len() {
        1 => kinds.pop().expect("one kind"),
        0 => {
            return Err(doc.error_at(
                Code::Embed, "",
                "an embed names one thing to show: table: true, verdict: <aspect>, verdicts: true, use-cases: true, chart: <dataset>, sources: true or technologies: true",
            ));
        }
        _ => {
            let names: Vec<&str> = kinds.iter().map(|(k, _)| *k).collect();
            return Err(doc.error_at(
                Code::Embed,
                names[1],
                format!(
                    "one embed per block; this one names {}",
                    names.join(" and ")
                ),
            ));
        }
    };
    let guide = pick_guide(doc, spec.guide.as_deref(), site)?;
    out.guides.insert(guide.id.clone());
    let mut r = Writer {
        guide,
        page,
        site,
        linked: out.linked,
        ids: out.ids,
        out: String::new(),
    };
    let place = |m: String| doc.error_at(Code::Embed, key, m);
    match kind {
        Kind::Table => r.table().map_err(place)?,
        Kind::Verdict(id) => r.verdict(id).map_err(place)?,
        Kind::UseCases => r.use_cases().map_err(place)?,
        Kind::Chart(id) => r.chart(id).map_err(place)?,
        Kind::Sources => r.sources().map_err(place)?,
        Kind::Technologies => r.technologies().map_err(place)?,
        Kind::Verdicts => r.verdicts().map_err(place)?,
    }
    Ok(r.out)
}

fn pick_guide<'s>(
    doc: &YamlDoc,
    name: Option<&str>,
    site: &'s Site,
) -> Result<&'s Guide, Diagnostic> {
    let guides = &site.guides.list;
    match name {
        Some(n) => site.guides.get(n).ok_or_else(|| {
            doc.error_at(
                Code::Embed,
                "guide",
                format!("no guide `{n}` under content/data/guides/"),
            )
            .suggest(n, guides.iter().map(|g| g.id.as_str()))
        }),
        None => match guides.as_slice() {
            [only] => Ok(only),
            [] => Err(doc.error_at(
                Code::Embed,
                "",
                "this site has no guide: add content/data/guides/<id>/technologies.yaml",
            )),
            _ => {
                let ids: Vec<&str> = guides.iter().map(|g| g.id.as_str()).collect();
                Err(doc.error_at(
                    Code::Embed,
                    "",
                    format!(
                        "this site has several guides; name one with `guide:` ({})",
                        ids.join(", ")
                    ),
                ))
            }
        },
    }
}

struct Writer<'a> {
    guide: &'a Guide,
    page: &'a Page,
    site: &'a Site,
    linked: &'a mut BTreeSet<PageId>,
    ids: &'a mut HashSet<String>,
    out: String,
}

impl Writer<'_> {
    /// Inline Markdown from YAML, for this page. Links were checked when
    /// the guide loaded, so an error here would be a bug; it is still reported.
    fn md(&mut self, text: &str) -> Result<String, String> {
        inline::render(text, &self.page.route, self.site, self.linked)
    }

    /// The href of the page at `rel` and its title.
    fn page_link(&mut self, rel: &str) -> Result<(String, &str), String> {
        let site = self.site;
        let id = site.find_page(rel)?;
        self.linked.insert(id);
        let page = &site.pages[id];
        Ok((
            site.urls().href(&self.page.route, &page.route, None),
            page.title(),
        ))
    }

    fn page_href(&mut self, rel: &str) -> Result<String, String> {
        self.page_link(rel).map(|(href, _)| href)
    }

    /// ` id="prefix-id"`, or nothing when the page already uses that id.
    fn id_attr(&mut self, prefix: &str, id: &str) -> String {
        let id = format!("{prefix}-{id}");
        if self.ids.insert(id.clone()) {
            format!(" id=\"{}\"", escape_attr(&id))
        } else {
            String::new()
        }
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A technology's name with its colour as a CSS variable for markers.
    fn badge(&self, winner: &Winner) -> String {
        let name = escape_text(&self.guide.winner_name(winner));
        match winner
            .technology()
            .and_then(|t| self.guide.technology(t.as_str()))
        {
            Some(t) => format!(
                "<span class=\"badge\" data-winner=\"{}\" style=\"--tech: {}\">{name}</span>",
                escape_attr(t.id.as_str()),
                escape_attr(&t.colour)
            ),
            None => format!(
                "<span class=\"badge badge-{}\">{name}</span>",
                escape_attr(winner.as_str())
            ),
        }
    }

    fn names(&self) -> String {
        let names: Vec<&str> = self
            .guide
            .technologies
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        match names.as_slice() {
            [a, b] => format!("{a} and {b}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        }
    }

    fn table(&mut self) -> Result<(), String> {
        let g = self.guide;
        if g.criteria.is_empty() {
            return Err(format!("guide `{}` has no criteria.yaml entries", g.id));
        }
        let names = escape_attr(&self.names());
        self.push(&format!(
            "<div class=\"table-scroll comparison\" role=\"region\" aria-label=\"Comparison of {names}\" tabindex=\"0\">\n<table>\n<caption>Quick comparison of {}</caption>\n<thead><tr><th scope=\"col\">Category</th>",
            escape_text(&self.names())
        ));
        for t in &g.technologies {
            self.push(&format!("<th scope=\"col\">{}</th>", escape_text(&t.name)));
        }
        self.push("<th scope=\"col\">Edge</th></tr></thead>\n<tbody>\n");
        for c in &g.criteria {
            let category = escape_text(&c.category);
            let head = match &c.page {
                Some(p) => format!(
                    "<a href=\"{}\">{category}</a>",
                    escape_attr(&self.page_href(p)?)
                ),
                None => category,
            };
            let id = self.id_attr("criterion", c.id.as_str());
            self.push(&format!("<tr{id}><th scope=\"row\">{head}</th>"));
            for t in &g.technologies {
                let cell = c.cells.get(&t.id).map(String::as_str).unwrap_or("");
                let html = self.md(cell)?;
                self.push(&format!("<td>{html}</td>"));
            }
            let edge = match &c.winner {
                Some(w) => self.badge(w),
                None => "<span class=\"badge badge-none\">–</span>".to_string(),
            };
            self.push(&format!("<td>{edge}</td></tr>\n"));
        }
        self.push("</tbody>\n</table>\n</div>\n");
        Ok(())
    }

    fn verdict(&mut self, id: &str) -> Result<(), String> {
        let g = self.guide;
        let Some(a) = g.aspect(id) else {
            let hint = suggestion(id, g.aspects.iter().map(|a| a.id.as_str()));
            return Err(format!("guide `{}` has no aspect `{id}`{hint}", g.id));
        };
        let winner = self.badge(&a.verdict.winner);
        let reasoning = self.md(&a.verdict.reasoning)?;
        let id = self.id_attr("verdict", a.id.as_str());
        self.push(&format!(
            "<div class=\"verdict-card\"{id}>\n<p class=\"verdict-head\"><span class=\"verdict-label\">Verdict on {}:</span> {winner}</p>\n<p class=\"verdict-reasoning\">{reasoning}</p>\n<dl class=\"verdict-summary\">\n",
            escape_text(&a.title.to_lowercase())
        ));
        for t in &g.technologies {
            let s = a.summary.get(&t.id).map(String::as_str).unwrap_or("");
            let html = self.md(s)?;
            self.push(&format!(
                "<dt>{}</dt><dd>{html}</dd>\n",
                escape_text(&t.name)
            ));
        }
        self.push("</dl>\n");
        if self.page.source.file.rel != a.page {
            let href = self.page_href(&a.page)?;
            self.push(&format!(
                "<p class=\"verdict-more\"><a href=\"{}\">Read the full analysis of {}</a></p>\n",
                escape_attr(&href),
                escape_text(&a.title.to_lowercase())
            ));
        }
        if !a.sources.is_empty() {
            self.push("<p class=\"verdict-sources\">Sources: ");
            let mut items = Vec::new();
            for s in &a.sources {
                if let Some(src) = g.source(s.as_str()) {
                    items.push(source_ref(src));
                }
            }
            self.push(&items.join("; "));
            self.push(".</p>\n");
        }
        self.push("</div>\n");
        Ok(())
    }

    /// Every aspect's verdict in one short table: the answer at a glance.
    fn verdicts(&mut self) -> Result<(), String> {
        let g = self.guide;
        if g.aspects.is_empty() {
            return Err(format!("guide `{}` has no aspects.yaml entries", g.id));
        }
        self.push(&format!(
            "<div class=\"table-scroll verdicts\" role=\"region\" aria-label=\"Verdicts on {0}\" tabindex=\"0\">\n<table>\n<caption>Verdicts, aspect by aspect</caption>\n<thead><tr><th scope=\"col\">Aspect</th><th scope=\"col\">Edge</th></tr></thead>\n<tbody>\n",
            escape_attr(&self.names())
        ));
        for a in &g.aspects {
            let href = self.page_href(&a.page)?;
            let badge = self.badge(&a.verdict.winner);
            self.push(&format!(
                "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{badge}</td></tr>\n",
                escape_attr(&href),
                escape_text(&a.title)
            ));
        }
        self.push("</tbody>\n</table>\n</div>\n");
        Ok(())
    }

    fn use_cases(&mut self) -> Result<(), String> {
        let g = self.guide;
        if g.use_cases.is_empty() {
            return Err(format!("guide `{}` has no use_cases.yaml entries", g.id));
        }
        self.push("<ul class=\"use-cases\">\n");
        for u in &g.use_cases {
            let need = self.md(&u.need)?;
            let why = self.md(&u.why)?;
            let rec = self.badge(&u.recommended);
            let id = self.id_attr("use-case", u.id.as_str());
            self.push(&format!(
                "<li class=\"use-case\"{id}><p class=\"use-case-need\">{need}</p><p class=\"use-case-rec\">Recommended: {rec}</p><p class=\"use-case-why\">{why}</p>"
            ));
            if let Some(p) = &u.page {
                let (href, title) = self.page_link(p)?;
                let title = escape_text(title);
                self.push(&format!(
                    "<p class=\"use-case-more\">More: <a href=\"{}\">{title}</a></p>",
                    escape_attr(&href)
                ));
            }
            self.push("</li>\n");
        }
        self.push("</ul>\n");
        Ok(())
    }

    fn chart(&mut self, id: &str) -> Result<(), String> {
        let g = self.guide;
        let Some(b) = g.benchmark(id) else {
            let hint = suggestion(id, g.benchmarks.iter().map(|b| b.id.as_str()));
            return Err(format!(
                "guide `{}` has no benchmark dataset `{id}`{hint}",
                g.id
            ));
        };
        let better = match b.better {
            Better::Higher => "higher is better",
            Better::Lower => "lower is better",
        };
        let id = self.id_attr("benchmark", b.id.as_str());
        self.push(&format!(
            "<figure class=\"benchmark\"{id}>\n<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n<table>\n<caption>{} <span class=\"unit\">({}; {better})</span></caption>\n<thead><tr><th scope=\"col\">Series</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            escape_attr(&b.title),
            escape_text(&b.title),
            escape_text(&b.unit),
            escape_text(&capitalize(&b.unit))
        ));
        for s in &b.series {
            let tech: Option<&Technology> = g.technology(s.technology.as_str());
            let style = tech
                .map(|t| format!(" style=\"--tech: {}\"", escape_attr(&t.colour)))
                .unwrap_or_default();
            self.push(&format!(
                "<tr><th scope=\"row\"><span class=\"swatch\"{style}></span>{}</th><td class=\"num\">{}</td></tr>\n",
                escape_text(&s.label),
                format_number(s.value)
            ));
        }
        self.push("</tbody>\n</table>\n</div>\n<figcaption>\n");
        if let Some(src) = g.source(b.source.as_str()) {
            self.push(&format!(
                "<p><strong>Source:</strong> {}.</p>\n",
                source_ref(src)
            ));
        }
        let method = self.md(&b.method)?;
        let caveats = self.md(&b.caveats)?;
        self.push(&format!(
            "<p><strong>Method:</strong> {method}</p>\n<p><strong>What it does not show:</strong> {caveats}</p>\n</figcaption>\n</figure>\n"
        ));
        Ok(())
    }

    fn sources(&mut self) -> Result<(), String> {
        let g = self.guide;
        self.push("<ol class=\"sources\">\n");
        for s in &g.sources {
            let note = self.md(&s.note)?;
            let id = self.id_attr("source", s.id.as_str());
            self.push(&format!("<li{id}>{}.", source_ref(s)));
            if !note.is_empty() {
                self.push(&format!(" <span class=\"source-note\">{note}</span>"));
            }
            self.push("</li>\n");
        }
        self.push("</ol>\n");
        Ok(())
    }

    fn technologies(&mut self) -> Result<(), String> {
        let g = self.guide;
        self.push("<ul class=\"cards technologies\">\n");
        for t in &g.technologies {
            let summary = self.md(&t.summary)?;
            self.push(&format!(
                "<li class=\"card\" style=\"--tech: {}\"><p class=\"card-title\">{}</p><p>{summary}</p>",
                escape_attr(&t.colour),
                escape_text(&t.name)
            ));
            if !t.links.is_empty() {
                let links: Vec<String> = t
                    .links
                    .iter()
                    .map(|l| {
                        format!(
                            "<a href=\"{}\">{}</a>",
                            escape_attr(&l.url),
                            escape_text(&l.title)
                        )
                    })
                    .collect();
                self.push(&format!(
                    "<p class=\"card-links\">{}</p>",
                    links.join(" · ")
                ));
            }
            self.push("</li>\n");
        }
        self.push("</ul>\n");
        Ok(())
    }
}

/// "Title, Publisher, 2025" with the title linked when the source has a URL.
fn source_ref(s: &crate::model::guides::Source) -> String {
    let title = escape_text(&s.title);
    let title = if s.url.is_empty() {
        format!("<cite>{title}</cite>")
    } else {
        format!(
            "<cite><a href=\"{}\">{title}</a></cite>",
            escape_attr(&s.url)
        )
    };
    format!(
        "{title}, {}, {}",
        escape_text(&s.publisher),
        escape_text(&s.date)
    )
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Numbers as written in data: no trailing `.0`, no float noise.
fn format_number(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_written() {
        assert_eq!(format_number(1800.0), "1800");
        assert_eq!(format_number(57.9), "57.9");
        assert_eq!(format_number(66.0), "66");
        assert_eq!(format_number(0.125), "0.125");
    }
}
