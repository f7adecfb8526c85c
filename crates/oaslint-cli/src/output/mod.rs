//! Report formats. Every format renders the same [`LintRun`]; several can
//! be written in one run (`-f sarif -o a.sarif -f markdown -o comment.md`).

mod azure;
pub(crate) mod changelog;
pub(crate) mod color;
pub mod defuse;
mod github;
mod json;
mod junit;
mod links;
mod markdown;
mod sarif;
mod spectral_json;
mod text;

pub use links::Links;

use crate::run::{LintRun, Status};
use clap::ValueEnum;
use oaslint::{Finding, Severity};
use std::borrow::Cow;
use std::sync::Arc;

/// `oaslint lint --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col SEVERITY rule message`, code frames, a summary.
    Text,
    /// The stable JSON report (`docs/report.schema.json`).
    Json,
    /// A pull-request comment: verdict, counts, findings by severity and rule.
    Markdown,
    /// SARIF 2.1.0, for code scanning and the Azure DevOps "Scans" tab.
    Sarif,
    /// JUnit XML: one test suite per document, one test case per rule.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Azure Pipelines logging commands (`##vso[task.logissue …]`).
    AzureDevops,
    /// The JSON body of Azure DevOps "create pull-request thread".
    AzurePrThread,
    /// The JSON array of `spectral lint -f json` (Spectral 6), for tools
    /// that read Spectral's report (`docs/spectral-compatibility.md`).
    SpectralJson,
}

/// `oaslint rules --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule.
    Text,
    /// Every rule with its details.
    Json,
}

/// Settings of the pull-request comment (markdown and PR thread).
#[derive(Debug, Clone)]
pub struct CommentOptions {
    /// The most UTF-16 code units the comment may have (`--comment-limit`);
    /// `None`: the default of the format.
    pub limit: Option<usize>,
    /// The hidden marker `<!-- MARKER -->` a pipeline finds its comment by.
    pub marker: String,
}

/// GitHub's limit on the body of an issue or pull-request comment.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// Azure DevOps' limit on a pull-request thread comment ("A discussion
/// comment cannot be longer than 150000 characters").
pub const AZURE_THREAD_LIMIT: usize = 150_000;

/// How the text output and the CI annotations show the findings.
#[derive(Debug, Clone, Default)]
pub struct DisplayOptions {
    /// `--quiet`: only the findings that block (text).
    pub quiet: bool,
    /// `--statistics`: the per-rule table instead of the findings (text).
    pub statistics: bool,
    /// `--max-findings`: show at most this many findings (text, `github`,
    /// `azure-devops`); the rest are summed up per rule.
    pub max_findings: Option<usize>,
    /// Whether the text lists the errors: not when it goes to standard
    /// output, where every error is already written to standard error.
    pub list_errors: bool,
}

/// What renderers need besides the run.
pub struct RenderOptions<'a> {
    /// Whether text output may use colour.
    pub color: bool,
    /// The text of a file read during the run (for code frames).
    pub source: &'a dyn Fn(&str) -> Option<Arc<str>>,
    /// Settings of the pull-request comment formats.
    pub comment: &'a CommentOptions,
    /// Settings of the text output and the annotations.
    pub display: &'a DisplayOptions,
    /// Links to files at the pull request's commit, if the CI says where.
    pub links: Option<&'a Links>,
    /// The working directory (`spectral-json` names files absolutely).
    pub cwd: &'a std::path::Path,
}

/// Renders `run` in `format`. No text from the input can form a CI
/// command in the result ([`defuse`]).
pub fn render(format: Format, run: &LintRun<'_>, opts: &RenderOptions<'_>) -> String {
    match format {
        Format::Text => text::render(run, opts.source, opts.color, opts.display),
        Format::Json => json::render(run),
        Format::Markdown => markdown::render(run, opts.comment, opts.links),
        Format::Sarif => sarif::render(run),
        Format::Junit => junit::render(run),
        Format::Github => github::render(run, opts.display.max_findings),
        Format::AzureDevops => azure::render_logging_commands(run, opts.display.max_findings),
        Format::AzurePrThread => azure::render_thread(run, opts.comment, opts.links),
        Format::SpectralJson => spectral_json::render(run, opts.cwd),
    }
}

