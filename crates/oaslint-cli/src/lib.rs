//! The `oaslint` command line, as a library so tests can run it in-process
//! with their own standard streams (`src/main.rs` is a thin wrapper).
//!
//! Exit codes: 0 = no finding at or above the fail level; 1 = findings at
//! or above it; 2 = an input or the ruleset could not be processed.

mod ack;
mod args;
mod baseline;
mod changes;
mod commands;
mod config;
mod env;
mod gate;
mod git;
mod inputs;
mod newonly;
pub mod output;
mod pin;
mod resolver;
mod root;
mod run;
mod timestamp;

use args::{Cli, Command};
use clap::FromArgMatches;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;

pub use env::Env;
pub use run::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

/// What the command line reads and writes besides its arguments.
pub struct Io<'a> {
    /// Read for `-` (a spec on standard input).
    pub stdin: &'a mut dyn Read,
    /// The report.
    pub stdout: &'a mut dyn Write,
    /// Errors and notes, one line each.
    pub stderr: &'a mut dyn Write,
    /// The directory `.oaslint.yaml` is searched from.
    pub cwd: PathBuf,
    /// Whether standard output is a terminal (text output is coloured by
    /// default only there; `--color` and the colour variables decide too).
    pub terminal: bool,
    /// The environment variables the run reads: `SOURCE_DATE_EPOCH`, the
    /// colour variables (`NO_COLOR`, `FORCE_COLOR`, `CLICOLOR_FORCE`, …) and
    /// the CI's repository and commit variables for links in comments.
    pub env: Env,
}

/// Runs `oaslint` with `args` (the first is the program name) and returns
/// the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>, io: &mut Io<'_>) -> u8 {
    let parsed = args::command()
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
            commands::lint(args, m, io)
        }
        Command::PrThread(args) => commands::pr_thread(args, io),
        Command::Diff(args) => {
            let m = matches
                .subcommand_matches("diff")
                .expect("the diff command");
            commands::diff(args, m, io)
        }
        Command::Changelog(args) => commands::changelog(args, io),
        Command::Ack(args) => commands::ack_command(args, io),
        Command::Baseline(args) => commands::baseline_command(args, io),
        Command::Rules(args) => commands::rules(args, io),
        Command::Functions(args) => commands::functions(args, io),
        Command::Completions(args) => commands::completions(args, io),
        Command::Man => commands::man(io),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            say(io, &format!("oaslint: {message}"));
            EXIT_ERROR
        }
    }
}

/// Writes one line to stderr. Every stderr line goes through here: it
/// carries file names, messages and acknowledgement entries from the pull
/// request, which must not form a CI command or a terminal escape
/// ([`output::defuse::line`]).
pub(crate) fn say(io: &mut Io<'_>, line: &str) {
    let _ = writeln!(io.stderr, "{}", output::defuse::line(line));
}
