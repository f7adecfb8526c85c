//! One lint run as every output format sees it: the merged report, the
//! ruleset, which files each input pulled in, what the acknowledgement file
//! says about the findings, the run time and the fail level.

use crate::ack::{AckEntry, AckFile, Matching};
use crate::timestamp::RunTime;
use oaslint::{Finding, Report, Rule, Ruleset, Severity};
use oaslint::{IgnoreSite, IgnoredFinding};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// One linted input and the documents its lint read (itself first, then
/// the files its `$ref`s pulled in).
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub files: Vec<String>,
    /// Its configuration (index in `RunContext::configurations`).
    pub configuration: usize,
}

/// Why a finding blocks or does not: the JSON report's `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Introduced (or not known before): blocks at or above `--fail-on`.
    New,
    /// Also found in the `--base` revision's version (`--new-only`).
    Existing,
    /// In the baseline file.
    Baseline,
    /// In the acknowledgement file.
    Acknowledged,
}

impl Status {
    /// The JSON report's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Existing => "existing",
            Status::Baseline => "baseline",
            Status::Acknowledged => "acknowledged",
        }
    }
}

/// A file an input glob matched that was not linted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// As reports name files (relative to the working directory).
    pub file: String,
    pub reason: SkipReason,
}

/// Why a matched file was not linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// No OpenAPI document, and referenced by no linted document.
    NotOpenapi,
    /// Matched by `--exclude`.
    Excluded,
    /// Ignored by a `.gitignore` (or `.ignore`) file.
    Gitignored,
    /// Matched by the `ignore` globs of the configuration.
    ConfigIgnore,
}

impl SkipReason {
    /// The JSON report's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotOpenapi => "not-openapi",
            SkipReason::Excluded => "excluded",
            SkipReason::Gitignored => "gitignored",
            SkipReason::ConfigIgnore => "config-ignore",
        }
    }
}

/// One configuration a run applied: the configuration file (none: the
/// built-in default or `--ruleset`) and the ruleset it amounts to.
#[derive(Debug, Clone)]
pub struct Configuration {
    /// The configuration file as reports name files, if any.
    pub file: Option<String>,
    pub ruleset: Ruleset,
}

/// The baseline file a run matched the findings with.
#[derive(Debug, Clone, Default)]
pub struct BaselineSummary {
    /// As messages show it.
    pub file: String,
    /// Entries that match no finding any more.
    pub stale: Vec<StaleBaselineEntry>,
    /// Where the baseline was read from: the work tree, or the pinned
    /// revision (`origin/main:.oaslint-baseline.yaml`).
    pub source: String,
    /// The file as read (its entries) and what they matched, for
    /// `oaslint baseline`.
    pub(crate) loaded: crate::baseline::BaselineFile,
    pub(crate) matching: crate::baseline::BaselineMatching,
}

/// A baseline entry that matches no finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleBaselineEntry {
    pub rule: String,
    pub file: String,
    pub pointer: String,
    /// The check of the change it was written for, if any.
    pub check: Option<String>,
    /// Its line in the baseline file, if known.
    pub line: Option<usize>,
}

/// The revision `--new-only --base` compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseRevision {
    /// As the user gave it (`origin/main`).
    pub rev: String,
    /// The commit it named (40 or 64 hex digits).
    pub commit: String,
}

/// What a run knows besides the report: per-file configurations, skipped
/// files, the baseline and the base revision, and where the working
/// directory sits in the repository (for links to files in comments).
#[derive(Debug, Clone, Default)]
pub struct RunContext {
    /// Every configuration applied, the first being the run's main one
    /// (`LintRun::ruleset`). `Input::configuration` indexes this list.
    pub configurations: Vec<Configuration>,
    pub skipped: Vec<Skipped>,
    pub baseline: Option<BaselineSummary>,
    pub base: Option<BaseRevision>,
    /// The working directory relative to the repository's root, `/`-joined
    /// (`""` at the root); `None` outside a git work tree. Reported file
    /// names are relative to the working directory.
    pub cwd_in_repository: Option<String>,
    /// What was compared with a base version (`oaslint diff`, `lint
    /// --base`); the changes are the findings with a `check`.
    pub changes: Option<crate::changes::ApiChanges>,
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
    /// Which in-spec ignores the gate refused.
    pub ignores: &'a IgnoreGate,
    /// The status of each finding (by index in `report.findings`).
    pub statuses: &'a [Status],
    pub context: &'a RunContext,
}

