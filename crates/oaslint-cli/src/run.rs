//! One lint run as every output format sees it: the merged report, the
//! ruleset, which files each input pulled in, what the acknowledgement file
//! says about the findings, the run time and the fail level.

use crate::ack::{AckEntry, AckFile, Matching};
use crate::timestamp::RunTime;
use oaslint::{Finding, Report, Rule, Ruleset, Severity};
use sha2::{Digest, Sha256};

/// One linted input and the documents its lint read (itself first, then
/// the files its `$ref`s pulled in).
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub files: Vec<String>,
}

pub struct LintRun<'a> {
    pub report: &'a Report,
    pub ruleset: &'a Ruleset,
    pub inputs: &'a [Input],
    pub ack: Option<&'a AckFile>,
    pub matching: &'a Matching,
    pub time: RunTime,
    /// `--fail-on`; `None` never fails on findings.
    pub fail_on: Option<Severity>,
}

/// The one-line outcome a pull request is told first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Inputs could not be processed (exit code 2).
    Error(usize),
    /// Unacknowledged findings at or above the fail level (exit code 1).
    Blocked(usize),
    /// MUST findings that do not fail the run (`--fail-on none`).
    Unenforced(usize),
    /// SHOULD/MAY findings to fix or acknowledge.
    Acknowledge(usize),
    /// Nothing to act on (hints and acknowledged findings may remain).
    Clean,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Error(_) => "error",
            Verdict::Blocked(_) => "blocked",
            Verdict::Unenforced(_) => "unenforced",
            Verdict::Acknowledge(_) => "acknowledge",
            Verdict::Clean => "clean",
        }
    }
}

/// Exit code: no finding at or above the fail level.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above the fail level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: an input or the ruleset could not be processed.
pub const EXIT_ERROR: u8 = 2;

