//! The `oaslint` command line, as a library so tests can run it in-process
//! with their own standard streams (`src/main.rs` is a thin wrapper).
//!
//! Exit codes: 0 = no finding at or above the fail level; 1 = findings at
//! or above it; 2 = an input or the ruleset could not be processed.

pub mod ack;
pub mod output;
pub mod pin;
pub mod resolver;
pub mod root;
pub mod run;
pub mod timestamp;

use ack::{AckFile, Matching};
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use oaslint::ruleset::sort_rule_ids;
use oaslint::{Finding, FunctionRegistry, Linter, Report, Ruleset, RulesetLoader, Severity};
use output::{CommentOptions, Format, RenderOptions, RulesFormat, GITHUB_COMMENT_LIMIT};
use rayon::prelude::*;
use resolver::FsResolver;
use root::Roots;
use run::{Input, LintRun};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use timestamp::{RunTime, Timestamp};

pub use run::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

/// Names of the ruleset file looked up from the current directory upwards.
const CONFIG_NAMES: &[&str] = &[".oaslint.yaml", ".oaslint.yml", ".oaslint.json"];

/// The ruleset used when no `--ruleset` is given and no `.oaslint.yaml` is
/// found.
const DEFAULT_RULESET: &str = "zalando";

#[derive(Parser)]
#[command(
    name = "oaslint",
    version,
    about = "Lint OpenAPI documents against your API guidelines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint OpenAPI/Swagger documents (files, globs, or - for stdin).
    Lint(LintArgs),
    /// Lint and print the JSON body of an Azure DevOps pull-request thread
    /// (the same as `lint --format azure-pr-thread`).
    PrThread(PrThreadArgs),
    /// Lint and add the findings to the acknowledgement file (dry run
    /// without --write); entries that match nothing any more are removed.
    Ack(AckArgs),
    /// List the rules of a ruleset: id, severity, title, link.
    Rules(RulesArgs),
}

#[derive(Args)]
struct RulesetArg {
    /// A built-in ruleset name (`zalando`, `zalando@0.1`) or a ruleset
    /// file. Default: `.oaslint.yaml` in the current directory or above,
    /// else the built-in `zalando`.
    #[arg(long, short = 'r', value_name = "NAME|PATH")]
    ruleset: Option<String>,
}

/// Where files may be read from (see `root.rs`).
#[derive(Args)]
struct RootArgs {
    /// Also read `$ref`'d and `extends`'d files inside DIR (repeatable).
    /// By default files are read only inside the git work tree of the
    /// current directory, or the current directory when there is none.
    #[arg(long, value_name = "DIR")]
    ref_root: Vec<PathBuf>,
    /// Read `$ref`'d and `extends`'d files anywhere on this machine (never
    /// in a pull-request pipeline: the pull request chooses the paths).
    #[arg(long)]
    allow_refs_anywhere: bool,
}

impl RootArgs {
    /// The roots for a run in `cwd`, before any input is admitted.
    fn roots(&self, cwd: &Path) -> Result<Roots, String> {
        let mut roots = Roots::new(cwd);
        for dir in &self.ref_root {
            roots.add_root(dir)?;
        }
        if self.allow_refs_anywhere {
            roots.allow_anywhere();
        }
        Ok(roots)
    }
}

/// What every linting command takes.
#[derive(Args)]
struct RunArgs {
    /// Files or glob patterns (quote globs); `-` reads stdin.
    #[arg(required = true, value_name = "FILE|GLOB|-")]
    inputs: Vec<String>,
    #[command(flatten)]
    ruleset: RulesetArg,
    #[command(flatten)]
    roots: RootArgs,
    /// Exit with 1 when an unacknowledged finding is at or above this level.
    #[arg(long, value_enum, default_value = "must")]
    fail_on: FailOn,
    /// The acknowledgement file. Default: `.oaslint-ack.yaml` in the
    /// current directory or above. A missing file acknowledges nothing.
    #[arg(long, value_name = "FILE")]
    ack: Option<PathBuf>,
    /// Ignore the acknowledgement file.
    #[arg(long, conflicts_with = "ack")]
    no_ack: bool,
    /// Let the acknowledgement file acknowledge MUST findings too (by
    /// default such entries are refused and the finding stays).
    #[arg(long)]
    allow_must_ack: bool,
    /// Let `x-zally-ignore` / `x-lint-ignore` in a document ignore MUST
    /// findings too (by default such an ignore is refused: the finding
    /// stays and fails the run; it is listed with the ignore either way).
    #[arg(long)]
    allow_must_ignore: bool,
    /// Lint with the configuration of this git revision (the pull
    /// request's target branch, e.g. `origin/main`) instead of the work
    /// tree's, and report every way the work tree's configuration weakens
    /// it as a MUST finding (`oaslint-config-weakened`).
    #[arg(long, value_name = "REV")]
    pinned_config_from: Option<String>,
    /// The run time for the reports: `now` or RFC 3339. Default:
    /// `SOURCE_DATE_EPOCH` if set, else now. The JSON report carries it only
    /// when this or `SOURCE_DATE_EPOCH` is given.
    #[arg(long, value_name = "now|RFC3339")]
    timestamp: Option<String>,
    /// The most findings (and ignored findings) the report lists; the rest
    /// are counted by severity and rule, and every format says the list
    /// was cut. Omitted findings still count for --fail-on.
    #[arg(long, value_name = "N", default_value_t = oaslint::report::DEFAULT_MAX_FINDINGS)]
    max_findings: usize,
}

