//! Configuration per path: the nearest .oaslint.yaml per file, overrides, what the report says applied.

use super::inputs::{documents, json};
use oaslint_acceptance::{oaslint_in, Repo};
use serde_json::Value;

/// A document with MUST findings under the built-in ruleset (no contact,
/// no `x-api-id`, …).
const BAD_SPEC: &str = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n";

/// The files with findings, each once, in report order.
fn files_with_findings(report: &Value) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for f in report["findings"].as_array().unwrap() {
        let file = f["file"].as_str().unwrap().to_string();
        if !files.contains(&file) {
            files.push(file);
        }
    }
    files
}

/// The repository's configuration applies to `apis/new`; `apis/legacy`
/// has its own, which wins whole (it does not extend the one above).
fn two_apis() -> Repo {
    let repo = Repo::new();
    repo.write(
        ".oaslint.yaml",
        "name: company\nversion: 1.0.0\nextends: zalando\n",
    );
    repo.write(
        "apis/legacy/.oaslint.yaml",
        "name: legacy\nversion: 0.1.0\nextends: [[zalando, off]]\n",
    );
    repo.write("apis/new/openapi.yaml", BAD_SPEC);
    repo.write("apis/legacy/openapi.yaml", BAD_SPEC);
    repo.commit("two APIs");
    repo
}

#[test]
fn nearest_config_applies_per_file() {
    let repo = two_apis();
    let out = oaslint_in(
        repo.path(),
        &["lint", "-f", "json", "apis/**/openapi.yaml"],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    assert_eq!(
        documents(&report),
        ["apis/legacy/openapi.yaml", "apis/new/openapi.yaml"]
    );
    assert_eq!(files_with_findings(&report), ["apis/new/openapi.yaml"]);
    // The same from inside the legacy folder: each file still gets the
    // configuration nearest to it, not the working directory's.
    let out = oaslint_in(
        &repo.path().join("apis/legacy"),
        &["lint", "-f", "json", "openapi.yaml", "../new/openapi.yaml"],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    assert_eq!(files_with_findings(&report), ["../new/openapi.yaml"]);
    // The report's ruleset is the first input's configuration.
    assert_eq!(report["ruleset"]["name"], "legacy");
    // `--ruleset` applies to every file.
    let out = oaslint_in(
        repo.path(),
        &[
            "lint",
            "-f",
            "json",
            "--ruleset",
            "zalando",
            "apis/**/openapi.yaml",
        ],
        "",
    );
    let report = json(&out);
    assert_eq!(
        files_with_findings(&report),
        ["apis/legacy/openapi.yaml", "apis/new/openapi.yaml"]
    );
}

/// The JSON report says which configurations it applied
/// (`configurations`) and which one applied to each document
/// (`documents[].configuration`).
#[test]
fn report_records_configuration_per_document() {
    let repo = two_apis();
    let out = oaslint_in(
        repo.path(),
        &[
            "lint",
            "-f",
            "json",
            "apis/new/openapi.yaml",
            "apis/legacy/openapi.yaml",
        ],
        "",
    );
    let report = json(&out);
    assert_eq!(report["ruleset"]["name"], "company", "the first input's");
    let files: Vec<&Value> = report["configurations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["file"])
        .collect();
    assert_eq!(files, [".oaslint.yaml", "apis/legacy/.oaslint.yaml"]);
    for (doc, index) in [
        ("apis/new/openapi.yaml", 0),
        ("apis/legacy/openapi.yaml", 1),
    ] {
        let d = report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["file"] == doc)
            .unwrap();
        assert_eq!(d["configuration"], index, "{d}");
    }
}

#[test]
fn config_above_repository_root_is_not_read() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(
        outer.path().join(".oaslint.yaml"),
        "name: planted\nextends: [[zalando, off]]\n",
    )
    .unwrap();
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("apis/pets")).unwrap();
    std::fs::write(repo.join("apis/pets/openapi.yaml"), BAD_SPEC).unwrap();
    let out = oaslint_in(&repo, &["lint", "-f", "json", "apis/**/*.yaml"], "");
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    assert_eq!(report["ruleset"]["name"], "zalando");
    assert_eq!(files_with_findings(&report), ["apis/pets/openapi.yaml"]);
}

/// A pull request cannot switch a MUST rule off for its API by adding a
/// configuration in the API's folder when the pipeline pins the target
/// branch's configuration.
#[test]
fn pinned_run_ignores_a_folder_configuration_the_pull_request_adds() {
    let repo = two_apis();
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write(
        "apis/new/.oaslint.yaml",
        "extends: ../../.oaslint.yaml\nrules:\n  \"104\": off\n",
    );
    repo.commit("switch rule 104 off for the new API");
    let unpinned = json(&oaslint_in(
        repo.path(),
        &["lint", "-f", "json", "apis/new/openapi.yaml"],
        "",
    ));
    let rule_104 = |report: &Value| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "104" && f["file"] == "apis/new/openapi.yaml")
    };
    assert!(
        !rule_104(&unpinned),
        "the PR's configuration applies unpinned"
    );
    let out = oaslint_in(
        repo.path(),
        &[
            "lint",
            "-f",
            "json",
            "--pinned-config-from",
            "main",
            "apis/new/openapi.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    assert!(rule_104(&report), "{}", out.stdout);
    // And the pull request's configuration is reported as a weakening.
    let weakened = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "oaslint-config-weakened")
        .unwrap_or_else(|| panic!("no weakening reported: {}", out.stdout));
    assert_eq!(weakened["file"], "apis/new/.oaslint.yaml");
    assert_eq!(weakened["severity"], "must");
}

/// The `files` globs of `overrides` are relative to the configuration
/// file's folder, also when the run starts below it (the configuration is
/// then `../../.oaslint.yaml` to the working directory).
#[test]
fn overrides_of_a_configuration_above_the_working_directory_match_its_files() {
    let repo = Repo::new();
    repo.write(
        ".oaslint.yaml",
        "extends: zalando\noverrides:\n  - files: [\"apis/pets/*.yaml\"]\n    rules:\n      \"104\": off\n",
    );
    repo.write("apis/pets/openapi.yaml", BAD_SPEC);
    repo.write("apis/shop/openapi.yaml", BAD_SPEC);
    let rules_in = |cwd: &str, inputs: &[&str]| -> Vec<String> {
        let mut args = vec!["lint", "-f", "json"];
        args.extend_from_slice(inputs);
        let report = json(&oaslint_in(&repo.path().join(cwd), &args, ""));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "104")
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        rules_in("", &["apis/pets/openapi.yaml", "apis/shop/openapi.yaml"]),
        ["apis/shop/openapi.yaml"]
    );
    assert_eq!(
        rules_in("apis/pets", &["openapi.yaml", "../shop/openapi.yaml"]),
        ["../shop/openapi.yaml"]
    );
}
