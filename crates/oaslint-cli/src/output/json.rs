//! The JSON report (`--format json`), format 1.1: the core's
//! [`oaslint::Report`] as `docs/report.schema.json` describes it, plus what
//! only the command line knows:
//!
//! - `timestamp` (after `ruleset`): the run time, RFC 3339 UTC — only when
//!   `--timestamp` or `SOURCE_DATE_EPOCH` asked for one, so that by default
//!   the same input gives the same bytes;
//! - `configurations`: each configuration applied (file, ruleset name,
//!   version and `extends` chain); `documents[].configuration` indexes it;
//! - on every finding `blocking` and `status` (`new`, `existing`,
//!   `baseline`, `acknowledged`; `ignored` on the entries of `ignored`
//!   whose ignore was honoured), and `acknowledged` (`reason`, `by`, `at`)
//!   on acknowledged findings;
//! - `summary.acknowledged` (with an acknowledgement file),
//!   `summary.baseline` (with a baseline file), `summary.existing` (with
//!   `--new-only`);
//! - `skipped` (files a glob matched that were not linted), `baseline`
//!   (`file`, `source`, `sha256`, `stale`), `base` (`rev`, `commit`) and
//!   `acknowledgements` (`file`, `sha256`, `stale`, `refused`), when they
//!   apply;
//! - `changes` (`oaslint diff`, `lint --base`): the revision compared with
//!   (`base`), each root `compared` with its base file, the `new` roots
//!   (no base) and the `removed` ones, and whether the changelog is
//!   reported.
//!
//! Serialised straight from borrowing wrappers around the core's types: an
//! intermediate `serde_json::Value` costs a quarter of the run time on a
//! 4 MB spec.

use super::defuse::{self, Syntax};
use crate::ack::AckEntry;
use crate::run::{LintRun, Status};
use oaslint::{DocumentInfo, Error, Finding, IgnoredFinding, Summary, ToolInfo, Truncation};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

pub fn render(run: &LintRun<'_>) -> String {
    let mut out = serde_json::to_string_pretty(&JsonReport::new(run)).expect("a report serializes");
    out.push('\n');
    // `##vso[` in a string would be a command when a pipeline prints the
    // report; `\u005b` keeps the value and breaks the command.
    match defuse::neutralise(&out, Syntax::Json) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    tool: &'a ToolInfo,
    ruleset: &'a oaslint::RulesetInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    configurations: Vec<ConfigurationJson<'a>>,
    documents: Vec<DocumentJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    summary: SummaryJson<'a>,
    errors: &'a [Error],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ignored: Vec<IgnoredJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    truncated: Option<&'a Truncation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skipped: Vec<SkippedJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<BaseJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledgements: Option<AcknowledgementsJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<ChangesJson<'a>>,
}

/// What a comparison with a base version compared (`oaslint diff`,
/// `lint --base`).
#[derive(Serialize)]
struct ChangesJson<'a> {
    /// The revision (`lint --base`); absent for `oaslint diff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<BaseJson<'a>>,
    compared: Vec<ComparedJson<'a>>,
    new: &'a [String],
    removed: &'a [String],
    changelog: bool,
}

#[derive(Serialize)]
struct ComparedJson<'a> {
    file: &'a str,
    base: &'a str,
}

#[derive(Serialize)]
struct ConfigurationJson<'a> {
    file: Option<&'a str>,
    ruleset: RulesetJson<'a>,
}

#[derive(Serialize)]
struct RulesetJson<'a> {
    name: &'a str,
    version: &'a str,
    /// The rulesets it extends, nearest first.
    chain: Vec<ChainJson<'a>>,
}

#[derive(Serialize)]
struct ChainJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    #[serde(flatten)]
    document: &'a DocumentInfo,
    /// Index in `configurations`.
    #[serde(skip_serializing_if = "Option::is_none")]
    configuration: Option<usize>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    blocking: bool,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledged: Option<AckJson<'a>>,
}

#[derive(Serialize)]
struct IgnoredJson<'a> {
    #[serde(flatten)]
    ignored: &'a IgnoredFinding,
    blocking: bool,
    status: &'static str,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledged: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    existing: Option<usize>,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    file: &'a str,
    reason: &'static str,
}

#[derive(Serialize)]
struct BaselineJson<'a> {
    file: &'a str,
    /// Where it was read: the file, or `REV:path` when pinned.
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
    stale: Vec<StaleJson<'a>>,
}

#[derive(Serialize)]
struct StaleJson<'a> {
    rule: &'a str,
    file: &'a str,
    pointer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

#[derive(Serialize)]
struct BaseJson<'a> {
    rev: &'a str,
    commit: &'a str,
}

#[derive(Serialize)]
struct AcknowledgementsJson<'a> {
    file: &'a str,
    sha256: Option<&'a str>,
    stale: Vec<AckJson<'a>>,
    refused: Vec<AckJson<'a>>,
}

/// An acknowledgement; `full` adds what identifies the entry.
#[derive(Serialize)]
struct AckJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<&'a str>,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
}

