//! Adopting the guidelines on a legacy spec: the baseline and --new-only
//! --base, through real git repositories (a `main` branch and a pull
//! request's branch `pr`).
//!
//! The specs are tiny and the ruleset has two MUST rules of its own, so
//! that the findings are few, known, and do not move when the built-in
//! ruleset grows.

use oaslint_acceptance::{branch_off_main, oaslint_in, root, Output, Repo};
use serde_json::Value;
use std::path::Path;

/// Operations need a summary; parameters a description (both MUST).
const CONFIG: &str = "rules:
  op-summary:
    description: operations have a summary
    given: \"$.paths[*][get,post,put,delete]\"
    severity: error
    then: {field: summary, function: truthy}
  param-description:
    description: parameters are described
    given: \"$.paths[*][*].parameters[*]\"
    severity: error
    then: {field: description, function: truthy}
";

/// A spec with `ops` operations under `/items` (`get`, `post`, …), those
/// listed in `summarised` with a summary; `extra` is put into `info`.
fn spec(ops: &[&str], summarised: &[&str], info_extra: &str) -> String {
    let mut s = format!(
        "openapi: 3.0.3\ninfo:\n  title: t\n  version: 1.0.0\n{info_extra}paths:\n  /items:\n"
    );
    for op in ops {
        s.push_str(&format!("    {op}:\n"));
        if summarised.contains(op) {
            s.push_str("      summary: does it\n");
        }
        s.push_str("      responses:\n        \"200\": {description: ok}\n");
    }
    s
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr))
}

/// (rule, pointer, status, blocking) of every finding.
fn rows(report: &Value) -> Vec<(String, String, String, bool)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["pointer"].as_str().unwrap().to_string(),
                f["status"]
                    .as_str()
                    .expect("every finding has a status")
                    .to_string(),
                f["blocking"]
                    .as_bool()
                    .expect("every finding says if it blocks"),
            )
        })
        .collect()
}

fn row(rule: &str, pointer: &str, status: &str, blocking: bool) -> (String, String, String, bool) {
    (rule.into(), pointer.into(), status.into(), blocking)
}

fn lint_json(dir: &Path, extra: &[&str]) -> (Output, Value) {
    let mut args = vec!["lint", "-f", "json"];
    args.extend(extra);
    let out = oaslint_in(dir, &args, "");
    let report = json(&out);
    (out, report)
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

fn write(dir: &Path, path: &str, text: &str) {
    std::fs::write(dir.join(path), text).unwrap();
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap()
}

// ------------------------------------------------------------ the baseline

/// `oaslint baseline --write` records the legacy spec's MUST findings; the
/// gate then passes them as `baseline` (not blocking) and a new MUST
/// finding in the same file blocks.
#[test]
fn baseline_write_then_lint_passes_legacy_must_findings() {
    let dir = folder(&[
        (".oaslint.yaml", CONFIG),
        ("api.yaml", &spec(&["get", "post"], &[], "")),
    ]);
    let dry = oaslint_in(dir.path(), &["baseline", "api.yaml"], "");
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(!dir.path().join(".oaslint-baseline.yaml").exists());
    let out = oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("wrote .oaslint-baseline.yaml: 2 added, 0 kept, 0 removed"),
        "{}",
        out.stderr
    );
    let text = read(dir.path(), ".oaslint-baseline.yaml");
    assert_eq!(text, dry.stdout, "the dry run prints what --write writes");
    assert!(
        text.ends_with(
            "version: 1\nfiles:\n  api.yaml:\n    op-summary:\n      - /paths/~1items/get/summary\n      - /paths/~1items/post/summary\n"
        ),
        "{text}"
    );

    let (out, report) = lint_json(dir.path(), &["api.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        rows(&report),
        vec![
            row(
                "op-summary",
                "/paths/~1items/get/summary",
                "baseline",
                false
            ),
            row(
                "op-summary",
                "/paths/~1items/post/summary",
                "baseline",
                false
            ),
        ]
    );
    assert_eq!(report["summary"]["baseline"], 2);
    assert_eq!(report["summary"]["must"], 2, "still counted by severity");
    assert_eq!(report["baseline"]["file"], ".oaslint-baseline.yaml");
    assert_eq!(report["baseline"]["stale"], serde_json::json!([]));

    // SARIF: unchanged and suppressed (external) for code scanning.
    let sarif = oaslint_in(dir.path(), &["lint", "-f", "sarif", "api.yaml"], "");
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["baselineState"], "unchanged");
    assert_eq!(result["suppressions"][0]["kind"], "external");
    assert_eq!(
        sarif["runs"][0]["properties"]["baseline"]["file"],
        ".oaslint-baseline.yaml"
    );
}

