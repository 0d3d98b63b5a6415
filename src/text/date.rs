//! Dates for readers: a checked `YYYY-MM-DD` in, `26 November 2026` out
//! (day, month name, year: read the same way in every English locale).

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2026-01-05` → `5 January 2026`; `None` for anything else.
pub fn readable(iso: &str) -> Option<String> {
    let mut parts = iso.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    let month: usize = month.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    let name = MONTHS.get(month.checked_sub(1)?)?;
    Some(format!("{day} {name} {year}"))
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn dates_read_as_day_month_year() {
        assert_eq!(readable("2026-11-26").as_deref(), Some("26 November 2026"));
        assert_eq!(readable("2026-01-05").as_deref(), Some("5 January 2026"));
        assert_eq!(readable("2026-12-31").as_deref(), Some("31 December 2026"));
        for bad in [
            "2026-13-01",
            "2026-00-10",
            "2026-1-5",
            "2026-11-+5",
            "26-11-2026",
            "2026-11",
            "",
        ] {
            assert_eq!(readable(bad), None, "{bad}");
        }
    }
}
