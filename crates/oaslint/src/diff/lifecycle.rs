//! Deprecation, sunset and stability: what the guidelines (187, 189) and
//! oasdiff's conventions say about removing or changing a part of an API.
//!
//! A part is deprecated with `deprecated: true` and announces its end with
//! `x-sunset` (a date `2026-05-01` or an RFC 3339 timestamp). Removing a
//! part that was never deprecated breaks clients; removing it before its
//! sunset too; after the sunset, or when it was deprecated without a sunset,
//! the removal was announced and is only a changelog entry. A sunset nobody
//! can read is treated as "not announced". `x-stability-level` (draft <
//! alpha < beta < stable, missing = stable) marks parts whose changes are
//! not promised to anyone (draft, alpha).

use super::model::Side;
use crate::workspace::Loc;
use std::fmt;

/// A calendar date (proleptic Gregorian), as `x-sunset` gives it and as
/// [`DiffOptions::today`](super::DiffOptions::today) is compared with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2026.
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31 (checked against the month).
    pub day: u8,
}

impl Date {
    /// A date, if it exists (`2025-02-29` does not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Reads `x-sunset`: a full date (`2026-05-01`) or an RFC 3339
    /// timestamp (`2026-05-01T00:00:00Z`, `…+02:00`), whose date part is
    /// taken as written (the sunset is a day, not an instant).
    pub fn parse_sunset(text: &str) -> Option<Date> {
        let text = text.trim();
        let (date, rest) = if text.len() > 10 {
            text.split_at(10)
        } else {
            (text, "")
        };
        if !rest.is_empty() && !is_rfc3339_time(rest) {
            return None;
        }
        let b = date.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |s: &str| -> Option<u32> {
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())
                .flatten()
        };
        Date::new(
            digits(&date[0..4])? as i32,
            digits(&date[5..7])? as u8,
            digits(&date[8..10])? as u8,
        )
    }
}

/// `Thh:mm:ss(.frac)?(Z|±hh:mm)`, the time part of an RFC 3339 timestamp.
fn is_rfc3339_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 || !matches!(b[0], b'T' | b't' | b' ') {
        return false;
    }
    let two = |i: usize, max: u8| {
        b.get(i..i + 2).is_some_and(|d| {
            d[0].is_ascii_digit()
                && d[1].is_ascii_digit()
                && (d[0] - b'0') * 10 + (d[1] - b'0') <= max
        })
    };
    if !(two(1, 23) && b[3] == b':' && two(4, 59) && b[6] == b':' && two(7, 60)) {
        return false;
    }
    let mut i = 9;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &b[i..] {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', ..] if b.len() - i == 6 => {
            two(i + 1, 23) && b[i + 3] == b':' && two(i + 4, 59)
        }
        _ => false,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What the base said about the end of a part that HEAD no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Removal {
    /// Not deprecated: clients were never told.
    NotDeprecated,
    /// Deprecated, no sunset: announced, may go any time.
    Announced,
    /// Deprecated with a sunset that has passed (or is today).
    AfterSunset(Date),
    /// Deprecated with a sunset still in the future.
    BeforeSunset(Date),
    /// Deprecated with an `x-sunset` that is not a date.
    UnreadableSunset(String),
}

impl Removal {
    /// The verdict for removing the object at `at` (an operation, a
    /// parameter or a property schema) on `today`.
    pub(crate) fn of(side: &Side<'_>, at: Loc, today: Date) -> Removal {
        if !is_deprecated(side, at) {
            return Removal::NotDeprecated;
        }
        match sunset(side, at) {
            None => Removal::Announced,
            Some(Err(text)) => Removal::UnreadableSunset(text),
            Some(Ok(date)) if date > today => Removal::BeforeSunset(date),
            Some(Ok(date)) => Removal::AfterSunset(date),
        }
    }
}

/// `deprecated: true` on the object at `at`.
pub(crate) fn is_deprecated(side: &Side<'_>, at: Loc) -> bool {
    side.get(at, "deprecated")
        .and_then(|d| side.bool(d))
        .unwrap_or(false)
}

/// The `x-sunset` of the object at `at`: `None` if absent, `Err(text)` if
/// it is not a date.
pub(crate) fn sunset(side: &Side<'_>, at: Loc) -> Option<Result<Date, String>> {
    let node = side.get(at, "x-sunset")?;
    let text = side.scalar_text(node).unwrap_or_default();
    Some(Date::parse_sunset(&text).ok_or(text))
}

/// `x-stability-level`, ordered so that a smaller level promises less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stability {
    Draft,
    Alpha,
    Beta,
    Stable,
}

impl Stability {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Stability::Draft => "draft",
            Stability::Alpha => "alpha",
            Stability::Beta => "beta",
            Stability::Stable => "stable",
        }
    }

    /// Whether changes to a part at this level are reported by default.
    pub(crate) fn is_promised(self) -> bool {
        self >= Stability::Beta
    }

    /// The level of the object at `at`: `Ok(Stable)` when missing,
    /// `Err(text)` for a value that is none of the four.
    pub(crate) fn of(side: &Side<'_>, at: Loc) -> Result<Stability, String> {
        let Some(node) = side.get(at, "x-stability-level") else {
            return Ok(Stability::Stable);
        };
        match side.str(node) {
            Some("draft") => Ok(Stability::Draft),
            Some("alpha") => Ok(Stability::Alpha),
            Some("beta") => Ok(Stability::Beta),
            Some("stable") => Ok(Stability::Stable),
            _ => Err(side.scalar_text(node).unwrap_or_else(|| "?".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sunsets_are_dates_or_rfc3339_timestamps() {
        let d = Date::new(2026, 5, 1).unwrap();
        assert_eq!(Date::parse_sunset("2026-05-01"), Some(d));
        assert_eq!(Date::parse_sunset("2026-05-01T00:00:00Z"), Some(d));
        assert_eq!(Date::parse_sunset("2026-05-01T23:59:59.123+02:00"), Some(d));
        for bad in [
            "2026-5-1",
            "2026-02-30",
            "01.05.2026",
            "2026-05-01T25:00:00Z",
            "2026-05-01T10:00:00",
            "2026-05-01X",
            "tomorrow",
            "",
        ] {
            assert_eq!(Date::parse_sunset(bad), None, "{bad}");
        }
        assert_eq!(Date::parse_sunset("2024-02-29"), Date::new(2024, 2, 29));
        assert_eq!(d.to_string(), "2026-05-01");
    }
}