/// Settings of the pull-request comment.
#[derive(Args)]
struct CommentArgs {
    /// The pull-request comment's size limit, in characters (UTF-16 code
    /// units); entries that do not fit are left out with a note.
    #[arg(long, value_name = "N", default_value_t = GITHUB_COMMENT_LIMIT as u64,
          value_parser = clap::value_parser!(u64).range(1000..))]
    comment_limit: u64,
    /// The hidden marker (`<!-- MARKER -->`) that lets a pipeline find and
    /// update its comment; use one per oaslint run in a pull request.
    #[arg(long, value_name = "MARKER", default_value = "oaslint-report", value_parser = parse_marker)]
    marker: String,
}

/// Markers are plain names, so that they fit in an HTML comment and in
/// the shell and `jq` of a pipeline unquoted.
fn parse_marker(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'));
    if ok {
        Ok(s.to_string())
    } else {
        Err("use letters, digits and - _ . : / (at most 100)".into())
    }
}

impl CommentArgs {
    fn options(&self) -> CommentOptions {
        CommentOptions {
            limit: usize::try_from(self.comment_limit).unwrap_or(usize::MAX),
            marker: self.marker.clone(),
        }
    }
}

#[derive(Args)]
struct LintArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Output format; repeat it to write several (each followed by its
    /// --output). Default: text.
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    format: Vec<Format>,
    /// Write the preceding --format to FILE (`-` is standard output). At
    /// most one format may go to standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Vec<PathBuf>,
    #[command(flatten)]
    comment: CommentArgs,
}

#[derive(Args)]
struct PrThreadArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Write the thread body to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    comment: CommentArgs,
}

#[derive(Args)]
struct AckArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Write the acknowledgement file (else print it).
    #[arg(long)]
    write: bool,
    /// The reason recorded in new entries.
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// Who acknowledges, recorded in new entries.
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// Only acknowledge findings of this rule (repeatable).
    #[arg(long = "rule", value_name = "ID")]
    rules: Vec<String>,
}

#[derive(Args)]
struct RulesArgs {
    #[command(flatten)]
    ruleset: RulesetArg,
    #[command(flatten)]
    roots: RootArgs,
    /// Output format (`json` lists every rule with its details).
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Must,
    Should,
    May,
    Hint,
    None,
}

impl FailOn {
    fn level(self) -> Option<Severity> {
        match self {
            FailOn::Must => Some(Severity::Must),
            FailOn::Should => Some(Severity::Should),
            FailOn::May => Some(Severity::May),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::None => None,
        }
    }
}

/// What the command line reads and writes besides its arguments.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// The directory `.oaslint.yaml` is searched from.
    pub cwd: PathBuf,
    /// Whether text output may use colour (a terminal, and `NO_COLOR` unset).
    pub color: bool,
}

/// Runs `oaslint` with `args` (the first is the program name) and returns
/// the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>, io: &mut Io<'_>) -> u8 {
    let parsed = Cli::command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(p) => p,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                // Arguments can come from file names: defused like the rest.
                let _ = io.stderr.write_all(output::defuse::lines(&text).as_bytes());
                EXIT_ERROR
            } else {
                let _ = io.stdout.write_all(text.as_bytes());
                EXIT_OK
            };
        }
    };
    let result = match cli.command {
        Command::Lint(args) => {
            let m = matches
                .subcommand_matches("lint")
                .expect("the lint command");
            lint(args, m, io)
        }
        Command::PrThread(args) => pr_thread(args, io),
        Command::Ack(args) => ack_command(args, io),
        Command::Rules(args) => rules(args, io),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            say(io, &format!("oaslint: {message}"));
            EXIT_ERROR
        }
    }
}

