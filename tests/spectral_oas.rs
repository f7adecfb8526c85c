//! The built-in `spectral:oas` ruleset: every rule on its fixtures, the
//! ways rulesets written for Spectral extend it, and the corpus.
//!
//! `tests/fixtures/spectral-oas/<rule-id>/` holds documents that pass
//! (`pass*.yaml`: no finding of the rule) and documents that fail
//! (`fail*.yaml`: at least one). They re-author the cases of Spectral's
//! own tests of the rule (`packages/rulesets/src/oas/__tests__/`), so the
//! messages, pointers and severities in the rule's snapshot,
//! `snapshots/acceptance__spectral_oas__<rule-id>.snap`, are Spectral's
//! (checked against `spectral lint` 6.16.3 when the fixtures were written).
//! Each rule is linted alone, the way Spectral's tests run it:
//! `extends: [[spectral:oas, off]]` and the rule set to `true`.

use oaslint::Finding;
use oaslint_acceptance::{fixture, lint_fixture, oaslint_in, ruleset};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The folder of the rule folders, relative to `tests/fixtures`.
const RULES: &str = "spectral-oas";

/// The version of `@stoplight/spectral-rulesets` the built-in mirrors.
const SPECTRAL_RULESETS_VERSION: &str = "1.23.1";

/// The names of the rule folders, sorted.
fn rule_folders() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(fixture(RULES))
        .expect("tests/fixtures/spectral-oas exists")
        .map(|e| e.expect("a readable folder entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

/// The passing and the failing documents of a rule folder, sorted.
fn documents(id: &str) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(fixture(RULES).join(id))
        .unwrap_or_else(|e| panic!("{RULES}/{id}: {e}"))
        .map(|e| e.expect("a readable folder entry"))
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("pass") || n.starts_with("fail"))
        .collect();
    names.sort();
    for name in &names {
        assert!(
            name.ends_with(".yaml"),
            "{RULES}/{id}/{name}: a pass/fail document must end in .yaml"
        );
    }
    names.into_iter().partition(|n| n.starts_with("pass"))
}

/// One finding as the snapshot lists it:
/// `severity line:col-line:col "pointer" message`.
fn line(f: &Finding) -> String {
    let r = f.range;
    format!(
        "{} {}:{}-{}:{} {} {}\n",
        f.severity.as_str(),
        r.start.line,
        r.start.column,
        r.end.line,
        r.end.column,
        serde_json::Value::from(f.pointer.as_str()),
        f.message.replace('\n', "\\n")
    )
}

/// The ruleset of Spectral's own rule tests: everything off but `id`.
fn only(id: &str) -> oaslint::Ruleset {
    let rs = ruleset(&format!(
        "extends: [[spectral:oas, off]]\nrules:\n  \"{id}\": true\n"
    ));
    assert!(
        rs.rules.iter().any(|r| r.id == id && r.level().is_some()),
        "rule {id} is not in spectral:oas"
    );
    rs
}

/// Lints the rule's documents and returns its snapshot text.
fn run_rule(id: &str) -> String {
    let ruleset = only(id);
    let folder = format!("{RULES}/{id}");
    let (pass, fail) = documents(id);
    for name in &pass {
        let report = lint_fixture(&ruleset, &folder, name);
        let got: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == id).collect();
        assert!(
            got.is_empty(),
            "rule {id}: {name} must pass, but has findings:\n{}",
            got.iter().map(|f| line(f)).collect::<String>()
        );
    }
    let mut snapshot = String::new();
    for name in &fail {
        let report = lint_fixture(&ruleset, &folder, name);
        let got: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == id).collect();
        assert!(!got.is_empty(), "rule {id}: {name} must fail, but passes");
        if !snapshot.is_empty() {
            snapshot.push('\n');
        }
        snapshot.push_str(&format!("# {name}\n"));
        snapshot.extend(got.iter().map(|f| line(f)));
    }
    snapshot
}

