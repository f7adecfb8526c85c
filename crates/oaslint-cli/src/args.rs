//! The command line's arguments: the clap definitions of every command
//! and the options they share.

use crate::output::{CommentOptions, Format, RulesFormat};
use crate::root::Roots;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use oaslint::Severity;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The command line's definition with its version text: what `run` parses
/// with, and what the completions and the man page describe.
pub(crate) fn command() -> clap::Command {
    Cli::command().version(version_text())
}

/// `oaslint --version` (and `-V`) after the program name: the crate
/// version, the commit it was built from (first 7 characters, from
/// build.rs) and one line per built-in ruleset, e.g.
///
/// ```text
/// 0.1.0 (abc1234)
/// ruleset zalando 0.2.0
/// ```
pub(crate) fn version_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let commit = env!("OASLINT_COMMIT");
        let mut text = format!(
            "{} ({})",
            env!("CARGO_PKG_VERSION"),
            commit.get(..7).unwrap_or(commit)
        );
        for (name, version) in oaslint::BUILTIN_RULESETS {
            text.push_str(&format!("\nruleset {name} {version}"));
        }
        text
    })
}

#[derive(Parser)]
#[command(
    name = "oaslint",
    about = "Lint OpenAPI documents against your API guidelines",
    subcommand_value_name = "COMMAND"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Lint OpenAPI/Swagger documents (files, globs, or - for stdin).
    Lint(LintArgs),
    /// Lint and print the JSON body of an Azure DevOps pull-request thread
    /// (the same as `lint --format azure-pr-thread`).
    PrThread(PrThreadArgs),
    /// Lint and add the findings to the acknowledgement file (dry run
    /// without --write); entries that match nothing any more are removed.
    Ack(AckArgs),
    /// Lint and record every finding in the baseline file (dry run without
    /// --write): the platform team's list of findings accepted when a
    /// legacy API adopts the guidelines; they are reported but do not block.
    Baseline(BaselineArgs),
    /// Compare two versions of an API (BASE, then HEAD) and report what
    /// changed for its clients: breaking changes as MUST findings of
    /// guideline 106, probably breaking ones as SHOULD (docs/breaking-changes.md).
    Diff(DiffArgs),
    /// Write the release notes of the changes from BASE to HEAD: breaking
    /// changes first, then the rest.
    Changelog(ChangelogArgs),
    /// List the rules of a ruleset: id, severity, title, link.
    Rules(RulesArgs),
    /// List the functions a ruleset's rules can call, or show one's documentation.
    Functions(FunctionsArgs),
    /// Print the shell completion script for SHELL (e.g. `oaslint
    /// completions bash > ~/.local/share/bash-completion/completions/oaslint`).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), every command and option in one page
    /// (e.g. `oaslint man > ~/.local/share/man/man1/oaslint.1`).
    Man,
}

#[derive(Args)]
pub(crate) struct RulesetArg {
    /// A built-in ruleset name (`zalando`, `zalando@0.2`) or a ruleset
    /// file, for every linted file. Default: for each file the nearest
    /// `.oaslint.yaml` from its folder up to the repository's root, else
    /// the built-in `zalando`.
    #[arg(long, short = 'r', value_name = "NAME|PATH")]
    pub(crate) ruleset: Option<String>,
}

/// Where files may be read from (see `root.rs`).
#[derive(Args)]
pub(crate) struct RootArgs {
    /// Also read `$ref`'d and `extends`'d files inside DIR (repeatable).
    /// By default files are read only inside the git work tree of the
    /// current directory, or the current directory when there is none.
    #[arg(long, value_name = "DIR")]
    pub(crate) ref_root: Vec<PathBuf>,
    /// Read `$ref`'d and `extends`'d files anywhere on this machine (never
    /// in a pull-request pipeline: the pull request chooses the paths).
    #[arg(long)]
    pub(crate) allow_refs_anywhere: bool,
}

