//! `oaslint lint` and `oaslint pr-thread`: lint, then write each output.

use super::{lint_inputs, write_file, Linted};
use crate::args::{ColorWhen, LintArgs, PrThreadArgs};
use crate::output::{self, color, CommentOptions, DisplayOptions, Format, Links, RenderOptions};
use crate::run::{self, LintRun};
use crate::{say, Io};
use clap::ArgMatches;
use std::io::Write;
use std::path::PathBuf;

/// Pairs each `--output` with the `--format` before it on the command line
/// (an `--output` before every `--format` belongs to the first one).
pub(super) fn pair_outputs(
    format: &[Format],
    output: &[PathBuf],
    matches: &ArgMatches,
) -> Result<Vec<(Format, Option<PathBuf>)>, String> {
    let format_at: Vec<usize> = matches
        .indices_of("format")
        .map(Iterator::collect)
        .unwrap_or_default();
    let output_at: Vec<usize> = matches
        .indices_of("output")
        .map(Iterator::collect)
        .unwrap_or_default();
    let mut formats: Vec<(usize, Format)> =
        format_at.into_iter().zip(format.iter().copied()).collect();
    if formats.is_empty() {
        formats.push((0, Format::Text));
    }
    let mut targets: Vec<Option<PathBuf>> = vec![None; formats.len()];
    for (at, path) in output_at.into_iter().zip(output) {
        let k = formats.iter().rposition(|(f, _)| *f < at).unwrap_or(0);
        if targets[k].is_some() {
            return Err(format!(
                "two --output for --format {}: put each --output right after its --format",
                format_name(formats[k].1)
            ));
        }
        targets[k] = Some(path.clone());
    }
    let pairs: Vec<(Format, Option<PathBuf>)> = formats
        .into_iter()
        .map(|(_, f)| f)
        .zip(targets)
        .map(|(f, t)| (f, t.filter(|p| p.as_os_str() != "-")))
        .collect();
    let to_stdout: Vec<&str> = pairs
        .iter()
        .filter(|(_, t)| t.is_none())
        .map(|(f, _)| format_name(*f))
        .collect();
    if to_stdout.len() > 1 {
        return Err(format!(
            "only one format can go to standard output, not {}: give the others an --output FILE",
            to_stdout.join(" and ")
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (_, t) in &pairs {
        if let Some(p) = t {
            if !seen.insert(p.clone()) {
                return Err(format!("--output {} is given twice", p.display()));
            }
        }
    }
    Ok(pairs)
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "text",
        Format::Json => "json",
        Format::Markdown => "markdown",
        Format::Sarif => "sarif",
        Format::Junit => "junit",
        Format::Github => "github",
        Format::AzureDevops => "azure-devops",
        Format::AzurePrThread => "azure-pr-thread",
        Format::SpectralJson => "spectral-json",
    }
}

pub(crate) fn lint(args: LintArgs, matches: &ArgMatches, io: &mut Io<'_>) -> Result<u8, String> {
    let outputs = pair_outputs(&args.format, &args.output, matches)?;
    let linted = lint_inputs(&args.run, io, false)?;
    let display = DisplayOptions {
        quiet: args.display.quiet,
        statistics: args.display.statistics,
        max_findings: args.run.max_findings,
        list_errors: false,
    };
    emit(
        &linted,
        &outputs,
        &args.comment.options(),
        &display,
        args.display.color,
        io,
    )
}

pub(crate) fn pr_thread(args: PrThreadArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let linted = lint_inputs(&args.run, io, false)?;
    let output = args.output.filter(|p| p.as_os_str() != "-");
    emit(
        &linted,
        &[(Format::AzurePrThread, output)],
        &args.comment.options(),
        &DisplayOptions::default(),
        ColorWhen::Never,
        io,
    )
}

/// Writes every output, reports errors and acknowledgement warnings on
/// stderr, and returns the exit code.
pub(super) fn emit(
    linted: &Linted,
    outputs: &[(Format, Option<PathBuf>)],
    comment: &CommentOptions,
    display: &DisplayOptions,
    color_when: ColorWhen,
    io: &mut Io<'_>,
) -> Result<u8, String> {
    let run = linted.run();
    let source = |name: &str| linted.files.text(name);
    let links = Links::from_env(&io.env, linted.context.cwd_in_repository.as_deref());
    let color = color::use_color(color_when, &io.env, io.terminal);
    let mut stdout_text = None;
    for (format, target) in outputs {
        let to_stdout = target.is_none();
        let display = DisplayOptions {
            // On standard output the errors are left to standard error
            // (written once, below); a text file lists them.
            list_errors: !to_stdout,
            ..display.clone()
        };
        let opts = RenderOptions {
            color: to_stdout && color,
            source: &source,
            comment,
            display: &display,
            links: links.as_ref(),
            cwd: &io.cwd,
        };
        let rendered = output::render(*format, &run, &opts);
        match target {
            Some(path) => write_file(&io.cwd, path, &rendered)?,
            None => stdout_text = Some((*format, rendered)),
        }
    }
    // A closed pipe (`oaslint … | head`) is not an error worth a panic.
    match stdout_text {
        Some((Format::Text, text)) => {
            // Through anstream: it writes the styles when colour is on and
            // strips any escape sequence when it is off.
            // (`Io::stdout` is not `'static`, which anstream's streams
            // need: the text goes through a buffer.)
            let mut out = anstream::AutoStream::new(Vec::new(), color::choice(color));
            let _ = out.write_all(text.as_bytes());
            let _ = io.stdout.write_all(&out.into_inner());
        }
        Some((_, text)) => {
            let _ = io.stdout.write_all(text.as_bytes());
        }
        None => {}
    }
    for e in &linted.report.errors {
        say(io, &e.to_string());
    }
    // What the rulesets say that was accepted but does nothing here (a
    // `then` key Spectral ignores, rules for AsyncAPI), once per note.
    let mut noted = std::collections::HashSet::new();
    for c in &linted.context.configurations {
        for w in &c.ruleset.warnings {
            let line = format!("warning: {w}");
            if noted.insert(line.clone()) {
                say(io, &line);
            }
        }
    }
    let skipped = &linted.context.skipped;
    if !skipped.is_empty() {
        say(
            io,
            &format!(
                "oaslint: skipped {} ({})",
                run::count(skipped.len(), "file", "files"),
                output::skipped_reasons(skipped)
            ),
        );
    }
    warn_about_acks(&run, io);
    Ok(run.exit_code())
}

fn warn_about_acks(run: &LintRun<'_>, io: &mut Io<'_>) {
    let file = run.ack_display();
    for (e, f) in run.refused() {
        say(
            io,
            &format!(
                "warning: {file}:{}: not acknowledged: {}{} at {} is a MUST finding (allow with --allow-must-ack)",
                e.line.unwrap_or(0),
                f.rule,
                f.check.as_ref().map(|c| format!(" {c}")).unwrap_or_default(),
                run::place(f)
            ),
        );
    }
    for e in run.stale() {
        say(
            io,
            &format!(
                "warning: {file}:{}: stale acknowledgement: no finding of {}{} at {}#{} any more (`oaslint ack --write` removes it)",
                e.line.unwrap_or(0),
                e.rule,
                e.check.as_ref().map(|c| format!(" {c}")).unwrap_or_default(),
                e.file,
                e.pointer
            ),
        );
    }
}
