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
        kept = strongest(list);
        out.push(TRUNCATED);
        varint(&mut out, list.len() as u32);
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

/// The postings a long list keeps, in its order: every title's (a page
/// whose title is typed must still hold every word of it), then the
/// strongest, earlier pages first among equals, up to [`MAX_POSTINGS`] in
/// all. Weights are 1–63, so a count per weight finds the weakest weight
/// kept without sorting.
fn strongest(list: &[Posting]) -> Vec<Posting> {
    let mut count = [0usize; 64];
    for p in list {
        count[usize::from(p.weight.min(63))] += 1;
    }
    let title = (TITLE * SCALE - 0.5).ceil() as usize;
    let titles: usize = count[title.min(64)..].iter().sum();
    let keep = titles.max(MAX_POSTINGS).min(list.len());
    // The weakest weight kept, and how many of that weight fit.
    let (mut weakest, mut above) = (63, 0);
    while above + count[weakest] < keep {
        above += count[weakest];
        weakest -= 1;
    }
    let mut room = keep - above;
    list.iter()
        .filter(|p| {
            let w = usize::from(p.weight.min(63));
            if w > weakest {
                true
            } else if w == weakest && room > 0 {
                room -= 1;
                true
            } else {
                false
            }
        })
        .copied()
        .collect()
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
    let mut all: Vec<Posting> = Vec::new();
    for list in lists {
        all = merge(&all, list);
    }
    all
}

/// Two lists sorted by page and section merged, the stronger posting kept
/// where both hold a section.
fn merge(a: &[Posting], b: &[Posting]) -> Vec<Posting> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        match (x.page, x.section).cmp(&(y.page, y.section)) {
            std::cmp::Ordering::Less => {
                out.push(x);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(y);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(if y.weight > x.weight { y } else { x });
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
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

    /// The long-list cut and the union, against their plain definitions:
    /// sort everything, keep the strongest (every title, at least
    /// MAX_POSTINGS); concatenate, sort, keep the strongest per section.
    #[test]
    fn cut_and_union_match_their_definitions() {
        let mut seed: u64 = 3;
        let mut next = |n: u32| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % u64::from(n)) as u32
        };
        let list = |next: &mut dyn FnMut(u32) -> u32, n: u32| -> Vec<Posting> {
            let mut v = Vec::new();
            for i in 0..n {
                let w = 1 + next(40) as u8;
                if next(4) > 0 {
                    v.push(p(i / 3, i % 3, w));
                }
            }
            v.sort();
            v
        };
        for n in [10, 2500, 7000, 20000] {
            let all = list(&mut next, n);
            let mut strongest = all.clone();
            strongest.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.cmp(b)));
            let keep = strongest
                .iter()
                .position(|p| f64::from(p.weight) < TITLE * SCALE - 0.5)
                .unwrap_or(strongest.len())
                .max(MAX_POSTINGS);
            strongest.truncate(keep);
            strongest.sort();
            let got = decode(&encode(&all));
            if all.len() > MAX_POSTINGS {
                assert_eq!(got, strongest, "{n}");
            } else {
                assert_eq!(got, all);
            }
            let (a, b, c) = (list(&mut next, n), list(&mut next, n), list(&mut next, n));
            let mut want: Vec<Posting> = a.iter().chain(&b).chain(&c).copied().collect();
            want.sort_by(|x, y| (x.page, x.section, y.weight).cmp(&(y.page, y.section, x.weight)));
            want.dedup_by(|next, kept| next.page == kept.page && next.section == kept.section);
            assert_eq!(union([&a[..], &b[..], &c[..]].into_iter()), want);
        }
    }
}
