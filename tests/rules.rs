//! Every rule of the built-in `zalando` ruleset on its fixtures.
//!
//! `tests/fixtures/rules/<rule-id>/` holds documents that pass
//! (`pass*.yaml|yml|json`: no finding of the rule) and documents that fail
//! (`fail*.yaml|yml|json`: at least one finding of the rule); any other file
//! of the folder is there to be `$ref`'d. Every rule also passes the shared
//! documents of [`CLEAN`], so a folder needs a `fail*` document and only
//! the `pass*` documents that show its own edge cases. Each rule is linted alone, at its
//! declared severity (also when it is off by default), and its findings on
//! the failing documents are the rule's snapshot,
//! `snapshots/acceptance__rules__<rule-id>.snap`: the only expected output. Adding a
//! case is adding a file and accepting the snapshot
//! (`cargo insta review`).

use oaslint::Finding;
use oaslint_acceptance::{builtin_all_on, fixture, lint_fixture, only_rule};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The folder of the rule folders, relative to `tests/fixtures`.
const RULES: &str = "rules";

/// The extensions of a document a rule is tested on.
const DOCUMENT_EXTENSIONS: [&str; 3] = [".yaml", ".yml", ".json"];

/// Documents that follow every rule of the ruleset, relative to
/// `tests/fixtures`: every rule passes them besides its own `pass*`
/// documents, so a folder needs no copy of them.
const CLEAN: [&str; 2] = ["clean/openapi-3.0.yaml", "clean/swagger-2.0.yaml"];

/// The names of the rule folders, sorted.
fn rule_folders() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(fixture(RULES))
        .expect("tests/fixtures/rules exists")
        .map(|e| e.expect("a readable folder entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

/// The passing and the failing documents of a rule folder, by file name,
/// sorted. A `pass*` or `fail*` file that is not YAML or JSON is an error
/// rather than a case silently left out.
fn documents(id: &str) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(fixture(RULES).join(id))
        .unwrap_or_else(|e| panic!("rules/{id}: {e}"))
        .map(|e| e.expect("a readable folder entry"))
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("pass") || n.starts_with("fail"))
        .collect();
    names.sort();
    for name in &names {
        assert!(
            DOCUMENT_EXTENSIONS.iter().any(|x| name.ends_with(x)),
            "rules/{id}/{name}: a pass/fail document must end in .yaml, .yml or .json"
        );
    }
    names.into_iter().partition(|n| n.starts_with("pass"))
}

/// One finding as the snapshot lists it:
/// `severity file line:col-line:col "pointer" message`.
fn line(f: &Finding) -> String {
    let r = f.range;
    format!(
        "{} {} {}:{}-{}:{} {} {}\n",
        f.severity.as_str(),
        f.file,
        r.start.line,
        r.start.column,
        r.end.line,
        r.end.column,
        serde_json::Value::from(f.pointer.as_str()),
        f.message.replace('\n', "\\n")
    )
}

/// Lints every document of the rule's folder with only the rule on,
/// asserts that the passing ones have no finding of it and the failing ones
/// at least one, and returns the snapshot text: per failing document, its
/// findings.
fn run_rule(id: &str) -> String {
    let ruleset = only_rule(id);
    let folder = format!("{RULES}/{id}");
    let (pass, fail) = documents(id);
    let findings = |name: &str| -> Vec<Finding> {
        lint_fixture(&ruleset, &folder, name)
            .findings
            .into_iter()
            .filter(|f| f.rule == id)
            .collect()
    };
    let clean = CLEAN.iter().map(|path| {
        let (folder, name) = path.rsplit_once('/').expect("folder/name");
        (path.to_string(), lint_fixture(&ruleset, folder, name))
    });
    let own = pass
        .iter()
        .map(|name| (name.clone(), lint_fixture(&ruleset, &folder, name)));
    for (name, report) in own.chain(clean) {
        let got: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == id).collect();
        assert!(
            got.is_empty(),
            "rule {id}: {name} must pass, but has findings:\n{}",
            got.iter().map(|f| line(f)).collect::<String>()
        );
    }
    let mut snapshot = String::new();
    for name in &fail {
        let got = findings(name);
        assert!(!got.is_empty(), "rule {id}: {name} must fail, but passes");
        if !snapshot.is_empty() {
            snapshot.push('\n');
        }
        snapshot.push_str(&format!("# {name}\n"));
        snapshot.extend(got.iter().map(line));
    }
    snapshot
}

/// Each rule folder: passing documents pass, failing documents fail, and
/// the findings are the rule's snapshot. Every rule is checked before the
/// test fails, so one run shows (and writes `.snap.new` files for) all the
/// rules that changed.
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

/// Every rule of the built-in ruleset has a folder with at least one
/// failing document (passing ones may be the shared CLEAN documents only),
/// and every folder names a rule.
#[test]
fn every_rule_has_fixtures_and_every_folder_a_rule() {
    let declared: BTreeSet<String> = builtin_all_on()
        .rules
        .iter()
        .filter(|r| r.level().is_some())
        .map(|r| r.id.clone())
        .collect();
    let folders: BTreeSet<String> = rule_folders().into_iter().collect();
    let without_folder: Vec<&String> = declared.difference(&folders).collect();
    assert!(
        without_folder.is_empty(),
        "rules without tests/fixtures/rules/<rule-id>/: {without_folder:?}"
    );
    let unknown: Vec<&String> = folders.difference(&declared).collect();
    assert!(
        unknown.is_empty(),
        "folders of tests/fixtures/rules/ that name no rule of the built-in ruleset: {unknown:?}"
    );
    let mut incomplete = Vec::new();
    for id in &folders {
        // Passing documents may be the shared CLEAN ones only.
        let (_, fail) = documents(id);
        if fail.is_empty() {
            incomplete.push(format!("{id}: no fail*.yaml|json"));
        }
    }
    assert!(incomplete.is_empty(), "{incomplete:#?}");
    let orphans: Vec<String> = std::fs::read_dir(fixture("../snapshots"))
        .expect("tests/snapshots exists")
        .map(|e| {
            e.expect("a readable folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| {
            n.strip_prefix("acceptance__rules__")
                .and_then(|n| n.strip_suffix(".snap"))
                .is_some_and(|id| !folders.contains(id))
        })
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots of no rule folder: {orphans:?}"
    );
}
