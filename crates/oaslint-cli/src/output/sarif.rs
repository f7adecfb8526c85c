//! SARIF 2.1.0 (`--format sarif`) for GitHub code scanning and the Azure
//! DevOps "Scans" tab.
//!
//! One run: `tool.driver` is oaslint with every rule of the ruleset (id,
//! name, title, description, guideline link, default level); each finding is
//! a result with `ruleId`/`ruleIndex`, a level (MUST → `error`, SHOULD →
//! `warning`, MAY and HINT → `note`; `properties.severity` keeps the
//! guideline word), the physical location (1-based lines, UTF-16 columns —
//! SARIF's default `columnKind` — end column exclusive, as in SARIF) and the
//! JSON pointer as a logical location. Acknowledged findings carry an
//! `external` suppression with the reason. The ruleset's name and version
//! are run properties, every document read is an artifact with its SHA-256,
//! and errors and stale acknowledgements are tool notifications.
//!
//! The types are our own serde structs for the part of SARIF we write
//! (see `docs/pull-request-pipeline.md` for why not `serde-sarif`); the
//! output is checked by Microsoft's SARIF validator in `tests/pipeline.rs`.

use super::defuse::{self, Syntax};
use crate::run::{builtin_title, finding_key, LintRun, Status};
use oaslint::{Finding, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where oaslint is documented: the project's home, `repository` of the
/// workspace's Cargo.toml (one value for every place that names it).
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
    properties: RunProperties,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: String,
    semantic_version: String,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    severity: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_time_utc: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    hashes: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<&'static str>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    /// A change found by comparing with a base version: where the part
    /// was in the base.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// `new` or `unchanged`, when the run compared with a baseline file or
    /// a base revision.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct ResultProperties {
    severity: &'static str,
    /// The JSON report's `status` (`new`, `existing`, `baseline`,
    /// `acknowledged`, `ignored`).
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// The check of a change found by comparing with a base version.
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
    /// Where an in-source suppression (`x-zally-ignore`) is.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    properties: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    ruleset: RulesetProperties,
    #[serde(skip_serializing_if = "Option::is_none")]
    fail_on: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledgements: Option<AckProperties>,
    /// Every configuration applied, when there is more than one (per
    /// folder): file (`null`: `--ruleset` or the default), name, version.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    configurations: Vec<ConfigurationProperties>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineProperties>,
    /// `--new-only --base`: the revision compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<BaseProperties>,
}

#[derive(Serialize)]
struct ConfigurationProperties {
    file: Option<String>,
    name: String,
    version: String,
}

#[derive(Serialize)]
struct BaselineProperties {
    file: String,
    source: String,
    stale: usize,
}

#[derive(Serialize)]
struct BaseProperties {
    rev: String,
    commit: String,
}

#[derive(Serialize)]
struct RulesetProperties {
    name: String,
    version: String,
}

#[derive(Serialize)]
struct AckProperties {
    file: String,
    sha256: String,
}

/// SARIF's level for a guideline severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Must => "error",
        Severity::Should => "warning",
        Severity::May | Severity::Hint => "note",
    }
}

