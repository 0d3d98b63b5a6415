//! Readable colours: every text colour of a highlighting theme raised to
//! WCAG AA contrast against the background it is drawn on.

use syntect::highlighting::{Color, Theme};

/// WCAG AA asks for 4.5:1 between normal text and its background.
const MIN_CONTRAST: f64 = 4.6;

/// A copy of `theme` whose every text colour reaches AA contrast against the
/// background it is drawn on: many stock themes draw comments and some
/// keywords below 4.5:1. Colours that fail are moved toward black (on a light
/// background) or white (on a dark one) just far enough, keeping their hue.
pub(super) fn readable(theme: &Theme) -> Theme {
    let mut t = theme.clone();
    let bg = t.settings.background.unwrap_or(Color::WHITE);
    if let Some(fg) = t.settings.foreground {
        t.settings.foreground = Some(with_contrast(fg, bg));
    }
    for item in &mut t.scopes {
        let item_bg = item.style.background.unwrap_or(bg);
        if let Some(fg) = item.style.foreground {
            item.style.foreground = Some(with_contrast(fg, item_bg));
        }
    }
    t
}

fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

pub(super) fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn with_contrast(fg: Color, bg: Color) -> Color {
    // Semi-transparent colours are drawn over the background; judge them opaque.
    let mut c = Color { a: 0xff, ..fg };
    let target = if luminance(bg) > 0.18 {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mix = |from: u8, to: u8, t: f64| {
        (f64::from(from) + (f64::from(to) - f64::from(from)) * t).round() as u8
    };
    let mut step = 0.0;
    while contrast(c, bg) < MIN_CONTRAST && step < 1.0 {
        step += 0.05;
        c = Color {
            r: mix(fg.r, target.r, step),
            g: mix(fg.g, target.g, step),
            b: mix(fg.b, target.b, step),
            a: 0xff,
        };
    }
    c
}
