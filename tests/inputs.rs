//! Which files a run lints: globs, split specs, excludes, .gitignore, --stdin-filepath.

use oaslint_acceptance::{copy_dir, oaslint_in, root, Output, Repo};
use serde_json::Value;
use std::path::Path;

/// `examples/api-platform` committed to `main` of a new repository.
pub(crate) fn example() -> Repo {
    let repo = Repo::new();
    copy_dir(&root().join("examples/api-platform"), repo.path());
    repo.commit("the example API repository");
    repo
}

/// The inputs a run linted as roots: the JUnit report's test suites.
pub(crate) fn roots_of(junit: &str) -> Vec<String> {
    junit
        .split("<testsuite name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

pub(crate) fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", out.stdout, out.stderr))
}

/// The files of the report's `documents`.
pub(crate) fn documents(report: &Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect()
}

/// The `(file, reason)` pairs of the JSON report's `skipped` (left out
/// when empty).
fn skipped(report: &Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["file"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A configuration that switches every rule off: these tests are about
/// which files are linted, not about findings.
const QUIET_CONFIG: &str = "extends: [[zalando, off]]\n";

/// A minimal OpenAPI document; `extra` is appended at the top level.
fn spec(extra: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: t, version: 1.0.0}}\npaths: {{}}\n{extra}")
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn default_glob_lints_split_spec_as_one_root() {
    let repo = example();
    let out = oaslint_in(repo.path(), &["lint", "-f", "junit"], "");
    assert_ne!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        roots_of(&out.stdout),
        [
            "apis/billing-legacy/openapi.yaml",
            "apis/orders/openapi.yaml"
        ],
        "fragments and the changelog are no roots: {}",
        out.stderr
    );
    let out = oaslint_in(repo.path(), &["lint", "-f", "json"], "");
    assert_ne!(out.code, 2, "{}", out.stderr);
    let report = json(&out);
    let docs = documents(&report);
    for fragment in [
        "apis/shared/money.yaml",
        "apis/orders/paths/orders.yaml",
        "apis/orders/schemas/order.yaml",
        "apis/billing-legacy/components/errors.yaml",
    ] {
        assert!(docs.iter().any(|d| d == fragment), "{fragment} in {docs:?}");
    }
    assert!(
        !docs.iter().any(|d| d == "apis/notes/changelog.yaml"),
        "{docs:?}"
    );
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
    // From a folder below: the `files` of the configuration above that
    // lie in this folder, named relative to it (as ruff and ESLint lint
    // the folder they run in).
    let out = oaslint_in(
        &repo.path().join("apis/orders"),
        &["lint", "-f", "junit"],
        "",
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    assert_eq!(roots_of(&out.stdout), ["openapi.yaml"]);
    // A folder whose own configuration has no `files` takes them from the
    // nearest one above that has.
    let out = oaslint_in(
        &repo.path().join("apis/billing-legacy"),
        &["lint", "-f", "junit"],
        "",
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    assert_eq!(roots_of(&out.stdout), ["openapi.yaml"]);
}

#[test]
fn unreferenced_non_openapi_yaml_is_skipped_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".oaslint.yaml", QUIET_CONFIG);
    write(dir.path(), "apis/api.yaml", &spec(""));
    write(dir.path(), "apis/notes.yaml", "- a list\n- of notes\n");
    let out = oaslint_in(dir.path(), &["lint", "-f", "junit", "apis/*.yaml"], "");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(roots_of(&out.stdout), ["apis/api.yaml"]);
    let out = oaslint_in(dir.path(), &["lint", "-f", "json", "apis/*.yaml"], "");
    let report = json(&out);
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
    assert_eq!(documents(&report), ["apis/api.yaml"]);
    assert_eq!(
        skipped(&report),
        [("apis/notes.yaml".to_string(), "not-openapi".to_string())]
    );
    // Only non-OpenAPI files: nothing to lint, still no error.
    let out = oaslint_in(dir.path(), &["lint", "apis/notes*.yaml"], "");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}

#[test]
fn explicitly_named_fragment_is_still_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".oaslint.yaml", QUIET_CONFIG);
    write(dir.path(), "shared/money.yaml", "type: object\n");
    let out = oaslint_in(dir.path(), &["lint", "shared/money.yaml"], "");
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("not an OpenAPI document"),
        "{}",
        out.stderr
    );
}

