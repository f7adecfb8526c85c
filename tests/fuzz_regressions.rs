//! Inputs the fuzz targets (`fuzz/`, docs/fuzzing.md) found, or that issue
//! reports found by hand, kept in the normal suite: every file in
//! `tests/fixtures/fuzz/` goes through the CLI as a pipeline runs it, in
//! every output format at once, and must end with exit code 0, 1 or 2 —
//! never a panic — with every output well-formed and free of injected CI
//! commands on both streams.
//!
//! Each file runs twice: as a file with the built-in `zalando` ruleset (as
//! the pipeline templates run it), and on standard input with the `output`
//! fuzz target's ruleset (`fuzz/echo-ruleset.yaml`, which puts every key
//! and string of the spec into a finding), so an input the fuzzer saved
//! reproduces here exactly as it failed there.

use std::ffi::OsString;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use oaslint_acceptance::{fixture, root};
use oaslint_cli::output::defuse::unsafe_output;
use oaslint_cli::output::Format;

/// Every `--format`, its name, and the file it is written to (`None`:
/// standard output).
const FORMATS: [(Format, &str, Option<&str>); 9] = [
    (Format::Text, "text", None),
    (Format::Json, "json", Some("out.json")),
    (Format::Markdown, "markdown", Some("out.md")),
    (Format::Sarif, "sarif", Some("out.sarif")),
    (Format::Junit, "junit", Some("out.xml")),
    (Format::Github, "github", Some("out.github")),
    (Format::AzureDevops, "azure-devops", Some("out.azure")),
    (
        Format::AzurePrThread,
        "azure-pr-thread",
        Some("out.thread.json"),
    ),
    (
        Format::SpectralJson,
        "spectral-json",
        Some("out.spectral.json"),
    ),
];

/// The regression inputs, sorted by name.
fn inputs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture("fuzz"))
        .expect("tests/fixtures/fuzz exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// How one input reaches the CLI.
enum Mode {
    /// `oaslint lint NAME -r zalando`, the file copied into `cwd`.
    File,
    /// `oaslint lint - -r echo-ruleset.yaml`, the bytes on standard input.
    Stdin,
}

/// Runs the CLI on `input` in every format and returns what is wrong with
/// the run (empty: nothing).
fn problems_of(input: &Path, mode: &Mode) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bytes = std::fs::read(input).expect("a readable input");
    let name = input.file_name().expect("a file name").to_string_lossy();
    let mut args: Vec<OsString> = vec!["oaslint".into(), "lint".into(), "--no-ack".into()];
    match mode {
        Mode::File => {
            std::fs::write(dir.path().join(&*name), &bytes).expect("copy the input");
            args.extend([name.as_ref().into(), "-r".into(), "zalando".into()]);
        }
        Mode::Stdin => {
            std::fs::copy(
                root().join("fuzz/echo-ruleset.yaml"),
                dir.path().join("echo-ruleset.yaml"),
            )
            .expect("copy the fuzz ruleset");
            args.extend(["-".into(), "-r".into(), "echo-ruleset.yaml".into()]);
        }
    }
    for (_, format, file) in FORMATS {
        args.extend(["-f".into(), format.into()]);
        if let Some(file) = file {
            args.extend(["-o".into(), file.into()]);
        }
    }
    let mut stdin: &[u8] = match mode {
        Mode::File => &[],
        Mode::Stdin => &bytes,
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let ran = catch_unwind(AssertUnwindSafe(|| {
        let mut io = oaslint_cli::Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
            cwd: dir.path().to_path_buf(),
            terminal: false,
            env: oaslint_cli::Env::empty(),
        };
        oaslint_cli::run(args, &mut io)
    }));
    let code = match ran {
        Ok(code) => code,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            return vec![format!("panicked: {message}")];
        }
    };
    let mut found = Vec::new();
    if code > 2 {
        found.push(format!("exit code {code}"));
    }
    found.extend(check_output("stderr", Format::Text, &stderr));
    let wrote_any = FORMATS
        .iter()
        .any(|(_, _, f)| f.is_some_and(|f| dir.path().join(f).exists()));
    if !wrote_any {
        // Stopped before rendering (standard input not UTF-8): an error.
        if code != 2 || stderr.is_empty() {
            found.push(format!("no output, exit code {code}, nothing on stderr"));
        }
        return found;
    }
    found.extend(check_output("stdout (text)", Format::Text, &stdout));
    for (format, name, file) in FORMATS {
        if let Some(file) = file {
            match std::fs::read(dir.path().join(file)) {
                Ok(written) => found.extend(check_output(name, format, &written)),
                Err(e) => found.push(format!("{name} not written: {e}")),
            }
        }
    }
    found
}

/// What is wrong with one stream or output file written as `format`.
fn check_output(what: &str, format: Format, bytes: &[u8]) -> Vec<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![format!("{what} is not UTF-8")];
    };
    let mut found: Vec<String> = unsafe_output(format, text)
        .into_iter()
        .map(|p| format!("{what}: {p}"))
        .collect();
    if matches!(
        format,
        Format::Json | Format::Sarif | Format::AzurePrThread | Format::SpectralJson
    ) {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            found.push(format!("{what} is not JSON: {e}"));
        }
    }
    found
}

#[test]
fn every_regression_input_runs_in_every_format_without_a_panic() {
    let inputs = inputs();
    assert!(
        inputs.len() >= 3,
        "regression inputs missing from tests/fixtures/fuzz"
    );
    let mut failures = Vec::new();
    for input in &inputs {
        for mode in [Mode::File, Mode::Stdin] {
            let problems = problems_of(input, &mode);
            if !problems.is_empty() {
                let how = match mode {
                    Mode::File => "as a file, -r zalando",
                    Mode::Stdin => "on stdin, -r echo-ruleset.yaml",
                };
                failures.push(format!(
                    "{} ({how}):\n  {}",
                    input.file_name().unwrap().to_string_lossy(),
                    problems.join("\n  ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
