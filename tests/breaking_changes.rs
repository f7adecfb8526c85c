//! Issue 11: guideline 106 in every pull request. `oaslint diff BASE HEAD`
//! and `oaslint lint --base REV` report what changed for clients as
//! findings (rule 106, 116 for the version) with a `check` and a `base`
//! location, in every output format, through the CLI as a pipeline runs it.

use oaslint_acceptance::{branch_off_main, fixture, oaslint_in, root, Output, Repo};
use oaslint_cli::output::defuse::unsafe_output;
use oaslint_cli::output::Format;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The day the fixtures are compared on (as the engine's tests): sunsets
/// in 2025 have passed, those in 2027 have not.
const TODAY: &str = "2026-06-01T00:00:00Z";

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}\n{}", out.stdout, out.stderr))
}

fn assert_schema_valid(report: &Value) {
    let text = std::fs::read_to_string(root().join("docs/report.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = v
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{report:#}");
}

/// The findings with a `check`, one row each: check, severity, status,
/// `file:line pointer` in HEAD, `file:line pointer` in the base.
fn change_rows(report: &Value) -> Vec<[String; 5]> {
    let place = |v: &Value| {
        if v.is_null() {
            return "-".to_string();
        }
        format!(
            "{}:{} {}",
            v["file"].as_str().unwrap(),
            v["range"]["start"]["line"],
            v["pointer"].as_str().unwrap()
        )
    };
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("check").is_some())
        .map(|f| {
            [
                f["check"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap_or("-").to_string(),
                place(f),
                place(&f["base"]),
            ]
        })
        .collect()
}

fn row(check: &str, severity: &str, status: &str, head: &str, base: &str) -> [String; 5] {
    [check, severity, status, head, base].map(str::to_string)
}

// ------------------------------------------------------------ lint --base

/// The split spec of the engine's external-ref scenario, as a repository
/// holds it under `apis/`.
fn scenario_file(side: &str, path: &str) -> String {
    std::fs::read_to_string(fixture("diff/scenarios/external-ref").join(side).join(path)).unwrap()
}

/// An OpenAPI document with one operation at `path`.
fn one_operation(title: &str, path: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: {title}, version: 1.0.0}}\npaths:\n  {path}:\n    get:\n      responses:\n        '200': {{description: ok}}\n"
    )
}

/// A repository whose `main` has `apis/pets.yaml` (with `$ref`s into
/// `apis/schemas/pet.yaml`), `apis/orders.yaml` and `apis/legacy.yaml`,
/// and whose pull request changes the `$ref`'d schema, adds an operation,
/// deletes `orders.yaml`, renames `legacy.yaml` and adds `new.yaml`.
fn pull_request() -> Repo {
    let toys =
        "  /pets/{petId}/toys:\n    get:\n      responses:\n        '200': {description: ok}\n";
    let head_pets =
        scenario_file("head", "api.yaml").replace("  /pets:\n", &format!("{toys}  /pets:\n"));
    branch_off_main(
        &[
            // Lint rules off: the findings are the changes.
            (".oaslint.yaml", "extends: [[zalando, off]]\n"),
            ("apis/pets.yaml", &scenario_file("base", "api.yaml")),
            (
                "apis/schemas/pet.yaml",
                &scenario_file("base", "schemas/pet.yaml"),
            ),
            ("apis/orders.yaml", &one_operation("Orders", "/orders")),
            (
                "apis/legacy.yaml",
                &one_operation("Legacy", "/legacy-things"),
            ),
        ],
        |r| {
            r.write("apis/pets.yaml", &head_pets);
            r.write(
                "apis/schemas/pet.yaml",
                &scenario_file("head", "schemas/pet.yaml"),
            );
            r.git(&["rm", "-q", "apis/orders.yaml"]);
            r.git(&["mv", "apis/legacy.yaml", "apis/legacy-v1.yaml"]);
            r.write(
                "apis/new.yaml",
                "openapi: 3.1.0\ninfo:\n  title: News\n  description: What is new\n  version: 0.1.0\nservers:\n  - url: https://news.example.com\npaths:\n  /news/latest:\n    summary: The latest news\n",
            );
        },
    )
}

