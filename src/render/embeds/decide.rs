//! The decision helper's embed: `decide: true` draws the guide's
//! questionnaire (`decision.yaml`), `decide: weights` asks how much each
//! aspect matters and scores the technologies from the aspects' verdicts.
//! Both give the same view: the form, drawn at build time so that without
//! JavaScript each answer still shows which way it leans and why, and the
//! model `js/decide.js` scores, as JSON built from the typed guide.

use serde::Serialize;

use super::Writer;
use super::tech_view;
use super::views::{AnswerView, DecideView, LeanView, QuestionView};
use crate::model::guides::{Decision, Guide, WEIGH_CLOSE_MARGIN, WEIGH_LEVELS, aspect_scores};
use crate::render::chart::scale::number;

/// What the browser scores: ids, plain-text labels and points only. Reasons
/// stay in the page's HTML, where the script finds them by question and
/// answer id, so nothing from YAML is ever parsed as HTML in the browser.
#[derive(Serialize)]
struct Model<'a> {
    mode: &'a str,
    param: String,
    margin: f64,
    technologies: Vec<ModelTech<'a>>,
    questions: Vec<ModelQuestion<'a>>,
}

#[derive(Serialize)]
struct ModelTech<'a> {
    id: &'a str,
    name: &'a str,
    colour: &'a str,
}

#[derive(Serialize)]
struct ModelQuestion<'a> {
    id: &'a str,
    text: &'a str,
    multiple: bool,
    answers: Vec<ModelAnswer<'a>>,
}

#[derive(Serialize)]
struct ModelAnswer<'a> {
    id: &'a str,
    label: &'a str,
    /// Points per technology, in the order of `technologies`.
    points: Vec<f64>,
}

/// The key prefix of each widget in the query string: `?d.workload=io` for
/// the questionnaire, `?w.speed=lots` for the aspect weights; on a site with
/// several guides the guide's id follows (`?d.brokers.workload=io`), so two
/// guides' helpers on one page keep their answers apart. Ids are slugs (no
/// dots), so a key can never be mistaken for another widget's.
const QUESTIONS_PARAM: &str = "d";
const WEIGHTS_PARAM: &str = "w";

impl Writer<'_> {
    fn param(&self, kind: &str) -> String {
        if self.site.guides.list.len() > 1 {
            format!("{kind}.{}", self.guide.id)
        } else {
            kind.to_string()
        }
    }
}

