//! What the embed templates (`embeds/<kind>.html` in the theme) receive as
//! `embed`: values already computed for the page the embed is on. Hrefs are
//! relative to that page; `*_html` fields are inline Markdown rendered to
//! trusted HTML (output them with `| safe`); an `id` is `None` when the page
//! already uses that element id; numbers are formatted as written in data.

use serde::Serialize;

/// Who has the edge: a technology (its id, name and colour) or a kind of
/// outcome (`tie`, `depends`; for a use case `either` or `technologies`)
/// with its display name.
#[derive(Serialize, Clone)]
pub struct BadgeView {
    pub name: String,
    /// The technology's id, when the winner is one.
    pub technology: Option<String>,
    /// The technology's colour (a CSS colour), when the winner is one.
    pub colour: Option<String>,
    /// `tie`, `depends`, `either`, `technologies` (several), or the
    /// technology's id.
    pub kind: String,
}

/// A cited source: "Title, Publisher, Date", the title linked when `url`
/// is not empty.
#[derive(Serialize)]
pub struct SourceView {
    pub id: String,
    pub title: String,
    pub url: String,
    pub publisher: String,
    pub date: String,
}

/// A link to another page of the site.
#[derive(Serialize)]
pub struct PageLinkView {
    pub href: String,
    pub title: String,
}

/// A technology's id, name and colour.
#[derive(Serialize)]
pub struct TechView {
    pub id: String,
    pub name: String,
    pub colour: String,
}

/// `table: true`.
#[derive(Serialize)]
pub struct TableView {
    /// "A and B", "A, B, and C".
    pub names: String,
    pub technologies: Vec<TechView>,
    /// How many columns the table has: the row names, one per technology,
    /// the edge (for a group heading's `colspan`).
    pub columns: usize,
    /// Every row shown, in the order shown (group by group).
    pub rows: Vec<CriterionRow>,
    /// The rows under their group headings, groups in the order they first
    /// appear; one group with no name when the guide does not group its
    /// criteria.
    pub groups: Vec<RowGroup>,
}

#[derive(Serialize)]
pub struct RowGroup {
    pub name: Option<String>,
    pub rows: Vec<CriterionRow>,
}

#[derive(Serialize, Clone)]
pub struct CriterionRow {
    pub id: Option<String>,
    /// The row's label.
    pub name: String,
    /// The same label under its old name, for embed templates written
    /// before `name`.
    pub category: String,
    pub group: Option<String>,
    /// The criterion's page, when it has one.
    pub href: Option<String>,
    /// One cell per technology, in the order of `technologies`.
    pub cells_html: Vec<String>,
    /// `None` when the criterion names no winner.
    pub edge: Option<BadgeView>,
}

/// `verdict: <aspect>`.
#[derive(Serialize)]
pub struct VerdictView {
    pub id: Option<String>,
    pub aspect: String,
    pub title: String,
    /// The title in lower case, as used in running text.
    pub title_lower: String,
    pub winner: BadgeView,
    pub reasoning_html: String,
    pub summary: Vec<SummaryItem>,
    /// The aspect's page, unless the embed is on it.
    pub more_href: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Serialize)]
pub struct SummaryItem {
    pub technology: TechView,
    pub html: String,
}

/// `verdicts: true`.
#[derive(Serialize)]
pub struct VerdictsView {
    pub names: String,
    pub rows: Vec<VerdictRow>,
}

#[derive(Serialize)]
pub struct VerdictRow {
    pub aspect: String,
    pub title: String,
    pub href: String,
    pub winner: BadgeView,
}

/// `use-cases: true`.
#[derive(Serialize)]
pub struct UseCasesView {
    pub items: Vec<UseCaseItem>,
}

#[derive(Serialize)]
pub struct UseCaseItem {
    pub id: Option<String>,
    pub need_html: String,
    pub why_html: String,
    /// The whole recommendation as one badge, its name a phrase: "Node.js",
    /// "RabbitMQ or NATS", "Either", "Any of them".
    pub recommended: BadgeView,
    /// A badge per recommended technology, in the order written (empty for
    /// `either`).
    pub recommended_technologies: Vec<BadgeView>,
    pub more: Option<PageLinkView>,
}

