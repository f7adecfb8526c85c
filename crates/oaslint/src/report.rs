//! The lint report: the stable JSON contract described by
//! `docs/report.schema.json`.

use crate::error::Error;
use crate::severity::Severity;
use crate::source::Range;
use serde::{Deserialize, Serialize};

/// The version of the report format (bumped on incompatible changes).
pub const REPORT_FORMAT_VERSION: &str = "1.0";

/// Everything one lint run found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub tool: ToolInfo,
    pub ruleset: RulesetInfo,
    /// Every document read: the linted files and the files their `$ref`s
    /// pulled in.
    pub documents: Vec<DocumentInfo>,
    /// Findings in a deterministic order: by document, then position,
    /// then rule id.
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Inputs that could not be processed (exit code 2 in the CLI).
    pub errors: Vec<Error>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
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
pub struct RulesetInfo {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    /// RFC 6901 pointer into `file` (`""` is the whole document). For a
    /// missing member it names the member that should exist.
    pub pointer: String,
    /// 1-based lines; 1-based columns in UTF-16 code units; `end` exclusive.
    pub range: Range,
    /// The guideline the rule implements.
    pub link: Option<String>,
}

/// Number of findings per severity, and of findings suppressed in the
/// document by `x-zally-ignore` / `x-lint-ignore`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub must: usize,
    pub should: usize,
    pub may: usize,
    pub hint: usize,
    pub ignored: usize,
}

impl Summary {
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Must => self.must,
            Severity::Should => self.should,
            Severity::May => self.may,
            Severity::Hint => self.hint,
        }
    }

    pub fn total(&self) -> usize {
        self.must + self.should + self.may + self.hint
    }

    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Must => self.must += 1,
            Severity::Should => self.should += 1,
            Severity::May => self.may += 1,
            Severity::Hint => self.hint += 1,
        }
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
        }
    }

    /// Recounts `summary` from `findings` (keeping `ignored`).
    pub fn recount(&mut self) {
        let ignored = self.summary.ignored;
        self.summary = Summary {
            ignored,
            ..Summary::default()
        };
        for f in &self.findings {
            self.summary.add(f.severity);
        }
    }

    /// Appends another run's report (several input files, one report).
    /// Documents already listed (shared `$ref`'d files) are not repeated.
    pub fn merge(&mut self, other: Report) {
        for d in other.documents {
            if !self.documents.iter().any(|x| x.file == d.file) {
                self.documents.push(d);
            }
        }
        // Two linted files that `$ref` one shared file report its findings
        // twice; keep one. A hash set keeps merging linear (the GitHub spec
        // has 16 000 findings).
        let seen: rustc_hash::FxHashSet<&Finding> = self.findings.iter().collect();
        let new: Vec<Finding> = other
            .findings
            .into_iter()
            .filter(|f| !seen.contains(f))
            .collect();
        drop(seen);
        self.findings.extend(new);
        self.errors.extend(other.errors);
        self.summary.ignored += other.summary.ignored;
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