/// Loads `--ruleset`, else the `.oaslint.yaml` found in the root, else the
/// default. The ruleset file and everything it `extends` are read inside
/// `roots` (plus the directory of a `--ruleset` named outside them).
fn load_ruleset(arg: &RulesetArg, roots: &Roots, cwd: &Path) -> Result<Ruleset, String> {
    let mut roots = roots.clone();
    let spec = match &arg.ruleset {
        Some(s) => {
            roots.admit_file(Path::new(s));
            s.clone()
        }
        None => match find_config(roots.cwd(), roots.home()) {
            Some(path) => path.to_string_lossy().into_owned(),
            None => DEFAULT_RULESET.to_string(),
        },
    };
    let files = FsResolver::new(cwd, roots);
    let registry = FunctionRegistry::default();
    let loader = RulesetLoader::new(&files, &registry);
    loader.load(&spec).map_err(|e| e.to_string())
}

/// `.oaslint.yaml` (or `.yml`, `.json`) in `dir` or the nearest parent, up
/// to `root` and no further: a file planted above the repository (on a
/// shared agent, say) is not the repository's configuration. Any entry of
/// that name counts, so that one that is not a readable file inside the
/// root is an error rather than silently skipped.
fn find_config(dir: &Path, root: &Path) -> Option<PathBuf> {
    ancestors_within(dir, root)
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.symlink_metadata().is_ok())
}

/// `dir` and its parents up to `root` (all of them when `dir` is not below
/// `root`, which cannot happen for the canonical current directory).
fn ancestors_within<'a>(dir: &'a Path, root: &'a Path) -> impl Iterator<Item = &'a Path> {
    let mut done = false;
    dir.ancestors().take_while(move |d| {
        let go = !done;
        done = done || *d == root;
        go
    })
}

/// The acknowledgement file to use: `--ack`, else `.oaslint-ack.yaml` in
/// `cwd` or the nearest parent up to the root, else (when `create`) one in
/// `cwd`. A file that is there but is not a regular file inside the root
/// (a symlink out of the repository, a FIFO) is an error.
fn locate_ack(
    args: &RunArgs,
    cwd: &Path,
    roots: &Roots,
    create: bool,
) -> Result<Option<(PathBuf, String)>, String> {
    if args.no_ack {
        return Ok(None);
    }
    if let Some(p) = &args.ack {
        let mut roots = roots.clone();
        roots.admit_file(p);
        let path = cwd.join(p);
        let display = p.to_string_lossy().into_owned();
        check_ack_file(&path, &display, &roots)?;
        return Ok(Some((path, display)));
    }
    let canonical_cwd = roots.cwd();
    for (up, dir) in ancestors_within(canonical_cwd, roots.home()).enumerate() {
        let candidate = dir.join(ack::DEFAULT_ACK_FILE);
        if candidate.symlink_metadata().is_ok() {
            let display = format!("{}{}", "../".repeat(up), ack::DEFAULT_ACK_FILE);
            // Keep the path relative to `cwd` as it was (entry paths are
            // relative to the ack file's folder, computed from it).
            let mut path = cwd.to_path_buf();
            for _ in 0..up {
                path.push("..");
            }
            let path = path.join(ack::DEFAULT_ACK_FILE);
            check_ack_file(&path, &display, roots)?;
            return Ok(Some((path, display)));
        }
    }
    Ok(create.then(|| {
        (
            cwd.join(ack::DEFAULT_ACK_FILE),
            ack::DEFAULT_ACK_FILE.to_string(),
        )
    }))
}

/// A missing acknowledgement file is fine (it acknowledges nothing); one
/// that is there must be a regular file inside the roots.
fn check_ack_file(path: &Path, display: &str, roots: &Roots) -> Result<(), String> {
    if path.symlink_metadata().is_err() && !roots.contains(&roots.lexical(path)) {
        return Err(format!("cannot read {display}: {}", root::OUTSIDE_ROOT));
    }
    let Ok(canonical) = std::fs::canonicalize(path) else {
        // Missing, or a dangling symlink: the ack loader reports it.
        return Ok(());
    };
    if !roots.contains(&canonical) {
        return Err(format!("cannot read {display}: {}", root::OUTSIDE_ROOT));
    }
    match std::fs::metadata(&canonical) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.is_dir() => Err(format!("cannot read {display}: is a directory")),
        Ok(_) => Err(format!(
            "cannot read {display}: {}",
            resolver::ReadError::NotRegular
        )),
        Err(e) => Err(format!("cannot read {display}: {e}")),
    }
}