/// What the pipeline templates run on a pull request, with `--base` on
/// the target branch (`ci-templates/azure-pipelines.yml`, `action.yml`):
/// one lint into every view.
fn pipeline_lint(dir: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    let (sarif, markdown, json, junit) = (
        o("oaslint.sarif"),
        o("comment.md"),
        o("report.json"),
        o("junit.xml"),
    );
    let mut args = vec![
        "lint",
        "--fail-on",
        "must",
        "--timestamp",
        TODAY,
        "--pinned-config-from",
        "main",
        "--base",
        "main",
        "--changelog",
        "-f",
        "github",
        "-f",
        "sarif",
        "-o",
        &sarif,
        "-f",
        "markdown",
        "-o",
        &markdown,
        "-f",
        "json",
        "-o",
        &json,
        "-f",
        "junit",
        "-o",
        &junit,
    ];
    args.extend(extra);
    args.push("apis/*.yaml");
    oaslint_in(dir, &args, "")
}

fn read_json(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The "done when": a repository with `main` and a pull-request
/// branch, `oaslint lint --base main` as the templates run it. Changes in a
/// `$ref`'d file are read at `main` and located in that file, in HEAD and
/// in the base; a deleted root is reported, a renamed one compared with
/// its old name, a new one has no base; every view carries them.
#[test]
fn lint_base_main_reports_the_changes_of_a_pull_request() {
    let repo = pull_request();
    let out_dir = tempfile::tempdir().unwrap();
    let out = pipeline_lint(repo.path(), out_dir.path(), &[]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let report = read_json(out_dir.path().join("report.json"));
    assert_schema_valid(&report);
    assert_eq!(
        change_rows(&report),
        vec![
            row(
                "api-document-renamed",
                "hint",
                "new",
                "apis/legacy-v1.yaml:1 ",
                "apis/legacy.yaml:1 "
            ),
            row(
                "api-version-not-bumped",
                "must",
                "new",
                "apis/pets.yaml:4 /info/version",
                "apis/pets.yaml:4 /info/version"
            ),
            row(
                "endpoint-added",
                "hint",
                "new",
                "apis/pets.yaml:18 /paths/~1pets~1{petId}~1toys/get",
                "-"
            ),
            row(
                "request-parameter-type-changed",
                "must",
                "new",
                "apis/schemas/pet.yaml:7 /PetId/schema/format",
                "apis/schemas/pet.yaml:6 /PetId/schema/type"
            ),
            row(
                "response-required-property-removed",
                "must",
                "new",
                "apis/schemas/pet.yaml:11 /Pet/properties",
                "apis/schemas/pet.yaml:13 /Pet/properties/name"
            ),
            row(
                "response-required-property-removed",
                "must",
                "new",
                "apis/schemas/pet.yaml:11 /Pet/properties",
                "apis/schemas/pet.yaml:13 /Pet/properties/name"
            ),
            row(
                "request-property-removed",
                "should",
                "new",
                "apis/schemas/pet.yaml:11 /Pet/properties",
                "apis/schemas/pet.yaml:13 /Pet/properties/name"
            ),
            row(
                "api-document-removed",
                "must",
                "new",
                "apis/orders.yaml:1 ",
                "apis/orders.yaml:1 "
            ),
        ],
        "{report:#}"
    );
    // The deleted root has no place in HEAD: it is named at its path,
    // line 1, the whole document; its base is the whole document at main.
    let deleted = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "api-document-removed")
        .unwrap();
    assert_eq!(
        (&deleted["range"]["start"], &deleted["range"]["end"]),
        (
            &serde_json::json!({"line": 1, "column": 1}),
            &serde_json::json!({"line": 1, "column": 1})
        )
    );
    assert_eq!(
        (
            &deleted["base"]["range"]["start"],
            &deleted["base"]["range"]["end"]["line"]
        ),
        (
            &serde_json::json!({"line": 1, "column": 1}),
            &serde_json::json!(7)
        ),
        "the whole of apis/orders.yaml at main: {deleted}"
    );
    assert!(
        deleted["message"]
            .as_str()
            .unwrap()
            .starts_with("the document was deleted (it is in main): removes GET /orders"),
        "{deleted}"
    );
    let changes = &report["changes"];
    assert_eq!(changes["base"]["rev"], "main");
    assert_eq!(changes["new"], serde_json::json!(["apis/new.yaml"]));
    assert_eq!(changes["removed"], serde_json::json!(["apis/orders.yaml"]));
    assert!(changes["compared"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"file": "apis/legacy-v1.yaml", "base": "apis/legacy.yaml"})));
    for f in report["findings"].as_array().unwrap() {
        assert!(["106", "116"].contains(&f["rule"].as_str().unwrap()), "{f}");
    }
    assert!(
        out.stderr.contains("apis/orders.yaml: deleted since main"),
        "{}",
        out.stderr
    );

    // Annotations on the changed lines, with the check.
    assert!(
        out.stdout.contains(
            "::error file=apis/schemas/pet.yaml,line=11,col=3,endLine=14,endColumn=19,title=MUST 106"
        ) || out.stdout.contains("file=apis/schemas/pet.yaml,line=11"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("response-required-property-removed: GET /pets/{petId}"),
        "{}",
        out.stdout
    );
    // SARIF: the base location as a related location, the check as a property.
    let sarif = read_json(out_dir.path().join("oaslint.sarif"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let removed = results
        .iter()
        .find(|r| r["properties"]["check"] == "request-property-removed")
        .expect("the SHOULD change in SARIF");
    assert_eq!(removed["level"], "warning");
    assert_eq!(
        removed["locations"][0]["physicalLocation"]["region"]["startLine"],
        11
    );
    let related = &removed["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], "apis/schemas/pet.yaml");
    assert_eq!(related["region"]["startLine"], 13);
    // Two operations share the changed schema: two results, two fingerprints.
    let prints: std::collections::HashSet<&Value> = results
        .iter()
        .filter(|r| r["properties"]["check"] == "response-required-property-removed")
        .map(|r| &r["partialFingerprints"]["oaslintFinding/v1"])
        .collect();
    assert_eq!(prints.len(), 2);
    // The PR comment: API changes, breaking first, the changelog folded.
    let comment = std::fs::read_to_string(out_dir.path().join("comment.md")).unwrap();
    let at = |s: &str| {
        comment
            .find(s)
            .unwrap_or_else(|| panic!("no {s:?} in\n{comment}"))
    };
    assert!(at("#### API changes (6)") < at("**Breaking** · 5 breaking changes"));
    assert!(at("**Breaking**") < at("**Probably breaking** · 1 probably breaking change"));
    assert!(
        at("**Probably breaking**")
            < at("<details><summary><strong>Changelog (2)</strong></summary>")
    );
    assert!(
        comment.contains(
            "`apis/schemas/pet.yaml:11:3` GET /pets/{petId}\\: response 200 application/json"
        ),
        "{comment}"
    );
    let commit = report["changes"]["base"]["commit"].as_str().unwrap();
    // The footer says what the changes are against.
    assert!(
        comment.contains(&format!(
            "3 files linted · API changes against `main` (`{}`)",
            &commit[..12]
        )),
        "{comment}"
    );
    insta::assert_snapshot!(
        "lint-base-comment",
        comment.replace(&commit[..12], "[commit]")
    );
    // JUnit: one failure per document with a breaking change.
    let junit = std::fs::read_to_string(out_dir.path().join("junit.xml")).unwrap();
    assert!(
        junit.contains("api-document-removed: the document was deleted"),
        "{junit}"
    );
}

/// Acknowledgements and the baseline apply to changes as to any finding
/// (rule, file, pointer): the SHOULD change is acknowledged with a reason,
/// the MUST ones recorded in the baseline, and the gate passes.
#[test]
fn acknowledgements_and_the_baseline_apply_to_changes() {
    let repo = pull_request();
    let dir = repo.path();
    let out = oaslint_in(
        dir,
        &[
            "ack",
            "--write",
            "--base",
            "main",
            "--timestamp",
            TODAY,
            "--reason",
            "clients were told in March",
            "apis/*.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let ack = std::fs::read_to_string(dir.join(".oaslint-ack.yaml")).unwrap();
    // The entry names the check it acknowledges: the breaking changes at
    // the same place (MUST, not acknowledgeable without --allow-must-ack)
    // stay unacknowledged.
    assert!(
        ack.contains(
            "  - rule: \"106\"\n    file: apis/schemas/pet.yaml\n    pointer: /Pet/properties\n    check: request-property-removed\n    reason: \"clients were told in March\"\n"
        ),
        "{ack}"
    );
    let out = oaslint_in(
        dir,
        &[
            "baseline",
            "--write",
            "--base",
            "main",
            "--timestamp",
            TODAY,
            "apis/*.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let baseline = std::fs::read_to_string(dir.join(".oaslint-baseline.yaml")).unwrap();
    assert!(
        baseline.contains(
            "  apis/schemas/pet.yaml:\n    \"106\":\n      - pointer: /Pet/properties\n        check: response-required-property-removed\n      - pointer: /Pet/properties\n        check: response-required-property-removed\n"
        ),
        "{baseline}"
    );
    let out = oaslint_in(
        dir,
        &[
            "lint",
            "-f",
            "json",
            "--base",
            "main",
            "--timestamp",
            TODAY,
            "apis/*.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let report = json(&out);
    assert_schema_valid(&report);
    let statuses: Vec<(String, String)> = change_rows(&report)
        .into_iter()
        .map(|[check, _, status, ..]| (check, status))
        .collect();
    assert!(
        statuses.contains(&("request-property-removed".into(), "acknowledged".into())),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&("api-document-removed".into(), "baseline".into())),
        "{statuses:?}"
    );
    assert!(statuses.iter().all(|(_, s)| s != "new"), "{statuses:?}");
}

/// A breaking change blocks; `--fail-on none` reports it without failing;
/// without `--base` nothing is compared.
#[test]
fn only_base_compares_and_fail_on_decides() {
    let repo = pull_request();
    let lint = |extra: &[&str]| {
        let mut args = vec!["lint", "-f", "json", "--timestamp", TODAY];
        args.extend(extra);
        args.push("apis/pets.yaml");
        oaslint_in(repo.path(), &args, "")
    };
    let out = lint(&[]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(change_rows(&json(&out)).is_empty());
    assert!(json(&out).get("changes").is_none());
    let out = lint(&["--base", "main", "--fail-on", "none"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(change_rows(&json(&out)).len(), 5);
    let out = lint(&["--base", "main"]);
    assert_eq!(out.code, 1);
    let out = lint(&["--base", "no-such-branch"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--base no-such-branch: no such commit"),
        "{}",
        out.stderr
    );
}

/// The CI templates run `--base` on the target branch for pull requests
/// (and `--changelog`, for the comment's folded changelog).
#[test]
fn the_templates_compare_pull_requests_with_their_target_branch() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(
        action.contains("args+=(--base \"origin/$BASE_REF\" --changelog)"),
        "action.yml"
    );
    assert!(action.contains("breaking-changes:"), "action.yml input");
    let azure = std::fs::read_to_string(root().join("ci-templates/azure-pipelines.yml")).unwrap();
    assert!(
        azure.contains("args+=(--base \"$OASLINT_BASE\" --changelog)"),
        "azure-pipelines.yml"
    );
    assert!(
        azure.contains("- name: breakingChanges"),
        "azure-pipelines.yml parameter"
    );
}

// ------------------------------------------------------------ oaslint diff

/// `oaslint diff` on the engine's external-ref scenario: every change is
/// located in HEAD's `$ref`'d file where it is, and in the base's.
#[test]
fn diff_locates_changes_in_referenced_files() {
    let dir = fixture("diff/scenarios/external-ref");
    let out = oaslint_in(
        &dir,
        &[
            "diff",
            "base/api.yaml",
            "head/api.yaml",
            "-f",
            "json",
            "--timestamp",
            TODAY,
        ],
        "",
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let report = json(&out);
    assert_schema_valid(&report);
    assert_eq!(
        change_rows(&report),
        vec![
            row(
                "api-version-not-bumped",
                "must",
                "new",
                "head/api.yaml:4 /info/version",
                "base/api.yaml:4 /info/version"
            ),
            row(
                "request-parameter-type-changed",
                "must",
                "new",
                "head/schemas/pet.yaml:7 /PetId/schema/format",
                "base/schemas/pet.yaml:6 /PetId/schema/type"
            ),
            row(
                "response-required-property-removed",
                "must",
                "new",
                "head/schemas/pet.yaml:11 /Pet/properties",
                "base/schemas/pet.yaml:13 /Pet/properties/name"
            ),
            row(
                "response-required-property-removed",
                "must",
                "new",
                "head/schemas/pet.yaml:11 /Pet/properties",
                "base/schemas/pet.yaml:13 /Pet/properties/name"
            ),
            row(
                "request-property-removed",
                "should",
                "new",
                "head/schemas/pet.yaml:11 /Pet/properties",
                "base/schemas/pet.yaml:13 /Pet/properties/name"
            ),
        ]
    );
    assert_eq!(report["changes"]["compared"][0]["base"], "base/api.yaml");
    // `--fail-on none` and only the non-breaking: exit 0.
    let out = oaslint_in(
        &dir,
        &[
            "diff",
            "base/api.yaml",
            "head/api.yaml",
            "--fail-on",
            "none",
            "--timestamp",
            TODAY,
        ],
        "",
    );
    assert_eq!(out.code, 0);
}

/// `oaslint diff` goes through the gate as `lint` does: the nearest
/// `.oaslint-ack.yaml` and `.oaslint-baseline.yaml`, `--ack`,
/// `--baseline`, `--no-baseline`, `--allow-must-ack`, and each change's
/// status in the report. Four changes share `/Pet/properties`: an entry
/// with a check holds that change only; an entry without one (an older
/// file) holds what it held before.
#[test]
fn acknowledgements_and_the_baseline_apply_to_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    oaslint_acceptance::copy_dir(&fixture("diff/scenarios/external-ref"), dir);
    std::fs::write(
        dir.join(".oaslint-ack.yaml"),
        "version: 1\nacknowledgements:\n  - rule: \"106\"\n    file: head/schemas/pet.yaml\n    pointer: /Pet/properties\n    check: request-property-removed\n    reason: nobody sends name\n  - rule: \"106\"\n    file: head/schemas/pet.yaml\n    pointer: /Pet/properties\n    check: response-optional-property-removed\n    reason: no such change\n",
    )
    .unwrap();
    std::fs::write(
        dir.join(".oaslint-baseline.yaml"),
        "version: 1\nfiles:\n  head/api.yaml:\n    \"116\":\n      - pointer: /info/version\n        check: api-version-not-bumped\n  head/schemas/pet.yaml:\n    \"106\":\n      - /PetId/schema/format\n",
    )
    .unwrap();
    let diff = |extra: &[&str]| {
        let mut args = vec![
            "diff",
            "base/api.yaml",
            "head/api.yaml",
            "-f",
            "json",
            "--timestamp",
            TODAY,
        ];
        args.extend(extra);
        oaslint_in(dir, &args, "")
    };
    let out = diff(&[]);
    // The two removed required properties are breaking and new: exit 1.
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let report = json(&out);
    assert_schema_valid(&report);
    assert_eq!(
        change_rows(&report),
        vec![
            row(
                "api-version-not-bumped",
                "must",
                "baseline",
                "head/api.yaml:4 /info/version",
                "base/api.yaml:4 /info/version"
            ),
            // A baseline entry without a check holds the change at its place.
            row(
                "request-parameter-type-changed",
                "must",
                "baseline",
                "head/schemas/pet.yaml:7 /PetId/schema/format",
                "base/schemas/pet.yaml:6 /PetId/schema/type"
            ),
            row(
                "response-required-property-removed",
                "must",
                "new",
                "head/schemas/pet.yaml:11 /Pet/properties",
                "base/schemas/pet.yaml:13 /Pet/properties/name"
            ),
            row(
                "response-required-property-removed",
                "must",
                "new",
                "head/schemas/pet.yaml:11 /Pet/properties",
                "base/schemas/pet.yaml:13 /Pet/properties/name"
            ),
            // The acknowledgement names this check: the breaking changes at
            // the same place are not acknowledged with it.
            row(
                "request-property-removed",
                "should",
                "acknowledged",
                "head/schemas/pet.yaml:11 /Pet/properties",
                "base/schemas/pet.yaml:13 /Pet/properties/name"
            ),
        ]
    );
    assert_eq!(report["baseline"]["file"], ".oaslint-baseline.yaml");
    // An entry whose check matches no change at its place is stale, and
    // says which check it was for.
    assert_eq!(
        report["acknowledgements"]["stale"],
        serde_json::json!([{
            "rule": "106",
            "file": "head/schemas/pet.yaml",
            "pointer": "/Pet/properties",
            "check": "response-optional-property-removed",
            "reason": "no such change",
            "line": 8
        }])
    );
    assert_eq!(
        out.stderr,
        "warning: .oaslint-ack.yaml:8: stale acknowledgement: no finding of 106 response-optional-property-removed at head/schemas/pet.yaml#/Pet/properties any more (`oaslint ack --write` removes it)\n"
    );

    // `--no-baseline`: the baselined changes are new again.
    let statuses = |out: &Output| -> Vec<String> {
        change_rows(&json(out))
            .into_iter()
            .map(|[check, _, status, ..]| format!("{check} {status}"))
            .collect()
    };
    let out = diff(&["--no-baseline"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        statuses(&out)[..2],
        [
            "api-version-not-bumped new",
            "request-parameter-type-changed new"
        ]
    );

    // An older acknowledgement file (no `check`) acknowledges every change
    // at its place, MUST ones only with --allow-must-ack; --ack names it.
    std::fs::write(
        dir.join("old-ack.yaml"),
        "version: 1\nacknowledgements:\n  - rule: \"106\"\n    file: head/schemas/pet.yaml\n    pointer: /Pet/properties\n    reason: name is gone\n",
    )
    .unwrap();
    let out = diff(&["--ack", "old-ack.yaml"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        statuses(&out)[2..],
        [
            "response-required-property-removed new",
            "response-required-property-removed new",
            "request-property-removed acknowledged"
        ]
    );
    assert!(
        out.stderr.contains(
            "warning: old-ack.yaml:3: not acknowledged: 106 response-required-property-removed at head/schemas/pet.yaml:11:3 is a MUST finding (allow with --allow-must-ack)"
        ),
        "{}",
        out.stderr
    );
    let out = diff(&["--ack", "old-ack.yaml", "--allow-must-ack"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The comment counts them as the gate classified them, and its footer
    // says which files were compared (nothing was linted).
    let markdown = oaslint_in(
        dir,
        &[
            "diff",
            "base/api.yaml",
            "head/api.yaml",
            "-f",
            "markdown",
            "--timestamp",
            TODAY,
            "--ack",
            "old-ack.yaml",
            "--allow-must-ack",
        ],
        "",
    );
    assert!(
        markdown.stdout.contains(
            "`head/api.yaml` compared with `base/api.yaml` · fails on MUST and above · acknowledgements from `old-ack.yaml` · baseline `.oaslint-baseline.yaml`"
        ),
        "{}",
        markdown.stdout
    );
    assert!(!markdown.stdout.contains("linted"), "{}", markdown.stdout);
    assert_eq!(
        statuses(&out),
        [
            "api-version-not-bumped baseline",
            "request-parameter-type-changed baseline",
            "response-required-property-removed acknowledged",
            "response-required-property-removed acknowledged",
            "request-property-removed acknowledged"
        ]
    );
}

/// The line of `file` (1-based) in `dir`.
fn line_of(dir: &Path, file: &str, line: u64) -> String {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    text.lines()
        .nth(line as usize - 1)
        .unwrap_or_default()
        .to_string()
}

/// Whether `line` is where the member named by the last segment of
/// `pointer` is written: its key, or a list item.
fn holds_member(line: &str, pointer: &str) -> bool {
    let Some(last) = pointer.rsplit('/').next().filter(|_| !pointer.is_empty()) else {
        return true;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    // A list item, or a member whose key is digits (a status code).
    let item = key.bytes().all(|b| b.is_ascii_digit())
        && (line.trim_start().starts_with('-') || line.contains('[') || line.contains('{'));
    item || line.contains(&key)
}

/// Every check's fixture pair through `oaslint diff --changelog`: the
/// head reports the check at its level's severity, located on the line of
/// the changed (or nearest surviving) member in `head.yaml` and on the
/// line of the member in `base.yaml`; the similar edit does not report it.
#[test]
fn diff_reports_every_check_of_its_fixture_pair_with_locations() {
    let fixtures = fixture("diff");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("scenarios"))
        .collect();
    dirs.sort();
    assert!(dirs.len() > 150, "{}", dirs.len());
    let mut wrong = Vec::new();
    for dir in &dirs {
        let check = dir.file_name().unwrap().to_string_lossy().into_owned();
        let diff = |base: &str, head: &str| {
            let out = oaslint_in(
                dir,
                &[
                    "diff",
                    base,
                    head,
                    "--changelog",
                    "-f",
                    "json",
                    "--timestamp",
                    TODAY,
                ],
                "",
            );
            assert!(out.code <= 1, "{check}: {}", out.stderr);
            json(&out)
        };
        let report = diff("base.yaml", "head.yaml");
        let found: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == check.as_str())
            .collect();
        if found.is_empty() {
            wrong.push(format!("{check}: not reported"));
        }
        for f in found {
            let pointer = f["pointer"].as_str().unwrap();
            let line = f["range"]["start"]["line"].as_u64().unwrap();
            let text = line_of(dir, f["file"].as_str().unwrap(), line);
            if f["file"] != "head.yaml" || !holds_member(&text, pointer) {
                wrong.push(format!(
                    "{check}: head at {}:{line} {pointer}: {text:?}",
                    f["file"]
                ));
            }
            if let Some(b) = f.get("base") {
                let bline = b["range"]["start"]["line"].as_u64().unwrap();
                let bpointer = b["pointer"].as_str().unwrap();
                let text = line_of(dir, b["file"].as_str().unwrap(), bline);
                if b["file"] != "base.yaml" || !holds_member(&text, bpointer) {
                    wrong.push(format!("{check}: base at {bline} {bpointer}: {text:?}"));
                }
            }
        }
        let pass_base = if dir.join("pass-base.yaml").exists() {
            "pass-base.yaml"
        } else {
            "base.yaml"
        };
        let pass = diff(pass_base, "pass.yaml");
        if pass["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["check"] == check.as_str())
        {
            wrong.push(format!("{check}: pass.yaml reports it"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every output format of one comparison, reviewed and kept as snapshots.
#[test]
fn diff_in_every_output_format() {
    let dir = fixture("diff/scenarios/external-ref");
    for format in [
        "text",
        "markdown",
        "github",
        "azure-devops",
        "junit",
        "spectral-json",
        "sarif",
        "json",
    ] {
        let out = oaslint_in(
            &dir,
            &[
                "diff",
                "base/api.yaml",
                "head/api.yaml",
                "--changelog",
                "-f",
                format,
                "--timestamp",
                TODAY,
            ],
            "",
        );
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        let stdout = out
            .stdout
            .replace(&dir.to_string_lossy().into_owned(), "[dir]");
        let stdout = stdout.replace(env!("CARGO_PKG_VERSION"), "[version]");
        insta::assert_snapshot!(format!("diff-{format}"), stdout);
    }
}

/// `oaslint changelog`: release notes, breaking changes first.
#[test]
fn changelog_writes_release_notes_breaking_first() {
    let dir = fixture("diff/scenarios/external-ref");
    let out = oaslint_in(
        &dir,
        &[
            "changelog",
            "base/api.yaml",
            "head/api.yaml",
            "--format",
            "markdown",
            "--timestamp",
            TODAY,
        ],
        "",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let notes = &out.stdout;
    let at = |s: &str| {
        notes
            .find(s)
            .unwrap_or_else(|| panic!("no {s:?} in\n{notes}"))
    };
    assert!(at("### Breaking changes (4)") < at("### Probably breaking changes (1)"));
    insta::assert_snapshot!("changelog-markdown", notes);
    let out = oaslint_in(
        &fixture("diff/endpoint-added"),
        &[
            "changelog",
            "base.yaml",
            "head.yaml",
            "-f",
            "text",
            "--timestamp",
            TODAY,
        ],
        "",
    );
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with("info endpoint-added head.yaml:"),
        "{}",
        out.stdout
    );
}

/// A spec's text in a change (a removed path named like a CI command)
/// forms no command in any format of `oaslint diff`, nor in the release
/// notes.
#[test]
fn changes_carry_no_injected_command() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "\"/x\\n##vso[task.setvariable variable=a]b\\n::error::injected\\u202E\"";
    let base = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: 1.0.0}}\npaths:\n  {evil}:\n    get:\n      responses: {{'200': {{description: ok}}}}\n  /kept:\n    get:\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let head = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths:\n  /kept:\n    get:\n      responses: {'200': {description: ok}}\n";
    std::fs::write(dir.path().join("base.yaml"), base).unwrap();
    std::fs::write(dir.path().join("head.yaml"), head).unwrap();
    // `diff` reads the acknowledgement file and the baseline too: their
    // `check` texts reach stderr (stale, refused) and the reports.
    let hostile_check = "\"x\\n##vso[task.complete]\\n::error::c\"";
    std::fs::write(
        dir.path().join(".oaslint-ack.yaml"),
        format!("version: 1\nacknowledgements:\n  - rule: \"106\"\n    file: head.yaml\n    pointer: /paths\n    check: {hostile_check}\n    reason: \"##vso[task.complete]\"\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".oaslint-baseline.yaml"),
        format!("version: 1\nfiles:\n  head.yaml:\n    \"106\":\n      - pointer: /x\n        check: {hostile_check}\n"),
    )
    .unwrap();
    for (format, name) in [
        (Format::Text, "text"),
        (Format::Json, "json"),
        (Format::Markdown, "markdown"),
        (Format::Sarif, "sarif"),
        (Format::Junit, "junit"),
        (Format::Github, "github"),
        (Format::AzureDevops, "azure-devops"),
        (Format::AzurePrThread, "azure-pr-thread"),
        (Format::SpectralJson, "spectral-json"),
    ] {
        let out = oaslint_in(
            dir.path(),
            &["diff", "base.yaml", "head.yaml", "-f", name],
            "",
        );
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert!(
            out.stdout.contains("task.setvariable"),
            "{name}: the value is kept\n{}",
            out.stdout
        );
        assert!(
            out.stderr.contains("stale baseline entry"),
            "{name}: the hostile baseline entry is read\n{}",
            out.stderr
        );
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let found = unsafe_output(format, text);
            assert!(found.is_empty(), "{name} {stream}: {found:#?}\n{text}");
        }
    }
    for name in ["markdown", "text"] {
        let out = oaslint_in(
            dir.path(),
            &["changelog", "base.yaml", "head.yaml", "-f", name],
            "",
        );
        let found = unsafe_output(Format::Markdown, &out.stdout);
        assert!(
            found.is_empty(),
            "changelog {name}: {found:#?}\n{}",
            out.stdout
        );
    }
}