/// What the gate made of the document's own ignores (`x-zally-ignore`,
/// `x-lint-ignore`).
///
/// A document is written by the pull request it gates, so an ignore in it
/// must not hide a MUST finding unless the pipeline allows it with
/// `--allow-must-ignore` (as `--allow-must-ack` does for the
/// acknowledgement file). A refused ignore leaves its finding in
/// `report.findings` — counted in the summary, shown and failing like any
/// other — and in `report.ignored`, where it names the ignore that tried.
#[derive(Debug, Clone, Default)]
pub struct IgnoreGate {
    /// `--allow-must-ignore`: ignores of MUST findings are honoured.
    pub allow_must: bool,
    /// Index in `report.findings` → index in `report.ignored`, for each
    /// finding whose ignore was refused.
    refused: HashMap<usize, usize>,
    /// Whether `report.ignored[i]` was refused (by index).
    refused_ignored: Vec<bool>,
    /// Ignored MUST findings left out of `report.ignored` by the findings
    /// limit: without `--allow-must-ignore` they block like listed ones.
    unlisted: usize,
}

impl IgnoreGate {
    /// Applies the gate to `report`: unless `allow_must`, every ignored
    /// MUST finding is put back among the findings (in report order) and
    /// the summary recounted. Call it before acknowledgements are matched.
    pub fn apply(report: &mut Report, allow_must: bool) -> IgnoreGate {
        let mut gate = IgnoreGate {
            allow_must,
            refused_ignored: vec![false; report.ignored.len()],
            ..IgnoreGate::default()
        };
        if allow_must {
            return gate;
        }
        gate.unlisted = report
            .truncated
            .as_ref()
            .map_or(0, |t| t.omitted_ignored_must);
        let refused: Vec<usize> = report
            .ignored
            .iter()
            .enumerate()
            .filter(|(_, i)| i.finding.severity == Severity::Must)
            .map(|(i, _)| i)
            .collect();
        if refused.is_empty() {
            return gate;
        }
        for &i in &refused {
            gate.refused_ignored[i] = true;
            report.findings.push(report.ignored[i].finding.clone());
        }
        sort_findings(report);
        let by_finding: HashMap<&Finding, usize> = refused
            .iter()
            .map(|&i| (&report.ignored[i].finding, i))
            .collect();
        gate.refused = report
            .findings
            .iter()
            .enumerate()
            .filter_map(|(f, finding)| by_finding.get(finding).map(|&i| (f, i)))
            .collect();
        report.recount();
        gate
    }

    /// Ignored MUST findings that block but are not listed.
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }
}

