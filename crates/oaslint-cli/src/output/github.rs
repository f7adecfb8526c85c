//! GitHub Actions workflow commands (`--format github`): one annotation per
//! finding, shown on the pull request's "Files changed" tab.
//!
//! MUST → `::error`, SHOULD → `::warning`, MAY and HINT → `::notice`;
//! acknowledged findings are notices saying so. Properties are escaped as
//! the Actions toolkit does (`%`, `\r`, `\n`, `:` and `,`), the message
//! only for `%`, `\r` and `\n`. `col`/`endColumn` are given only when the
//! finding starts and ends on one line (the toolkit ignores them otherwise).
//! GitHub shows at most 10 error and 10 warning annotations per step; the
//! log keeps them all and the summary line comes last.
//!
//! Values from the input are made one visible line first
//! ([`defuse::text`]), which also breaks Azure's `##vso[` and `##[` in
//! them: the same log may be read by an Azure agent (a GitHub-format run
//! inside Azure Pipelines).

use super::defuse::{self, Syntax};
use super::text::summary_line;
use crate::run::{self, describe_ack, LintRun};
use oaslint::{Finding, Severity};
use std::borrow::Cow;
use std::fmt::Write;

/// The annotations; with `max` (`--max-findings`) at most that many
/// findings are annotated (blocking ones first) and one notice sums up the
/// rest per rule.
pub fn render(run: &LintRun<'_>, max: Option<usize>) -> String {
    let mut out = String::new();
    for e in &run.report.errors {
        let mut props = vec![("file", e.file.clone())];
        if let Some(r) = &e.range {
            props.push(("line", r.start.line.to_string()));
            props.push(("col", r.start.column.to_string()));
        }
        props.push(("title", "oaslint could not process this file".into()));
        command(&mut out, "error", &props, &text(&e.message));
    }
    let all: Vec<usize> = (0..run.report.findings.len()).collect();
    let (shown, hidden) = super::cap_findings(run, all, max);
    for &i in &shown {
        let f = &run.report.findings[i];
        let ack = run.ack_of(i);
        let not_new = super::azure::not_new(run.status(i));
        let level = match (ack, f.severity) {
            (Some(_), _) => "notice",
            _ if not_new.is_some() => "notice",
            (None, Severity::Must) => "error",
            (None, Severity::Should) => "warning",
            (None, _) => "notice",
        };
        let mut title = format!(
            "{} {}: {}",
            f.severity.label(),
            f.rule,
            run.rule_title(&f.rule)
        );
        if ack.is_some() {
            title = format!("Acknowledged {title}");
        } else if let Some(why) = not_new {
            title = format!("{title} ({why})");
        }
        let mut props = location(f);
        props.push(("title", title));
        let mut message = text(&super::message_with_check(f));
        if let Some(e) = ack {
            let _ = write!(message, "\nAcknowledged: {}", text(&describe_ack(e)));
        }
        if let Some(link) = run.rule_link(f) {
            let _ = write!(message, "\nGuideline: {}", text(&link));
        }
        command(&mut out, level, &props, &message);
    }
    for (e, f) in run.refused() {
        let mut props = vec![("file", run.ack_display().to_string())];
        if let Some(line) = e.line {
            props.push(("line", line.to_string()));
        }
        props.push(("title", "Acknowledgement refused".into()));
        command(
            &mut out,
            "warning",
            &props,
            &format!(
                "{} at {}:{}:{} is a MUST finding; MUST findings can only be acknowledged with --allow-must-ack.",
                text(&f.rule), text(&f.file), f.range.start.line, f.range.start.column
            ),
        );
    }
    for e in run.stale() {
        let mut props = vec![("file", run.ack_display().to_string())];
        if let Some(line) = e.line {
            props.push(("line", line.to_string()));
        }
        props.push(("title", "Stale acknowledgement".into()));
        command(
            &mut out,
            "warning",
            &props,
            &format!(
                "No finding of {} at {}#{} any more; `oaslint ack --write` removes this entry.",
                text(&e.rule),
                text(&e.file),
                text(&e.pointer)
            ),
        );
    }
    // A notice at each honoured ignore: the document hides a finding.
    for (_, ig) in run.honoured_ignores() {
        let f = &ig.finding;
        let site = &ig.ignored_by;
        let props = vec![
            ("file", site.file.clone()),
            ("line", site.range.start.line.to_string()),
            ("col", site.range.start.column.to_string()),
            (
                "title",
                format!("Ignored in the document: {} {}", f.severity.label(), f.rule),
            ),
        ];
        command(
            &mut out,
            "notice",
            &props,
            &format!(
                "x-zally-ignore at {} hides {} {} at {}: {}",
                text(&super::ignore_place(site)),
                f.severity.label(),
                text(&f.rule),
                text(&run::place(f)),
                text(&f.message)
            ),
        );
    }
    if !hidden.is_empty() {
        let counts = super::rule_counts(run, &hidden);
        command(
            &mut out,
            "notice",
            &[("title", "More findings".to_string())],
            &format!(
                "{} not annotated (--max-findings {}), by rule:\n{}",
                run::count(hidden.len(), "finding", "findings"),
                max.unwrap_or(0),
                super::statistics_lines(run, &counts).join("\n")
            ),
        );
    }
    if let Some(t) = &run.report.truncated {
        command(
            &mut out,
            "warning",
            &[("title", "Findings list cut".to_string())],
            &format!(
                "{}; the counts include every finding.",
                text(&super::truncation_note(t))
            ),
        );
    }
    out.push_str(&summary(run));
    out.push('\n');
    match defuse::neutralise(&out, Syntax::GithubCommands) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

/// A value from the input, as one visible line.
fn text(s: &str) -> String {
    defuse::text(s).into_owned()
}

/// The summary line of the text format, as a plain log line.
pub(crate) fn summary(run: &LintRun<'_>) -> String {
    format!("oaslint: {}", summary_line(run, false))
}

fn location(f: &Finding) -> Vec<(&'static str, String)> {
    let r = f.range;
    let mut props = vec![("file", f.file.clone()), ("line", r.start.line.to_string())];
    let end_line = r.end.line.max(r.start.line);
    props.push(("endLine", end_line.to_string()));
    if end_line == r.start.line {
        props.push(("col", r.start.column.to_string()));
        props.push(("endColumn", r.end.column.max(r.start.column).to_string()));
    }
    props
}

fn command(out: &mut String, level: &str, props: &[(&str, String)], message: &str) {
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(&defuse::text(v))))
        .collect();
    let _ = writeln!(
        out,
        "::{level} {}::{}",
        props.join(","),
        escape_data(message)
    );
}

/// Escapes a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("100%\r\na:b,c"), "100%25%0D%0Aa:b,c");
        assert_eq!(escape_property("100%\r\na:b,c"), "100%25%0D%0Aa%3Ab%2Cc");
    }
}
