//! "Did you mean": the closest known name to a typo.

/// Closest candidate to `word` by edit distance, if close enough to be a
/// plausible typo ("did you mean"). Letter case costs nothing (`NATS`
/// finds `nats`); among equally close candidates, the one whose case is
/// closer wins.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let limit = (word.chars().count() / 3).clamp(1, 3);
    // A broken link is compared with every path of the site: the buffers
    // are reused, and a distance is given up as soon as it passes the limit.
    let mut cand = Vec::new();
    let mut rows = [Vec::new(), Vec::new(), Vec::new()];
    let mut best: Option<(usize, usize, &str)> = None;
    for c in candidates {
        cand.clear();
        cand.extend(c.chars().flat_map(char::to_lowercase));
        let Some(d) = distance_within(&lower, &cand, limit, &mut rows) else {
            continue;
        };
        let key = (d, edit_distance(word, c));
        if best.is_none_or(|(bd, bc, _)| key < (bd, bc)) {
            best = Some((key.0, key.1, c));
        }
    }
    best.map(|(_, _, c)| c)
}

/// The optimal-string-alignment distance of `a` and `b` when it is at most
/// `limit`; `None` as soon as it cannot be. `rows` are scratch space.
fn distance_within(
    a: &[char],
    b: &[char],
    limit: usize,
    rows: &mut [Vec<usize>; 3],
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let n = b.len();
    let [before, last, row] = rows;
    for r in [&mut *before, &mut *last, &mut *row] {
        r.clear();
        r.resize(n + 1, 0);
    }
    for (j, cell) in last.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        row[0] = i;
        let mut least = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            least = least.min(d);
        }
        if least > limit {
            return None;
        }
        std::mem::swap(before, last);
        std::mem::swap(last, row);
    }
    Some(last[n]).filter(|&d| d <= limit)
}

/// ` (did you mean `x`?)` for the closest candidate, or nothing: for the end
/// of a message.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|m| format!(" (did you mean `{m}`?)"))
        .unwrap_or_default()
}

/// Edit distance over characters, counting a swap of two neighbours as one
/// edit (optimal string alignment), since that is the commonest typo.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "theme"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "theme"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("titel", "title"), 1);
    }

    #[test]
    fn the_bounded_distance_is_the_distance_within_its_limit() {
        let mut rows = [Vec::new(), Vec::new(), Vec::new()];
        let words = [
            "", "a", "ab", "ba", "kitten", "sitting", "title", "titel", "abcdef", "fedcba",
        ];
        for a in words {
            for b in words {
                let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = edit_distance(a, b);
                for limit in 0..4 {
                    let want = (full <= limit).then_some(full);
                    assert_eq!(
                        distance_within(&x, &y, limit, &mut rows),
                        want,
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn letter_case_is_no_typo() {
        assert_eq!(did_you_mean("NATS", ["kafka", "nats"]), Some("nats"));
        assert_eq!(did_you_mean("Speed", ["speed", "seed"]), Some("speed"));
        assert_eq!(did_you_mean("Titel", ["title"]), Some("title"));
        // The closer case wins a tie.
        assert_eq!(did_you_mean("node", ["Node", "node1"]), Some("Node"));
        assert_eq!(did_you_mean("Node", ["NODE", "node"]), Some("node"));
    }
}
