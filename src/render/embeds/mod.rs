//! Embeds: the reserved ```` ```verdict ```` fenced block, whose small YAML
//! body names what to put into a page: `table: true` (the comparison table,
//! or the rows of `criteria: [ids]` or `group: <name>`), `verdict: <aspect>`
//! (a verdict card), `use-cases: true` (or `[ids]`), `chart: <dataset>`
//! (the dataset's figure: for now its data table with provenance),
//! `verdicts: true` (every aspect's verdict in one table), `sources: true`
//! and `technologies: true`. `guide: <id>` picks the guide
//! when a site has several.
//!
//! In: the block's text and place, the page and the site. Out: plain HTML
//! that needs no JavaScript. The markup lives in the theme, in
//! `templates/embeds/<kind>.html` (`table`, `verdict`, `verdicts`,
//! `use-cases`, `chart`, `sources`, `technologies`), so a theme can restyle
//! it; this module builds the views those templates get as `embed` (see
//! [`views`]): hrefs relative to the page, winner badges, inline Markdown
//! already rendered to HTML, element ids not yet used on the page, formatted
//! numbers. Every other text from YAML is escaped by the template. An embed
//! naming something that does not exist is an error at its file:line:col; a
//! template error is reported at the template's line.

use std::collections::{BTreeSet, HashSet};

use tera::Context;

use super::RenderCx;
use super::inline;
use super::links::{Linked, yaml_href};
use crate::diag::{Code, Diagnostic, Diagnostics, suggestion};
use crate::model::guides::{
    Criterion, Guide, GuideId, Recommended, Source, Technology, UseCase, Winner,
};
use crate::model::page::Page;
use crate::model::site::Site;
use crate::source::yaml::YamlDoc;

mod chart;
mod decide;
mod spec;
mod subset;
mod views;

#[cfg(test)]
pub(crate) use spec::KEYS as SPEC_KEYS;
use spec::{DecideSpec, Spec, UseCasesSpec};

use views::{
    BadgeView, CriterionRow, PageLinkView, RowGroup, SourceItem, SourceView, SourcesView,
    SummaryItem, TableView, TechView, TechnologiesView, TechnologyCard, UseCaseItem, UseCasesView,
    VerdictRow, VerdictView, VerdictsView,
};

/// What an embed adds to its page besides HTML: the pages it links to, the
/// guide it reads, the element ids it takes and the template it renders.
pub struct EmbedOut<'a> {
    pub linked: &'a mut Linked,
    pub guides: &'a mut BTreeSet<GuideId>,
    pub ids: &'a mut HashSet<String>,
    pub templates: &'a mut BTreeSet<String>,
    /// Set when the block named no `guide:` and the only guide was used.
    pub unnamed_guide: &'a mut bool,
}

