//! The commands: `lint`, `pr-thread`, `ack`, `rules`, `functions`,
//! `completions` and `man`, and the lint of the inputs that the first three
//! share.

mod ack;
mod baseline;
mod completions;
mod functions;
mod lint;
mod man;
mod rules;

pub(crate) use self::ack::ack_command;
pub(crate) use self::baseline::baseline_command;
pub(crate) use self::completions::completions;
pub(crate) use self::functions::functions;
pub(crate) use self::lint::{lint, pr_thread};
pub(crate) use self::man::man;
pub(crate) use self::rules::rules;

use crate::ack::{AckFile, Matching};
use crate::args::RunArgs;
use crate::config::{load_ruleset, DEFAULT_RULESET};
use crate::resolver::FsResolver;
use crate::root::Roots;
use crate::run::{self, Configuration, Input, LintRun, RunContext, Status};
use crate::timestamp::{self, RunTime, Timestamp};
use crate::{gate, pin, Io};
use oaslint::{Linter, Report, Ruleset, Severity};
use rayon::prelude::*;
use std::path::Path;

/// A finished lint with everything the outputs need.
pub(crate) struct Linted {
    pub(crate) files: FsResolver,
    pub(crate) ruleset: Ruleset,
    pub(crate) report: Report,
    pub(crate) inputs: Vec<Input>,
    pub(crate) ack: Option<AckFile>,
    pub(crate) matching: Matching,
    pub(crate) time: RunTime,
    pub(crate) fail_on: Option<Severity>,
    pub(crate) ignores: run::IgnoreGate,
    pub(crate) statuses: Vec<Status>,
    pub(crate) context: RunContext,
}

impl Linted {
    pub(crate) fn run(&self) -> LintRun<'_> {
        LintRun {
            report: &self.report,
            ruleset: &self.ruleset,
            inputs: &self.inputs,
            ack: self.ack.as_ref(),
            matching: &self.matching,
            time: self.time,
            fail_on: self.fail_on,
            ignores: &self.ignores,
            statuses: &self.statuses,
            context: &self.context,
        }
    }
}

/// Loads the ruleset, lints every input (in parallel) into one report, and
/// lets the gate classify the findings.
pub(crate) fn lint_inputs(
    args: &RunArgs,
    io: &mut Io<'_>,
    create_ack: bool,
) -> Result<Linted, String> {
    let time = timestamp::resolve(
        args.timestamp.as_deref(),
        io.env.get("SOURCE_DATE_EPOCH"),
        Timestamp::now,
    )?;
    let mut roots = args.roots.roots(&io.cwd)?;
    let pinned: Vec<pin::Pinned> = match &args.pinned_config_from {
        Some(rev) => vec![pin::load_for_dir(
            &io.cwd,
            rev,
            &io.cwd,
            args.ruleset.ruleset.as_deref(),
            DEFAULT_RULESET,
            &FsResolver::new(&io.cwd, roots.clone()),
        )?],
        None => Vec::new(),
    };
    let ruleset = match pinned.first() {
        Some(p) => p.ruleset.clone(),
        None => load_ruleset(&args.ruleset, &roots, &io.cwd)?,
    };
    if args.inputs.is_empty() {
        return Err("no input: name files or globs, or `-` for standard input".into());
    }
    let inputs = expand_inputs(&args.inputs, &io.cwd, &mut roots)?;
    let files = FsResolver::new(&io.cwd, roots.clone());
    let linter = Linter::new(ruleset).with_max_findings(oaslint::DEFAULT_MAX_FINDINGS);
    if inputs.iter().any(|i| i == "-") {
        let mut text = String::new();
        io.stdin
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        files.remember(STDIN_NAME, text.into());
    }

    let reports: Vec<Report> = inputs
        .par_iter()
        .map(|input| lint_one(&linter, input, &files))
        .collect();
    let mut report = Report::new(oaslint::RulesetInfo {
        name: linter.ruleset().name.clone(),
        version: linter.ruleset().version.clone(),
    });
    let mut linted = Vec::with_capacity(inputs.len());
    let mut to_merge = Vec::with_capacity(reports.len());
    for (input, r) in inputs.iter().zip(reports) {
        let name = if input == "-" { STDIN_NAME } else { input };
        let mut docs: Vec<String> = vec![name.to_string()];
        docs.extend(
            r.documents
                .iter()
                .map(|d| d.file.clone())
                .filter(|f| f != name),
        );
        linted.push(Input {
            name: name.to_string(),
            files: docs,
            configuration: 0,
        });
        to_merge.push(r);
    }
    // All at once: merging one report at a time is quadratic in the files.
    report.merge_all(to_merge);
    // Each lint kept up to the limit; the merged report keeps it too.
    report.truncate(oaslint::DEFAULT_MAX_FINDINGS);
    let linters = vec![&linter; linted.len()];
    let gate = gate::classify(
        args,
        io,
        &mut report,
        gate::Linted {
            roots: &roots,
            files: &files,
            inputs: &mut linted,
            linters: &linters,
            pinned: pinned.as_slice(),
        },
        create_ack,
    )?;
    let context = RunContext {
        configurations: vec![Configuration {
            file: None,
            ruleset: linter.ruleset().clone(),
        }],
        baseline: gate.baseline,
        base: gate.base,
        ..RunContext::default()
    };
    Ok(Linted {
        files,
        ruleset: linter.ruleset().clone(),
        report,
        inputs: linted,
        ack: gate.ack,
        matching: gate.matching,
        time,
        fail_on: args.fail_on.level(),
        ignores: gate.ignores,
        statuses: gate.statuses,
        context,
    })
}

