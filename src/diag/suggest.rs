//! "Did you mean": the closest known name to a typo.

/// Closest candidate to `word` by edit distance, if close enough to be a
/// plausible typo ("did you mean"). Letter case costs nothing (`NATS`
/// finds `nats`); among equally close candidates, the one whose case is
/// closer wins.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).clamp(1, 3);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        // The distance is at least the difference in length: most
        // candidates are ruled out without computing it (a broken link
        // is compared with every path of the site).
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, edit_distance(word, c)))
        .map(|(_, c)| c)
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
    fn letter_case_is_no_typo() {
        assert_eq!(did_you_mean("NATS", ["kafka", "nats"]), Some("nats"));
        assert_eq!(did_you_mean("Speed", ["speed", "seed"]), Some("speed"));
        assert_eq!(did_you_mean("Titel", ["title"]), Some("title"));
        // The closer case wins a tie.
        assert_eq!(did_you_mean("node", ["Node", "node1"]), Some("Node"));
        assert_eq!(did_you_mean("Node", ["NODE", "node"]), Some("node"));
    }
}