impl<'a> AckJson<'a> {
    fn new(e: &'a AckEntry, full: bool) -> AckJson<'a> {
        AckJson {
            rule: full.then_some(e.rule.as_str()),
            file: full.then_some(e.file.as_str()),
            pointer: full.then_some(e.pointer.as_str()),
            check: if full { e.check.as_deref() } else { None },
            reason: &e.reason,
            by: e.by.as_deref(),
            at: e.at.as_deref(),
            line: if full { e.line } else { None },
        }
    }
}

impl<'a> JsonReport<'a> {
    fn new(run: &'a LintRun<'a>) -> JsonReport<'a> {
        let report = run.report;
        let ctx = run.context;
        let ack = run.ack.filter(|a| a.sha256.is_some());
        // The configuration of each document: that of the first input
        // that read it.
        let mut configuration_of: HashMap<&str, usize> = HashMap::new();
        for input in run.inputs {
            for f in &input.files {
                configuration_of
                    .entry(f.as_str())
                    .or_insert(input.configuration);
            }
        }
        let has_configurations = !ctx.configurations.is_empty();
        let findings = report
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| FindingJson {
                finding: f,
                blocking: run.is_blocking(i),
                status: run.status(i).as_str(),
                acknowledged: ack.and(run.ack_of(i)).map(|e| AckJson::new(e, false)),
            })
            .collect();
        // A refused ignore's finding is among the findings: its entry in
        // `ignored` says what that finding says.
        let refused: HashMap<usize, usize> = run.refused_ignore_findings().collect();
        let ignored = report
            .ignored
            .iter()
            .enumerate()
            .map(|(j, ig)| {
                let (blocking, status) = match refused.get(&j) {
                    Some(&i) => (run.is_blocking(i), run.status(i).as_str()),
                    None if run.ignore_refused(j) => (true, Status::New.as_str()),
                    None => (false, "ignored"),
                };
                IgnoredJson {
                    ignored: ig,
                    blocking,
                    status,
                }
            })
            .collect();
        JsonReport {
            tool: &report.tool,
            ruleset: &report.ruleset,
            timestamp: run.time.explicit().map(|t| t.to_rfc3339()),
            configurations: ctx
                .configurations
                .iter()
                .map(|c| ConfigurationJson {
                    file: c.file.as_deref(),
                    ruleset: RulesetJson {
                        name: &c.ruleset.name,
                        version: &c.ruleset.version,
                        chain: c
                            .ruleset
                            .chain
                            .iter()
                            .map(|r| ChainJson {
                                name: r.name.as_deref(),
                                version: r.version.as_deref(),
                                file: r.file.as_deref(),
                            })
                            .collect(),
                    },
                })
                .collect(),
            documents: report
                .documents
                .iter()
                .map(|d| DocumentJson {
                    document: d,
                    configuration: if has_configurations {
                        configuration_of.get(d.file.as_str()).copied()
                    } else {
                        None
                    },
                })
                .collect(),
            findings,
            summary: SummaryJson {
                summary: &report.summary,
                acknowledged: ack.map(|_| run.acknowledged_count()),
                baseline: ctx
                    .baseline
                    .as_ref()
                    .map(|_| run.status_count(Status::Baseline)),
                existing: ctx
                    .base
                    .as_ref()
                    .map(|_| run.status_count(Status::Existing)),
            },
            errors: &report.errors,
            ignored,
            truncated: report.truncated.as_ref(),
            skipped: ctx
                .skipped
                .iter()
                .map(|s| SkippedJson {
                    file: &s.file,
                    reason: s.reason.as_str(),
                })
                .collect(),
            baseline: ctx.baseline.as_ref().map(|b| BaselineJson {
                file: &b.file,
                source: &b.source,
                sha256: b.loaded.sha256.as_deref(),
                stale: b
                    .stale
                    .iter()
                    .map(|e| StaleJson {
                        rule: &e.rule,
                        file: &e.file,
                        pointer: &e.pointer,
                        check: e.check.as_deref(),
                        line: e.line,
                    })
                    .collect(),
            }),
            base: ctx.base.as_ref().map(|b| BaseJson {
                rev: &b.rev,
                commit: &b.commit,
            }),
            acknowledgements: ack.map(|a| AcknowledgementsJson {
                file: &a.display,
                sha256: a.sha256.as_deref(),
                stale: run.stale().map(|e| AckJson::new(e, true)).collect(),
                refused: run.refused().map(|(e, _)| AckJson::new(e, true)).collect(),
            }),
            changes: ctx.changes.as_ref().map(|c| ChangesJson {
                base: c.revision.as_ref().map(|b| BaseJson {
                    rev: &b.rev,
                    commit: &b.commit,
                }),
                compared: c
                    .compared
                    .iter()
                    .map(|(file, base)| ComparedJson { file, base })
                    .collect(),
                new: &c.new,
                removed: &c.removed,
                changelog: c.changelog,
            }),
        }
    }
}
