//! Issue #9, section 2: a pull request must not make oaslint read files
//! outside the repository it checks and publish them. Every test plays the
//! attacker: it builds a checkout (a temporary directory with `.git`) next
//! to a secret, commits hostile specs, symlinks, rulesets and FIFOs into
//! it, and runs `oaslint` in it as a pipeline does.

use oaslint_acceptance::{oaslint_in, Output, FILE_FORMATS};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What an agent keeps next to the checkout; must never be printed.
const SECRET: &str = "SECRET-TOKEN-4f1c9a";

/// `outer/` (the agent's disk, holding `secret.yaml`) and `outer/repo/`
/// (the checkout, a git work tree).
struct Agent {
    _dir: tempfile::TempDir,
    outer: PathBuf,
    repo: PathBuf,
}

impl Agent {
    fn new() -> Agent {
        let dir = tempfile::tempdir().unwrap();
        let outer = dir.path().join("outer");
        let repo = outer.join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(
            outer.join("secret.yaml"),
            format!("token: {SECRET}\nlist: [{SECRET}]\n"),
        )
        .unwrap();
        Agent {
            _dir: dir,
            outer,
            repo,
        }
    }

    /// Writes `text` to `rel` in the checkout.
    fn commit(&self, rel: &str, text: &str) {
        let path = self.repo.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs oaslint in the checkout.
    fn run(&self, args: &[&str]) -> Output {
        oaslint_in(&self.repo, args, "")
    }

    /// Runs oaslint in the checkout with every format (each to a file,
    /// `text` on stdout) and returns the exit code and everything written:
    /// stdout, stderr and each output file.
    fn run_all_formats(&self, inputs: &[&str]) -> (u8, String) {
        let out_dir = self.outer.join("out");
        let mut args: Vec<String> = vec!["lint".into()];
        for f in FILE_FORMATS {
            args.push("-f".into());
            args.push((*f).into());
            args.push("-o".into());
            args.push(out_dir.join(f).to_string_lossy().into_owned());
        }
        args.push("-f".into());
        args.push("text".into());
        args.extend(inputs.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = self.run(&args);
        let mut all = format!("{}\n{}\n", out.stdout, out.stderr);
        for f in FILE_FORMATS {
            let written = std::fs::read_to_string(out_dir.join(f))
                .unwrap_or_else(|e| panic!("{f} output was not written: {e}\n{all}"));
            assert!(!written.is_empty(), "{f} output is empty");
            all.push_str(&written);
        }
        (out.code, all)
    }

    /// Linting `inputs` in every format is an error (exit code 2) and
    /// nothing written holds the secret.
    fn assert_secret_kept(&self, inputs: &[&str]) {
        let (code, all) = self.run_all_formats(inputs);
        assert_eq!(code, 2, "{all}");
        assert!(!all.contains(SECRET), "the secret was published:\n{all}");
    }

    /// `oaslint lint FILE` refuses the `$ref` on line 10 of `file` as
    /// outside the root.
    fn assert_ref_refused(&self, file: &str) {
        let out = self.run(&["lint", file]);
        assert_refused_outside(ref_error(&out.stderr, file));
    }
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// A valid OpenAPI document whose line 10 is `        - $ref: '<target>'`
/// (the `$ref` key starts in column 11).
fn spec_with_ref(target: &str) -> String {
    format!(
        "openapi: 3.0.3\n\
         info:\n  title: Leak\n  version: 1.0.0\n\
         paths: {{}}\n\
         components:\n  schemas:\n    Leak:\n      enum:\n        - $ref: '{target}'\n"
    )
}

/// The one error line about the `$ref` on line 10 of `file`.
fn ref_error<'a>(stderr: &'a str, file: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.starts_with(&format!("{file}:10:11: cannot read `")))
        .unwrap_or_else(|| panic!("no located $ref error for {file} in:\n{stderr}"))
}

fn assert_refused_outside(line: &str) {
    assert!(
        line.contains("outside the root") && line.contains("--ref-root DIR"),
        "the error says why and how to allow it: {line}"
    );
}

/// Runs `oaslint ARGS` in `cwd` on another thread and fails (instead of
/// hanging the suite) when it takes longer than `limit`.
fn lint_within(limit: Duration, cwd: &Path, args: &[&str]) -> Output {
    let (tx, rx) = mpsc::channel();
    let cwd = cwd.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    std::thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = tx.send(oaslint_in(&cwd, &args, ""));
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("still running after {limit:?} (blocked or reading forever)"))
}

