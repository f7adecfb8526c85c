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
//! The thread: `comments[0].content` is the markdown comment, `status` is
//! `active` while SHOULD/MAY findings wait for a fix or an acknowledgement
//! and `closed` otherwise (MUST findings fail the run through the exit
//! code), and `properties` carry the comment marker, the verdict and a
//! fingerprint of the findings to acknowledge, so the pipeline can find its
//! thread, update it, and re-open it only when that set changed.

use super::defuse::{self, Syntax};
use super::github::summary;
use super::CommentOptions;
use crate::run::{describe_ack, place, LintRun};
use oaslint::Severity;
use serde_json::json;
use std::borrow::Cow;
use std::fmt::Write;

pub fn render_logging_commands(run: &LintRun<'_>) -> String {
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
    for (i, f) in run.report.findings.iter().enumerate() {
        let text = format!(
            "{} {}: {} ({})",
            f.severity.label(),
            visible(&f.rule),
            visible(&f.message),
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
pub fn render_thread(run: &LintRun<'_>, opts: &CommentOptions) -> String {
    let content = super::markdown::render(run, opts);
    let status = if run.to_acknowledge().next().is_some() {
        "active"
    } else {
        "closed"
    };
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

#[cfg(test)]
mod tests {
    use super::*;

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