impl LintRun<'_> {
    /// The acknowledgement of finding `i`, if any.
    pub fn ack_of(&self, i: usize) -> Option<&AckEntry> {
        let e = self.matching.acknowledged.get(i).copied().flatten()?;
        self.ack.map(|a| &a.entries[e])
    }

    pub fn is_acknowledged(&self, i: usize) -> bool {
        self.ack_of(i).is_some()
    }

    /// Findings not acknowledged, with their indices.
    pub fn active(&self) -> impl Iterator<Item = (usize, &Finding)> {
        self.report
            .findings
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_acknowledged(*i))
    }

    /// Acknowledged findings, with their indices.
    pub fn acknowledged(&self) -> impl Iterator<Item = (usize, &Finding)> {
        self.report
            .findings
            .iter()
            .enumerate()
            .filter(|(i, _)| self.is_acknowledged(*i))
    }

    pub fn acknowledged_count(&self) -> usize {
        self.acknowledged().count()
    }

    /// Unacknowledged findings of `severity`.
    pub fn active_count(&self, severity: Severity) -> usize {
        self.active()
            .filter(|(_, f)| f.severity == severity)
            .count()
    }

    /// Whether finding `f` (unacknowledged) fails the run.
    pub fn blocks(&self, f: &Finding) -> bool {
        self.fail_on.is_some_and(|l| f.severity.at_least(l))
    }

    /// Unacknowledged findings that fail the run.
    pub fn blocking_count(&self) -> usize {
        self.active().filter(|(_, f)| self.blocks(f)).count()
    }

    /// Whether an unacknowledged finding asks for an acknowledgement: SHOULD
    /// and MAY findings.
    pub fn wants_ack(f: &Finding) -> bool {
        matches!(f.severity, Severity::Should | Severity::May)
    }

    /// Unacknowledged SHOULD/MAY findings.
    pub fn to_acknowledge(&self) -> impl Iterator<Item = (usize, &Finding)> {
        self.active().filter(|(_, f)| Self::wants_ack(f))
    }

    pub fn verdict(&self) -> Verdict {
        if !self.report.errors.is_empty() {
            return Verdict::Error(self.report.errors.len());
        }
        let blocking = self.blocking_count();
        if blocking > 0 {
            return Verdict::Blocked(blocking);
        }
        let must = self.active_count(Severity::Must);
        if must > 0 {
            return Verdict::Unenforced(must);
        }
        match self.to_acknowledge().count() {
            0 => Verdict::Clean,
            n => Verdict::Acknowledge(n),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self.verdict() {
            Verdict::Error(_) => EXIT_ERROR,
            Verdict::Blocked(_) => EXIT_FINDINGS,
            _ => EXIT_OK,
        }
    }

    /// The rule of a finding (`None` for the engine's own `duplicate-key`
    /// and `remote-ref`, or a rule that is not in the ruleset).
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.ruleset.rules.iter().find(|r| r.id == id)
    }

    /// A rule's title, also for the engine's built-in checks.
    pub fn rule_title(&self, id: &str) -> String {
        if let Some(r) = self.rule(id) {
            if !r.title.is_empty() {
                return r.title.clone();
            }
        }
        builtin_title(id).unwrap_or(id).to_string()
    }

    /// The guideline link of a finding's rule.
    pub fn rule_link(&self, f: &Finding) -> Option<String> {
        f.link
            .clone()
            .or_else(|| self.rule(&f.rule).and_then(|r| r.link.clone()))
    }

    /// Documents that were linted (not `$ref`'d fragments).
    pub fn linted_files(&self) -> usize {
        self.report
            .documents
            .iter()
            .filter(|d| d.format.is_some())
            .count()
    }

    /// A hash of the findings that want an acknowledgement: a PR thread
    /// whose fingerprint changed has new findings to look at.
    pub fn fingerprint(&self) -> String {
        let mut keys: Vec<String> = self.to_acknowledge().map(|(_, f)| finding_key(f)).collect();
        keys.sort();
        keys.dedup();
        let mut h = Sha256::new();
        for k in keys {
            h.update(k.as_bytes());
            h.update(b"\n");
        }
        crate::ack::hex(&h.finalize())
    }

    /// Entries of the acknowledgement file that match no finding.
    pub fn stale(&self) -> impl Iterator<Item = &AckEntry> {
        self.matching
            .stale
            .iter()
            .filter_map(|&i| self.ack.map(|a| &a.entries[i]))
    }

    /// Entries that tried to acknowledge a MUST finding, with the finding.
    pub fn refused(&self) -> impl Iterator<Item = (&AckEntry, &Finding)> {
        self.matching
            .refused
            .iter()
            .filter_map(|&(e, f)| self.ack.map(|a| (&a.entries[e], &self.report.findings[f])))
    }

    /// The acknowledgement file's name as messages show it.
    pub fn ack_display(&self) -> &str {
        self.ack
            .map(|a| a.display.as_str())
            .unwrap_or(crate::ack::DEFAULT_ACK_FILE)
    }
}

/// Rule, file and pointer: what identifies a finding across runs.
pub fn finding_key(f: &Finding) -> String {
    format!("{}\u{0}{}\u{0}{}", f.rule, f.file, f.pointer)
}

/// Titles of the checks the engine makes without a rule.
pub fn builtin_title(id: &str) -> Option<&'static str> {
    match id {
        "duplicate-key" => Some("Mapping keys must be unique"),
        "remote-ref" => Some("Remote references are not linted"),
        _ => None,
    }
}

/// `1 finding`, `2 findings`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A finding's place, `file:line:col`.
pub fn place(f: &Finding) -> String {
    format!("{}:{}:{}", f.file, f.range.start.line, f.range.start.column)
}

/// The acknowledgement's wording: `reason (by who, at when)`.
pub fn describe_ack(e: &AckEntry) -> String {
    let mut s = if e.reason.trim().is_empty() {
        "no reason given".to_string()
    } else {
        e.reason.trim().to_string()
    };
    match (&e.by, &e.at) {
        (Some(by), Some(at)) => s.push_str(&format!(" ({by}, {at})")),
        (Some(by), None) => s.push_str(&format!(" ({by})")),
        (None, Some(at)) => s.push_str(&format!(" ({at})")),
        (None, None) => {}
    }
    s
}