/// The findings of one rule at one severity, counted by status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCount {
    /// The rule's id.
    pub rule: String,
    /// The severity of these findings (an override can give one rule
    /// several).
    pub severity: Severity,
    /// Indices in `report.findings`, in report order.
    pub findings: Vec<usize>,
    /// New findings (not acknowledged, not in the baseline, not existing).
    pub new: usize,
    /// Of the new ones, those that fail the run.
    pub blocking: usize,
    /// Also found in the `--base` revision.
    pub existing: usize,
    /// In the baseline file.
    pub baseline: usize,
    /// In the acknowledgement file.
    pub acknowledged: usize,
}

impl RuleCount {
    /// `3 new, 2 baseline`: the non-zero counts by status, or `""` when
    /// every finding is new.
    pub fn statuses(&self) -> String {
        if self.new == self.findings.len() {
            return String::new();
        }
        [
            (self.new, "new"),
            (self.existing, "existing"),
            (self.baseline, "baseline"),
            (self.acknowledged, "acknowledged"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// The findings `indices` grouped by rule and severity: most severe first,
/// then the most blocking, the most new, the most findings, the rule id.
pub fn rule_counts(run: &LintRun<'_>, indices: &[usize]) -> Vec<RuleCount> {
    let mut by_rule: std::collections::HashMap<(Severity, &str), RuleCount> =
        std::collections::HashMap::new();
    for &i in indices {
        let f = &run.report.findings[i];
        let entry = by_rule
            .entry((f.severity, f.rule.as_str()))
            .or_insert_with(|| RuleCount {
                rule: f.rule.clone(),
                severity: f.severity,
                findings: Vec::new(),
                new: 0,
                blocking: 0,
                existing: 0,
                baseline: 0,
                acknowledged: 0,
            });
        entry.findings.push(i);
        match run.status(i) {
            Status::New => {
                entry.new += 1;
                if run.is_blocking(i) {
                    entry.blocking += 1;
                }
            }
            Status::Existing => entry.existing += 1,
            Status::Baseline => entry.baseline += 1,
            Status::Acknowledged => entry.acknowledged += 1,
        }
    }
    let mut out: Vec<RuleCount> = by_rule.into_values().collect();
    for c in &mut out {
        c.findings.sort_unstable();
    }
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(b.blocking.cmp(&a.blocking))
            .then(b.new.cmp(&a.new))
            .then(b.findings.len().cmp(&a.findings.len()))
            .then(a.rule.cmp(&b.rule))
    });
    out
}

/// The findings to show of `candidates` (report indices) when at most
/// `max` may be: blocking ones first, then new ones, then by severity and
/// report order; returned in report order, with the rest.
pub fn cap_findings(
    run: &LintRun<'_>,
    candidates: Vec<usize>,
    max: Option<usize>,
) -> (Vec<usize>, Vec<usize>) {
    let Some(max) = max.filter(|&m| m < candidates.len()) else {
        return (candidates, Vec::new());
    };
    let mut ranked = candidates;
    ranked.sort_by_key(|&i| {
        (
            !run.is_blocking(i),
            run.status(i) != Status::New,
            run.report.findings[i].severity,
            i,
        )
    });
    let mut hidden = ranked.split_off(max);
    ranked.sort_unstable();
    hidden.sort_unstable();
    (ranked, hidden)
}

/// The files a run skipped, counted by reason: `2 not OpenAPI and
/// referenced by no linted document, 1 ignored by .gitignore`.
pub fn skipped_reasons(skipped: &[crate::run::Skipped]) -> String {
    use crate::run::SkipReason;
    [
        (
            SkipReason::NotOpenapi,
            "not OpenAPI and referenced by no linted document",
        ),
        (SkipReason::Excluded, "excluded by --exclude"),
        (SkipReason::Gitignored, "ignored by .gitignore"),
        (SkipReason::ConfigIgnore, "ignored by the configuration"),
    ]
    .iter()
    .filter_map(|(reason, what)| {
        let n = skipped.iter().filter(|s| s.reason == *reason).count();
        (n > 0).then(|| format!("{n} {what}"))
    })
    .collect::<Vec<_>>()
    .join(", ")
}

/// The per-rule table of `--statistics` (and of a cut list): one line per
/// rule, `count  rule  SEVERITY  title  (statuses)`, aligned.
pub fn statistics_lines(run: &LintRun<'_>, counts: &[RuleCount]) -> Vec<String> {
    let width = counts
        .iter()
        .map(|c| c.rule.chars().count())
        .max()
        .unwrap_or(0);
    counts
        .iter()
        .map(|c| {
            let mut line = format!(
                "{:>7}  {:<width$}  {:<6}  {}",
                c.findings.len(),
                defuse::text(&c.rule),
                c.severity.label(),
                defuse::text(&run.rule_title(&c.rule)),
            );
            let statuses = c.statuses();
            if !statuses.is_empty() {
                line.push_str(&format!("  ({statuses})"));
            }
            line
        })
        .collect()
}

/// `file:line:col` of an in-document ignore (`x-zally-ignore` entry).
pub fn ignore_place(site: &oaslint::IgnoreSite) -> String {
    format!(
        "{}:{}:{}",
        site.file, site.range.start.line, site.range.start.column
    )
}

/// What the findings limit left out, in words: `the list stops at 100
/// findings; 3 more are not listed (2 must, 1 should; rules 116: 2, 118: 1)`.
pub fn truncation_note(t: &oaslint::Truncation) -> String {
    use oaslint::Severity;
    let mut note = format!(
        "the list stops at {} {}",
        t.limit,
        if t.limit == 1 { "finding" } else { "findings" }
    );
    let n = t.omitted_total();
    if n > 0 {
        let by_severity: Vec<String> = Severity::ALL
            .iter()
            .filter(|&&s| t.omitted.count(s) > 0)
            .map(|&s| format!("{} {}", t.omitted.count(s), s.as_str()))
            .collect();
        let by_rule: Vec<String> = t
            .omitted_by_rule
            .iter()
            .map(|(rule, n)| format!("{rule}: {n}"))
            .collect();
        note.push_str(&format!(
            "; {n} more {} not listed ({}; by rule {})",
            if n == 1 { "is" } else { "are" },
            by_severity.join(", "),
            by_rule.join(", ")
        ));
    }
    if t.omitted.ignored > 0 {
        note.push_str(&format!(
            "; {} more ignored in the document not listed",
            t.omitted.ignored
        ));
    }
    note
}

/// A finding's message for formats with one message field (annotations,
/// JUnit, Spectral's JSON): a change found by comparing with a base version
/// names its check first (`api-path-removed-without-deprecation: GET
/// /pets: …`); a removal's message already says where the part was in the
/// base.
pub fn message_with_check(f: &Finding) -> Cow<'_, str> {
    match &f.check {
        Some(check) => Cow::Owned(format!("{check}: {}", f.message)),
        None => Cow::Borrowed(&f.message),
    }
}

/// Where a change's part is in the base version, `file:line:col pointer`.
pub fn base_place(base: &oaslint::BaseLocation) -> String {
    let mut s = format!(
        "{}:{}:{}",
        base.file, base.range.start.line, base.range.start.column
    );
    if !base.pointer.is_empty() {
        s.push(' ');
        s.push_str(&base.pointer);
    }
    s
}
