//! Runs the CLI in-process on one spec in every output format and checks
//! what it wrote. Shared by the `output` fuzz target and usable from a
//! debugger on a saved crash (`cargo run --bin output -- FILE`).

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

use oaslint_cli::output::defuse::unsafe_output;
use oaslint_cli::output::Format;

/// Every `--format`, its command-line name, and the file it is written to
/// (`None`: standard output). Text goes to stdout so that the stream a
/// pipeline log shows is the one checked.
pub const FORMATS: [(Format, &str, Option<&str>); 9] = [
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

/// The ruleset the target lints with (see the file's header).
pub const ECHO_RULESET: &str = include_str!("../echo-ruleset.yaml");

/// A directory of this process holding only the ruleset: the CLI's working
/// directory, so a fuzzed relative `$ref` finds nothing and outputs land
/// there.
fn work_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("oaslint-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzz working directory");
        std::fs::write(dir.join("echo-ruleset.yaml"), ECHO_RULESET).expect("write the ruleset");
        dir
    })
}

/// What one run printed, wrote and returned.
pub struct Run {
    pub code: u8,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Each file output, in [`FORMATS`] order; `None` when not written.
    pub files: Vec<(Format, Option<Vec<u8>>)>,
}

/// Runs `oaslint lint - --no-ack -r echo-ruleset.yaml` with every format
/// at once.
pub fn run_all_formats(spec: &[u8]) -> Run {
    let dir = work_dir();
    let mut args: Vec<OsString> = [
        "oaslint",
        "lint",
        "-",
        "--no-ack",
        "--ruleset",
        "echo-ruleset.yaml",
    ]
    .into_iter()
    .map(OsString::from)
    .collect();
    for (_, name, file) in FORMATS {
        args.push("--format".into());
        args.push(name.into());
        if let Some(file) = file {
            args.push("--output".into());
            args.push(file.into());
        }
    }
    let mut stdin = spec;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut io = oaslint_cli::Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        cwd: dir.clone(),
        terminal: false,
        env: oaslint_cli::Env::empty(),
    };
    let code = oaslint_cli::run(args, &mut io);
    let files = FORMATS
        .iter()
        .filter_map(|(format, _, file)| file.map(|f| (*format, dir.join(f))))
        .map(|(format, path)| {
            let written = std::fs::read(&path).ok();
            // Removed so the next input never reads this one's output.
            let _ = std::fs::remove_file(&path);
            (format, written)
        })
        .collect();
    Run {
        code,
        stdout,
        stderr,
        files,
    }
}

/// The whole check of the `output` target.
pub fn check_all_formats(spec: &[u8]) {
    let run = run_all_formats(spec);
    assert!(run.code <= 2, "exit code {} (0, 1 or 2 expected)", run.code);
    let stderr = std::str::from_utf8(&run.stderr).expect("stderr is UTF-8");
    // The runners read stderr as plain lines, as they read text output.
    check_no_commands("stderr", Format::Text, stderr);
    if run.code == 2 {
        assert!(!stderr.is_empty(), "exit code 2 without a word on stderr");
    }
    let stdout = std::str::from_utf8(&run.stdout).expect("stdout is UTF-8");
    if run.files.iter().all(|(_, f)| f.is_none()) {
        // The run stopped before rendering (standard input not UTF-8).
        assert_eq!(run.code, 2, "no output written, yet exit code {}", run.code);
        assert!(stdout.is_empty(), "stdout without outputs: {stdout:?}");
        return;
    }
    check_format(Format::Text, stdout, run.code);
    for (format, written) in &run.files {
        let written = written
            .as_ref()
            .unwrap_or_else(|| panic!("{format:?} output not written"));
        let text = std::str::from_utf8(written)
            .unwrap_or_else(|e| panic!("{format:?} output is not UTF-8: {e}"));
        check_format(*format, text, run.code);
    }
}

/// Well-formed for its format, consistent with the exit code, and free of
/// logging commands.
pub fn check_format(format: Format, text: &str, code: u8) {
    match format {
        Format::Json => {
            let report: serde_json::Value = parse_json(format, text);
            let errors = report["errors"].as_array().map_or(0, Vec::len);
            assert_eq!(
                errors > 0,
                code == 2,
                "JSON report has {errors} errors, exit code {code}"
            );
        }
        Format::Sarif | Format::AzurePrThread | Format::SpectralJson => {
            parse_json(format, text);
        }
        Format::Junit => {
            if let Err(e) = roxmltree::Document::parse(text) {
                panic!("JUnit output is not XML: {e}\n{text}");
            }
        }
        Format::Text | Format::Markdown | Format::Github | Format::AzureDevops => {
            assert!(
                text.is_empty() || text.ends_with('\n'),
                "{format:?} output does not end its last line"
            );
        }
    }
    check_no_commands(&format!("{format:?} output"), format, text);
}

fn parse_json(format: Format, text: &str) -> serde_json::Value {
    serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("{format:?} output is not JSON: {e}\n{text}"))
}

/// No line of `text` may hold a logging or workflow command of either CI
/// system that `format` does not write by design (the runners' parsing is
/// encoded in `oaslint_cli::output::defuse`), and human formats show no raw
/// control, bidirectional or invisible character.
pub fn check_no_commands(what: &str, format: Format, text: &str) {
    let found = unsafe_output(format, text);
    assert!(
        found.is_empty(),
        "{what}: {found:#?}\n--- output ---\n{text}"
    );
}
