//! Azure DevOps: logging commands (`--format azure-devops`) and the body
//! of "create pull-request thread" (`--format azure-pr-thread`, or
//! `oaslint pr-thread`).
//!
//! Logging commands: MUST findings are `##vso[task.logissue type=error]`,
//! SHOULD and MAY `type=warning` (Azure has no lower level); HINTs and
//! acknowledged findings are plain log lines. Property values escape `%`
//! (`%AZP25`), `\r`, `\n`, `;` and `]`; the message escapes `%`, `\r` and
//! `\n` — as the Azure Pipelines task library does.
//!
//! The thread: `comments[0].content` is the markdown comment (within Azure
//! DevOps' 150 000 characters), `status` is `active` while there is
//! something to act on (errors, blocking findings, SHOULD/MAY findings to
//! fix or acknowledge) and `closed` otherwise, and `properties` carry the
//! comment marker, the verdict and a fingerprint of what the thread asks
//! for, so the pipeline can find its thread, update it, keep a reviewer's
//! resolution while that is unchanged and re-open it when it changed.

use super::defuse::{self, Syntax};
use super::github::summary;
use super::{CommentOptions, Links};
use crate::run::{describe_ack, place, LintRun, Status, Verdict};
use oaslint::Severity;
use serde_json::json;
use std::borrow::Cow;
use std::fmt::Write;

/// The logging commands; with `max` (`--max-findings`) at most that many
/// findings are logged as issues (blocking ones first) and one warning sums
/// up the rest per rule.
pub fn render_logging_commands(run: &LintRun<'_>, max: Option<usize>) -> String {
    let mut out = String::new();
    for e in &run.report.errors {
        let mut props = vec![
            ("type", "error".to_string()),
            ("sourcepath", e.file.clone()),
        ];
        if let Some(r) = &e.range {
            props.push(("linenumber", r.start.line.to_string()));
            props.push(("columnnumber", r.start.column.to_string()));
        }
        props.push(("code", "oaslint-error".into()));
        logissue(&mut out, &props, &visible(&e.message));
    }
    let all: Vec<usize> = (0..run.report.findings.len()).collect();
    let (shown, hidden) = super::cap_findings(run, all, max);
    for &i in &shown {
        let f = &run.report.findings[i];
        let text = format!(
            "{} {}: {} ({})",
            f.severity.label(),
            visible(&f.rule),
            visible(&super::message_with_check(f)),
            visible(&run.rule_title(&f.rule))
        );
        if let Some(e) = run.ack_of(i) {
            let _ = writeln!(
                out,
                "{}",
                plain(&format!(
                    "{}: {text} — acknowledged: {}",
                    place(f),
                    describe_ack(e)
                ))
            );
            continue;
        }
        if let Some(why) = not_new(run.status(i)) {
            let _ = writeln!(out, "{}", plain(&format!("{}: {text} — {why}", place(f))));
            continue;
        }
        let kind = match f.severity {
            Severity::Must => "error",
            Severity::Should | Severity::May => "warning",
            Severity::Hint => {
                let _ = writeln!(out, "{}", plain(&format!("{}: {text}", place(f))));
                continue;
            }
        };
        let props = vec![
            ("type", kind.to_string()),
            ("sourcepath", f.file.clone()),
            ("linenumber", f.range.start.line.to_string()),
            ("columnnumber", f.range.start.column.to_string()),
            ("code", f.rule.clone()),
        ];
        logissue(&mut out, &props, &text);
    }
    for (e, f) in run.refused() {
        let mut props = vec![
            ("type", "warning".to_string()),
            ("sourcepath", run.ack_display().to_string()),
        ];
        if let Some(line) = e.line {
            props.push(("linenumber", line.to_string()));
        }
        props.push(("code", "oaslint-ack-refused".into()));
        logissue(
            &mut out,
            &props,
            &format!(
                "acknowledgement refused: {} at {} is a MUST finding; MUST findings can only be acknowledged with --allow-must-ack",
                visible(&f.rule),
                visible(&place(f))
            ),
        );
    }
    for e in run.stale() {
        let mut props = vec![
            ("type", "warning".to_string()),
            ("sourcepath", run.ack_display().to_string()),
        ];
        if let Some(line) = e.line {
            props.push(("linenumber", line.to_string()));
        }
        props.push(("code", "oaslint-ack-stale".into()));
        logissue(
            &mut out,
            &props,
            &format!(
                "stale acknowledgement: no finding of {} at {}#{} any more; `oaslint ack --write` removes it",
                visible(&e.rule), visible(&e.file), visible(&e.pointer)
            ),
        );
    }
    // A warning at each honoured ignore: the document hides a finding.
    for (_, ig) in run.honoured_ignores() {
        let f = &ig.finding;
        let site = &ig.ignored_by;
        let props = vec![
            ("type", "warning".to_string()),
            ("sourcepath", site.file.clone()),
            ("linenumber", site.range.start.line.to_string()),
            ("columnnumber", site.range.start.column.to_string()),
            ("code", "oaslint-ignored".into()),
        ];
        logissue(
            &mut out,
            &props,
            &format!(
                "ignored in the document at {}: {} {} at {}: {}",
                visible(&super::ignore_place(site)),
                f.severity.label(),
                visible(&f.rule),
                visible(&place(f)),
                visible(&f.message)
            ),
        );
    }
    if !hidden.is_empty() {
        let counts = super::rule_counts(run, &hidden);
        let _ = writeln!(
            out,
            "{}",
            plain(&format!(
                "{} not logged as issues (--max-findings {}), by rule:",
                crate::run::count(hidden.len(), "finding", "findings"),
                max.unwrap_or(0)
            ))
        );
        for line in super::statistics_lines(run, &counts) {
            let _ = writeln!(out, "{}", plain(&line));
        }
    }
    if let Some(t) = &run.report.truncated {
        logissue(
            &mut out,
            &[
                ("type", "warning".to_string()),
                ("code", "oaslint-truncated".into()),
            ],
            &format!(
                "findings list cut: {}; the counts include every finding",
                visible(&super::truncation_note(t))
            ),
        );
    }
    out.push_str(&plain(&summary(run)));
    out.push('\n');
    match defuse::neutralise(&out, Syntax::AzureCommands) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

/// Why a finding that is neither new nor acknowledged does not block.
pub(crate) fn not_new(status: Status) -> Option<&'static str> {
    match status {
        Status::Baseline => Some("in the baseline"),
        Status::Existing => Some("existing: also in the base revision"),
        Status::New | Status::Acknowledged => None,
    }
}

