//! Axis scales: round tick steps (1, 2 or 5 times a power of ten), bar
//! axes from zero, logarithmic x axes for wide ranges, and numbers printed
//! the same way every time.

/// Ticks from zero to at least `max`, about `target` of them, in steps of 1,
/// 2 or 5 times a power of ten. Returns (step, top).
pub(super) fn nice(max: f64, target: usize) -> (f64, f64) {
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return (1.0, 1.0);
    }
    let raw = max / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag);
    let top = (max / step - 1e-9).ceil() * step;
    (step, top.max(step))
}

/// The tick values from 0 to `top` by `step`.
pub(super) fn ticks(step: f64, top: f64) -> Vec<f64> {
    let n = (top / step).round() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// An x axis: linear from its smallest to largest value (padded to round
/// ticks), or logarithmic when the values span more than 20 times and are
/// all above zero (concurrency 1 to 400).
pub(super) enum XScale {
    Linear { lo: f64, hi: f64, step: f64 },
    Log { lo: f64, hi: f64 },
}

impl XScale {
    pub(super) fn fit(min: f64, max: f64) -> XScale {
        if min > 0.0 && max / min > 20.0 {
            let decade = 10f64.powf(max.log10().floor());
            let hi = [1.0, 2.0, 5.0, 10.0]
                .iter()
                .map(|m| m * decade)
                .find(|v| *v >= max * (1.0 - 1e-9))
                .unwrap_or(10.0 * decade);
            XScale::Log {
                lo: 10f64.powf(min.log10().floor()),
                hi,
            }
        } else {
            let (step, _) = nice(max - min.min(0.0), 5);
            let lo = if min >= 0.0 {
                0.0
            } else {
                (min / step).floor() * step
            };
            let hi = ((max - lo) / step - 1e-9).ceil().max(1.0) * step + lo;
            XScale::Linear { lo, hi, step }
        }
    }

    /// Where `v` falls, from 0 (left) to 1 (right).
    pub(super) fn at(&self, v: f64) -> f64 {
        match self {
            XScale::Linear { lo, hi, .. } => (v - lo) / (hi - lo),
            XScale::Log { lo, hi } => (v.log10() - lo.log10()) / (hi.log10() - lo.log10()),
        }
    }

    pub(super) fn ticks(&self) -> Vec<f64> {
        match self {
            XScale::Linear { lo, hi, step } => {
                let n = ((hi - lo) / step).round() as usize;
                (0..=n).map(|i| lo + i as f64 * step).collect()
            }
            XScale::Log { lo, hi } => {
                let mut out = Vec::new();
                let mut decade = *lo;
                while decade <= hi * (1.0 + 1e-9) {
                    for m in [1.0, 2.0, 5.0] {
                        let v = decade * m;
                        if v <= hi * (1.0 + 1e-9) {
                            out.push(v);
                        }
                    }
                    decade *= 10.0;
                }
                out
            }
        }
    }

    pub(super) fn is_log(&self) -> bool {
        matches!(self, XScale::Log { .. })
    }
}

/// A number as a reader expects it: at most two decimals, no trailing
/// zeros, thousands grouped with commas (12,000; 57.9; 0.25).
pub(crate) fn number(v: f64) -> String {
    // Two decimals, or three significant digits below 1, so that no value
    // that is not zero prints as 0 (0.004, 0.00125).
    let decimals = if v == 0.0 || v.abs() >= 1.0 {
        2
    } else {
        ((-v.abs().log10()).ceil() as usize + 2).min(12)
    };
    let factor = 10f64.powi(decimals as i32);
    let rounded = (v * factor).round() / factor;
    let s = format!("{:.*}", decimals, rounded.abs());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = s.split_once('.').map_or((s, ""), |(a, b)| (a, b));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "\u{2212}" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Coordinates in the SVG: one decimal, no trailing `.0`.
pub(super) fn coord(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice(66.0, 5), (20.0, 80.0));
        assert_eq!(nice(1800.0, 5), (500.0, 2000.0));
        assert_eq!(nice(9.0, 5), (2.0, 10.0));
        let (step, top) = nice(0.3, 5);
        assert!((step - 0.1).abs() < 1e-12 && (top - 0.3).abs() < 1e-12);
        assert_eq!(nice(100.0, 5), (20.0, 100.0));
        assert_eq!(nice(0.0, 5), (1.0, 1.0));
        for max in [0.7, 3.3, 42.0, 999.0, 12345.0, 1e6] {
            let (step, top) = nice(max, 5);
            let lead = step / 10f64.powf(step.log10().floor());
            assert!(
                [1.0, 2.0, 5.0].iter().any(|m| (lead - m).abs() < 1e-9),
                "{max}: {step}"
            );
            assert!(top >= max && top - step < max, "{max}: {top}");
        }
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(12000.0), "12,000");
        assert_eq!(number(1234567.5), "1,234,567.5");
        assert_eq!(number(57.9), "57.9");
        assert_eq!(number(66.0), "66");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-3.0), "\u{2212}3");
        assert_eq!(number(0.004), "0.004");
        assert_eq!(number(0.00125), "0.00125");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.34), "12.3");
    }

    #[test]
    fn wide_x_ranges_are_logarithmic() {
        let s = XScale::fit(1.0, 400.0);
        assert!(s.is_log());
        assert_eq!(s.ticks().first(), Some(&1.0));
        assert_eq!(s.ticks().last(), Some(&500.0));
        assert!((s.at(10.0) - 1.0 / 500f64.log10()).abs() < 1e-9);
        let s = XScale::fit(0.0, 40.0);
        assert!(!s.is_log());
        assert_eq!(s.ticks(), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
    }
}