pub fn render(run: &LintRun<'_>) -> String {
    let report = run.report;
    // Rules: the ruleset's enabled rules in definition order, then those
    // of the run's other configurations (per folder) that it lacks, then
    // rules that only findings name (the engine's own checks).
    let mut rules: Vec<ReportingDescriptor> = Vec::new();
    let mut rule_index: HashMap<String, usize> = HashMap::new();
    let all_rules = std::iter::once(run.ruleset)
        .chain(run.context.configurations.iter().map(|c| &c.ruleset))
        .flat_map(|r| &r.rules);
    for r in all_rules {
        let Some(sev) = r.level() else { continue };
        if rule_index.contains_key(&r.id) {
            continue;
        }
        rule_index.insert(r.id.clone(), rules.len());
        let title = if r.title.is_empty() {
            r.id.clone()
        } else {
            r.title.clone()
        };
        rules.push(ReportingDescriptor {
            id: r.id.clone(),
            name: pascal_case(&r.id, &title),
            short_description: Message {
                text: title.clone(),
            },
            full_description: r
                .description
                .as_ref()
                .filter(|d| d.trim() != title.trim())
                .map(|d| Message { text: d.clone() }),
            help_uri: r.link.clone(),
            default_configuration: Configuration { level: level(sev) },
            properties: RuleProperties {
                severity: sev.as_str(),
                tags: r.tags.clone(),
            },
        });
    }
    for f in report
        .findings
        .iter()
        .chain(report.ignored.iter().map(|i| &i.finding))
    {
        if rule_index.contains_key(&f.rule) {
            continue;
        }
        rule_index.insert(f.rule.clone(), rules.len());
        let title = builtin_title(&f.rule).unwrap_or(&f.rule).to_string();
        rules.push(ReportingDescriptor {
            id: f.rule.clone(),
            name: pascal_case(&f.rule, &title),
            short_description: Message {
                text: title.clone(),
            },
            full_description: None,
            help_uri: f.link.clone(),
            default_configuration: Configuration {
                level: level(f.severity),
            },
            properties: RuleProperties {
                severity: f.severity.as_str(),
                tags: Vec::new(),
            },
        });
    }

    let mut artifact_index: HashMap<&str, usize> = HashMap::new();
    let mut artifacts: Vec<Artifact> = Vec::new();
    for d in &report.documents {
        artifact_index.insert(&d.file, artifacts.len());
        artifacts.push(Artifact {
            location: ArtifactLocation {
                uri: file_uri(&d.file),
                index: None,
            },
            hashes: BTreeMap::from([("sha-256", d.sha256.clone())]),
            roles: if d.format.is_some() {
                vec!["analysisTarget"]
            } else {
                Vec::new()
            },
        });
    }
    let artifact = |file: &str| ArtifactLocation {
        uri: file_uri(file),
        index: artifact_index.get(file).copied(),
    };

    // SARIF's baselineState is only meaningful when the run compared with
    // something: the baseline file or the --base revision.
    let compared = run.context.baseline.is_some() || run.context.base.is_some();
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let suppressions = run
                .ack_of(i)
                .map(|e| {
                    let mut properties = BTreeMap::new();
                    if let Some(by) = &e.by {
                        properties.insert("by", by.clone());
                    }
                    if let Some(at) = &e.at {
                        properties.insert("at", at.clone());
                    }
                    if let Some(line) = e.line {
                        properties.insert("source", format!("{}:{line}", run.ack_display()));
                    }
                    vec![Suppression {
                        kind: "external",
                        status: "accepted",
                        justification: if e.reason.trim().is_empty() {
                            "No reason given.".into()
                        } else {
                            e.reason.clone()
                        },
                        location: None,
                        properties,
                    }]
                })
                .unwrap_or_default();
            let status = run.status(i);
            let suppressions = if status == Status::Baseline {
                let b = run.context.baseline.as_ref();
                vec![Suppression {
                    kind: "external",
                    status: "accepted",
                    justification: format!(
                        "In the baseline ({}): accepted when the guidelines were adopted.",
                        b.map_or(crate::baseline::DEFAULT_BASELINE_FILE, |b| b.file.as_str())
                    ),
                    location: None,
                    properties: BTreeMap::new(),
                }]
            } else {
                suppressions
            };
            let mut result =
                finding_result(f, rule_index[&f.rule], artifact(&f.file), suppressions);
            if compared {
                result.baseline_state = Some(if status == Status::New {
                    "new"
                } else {
                    "unchanged"
                });
            }
            result.properties.status = Some(status.as_str());
            result
        })
        .collect();

    // Findings the document ignores: results with an in-source suppression
    // at the ignore (a refused ignore's finding is a result above already).
    let results: Vec<SarifResult> = results
        .into_iter()
        .chain(run.honoured_ignores().map(|(_, ig)| {
            let f = &ig.finding;
            let site = &ig.ignored_by;
            let suppression = Suppression {
                kind: "inSource",
                status: "accepted",
                justification: format!(
                    "Ignored in the document at {} (x-zally-ignore).",
                    super::ignore_place(site)
                ),
                location: Some(Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(&site.file),
                        region: Some(Region {
                            start_line: site.range.start.line,
                            start_column: site.range.start.column,
                            end_line: site.range.end.line.max(site.range.start.line),
                            end_column: if site.range.end.line > site.range.start.line {
                                site.range.end.column
                            } else {
                                site.range.end.column.max(site.range.start.column + 1)
                            },
                        }),
                    },
                    logical_locations: logical(&site.pointer),
                }),
                properties: BTreeMap::new(),
            };
            let mut result =
                finding_result(f, rule_index[&f.rule], artifact(&f.file), vec![suppression]);
            if compared {
                result.baseline_state = Some("unchanged");
            }
            result.properties.status = Some("ignored");
            result
        }))
        .collect();

    let mut notifications: Vec<Notification> = report
        .errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: Message {
                text: e.message.clone(),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&e.file),
                    region: e.range.map(|r| Region {
                        start_line: r.start.line,
                        start_column: r.start.column,
                        end_line: r.end.line.max(r.start.line),
                        end_column: if r.end.line > r.start.line {
                            r.end.column
                        } else {
                            r.end.column.max(r.start.column)
                        },
                    }),
                },
                logical_locations: e.pointer.as_deref().map(logical).unwrap_or_default(),
            }],
        })
        .collect();
    let ack_location = |line: Option<u32>| {
        vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: file_uri(run.ack_display()),
                    index: None,
                },
                region: line.map(|l| Region {
                    start_line: l,
                    start_column: 1,
                    end_line: l,
                    end_column: 1,
                }),
            },
            logical_locations: Vec::new(),
        }]
    };
    for (e, f) in run.refused() {
        notifications.push(Notification {
            level: "warning",
            message: Message {
                text: format!(
                    "The acknowledgement of {} at {}:{}:{} is refused: MUST findings can only be acknowledged with --allow-must-ack.",
                    f.rule, f.file, f.range.start.line, f.range.start.column
                ),
            },
            locations: ack_location(e.line),
        });
    }
    if let Some(t) = &report.truncated {
        notifications.push(Notification {
            level: "warning",
            message: Message {
                text: format!(
                    "The results are cut: {}. The run's counts include every finding.",
                    super::truncation_note(t)
                ),
            },
            locations: Vec::new(),
        });
    }
    for e in run.stale() {
        notifications.push(Notification {
            level: "warning",
            message: Message {
                text: format!(
                    "Stale acknowledgement: no finding of {} at {}#{} any more; `oaslint ack --write` removes it.",
                    e.rule, e.file, e.pointer
                ),
            },
            locations: ack_location(e.line),
        });
    }

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "oaslint",
                    version: report.tool.version.clone(),
                    semantic_version: report.tool.version.clone(),
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: report.errors.is_empty(),
                start_time_utc: Some(run.time.time.to_rfc3339()),
                tool_execution_notifications: notifications,
            }],
            artifacts,
            results,
            column_kind: "utf16CodeUnits",
            properties: RunProperties {
                ruleset: RulesetProperties {
                    name: report.ruleset.name.clone(),
                    version: report.ruleset.version.clone(),
                },
                fail_on: run.fail_on.map(Severity::as_str),
                acknowledgements: run.ack.and_then(|a| {
                    a.sha256.as_ref().map(|h| AckProperties {
                        file: a.display.clone(),
                        sha256: h.clone(),
                    })
                }),
                configurations: if run.context.configurations.len() > 1 {
                    run.context
                        .configurations
                        .iter()
                        .map(|c| ConfigurationProperties {
                            file: c.file.clone(),
                            name: c.ruleset.name.clone(),
                            version: c.ruleset.version.clone(),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                baseline: run.context.baseline.as_ref().map(|b| BaselineProperties {
                    file: b.file.clone(),
                    source: b.source.clone(),
                    stale: b.stale.len(),
                }),
                base: run.context.base.as_ref().map(|b| BaseProperties {
                    rev: b.rev.clone(),
                    commit: b.commit.clone(),
                }),
            },
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    match defuse::neutralise(&out, Syntax::Json) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

/// The result of finding `f` (of the rule at `rule_index`, in the file at
/// `file`), with its place, fingerprint and `suppressions`.
fn finding_result(
    f: &Finding,
    rule_index: usize,
    file: ArtifactLocation,
    suppressions: Vec<Suppression>,
) -> SarifResult {
    SarifResult {
        rule_id: f.rule.clone(),
        rule_index,
        level: level(f.severity),
        message: Message {
            text: f.message.clone(),
        },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: file,
                region: Some(region(f)),
            },
            logical_locations: logical(&f.pointer),
        }],
        related_locations: f
            .base
            .iter()
            .map(|b| RelatedLocation {
                id: 1,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: file_uri(&b.file),
                        index: None,
                    },
                    region: Some(region_of(b.range)),
                },
                logical_locations: logical(&b.pointer),
                message: Message {
                    text: "where it is in the base version".into(),
                },
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(
            "oaslintFinding/v1",
            crate::ack::hex(&Sha256::digest(fingerprint_key(f).as_bytes())),
        )]),
        baseline_state: None,
        suppressions,
        properties: ResultProperties {
            severity: f.severity.as_str(),
            status: None,
            check: f.check.clone(),
        },
    }
}