/// A plain log line that the agent cannot take for a command: one visible
/// line whose `##vso[` and `##[` are broken with a backslash (a zero-width
/// character would not do: the agent's culture-sensitive search skips it).
fn plain(s: &str) -> String {
    defuse::text(s).into_owned()
}

/// A value from the input, as one visible line.
fn visible(s: &str) -> String {
    defuse::text(s).into_owned()
}

fn logissue(out: &mut String, props: &[(&str, String)], message: &str) {
    let props: String = props
        .iter()
        .map(|(k, v)| format!("{k}={};", escape_property(&defuse::text(v))))
        .collect();
    let _ = writeln!(out, "##vso[task.logissue {props}]{}", escape_data(message));
}

/// Escapes a logging command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a logging command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(']', "%5D").replace(';', "%3B")
}

/// The JSON body of `POST …/pullRequests/{id}/threads?api-version=7.1`
/// (and of the `PATCH` that updates the thread).
///
/// `status` is `active` while the pull request has something to act on —
/// errors, blocking findings, SHOULD/MAY findings to acknowledge — so that
/// "Check for comment resolution" holds the pull request too; `closed` when
/// it is clean or the gate is off (`--fail-on none`).
pub fn render_thread(run: &LintRun<'_>, opts: &CommentOptions, links: Option<&Links>) -> String {
    let content = super::markdown::render_within(run, opts, links, super::AZURE_THREAD_LIMIT);
    let status = thread_status(run.verdict());
    let body = json!({
        "comments": [{
            "parentCommentId": 0,
            "content": content,
            "commentType": 1,
        }],
        "status": status,
        "properties": {
            "oaslint.marker": opts.marker,
            "oaslint.verdict": run.verdict().as_str(),
            "oaslint.fingerprint": run.fingerprint(),
        },
    });
    let mut out = serde_json::to_string_pretty(&body).expect("JSON serializes");
    out.push('\n');
    defuse::neutralise(&out, Syntax::Json).into_owned()
}

/// The thread's status for a verdict.
fn thread_status(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Error(_) | Verdict::Blocked(_) | Verdict::Acknowledge(_) => "active",
        Verdict::Unenforced(_) | Verdict::Clean => "closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Active while there is something to act on; a blocked pull
    /// request's thread stays active.
    #[test]
    fn thread_status_follows_the_verdict() {
        assert_eq!(thread_status(Verdict::Error(1)), "active");
        assert_eq!(thread_status(Verdict::Blocked(1)), "active");
        assert_eq!(thread_status(Verdict::Acknowledge(1)), "active");
        assert_eq!(thread_status(Verdict::Unenforced(1)), "closed");
        assert_eq!(thread_status(Verdict::Clean), "closed");
    }

    #[test]
    fn escaping_follows_the_task_library() {
        assert_eq!(escape_data("100%;]\r\n"), "100%AZP25;]%0D%0A");
        assert_eq!(escape_property("100%;]\r\n"), "100%AZP25%3B%5D%0D%0A");
        assert_eq!(
            plain("a\n##vso[task.complete]"),
            "a\\n##vso\\[task.complete]"
        );
    }
}
