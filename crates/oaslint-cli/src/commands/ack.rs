//! `oaslint ack`: lint, then add the findings to the acknowledgement file.

use super::{lint_inputs, write_file};
use crate::ack;
use crate::args::AckArgs;
use crate::run::{EXIT_ERROR, EXIT_OK};
use crate::{say, Io};
use oaslint::{Finding, Severity};
use std::path::Path;

pub(crate) fn ack_command(args: AckArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let linted = lint_inputs(&args.run, io, true)?;
    if !linted.report.errors.is_empty() {
        for e in &linted.report.errors {
            say(io, &e.to_string());
        }
        say(
            io,
            "oaslint: the acknowledgement file is not changed while inputs have errors",
        );
        return Ok(EXIT_ERROR);
    }
    let Some(ack) = &linted.ack else {
        return Err("--no-ack leaves nothing to acknowledge into".into());
    };
    let run = linted.run();
    let allow_must = args.run.allow_must_ack;
    let fail_on = linted.fail_on;
    let wanted = move |f: &Finding| match f.severity {
        Severity::Should | Severity::May => true,
        Severity::Must => allow_must,
        Severity::Hint => fail_on == Some(Severity::Hint),
    };
    let at = linted.time.time.to_rfc3339();
    let opts = ack::UpdateOptions {
        reason: args.reason.as_deref().unwrap_or(""),
        by: args.by.as_deref(),
        at: &at,
        rules: &args.rules,
        wanted: &wanted,
    };
    let (entries, summary) = ack::update(ack, &linted.report, &linted.matching, &io.cwd, &opts);
    let text = ack::render(&entries);
    let what = format!(
        "{} added, {} kept, {} removed",
        summary.added, summary.kept, summary.removed
    );
    if args.write {
        write_file(Path::new(""), &ack.path, &text)?;
        say(io, &format!("oaslint: wrote {}: {what}", ack.display));
    } else {
        let _ = io.stdout.write_all(text.as_bytes());
        say(
            io,
            &format!(
                "oaslint: {what} (not written: pass --write to update {})",
                ack.display
            ),
        );
    }
    let refused = run.refused().count();
    if refused > 0 {
        say(
            io,
            &format!(
                "oaslint: {refused} MUST {} not acknowledged (allow with --allow-must-ack)",
                if refused == 1 {
                    "finding is"
                } else {
                    "findings are"
                }
            ),
        );
    }
    if args.reason.is_none() && summary.added > 0 {
        say(
            io,
            "oaslint: the new entries have no reason: give one with --reason or edit `reason`",
        );
    }
    Ok(EXIT_OK)
}
