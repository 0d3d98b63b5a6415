//! Regression tests for the build-time SVG charts from an attack on the
//! `chart:` embed: each test names the defect it pins down, and failed
//! before its fix.

mod common;

use common::live::live;
use common::{Site, bundled, fixture};

const CHAR: f64 = 6.6; // the renderer's own estimate of a character's advance

fn dataset(id: &str, head: &str, series: &str) -> String {
    format!(
        "- id: {id}\n  title: \"T\"\n  better: higher\n{head}  series:\n{series}\n  source: fixture\n  date: \"2026\"\n  method: \"m\"\n  not_shown: \"n\"\n"
    )
}

/// The charts fixture with `benchmarks.yaml` replaced and a page embedding
/// each dataset; returns the site and the build's result.
fn site_with(datasets: &[(&str, String)], techs: Option<&str>) -> (Site, common::Run) {
    let site = fixture("charts");
    let yaml: String = datasets.iter().map(|(_, d)| d.as_str()).collect();
    site.write("content/data/guides/dbs/benchmarks.yaml", &yaml);
    if let Some(t) = techs {
        site.write("content/data/guides/dbs/technologies.yaml", t);
    }
    let mut page = String::from("---\ntitle: Attack\ndescription: d\n---\n\n");
    for (id, _) in datasets {
        page += &format!("## {id}\n\n```verdict\nchart: {id}\n```\n\n");
    }
    site.write("content/_index.md", &page);
    let run = site.build(&[]);
    (site, run)
}

fn charts(html: &str) -> Vec<String> {
    html.split("<svg class=\"chart ")
        .skip(1)
        .map(|rest| {
            format!(
                "<svg class=\"chart {}",
                &rest[..rest.find("</svg>").unwrap() + 6]
            )
        })
        .collect()
}

fn attr(el: &str, name: &str) -> Option<String> {
    let start = el.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(el[start..start + el[start..].find('"')?].to_string())
}

fn num(el: &str, name: &str) -> Option<f64> {
    attr(el, name)?.parse().ok()
}

struct Text {
    x0: f64,
    x1: f64,
    y: f64,
    class: String,
    text: String,
}

fn texts(svg: &str) -> Vec<Text> {
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            let open = format!(" {}", &t[..t.find('>').unwrap()]);
            let text = t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            let x = num(&open, "x").unwrap();
            let w = text.chars().count() as f64 * CHAR;
            let x0 = match attr(&open, "text-anchor").as_deref() {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            Text {
                x0,
                x1: x0 + w,
                y: num(&open, "y").unwrap(),
                class: attr(&open, "class").unwrap_or_default(),
                text,
            }
        })
        .collect()
}

fn elements(svg: &str, tag: &str) -> Vec<String> {
    svg.split(&format!("<{tag} "))
        .skip(1)
        .map(|r| format!(" {}", &r[..r.find("/>").unwrap()]))
        .collect()
}

fn view_height(svg: &str) -> f64 {
    let vb = attr(svg, "viewBox").unwrap();
    vb.split(' ').nth(3).unwrap().parse().unwrap()
}

/// Parses a label printed by `number()` ("1,000", "−3", "0.25").
fn parse_label(s: &str) -> f64 {
    s.replace(',', "").replace('\u{2212}', "-").parse().unwrap()
}

fn page(site: &Site) -> String {
    site.read("index.html")
}

