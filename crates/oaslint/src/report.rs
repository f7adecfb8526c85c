//! The lint report: the stable JSON contract described by
//! `docs/report.schema.json`.

use crate::error::Error;
use crate::severity::Severity;
use crate::source::Range;
use serde::{Deserialize, Serialize};

/// The version of the report format (bumped on incompatible changes).
pub const REPORT_FORMAT_VERSION: &str = "1.1";

/// Everything one lint run found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The tool that made the report.
    pub tool: ToolInfo,
    /// The ruleset the documents were linted with.
    pub ruleset: RulesetInfo,
    /// Every document read: the linted files and the files their `$ref`s
    /// pulled in.
    pub documents: Vec<DocumentInfo>,
    /// Findings in a deterministic order: by document, then position,
    /// then rule id.
    pub findings: Vec<Finding>,
    /// The findings counted by severity.
    pub summary: Summary,
    /// Inputs that could not be processed (exit code 2 in the CLI).
    pub errors: Vec<Error>,
    /// Findings suppressed by `x-zally-ignore` / `x-lint-ignore` in the
    /// document, each with the ignore that suppressed it, so that a gate
    /// can show (and refuse) what a document hides from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<IgnoredFinding>,
    /// Set when more findings were found than a report keeps (see
    /// [`Report::truncate`]): what was left out, counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncation>,
}

/// A finding that an in-document ignore suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IgnoredFinding {
    #[serde(flatten)]
    /// The finding, as it would have been reported.
    pub finding: Finding,
    /// Where the ignore entry that names the finding's rule is.
    pub ignored_by: IgnoreSite,
}

/// The place of an `x-zally-ignore` / `x-lint-ignore` entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IgnoreSite {
    /// The file of the ignore.
    pub file: String,
    /// RFC 6901 pointer of the list item (or single value) naming the rule.
    pub pointer: String,
    /// Where the ignore is written.
    pub range: Range,
}

/// What a report left out when it reached its limit of kept findings. The
/// summary still counts every finding, kept or not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truncation {
    /// The most findings (and, separately, ignored findings) kept.
    pub limit: usize,
    /// Findings found but not listed, by severity (`ignored`: ignored
    /// findings not listed).
    pub omitted: Summary,
    /// Findings found but not listed, by rule id.
    pub omitted_by_rule: std::collections::BTreeMap<String, usize>,
    /// Of the ignored findings not listed, those of MUST severity: a gate
    /// that refuses in-document ignores of MUST findings needs them.
    #[serde(default)]
    pub omitted_ignored_must: usize,
}

impl Truncation {
    /// Findings left out of the list (not counting ignored ones).
    pub fn omitted_total(&self) -> usize {
        self.omitted.total()
    }
}

/// The default most findings a report keeps (`Linter::with_max_findings`).
/// Generous: real specs with the full Zalando ruleset give up to ~16 000.
pub const DEFAULT_MAX_FINDINGS: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// The tool that made a report.
pub struct ToolInfo {
    /// `oaslint`.
    pub name: String,
    /// The tool's version.
    pub version: String,
}

