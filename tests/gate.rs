//! The MUST gate as a pull-request pipeline runs it: a pull request must
//! not get past it through in-spec ignores or its own configuration.

use oaslint_acceptance::{branch_off_main, fixture, jq, oaslint_in, template_values, Output, Repo};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The configuration of these tests: four Zalando rules (so that the
/// findings do not change whenever the built-in ruleset grows). Rule 116's
/// key is on line 7, column 3.
const BASE_CONFIG: &str = "name: acme\nversion: 1.0.0\nextends: [[zalando, off]]\nrules:\n  \"215\": should\n  \"160\": must\n  \"116\": must\n  \"218\": must\n";

/// A folder (not a git repository) with [`BASE_CONFIG`] and `api.yaml`.
fn folder(spec_text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".oaslint.yaml"), BASE_CONFIG).unwrap();
    std::fs::write(dir.path().join("api.yaml"), spec_text).unwrap();
    dir
}

/// A spec that [`BASE_CONFIG`] finds clean, with `info.version` broken
/// (rules 116 and 218, MUST) and, when `ignore` is given, an
/// `x-zally-ignore` list on the root.
fn spec(ignore: Option<&str>) -> String {
    let clean = std::fs::read_to_string(fixture("zalando/clean.yaml")).unwrap();
    let broken = clean.replacen("  version: 1.2.0\n", "  version: v1\n", 1);
    assert_ne!(broken, clean, "the fixture's info.version moved");
    match ignore {
        Some(list) => broken.replacen("info:\n", &format!("x-zally-ignore: {list}\ninfo:\n"), 1),
        None => broken,
    }
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr))
}

fn findings<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

// ------------------------------------------------------------ in-spec ignores

/// `x-zally-ignore: [116]` no longer passes the gate: the MUST finding stays
/// a finding (exit 1) and the ignore that tried is listed with its place.
#[test]
fn an_in_spec_ignore_of_a_must_finding_is_refused() {
    let dir = folder(&spec(Some("[116, 218]")));
    let out = oaslint_in(dir.path(), &["lint", "-f", "json", "api.yaml"], "");
    assert_eq!(out.code, 1, "the ignore is refused: {}", out.stdout);
    let report = json(&out);
    let found = findings(&report, "116");
    assert_eq!(found.len(), 1, "{}", out.stdout);
    assert_eq!(found[0]["pointer"], "/info/version");
    assert_eq!(findings(&report, "218").len(), 1, "{}", out.stdout);
    assert_eq!(report["summary"]["must"], 2);
    // The ignores are listed, with where they are: `x-zally-ignore: [116,
    // 218]` is line 2; the list item `116` starts in column 18.
    let ignored = report["ignored"]
        .as_array()
        .expect("ignored findings listed");
    assert_eq!(ignored.len(), 2, "{}", out.stdout);
    assert_eq!(ignored[1]["rule"], "218");
    assert_eq!(ignored[1]["ignored_by"]["pointer"], "/x-zally-ignore/1");
    assert_eq!(ignored[0]["rule"], "116");
    assert_eq!(ignored[0]["severity"], "must");
    assert_eq!(ignored[0]["ignored_by"]["file"], "api.yaml");
    assert_eq!(ignored[0]["ignored_by"]["pointer"], "/x-zally-ignore/0");
    assert_eq!(
        ignored[0]["ignored_by"]["range"]["start"],
        serde_json::json!({"line": 2, "column": 18})
    );
}

/// The text a pipeline log shows names the finding, as any MUST finding.
#[test]
fn a_refused_ignore_shows_its_finding_in_the_log() {
    let dir = folder(&spec(Some("[\"116\"]")));
    let out = oaslint_in(dir.path(), &["lint", "-f", "azure-devops", "api.yaml"], "");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("##vso[task.logissue type=error;") && l.contains("code=116")),
        "{}",
        out.stdout
    );
}