/// Writes `text` to `path` (relative to `cwd`), creating its folder.
pub(crate) fn write_file(cwd: &Path, path: &Path, text: &str) -> Result<(), String> {
    let full = cwd.join(path);
    if let Some(dir) = full.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
    }
    std::fs::write(&full, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The file name findings in standard input are reported under.
const STDIN_NAME: &str = "<stdin>";

fn lint_one(linter: &Linter, input: &str, files: &FsResolver) -> Report {
    let (name, text) = if input == "-" {
        let text = files.text(STDIN_NAME).unwrap_or_default();
        (STDIN_NAME.to_string(), Ok(text))
    } else {
        (input.to_string(), files.read_file(input))
    };
    match text {
        Ok(text) => linter.lint(&name, text, files),
        Err(why) => {
            let mut r = Report::new(oaslint::RulesetInfo {
                name: linter.ruleset().name.clone(),
                version: linter.ruleset().version.clone(),
            });
            r.errors.push(oaslint::Error::new(
                oaslint::ErrorKind::Io,
                &name,
                format!("cannot read: {why}"),
            ));
            r
        }
    }
}

/// Expands globs; plain paths are kept as written (so reports name files
/// as the user did). Paths and globs the user wrote outside the roots are
/// admitted into `roots`; what a glob matches is not (a match that is a
/// symlink out of the roots is refused when it is read).
fn expand_inputs(inputs: &[String], cwd: &Path, roots: &mut Roots) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input != "-" && input.contains(['*', '?', '[']) {
            roots.admit_glob(input);
            let pattern = cwd.join(input);
            let paths = glob::glob(&pattern.to_string_lossy())
                .map_err(|e| format!("invalid glob {input:?}: {e}"))?;
            let mut matched: Vec<String> = paths
                .filter_map(Result::ok)
                // Not `is_file`: a match that is a device, a FIFO or a
                // symlink to one is reported when read, not skipped.
                .filter(|p| !p.is_dir())
                // Name files relative to the working directory, as typed.
                .map(|p| p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p))
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if matched.is_empty() {
                return Err(format!("no files match {input:?}"));
            }
            matched.sort();
            out.extend(matched);
        } else {
            if input != "-" {
                roots.admit_file(Path::new(input));
            }
            out.push(input.clone());
        }
    }
    out.dedup();
    Ok(out)
}
