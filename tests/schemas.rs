//! The published JSON Schemas match what oaslint produces and reads.

use oaslint::{Document, Limits};
use oaslint_acceptance::{oaslint, root};

fn schema(rel: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("{rel} is a valid schema: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, instance: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn json_reports_match_the_report_schema() {
    let v = schema("docs/report.schema.json");
    for args in [
        &["lint", "-f", "json", "specs/pets-api.yaml"][..],
        &["lint", "-f", "json", "specs/clean.yaml"],
        &[
            "lint",
            "-f",
            "json",
            "specs/pets-api.json",
            "specs/clean.yaml",
        ],
        &["lint", "-f", "json", "specs/missing.yaml"],
    ] {
        let out = oaslint(args);
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_valid(&v, &report, &args.join(" "));
    }
    // The schema is strict: an unknown field is rejected.
    let mut report: serde_json::Value =
        serde_json::from_str(&oaslint(&["lint", "-f", "json", "specs/clean.yaml"]).stdout).unwrap();
    report["extra"] = serde_json::json!(1);
    assert!(!v.is_valid(&report));
}

#[test]
fn shipped_rulesets_match_the_ruleset_schema() {
    let v = schema("rulesets/ruleset.schema.json");
    let mut checked = 0;
    // catalogue.yaml lists guidelines, not rules, so only ruleset files are checked.
    for dir in [
        "rulesets/zalando",
        "rulesets/zalando/rules",
        "rulesets/examples",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if !matches!(
                path.extension().and_then(|x| x.to_str()),
                Some("yaml" | "yml" | "json")
            ) || path.file_stem().is_some_and(|s| s == "catalogue")
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = Document::parse(&path.to_string_lossy(), text, &Limits::default()).unwrap();
            let json = doc.root().map(|r| r.to_json()).unwrap_or_default();
            assert_valid(&v, &json, &path.display().to_string());
            checked += 1;
        }
    }
    assert!(checked >= 8, "ruleset, topic files and examples: {checked}");
    let bad =
        serde_json::json!({"rules": {"a": {"given": "info", "then": {"function": "truthy"}}}});
    assert!(!v.is_valid(&bad), "given must start with $ or #");
}