impl Writer<'_> {
    pub(super) fn decide_questions(&mut self) -> Result<DecideView, String> {
        let g = self.guide;
        let Some(d) = &g.decision else {
            return Err(format!(
                "guide `{}` has no decision.yaml: add content/data/guides/{}/decision.yaml, or use `decide: weights` to weigh its aspects",
                g.id, g.id
            ));
        };
        let param = self.param(QUESTIONS_PARAM);
        let mut questions = Vec::new();
        for q in &d.questions {
            let mut answers = Vec::new();
            for a in &q.answers {
                let points: Vec<f64> = g
                    .technologies
                    .iter()
                    .map(|t| a.weight(t.id.as_str()))
                    .collect();
                answers.push(AnswerView {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    default: false,
                    lean: lean(g, &points),
                    reason_html: self.md(&a.reason)?,
                });
            }
            if !q.multiple {
                answers.push(AnswerView {
                    id: String::new(),
                    label: "No answer".into(),
                    default: true,
                    lean: Vec::new(),
                    reason_html: String::new(),
                });
            }
            questions.push(QuestionView {
                id: q.id.clone(),
                name: format!("{param}.{}", q.id),
                text: q.question.clone(),
                help_html: self.md(&q.help)?,
                multiple: q.multiple,
                answers,
                verdict: None,
                reason_html: String::new(),
                more_href: None,
            });
        }
        let model = questions_model(g, d, param.clone());
        Ok(DecideView {
            id: self.element_id("decide", g.id.as_str()),
            mode: "questions",
            param,
            intro_html: self.md(&d.intro)?,
            technologies: g.technologies.iter().map(tech_view).collect(),
            questions,
            close_margin: number(d.close_margin),
            model_json: script_json(&model),
        })
    }

    pub(super) fn decide_weights(&mut self) -> Result<DecideView, String> {
        let g = self.guide;
        if g.aspects.is_empty() {
            return Err(format!(
                "guide `{}` has no aspects.yaml entries to weigh",
                g.id
            ));
        }
        if g.aspects
            .iter()
            .all(|a| aspect_scores(g, a).iter().all(|s| *s == 0.0))
        {
            return Err(format!(
                "guide `{}` has nothing to weigh: every aspect's verdict is `depends`, with no `scores`",
                g.id
            ));
        }
        let param = self.param(WEIGHTS_PARAM);
        let mut questions = Vec::new();
        let mut model_questions = Vec::new();
        for a in &g.aspects {
            let scores = aspect_scores(g, a);
            let mut answers = Vec::new();
            let mut model_answers = Vec::new();
            for (id, label, level) in WEIGH_LEVELS {
                let points: Vec<f64> = scores.iter().map(|s| s * level).collect();
                answers.push(AnswerView {
                    id: id.into(),
                    label: label.into(),
                    default: level == 0.0,
                    lean: lean(g, &points),
                    reason_html: String::new(),
                });
                model_answers.push(ModelAnswer { id, label, points });
            }
            questions.push(QuestionView {
                id: a.id.as_str().to_string(),
                name: format!("{param}.{}", a.id),
                text: a.title.clone(),
                help_html: String::new(),
                multiple: false,
                answers,
                verdict: Some(self.badge(&a.verdict.winner)),
                reason_html: self.md(&a.verdict.reasoning)?,
                more_href: Some(self.page_href(&a.page)?),
            });
            model_questions.push(ModelQuestion {
                id: a.id.as_str(),
                text: &a.title,
                multiple: false,
                answers: model_answers,
            });
        }
        let model = Model {
            mode: "weights",
            param: param.clone(),
            margin: WEIGH_CLOSE_MARGIN,
            technologies: model_techs(g),
            questions: model_questions,
        };
        Ok(DecideView {
            id: self.element_id("weigh", g.id.as_str()),
            mode: "weights",
            param,
            intro_html: String::new(),
            technologies: g.technologies.iter().map(tech_view).collect(),
            questions,
            close_margin: number(WEIGH_CLOSE_MARGIN),
            model_json: script_json(&model),
        })
    }
}

fn model_techs(g: &Guide) -> Vec<ModelTech<'_>> {
    g.technologies
        .iter()
        .map(|t| ModelTech {
            id: t.id.as_str(),
            name: &t.name,
            colour: &t.colour,
        })
        .collect()
}

fn questions_model<'g>(g: &'g Guide, d: &'g Decision, param: String) -> Model<'g> {
    Model {
        mode: "questions",
        param,
        margin: d.close_margin,
        technologies: model_techs(g),
        questions: d
            .questions
            .iter()
            .map(|q| ModelQuestion {
                id: &q.id,
                text: &q.question,
                multiple: q.multiple,
                answers: q
                    .answers
                    .iter()
                    .map(|a| ModelAnswer {
                        id: &a.id,
                        label: &a.label,
                        points: g
                            .technologies
                            .iter()
                            .map(|t| a.weight(t.id.as_str()))
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The technologies an answer gives points to (or takes them from), with
/// the points signed: `+2`, `−1`.
fn lean(g: &Guide, points: &[f64]) -> Vec<LeanView> {
    g.technologies
        .iter()
        .zip(points)
        .filter(|(_, p)| **p != 0.0)
        .map(|(t, p)| LeanView {
            technology: tech_view(t),
            points: if *p > 0.0 {
                format!("+{}", number(*p))
            } else {
                format!("\u{2212}{}", number(-*p))
            },
        })
        .collect()
}

/// JSON that cannot end its `<script>` element or open a comment in it:
/// `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`.
fn script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("the model serialises");
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::script_json;

    #[test]
    fn json_in_a_script_element_cannot_close_it() {
        let j = script_json(&"</script><!-- a & b >");
        assert!(!j.contains('<') && !j.contains('>') && !j.contains('&'));
        let back: String = serde_json::from_str(&j).unwrap();
        assert_eq!(back, "</script><!-- a & b >");
    }
}