#[test]
fn new_must_finding_in_baselined_file_blocks() {
    let dir = folder(&[
        (".oaslint.yaml", CONFIG),
        ("api.yaml", &spec(&["get"], &[], "")),
    ]);
    let out = oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    write(dir.path(), "api.yaml", &spec(&["get", "put"], &[], ""));
    let (out, report) = lint_json(dir.path(), &["api.yaml"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        rows(&report),
        vec![
            row(
                "op-summary",
                "/paths/~1items/get/summary",
                "baseline",
                false
            ),
            row("op-summary", "/paths/~1items/put/summary", "new", true),
        ]
    );
    assert_schema_valid(&report);
    // --no-baseline: everything is new again.
    let (out, report) = lint_json(dir.path(), &["--no-baseline", "api.yaml"]);
    assert_eq!(out.code, 1);
    assert!(report.get("baseline").is_none());
    assert!(rows(&report).iter().all(|r| r.2 == "new" && r.3));
}

#[test]
fn stale_baseline_entries_are_reported() {
    let dir = folder(&[
        (".oaslint.yaml", CONFIG),
        ("api.yaml", &spec(&["get", "post"], &[], "")),
    ]);
    oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    // The post operation is fixed: its entry is stale.
    write(
        dir.path(),
        "api.yaml",
        &spec(&["get", "post"], &["post"], ""),
    );
    let (out, report) = lint_json(dir.path(), &["api.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        report["baseline"]["stale"],
        serde_json::json!([{"rule": "op-summary", "file": "api.yaml", "pointer": "/paths/~1items/post/summary", "line": 10}])
    );
    assert!(
        out.stderr.contains(
            "warning: .oaslint-baseline.yaml:10: stale baseline entry: op-summary api.yaml /paths/~1items/post/summary"
        ),
        "{}",
        out.stderr
    );
    let out = oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    assert!(
        out.stderr.contains("0 added, 1 kept, 1 removed"),
        "{}",
        out.stderr
    );
    assert!(!read(dir.path(), ".oaslint-baseline.yaml").contains("post"));
}

/// Lines move, fingerprints do not: an edit above the finding (a longer
/// `info`, another path before it) keeps it in the baseline.
#[test]
fn baseline_survives_unrelated_edit_above_the_finding() {
    let dir = folder(&[
        (".oaslint.yaml", CONFIG),
        ("api.yaml", &spec(&["get"], &[], "")),
    ]);
    oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    let edited = spec(&["get"], &[], "  description: |\n    Three\n    more\n    lines\n").replacen(
        "paths:\n",
        "paths:\n  /other:\n    get:\n      summary: fine\n      responses:\n        \"200\": {description: ok}\n",
        1,
    );
    write(dir.path(), "api.yaml", &edited);
    let (out, report) = lint_json(dir.path(), &["api.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        rows(&report),
        vec![row(
            "op-summary",
            "/paths/~1items/get/summary",
            "baseline",
            false
        )]
    );
}

/// Array indices shift when a parameter is inserted before the finding's:
/// the second matching pass compares pointers up to indices, and
/// `baseline --write` moves the entry to the new index.
#[test]
fn baseline_matches_after_parameter_inserted() {
    let with_params = |params: &str| {
        spec(&["get"], &["get"], "").replacen(
            "      summary: does it\n",
            &format!("      summary: does it\n      parameters:\n{params}"),
            1,
        )
    };
    let bare = "        - {name: a, in: query}\n";
    let described = "        - {name: b, in: query, description: fine}\n";
    let dir = folder(&[(".oaslint.yaml", CONFIG), ("api.yaml", &with_params(bare))]);
    oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    assert!(read(dir.path(), ".oaslint-baseline.yaml").contains("/parameters/0/description"));
    write(
        dir.path(),
        "api.yaml",
        &with_params(&format!("{described}{bare}")),
    );
    let (out, report) = lint_json(dir.path(), &["api.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        rows(&report),
        vec![row(
            "param-description",
            "/paths/~1items/get/parameters/1/description",
            "baseline",
            false
        )]
    );
    let out = oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    assert!(
        out.stderr.contains("0 added, 1 kept, 0 removed"),
        "{}",
        out.stderr
    );
    assert!(read(dir.path(), ".oaslint-baseline.yaml").contains("/parameters/1/description"));
}

// ------------------------------------------------------- --new-only --base

/// A root `api.yaml` whose path item is in `paths/items.yaml`.
fn split(fragment: &str) -> Vec<(&'static str, String)> {
    vec![
        (".oaslint.yaml", CONFIG.to_string()),
        (
            "api.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths:\n  /items:\n    $ref: paths/items.yaml\n".to_string(),
        ),
        ("paths/items.yaml", fragment.to_string()),
    ]
}

fn fragment(ops: &[&str], summarised: &[&str]) -> String {
    let mut s = String::new();
    for op in ops {
        s.push_str(&format!("{op}:\n"));
        if summarised.contains(op) {
            s.push_str("  summary: does it\n");
        }
        s.push_str("  responses:\n    \"200\": {description: ok}\n");
    }
    s
}

fn repo_with(base: &[(&'static str, String)], change: impl FnOnce(&Repo)) -> Repo {
    let base: Vec<(&str, &str)> = base.iter().map(|(p, t)| (*p, t.as_str())).collect();
    branch_off_main(&base, change)
}

/// A MUST finding in a `$ref`'d fragment on both sides is `existing`; the
/// one the pull request introduces is `new` and blocks.
#[test]
fn new_only_reports_existing_and_blocks_only_introduced() {
    let repo = repo_with(&split(&fragment(&["get"], &[])), |r| {
        r.write("paths/items.yaml", &fragment(&["get", "post"], &[]));
    });
    let (out, report) = lint_json(repo.path(), &["--new-only", "--base", "main", "api.yaml"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let found: Vec<_> = rows(&report)
        .into_iter()
        .map(|(rule, pointer, status, blocking)| {
            let file = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["pointer"] == pointer.as_str())
                .unwrap()["file"]
                .clone();
            (rule, pointer, status, blocking, file)
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "op-summary".into(),
                "/get/summary".into(),
                "existing".into(),
                false,
                "paths/items.yaml".into()
            ),
            (
                "op-summary".into(),
                "/post/summary".into(),
                "new".into(),
                true,
                "paths/items.yaml".into()
            ),
        ]
    );
    assert_eq!(report["summary"]["existing"], 1);
    assert_eq!(report["base"]["rev"], "main");
    assert_eq!(report["base"]["commit"].as_str().unwrap().len(), 40);
    assert_schema_valid(&report);
    // Fixing the new one passes the gate although the old one remains.
    repo.write("paths/items.yaml", &fragment(&["get", "post"], &["post"]));
    let (out, _) = lint_json(repo.path(), &["--new-only", "--base", "main", "api.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

/// The base revision's fragments are read at that revision: a finding the
/// pull request introduces in a fragment (the root unchanged) is new.
#[test]
fn new_only_reads_fragments_at_base_revision() {
    let repo = repo_with(&split(&fragment(&["get"], &["get"])), |r| {
        r.write("paths/items.yaml", &fragment(&["get"], &[]));
    });
    let (out, report) = lint_json(repo.path(), &["--new-only", "--base", "main", "api.yaml"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        rows(&report),
        vec![row("op-summary", "/get/summary", "new", true)]
    );
}

#[test]
fn new_only_new_file_is_all_new() {
    let repo = repo_with(&split(&fragment(&["get"], &[])), |r| {
        r.write("new.yaml", &spec(&["get"], &[], ""));
    });
    let (out, report) = lint_json(
        repo.path(),
        &["--new-only", "--base", "main", "api.yaml", "new.yaml"],
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let statuses: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("paths/items.yaml".to_string(), "existing".to_string()),
            ("new.yaml".to_string(), "new".to_string()),
        ]
    );
}

/// A revision that git could take for an option is refused before git
/// runs; so is one that names no commit.
#[test]
fn base_rev_starting_with_dash_is_refused() {
    let dir = folder(&[("api.yaml", &spec(&["get"], &["get"], ""))]);
    for rev in ["--base=-x", "--base=--output=/tmp/x"] {
        let out = oaslint_in(dir.path(), &["lint", "--new-only", rev, "api.yaml"], "");
        assert_eq!(out.code, 2, "{rev}: {}", out.stderr);
        assert!(out.stderr.contains("not a revision"), "{}", out.stderr);
    }
    let repo = Repo::new();
    repo.write("api.yaml", &spec(&["get"], &["get"], ""));
    repo.commit("one");
    let out = oaslint_in(
        repo.path(),
        &["lint", "--new-only", "--base", "nosuchbranch", "api.yaml"],
        "",
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no such commit"), "{}", out.stderr);
}

// ------------------------------------------------- the pinned baseline

/// With `--pinned-config-from main`, the baseline is read from main: an
/// entry the pull request adds for its own new MUST finding does not hide
/// it, and the entry itself is reported (MUST, on the baseline file).
#[test]
fn pr_adding_baseline_entry_for_its_own_must_finding_is_caught_when_pinned() {
    let main_spec = spec(&["get"], &[], "");
    let dir = folder(&[(".oaslint.yaml", CONFIG), ("api.yaml", &main_spec)]);
    oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    let baseline = read(dir.path(), ".oaslint-baseline.yaml");
    let repo = branch_off_main(
        &[
            (".oaslint.yaml", CONFIG),
            ("api.yaml", &main_spec),
            (".oaslint-baseline.yaml", &baseline),
        ],
        |r| {
            r.write("api.yaml", &spec(&["get", "post"], &[], ""));
            let out = oaslint_in(r.path(), &["baseline", "--write", "api.yaml"], "");
            assert!(out.stderr.contains("1 added, 1 kept"), "{}", out.stderr);
        },
    );
    // Unpinned, the pull request's own baseline lets it through.
    let (out, _) = lint_json(repo.path(), &["api.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let (out, report) = lint_json(repo.path(), &["--pinned-config-from", "main", "api.yaml"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let rows = rows(&report);
    assert!(rows.contains(&row(
        "op-summary",
        "/paths/~1items/get/summary",
        "baseline",
        false
    )));
    assert!(rows.contains(&row(
        "op-summary",
        "/paths/~1items/post/summary",
        "new",
        true
    )));
    let weakened: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "oaslint-config-weakened")
        .collect();
    assert_eq!(weakened.len(), 1, "{report:#}");
    assert_eq!(weakened[0]["file"], ".oaslint-baseline.yaml");
    assert_eq!(weakened[0]["severity"], "must");
    assert_eq!(weakened[0]["status"], "new");
    assert_eq!(
        weakened[0]["range"]["start"]["line"], 10,
        "the added entry's line"
    );
    assert_eq!(report["baseline"]["source"], "main:.oaslint-baseline.yaml");
}

/// `oaslint ack --rule` with a typo would acknowledge nothing: it is an
/// error that names the rule meant.
#[test]
fn ack_rule_typo_suggests_the_rule() {
    let dir = folder(&[
        (".oaslint.yaml", CONFIG),
        ("api.yaml", &spec(&["get"], &[], "")),
    ]);
    let out = oaslint_in(dir.path(), &["ack", "--rule", "op-sumary", "api.yaml"], "");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--rule op-sumary: no such rule in the ruleset (did you mean `op-summary`?)"),
        "{}",
        out.stderr
    );
}

/// `oaslint ack` leaves baselined findings alone: the platform team
/// accepted them already.
#[test]
fn ack_write_skips_baselined_findings() {
    let config = CONFIG.replacen("severity: error", "severity: warn", 1);
    let dir = folder(&[
        (".oaslint.yaml", &config),
        ("api.yaml", &spec(&["get"], &[], "")),
    ]);
    oaslint_in(dir.path(), &["baseline", "--write", "api.yaml"], "");
    write(dir.path(), "api.yaml", &spec(&["get", "put"], &[], ""));
    let out = oaslint_in(dir.path(), &["ack", "--reason", "later", "api.yaml"], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("/paths/~1items/put/summary"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("/paths/~1items/get/summary"),
        "{}",
        out.stdout
    );
}