/// Values below 0.005 print as "0": a bar of 0.004 is labelled 0, and every
/// tick of its axis reads 0 (0, 0, 0, 0, 0). The chart contradicts its data.
#[test]
fn small_values_are_not_printed_as_zero() {
    let (site, run) = site_with(
        &[(
            "small",
            dataset(
                "small",
                "  unit: \"s\"\n",
                "    - { technology: postgres, label: A, value: 0.004 }\n    - { technology: mysql, label: B, value: 0.001 }",
            ),
        )],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = &charts(&page(&site))[0];
    let ts = texts(svg);
    let values: Vec<&str> = ts
        .iter()
        .filter(|t| t.class == "chart-value")
        .map(|t| t.text.as_str())
        .collect();
    assert!(
        values.iter().all(|v| *v != "0"),
        "non-zero values labelled 0: {values:?}"
    );
    let mut ticks: Vec<&str> = ts
        .iter()
        .filter(|t| t.class == "chart-tick")
        .map(|t| t.text.as_str())
        .collect();
    let n = ticks.len();
    ticks.dedup();
    assert_eq!(ticks.len(), n, "tick labels repeat: {ticks:?}");
}

/// Line charts accept y below zero (only bars are checked), and draw those
/// points below the zero axis, outside the plot and even outside the
/// viewBox. Either reject them like bars, or extend the axis.
#[test]
fn line_points_below_zero_are_rejected_or_inside_the_plot() {
    let (site, run) = site_with(
        &[(
            "negy",
            dataset(
                "negy",
                "  unit: \"u\"\n  x: { name: \"Connections\", unit: \"connections\" }\n",
                "    - { technology: postgres, label: PG, points: [[1, -10], [2, 20], [3, -30]] }",
            ),
        )],
        None,
    );
    if run.code != 0 {
        return; // rejected: fine
    }
    let svg = &charts(&page(&site))[0];
    let axis = elements(svg, "line")
        .into_iter()
        .find(|l| l.contains("chart-axis"))
        .unwrap();
    let base = num(&axis, "y1").unwrap();
    for c in elements(svg, "circle") {
        let cy = num(&c, "cy").unwrap();
        assert!(
            cy <= base + 0.5,
            "a point is drawn below the zero axis ({cy} > {base})"
        );
    }
    for t in texts(svg) {
        assert!(
            t.y <= view_height(svg),
            "`{}` at y {} is outside the viewBox",
            t.text,
            t.y
        );
    }
}

/// Units (vertical bars, horizontal bars, lines), x-axis names and labels
/// with a long word are written on one line whatever their length, and run
/// past the 360-unit drawing on the left or right (cut at 360 px).
#[test]
fn long_units_names_and_words_stay_inside_the_drawing() {
    let unit =
        "requests per second at the median of three runs of thirty seconds each, measured with wrk";
    let (site, run) = site_with(
        &[
            (
                "vunit",
                dataset(
                    "vunit",
                    &format!("  unit: \"{unit}\"\n"),
                    "    - { technology: postgres, label: A, value: 100 }\n    - { technology: mysql, label: B, value: 50 }",
                ),
            ),
            (
                "hunit",
                dataset(
                    "hunit",
                    &format!("  unit: \"{unit}\"\n"),
                    "    - { technology: postgres, label: A long label here, value: 100 }\n    - { technology: mysql, label: B, value: 50 }",
                ),
            ),
            (
                "lunit",
                dataset(
                    "lunit",
                    &format!(
                        "  unit: \"{unit}\"\n  x: {{ name: \"Concurrent_connections_opened_by_the_load_generator_wrk_per_thread\", unit: \"c\" }}\n"
                    ),
                    "    - { technology: postgres, label: PG, points: [[1, 10], [2, 12]] }",
                ),
            ),
            (
                "word",
                dataset(
                    "word",
                    "  unit: \"u\"\n",
                    "    - { technology: postgres, label: PostgreSQL_16.4_with_pgbouncer_in_transaction_pooling_mode, value: 100 }\n    - { technology: mysql, label: B, value: 50 }",
                ),
            ),
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut bad = Vec::new();
    for (k, svg) in charts(&page(&site)).iter().enumerate() {
        for t in texts(svg) {
            if t.x0 < -0.5 || t.x1 > 360.5 {
                bad.push(format!(
                    "chart {k}: `{}` ({}) spans {:.0}..{:.0}",
                    t.text, t.class, t.x0, t.x1
                ));
            }
        }
    }
    assert!(bad.is_empty(), "text outside 0..360:\n{}", bad.join("\n"));
}

/// A linear x axis whose smallest x is below zero starts its ticks at that
/// value: −3, 17, 37, 57, 77, 97, not round numbers.
#[test]
fn linear_x_ticks_are_round_when_x_starts_below_zero() {
    let (site, run) = site_with(
        &[(
            "negx",
            dataset(
                "negx",
                "  unit: \"u\"\n  x: { name: \"Offset\", unit: \"ms\" }\n",
                "    - { technology: postgres, label: PG, points: [[-3, 10], [50, 20], [97, 30]] }",
            ),
        )],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = &charts(&page(&site))[0];
    // x tick labels are the ticks under the plot: those after the y ticks,
    // i.e. with the largest y.
    let ts = texts(svg);
    let ymax = ts
        .iter()
        .filter(|t| t.class == "chart-tick")
        .map(|t| t.y)
        .fold(0.0, f64::max);
    let xt: Vec<f64> = ts
        .iter()
        .filter(|t| t.class == "chart-tick" && t.y == ymax)
        .map(|t| parse_label(&t.text))
        .collect();
    let step = xt[1] - xt[0];
    for v in &xt {
        let r = v / step;
        assert!(
            (r - r.round()).abs() < 1e-9,
            "tick {v} is not a multiple of its step {step}: {xt:?}"
        );
    }
}

/// Last-value labels of lines that end close together are pushed down one
/// line each, with no floor: they run over the x tick labels and the axis
/// title, and out of the viewBox.
#[test]
fn line_value_labels_stay_inside_the_plot() {
    let series: Vec<String> = ["postgres", "mysql", "sqlite", "postgres", "mysql"]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!("    - {{ technology: {t}, label: S{i}, points: [[1, 500], [100, {i}]] }}")
        })
        .collect();
    let (site, run) = site_with(
        &[(
            "bottom",
            dataset(
                "bottom",
                "  unit: \"u\"\n  x: { name: \"Connections\", unit: \"connections\" }\n",
                &series.join("\n"),
            ),
        )],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = &charts(&page(&site))[0];
    let axis = elements(svg, "line")
        .into_iter()
        .find(|l| l.contains("chart-axis"))
        .unwrap();
    let base = num(&axis, "y1").unwrap();
    let below: Vec<(String, f64)> = texts(svg)
        .into_iter()
        .filter(|t| t.class == "chart-value" && t.y > base)
        .map(|t| (t.text, t.y))
        .collect();
    assert!(
        below.is_empty(),
        "value labels below the x axis at y {base}: {below:?}"
    );
}

/// The last x tick label of a line chart is centred on the plot's right
/// edge, and the room kept there is sized for the value labels only: "1,000"
/// runs past 360 when the values are short.
#[test]
fn line_x_tick_labels_stay_inside_the_drawing() {
    let (site, run) = site_with(
        &[(
            "ticks",
            dataset(
                "ticks",
                "  unit: \"u\"\n  x: { name: \"Connections\", unit: \"connections\" }\n",
                "    - { technology: postgres, label: PG, points: [[1, 10], [1000, 20]] }",
            ),
        )],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = &charts(&page(&site))[0];
    for t in texts(svg) {
        assert!(
            t.x1 <= 360.5,
            "`{}` ({}) ends at {:.1}, past 360",
            t.text,
            t.class,
            t.x1
        );
    }
}

/// Vertical bars are chosen for up to six series with labels of up to 12
/// characters, but a 12-character word needs ~79 units while a slot is ~50:
/// the labels print over each other and the last runs past 360.
#[test]
fn vertical_bar_labels_do_not_overlap() {
    let series: Vec<String> = (0..6)
        .map(|i| {
            format!(
                "    - {{ technology: postgres, label: PostgreSQL{i:02}, value: {} }}",
                100 * (i + 1)
            )
        })
        .collect();
    let (site, run) = site_with(
        &[("six", dataset("six", "  unit: \"u\"\n", &series.join("\n")))],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = &charts(&page(&site))[0];
    let labels: Vec<Text> = texts(svg)
        .into_iter()
        .filter(|t| t.class == "chart-label")
        .collect();
    for w in labels.windows(2) {
        assert!(
            w[0].y != w[1].y || w[0].x1 <= w[1].x0,
            "`{}` ({:.0}..{:.0}) overlaps `{}` ({:.0}..{:.0})",
            w[0].text,
            w[0].x0,
            w[0].x1,
            w[1].text,
            w[1].x0,
            w[1].x1
        );
    }
    for t in &labels {
        assert!(t.x1 <= 360.5, "`{}` ends at {:.0}", t.text, t.x1);
    }
}

/// README: "a technology may have several series". In a line chart the
/// second is dashed, but grouped bars (and their legend) draw both with the
/// same fill and nothing else: the reader cannot tell which bar is which.
#[test]
fn grouped_bars_tell_two_series_of_one_technology_apart() {
    let (site, run) = site_with(
        &[(
            "same",
            dataset(
                "same",
                "  unit: \"u\"\n  categories: [a, b]\n",
                "    - { technology: postgres, label: PostgreSQL, values: [1, 2] }\n    - { technology: postgres, label: PostgreSQL with a pooler, values: [2, 1] }",
            ),
        )],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = &charts(&page(&site))[0];
    let style = |r: &str| {
        // Everything but position and size.
        r.split(' ')
            .filter(|a| {
                !a.is_empty()
                    && !["x=", "y=", "width=", "height="]
                        .iter()
                        .any(|p| a.starts_with(p))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let swatches: Vec<String> = elements(svg, "rect")
        .iter()
        .filter(|r| r.contains("chart-swatch"))
        .map(|r| style(r))
        .collect();
    assert_eq!(swatches.len(), 2);
    assert_ne!(
        swatches[0], swatches[1],
        "the legend draws both series alike: {swatches:?}"
    );
    let bars: Vec<String> = elements(svg, "rect")
        .iter()
        .filter(|r| r.contains("chart-bar"))
        .map(|r| style(r))
        .collect();
    assert_ne!(
        bars[0], bars[1],
        "both series' bars are drawn alike: {bars:?}"
    );
}

/// A technology colour that vanishes on the dark theme's background
/// (#111316) is accepted silently, though every line, point and swatch of
/// that technology is drawn in it (bars keep only a faint outline).
#[test]
fn a_technology_colour_invisible_in_dark_mode_is_reported() {
    let techs = "- id: postgres\n  name: PostgreSQL\n  summary: \"s\"\n  colour: \"#15171a\"\n- id: mysql\n  name: MySQL\n  summary: \"s\"\n  colour: \"#00758f\"\n- id: sqlite\n  name: SQLite\n  summary: \"s\"\n  colour: \"#0f6fa0\"\n";
    let (_site, run) = site_with(
        &[(
            "dark",
            dataset(
                "dark",
                "  unit: \"u\"\n  x: { name: \"Connections\", unit: \"connections\" }\n",
                "    - { technology: postgres, label: PG, points: [[1, 10], [2, 12]] }\n    - { technology: mysql, label: My, points: [[1, 8], [2, 9]] }",
            ),
        )],
        Some(techs),
    );
    assert!(
        run.code != 0 || run.stderr.contains("#15171a"),
        "no error or warning for a colour with ~1:1 contrast on the dark background\n{}",
        run.stderr
    );
}

/// Same input, same bytes (every chart of the fixture and the bundled figures page).
#[test]
fn charts_are_deterministic() {
    let a = fixture("charts");
    assert_eq!(a.build(&[]).code, 0);
    let b = Site::reuse(&a);
    std::fs::remove_dir_all(b.out()).ok();
    assert_eq!(b.build(&[]).code, 0);
    assert_eq!(charts(&a.read("index.html")), charts(&b.read("index.html")));
}

/// Editing benchmarks.yaml re-renders the page that charts it, and the
/// result equals a fresh build.
#[test]
fn editing_a_dataset_rerenders_its_chart() {
    let mut l = live(bundled());
    let r = l.edit(
        "content/data/guides/nodepy/benchmarks.yaml",
        "value: 198.0",
        "value: 123.0",
    );
    let got: Vec<&String> = r.rendered.iter().collect();
    assert!(got.iter().any(|p| p.as_str() == "figures.md"), "{got:?}");
    let page = String::from_utf8(l.out.get("figures/index.html").unwrap()).unwrap();
    assert!(
        page.contains(">123</text>"),
        "the chart still shows the old value"
    );
    l.assert_same_as_fresh_build();
}
