//! Helpers shared by the acceptance tests.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The shared corpus of real-world specs (`../shared/corpus` from the
/// repository root), if present.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// Every `--format` oaslint writes, by its command-line name, `text` first.
pub const FORMATS: &[&str] = &[
    "text",
    "json",
    "markdown",
    "sarif",
    "junit",
    "github",
    "azure-devops",
    "azure-pr-thread",
];

/// The formats a pipeline writes to files: all but `text`, which goes to
/// the log (standard output).
pub const FILE_FORMATS: &[&str] = FORMATS.split_at(1).1;

/// What one in-process `oaslint` run printed and returned.
#[derive(Debug)]
pub struct Output {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `oaslint ARGS` in `cwd` with `stdin`, without colour.
pub fn oaslint_in(cwd: &Path, args: &[&str], stdin: &str) -> Output {
    let mut input = stdin.as_bytes();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut io = oaslint_cli::Io {
        stdin: &mut input,
        stdout: &mut stdout,
        stderr: &mut stderr,
        cwd: cwd.to_path_buf(),
        color: false,
    };
    let argv = std::iter::once(OsString::from("oaslint")).chain(args.iter().map(OsString::from));
    let code = oaslint_cli::run(argv, &mut io);
    Output {
        code,
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

/// Runs `oaslint ARGS` from the fixtures folder (so file names in output
/// are short and stable).
pub fn oaslint(args: &[&str]) -> Output {
    oaslint_in(&fixture(""), args, "")
}