impl Default for ToolInfo {
    fn default() -> Self {
        ToolInfo {
            name: "oaslint".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// A ruleset's name and version.
pub struct RulesetInfo {
    /// The ruleset's name.
    pub name: String,
    /// The ruleset's version.
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// A file a lint read: a linted document or a `$ref`'d file.
pub struct DocumentInfo {
    /// As the user named it; a `$ref`'d file relative to the same base.
    pub file: String,
    /// `swagger-2.0`, `openapi-3.0`, `openapi-3.1`; `null` for `$ref`'d
    /// fragments and documents that could not be read.
    pub format: Option<String>,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

/// One rule violation at one place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// The id of the rule (or engine check) that found it.
    pub rule: String,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// The file it is in.
    pub file: String,
    /// RFC 6901 pointer into `file` (`""` is the whole document). For a
    /// missing member it names the member that should exist.
    pub pointer: String,
    /// 1-based lines; 1-based columns in UTF-16 code units; `end` exclusive.
    pub range: Range,
    /// The guideline the rule implements.
    pub link: Option<String>,
    /// Where and how Spectral 6 reports this finding, when that differs:
    /// at the nearest existing node for a missing member, at the target of
    /// the `$ref` for a key whose value is a `$ref`
    /// (`docs/spectral-compatibility.md#deliberate-differences` says why
    /// oaslint's own place differs). Not part of the JSON report; the CLI's
    /// `spectral-json` format prints it.
    #[serde(skip)]
    pub spectral: Option<Box<SpectralLocation>>,
    /// For a change found by comparing two versions of an API
    /// ([`crate::diff`]): the id of the check that found it
    /// (`api-path-removed-without-deprecation`, oasdiff's id where oasdiff
    /// has the same check). `None` for a lint finding.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub check: Option<String>,
    /// For a change found by comparing two versions: where the changed or
    /// removed part is in the base version (a removal is located at the
    /// nearest part of HEAD that still exists, so this is where it was).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub base: Option<BaseLocation>,
}

/// A place in the base version of a comparison: a file as that version
/// names it, an RFC 6901 pointer into it and the text range there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BaseLocation {
    /// The file, as named in the base version.
    pub file: String,
    /// RFC 6901 pointer into `file`.
    pub pointer: String,
    /// 1-based lines; 1-based columns in UTF-16 code units; `end` exclusive.
    pub range: Range,
}

/// Where Spectral 6 reports a [`Finding`] that oaslint places elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpectralLocation {
    /// The file.
    pub file: String,
    /// RFC 6901 pointer into `file`.
    pub pointer: String,
    /// 1-based lines; 1-based columns in UTF-16 code units; `end` exclusive.
    pub range: Range,
    /// The message, when the rule's template names the place
    /// (`{{property}}`, `{{path}}`) and so reads differently there.
    pub message: Option<String>,
    /// Further results Spectral reports for the same finding: its `given`
    /// reaches the node both where it is written and where `$ref`s use
    /// it. Through a `$ref`-only object a missing member's `{{property}}`
    /// reads differently at the same place (`"Price"` for
    /// `"Price.maximum"`); through a `$ref` with sibling keys Spectral
    /// reports at the `$ref` object itself. Each has its own message.
    pub also: Vec<SpectralLocation>,
}

/// Number of findings per severity, and of findings suppressed in the
/// document by `x-zally-ignore` / `x-lint-ignore`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// MUST findings.
    pub must: usize,
    /// SHOULD findings.
    pub should: usize,
    /// MAY findings.
    pub may: usize,
    /// Hints.
    pub hint: usize,
    /// Findings ignored by `x-zally-ignore` / `x-lint-ignore`.
    pub ignored: usize,
}

impl Summary {
    /// The findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Must => self.must,
            Severity::Should => self.should,
            Severity::May => self.may,
            Severity::Hint => self.hint,
        }
    }

    /// All findings (not the ignored ones).
    pub fn total(&self) -> usize {
        self.must + self.should + self.may + self.hint
    }

    pub(crate) fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Must => self.must += 1,
            Severity::Should => self.should += 1,
            Severity::May => self.may += 1,
            Severity::Hint => self.hint += 1,
        }
    }

    /// Adds `other`'s counts to these.
    pub(crate) fn merge(&mut self, other: &Summary) {
        self.must += other.must;
        self.should += other.should;
        self.may += other.may;
        self.hint += other.hint;
        self.ignored += other.ignored;
    }
}

impl Report {
    /// An empty report for `ruleset`.
    pub fn new(ruleset: RulesetInfo) -> Report {
        Report {
            tool: ToolInfo::default(),
            ruleset,
            documents: Vec::new(),
            findings: Vec::new(),
            summary: Summary::default(),
            errors: Vec::new(),
            ignored: Vec::new(),
            truncated: None,
        }
    }

    /// Recounts `summary` from `findings` and what was left out of them
    /// (keeping `ignored`).
    pub fn recount(&mut self) {
        let ignored = self.summary.ignored;
        self.summary = Summary {
            ignored,
            ..Summary::default()
        };
        for f in &self.findings {
            self.summary.add(f.severity);
        }
        if let Some(t) = &self.truncated {
            self.summary.must += t.omitted.must;
            self.summary.should += t.omitted.should;
            self.summary.may += t.omitted.may;
            self.summary.hint += t.omitted.hint;
        }
    }

