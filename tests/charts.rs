//! Charts drawn at build time (`chart:` embeds): the SVG of every kind as
//! snapshots, bars whose lengths are proportional to their values from an
//! axis at zero, round ticks, escaped labels, the same numbers in a table,
//! and validation of `benchmarks.yaml` at its file:line:col.

mod common;

use common::fixture;

/// Every `<svg class="chart …">…</svg>` of a page, in order.
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

/// The value of attribute `name` in the element text `el`.
fn attr(el: &str, name: &str) -> Option<f64> {
    let start = el.find(&format!(" {name}=\""))? + name.len() + 3;
    el[start..start + el[start..].find('"')?].parse().ok()
}

/// (x, width) of each bar, and the text of each value label, in order.
fn bars(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<rect ")
        .skip(1)
        .map(|r| format!(" {}", &r[..r.find("/>").unwrap()]))
        .filter(|r| r.contains("class=\"chart-bar\""))
        .map(|r| (attr(&r, "x").unwrap(), attr(&r, "width").unwrap()))
        .collect()
}

fn texts(svg: &str, class: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter(|t| t.contains(&format!("class=\"{class}\"")))
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string())
        .collect()
}

#[test]
fn every_kind_of_chart_as_a_snapshot() {
    let site = fixture("charts");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("index.html");
    let svgs = charts(&page);
    assert_eq!(
        svgs.len(),
        5,
        "five charts; the sixth embed asked for the table alone"
    );
    for (name, svg) in ["writes", "reads", "memory", "latency", "scaling"]
        .iter()
        .zip(&svgs)
    {
        insta::assert_snapshot!(format!("chart_{name}"), svg);
    }
    // Same data, same bytes.
    let again = fixture("charts");
    assert_eq!(again.build(&[]).code, 0);
    assert_eq!(again.read("index.html"), page);
}

#[test]
fn bars_are_proportional_to_their_values_from_zero() {
    let site = fixture("charts");
    assert_eq!(site.build(&[]).code, 0);
    let svgs = charts(&site.read("index.html"));
    let expect: [(&str, &[f64]); 3] = [
        ("writes", &[12000.0, 11000.5, 3000.0]),
        ("reads", &[1.25, 0.9]),
        ("memory", &[30.5, 400.0, 2.0, 120.0, 4.5]),
    ];
    for ((name, values), svg) in expect.iter().zip(&svgs) {
        let got = bars(svg);
        assert_eq!(got.len(), values.len(), "{name}: {svg}");
        if *name == "writes" {
            // Vertical bars: heights, from a baseline at the zero tick.
            let heights: Vec<f64> = svg
                .split("<rect ")
                .skip(1)
                .map(|r| format!(" {}", &r[..r.find("/>").unwrap()]))
                .filter(|r| r.contains("chart-bar"))
                .map(|r| attr(&r, "height").unwrap())
                .collect();
            let scale = heights[0] / values[0];
            for (h, v) in heights.iter().zip(*values) {
                assert!((h - v * scale).abs() <= 1.0, "{name}: {h} for {v}");
            }
            let ticks = texts(svg, "chart-tick");
            assert_eq!(ticks.first().map(String::as_str), Some("0"), "{ticks:?}");
            continue;
        }
        // Horizontal bars all start at x = 0, where the axis's first tick, 0, is.
        assert!(got.iter().all(|(x, _)| *x == 0.0), "{name}: {got:?}");
        let ticks = texts(svg, "chart-tick");
        assert_eq!(ticks[0], "0", "{name}: {ticks:?}");
        let scale = got[0].1 / values[0];
        for ((_, w), v) in got.iter().zip(*values) {
            assert!((w - v * scale).abs() <= 1.0, "{name}: width {w} for {v}");
        }
        // Ticks are 1, 2 or 5 times a power of ten apart.
        let t: Vec<f64> = ticks
            .iter()
            .map(|t| t.replace(',', "").parse().unwrap())
            .collect();
        let step = t[1] - t[0];
        let lead = step / 10f64.powf(step.log10().floor());
        assert!(
            [1.0, 2.0, 5.0].iter().any(|m| (lead - m).abs() < 1e-9),
            "{name}: {t:?}"
        );
        assert!(t.windows(2).all(|w| ((w[1] - w[0]) - step).abs() < 1e-9));
        assert!(*t.last().unwrap() >= values.iter().copied().fold(0.0, f64::max));
    }
}