#[test]
fn a_relative_ref_out_of_the_repository_is_refused_at_its_location_and_never_printed() {
    let agent = Agent::new();
    agent.commit("api.yaml", &spec_with_ref("../secret.yaml#/token"));
    agent.assert_secret_kept(&["api.yaml"]);
    agent.assert_ref_refused("api.yaml");
}

#[test]
fn an_absolute_ref_is_refused_and_never_printed() {
    let agent = Agent::new();
    let target = format!("{}#/list", agent.outer.join("secret.yaml").display());
    agent.commit("api.yaml", &spec_with_ref(&target));
    agent.assert_secret_kept(&["api.yaml"]);
    agent.assert_ref_refused("api.yaml");
}

#[test]
fn whether_a_file_outside_exists_is_not_told() {
    let agent = Agent::new();
    agent.commit("a.yaml", &spec_with_ref("../secret.yaml"));
    agent.commit("b.yaml", &spec_with_ref("../no-such-file.yaml"));
    let out = agent.run(&["lint", "a.yaml", "b.yaml"]);
    let a = ref_error(&out.stderr, "a.yaml");
    let b = ref_error(&out.stderr, "b.yaml");
    assert_refused_outside(a);
    assert_eq!(
        a.split_once(": ").unwrap().1.replace("secret", "X"),
        b.split_once(": ").unwrap().1.replace("no-such-file", "X")
    );
}