/// A finished lint with everything the outputs need.
struct Linted {
    files: FsResolver,
    ruleset: Ruleset,
    report: Report,
    inputs: Vec<Input>,
    ack: Option<AckFile>,
    matching: Matching,
    time: RunTime,
    fail_on: Option<Severity>,
    ignores: run::IgnoreGate,
}

impl Linted {
    fn run(&self) -> LintRun<'_> {
        LintRun {
            report: &self.report,
            ruleset: &self.ruleset,
            inputs: &self.inputs,
            ack: self.ack.as_ref(),
            matching: &self.matching,
            time: self.time,
            fail_on: self.fail_on,
            ignores: &self.ignores,
        }
    }
}

/// Loads the ruleset and the acknowledgements, lints every input (in
/// parallel) into one report, and matches the acknowledgements.
fn lint_inputs(args: &RunArgs, io: &mut Io<'_>, create_ack: bool) -> Result<Linted, String> {
    let time = timestamp::resolve(
        args.timestamp.as_deref(),
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        Timestamp::now,
    )?;
    let mut roots = args.roots.roots(&io.cwd)?;
    let pinned = match &args.pinned_config_from {
        Some(rev) => Some(pin::load(
            &io.cwd,
            rev,
            args.ruleset.ruleset.as_deref(),
            DEFAULT_RULESET,
            &FsResolver::new(&io.cwd, roots.clone()),
        )?),
        None => None,
    };
    let ruleset = match &pinned {
        Some(p) => p.ruleset.clone(),
        None => load_ruleset(&args.ruleset, &roots, &io.cwd)?,
    };
    let ack = match locate_ack(args, &io.cwd, &roots, create_ack)? {
        Some((path, display)) => Some(AckFile::load(path, display)?),
        None => None,
    };
    let inputs = expand_inputs(&args.inputs, &io.cwd, &mut roots)?;
    let files = FsResolver::new(&io.cwd, roots);
    let linter = Linter::new(ruleset).with_max_findings(args.max_findings);
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
    let mut report = Report::new(oaslint::report::RulesetInfo {
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
        });
        to_merge.push(r);
    }
    // All at once: merging one report at a time is quadratic in the files.
    report.merge_all(to_merge);
    // Each lint kept up to the limit; the merged report keeps it too.
    report.truncate(args.max_findings);
    let fail_on = args.fail_on.level();
    if let Some(p) = &pinned {
        p.report_weakenings(&mut report, &mut linted, fail_on, &files);
    }
    let ignores = run::IgnoreGate::apply(&mut report, args.allow_must_ignore);
    let matching = match &ack {
        Some(a) => ack::match_findings(a, &report, &io.cwd, args.allow_must_ack),
        None => Matching::none(report.findings.len()),
    };
    Ok(Linted {
        files,
        ruleset: linter.ruleset().clone(),
        report,
        inputs: linted,
        ack,
        matching,
        time,
        fail_on,
        ignores,
    })
}

/// Pairs each `--output` with the `--format` before it on the command line
/// (an `--output` before every `--format` belongs to the first one).
fn pair_outputs(
    args: &LintArgs,
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
        format_at.into_iter().zip(args.format.clone()).collect();
    if formats.is_empty() {
        formats.push((0, Format::Text));
    }
    let mut targets: Vec<Option<PathBuf>> = vec![None; formats.len()];
    for (at, path) in output_at.into_iter().zip(&args.output) {
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
    }
}

fn lint(args: LintArgs, matches: &ArgMatches, io: &mut Io<'_>) -> Result<u8, String> {
    let outputs = pair_outputs(&args, matches)?;
    let linted = lint_inputs(&args.run, io, false)?;
    emit(&linted, &outputs, &args.comment.options(), io)
}

fn pr_thread(args: PrThreadArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let linted = lint_inputs(&args.run, io, false)?;
    let output = args.output.filter(|p| p.as_os_str() != "-");
    emit(
        &linted,
        &[(Format::AzurePrThread, output)],
        &args.comment.options(),
        io,
    )
}