/// `chart: <dataset>`.
#[derive(Serialize)]
pub struct ChartView {
    pub id: Option<String>,
    pub dataset: String,
    pub title: String,
    /// The values' unit, as written.
    pub unit: String,
    /// `higher is better` or `lower is better`.
    pub better: &'static str,
    /// `bar`, `grouped`, `line`, or `table` (the embed asked for the table
    /// alone).
    pub kind: &'static str,
    /// The chart: trusted SVG markup (empty for `table`).
    pub svg: String,
    /// The same numbers as a table.
    pub table: ChartTable,
    pub source: Option<SourceView>,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `unknown`.
    pub date: String,
    pub verified: bool,
    pub method_html: String,
    pub not_shown_html: String,
    pub environment: Option<EnvironmentView>,
    /// Technologies of the guide with no numbers in this dataset.
    pub not_measured: Vec<String>,
}

#[derive(Serialize)]
pub struct ChartTable {
    /// Column headings after the first (the series or x column).
    pub first: String,
    pub columns: Vec<String>,
    pub rows: Vec<ChartRow>,
}

#[derive(Serialize)]
pub struct ChartRow {
    pub label: String,
    /// The series' technology colour, for a swatch (none for x rows).
    pub colour: Option<String>,
    /// Formatted numbers, or `not measured`.
    pub cells: Vec<String>,
}

#[derive(Serialize)]
pub struct EnvironmentView {
    pub machine: String,
    pub versions: String,
    pub command: String,
}

/// `sources: true`.
#[derive(Serialize)]
pub struct SourcesView {
    pub items: Vec<SourceItem>,
}

#[derive(Serialize)]
pub struct SourceItem {
    pub id: Option<String>,
    pub source: SourceView,
    /// Empty when the source has no note.
    pub note_html: String,
}

/// `technologies: true`.
#[derive(Serialize)]
pub struct TechnologiesView {
    pub items: Vec<TechnologyCard>,
}

#[derive(Serialize)]
pub struct TechnologyCard {
    pub technology: TechView,
    pub summary_html: String,
    pub links: Vec<PageLinkView>,
}

/// `decide: true` (the guide's questionnaire) or `decide: weights` (how
/// much each aspect matters, scored from the verdicts). Both draw the same
/// widget; `model_json` is what `js/decide.js` reads, already safe to place
/// inside `<script type="application/json">`.
#[derive(Serialize)]
pub struct DecideView {
    pub id: Option<String>,
    /// `questions` or `weights`.
    pub mode: &'static str,
    /// The prefix of this widget's query-string keys: `d` or `w`, followed
    /// by `.<guide>` on a site with several guides.
    pub param: String,
    pub intro_html: String,
    pub technologies: Vec<TechView>,
    pub questions: Vec<QuestionView>,
    /// Points within which the top two are too close to call, as written.
    pub close_margin: String,
    pub model_json: String,
}

#[derive(Serialize)]
pub struct QuestionView {
    pub id: String,
    /// The form control's name: `d.<question>` or `w.<aspect>`.
    pub name: String,
    pub text: String,
    pub help_html: String,
    pub multiple: bool,
    pub answers: Vec<AnswerView>,
    /// For an aspect ("weigh what matters"): its verdict, reasoning (trusted
    /// HTML) and page.
    pub verdict: Option<BadgeView>,
    pub reason_html: String,
    pub more_href: Option<String>,
}

#[derive(Serialize)]
pub struct AnswerView {
    pub id: String,
    pub label: String,
    /// Checked when nothing is chosen yet (the "no answer" or "not at all"
    /// choice).
    pub default: bool,
    /// Which way it leans: the technologies it gives points, in guide order.
    pub lean: Vec<LeanView>,
    /// Why, as trusted HTML (empty for "weigh what matters").
    pub reason_html: String,
}

#[derive(Serialize)]
pub struct LeanView {
    pub technology: TechView,
    /// `+2`, `−1`, `+0.5`.
    pub points: String,
}