impl RootArgs {
    /// The roots for a run in `cwd`, before any input is admitted.
    pub(crate) fn roots(&self, cwd: &Path) -> Result<Roots, String> {
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
pub(crate) struct RunArgs {
    /// Files or glob patterns (quote globs); `-` reads stdin. Default: the
    /// `files` globs of the configuration. A file a glob matches that a
    /// linted document `$ref`s is linted as part of that document; one that
    /// is no OpenAPI document and is referenced by none is skipped.
    #[arg(value_name = "FILE|GLOB|-")]
    pub(crate) inputs: Vec<String>,
    /// Leave out the files this glob matches (repeatable; relative to the
    /// current directory). `.gitignore` files are honoured too.
    #[arg(long, value_name = "GLOB")]
    pub(crate) exclude: Vec<String>,
    /// The path standard input (`-`) is reported, configured and
    /// acknowledged as; its `$ref`s are resolved from that path's folder.
    /// The file is never read.
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filepath: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) ruleset: RulesetArg,
    #[command(flatten)]
    pub(crate) roots: RootArgs,
    /// Exit with 1 when a new finding (not acknowledged, not in the
    /// baseline, not pre-existing with --new-only) is at or above this
    /// level. Spectral's words are accepted too: error (= must), warn
    /// (= should), info (= may).
    #[arg(long, value_enum, default_value = "must")]
    pub(crate) fail_on: FailOn,
    /// The acknowledgement file. Default: `.oaslint-ack.yaml` in the
    /// current directory or above. A missing file acknowledges nothing.
    #[arg(long, value_name = "FILE")]
    pub(crate) ack: Option<PathBuf>,
    /// Ignore the acknowledgement file.
    #[arg(long, conflicts_with = "ack")]
    pub(crate) no_ack: bool,
    /// The baseline file. Default: `.oaslint-baseline.yaml` in the current
    /// directory or above. Findings in it are reported as `baseline` and do
    /// not block, MUST findings included; a missing file holds nothing.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Ignore the baseline file.
    #[arg(long, conflicts_with = "baseline")]
    pub(crate) no_baseline: bool,
    /// Report as blocking only findings that the --base revision's version
    /// of each document (read through git, with its `$ref`'d files) does
    /// not have; the others are reported as `existing`.
    #[arg(long, requires = "base")]
    pub(crate) new_only: bool,
    /// Compare each document with its version at this git revision (the
    /// pull request's target branch, e.g. `origin/main`; read through git,
    /// with its `$ref`'d files) and report what changed for clients as
    /// findings of guideline 106 (breaking: MUST, probably breaking:
    /// SHOULD) and 116 (a version that does not say so). With --new-only,
    /// also the revision whose findings do not block.
    #[arg(long, value_name = "REV")]
    pub(crate) base: Option<String>,
    #[command(flatten)]
    pub(crate) changes: ChangesArgs,
    /// Let the acknowledgement file acknowledge MUST findings too (by
    /// default such entries are refused and the finding stays).
    #[arg(long)]
    pub(crate) allow_must_ack: bool,
    /// Let `x-zally-ignore` / `x-lint-ignore` in a document ignore MUST
    /// findings too (by default such an ignore is refused: the finding
    /// stays and fails the run; it is listed with the ignore either way).
    #[arg(long)]
    pub(crate) allow_must_ignore: bool,
    /// Lint with the configuration of this git revision (the pull
    /// request's target branch, e.g. `origin/main`) instead of the work
    /// tree's, and report every way the work tree's configuration weakens
    /// it as a MUST finding (`oaslint-config-weakened`).
    #[arg(long, value_name = "REV")]
    pub(crate) pinned_config_from: Option<String>,
    /// The run time for the reports: `now` or RFC 3339. Default:
    /// `SOURCE_DATE_EPOCH` if set, else now. The JSON report carries it only
    /// when this or `SOURCE_DATE_EPOCH` is given.
    #[arg(long, value_name = "now|RFC3339")]
    pub(crate) timestamp: Option<String>,
    /// Show at most N findings in the text output and the CI annotations;
    /// the rest are summed up per rule. Every finding still counts for
    /// --fail-on, and the JSON, SARIF and JUnit reports list them all.
    #[arg(long, value_name = "N")]
    pub(crate) max_findings: Option<usize>,
}

/// What a comparison of two versions reports.
#[derive(Args)]
pub(crate) struct ChangesArgs {
    /// Also report the changes that do not break clients (a new
    /// operation, a new optional property, …) as HINT findings: the
    /// changelog of the comparison.
    #[arg(long)]
    pub(crate) changelog: bool,
    /// Also compare operations and properties whose `x-stability-level`
    /// in the base is `draft` or `alpha` (they promise nothing, so by
    /// default their changes are not reported).
    #[arg(long)]
    pub(crate) include_unstable: bool,
}

/// `oaslint diff` and `oaslint changelog`: two files.
#[derive(Args)]
pub(crate) struct VersionsArgs {
    /// The base version (the one clients use today); its `$ref`s are
    /// resolved from its own folder.
    #[arg(value_name = "BASE")]
    pub(crate) base: String,
    /// The new version; its `$ref`s are resolved from its own folder.
    #[arg(value_name = "HEAD")]
    pub(crate) head: String,
    #[command(flatten)]
    pub(crate) roots: RootArgs,
    /// The day the comparison is made, for `x-sunset` dates, and the run
    /// time of the reports: `now` or RFC 3339. Default:
    /// `SOURCE_DATE_EPOCH` if set, else now.
    #[arg(long, value_name = "now|RFC3339")]
    pub(crate) timestamp: Option<String>,
}

/// Settings of the pull-request comment.
#[derive(Args)]
pub(crate) struct CommentArgs {
    /// The pull-request comment's size limit, in characters (UTF-16 code
    /// units); entries that do not fit are left out with a note. Default:
    /// GitHub's 65 536 for markdown, Azure DevOps' 150 000 for the thread.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1000..))]
    pub(crate) comment_limit: Option<u64>,
    /// The hidden marker (`<!-- MARKER -->`) that lets a pipeline find and
    /// update its comment; use one per oaslint run in a pull request.
    #[arg(long, value_name = "MARKER", default_value = "oaslint-report", value_parser = parse_marker)]
    pub(crate) marker: String,
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
    pub(crate) fn options(&self) -> CommentOptions {
        CommentOptions {
            limit: self
                .comment_limit
                .map(|l| usize::try_from(l).unwrap_or(usize::MAX)),
            marker: self.marker.clone(),
        }
    }
}

#[derive(Args)]
pub(crate) struct LintArgs {
    #[command(flatten)]
    pub(crate) run: RunArgs,
    /// Output format; repeat it to write several (each followed by its
    /// --output). Default: text.
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub(crate) format: Vec<Format>,
    /// Write the preceding --format to FILE (`-` is standard output). At
    /// most one format may go to standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) comment: CommentArgs,
    #[command(flatten)]
    pub(crate) display: DisplayArgs,
}

/// How the text output shows the findings.
#[derive(Args)]
pub(crate) struct DisplayArgs {
    /// Show only the findings that block (and errors and the summary).
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    /// Show the number of findings per rule instead of the findings.
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Colour the text output: `auto` colours a terminal unless `NO_COLOR`
    /// is set, and anything when `FORCE_COLOR` or `CLICOLOR_FORCE` is.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub(crate) color: ColorWhen,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
pub(crate) struct DiffArgs {
    #[command(flatten)]
    pub(crate) versions: VersionsArgs,
    #[command(flatten)]
    pub(crate) changes: ChangesArgs,
    /// Exit with 1 when a new change (not acknowledged, not in the
    /// baseline) is at or above this level: breaking changes are MUST
    /// findings, probably breaking ones SHOULD, the changelog
    /// (--changelog) HINT.
    #[arg(long, value_enum, default_value = "must")]
    pub(crate) fail_on: FailOn,
    #[command(flatten)]
    pub(crate) gate: GateFileArgs,
    /// Output format; repeat it to write several (each followed by its
    /// --output). Default: text.
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub(crate) format: Vec<Format>,
    /// Write the preceding --format to FILE (`-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Vec<PathBuf>,
    /// Show at most N changes in the text output and the CI annotations.
    #[arg(long, value_name = "N")]
    pub(crate) max_findings: Option<usize>,
    #[command(flatten)]
    pub(crate) comment: CommentArgs,
    #[command(flatten)]
    pub(crate) display: DisplayArgs,
}

/// The acknowledgement file and the baseline of `oaslint diff`, as
/// `lint` takes them (the changes are findings like any other).
#[derive(Args)]
pub(crate) struct GateFileArgs {
    /// The acknowledgement file. Default: `.oaslint-ack.yaml` in the
    /// current directory or above. A missing file acknowledges nothing.
    #[arg(long, value_name = "FILE")]
    pub(crate) ack: Option<PathBuf>,
    /// Ignore the acknowledgement file.
    #[arg(long, conflicts_with = "ack")]
    pub(crate) no_ack: bool,
    /// The baseline file. Default: `.oaslint-baseline.yaml` in the current
    /// directory or above. Changes in it are reported as `baseline` and do
    /// not block, breaking ones included; a missing file holds nothing.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Ignore the baseline file.
    #[arg(long, conflicts_with = "baseline")]
    pub(crate) no_baseline: bool,
    /// Let the acknowledgement file acknowledge breaking (MUST) changes too
    /// (by default such entries are refused and the change stays).
    #[arg(long)]
    pub(crate) allow_must_ack: bool,
}

#[derive(Args)]
pub(crate) struct ChangelogArgs {
    #[command(flatten)]
    pub(crate) versions: VersionsArgs,
    /// Also list changes to operations and properties whose
    /// `x-stability-level` in the base is `draft` or `alpha`.
    #[arg(long)]
    pub(crate) include_unstable: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "markdown")]
    pub(crate) format: ChangelogFormat,
    /// Write the release notes to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `oaslint changelog --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChangelogFormat {
    /// Release notes: breaking changes first, then the rest, by level.
    Markdown,
    /// One line per change.
    Text,
}

