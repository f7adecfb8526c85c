//! The JSON report (`--format json`): the core's [`oaslint::Report`] as
//! `docs/report.schema.json` describes it, plus what only the command line
//! knows, all optional in the schema:
//!
//! - `timestamp` (after `ruleset`): the run time, RFC 3339 UTC — only when
//!   `--timestamp` or `SOURCE_DATE_EPOCH` asked for one, so that by default
//!   the same input gives the same bytes;
//! - with an acknowledgement file: `acknowledged` on each acknowledged
//!   finding (`reason`, `by`, `at`), `summary.acknowledged`, and
//!   `acknowledgements` (`file`, `sha256`, `stale`, `refused`).
//!
//! Without an acknowledgement file and a timestamp, the output is exactly
//! the core's report.

use super::defuse::{self, Syntax};
use crate::ack::AckEntry;
use crate::run::LintRun;
use serde_json::{json, Map, Value};
use std::borrow::Cow;

pub fn render(run: &LintRun<'_>) -> String {
    let plain = run.ack.filter(|a| a.sha256.is_some()).is_none() && run.time.explicit().is_none();
    // Exactly the core's report: serialised straight from it, without an
    // intermediate `Value` (a quarter of the run time on a 4 MB spec).
    let mut out = if plain {
        run.report.to_json_pretty()
    } else {
        serde_json::to_string_pretty(&value(run)).expect("a report serializes")
    };
    out.push('\n');
    // `##vso[` in a string would be a command when a pipeline prints the
    // report; `\u005b` keeps the value and breaks the command.
    match defuse::neutralise(&out, Syntax::Json) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

/// The report as a JSON value.
pub fn value(run: &LintRun<'_>) -> Value {
    let core = serde_json::to_value(run.report).expect("a report serializes");
    let Value::Object(core) = core else {
        unreachable!("a report is an object")
    };
    let ack = run.ack.filter(|a| a.sha256.is_some());
    let mut out = Map::new();
    for (key, mut v) in core {
        match key.as_str() {
            "findings" if ack.is_some() => {
                if let Value::Array(findings) = &mut v {
                    for (i, f) in findings.iter_mut().enumerate() {
                        if let (Some(e), Value::Object(f)) = (run.ack_of(i), f) {
                            f.insert("acknowledged".into(), entry(e, false));
                        }
                    }
                }
            }
            "summary" if ack.is_some() => {
                if let Value::Object(s) = &mut v {
                    s.insert("acknowledged".into(), run.acknowledged_count().into());
                }
            }
            _ => {}
        }
        out.insert(key.clone(), v);
        if key == "ruleset" {
            if let Some(t) = run.time.explicit() {
                out.insert("timestamp".into(), t.to_rfc3339().into());
            }
        }
    }
    if let Some(a) = ack {
        out.insert(
            "acknowledgements".into(),
            json!({
                "file": a.display,
                "sha256": a.sha256,
                "stale": run.stale().map(|e| entry(e, true)).collect::<Vec<_>>(),
                "refused": run.refused().map(|(e, _)| entry(e, true)).collect::<Vec<_>>(),
            }),
        );
    }
    Value::Object(out)
}

/// An acknowledgement as JSON; `full` adds what identifies the entry.
fn entry(e: &AckEntry, full: bool) -> Value {
    let mut m = Map::new();
    if full {
        m.insert("rule".into(), e.rule.clone().into());
        m.insert("file".into(), e.file.clone().into());
        m.insert("pointer".into(), e.pointer.clone().into());
    }
    m.insert("reason".into(), e.reason.clone().into());
    if let Some(by) = &e.by {
        m.insert("by".into(), by.clone().into());
    }
    if let Some(at) = &e.at {
        m.insert("at".into(), at.clone().into());
    }
    if full {
        if let Some(line) = e.line {
            m.insert("line".into(), line.into());
        }
    }
    Value::Object(m)
}