    /// Keeps at most `limit` findings and `limit` ignored findings; what is
    /// cut is counted in [`Report::truncated`]. The summary keeps counting
    /// everything.
    pub fn truncate(&mut self, limit: usize) {
        let cut_findings = self.findings.len().saturating_sub(limit);
        let cut_ignored = self.ignored.len().saturating_sub(limit);
        if cut_findings == 0 && cut_ignored == 0 {
            if let Some(t) = &mut self.truncated {
                t.limit = t.limit.min(limit);
            }
            return;
        }
        let t = self.truncated.get_or_insert_with(Truncation::default);
        t.limit = if t.limit == 0 {
            limit
        } else {
            t.limit.min(limit)
        };
        for f in self.findings.drain(limit.min(self.findings.len())..) {
            t.omitted.add(f.severity);
            *t.omitted_by_rule.entry(f.rule).or_default() += 1;
        }
        t.omitted.ignored += cut_ignored;
        t.omitted_ignored_must += self.ignored[limit.min(self.ignored.len())..]
            .iter()
            .filter(|i| i.finding.severity == Severity::Must)
            .count();
        self.ignored.truncate(limit);
        self.recount();
    }

    /// Appends another run's report (several input files, one report).
    /// Documents already listed (shared `$ref`'d files) are not repeated.
    pub fn merge(&mut self, other: Report) {
        self.merge_all([other]);
    }

    /// Appends many reports at once. Sets of what is already listed are
    /// built once and the summary is counted once, so merging n reports
    /// is linear in their size (merging one at a time is quadratic).
    pub fn merge_all(&mut self, others: impl IntoIterator<Item = Report>) {
        let mut files: rustc_hash::FxHashSet<String> =
            self.documents.iter().map(|d| d.file.clone()).collect();
        let mut seen_ignored = Listed::new(&self.ignored);
        let mut seen = Listed::new(&self.findings);
        for other in others {
            for d in other.documents {
                if files.insert(d.file.clone()) {
                    self.documents.push(d);
                }
            }
            if let Some(o) = other.truncated {
                let t = self.truncated.get_or_insert_with(Truncation::default);
                t.limit = if t.limit == 0 {
                    o.limit
                } else {
                    t.limit.min(o.limit)
                };
                t.omitted.must += o.omitted.must;
                t.omitted.should += o.omitted.should;
                t.omitted.may += o.omitted.may;
                t.omitted.hint += o.omitted.hint;
                t.omitted.ignored += o.omitted.ignored;
                t.omitted_ignored_must += o.omitted_ignored_must;
                for (rule, n) in o.omitted_by_rule {
                    *t.omitted_by_rule.entry(rule).or_default() += n;
                }
            }
            for f in other.ignored {
                seen_ignored.push_new(&mut self.ignored, f);
            }
            // Two linted files that `$ref` one shared file report its
            // findings twice; keep one.
            for f in other.findings {
                seen.push_new(&mut self.findings, f);
            }
            self.errors.extend(other.errors);
            self.summary.ignored += other.summary.ignored;
        }
        self.recount();
    }

    /// Whether any finding is at or above `level`.
    pub fn has_findings_at(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity.at_least(level))
    }

    /// The report as pretty JSON (the `--format json` output).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serializes")
    }
}

/// Which items of a list are already there, by hash and index (no copies).
struct Listed(hashbrown::HashTable<(u64, usize)>);

impl Listed {
    fn new<T: std::hash::Hash>(items: &[T]) -> Listed {
        let mut table = hashbrown::HashTable::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let h = hash_of(item);
            table.insert_unique(h, (h, i), |e: &(u64, usize)| e.0);
        }
        Listed(table)
    }

    /// Appends `item` to `items` unless an equal one is listed.
    fn push_new<T: std::hash::Hash + Eq>(&mut self, items: &mut Vec<T>, item: T) {
        let h = hash_of(&item);
        if self.0.find(h, |e| e.0 == h && items[e.1] == item).is_none() {
            self.0.insert_unique(h, (h, items.len()), |e| e.0);
            items.push(item);
        }
    }
}

fn hash_of<T: std::hash::Hash>(item: &T) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(item)
}