/// Puts findings in report order: by document (in the order the report
/// lists them), then position, severity, rule, message and pointer — the
/// engine's order.
pub(crate) fn sort_findings(report: &mut Report) {
    let doc: HashMap<&str, usize> = report
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.file.as_str(), i))
        .collect();
    let mut keyed: Vec<(usize, Finding)> = std::mem::take(&mut report.findings)
        .into_iter()
        .map(|f| (doc.get(f.file.as_str()).copied().unwrap_or(usize::MAX), f))
        .collect();
    keyed.sort_by(|(da, a), (db, b)| {
        da.cmp(db)
            .then(a.range.start.cmp(&b.range.start))
            .then(a.severity.cmp(&b.severity))
            .then(a.rule.cmp(&b.rule))
            .then(a.message.cmp(&b.message))
            .then(a.pointer.cmp(&b.pointer))
    });
    report.findings = keyed.into_iter().map(|(_, f)| f).collect();
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
    /// The status of finding `i`.
    pub fn status(&self, i: usize) -> Status {
        self.statuses.get(i).copied().unwrap_or(Status::New)
    }

    /// Findings of `status`.
    pub fn status_count(&self, status: Status) -> usize {
        self.statuses.iter().filter(|&&s| s == status).count()
    }

    /// Whether finding `i` fails the run: new and at or above `--fail-on`.
    pub fn is_blocking(&self, i: usize) -> bool {
        self.status(i) == Status::New && self.blocks(&self.report.findings[i])
    }

    /// The acknowledgement of finding `i`, if any.
    pub fn ack_of(&self, i: usize) -> Option<&AckEntry> {
        let e = self.matching.acknowledged.get(i).copied().flatten()?;
        self.ack.map(|a| &a.entries[e])
    }

    pub fn is_acknowledged(&self, i: usize) -> bool {
        self.ack_of(i).is_some()
    }

    /// New findings (not acknowledged, not in the baseline, not
    /// pre-existing), with their indices.
    pub fn active(&self) -> impl Iterator<Item = (usize, &Finding)> {
        self.report
            .findings
            .iter()
            .enumerate()
            .filter(|(i, _)| self.status(*i) == Status::New)
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

    /// Findings that fail the run: unacknowledged ones at or above the
    /// fail level, those the findings limit left out (they cannot be
    /// acknowledged, not being listed), and ignored findings left out while
    /// MUST ignores are refused (they may be MUST findings).
    pub fn blocking_count(&self) -> usize {
        let Some(level) = self.fail_on else { return 0 };
        self.active().filter(|(_, f)| self.blocks(f)).count()
            + self.omitted_at_least(level)
            + self.ignores.unlisted
    }

    /// Findings the findings limit left out of the list, at or above
    /// `level` (they are in the summary, not in `findings`).
    pub fn omitted_at_least(&self, level: Severity) -> usize {
        let Some(t) = &self.report.truncated else {
            return 0;
        };
        Severity::ALL
            .iter()
            .filter(|s| s.at_least(level))
            .map(|&s| t.omitted.count(s))
            .sum()
    }

    /// The in-spec ignore that finding `i` escaped because the gate refused
    /// it (a MUST finding without `--allow-must-ignore`).
    pub fn refused_ignore_of(&self, i: usize) -> Option<&IgnoreSite> {
        let j = *self.ignores.refused.get(&i)?;
        Some(&self.report.ignored[j].ignored_by)
    }

    /// Whether the ignore of `report.ignored[j]` was refused: its finding is
    /// also in `findings` and counts.
    pub fn ignore_refused(&self, j: usize) -> bool {
        self.ignores
            .refused_ignored
            .get(j)
            .copied()
            .unwrap_or(false)
    }

    /// For each refused ignore: (its index in `report.ignored`, the index
    /// of its finding in `report.findings`).
    pub fn refused_ignore_findings(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.ignores.refused.iter().map(|(&f, &j)| (j, f))
    }

    /// Ignored findings whose ignore was honoured, with their indices in
    /// `report.ignored`.
    pub fn honoured_ignores(&self) -> impl Iterator<Item = (usize, &IgnoredFinding)> {
        self.report
            .ignored
            .iter()
            .enumerate()
            .filter(|(j, _)| !self.ignore_refused(*j))
    }

    /// Ignored findings whose ignore was refused (they are also findings).
    pub fn refused_ignores(&self) -> impl Iterator<Item = (usize, &IgnoredFinding)> {
        self.report
            .ignored
            .iter()
            .enumerate()
            .filter(|(j, _)| self.ignore_refused(*j))
    }

    /// Whether the run found nothing at all: no finding, none ignored by
    /// the document, none left out by the limit. Only then may a report say
    /// "no findings".
    pub fn nothing_found(&self) -> bool {
        self.report.findings.is_empty()
            && self.report.ignored.is_empty()
            && self.report.summary.ignored == 0
            && self.report.truncated.is_none()
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
        let must = self.active_count(Severity::Must) + self.omitted_at_least(Severity::Must);
        if must > 0 {
            return Verdict::Unenforced(must);
        }
        let omitted = self.report.truncated.as_ref().map_or(0, |t| {
            t.omitted.count(Severity::Should) + t.omitted.count(Severity::May)
        });
        match self.to_acknowledge().count() + omitted {
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
        self.ruleset
            .title_of(id)
            .or_else(|| builtin_title(id))
            .unwrap_or(id)
            .to_string()
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

    /// A hash of what the run asks for: the verdict, the errors, and every
    /// finding that blocks or waits for an acknowledgement (rule, file,
    /// pointer). A pull-request thread keeps a reviewer's resolution while
    /// it is unchanged, and re-opens when it changes.
    pub fn fingerprint(&self) -> String {
        let mut keys: Vec<String> = self
            .active()
            .filter(|&(i, f)| self.is_blocking(i) || Self::wants_ack(f))
            .map(|(_, f)| finding_key(f))
            .chain(
                self.report
                    .errors
                    .iter()
                    .map(|e| format!("error\u{0}{}\u{0}{}", e.file, e.message)),
            )
            .collect();
        keys.sort();
        keys.dedup();
        let mut h = Sha256::new();
        h.update(self.verdict().as_str().as_bytes());
        h.update(b"\n");
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

/// Titles of the findings made without a rule: the engine's own checks
/// (`duplicate-key`, `remote-ref`) and the CLI's pinned-configuration check.
pub fn builtin_title(id: &str) -> Option<&'static str> {
    match id {
        crate::pin::CONFIG_WEAKENED => {
            Some("A pull request must not weaken the pinned lint configuration")
        }
        // The rules of the comparison with a base version (`oaslint diff`,
        // `lint --base`), when the run's ruleset does not name them.
        "106" => Some("Do not break backward compatibility"),
        "116" => Some("Use semantic versioning"),
        _ => oaslint::builtin_rule_title(id),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ack::Matching;
    use crate::timestamp::{RunTime, Timestamp};
    use oaslint::{FunctionRegistry, NoFiles, RulesetLoader};
    use oaslint::{RulesetInfo, Truncation};

    fn verdict(report: &Report, fail_on: Option<Severity>) -> Verdict {
        verdict_with(report, fail_on, &IgnoreGate::default())
    }

    fn verdict_with(report: &Report, fail_on: Option<Severity>, ignores: &IgnoreGate) -> Verdict {
        let registry = FunctionRegistry::default();
        let ruleset = RulesetLoader::new(&NoFiles, &registry)
            .load("zalando")
            .unwrap();
        let matching = Matching::none(report.findings.len());
        LintRun {
            report,
            ruleset: &ruleset,
            inputs: &[],
            ack: None,
            matching: &matching,
            time: RunTime {
                time: Timestamp::now(),
                explicit: false,
            },
            fail_on,
            ignores,
            statuses: &vec![Status::New; report.findings.len()],
            context: &RunContext::default(),
        }
        .verdict()
    }

    fn truncated(must: usize, should: usize) -> Report {
        let mut report = Report::new(RulesetInfo {
            name: "r".into(),
            version: "1.0.0".into(),
        });
        let mut t = Truncation::default();
        t.omitted.must = must;
        t.omitted.should = should;
        report.truncated = Some(t);
        report.recount();
        report
    }

    /// Findings the limit left out cannot be acknowledged (they are not
    /// listed): at or above the fail level they fail the run.
    #[test]
    fn omitted_findings_at_the_fail_level_block() {
        let must = Some(Severity::Must);
        assert_eq!(verdict(&truncated(2, 0), must), Verdict::Blocked(2));
        assert_eq!(verdict(&truncated(0, 3), must), Verdict::Acknowledge(3));
        assert_eq!(
            verdict(&truncated(0, 3), Some(Severity::Should)),
            Verdict::Blocked(3)
        );
        assert_eq!(verdict(&truncated(2, 0), None), Verdict::Unenforced(2));
    }

    /// Ignored MUST findings the limit left out cannot be shown: unless
    /// MUST ignores are allowed, they block like listed ones.
    #[test]
    fn unlisted_ignored_must_findings_block_unless_must_ignores_are_allowed() {
        let mut report = truncated(0, 0);
        let t = report.truncated.as_mut().unwrap();
        t.omitted.ignored = 6;
        t.omitted_ignored_must = 4;
        let must = Some(Severity::Must);
        let refused = IgnoreGate::apply(&mut report.clone(), false);
        assert_eq!(verdict_with(&report, must, &refused), Verdict::Blocked(4));
        let allowed = IgnoreGate::apply(&mut report.clone(), true);
        assert_eq!(verdict_with(&report, must, &allowed), Verdict::Clean);
    }
}