/// What identifies a result across runs: rule, file and pointer; for a
/// change also its check and message, since several changes (each removed
/// path, each operation using a changed schema) share one place in HEAD.
fn fingerprint_key(f: &Finding) -> String {
    match &f.check {
        Some(check) => format!("{}\u{0}{check}\u{0}{}", finding_key(f), f.message),
        None => finding_key(f),
    }
}

fn region(f: &Finding) -> Region {
    region_of(f.range)
}

fn region_of(r: oaslint::Range) -> Region {
    let end_line = r.end.line.max(r.start.line);
    // An empty range still marks one column.
    let end_column = if end_line == r.start.line {
        r.end.column.max(r.start.column + 1)
    } else {
        r.end.column
    };
    Region {
        start_line: r.start.line,
        start_column: r.start.column,
        end_line,
        end_column,
    }
}

/// The JSON pointer as a logical location (none for the whole document).
fn logical(pointer: &str) -> Vec<LogicalLocation> {
    if pointer.is_empty() {
        return Vec::new();
    }
    let last = pointer.rsplit('/').next().unwrap_or_default();
    vec![LogicalLocation {
        name: last.replace("~1", "/").replace("~0", "~"),
        fully_qualified_name: pointer.to_string(),
        kind: "member",
    }]
}

/// A relative file name as a relative URI reference (percent-encoded);
/// an absolute path as a `file://` URI.
pub fn file_uri(name: &str) -> String {
    let slashed = name.replace('\\', "/");
    let (prefix, path) = if slashed.starts_with('/') {
        ("file://", slashed.as_str())
    } else if slashed.len() >= 2
        && slashed.as_bytes()[1] == b':'
        && slashed.as_bytes()[0].is_ascii_alphabetic()
    {
        ("file:///", slashed.as_str())
    } else {
        ("", slashed.as_str())
    };
    let mut out = String::from(prefix);
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (b == b':' && !prefix.is_empty() && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A rule's `name`: its title in PascalCase (`Use kebab-case paths` →
/// `UseKebabCasePaths`), or its id when the title has no letters.
fn pascal_case(id: &str, title: &str) -> String {
    let words = |s: &str| -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut c = w.chars();
                let first = c.next().expect("non-empty").to_uppercase();
                first.chain(c).collect::<String>()
            })
            .collect()
    };
    let name = words(title);
    if name.chars().next().is_some_and(char::is_alphabetic) {
        name
    } else {
        let name = words(id);
        if name.chars().next().is_some_and(char::is_alphabetic) {
            name
        } else {
            format!("Rule{name}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(file_uri("specs/pets api.yaml"), "specs/pets%20api.yaml");
        assert_eq!(file_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(file_uri("/abs/x#y.yaml"), "file:///abs/x%23y.yaml");
        assert_eq!(file_uri("C:\\specs\\a.yaml"), "file:///C:/specs/a.yaml");
        assert_eq!(file_uri("spécs/a.yaml"), "sp%C3%A9cs/a.yaml");
    }

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(
            pascal_case("x", "Use kebab-case paths"),
            "UseKebabCasePaths"
        );
        assert_eq!(pascal_case("116", "116"), "Rule116");
        assert_eq!(pascal_case("remote-ref", "---"), "RemoteRef");
    }
}