/// Writes every output, reports errors and acknowledgement warnings on
/// stderr, and returns the exit code.
fn emit(
    linted: &Linted,
    outputs: &[(Format, Option<PathBuf>)],
    comment: &CommentOptions,
    io: &mut Io<'_>,
) -> Result<u8, String> {
    let run = linted.run();
    let source = |name: &str| linted.files.text(name);
    let mut stdout_text = None;
    for (format, target) in outputs {
        let opts = RenderOptions {
            color: target.is_none() && io.color,
            source: &source,
            comment,
        };
        let rendered = output::render(*format, &run, &opts);
        match target {
            Some(path) => write_file(&io.cwd, path, &rendered)?,
            None => stdout_text = Some(rendered),
        }
    }
    if let Some(text) = stdout_text {
        // A closed pipe (`oaslint … | head`) is not an error worth a panic.
        let _ = io.stdout.write_all(text.as_bytes());
    }
    for e in &linted.report.errors {
        say(io, &e.to_string());
    }
    warn_about_acks(&run, io);
    Ok(run.exit_code())
}

/// Writes one line to stderr. Every stderr line goes through here: it
/// carries file names, messages and acknowledgement entries from the pull
/// request, which must not form a CI command or a terminal escape
/// ([`output::defuse::line`]).
fn say(io: &mut Io<'_>, line: &str) {
    let _ = writeln!(io.stderr, "{}", output::defuse::line(line));
}

/// Writes `text` to `path` (relative to `cwd`), creating its folder.
fn write_file(cwd: &Path, path: &Path, text: &str) -> Result<(), String> {
    let full = cwd.join(path);
    if let Some(dir) = full.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
    }
    std::fs::write(&full, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn warn_about_acks(run: &LintRun<'_>, io: &mut Io<'_>) {
    let file = run.ack_display();
    for (e, f) in run.refused() {
        say(
            io,
            &format!(
                "warning: {file}:{}: not acknowledged: {} at {} is a MUST finding (allow with --allow-must-ack)",
                e.line.unwrap_or(0),
                f.rule,
                run::place(f)
            ),
        );
    }
    for e in run.stale() {
        say(
            io,
            &format!(
                "warning: {file}:{}: stale acknowledgement: no finding of {} at {}#{} any more (`oaslint ack --write` removes it)",
                e.line.unwrap_or(0),
                e.rule,
                e.file,
                e.pointer
            ),
        );
    }
}

fn ack_command(args: AckArgs, io: &mut Io<'_>) -> Result<u8, String> {
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
            let mut r = Report::new(oaslint::report::RulesetInfo {
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

fn rules(args: RulesArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let roots = args.roots.roots(&io.cwd)?;
    let ruleset = load_ruleset(&args.ruleset, &roots, &io.cwd)?;
    let mut ids: Vec<String> = ruleset.rules.iter().map(|r| r.id.clone()).collect();
    sort_rule_ids(&mut ids);
    let rule = |id: &str| {
        ruleset
            .rules
            .iter()
            .find(|r| r.id == id)
            .expect("id taken from the rules")
    };
    let out = match args.format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = ids
                .iter()
                .map(|id| {
                    let r = rule(id);
                    serde_json::json!({
                        "id": r.id,
                        "severity": r.level().map(|s| s.as_str()).unwrap_or("off"),
                        "title": r.title,
                        "description": r.description,
                        "link": r.link,
                        "formats": r.formats,
                        "tags": r.tags,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "ruleset": {"name": ruleset.name, "version": ruleset.version},
                "rules": list,
            });
            format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("serializable")
            )
        }
        RulesFormat::Text => {
            let mut s = format!(
                "{} {} — {} rules\n",
                ruleset.name,
                ruleset.version,
                ids.len()
            );
            let width = ids.iter().map(|i| i.len()).max().unwrap_or(2).max(2);
            for id in &ids {
                let r = rule(id);
                let sev = r.level().map(|s| s.label()).unwrap_or("off");
                s.push_str(&format!(
                    "{id:<width$}  {sev:<6}  {}{}\n",
                    r.title,
                    r.link
                        .as_deref()
                        .map(|l| format!("  <{l}>"))
                        .unwrap_or_default()
                ));
            }
            s
        }
    };
    let _ = io.stdout.write_all(out.as_bytes());
    Ok(EXIT_OK)
}