/// Each rule folder: passing documents pass, failing documents fail, and
/// the findings are the rule's snapshot. Every rule is checked before the
/// test fails.
#[test]
fn every_rule_passes_and_fails_its_fixtures() {
    let mut failed = Vec::new();
    for id in rule_folders() {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let snapshot = run_rule(&id);
            insta::assert_snapshot!(id.as_str(), snapshot);
        }));
        if outcome.is_err() {
            failed.push(id);
        }
    }
    assert!(failed.is_empty(), "rules that failed: {failed:?}");
}

/// Every rule of `spectral:oas` has a folder with a failing and a passing
/// document, and every folder names a rule.
#[test]
fn every_rule_has_fixtures_and_every_folder_a_rule() {
    let declared: BTreeSet<String> = ruleset("extends: [[spectral:oas, all]]\n")
        .rules
        .iter()
        .filter(|r| r.level().is_some())
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(declared.len(), 57, "{declared:?}");
    let folders: BTreeSet<String> = rule_folders().into_iter().collect();
    assert_eq!(declared, folders);
    for id in &folders {
        let (pass, fail) = documents(id);
        assert!(!pass.is_empty() && !fail.is_empty(), "{id}: pass and fail");
    }
}

/// `oaslint rules -f json` with a ruleset file of `text`, in a temporary
/// folder: the rule ids with their severities (`off` when off).
fn listed(text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ruleset.yaml"), text).unwrap();
    let out = oaslint_in(
        dir.path(),
        &["rules", "--ruleset", "ruleset.yaml", "-f", "json"],
        "",
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let listing: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    listing["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["severity"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(id, _)| id != "duplicate-key" && id != "remote-ref")
        .collect()
}

fn on(rules: &[(String, String)]) -> BTreeSet<&str> {
    rules
        .iter()
        .filter(|(_, s)| s != "off")
        .map(|(id, _)| id.as_str())
        .collect()
}

fn severity_of<'a>(rules: &'a [(String, String)], id: &str) -> &'a str {
    &rules
        .iter()
        .find(|(i, _)| i == id)
        .unwrap_or_else(|| panic!("{id} is not listed"))
        .1
}

/// The rules Spectral 6.16.3 leaves off in `spectral:oas`
/// (`recommended: false`).
const NOT_RECOMMENDED: [&str; 11] = [
    "contact-properties",
    "info-license",
    "license-url",
    "oas2-host-not-example",
    "oas2-parameter-description",
    "oas3-parameter-description",
    "oas3-server-not-example.com",
    "openapi-tags",
    "openapi-tags-alphabetical",
    "operation-singular-tag",
    "tag-description",
];

/// `extends: spectral:oas` (the recommended rules), `[[spectral:oas,
/// all]]` and `[[spectral:oas, off]]` with one rule switched on, as
/// `oaslint rules` lists them; severities are Spectral's (error is must,
/// warn is should).
#[test]
fn extends_modes_list_the_rules_spectral_runs() {
    let recommended = listed("extends: spectral:oas\n");
    assert_eq!(recommended.len(), 57);
    let off: BTreeSet<&str> = recommended
        .iter()
        .filter(|(_, s)| s == "off")
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(off, NOT_RECOMMENDED.into_iter().collect());
    assert_eq!(severity_of(&recommended, "path-params"), "must");
    assert_eq!(severity_of(&recommended, "operation-description"), "should");

    let all = listed("extends: [[spectral:oas, all]]\n");
    assert_eq!(on(&all).len(), 57);
    assert_eq!(severity_of(&all, "info-license"), "should");

    let one = listed("extends: [[spectral:oas, off]]\nrules:\n  operation-description: true\n");
    assert_eq!(on(&one), BTreeSet::from(["operation-description"]));
    assert_eq!(severity_of(&one, "operation-description"), "should");

    // A version requirement on the built-in works as for `zalando`.
    let pinned = listed(&format!(
        "extends: spectral:oas@{SPECTRAL_RULESETS_VERSION}\n"
    ));
    assert_eq!(pinned, recommended);
}

