//! The time of a run, as RFC 3339 UTC (`2026-11-27T14:05:00Z`), for the
//! compliance record (JSON `timestamp`, SARIF `invocations[].startTimeUtc`,
//! JUnit `timestamp`) and for `at` in acknowledgements.
//!
//! Where it comes from, first match wins: `--timestamp now|RFC3339`, then
//! `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
//! convention), then the clock. Only the first two are *explicit*: the JSON
//! report carries a timestamp only when one was asked for, so that by default
//! the same input gives byte-identical JSON (see
//! `docs/pull-request-pipeline.md`).

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01T00:00:00Z (no leap seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(i64);

/// The time of a run, and whether the user chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunTime {
    pub time: Timestamp,
    /// `--timestamp` or `SOURCE_DATE_EPOCH` was given.
    pub explicit: bool,
}

impl RunTime {
    /// The timestamp to print where printing one is optional.
    pub fn explicit(&self) -> Option<Timestamp> {
        self.explicit.then_some(self.time)
    }
}

/// Years 0000–9999 only, as RFC 3339 allows.
const MIN_SECS: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
const MAX_SECS: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

impl Timestamp {
    pub fn now() -> Timestamp {
        let secs = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        Timestamp(secs)
    }

    pub fn from_unix(secs: i64) -> Option<Timestamp> {
        (MIN_SECS..=MAX_SECS)
            .contains(&secs)
            .then_some(Timestamp(secs))
    }

    pub fn unix(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339 `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `t`, `z` and
    /// a space for `T` are accepted; fractions of a second are dropped.
    pub fn parse_rfc3339(text: &str) -> Result<Timestamp, String> {
        let bad =
            || format!("invalid timestamp {text:?}: expected RFC 3339, like 2026-11-27T14:05:00Z");
        let b = text.as_bytes();
        if b.len() < 20 {
            return Err(bad());
        }
        let num = |range: std::ops::Range<usize>| -> Result<i64, String> {
            let s = text.get(range).ok_or_else(bad)?;
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse::<i64>().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't' | b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(bad());
        }
        let mut rest = &text[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(bad());
            }
            rest = &frac[digits..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6 && matches!(rest.as_bytes()[0], b'+' | b'-') => {
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                if rest.as_bytes()[3] != b':' {
                    return Err(bad());
                }
                let h = num(text.len() - 5..text.len() - 3)?;
                let m = num(text.len() - 2..text.len())?;
                if h > 23 || m > 59 {
                    return Err(bad());
                }
                sign * (h * 3600 + m * 60)
            }
            _ => return Err(bad()),
        };
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(bad());
        }
        // A leap second is folded into the second before it.
        let second = second.min(59);
        let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
            - offset;
        Timestamp::from_unix(secs).ok_or_else(bad)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn to_rfc3339(self) -> String {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// The run time from `--timestamp` (`flag`), `SOURCE_DATE_EPOCH`
/// (`source_date_epoch`) or `now`.
pub fn resolve(
    flag: Option<&str>,
    source_date_epoch: Option<&str>,
    now: impl FnOnce() -> Timestamp,
) -> Result<RunTime, String> {
    let explicit = |time| RunTime {
        time,
        explicit: true,
    };
    match flag {
        Some("now") => return Ok(explicit(now())),
        Some(text) => return Timestamp::parse_rfc3339(text).map(explicit),
        None => {}
    }
    match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(Timestamp::from_unix)
            .map(explicit)
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH={text:?} is not a number of seconds since 1970")
            }),
        None => Ok(RunTime {
            time: now(),
            explicit: false,
        }),
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    #[test]
    fn formats_and_parses_round_trip() {
        assert_eq!(Timestamp(0).to_rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp(951_782_400).to_rfc3339(), "2000-02-29T00:00:00Z");
        assert_eq!(Timestamp(-1).to_rfc3339(), "1969-12-31T23:59:59Z");
        for s in [
            "2026-11-27T14:05:09Z",
            "2024-02-29T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(ts(s).to_rfc3339(), s);
        }
    }

    #[test]
    fn offsets_and_fractions_are_normalised_to_utc_seconds() {
        assert_eq!(
            ts("2026-11-27T15:05:09.987+01:00").to_rfc3339(),
            "2026-11-27T14:05:09Z"
        );
        assert_eq!(
            ts("2026-11-27 09:35:09-04:30").to_rfc3339(),
            "2026-11-27T14:05:09Z"
        );
        assert_eq!(
            ts("2016-12-31t23:59:60z").to_rfc3339(),
            "2016-12-31T23:59:59Z"
        );
    }

    #[test]
    fn rejects_what_is_not_rfc_3339() {
        for s in [
            "",
            "2026-11-27",
            "2026-11-27T14:05Z",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T14:05:09",
            "2026-11-27T14:05:09+0100",
            "2026-11-27T14:05:09.Z",
            "+2026-11-27T14:05:09Z",
            "2026-11-27T14:05:09Z trailing",
        ] {
            assert!(Timestamp::parse_rfc3339(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn flag_then_source_date_epoch_then_clock() {
        let clock = || Timestamp(42);
        let r = resolve(Some("2026-01-02T03:04:05Z"), Some("7"), clock).unwrap();
        assert_eq!(
            (r.time.to_rfc3339().as_str(), r.explicit),
            ("2026-01-02T03:04:05Z", true)
        );
        let r = resolve(Some("now"), None, clock).unwrap();
        assert_eq!((r.time, r.explicit), (Timestamp(42), true));
        let r = resolve(None, Some("1700000000"), clock).unwrap();
        assert_eq!(
            (r.time.to_rfc3339().as_str(), r.explicit),
            ("2023-11-14T22:13:20Z", true)
        );
        let r = resolve(None, Some(""), clock).unwrap();
        assert_eq!((r.time, r.explicit), (Timestamp(42), false));
        assert_eq!(r.explicit(), None);
        assert!(resolve(None, Some("yesterday"), clock).is_err());
        assert!(resolve(Some("yesterday"), None, clock).is_err());
    }
}
