//! `examples/api-platform` end to end, as its pipeline runs it: a copy of
//! the example is committed to `main` of a new git repository, and a pull
//! request branch changes it.

use oaslint_acceptance::{copy_dir, oaslint_env, oaslint_in, root, Output, Repo};
use oaslint_cli::Env;
use serde_json::Value;

/// The example repository on `main`.
fn example() -> Repo {
    let repo = Repo::new();
    copy_dir(&root().join("examples/api-platform"), repo.path());
    repo.commit("the example API repository");
    repo
}

/// The example with a `pr` branch checked out on which `change` was
/// committed.
fn pull_request(change: impl FnOnce(&Repo)) -> Repo {
    let repo = example();
    repo.git(&["checkout", "-q", "-b", "pr"]);
    change(&repo);
    repo.commit("pull request");
    repo
}

/// The pull request adds a camelCase property to the orders API's schema
/// fragment: a new MUST finding (rule 118) in a `$ref`'d file.
fn add_camel_case_property(repo: &Repo) {
    let path = "apis/orders/schemas/order.yaml";
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    repo.write(
        path,
        &format!("{text}  deliveryDate:\n    type: string\n    format: date\n"),
    );
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", out.stdout, out.stderr))
}

/// The findings of the report as `status rule file`.
fn statuses(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["status"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap()
            )
        })
        .collect()
}

fn head(repo: &Repo) -> String {
    let out = std::process::Command::new("git")
        .current_dir(repo.path())
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// On `main`, `oaslint lint` with no arguments lints the files the
/// configuration names, each split spec as one document, and passes: the
/// orders API is clean but for an acknowledged SHOULD finding, the legacy
/// API's findings are in the baseline, and the changelog is skipped.
#[test]
fn the_default_run_passes_on_main() {
    let repo = example();
    let out = oaslint_in(repo.path(), &["lint", "-f", "json"], "");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let report = json(&out);
    let inputs: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["format"].is_string())
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        inputs,
        [
            "apis/billing-legacy/openapi.yaml",
            "apis/orders/openapi.yaml"
        ],
        "only the two roots are linted as documents"
    );
    let all = statuses(&report);
    assert!(
        all.iter()
            .all(|s| !s.starts_with("new ") || s.contains(" remote-ref ")),
        "{all:#?}"
    );
    assert!(
        all.contains(&"acknowledged 102 apis/orders/openapi.yaml".to_string()),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|s| s.starts_with("baseline 118 apis/billing-legacy/")),
        "{all:#?}"
    );
    let skipped: Vec<&str> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["apis/notes/changelog.yaml"]);
}

/// The legacy API's folder has its own configuration: it applies to that
/// API only, and its override switches rule 141 off for one path.
#[test]
fn the_legacy_folder_configuration_applies_to_the_legacy_api_only() {
    let repo = example();
    let out = oaslint_in(repo.path(), &["lint", "-f", "json", "--no-baseline"], "");
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    let configurations = report["configurations"].as_array().unwrap();
    let configuration_of = |file: &str| {
        let doc = report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["file"] == file)
            .unwrap_or_else(|| panic!("no document {file}"));
        let i = doc["configuration"].as_u64().unwrap() as usize;
        configurations[i]["file"].as_str().unwrap().to_string()
    };
    assert_eq!(
        configuration_of("apis/billing-legacy/openapi.yaml"),
        "apis/billing-legacy/.oaslint.yaml"
    );
    assert_eq!(
        configuration_of("apis/orders/openapi.yaml"),
        ".oaslint.yaml"
    );
    for c in configurations {
        assert_eq!(c["ruleset"]["name"], "acme-api-guidelines", "{c}");
        assert_eq!(c["ruleset"]["version"], "1.2.0", "{c}");
    }
    // The text and JUnit reports name each file's configuration too.
    let text = oaslint_in(repo.path(), &["lint", "--no-baseline"], "");
    assert!(
        text.stdout.contains(
            "configurations: apis/billing-legacy/.oaslint.yaml (acme-api-guidelines 1.2.0): 1 file; \
             .oaslint.yaml (acme-api-guidelines 1.2.0): 1 file"
        ),
        "{}",
        text.stdout
    );
    let junit = oaslint_in(repo.path(), &["lint", "--no-baseline", "-f", "junit"], "");
    assert!(
        junit.stdout.contains(
            "<property name=\"configuration\" value=\"apis/billing-legacy/.oaslint.yaml\"/>"
        ),
        "{}",
        junit.stdout
    );
    let all = statuses(&report);
    assert!(
        !all.iter().any(|s| s.contains(" 141 ")),
        "141 is off for /v1/getInvoices: {all:#?}"
    );
    assert!(
        all.iter()
            .any(|s| s.contains(" 129 apis/billing-legacy/openapi.yaml")),
        "{all:#?}"
    );
}

/// A pull request that adds a MUST finding in a fragment is blocked; the
/// comment names the rule and links to the line at the pull request's
/// commit.
#[test]
fn a_pull_request_adding_a_must_finding_is_blocked_with_a_link() {
    let repo = pull_request(add_camel_case_property);
    let sha = head(&repo);
    let env = Env::empty()
        .with("GITHUB_SERVER_URL", "https://github.com")
        .with("GITHUB_REPOSITORY", "acme/apis")
        .with("GITHUB_SHA", &sha);
    let out = oaslint_env(repo.path(), &["lint", "-f", "markdown"], "", env);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("118"), "{}", out.stdout);
    let link = format!("https://github.com/acme/apis/blob/{sha}/apis/orders/schemas/order.yaml#L");
    assert!(
        out.stdout.contains(&link),
        "no link {link} in\n{}",
        out.stdout
    );
}

/// `--new-only --base main` without the baseline: the legacy API's
/// findings exist on `main` and do not block; the pull request's does.
#[test]
fn new_only_blocks_only_what_the_pull_request_introduced() {
    let repo = pull_request(add_camel_case_property);
    let out = oaslint_in(
        repo.path(),
        &[
            "lint",
            "-f",
            "json",
            "--no-baseline",
            "--new-only",
            "--base",
            "main",
        ],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    let blocking: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["blocking"] == true)
        .map(|f| {
            format!(
                "{} {} {}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["pointer"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        blocking,
        ["118 apis/orders/schemas/order.yaml /properties/deliveryDate"],
    );
    let all = statuses(&report);
    assert!(
        all.iter()
            .any(|s| s.starts_with("existing 118 apis/billing-legacy/")),
        "{all:#?}"
    );
}