#[test]
fn fragment_with_openapi_key_referenced_by_a_root_is_not_a_root() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".oaslint.yaml", QUIET_CONFIG);
    write(
        dir.path(),
        "specs/api.yaml",
        &spec("components:\n  schemas:\n    Pet:\n      $ref: 'models.yaml#/components/schemas/Pet'\n"),
    );
    // A "library" document: a complete OpenAPI document of its own that
    // only exists to be `$ref`'d.
    write(
        dir.path(),
        "specs/models.yaml",
        &spec("components:\n  schemas:\n    Pet: {type: object}\n"),
    );
    let out = oaslint_in(dir.path(), &["lint", "-f", "junit", "specs/*.yaml"], "");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(roots_of(&out.stdout), ["specs/api.yaml"]);
    // Two documents that `$ref` each other: one of them stays a root.
    write(
        dir.path(),
        "specs/models.yaml",
        &spec("components:\n  schemas:\n    Pet: {type: object}\n    Back:\n      $ref: 'api.yaml#/info'\n"),
    );
    let out = oaslint_in(dir.path(), &["lint", "-f", "junit", "specs/*.yaml"], "");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(roots_of(&out.stdout), ["specs/models.yaml"]);
}

#[test]
fn exclude_flag_and_config_ignore_skip_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".oaslint.yaml",
        &format!("{QUIET_CONFIG}ignore: [\"legacy/**\"]\n"),
    );
    write(dir.path(), "api.yaml", &spec(""));
    write(dir.path(), "legacy/old.yaml", &spec(""));
    write(dir.path(), "drafts/new.yaml", &spec(""));
    let run = |args: &[&str]| oaslint_in(dir.path(), args, "");
    let out = run(&["lint", "-f", "junit", "**/*.yaml", "--exclude", "drafts"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(roots_of(&out.stdout), ["api.yaml"]);
    let out = run(&["lint", "-f", "json", "**/*.yaml", "--exclude", "drafts"]);
    let report = json(&out);
    let reasons = skipped(&report);
    // oaslint's own files are no inputs, and not reported as skipped.
    assert!(
        !reasons.iter().any(|(f, _)| f == ".oaslint.yaml"),
        "{reasons:?}"
    );
    for expected in [
        ("drafts/new.yaml", "excluded"),
        ("legacy/old.yaml", "config-ignore"),
    ] {
        assert!(
            reasons
                .iter()
                .any(|(f, r)| f == expected.0 && r == expected.1),
            "{expected:?} in {reasons:?}"
        );
    }
    // A file named on the command line is linted even when excluded.
    let out = run(&[
        "lint",
        "-f",
        "junit",
        "drafts/new.yaml",
        "--exclude",
        "drafts",
    ]);
    assert_eq!(roots_of(&out.stdout), ["drafts/new.yaml"]);
    // A glob whose every match is excluded is no error, but it is told.
    let out = run(&["lint", "drafts/*.yaml", "--exclude", "drafts/*.yaml"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("excluded"), "{}", out.stderr);
    // A glob that matches nothing at all is.
    let out = run(&["lint", "nothing/*.yaml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no files match"), "{}", out.stderr);
}

/// A bundle generated into an ignored folder (`apis/**/generated/` in the
/// example's `.gitignore`) is not linted, untracked as it is.
#[test]
fn gitignored_untracked_bundle_is_skipped() {
    let repo = example();
    repo.write(
        "apis/orders/generated/bundle.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n",
    );
    let out = oaslint_in(repo.path(), &["lint", "-f", "json"], "");
    assert_ne!(out.code, 2, "{}", out.stderr);
    let report = json(&out);
    let bundle = "apis/orders/generated/bundle.yaml";
    assert!(!documents(&report).iter().any(|d| d == bundle), "{report}");
    assert!(
        skipped(&report).contains(&(bundle.to_string(), "gitignored".to_string())),
        "{report}"
    );
    // The same from a subfolder: the `.gitignore` above it still applies.
    let out = oaslint_in(
        &repo.path().join("apis"),
        &["lint", "-f", "junit", "orders/**/*.yaml"],
        "",
    );
    assert_eq!(
        roots_of(&out.stdout),
        ["orders/openapi.yaml"],
        "{}",
        out.stderr
    );
}

/// Only ignore files inside the repository count: excludes configured
/// through git (`core.excludesFile`, which is also where a machine's global
/// excludes come from) do not change what is linted. (The user-wide
/// `~/.config/git/ignore` is not tested here: it comes from the process
/// environment, which these in-process runs share; the walker is built
/// with `git_global(false)`.)
#[test]
fn git_configured_excludes_are_not_read() {
    let repo = Repo::new();
    repo.write(".oaslint.yaml", QUIET_CONFIG);
    repo.write("api.yaml", &spec(""));
    let excludes = repo.path().join("excludes");
    std::fs::write(&excludes, "*.yaml\n").unwrap();
    repo.git(&["config", "core.excludesFile", excludes.to_str().unwrap()]);
    let out = oaslint_in(repo.path(), &["lint", "-f", "junit", "*.yaml"], "");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(roots_of(&out.stdout), ["api.yaml"]);
}

#[test]
fn stdin_filepath_names_configures_and_resolves_standard_input() {
    let repo = Repo::new();
    repo.write(
        "apis/pets/.oaslint.yaml",
        "name: pets-config\nversion: 1.0.0\nextends: zalando\n",
    );
    repo.write("apis/pets/schemas/pet.yaml", "type: object\n");
    let text = spec("components:\n  schemas:\n    Pet:\n      $ref: schemas/pet.yaml\n");
    // The file itself does not exist: it is never read.
    let args = [
        "lint",
        "-f",
        "json",
        "-",
        "--stdin-filepath",
        "apis/pets/openapi.yaml",
    ];
    let out = oaslint_in(repo.path(), &args, &text);
    assert_eq!(out.code, 1, "MUST findings: {}", out.stderr);
    let report = json(&out);
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
    assert_eq!(report["ruleset"]["name"], "pets-config");
    assert_eq!(
        documents(&report),
        ["apis/pets/openapi.yaml", "apis/pets/schemas/pet.yaml"]
    );
    let first = &report["findings"][0];
    assert_eq!(first["file"], "apis/pets/openapi.yaml");
    // The acknowledgement file keys the finding by that path.
    repo.write(
        ".oaslint-ack.yaml",
        &format!(
            "version: 1\nacknowledgements:\n  - rule: \"{}\"\n    file: apis/pets/openapi.yaml\n    pointer: \"{}\"\n    reason: test\n",
            first["rule"].as_str().unwrap(),
            first["pointer"].as_str().unwrap()
        ),
    );
    let mut with_ack = args.to_vec();
    with_ack.push("--allow-must-ack");
    let out = oaslint_in(repo.path(), &with_ack, &text);
    let acked = json(&out);
    assert_eq!(
        acked["findings"][0]["status"], "acknowledged",
        "{}",
        acked["findings"][0]
    );
    // Without the flag: `<stdin>`, the working directory's configuration.
    let out = oaslint_in(repo.path(), &["lint", "-f", "json", "-"], &text);
    let report = json(&out);
    assert_eq!(report["ruleset"]["name"], "zalando");
    assert_eq!(report["findings"][0]["file"], "<stdin>");
    // A path outside the repository is refused (lexically: never read).
    let out = oaslint_in(
        repo.path(),
        &["lint", "-", "--stdin-filepath", "../elsewhere/openapi.yaml"],
        &text,
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("outside the root"), "{}", out.stderr);
}

/// A gated run (`--pinned-config-from`) never leaves out a file git
/// tracks because of an ignore file: the pull request writes those too.
#[test]
fn pinned_run_lints_tracked_files_a_pull_request_gitignores() {
    let repo = Repo::new();
    repo.write("apis/pets/openapi.yaml", &spec(""));
    repo.commit("an API");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write(".gitignore", "apis/pets/\n");
    repo.commit("hide the API from the linter");
    let glob = "apis/**/*.yaml";
    let out = oaslint_in(repo.path(), &["lint", "-f", "json", glob], "");
    let report = json(&out);
    assert_eq!(
        skipped(&report),
        [(
            "apis/pets/openapi.yaml".to_string(),
            "gitignored".to_string()
        )],
        "unpinned, the ignore file is honoured"
    );
    let out = oaslint_in(
        repo.path(),
        &["lint", "-f", "json", "--pinned-config-from", "main", glob],
        "",
    );
    assert_eq!(out.code, 1, "MUST findings: {}", out.stderr);
    let report = json(&out);
    assert_eq!(documents(&report), ["apis/pets/openapi.yaml"]);
    assert!(skipped(&report).is_empty(), "{report}");
}
