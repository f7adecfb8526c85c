//! `oaslint ack`: lint, then add the findings to the acknowledgement file.

use super::{lint_inputs, write_or_print};
use crate::ack;
use crate::args::AckArgs;
use crate::run::{Status, EXIT_ERROR, EXIT_OK};
use crate::{say, Io};
use oaslint::{Finding, Severity};

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
    check_rules(&args.rules, &linted.ruleset)?;
    let Some(ack) = &linted.ack else {
        return Err("--no-ack leaves nothing to acknowledge into".into());
    };
    let run = linted.run();
    let allow_must = args.run.allow_must_ack;
    let fail_on = linted.fail_on;
    let statuses = &linted.statuses;
    // A finding in the baseline needs no acknowledgement: the platform
    // team accepted it already.
    let wanted = move |i: usize, f: &Finding| {
        statuses[i] != Status::Baseline
            && match f.severity {
                Severity::Should | Severity::May => true,
                Severity::Must => allow_must,
                Severity::Hint => fail_on == Some(Severity::Hint),
            }
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
    write_or_print(io, args.write, &ack.path, &ack.display, &text, &what)?;
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

/// `--rule ID` must name a rule of the ruleset (or a built-in check): a
/// typo would otherwise acknowledge nothing, silently.
fn check_rules(rules: &[String], ruleset: &oaslint::Ruleset) -> Result<(), String> {
    let builtin = ["duplicate-key", "remote-ref"];
    let known: Vec<&str> = ruleset
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(builtin)
        .collect();
    for rule in rules {
        if known.contains(&rule.as_str()) {
            continue;
        }
        let hint = match did_you_mean(rule, &known) {
            Some(c) => format!(" (did you mean `{c}`?)"),
            None => " (`oaslint rules` lists them)".to_string(),
        };
        return Err(format!("--rule {rule}: no such rule in the ruleset{hint}"));
    }
    Ok(())
}

/// The candidate most like `word`: Jaro-Winkler similarity of at least 0.8,
/// or at most two edits away (rule ids are often short numbers: `118` for
/// `181`).
fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(word, c),
                strsim::levenshtein(word, c),
                *c,
            )
        })
        .filter(|(jw, lev, _)| *jw >= 0.8 || *lev <= 2.min(word.len().saturating_sub(1)))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_the_nearest_rule() {
        let ids = ["operation-summary", "118", "215", "path-kebab-case"];
        assert_eq!(
            did_you_mean("operation-sumary", &ids),
            Some("operation-summary")
        );
        assert_eq!(did_you_mean("path-kebab", &ids), Some("path-kebab-case"));
        assert_eq!(did_you_mean("zzzzzzzz", &ids), None);
    }
}
