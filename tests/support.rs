//! Helpers shared by the acceptance tests.

use oaslint::{Finding, FunctionRegistry, Linter, Report, Resolver, Ruleset, RulesetLoader};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
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

/// Runs `oaslint ARGS` in `cwd` with `stdin`, without colour and with no
/// environment variables.
pub fn oaslint_in(cwd: &Path, args: &[&str], stdin: &str) -> Output {
    oaslint_env(cwd, args, stdin, oaslint_cli::Env::empty())
}

/// Runs `oaslint ARGS` in `cwd` with `stdin` and the environment `env`
/// (not a terminal).
pub fn oaslint_env(cwd: &Path, args: &[&str], stdin: &str, env: oaslint_cli::Env) -> Output {
    let mut input = stdin.as_bytes();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut io = oaslint_cli::Io {
        stdin: &mut input,
        stdout: &mut stdout,
        stderr: &mut stderr,
        cwd: cwd.to_path_buf(),
        terminal: false,
        env,
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

/// Copies `from` (a folder) into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

// ------------------------------------------------------- git repositories

/// A git repository in a temporary folder, with its own configuration
/// only (no system or global git configuration).
pub struct Repo {
    /// The work tree (removed when the `Repo` is dropped).
    pub dir: tempfile::TempDir,
}

impl Repo {
    /// `git init` on branch `main` in a new temporary folder.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// The work tree's path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `git ARGS` in the work tree; panics when it fails.
    pub fn git(&self, args: &[&str]) {
        let out = Command::new("git")
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Writes `text` to `path` (relative to the work tree), creating folders.
    pub fn write(&self, path: &str, text: &str) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    /// Commits everything in the work tree.
    pub fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }
}

/// A repository whose `main` holds the `base` files (path, text), with a
/// `pr` branch checked out on which `change` was committed.
pub fn branch_off_main(base: &[(&str, &str)], change: impl FnOnce(&Repo)) -> Repo {
    let repo = Repo::new();
    for (path, text) in base {
        repo.write(path, text);
    }
    repo.commit("base");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    change(&repo);
    repo.commit("pull request");
    repo
}

// ------------------------------------------------------- CI templates

/// Values of `key` anywhere in a CI template or action (a path from the
/// repository root; parsed with oaslint's YAML parser), as strings.
pub fn template_values(template: &str, key: &str) -> Vec<String> {
    let path = root().join(template);
    let text = std::fs::read_to_string(path).unwrap();
    let doc = oaslint::Document::parse(template, text, &Default::default()).unwrap();
    pub fn walk(node: oaslint::NodeRef<'_>, key: &str, out: &mut Vec<String>) {
        // Each mapping's own values first, then those below it, as the
        // nodes come in document order.
        if let Some(entries) = node.entries() {
            let own = entries.filter(|(k, _)| *k == key);
            out.extend(own.filter_map(|(_, v)| v.as_str()).map(str::to_string));
            for (_, value) in node.entries().into_iter().flatten() {
                walk(value, key, out);
            }
        } else if let Some(items) = node.items() {
            for item in items {
                walk(item, key, out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(root) = doc.root() {
        walk(root, key, &mut out);
    }
    out
}

/// Runs `jq ARGS FILTER` on `input`; `None` when jq is not installed
/// (outside CI, where the test then checks nothing).
pub fn jq(args: &[&str], filter: &str, input: &str) -> Option<String> {
    use std::io::Write;
    let child = Command::new("jq")
        .args(args)
        .arg(filter)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("jq not run ({e}); install jq to test the templates' filters");
            return None;
        }
        Err(e) => panic!("jq is needed in CI: {e}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "jq failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .trim_end()
            .to_string(),
    )
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