/// A company ruleset the way they are written for Spectral: extends
/// `spectral:oas` and changes the severity of 17 of its rules (off, error,
/// warn, info, hint, and `true` for a rule off by default).
#[test]
fn a_company_ruleset_overrides_seventeen_rules() {
    let company = "\
extends: [[spectral:oas, recommended]]
rules:
  info-contact: off
  info-description: error
  info-license: warn
  license-url: info
  operation-description: error
  operation-operationId: error
  operation-tags: hint
  operation-tag-defined: off
  operation-singular-tag: true
  openapi-tags: warn
  tag-description: info
  oas3-api-servers: error
  oas3-parameter-description: warn
  oas3-unused-component: info
  oas2-unused-definition: info
  no-$ref-siblings: warn
  contact-properties: false
";
    let rules = listed(company);
    let expected = [
        ("info-contact", "off"),
        ("info-description", "must"),
        ("info-license", "should"),
        ("license-url", "may"),
        ("operation-description", "must"),
        ("operation-operationId", "must"),
        ("operation-tags", "hint"),
        ("operation-tag-defined", "off"),
        ("operation-singular-tag", "should"),
        ("openapi-tags", "should"),
        ("tag-description", "may"),
        ("oas3-api-servers", "must"),
        ("oas3-parameter-description", "should"),
        ("oas3-unused-component", "may"),
        ("oas2-unused-definition", "may"),
        ("no-$ref-siblings", "should"),
        ("contact-properties", "off"),
    ];
    for (id, severity) in expected {
        assert_eq!(severity_of(&rules, id), severity, "{id}");
    }
    // The others keep their recommended severities.
    assert_eq!(severity_of(&rules, "path-params"), "must");
    assert_eq!(severity_of(&rules, "oas2-host-not-example"), "off");
    assert_eq!(on(&rules).len(), 57 - NOT_RECOMMENDED.len() - 2 + 6);
}

/// `spectral:asyncapi` and `spectral:arazzo` check other kinds of
/// documents: extending them is not an error, and they add no rules.
#[test]
fn non_openapi_spectral_rulesets_add_no_rules() {
    for other in ["spectral:asyncapi", "spectral:arazzo"] {
        let rules = listed(&format!("extends: [spectral:oas, {other}]\n"));
        assert_eq!(rules, listed("extends: spectral:oas\n"), "{other}");
        let alone = listed(&format!("extends: [[{other}, all]]\n"));
        assert!(alone.is_empty(), "{other}: {alone:?}");
    }
}

/// Linting through the CLI with a ruleset that extends `spectral:oas`:
/// Spectral's rule ids, messages and pointers.
#[test]
fn lint_reports_spectral_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".spectral.yaml"), "extends: spectral:oas\n").unwrap();
    std::fs::write(
        dir.path().join("api.yaml"),
        "openapi: 3.0.3\n\
         info: {title: Pets, version: 1.0.0, description: Pets., contact: {email: a@b.c}}\n\
         servers: [{url: 'https://pets.org'}]\n\
         tags: [{name: pets}]\n\
         paths:\n  /pets/{id}:\n    get:\n      operationId: getPet\n      description: One pet.\n      tags: [pets]\n      responses: {'200': {description: OK}}\n",
    )
    .unwrap();
    let out = oaslint_in(
        dir.path(),
        &[
            "lint",
            "--ruleset",
            ".spectral.yaml",
            "-f",
            "json",
            "api.yaml",
        ],
        "",
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}\n{}", out.stdout, out.stderr));
    let findings: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings in {report}"))
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["pointer"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [(
            "path-params".to_string(),
            "/paths/~1pets~1{id}/get".to_string(),
            "Operation must define parameter \"{id}\" as expected by path \"/pets/{id}\"."
                .to_string()
        )]
    );
}

/// Every corpus spec lints with every rule of `spectral:oas` on: no error,
/// no panic.
#[test]
fn every_corpus_spec_lints_with_all_rules() {
    let Some(dir) = oaslint_acceptance::corpus_dir() else {
        return;
    };
    let ruleset = ruleset("extends: [[spectral:oas, all]]\n");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let report = lint_fixture(&ruleset, dir.to_str().unwrap(), &name);
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
    }
}
