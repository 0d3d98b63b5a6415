//! Postings: which sections hold a term, and how strongly, as a compact
//! string of base-64 digits (docs/search.md, "Postings").

/// The 64 digits, values 0–63 in order.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Marks a list cut to its strongest postings (a very common term); the
/// number of sections the term is in (before the cut) follows as a varint.
pub(crate) const TRUNCATED: char = '~';

/// Most postings a term keeps: a term in more sections than this keeps the
/// strongest ones (its IDF is near zero, so the rest rank nowhere), which
/// bounds any one list to a few kilobytes; postings from page titles are
/// kept beyond it.
pub(crate) const MAX_POSTINGS: usize = 2000;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Field boosts: the page title, the section heading; body text counts 1.
const TITLE: f64 = 5.0;
const HEADING: f64 = 2.0;
/// Stored weight = round(w · SCALE), 1–63.
pub(crate) const SCALE: f64 = 6.8;

/// One section holding a term: page number, section number, stored weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Posting {
    pub page: u32,
    pub section: u32,
    pub weight: u8,
}

/// Where a term occurs in one section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Occurrence {
    /// Times in the section's body text.
    pub tf: u32,
    pub in_title: bool,
    pub in_heading: bool,
}

/// The stored weight of a term in a section of `len` body tokens, where
/// sections average `avglen`.
pub(crate) fn weight(o: Occurrence, len: u32, avglen: f64) -> u8 {
    let tf = f64::from(o.tf);
    let norm = 1.0 - B + B * f64::from(len) / avglen.max(1.0);
    let body = if o.tf == 0 {
        0.0
    } else {
        tf * (K1 + 1.0) / (tf + K1 * norm)
    };
    let w = TITLE * f64::from(u8::from(o.in_title))
        + HEADING * f64::from(u8::from(o.in_heading))
        + body;
    (w * SCALE).round().clamp(1.0, 63.0) as u8
}

/// Postings (sorted by page and section) → their string; a list longer
/// than [`MAX_POSTINGS`] keeps its strongest postings and is marked.
pub(crate) fn encode(list: &[Posting]) -> String {
    let mut out = String::with_capacity(list.len() * 3 + 1);
    let kept;
    let list = if list.len() > MAX_POSTINGS {
        let mut strongest = list.to_vec();
        // Strongest first; among equals, earlier pages first (deterministic).
        strongest.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.cmp(b)));
        // Every title keeps its postings: a page whose title is typed must
        // still hold every word of it.
        let keep = strongest
            .iter()
            .position(|p| f64::from(p.weight) < TITLE * SCALE - 0.5)
            .unwrap_or(strongest.len())
            .max(MAX_POSTINGS);
        strongest.truncate(keep);
        strongest.sort();
        out.push(TRUNCATED);
        varint(&mut out, list.len() as u32);
        kept = strongest;
        &kept[..]
    } else {
        list
    };
    let mut last = 0;
    for p in list {
        varint(&mut out, p.page - last);
        varint(&mut out, p.section);
        out.push(DIGITS[usize::from(p.weight.min(63))] as char);
        last = p.page;
    }
    out
}

fn varint(out: &mut String, mut n: u32) {
    loop {
        let low = n & 31;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low as usize] as char);
            return;
        }
        out.push(DIGITS[(low | 32) as usize] as char);
    }
}

/// The strongest posting per section from several sorted lists, sorted.
pub(crate) fn union<'a>(lists: impl Iterator<Item = &'a [Posting]>) -> Vec<Posting> {
    let mut all: Vec<Posting> = lists.flatten().copied().collect();
    all.sort_by(|a, b| (a.page, a.section, b.weight).cmp(&(b.page, b.section, a.weight)));
    all.dedup_by(|next, kept| next.page == kept.page && next.section == kept.section);
    all
}

#[cfg(test)]
pub(crate) fn decode(s: &str) -> Vec<Posting> {
    let digit = |c: u8| DIGITS.iter().position(|&d| d == c).unwrap() as u32;
    let cut = s.starts_with(TRUNCATED);
    let bytes = s.trim_start_matches(TRUNCATED).as_bytes();
    let read = |i: &mut usize| {
        let (mut n, mut shift) = (0, 0);
        loop {
            let d = digit(bytes[*i]);
            *i += 1;
            n |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                return n;
            }
        }
    };
    let mut out = Vec::new();
    let mut page = 0;
    let mut i = 0;
    if cut {
        read(&mut i);
    }
    while i < bytes.len() {
        page += read(&mut i);
        let section = read(&mut i);
        let weight = digit(bytes[i]) as u8;
        i += 1;
        out.push(Posting {
            page,
            section,
            weight,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(page: u32, section: u32, weight: u8) -> Posting {
        Posting {
            page,
            section,
            weight,
        }
    }

    #[test]
    fn round_trips() {
        let list = vec![
            p(0, 0, 7),
            p(0, 3, 63),
            p(31, 0, 1),
            p(32, 40, 9),
            p(70_000, 1, 5),
        ];
        let s = encode(&list);
        assert_eq!(decode(&s), list);
        // 0,0,7 → "A" "A" "H"; a page delta of 31 → "f"; 32 → "gB".
        assert!(s.starts_with("AAH"), "{s}");
    }

    #[test]
    fn long_lists_keep_the_strongest() {
        let list: Vec<Posting> = (0..MAX_POSTINGS as u32 + 10)
            .map(|i| p(i, 0, if i % 100 == 0 { 40 } else { 3 }))
            .collect();
        let s = encode(&list);
        assert!(s.starts_with(TRUNCATED));
        let kept = decode(&s);
        assert_eq!(kept.len(), MAX_POSTINGS);
        assert!(kept.iter().filter(|x| x.weight == 40).count() == 21);
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn title_outweighs_body() {
        let title = weight(
            Occurrence {
                tf: 0,
                in_title: true,
                in_heading: false,
            },
            100,
            100.0,
        );
        let body = weight(
            Occurrence {
                tf: 20,
                ..Default::default()
            },
            100,
            100.0,
        );
        let heading = weight(
            Occurrence {
                tf: 0,
                in_title: false,
                in_heading: true,
            },
            100,
            100.0,
        );
        assert!(
            title > heading && heading > 0 && body < title,
            "{title} {heading} {body}"
        );
        // Longer sections weigh a single mention less.
        let one = |len| {
            weight(
                Occurrence {
                    tf: 1,
                    ..Default::default()
                },
                len,
                100.0,
            )
        };
        assert!(one(20) > one(400));
    }

    #[test]
    fn union_keeps_the_strongest_per_section() {
        let a = [p(0, 0, 3), p(2, 1, 5)];
        let b = [p(0, 0, 9), p(1, 0, 2)];
        assert_eq!(
            union([&a[..], &b[..]].into_iter()),
            vec![p(0, 0, 9), p(1, 0, 2), p(2, 1, 5)]
        );
    }
}
