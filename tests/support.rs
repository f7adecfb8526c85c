//! Helpers shared by the acceptance tests.

use oaslint::{Finding, FunctionRegistry, Linter, Report, Resolver, Ruleset, RulesetLoader};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
/// repository root), if present. Panics when it is missing in CI (the
/// variable `CI` is set): there a corpus test must fail, not pass silently.
pub fn corpus_dir() -> Option<PathBuf> {
    existing_corpus(
        root().join("../shared/corpus"),
        std::env::var_os("CI").is_some(),
    )
}

/// `dir` if it is a folder; else `None` outside CI and a panic in CI.
fn existing_corpus(dir: PathBuf, in_ci: bool) -> Option<PathBuf> {
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        !in_ci,
        "the shared corpus is missing at {} (CI is set, so the corpus tests cannot be skipped)",
        dir.display()
    );
    eprintln!("shared corpus not found at {}; skipping", dir.display());
    None
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
    /// The exit code.
    pub code: u8,
    /// Everything written to standard output.
    pub stdout: String,
    /// Everything written to standard error.
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

/// Reads the files of one folder: a fixture's `$ref`s, relative to it.
pub struct FolderFiles(pub PathBuf);

impl Resolver for FolderFiles {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        std::fs::read_to_string(self.0.join(name))
            .map(Arc::from)
            .map_err(|e| format!("{name}: {e}"))
    }
}

/// Loads a ruleset from its text (a relative `extends` is read from
/// `tests/fixtures`).
pub fn ruleset(text: &str) -> Ruleset {
    let registry = FunctionRegistry::default();
    RulesetLoader::new(&FolderFiles(fixture("")), &registry)
        .load_text("ruleset.yaml", text)
        .unwrap_or_else(|e| panic!("ruleset does not load: {e}\n{text}"))
}

/// The built-in `zalando` ruleset as a user gets it by naming it.
pub fn builtin() -> Ruleset {
    let registry = FunctionRegistry::default();
    RulesetLoader::new(&FolderFiles(fixture("")), &registry)
        .load_builtin("zalando")
        .expect("the built-in ruleset loads")
}

/// Every rule the built-in `zalando` ruleset declares, each switched on at
/// its declared severity (also those that are off by default).
pub fn builtin_all_on() -> Ruleset {
    ruleset("extends: [[zalando, all]]\n")
}

/// The built-in `zalando` ruleset with every rule off except `id`, which is
/// on at its declared severity (even when it is off by default).
pub fn only_rule(id: &str) -> Ruleset {
    let rs = ruleset(&format!(
        "extends: [[zalando, off]]\nrules:\n  \"{id}\": true\n"
    ));
    assert!(
        rs.rules.iter().any(|r| r.id == id && r.level().is_some()),
        "rule {id} is not in the built-in ruleset"
    );
    rs
}

/// Lints the file `name` of the fixtures folder `folder` (relative to
/// `tests/fixtures`) under that name, reading its `$ref`s from the folder.
/// Panics when the document cannot be linted (parse or reference errors).
pub fn lint_fixture(ruleset: &Ruleset, folder: &str, name: &str) -> Report {
    let files = FolderFiles(fixture(folder));
    let text = files
        .read(name)
        .unwrap_or_else(|e| panic!("fixture {folder}/{name}: {e}"));
    let report = Linter::new(ruleset.clone()).lint(name, text, &files);
    assert!(
        report.errors.is_empty(),
        "{folder}/{name}: {:?}",
        report.errors
    );
    report
}

/// The findings of `rule` on the fixture `folder/name`, as
/// `(severity, pointer, "line:col-line:col", message)` rows.
pub fn rows_of(ruleset: &Ruleset, folder: &str, name: &str, rule: &str) -> Vec<[String; 4]> {
    lint_fixture(ruleset, folder, name)
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let r = f.range;
            [
                f.severity.as_str().to_string(),
                f.pointer.clone(),
                format!(
                    "{}:{}-{}:{}",
                    r.start.line, r.start.column, r.end.line, r.end.column
                ),
                f.message.clone(),
            ]
        })
        .collect()
}

/// `line:col SEVERITY rule pointer message`, one finding a line (`""` for
/// the root pointer).
pub fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} {} {} {}\n",
                f.range.start.line,
                f.range.start.column,
                f.severity.label(),
                f.rule,
                if f.pointer.is_empty() {
                    "\"\""
                } else {
                    &f.pointer
                },
                f.message
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "the shared corpus is missing")]
    fn a_missing_corpus_fails_in_ci() {
        existing_corpus(root().join("no/such/corpus"), true);
    }

    #[test]
    fn a_missing_corpus_is_skipped_outside_ci() {
        assert_eq!(existing_corpus(root().join("no/such/corpus"), false), None);
        assert_eq!(existing_corpus(root(), true), Some(root()));
    }
}