#[derive(Args)]
pub(crate) struct PrThreadArgs {
    #[command(flatten)]
    pub(crate) run: RunArgs,
    /// Write the thread body to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) comment: CommentArgs,
}

#[derive(Args)]
pub(crate) struct AckArgs {
    #[command(flatten)]
    pub(crate) run: RunArgs,
    /// Write the acknowledgement file (else print it).
    #[arg(long)]
    pub(crate) write: bool,
    /// The reason recorded in new entries.
    #[arg(long, value_name = "TEXT")]
    pub(crate) reason: Option<String>,
    /// Who acknowledges, recorded in new entries.
    #[arg(long, value_name = "NAME")]
    pub(crate) by: Option<String>,
    /// Only acknowledge findings of this rule (repeatable).
    #[arg(long = "rule", value_name = "ID")]
    pub(crate) rules: Vec<String>,
}

#[derive(Args)]
pub(crate) struct BaselineArgs {
    #[command(flatten)]
    pub(crate) run: RunArgs,
    /// Write the baseline file (else print it).
    #[arg(long)]
    pub(crate) write: bool,
}

#[derive(Args)]
pub(crate) struct RulesArgs {
    #[command(flatten)]
    pub(crate) ruleset: RulesetArg,
    #[command(flatten)]
    pub(crate) roots: RootArgs,
    /// Output format (`json` lists every rule with its details).
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub(crate) format: RulesFormat,
}

#[derive(Args)]
pub(crate) struct FunctionsArgs {
    /// A function's name: print its documentation and options schema.
    pub(crate) name: Option<String>,
    /// Output format (`json`: name, summary, documentation and options
    /// schema of each).
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub(crate) format: RulesFormat,
}

#[derive(Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

/// The shells `oaslint completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    #[value(alias = "error")]
    Must,
    #[value(alias = "warn")]
    Should,
    #[value(alias = "info")]
    May,
    Hint,
    None,
}

impl FailOn {
    pub(crate) fn level(self) -> Option<Severity> {
        match self {
            FailOn::Must => Some(Severity::Must),
            FailOn::Should => Some(Severity::Should),
            FailOn::May => Some(Severity::May),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::None => None,
        }
    }
}