enum Kind<'s> {
    Table,
    Verdict(&'s str),
    /// Every use case, or those listed.
    UseCases(Option<&'s [String]>),
    Chart(&'s str),
    Sources,
    Technologies,
    Verdicts,
    Decide,
    Weigh,
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
) -> Result<String, Diagnostics> {
    let site = cx.site;
    let spec = Spec::read(doc)?;
    let mut kinds: Vec<(&str, Kind)> = Vec::new();
    if spec.table == Some(true) {
        kinds.push(("table", Kind::Table));
    }
    if let Some(v) = &spec.verdict {
        kinds.push(("verdict", Kind::Verdict(v)));
    }
    match &spec.use_cases {
        None | Some(UseCasesSpec::Flag(false)) => {}
        Some(UseCasesSpec::Flag(true)) => kinds.push(("use-cases", Kind::UseCases(None))),
        Some(UseCasesSpec::Ids(ids)) => kinds.push(("use-cases", Kind::UseCases(Some(ids)))),
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
    match &spec.decide {
        None | Some(DecideSpec::Flag(false)) => {}
        Some(DecideSpec::Flag(true)) => kinds.push(("decide", Kind::Decide)),
        Some(DecideSpec::Mode(m)) if m == "weights" => kinds.push(("decide", Kind::Weigh)),
        Some(DecideSpec::Mode(m)) => {
            return Err(doc.error_at(
                Code::Embed,
                "decide",
                format!("`decide: {m}`: write `decide: true` for the guide's questionnaire (decision.yaml) or `decide: weights` to weigh its aspects"),
            ).into());
        }
    }
    let (key, kind) = match kinds.len() {
        1 => kinds.pop().expect("one kind"),
        0 => {
            return Err(doc.error_at(
                Code::Embed, "",
                "an embed names one thing to show: table: true, verdict: <aspect>, verdicts: true, use-cases: true, chart: <dataset>, sources: true, technologies: true, decide: true or decide: weights",
            ).into());
        }
        _ => {
            let names: Vec<&str> = kinds.iter().map(|(k, _)| *k).collect();
            return Err(doc
                .error_at(
                    Code::Embed,
                    names[1],
                    format!(
                        "one embed per block; this one names {}",
                        names.join(" and ")
                    ),
                )
                .into());
        }
    };
    for (field, given, with, fits) in [
        (
            "kind",
            spec.kind.is_some(),
            "`chart:`",
            matches!(kind, Kind::Chart(_)),
        ),
        (
            "title",
            spec.title.is_some(),
            "`chart:`",
            matches!(kind, Kind::Chart(_)),
        ),
        (
            "criteria",
            spec.criteria.is_some(),
            "`table: true`",
            matches!(kind, Kind::Table),
        ),
        (
            "group",
            spec.group.is_some(),
            "`table: true`",
            matches!(kind, Kind::Table),
        ),
    ] {
        if given && !fits {
            return Err(doc
                .error_at(
                    Code::Embed,
                    field,
                    format!("`{field}` goes with {with} only"),
                )
                .into());
        }
    }
    *out.unnamed_guide |= spec.guide.is_none();
    let guide = pick_guide(doc, spec.guide.as_deref(), site)?;
    out.guides.insert(guide.id.clone());
    let mut w = Writer {
        guide,
        page,
        site,
        linked: out.linked,
        ids: out.ids,
    };
    let place = |m: String| Diagnostics::from(doc.error_at(Code::Embed, key, m));
    let mut ctx = Context::new();
    ctx.insert("route", page.route.as_str());
    match kind {
        Kind::Table => {
            let rows =
                subset::criteria(doc, guide, spec.criteria.as_deref(), spec.group.as_deref())?;
            ctx.insert("embed", &w.table(&rows).map_err(place)?)
        }
        Kind::Verdict(id) => ctx.insert("embed", &w.verdict(id).map_err(place)?),
        Kind::UseCases(ids) => {
            let items = subset::use_cases(doc, guide, ids)?;
            ctx.insert("embed", &w.use_cases(&items).map_err(place)?)
        }
        Kind::Chart(id) => {
            let opts = chart::ChartOptions {
                kind: spec.kind.as_deref(),
                title: spec.title.as_deref(),
            };
            ctx.insert("embed", &w.chart(id, &opts).map_err(place)?)
        }
        Kind::Sources => ctx.insert("embed", &w.sources().map_err(place)?),
        Kind::Technologies => ctx.insert("embed", &w.technologies().map_err(place)?),
        Kind::Verdicts => ctx.insert("embed", &w.verdicts().map_err(place)?),
        Kind::Decide => ctx.insert("embed", &w.decide_questions().map_err(place)?),
        Kind::Weigh => ctx.insert("embed", &w.decide_weights().map_err(place)?),
    }
    let template = format!("embeds/{key}.html");
    if !cx.templates.has(&template) {
        return Err(doc
            .error_at(
                Code::Embed,
                key,
                format!(
                    "the theme has no template `{template}`: add it, or extend the default theme"
                ),
            )
            .into());
    }
    out.templates.insert(template.clone());
    cx.templates
        .render(&template, &ctx)
        .map_err(Diagnostics::from)
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
    linked: &'a mut Linked,
    ids: &'a mut HashSet<String>,
}

impl Writer<'_> {
    /// Inline Markdown from YAML, for this page. Links were checked when
    /// the guide loaded, so an error here would be a bug; it is still reported.
    fn md(&mut self, text: &str) -> Result<String, String> {
        inline::render(text, &self.page.route, self.site, self.linked)
    }

    /// The href of the page at `rel` and its title.
    fn page_link(&mut self, rel: &str) -> Result<PageLinkView, String> {
        let site = self.site;
        let id = site.index.find(rel)?;
        self.linked.pages.insert(id);
        let page = &site.pages[id];
        Ok(PageLinkView {
            href: site.urls().href(&self.page.route, &page.route, None),
            title: page.title().to_string(),
        })
    }

    fn page_href(&mut self, rel: &str) -> Result<String, String> {
        self.page_link(rel).map(|l| l.href)
    }

    /// The element id `prefix-id`, or `None` when the page already uses it.
    fn element_id(&mut self, prefix: &str, id: &str) -> Option<String> {
        let id = format!("{prefix}-{id}");
        self.ids.insert(id.clone()).then_some(id)
    }

    /// A winner's name, with its technology's id and colour when it is one.
    fn badge(&self, winner: &Winner) -> BadgeView {
        let tech = winner
            .technology()
            .and_then(|t| self.guide.technology(t.as_str()));
        BadgeView {
            name: self.guide.winner_name(winner),
            technology: tech.map(|t| t.id.as_str().to_string()),
            colour: tech.map(|t| t.colour.clone()),
            kind: winner.as_str().to_string(),
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

    /// The comparison table of `criteria` (every row, or the embed's
    /// subset): rows under their group headings, groups in the order they
    /// first appear.
    fn table(&mut self, criteria: &[&Criterion]) -> Result<TableView, String> {
        let g = self.guide;
        if criteria.is_empty() {
            return Err(format!("guide `{}` has no criteria.yaml entries", g.id));
        }
        let mut groups: Vec<RowGroup> = Vec::new();
        for c in criteria {
            let href = match &c.page {
                Some(p) => Some(self.page_href(p)?),
                None => None,
            };
            let id = self.element_id("criterion", c.id.as_str());
            let mut cells_html = Vec::new();
            for t in &g.technologies {
                let cell = c.cells.get(&t.id).map(String::as_str).unwrap_or("");
                cells_html.push(self.md(cell)?);
            }
            let row = CriterionRow {
                id,
                name: c.name.clone(),
                category: c.name.clone(),
                group: c.group.clone(),
                href,
                cells_html,
                edge: c.winner.as_ref().map(|w| self.badge(w)),
            };
            match groups.iter_mut().find(|g| g.name == c.group) {
                Some(group) => group.rows.push(row),
                None => groups.push(RowGroup {
                    name: c.group.clone(),
                    rows: vec![row],
                }),
            }
        }
        Ok(TableView {
            names: self.names(),
            technologies: g.technologies.iter().map(tech_view).collect(),
            columns: g.technologies.len() + 2,
            rows: groups.iter().flat_map(|g| g.rows.iter().cloned()).collect(),
            groups,
        })
    }

    fn verdict(&mut self, id: &str) -> Result<VerdictView, String> {
        let g = self.guide;
        let Some(a) = g.aspect(id) else {
            let hint = if g.aspects.is_empty() {
                " (it has no aspects.yaml entries)".to_string()
            } else {
                suggestion(id, g.aspects.iter().map(|a| a.id.as_str()))
            };
            return Err(format!("guide `{}` has no aspect `{id}`{hint}", g.id));
        };
        let winner = self.badge(&a.verdict.winner);
        let reasoning_html = self.md(&a.verdict.reasoning)?;
        let id = self.element_id("verdict", a.id.as_str());
        let mut summary = Vec::new();
        for t in &g.technologies {
            let s = a.summary.get(&t.id).map(String::as_str).unwrap_or("");
            summary.push(SummaryItem {
                technology: tech_view(t),
                html: self.md(s)?,
            });
        }
        let more_href = if self.page.source.file.rel != a.page {
            Some(self.page_href(&a.page)?)
        } else {
            None
        };
        Ok(VerdictView {
            id,
            aspect: a.id.as_str().to_string(),
            title: a.title.clone(),
            title_lower: a.title.to_lowercase(),
            winner,
            reasoning_html,
            summary,
            more_href,
            sources: a
                .sources
                .iter()
                .filter_map(|s| g.source(s.as_str()))
                .map(|s| self.source_view(s))
                .collect(),
        })
    }

    /// Every aspect's verdict in one short table: the answer at a glance.
    fn verdicts(&mut self) -> Result<VerdictsView, String> {
        let g = self.guide;
        if g.aspects.is_empty() {
            return Err(format!("guide `{}` has no aspects.yaml entries", g.id));
        }
        let mut rows = Vec::new();
        for a in &g.aspects {
            rows.push(VerdictRow {
                aspect: a.id.as_str().to_string(),
                title: a.title.clone(),
                href: self.page_href(&a.page)?,
                winner: self.badge(&a.verdict.winner),
            });
        }
        Ok(VerdictsView {
            names: self.names(),
            rows,
        })
    }

    fn use_cases(&mut self, use_cases: &[&UseCase]) -> Result<UseCasesView, String> {
        let g = self.guide;
        if use_cases.is_empty() {
            return Err(format!("guide `{}` has no use_cases.yaml entries", g.id));
        }
        let mut items = Vec::new();
        for u in use_cases {
            let need_html = self.md(&u.need)?;
            let why_html = self.md(&u.why)?;
            let id = self.element_id("use-case", u.id.as_str());
            let more = match &u.page {
                Some(p) => Some(self.page_link(p)?),
                None => None,
            };
            items.push(UseCaseItem {
                id,
                need_html,
                why_html,
                recommended: self.recommendation(&u.recommended),
                recommended_technologies: match &u.recommended {
                    Recommended::Technologies(ids) => ids
                        .iter()
                        .map(|t| self.badge(&Winner::Technology(t.clone())))
                        .collect(),
                    Recommended::Either => Vec::new(),
                },
                more,
            });
        }
        Ok(UseCasesView { items })
    }

    /// A use case's recommendation as one badge: its name reads as a
    /// phrase ("RabbitMQ or NATS"); a single technology brings its id and
    /// colour.
    fn recommendation(&self, recommended: &Recommended) -> BadgeView {
        let name = self.guide.recommended_name(recommended);
        match recommended {
            Recommended::Technologies(ids) if ids.len() == 1 => BadgeView {
                name,
                ..self.badge(&Winner::Technology(ids[0].clone()))
            },
            Recommended::Technologies(_) => BadgeView {
                name,
                technology: None,
                colour: None,
                kind: "technologies".into(),
            },
            Recommended::Either => BadgeView {
                name,
                technology: None,
                colour: None,
                kind: Recommended::EITHER.into(),
            },
        }
    }

    fn sources(&mut self) -> Result<SourcesView, String> {
        let g = self.guide;
        let mut items = Vec::new();
        for s in &g.sources {
            let note_html = self.md(&s.note)?;
            let id = self.element_id("source", s.id.as_str());
            items.push(SourceItem {
                id,
                source: self.source_view(s),
                note_html,
            });
        }
        Ok(SourcesView { items })
    }

    fn source_view(&self, s: &Source) -> SourceView {
        let url = if s.url.is_empty() {
            String::new()
        } else {
            yaml_href(self.site.urls(), &self.site.index, &self.page.route, &s.url)
        };
        SourceView {
            id: s.id.as_str().to_string(),
            title: s.title.clone(),
            url,
            publisher: s.publisher.clone(),
            date: s.date.clone(),
        }
    }

    fn technologies(&mut self) -> Result<TechnologiesView, String> {
        let g = self.guide;
        let mut items = Vec::new();
        for t in &g.technologies {
            items.push(TechnologyCard {
                technology: tech_view(t),
                summary_html: self.md(&t.summary)?,
                links: t
                    .links
                    .iter()
                    .map(|l| PageLinkView {
                        href: yaml_href(
                            self.site.urls(),
                            &self.site.index,
                            &self.page.route,
                            &l.url,
                        ),
                        title: l.title.clone(),
                    })
                    .collect(),
            });
        }
        Ok(TechnologiesView { items })
    }
}

fn tech_view(t: &Technology) -> TechView {
    TechView {
        id: t.id.as_str().to_string(),
        name: t.name.clone(),
        colour: t.colour.clone(),
    }
}
