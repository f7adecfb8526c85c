//! The `oaslint` command line, as a library so tests can run it in-process
//! with their own standard streams (`src/main.rs` is a thin wrapper).
//!
//! Exit codes: 0 = no finding at or above the fail level; 1 = findings at
//! or above it; 2 = an input or the ruleset could not be processed.

pub mod output;
pub mod resolver;

use clap::{Args, Parser, Subcommand, ValueEnum};
use oaslint::ruleset::sort_rule_ids;
use oaslint::{FunctionRegistry, Linter, Report, Ruleset, RulesetLoader, Severity};
use output::text::{self, TextOptions};
use output::Format;
use rayon::prelude::*;
use resolver::FsResolver;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

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

#[derive(Args)]
struct LintArgs {
    /// Files or glob patterns (quote globs); `-` reads stdin.
    #[arg(required = true, value_name = "FILE|GLOB|-")]
    inputs: Vec<String>,
    #[command(flatten)]
    ruleset: RulesetArg,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this level.
    #[arg(long, value_enum, default_value = "must")]
    fail_on: FailOn,
}

#[derive(Args)]
struct RulesArgs {
    #[command(flatten)]
    ruleset: RulesetArg,
    /// Output format (`json` lists every rule with its details).
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: Format,
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

/// Exit code: no finding at or above the fail level.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above the fail level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: an input or the ruleset could not be processed.
pub const EXIT_ERROR: u8 = 2;

/// Runs `oaslint` with `args` (the first is the program name) and returns
/// the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>, io: &mut Io<'_>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                let _ = io.stderr.write_all(text.as_bytes());
                EXIT_ERROR
            } else {
                let _ = io.stdout.write_all(text.as_bytes());
                EXIT_OK
            };
        }
    };
    let result = match cli.command {
        Command::Lint(args) => lint(args, io),
        Command::Rules(args) => rules(args, io),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(io.stderr, "oaslint: {message}");
            EXIT_ERROR
        }
    }
}

fn load_ruleset(arg: &RulesetArg, files: &FsResolver, cwd: &Path) -> Result<Ruleset, String> {
    let registry = FunctionRegistry::default();
    let loader = RulesetLoader::new(files, &registry);
    let spec = match &arg.ruleset {
        Some(s) => s.clone(),
        None => match find_config(cwd) {
            Some(path) => path.to_string_lossy().into_owned(),
            None => DEFAULT_RULESET.to_string(),
        },
    };
    loader.load(&spec).map_err(|e| e.to_string())
}

/// `.oaslint.yaml` (or `.yml`, `.json`) in `dir` or the nearest parent.
fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

fn lint(args: LintArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let files = FsResolver::new(&io.cwd);
    let ruleset = load_ruleset(&args.ruleset, &files, &io.cwd)?;
    let inputs = expand_inputs(&args.inputs, &io.cwd)?;
    let linter = Linter::new(ruleset);
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
    for r in reports {
        report.merge(r);
    }

    let rendered = match args.format {
        Format::Json => {
            let mut s = report.to_json_pretty();
            s.push('\n');
            s
        }
        Format::Text => {
            let color = args.output.is_none() && io.color;
            text::render(&report, &|name| files.text(name), &TextOptions { color })
        }
    };
    match &args.output {
        Some(path) => std::fs::write(path, rendered)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => {
            // A closed pipe (`oaslint … | head`) is not an error worth a panic.
            let _ = io.stdout.write_all(rendered.as_bytes());
        }
    }
    for e in &report.errors {
        let _ = writeln!(io.stderr, "{e}");
    }
    if !report.errors.is_empty() {
        return Ok(EXIT_ERROR);
    }
    let failed = args
        .fail_on
        .level()
        .is_some_and(|level| report.has_findings_at(level));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
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
/// as the user did).
fn expand_inputs(inputs: &[String], cwd: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input != "-" && input.contains(['*', '?', '[']) {
            let pattern = cwd.join(input);
            let paths = glob::glob(&pattern.to_string_lossy())
                .map_err(|e| format!("invalid glob {input:?}: {e}"))?;
            let mut matched: Vec<String> = paths
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
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
            out.push(input.clone());
        }
    }
    out.dedup();
    Ok(out)
}

fn rules(args: RulesArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let files = FsResolver::new(&io.cwd);
    let ruleset = load_ruleset(&args.ruleset, &files, &io.cwd)?;
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
        Format::Json => {
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
        Format::Text => {
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
