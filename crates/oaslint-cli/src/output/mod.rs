//! Report formats. Every format renders the same [`LintRun`]; several can
//! be written in one run (`-f sarif -o a.sarif -f markdown -o comment.md`).

mod azure;
mod color;
pub mod defuse;
mod github;
mod json;
mod junit;
mod links;
mod markdown;
mod sarif;
mod text;

use crate::run::LintRun;
use clap::ValueEnum;
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

/// What renderers need besides the run.
pub struct RenderOptions<'a> {
    /// Whether text output may use colour.
    pub color: bool,
    /// The text of a file read during the run (for code frames).
    pub source: &'a dyn Fn(&str) -> Option<Arc<str>>,
    /// Settings of the pull-request comment formats.
    pub comment: &'a CommentOptions,
}

/// Renders `run` in `format`. No text from the input can form a CI
/// command in the result ([`defuse`]).
pub fn render(format: Format, run: &LintRun<'_>, opts: &RenderOptions<'_>) -> String {
    match format {
        Format::Text => text::render(run, opts.source, &text::TextOptions { color: opts.color }),
        Format::Json => json::render(run),
        Format::Markdown => markdown::render(run, opts.comment),
        Format::Sarif => sarif::render(run),
        Format::Junit => junit::render(run),
        Format::Github => github::render(run),
        Format::AzureDevops => azure::render_logging_commands(run),
        Format::AzurePrThread => azure::render_thread(run, opts.comment),
    }
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