#[cfg(unix)]
#[test]
fn whether_a_file_outside_exists_is_not_told_through_a_symlink_either() {
    let agent = Agent::new();
    std::fs::create_dir(agent.outer.join("config")).unwrap();
    std::fs::write(agent.outer.join("config/there.yaml"), "a: 1\n").unwrap();
    symlink("../secret.yaml", agent.repo.join("there.yaml"));
    symlink("../no-such-file.yaml", agent.repo.join("gone.yaml"));
    symlink("../config", agent.repo.join("config"));
    agent.commit("a.yaml", &spec_with_ref("there.yaml"));
    agent.commit("b.yaml", &spec_with_ref("gone.yaml"));
    agent.commit("c.yaml", &spec_with_ref("config/there.yaml"));
    agent.commit("d.yaml", &spec_with_ref("config/gone.yaml"));
    let out = agent.run(&["lint", "a.yaml", "b.yaml", "c.yaml", "d.yaml"]);
    for file in ["a.yaml", "b.yaml", "c.yaml", "d.yaml"] {
        assert_refused_outside(ref_error(&out.stderr, file));
    }
    // A dangling symlink that stays inside is just a missing file.
    symlink("missing.yaml", agent.repo.join("dangling.yaml"));
    agent.commit("e.yaml", &spec_with_ref("dangling.yaml"));
    let out = agent.run(&["lint", "e.yaml"]);
    assert!(
        ref_error(&out.stderr, "e.yaml").ends_with(": no such file"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_committed_symlink_out_of_the_repository_is_refused() {
    let agent = Agent::new();
    symlink("../secret.yaml", agent.repo.join("shared.yaml"));
    agent.commit("api.yaml", &spec_with_ref("shared.yaml#/token"));
    agent.assert_secret_kept(&["api.yaml"]);
    agent.assert_ref_refused("api.yaml");
}

#[cfg(unix)]
#[test]
fn a_glob_match_that_is_a_symlink_out_of_the_repository_is_refused() {
    let agent = Agent::new();
    agent.commit("apis/pets/api.yaml", &spec_with_ref("#/info"));
    symlink(
        "../../../secret.yaml",
        agent.repo.join("apis/pets/evil.yaml"),
    );
    agent.assert_secret_kept(&["apis/**/*.yaml"]);
    let out = agent.run(&["lint", "apis/**/*.yaml"]);
    let line = out
        .stderr
        .lines()
        .find(|l| l.starts_with("apis/pets/evil.yaml: cannot read"))
        .unwrap_or_else(|| panic!("the match is named:\n{}", out.stderr));
    assert_refused_outside(line);
}

/// A glob's walk does not enter a symlinked folder, let alone one that
/// leads out of the repository: nothing there is matched, read or named.
#[cfg(unix)]
#[test]
fn a_glob_walk_does_not_follow_a_symlinked_folder_out_of_the_repository() {
    let agent = Agent::new();
    agent.commit("apis/pets/api.yaml", &spec_with_ref("#/info"));
    std::fs::create_dir_all(agent.outer.join("specs")).unwrap();
    std::fs::write(
        agent.outer.join("specs/leak.yaml"),
        spec_with_ref(&format!("#/x-{SECRET}")),
    )
    .unwrap();
    symlink("../../specs", agent.repo.join("apis/outside"));
    symlink("..", agent.repo.join("apis/up"));
    let (code, all) = agent.run_all_formats(&["apis/**/*.yaml"]);
    assert_eq!(code, 1, "apis/pets/api.yaml has findings: {all}");
    assert!(!all.contains(SECRET), "the secret was published:\n{all}");
    assert!(!all.contains("leak.yaml"), "{all}");
    let out = agent.run(&["lint", "-f", "json", "apis/**/*.yaml"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let docs: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["apis/pets/api.yaml"], "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_file_the_template_names_that_the_pull_request_made_a_symlink_is_refused() {
    let agent = Agent::new();
    symlink("../secret.yaml", agent.repo.join("openapi.yaml"));
    agent.assert_secret_kept(&["openapi.yaml"]);
}

#[test]
fn ref_root_widens_the_root_and_allow_refs_anywhere_lifts_it() {
    let agent = Agent::new();
    agent.commit("api.yaml", &spec_with_ref("../secret.yaml#/token"));
    let refused = agent.run(&["lint", "-f", "json", "api.yaml"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    for flags in [&["--ref-root", ".."][..], &["--allow-refs-anywhere"][..]] {
        let mut args = vec!["lint", "-f", "json"];
        args.extend_from_slice(flags);
        args.push("api.yaml");
        let out = agent.run(&args);
        assert!(out.code < 2, "{flags:?}: {}", out.stderr);
        assert!(out.stdout.contains("../secret.yaml"), "{flags:?} read it");
    }
}

#[test]
fn refs_inside_the_repository_still_resolve_from_a_subdirectory() {
    let agent = Agent::new();
    agent.commit("common/types.yaml", "Name: {type: string}\n");
    agent.commit(
        "apis/v1/api.yaml",
        &spec_with_ref("../../common/types.yaml#/Name"),
    );
    let out = oaslint_in(&agent.repo.join("apis"), &["lint", "v1/api.yaml"], "");
    assert!(out.code < 2, "{}", out.stderr);
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn dev_zero_a_fifo_and_a_symlink_to_dev_zero_fail_fast() {
    let agent = Agent::new();
    mkfifo(&agent.repo.join("pipe.yaml"));
    symlink("/dev/zero", agent.repo.join("zero.yaml"));
    agent.commit("fifo.yaml", &spec_with_ref("pipe.yaml"));
    agent.commit("dev.yaml", &spec_with_ref("/dev/zero"));
    agent.commit("link.yaml", &spec_with_ref("zero.yaml"));
    for anywhere in [false, true] {
        let started = Instant::now();
        let mut args = vec!["lint", "fifo.yaml", "dev.yaml", "link.yaml"];
        if anywhere {
            args.insert(1, "--allow-refs-anywhere");
        }
        let out = lint_within(Duration::from_secs(10), &agent.repo, &args);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(2), "took {took:?}");
        assert_eq!(out.code, 2, "{}", out.stderr);
        let not_regular = "not a regular file";
        assert!(ref_error(&out.stderr, "fifo.yaml").contains(not_regular));
        for file in ["dev.yaml", "link.yaml"] {
            let line = ref_error(&out.stderr, file);
            if anywhere {
                assert!(line.contains(not_regular), "{line}");
            } else {
                assert_refused_outside(line);
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_an_input_or_acknowledgement_file_fails_fast() {
    let agent = Agent::new();
    mkfifo(&agent.repo.join("spec.yaml"));
    let out = lint_within(Duration::from_secs(10), &agent.repo, &["lint", "*.yaml"]);
    assert_fails_naming(&out, "spec.yaml: cannot read: not a regular file");

    std::fs::remove_file(agent.repo.join("spec.yaml")).unwrap();
    agent.commit("spec.yaml", &spec_with_ref("#/info"));
    mkfifo(&agent.repo.join(".oaslint-ack.yaml"));
    let out = lint_within(Duration::from_secs(10), &agent.repo, &["lint", "spec.yaml"]);
    assert_fails_naming(&out, "cannot read .oaslint-ack.yaml: not a regular file");
}

/// The run is an error (exit code 2) whose message says `error`.
fn assert_fails_naming(out: &Output, error: &str) {
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains(error), "{}", out.stderr);
}

/// A spec with MUST findings under the built-in ruleset (no `info`
/// contact, no `x-api-id`, …).
const BAD_SPEC: &str = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n";

#[test]
fn a_configuration_planted_above_the_repository_is_not_used() {
    let agent = Agent::new();
    // Would switch every rule off (and shows in the report by its name).
    std::fs::write(
        agent.outer.join(".oaslint.yaml"),
        "name: planted\nextends: [[zalando, off]]\n",
    )
    .unwrap();
    std::fs::write(
        agent.outer.join(".oaslint-ack.yaml"),
        "acknowledged:\n  - rule: '101'\n    file: repo/api.yaml\n    pointer: ''\n    reason: planted\n",
    )
    .unwrap();
    agent.commit("api.yaml", BAD_SPEC);
    let out = agent.run(&["lint", "-f", "json", "api.yaml"]);
    assert_eq!(out.code, 1, "MUST findings fail the run: {}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["ruleset"]["name"], "zalando");
    assert!(!out.stderr.contains("oaslint-ack"), "{}", out.stderr);
    // The repository's own configuration is still found from below.
    agent.commit(
        ".oaslint.yaml",
        "name: own\nversion: 1.0.0\nextends: zalando\n",
    );
    std::fs::create_dir_all(agent.repo.join("apis")).unwrap();
    let out = oaslint_in(
        &agent.repo.join("apis"),
        &["lint", "-f", "json", "../api.yaml"],
        "",
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} {}", out.stdout, out.stderr));
    assert_eq!(report["ruleset"]["name"], "own");
}

#[test]
fn a_ruleset_from_the_pull_request_cannot_extend_a_file_outside() {
    let agent = Agent::new();
    std::fs::write(
        agent.outer.join("rules.yaml"),
        format!("rules:\n  {SECRET}: {{given: $, then: {{function: truthy}}}}\n"),
    )
    .unwrap();
    agent.commit(".oaslint.yaml", "extends:\n  - ../rules.yaml\n");
    agent.commit("api.yaml", BAD_SPEC);
    let out = agent.run(&["lint", "api.yaml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let line = out.stderr.lines().next().unwrap_or_default();
    assert!(
        line.contains(".oaslint.yaml:2:5: cannot read extended ruleset"),
        "{}",
        out.stderr
    );
    assert_refused_outside(line);
    assert!(!out.stderr.contains(SECRET));
    // The same through --ruleset naming a file of the checkout.
    agent.commit("rules/custom.yaml", "extends: ../../rules.yaml\n");
    let out = agent.run(&["lint", "--ruleset", "rules/custom.yaml", "api.yaml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("oaslint: rules/custom.yaml:1:10: cannot read extended ruleset"),
        "{}",
        out.stderr
    );
    assert_refused_outside(&out.stderr);
}

#[cfg(unix)]
#[test]
fn a_configuration_that_is_a_symlink_out_of_the_repository_is_refused() {
    let agent = Agent::new();
    std::fs::write(agent.outer.join("off.yaml"), "extends: [[zalando, off]]\n").unwrap();
    symlink("../off.yaml", agent.repo.join(".oaslint.yaml"));
    agent.commit("api.yaml", BAD_SPEC);
    let out = agent.run(&["lint", "api.yaml"]);
    assert_fails_naming(&out, ".oaslint.yaml: cannot read ruleset: outside the root");
}