/// `--allow-must-ignore` (a pipeline flag, like `--allow-must-ack`) lets the
/// ignore hold; the finding is still listed as ignored.
#[test]
fn allow_must_ignore_honours_the_ignore_and_still_lists_it() {
    let dir = folder(&spec(Some("[116, 218]")));
    let out = oaslint_in(
        dir.path(),
        &["lint", "-f", "json", "--allow-must-ignore", "api.yaml"],
        "",
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let report = json(&out);
    assert!(findings(&report, "116").is_empty(), "{}", out.stdout);
    assert_eq!(report["summary"]["must"], 0);
    assert_eq!(report["summary"]["ignored"], 2);
    let ignored = report["ignored"]
        .as_array()
        .expect("ignored findings listed");
    assert_eq!(ignored.len(), 2);
    assert_eq!(ignored[0]["rule"], "116");
    assert_eq!(ignored[0]["ignored_by"]["pointer"], "/x-zally-ignore/0");
}

/// An ignore of a SHOULD finding holds, as an acknowledgement would: only
/// MUST findings need the pipeline's permission.
#[test]
fn an_in_spec_ignore_of_a_should_finding_holds() {
    // 215 (SHOULD): no x-api-id.
    let dir = folder(
        &spec(Some("[215]"))
            .replacen("  version: v1\n", "  version: 1.2.0\n", 1)
            .replacen("  x-api-id: 0f4a1b52-8c6e-4f3a-9a36-1d2c3b4a5e6f\n", "", 1),
    );
    let out = oaslint_in(dir.path(), &["lint", "-f", "json", "api.yaml"], "");
    let report = json(&out);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(findings(&report, "215").is_empty(), "{}", out.stdout);
    assert_eq!(report["ignored"][0]["rule"], "215", "{}", out.stdout);
}

// ------------------------------------------------------- pinned configuration

/// The pull request turns the MUST rule 116 off in `.oaslint.yaml`.
fn weakened_config() -> String {
    BASE_CONFIG.replace("\"116\": must", "\"116\": off")
}

/// `main` with a configuration and a spec with a 116 finding; a `pr`
/// branch checked out whose `.oaslint.yaml` is `pr_config`.
fn pull_request(pr_config: Option<&str>) -> Repo {
    let spec_text = spec(None);
    let base = [
        (".oaslint.yaml", BASE_CONFIG),
        ("apis/orders/api.yaml", &spec_text),
    ];
    branch_off_main(&base, |repo| match pr_config {
        Some(text) => repo.write(".oaslint.yaml", text),
        None => std::fs::remove_file(repo.path().join(".oaslint.yaml")).unwrap(),
    })
}

/// Runs the gate as the pipeline templates do: `lint -f json
/// --pinned-config-from main FILE` in `cwd`.
fn lint_pinned(cwd: &Path, file: &str) -> Output {
    oaslint_in(
        cwd,
        &["lint", "-f", "json", "--pinned-config-from", "main", file],
        "",
    )
}

/// The JSON report of `out`, which ended with exit code `code`.
fn json_exiting(out: &Output, code: u8) -> Value {
    assert_eq!(out.code, code, "{}{}", out.stdout, out.stderr);
    json(out)
}

/// The findings that report a weakening of the pinned configuration.
fn weakenings(report: &Value) -> Vec<&Value> {
    findings(report, "oaslint-config-weakened")
}

#[test]
fn a_pinned_configuration_keeps_the_rule_and_reports_the_weakening() {
    let repo = pull_request(Some(&weakened_config()));
    // Without pinning the pull request's configuration wins: the bypass.
    let out = oaslint_in(
        repo.path(),
        &["lint", "-f", "json", "apis/orders/api.yaml"],
        "",
    );
    assert!(findings(&json(&out), "116").is_empty(), "{}", out.stdout);
    let out = lint_pinned(repo.path(), "apis/orders/api.yaml");
    let report = json_exiting(&out, 1);
    // The spec is linted with main's configuration: 116 still runs.
    assert_eq!(report["ruleset"]["name"], "acme");
    assert_eq!(findings(&report, "116").len(), 1, "{}", out.stdout);
    // And the PR's change is a MUST finding of its own, at the key of the
    // offending entry: `  "116": off` is line 7, the key starts in column 3.
    let weakened = weakenings(&report);
    assert_eq!(weakened.len(), 1, "{}", out.stdout);
    let w = weakened[0];
    assert_eq!(w["severity"], "must");
    assert_eq!(w["file"], ".oaslint.yaml");
    // The configuration is listed as a document, with its hash.
    let config = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == ".oaslint.yaml")
        .expect("the configuration is a document of the run");
    assert_eq!(config["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(w["pointer"], "/rules/116");
    assert_eq!(
        w["range"]["start"],
        serde_json::json!({"line": 7, "column": 3})
    );
    let message = w["message"].as_str().unwrap();
    assert!(
        message.contains("rule 116") && message.contains("MUST") && message.contains("main"),
        "{message}"
    );
    // 116, 218 and the weakening.
    assert_eq!(report["summary"]["must"], 3);
}

/// Lowering a MUST rule is a weakening too; the message names both levels.
/// Run from a subfolder: the configuration is found at the repository
/// root on both sides and named relative to the working directory.
#[test]
fn lowering_a_must_rule_is_reported_from_a_subfolder() {
    let repo = pull_request(Some(
        &BASE_CONFIG.replace("\"116\": must", "\"116\": should"),
    ));
    let out = lint_pinned(&repo.path().join("apis"), "orders/api.yaml");
    let report = json_exiting(&out, 1);
    let w = weakenings(&report);
    assert_eq!(w.len(), 1, "{}", out.stdout);
    assert_eq!(w[0]["file"], "../.oaslint.yaml");
    let message = w[0]["message"].as_str().unwrap();
    assert!(message.contains("from MUST to SHOULD"), "{message}");
    // 116 runs at MUST, as main says.
    assert_eq!(findings(&report, "116")[0]["severity"], "must");
}

/// A configuration the target branch does not have is compared with the
/// built-in default, which the run uses.
#[test]
fn a_configuration_new_in_the_pull_request_is_compared_with_the_default() {
    let repo = branch_off_main(&[("api.yaml", spec(None).as_str())], |repo| {
        repo.write(
            ".oaslint.yaml",
            "extends: zalando\nrules:\n  \"116\": off\n",
        )
    });
    let out = lint_pinned(repo.path(), "api.yaml");
    let report = json_exiting(&out, 1);
    assert_eq!(report["ruleset"]["name"], "zalando");
    assert_eq!(findings(&report, "116").len(), 1);
    let w = weakenings(&report);
    assert_eq!(w.len(), 1, "{}", out.stdout);
    assert_eq!(
        w[0]["range"]["start"],
        serde_json::json!({"line": 3, "column": 3})
    );
}

/// The files a pinned configuration `extends` come from the pinned commit
/// too; a weakening that arrives through them is reported at `extends`.
#[test]
fn extended_files_are_pinned_too() {
    let spec_text = spec(None);
    let base = [
        (".oaslint.yaml", "extends: ./rules/company.yaml\n"),
        ("rules/company.yaml", "name: company\nextends: zalando\n"),
        ("api.yaml", &spec_text),
    ];
    let repo = branch_off_main(&base, |repo| {
        repo.write(
            "rules/company.yaml",
            "name: company\nextends: zalando\nrules:\n  \"116\": off\n",
        )
    });
    let out = lint_pinned(repo.path(), "api.yaml");
    let report = json_exiting(&out, 1);
    assert_eq!(findings(&report, "116").len(), 1, "{}", out.stdout);
    let w = weakenings(&report);
    assert_eq!(w.len(), 1, "{}", out.stdout);
    assert_eq!(w[0]["file"], ".oaslint.yaml");
    assert_eq!(w[0]["pointer"], "/extends");
    assert_eq!(
        w[0]["range"]["start"],
        serde_json::json!({"line": 1, "column": 1})
    );
}

/// A pull request that changes nothing about the gate passes; one that
/// makes it stricter too.
#[test]
fn a_stricter_configuration_is_not_a_weakening() {
    let repo = pull_request(Some(&format!("{BASE_CONFIG}  \"129\": must\n")));
    let fixed = spec(None).replacen("  version: v1\n", "  version: 1.2.0\n", 1);
    repo.write("apis/orders/api.yaml", &fixed);
    let out = lint_pinned(repo.path(), "apis/orders/api.yaml");
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(weakenings(&json(&out)).is_empty());
}

/// Deleting the configuration falls back to the built-in default, which
/// lacks the pinned configuration's stricter 160.
#[test]
fn deleting_the_configuration_is_a_weakening() {
    let repo = pull_request(None);
    let out = lint_pinned(repo.path(), "apis/orders/api.yaml");
    let report = json_exiting(&out, 1);
    let w = weakenings(&report);
    assert_eq!(w.len(), 1, "{}", out.stdout);
    assert_eq!(w[0]["file"], ".oaslint.yaml");
    assert!(w[0]["message"].as_str().unwrap().contains("rule 160"));
    // A deleted file is no document of the run (it has nothing to hash).
    assert!(report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["file"] != ".oaslint.yaml"));
}

/// A pull request that adds a configuration of its own in a subfolder:
/// that folder's pinned configuration is the nearest one at `main` (the
/// repository's), and the new file's weakenings are reported on it.
fn nested_config(nested: &str) -> Repo {
    let spec_text = spec(None);
    let base = [
        (".oaslint.yaml", BASE_CONFIG),
        ("api.yaml", &spec_text),
        ("apis/orders/api.yaml", &spec_text),
    ];
    branch_off_main(&base, |repo| {
        repo.write("apis/orders/.oaslint.yaml", nested);
    })
}

#[test]
fn a_nested_configuration_turning_a_must_rule_off_is_reported() {
    let repo = nested_config("extends: ../../.oaslint.yaml\nrules:\n  \"116\": off\n");
    let report = json_exiting(&lint_pinned(repo.path(), "apis/orders/api.yaml"), 1);
    assert_eq!(
        findings(&report, "116").len(),
        1,
        "linted with main's rules"
    );
    let w = weakenings(&report);
    assert_eq!(w.len(), 1, "{report:#}");
    assert_eq!(w[0]["file"], "apis/orders/.oaslint.yaml");
    assert_eq!(w[0]["pointer"], "/rules/116");
}

/// An `overrides` entry that switches a MUST rule off for one part of one
/// file is a weakening too, reported at the entry's rule key.
#[test]
fn a_nested_override_switching_a_must_rule_off_is_reported() {
    let repo = nested_config(
        "extends: ../../.oaslint.yaml\noverrides:\n  - files: [\"api.yaml#/info\"]\n    rules: {\"116\": off}\n",
    );
    let report = json_exiting(&lint_pinned(repo.path(), "apis/orders/api.yaml"), 1);
    assert_eq!(
        findings(&report, "116").len(),
        1,
        "linted with main's rules"
    );
    let w = weakenings(&report);
    assert_eq!(w.len(), 1, "{report:#}");
    assert_eq!(w[0]["file"], "apis/orders/.oaslint.yaml");
    assert_eq!(w[0]["pointer"], "/overrides/0/rules/116");
    let message = w[0]["message"].as_str().unwrap();
    assert!(
        message.contains("overrides turn off rule 116 for api.yaml#/info"),
        "{message}"
    );
}

#[test]
fn a_nested_configuration_ignoring_a_linted_spec_is_reported() {
    let repo = nested_config("extends: ../../.oaslint.yaml\nignore: [\"api.yaml\"]\n");
    let report = json_exiting(&lint_pinned(repo.path(), "apis/orders/api.yaml"), 1);
    let w = weakenings(&report);
    assert_eq!(w.len(), 1, "{report:#}");
    assert_eq!(w[0]["file"], "apis/orders/.oaslint.yaml");
    assert_eq!(w[0]["pointer"], "/ignore");
    let message = w[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`ignore` leaves out apis/orders/api.yaml"),
        "{message}"
    );
}

#[test]
fn an_unknown_revision_is_an_error_that_says_to_fetch_it() {
    let repo = pull_request(Some(BASE_CONFIG));
    for rev in ["origin/main", "--output=x"] {
        let out = oaslint_in(
            repo.path(),
            &["lint", "--pinned-config-from", rev, "apis/orders/api.yaml"],
            "",
        );
        assert_eq!(out.code, 2, "{rev}: {}{}", out.stdout, out.stderr);
        assert!(
            out.stderr.contains("--pinned-config-from"),
            "{}",
            out.stderr
        );
    }
    assert!(!repo.path().join("x").exists());
}

// ------------------------------------------------- the templates' own identity

/// The GitHub workflow updates only the comment the workflow's token wrote:
/// a person (or another app) who posts the marker first is passed over.
#[test]
fn the_github_workflow_updates_only_its_own_comment() {
    let filters = template_values("action.yml", "COMMENT_FILTER");
    assert_eq!(filters.len(), 1);
    let filter = &filters[0];
    let run = |pages: &str| {
        jq(
            &[
                "-rs",
                "--arg",
                "author",
                "github-actions[bot]",
                "--arg",
                "marker",
                "oaslint-report",
            ],
            filter,
            pages,
        )
    };
    // `gh api --paginate` prints one array per page.
    let pages = r#"
        [{"id": 1, "user": {"login": "mallory", "type": "User"}, "body": "<!-- oaslint-report -->\nall clear"},
         {"id": 2, "user": {"login": "evil-app[bot]", "type": "Bot"}, "body": "<!-- oaslint-report -->"},
         {"id": 3, "user": {"login": "github-actions[bot]", "type": "Bot"}, "body": "unrelated"}]
        [{"id": 4, "user": {"login": "github-actions[bot]", "type": "Bot"}, "body": "<!-- oaslint-report -->\n### ❌"},
         {"id": 5, "user": {"login": "github-actions[bot]", "type": "Bot"}, "body": "<!-- oaslint-report -->"}]
    "#;
    let Some(found) = run(pages) else { return };
    assert_eq!(found, "4");
    // Only someone else's marker: no comment of ours yet.
    let only_theirs = r#"[{"id": 1, "user": {"login": "mallory", "type": "User"}, "body": "<!-- oaslint-report -->"}]"#;
    assert_eq!(run(only_theirs).unwrap(), "");
    assert_eq!(run("[]").unwrap(), "");
    // A user account cannot be named like the bot, but check the type too.
    let impostor = r#"[{"id": 9, "user": {"login": "github-actions[bot]", "type": "User"}, "body": "<!-- oaslint-report -->"}]"#;
    assert_eq!(run(impostor).unwrap(), "");
}

/// The Azure template updates only the thread its build identity started.
#[test]
fn the_azure_template_updates_only_its_own_thread() {
    let filters = template_values("ci-templates/azure-pipelines.yml", "THREAD_FILTER");
    assert_eq!(filters.len(), 1);
    let me = "5f1e3c1a-0000-4000-8000-00000000b0b0";
    let threads = r#"{"count": 4, "value": [
        {"id": 10, "status": "active", "isDeleted": false,
         "properties": {"oaslint.marker": {"$type": "System.String", "$value": "oaslint-report"}},
         "comments": [{"id": 1, "author": {"id": "mallory-id"}, "content": "<!-- oaslint-report -->"}]},
        {"id": 11, "status": "active", "isDeleted": true,
         "properties": {"oaslint.marker": "oaslint-report"},
         "comments": [{"id": 1, "author": {"id": "5f1e3c1a-0000-4000-8000-00000000b0b0"}, "content": "<!-- oaslint-report -->"}]},
        {"id": 12, "status": "byDesign",
         "properties": {"oaslint.marker": {"$type": "System.String", "$value": "oaslint-report"},
                        "oaslint.fingerprint": {"$type": "System.String", "$value": "abc"}},
         "comments": [{"id": 7, "author": {"id": "5f1e3c1a-0000-4000-8000-00000000b0b0"}, "content": "<!-- oaslint-report -->"},
                      {"id": 8, "author": {"id": "mallory-id"}, "content": "reply"}]},
        {"id": 13, "status": "active",
         "comments": [{"id": 1, "author": {"id": "mallory-id"}, "content": "<!-- oaslint-report -->"}]}
    ]}"#;
    let run = |input: &str, me: &str| {
        jq(
            &["-r", "--arg", "me", me, "--arg", "m", "oaslint-report"],
            &filters[0],
            input,
        )
    };
    let Some(found) = run(threads, me) else {
        return;
    };
    assert_eq!(found, "12 7 byDesign abc");
    // Someone else's identity finds only threads they started.
    assert_eq!(run(threads, "mallory-id").unwrap(), "10 1 active -");
    assert_eq!(run(r#"{"value": []}"#, me).unwrap(), "");
}

/// Both templates lint pull requests with the pinned configuration, and
/// their shell scripts parse (`bash -n`, with the template expressions
/// `${{ … }}` replaced by a word).
#[test]
fn the_templates_pin_the_configuration_and_their_scripts_parse() {
    let github = template_values("action.yml", "run");
    let azure = template_values("ci-templates/azure-pipelines.yml", "bash");
    for (name, scripts) in [("github", &github), ("azure", &azure)] {
        assert!(
            scripts.iter().any(|s| s.contains("--pinned-config-from")),
            "{name}"
        );
        assert!(
            scripts
                .iter()
                .any(|s| s.contains("git fetch --no-tags --depth=1 origin")),
            "{name} fetches the target branch"
        );
    }
    let scripts: Vec<String> = github.into_iter().chain(azure).collect();
    assert!(scripts.len() >= 8, "{}", scripts.len());
    for script in scripts {
        let mut text = String::new();
        let mut rest = script.as_str();
        while let Some(i) = rest.find("${{") {
            text.push_str(&rest[..i]);
            text.push('X');
            rest = &rest[i..];
            rest = &rest[rest.find("}}").map_or(rest.len(), |j| j + 2)..];
        }
        text.push_str(rest);
        let out = Command::new("bash")
            .args(["-n", "-c", &text])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}\n{script}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
