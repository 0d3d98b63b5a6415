//! The code's layering, checked: modules import only their own layer and the
//! layers below it, and no modules import each other in a loop, at the
//! level of the top folders or of their files. Reads `src/` itself, so it
//! needs nothing outside the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom first: a layer may use itself and the layers before it.
const LAYERS: [&str; 10] = [
    "text", "diag", "url", "output", "source", "model", "render", "derive", "engine", "cmd",
];

/// Module path (`["render", "markdown"]`) → its source text, for every file.
fn modules() -> BTreeMap<Vec<String>, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts
            .last()
            .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
        {
            parts.pop();
        }
        out.insert(parts, std::fs::read_to_string(&path).unwrap());
    }
    out
}

/// Code without comments (so a doc link to another module is no import).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a file refers to through `crate::…` and `super::…`,
/// each cut to the longest prefix that is a module.
fn references(me: &[String], text: &str, known: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let code = code(text);
    let mut out = BTreeSet::new();
    for (start, base) in [
        ("crate::", vec![]),
        ("super::", me[..me.len().saturating_sub(1)].to_vec()),
    ] {
        for (i, _) in code.match_indices(start) {
            if start == "super::" && code[..i].ends_with("::") {
                continue;
            }
            let rest = &code[i + start.len()..];
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut prefix = base.clone();
            let mut segs: Vec<String> = path
                .split("::")
                .filter(|s| !s.is_empty() && *s != "super")
                .map(str::to_owned)
                .collect();
            // `use crate::a::{b, c::d}`: each name in the braces.
            let after = &rest[path.len()..];
            let mut names = vec![];
            if path.ends_with("::") && after.starts_with('{') {
                let inner = &after[1..after.find('}').unwrap_or(after.len())];
                names = inner
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or("").to_string())
                    .filter(|n| !n.is_empty() && n != "self")
                    .collect();
            }
            prefix.append(&mut segs);
            let mut targets = vec![prefix.clone()];
            for n in names {
                let mut t = prefix.clone();
                t.push(n);
                targets.push(t);
            }
            for mut t in targets {
                while !t.is_empty() && !known.contains(&t) {
                    t.pop();
                }
                if !t.is_empty() && t != me {
                    out.insert(t);
                }
            }
        }
    }
    out
}

/// Edges between modules cut to `depth` path segments, without self-edges
/// and without a module's edges to its own parent (a `mod.rs` re-export).
fn graph(depth: usize) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mods = modules();
    let known: BTreeSet<Vec<String>> = mods.keys().cloned().collect();
    let mut g: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (me, text) in &mods {
        if me.is_empty() {
            continue;
        }
        let from: Vec<String> = me.iter().take(depth).cloned().collect();
        for to in references(me, text, &known) {
            let to: Vec<String> = to.into_iter().take(depth).collect();
            let is_parent = from.starts_with(&to);
            if to != from && !is_parent {
                g.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    g
}

fn find_cycle(g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    fn visit(
        n: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        match state.get(n) {
            Some(1) => {
                let i = stack.iter().position(|m| m == n).unwrap();
                let mut cycle = stack[i..].to_vec();
                cycle.push(n.clone());
                return Some(cycle);
            }
            Some(_) => return None,
            None => {}
        }
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if let Some(c) = visit(n, g, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_cycles_at_either_depth() {
    for depth in [1, 2] {
        let g = graph(depth);
        assert!(
            g.len() > 3,
            "the graph at depth {depth} is too small: {g:?}"
        );
        if let Some(c) = find_cycle(&g) {
            let names: Vec<String> = c.iter().map(|m| m.join("::")).collect();
            panic!("a module cycle at depth {depth}: {}", names.join(" -> "));
        }
    }
}

#[test]
fn imports_point_down_the_layers() {
    let layer = |m: &[String]| LAYERS.iter().position(|l| *l == m[0]);
    let mut wrong = Vec::new();
    for (from, tos) in graph(1) {
        let Some(a) = layer(&from) else {
            panic!(
                "src/{} is in no layer; add it to LAYERS and ARCHITECTURE.md",
                from[0]
            );
        };
        for to in tos {
            let b = layer(&to).unwrap_or(usize::MAX);
            if b > a {
                wrong.push(format!("{} -> {}", from[0], to[0]));
            }
        }
    }
    assert!(wrong.is_empty(), "imports that point up: {wrong:?}");
}

#[test]
fn the_checker_sees_cycles_and_upward_imports() {
    let m = |s: &str| vec![s.to_string()];
    let known: BTreeSet<Vec<String>> = [m("a"), m("b"), vec!["a".into(), "x".into()]].into();
    let refs = references(&m("b"), "use crate::a::{x, Y};\n// crate::b\n", &known);
    assert_eq!(refs, BTreeSet::from([m("a"), vec!["a".into(), "x".into()]]));
    let g = BTreeMap::from([
        (m("a"), BTreeSet::from([m("b")])),
        (m("b"), BTreeSet::from([m("a")])),
    ]);
    assert!(find_cycle(&g).is_some());
}
