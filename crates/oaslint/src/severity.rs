//! Guideline severities: MUST, SHOULD, MAY, HINT.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How binding a finding is. Ordered from most to least severe, so
/// `Must < Should` and sorting puts MUST findings first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// MUST: a violation of a mandatory guideline.
    Must,
    /// SHOULD: a violation of a recommendation.
    Should,
    /// MAY: worth a look.
    May,
    /// A hint.
    Hint,
}

impl Severity {
    /// Every severity, strongest first.
    pub const ALL: [Severity; 4] = [
        Severity::Must,
        Severity::Should,
        Severity::May,
        Severity::Hint,
    ];

    /// `must`, `should`, `may` or `hint`, as reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Must => "must",
            Severity::Should => "should",
            Severity::May => "may",
            Severity::Hint => "hint",
        }
    }

    /// `MUST`, `SHOULD`, … as the guidelines write them.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Must => "MUST",
            Severity::Should => "SHOULD",
            Severity::May => "MAY",
            Severity::Hint => "HINT",
        }
    }

    /// Whether a finding of this severity reaches threshold `level`.
    pub fn at_least(self, level: Severity) -> bool {
        self <= level
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A severity as a ruleset writes it: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleSeverity {
    /// The rule runs; its findings have this severity.
    On(Severity),
    /// The rule does not run.
    Off,
}

impl RuleSeverity {
    /// Reads our names (`must`, `should`, `may`, `hint`, `off`), Spectral's
    /// (`error`, `warn`, `info`, `hint`, `off`) and their upper-case forms.
    pub fn from_name(name: &str) -> Option<RuleSeverity> {
        Some(match name.to_ascii_lowercase().as_str() {
            "must" | "error" => RuleSeverity::On(Severity::Must),
            "should" | "warn" | "warning" => RuleSeverity::On(Severity::Should),
            "may" | "info" | "information" => RuleSeverity::On(Severity::May),
            "hint" => RuleSeverity::On(Severity::Hint),
            "off" => RuleSeverity::Off,
            _ => return None,
        })
    }

    /// Spectral's numbers: 0 error, 1 warn, 2 info, 3 hint, -1 off.
    pub fn from_number(n: i64) -> Option<RuleSeverity> {
        Some(match n {
            0 => RuleSeverity::On(Severity::Must),
            1 => RuleSeverity::On(Severity::Should),
            2 => RuleSeverity::On(Severity::May),
            3 => RuleSeverity::On(Severity::Hint),
            -1 => RuleSeverity::Off,
            _ => return None,
        })
    }

    /// The severity of the findings; `None` when off.
    pub fn level(self) -> Option<Severity> {
        match self {
            RuleSeverity::On(s) => Some(s),
            RuleSeverity::Off => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_map_to_levels() {
        let cases = [
            ("must", Some(RuleSeverity::On(Severity::Must))),
            ("error", Some(RuleSeverity::On(Severity::Must))),
            ("SHOULD", Some(RuleSeverity::On(Severity::Should))),
            ("warn", Some(RuleSeverity::On(Severity::Should))),
            ("info", Some(RuleSeverity::On(Severity::May))),
            ("hint", Some(RuleSeverity::On(Severity::Hint))),
            ("off", Some(RuleSeverity::Off)),
            ("fatal", None),
        ];
        for (name, want) in cases {
            assert_eq!(RuleSeverity::from_name(name), want, "{name}");
        }
        assert_eq!(
            RuleSeverity::from_number(2),
            Some(RuleSeverity::On(Severity::May))
        );
        assert_eq!(RuleSeverity::from_number(-1), Some(RuleSeverity::Off));
        assert_eq!(RuleSeverity::from_number(7), None);
    }

    #[test]
    fn ordering_puts_must_first() {
        assert!(Severity::Must.at_least(Severity::Should));
        assert!(!Severity::May.at_least(Severity::Should));
        assert!(Severity::Hint.at_least(Severity::Hint));
    }
}