#[test]
fn charts_say_what_they_show_and_escape_labels() {
    let site = fixture("charts");
    assert_eq!(site.build(&[]).code, 0);
    let page = site.read("index.html");
    let svgs = charts(&page);
    for svg in &svgs {
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>") && svg.contains("<desc>"));
        assert!(svg.contains("viewBox=\"0 0 360 "));
    }
    // The main finding, best first (lower is better for reads).
    assert!(svgs[1].contains("<desc>Reads per second on a warm cache (lower is better). MySQL 8.4 &lt;img src=x onerror=alert(1)&gt; 0.9 ms, PostgreSQL 16 with default settings and a warm shared buffer cache 1.25 ms. Unverified figures. Not measured: SQLite &lt;i&gt;embedded&lt;/i&gt;.</desc>"), "{}", svgs[1]);
    assert!(svgs[1].contains("Unverified: nobody could reproduce these figures."));
    assert!(!page.contains("<img src=x"), "HTML in labels stays text");
    assert!(!page.contains("<i>embedded"));
    assert!(!page.contains("<script>alert"));
    // A value that was not measured is said so, never drawn as zero.
    assert!(texts(&svgs[2], "chart-note").contains(&"not measured".to_string()));
    // Units as written (`ms`, never `Ms`), in the table too.
    assert!(page.contains("<th scope=\"col\" class=\"num\">ms</th>") || page.contains(">ms</th>"));
    assert!(!page.contains(">Ms<"));
    // Lines: a logarithmic x axis for 1 to 400 connections, and dashes for a
    // technology's second series.
    assert!(svgs[3].contains("logarithmic scale"));
    assert!(svgs[3].contains("stroke-dasharray=\"6 3\""));
    // The embed's own title, escaped.
    assert!(svgs[4].contains("<title>Throughput against &lt;b&gt;threads&lt;/b&gt;</title>"));
    // kind: table shows the numbers alone.
    let last = &page[page.rfind("<figure class=\"benchmark").unwrap()..];
    assert!(last.starts_with("<figure class=\"benchmark benchmark-table\""));
    assert!(!last[..last.find("</figure>").unwrap()].contains("<svg"));
    // Every chart has its numbers in a real table.
    assert_eq!(
        page.matches("<details class=\"benchmark-numbers\">")
            .count(),
        5
    );
}

#[test]
fn bad_chart_data_is_reported_where_it_is() {
    let site = fixture("charts");
    site.edit(
        "content/data/guides/dbs/benchmarks.yaml",
        "values: [400, null]",
        "values: [400]",
    );
    site.edit(
        "content/data/guides/dbs/benchmarks.yaml",
        "[100, 9.0]]",
        "[100, 9.0], [50, 3.0]]",
    );
    site.edit(
        "content/data/guides/dbs/benchmarks.yaml",
        "{ technology: sqlite, label: SQLite, value: 3000 }",
        "{ technology: sqlitte, label: SQLite, value: -3 }",
    );
    site.edit(
        "content/data/guides/dbs/benchmarks.yaml",
        "  date: unknown",
        "  date: last year",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let err = run.stderr;
    for want in [
        "benchmarks.yaml:48:86",
        "1 values for 2 categories",
        "x 50 does not increase",
        "unknown technology `sqlitte`",
        "did you mean `sqlite`?",
        "-3 is below zero",
        "date `last year` is not YYYY, YYYY-MM, YYYY-MM-DD or `unknown`",
    ] {
        assert!(err.contains(want), "{want} not in:\n{err}");
    }

    let site = fixture("charts");
    site.edit(
        "content/data/guides/dbs/benchmarks.yaml",
        "value: 12000 }",
        "value: lots }",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("benchmarks.yaml:6:"), "{}", run.stderr);
    assert!(run.stderr.contains("expected a number"), "{}", run.stderr);

    let site = fixture("charts");
    site.edit("content/_index.md", "kind: line\n", "kind: bar\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`kind: bar`: dataset `scaling` is drawn as `line`"),
        "{}",
        run.stderr
    );
}
