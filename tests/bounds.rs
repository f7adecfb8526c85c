//! Bounds on work a pull request can make oaslint do: catastrophic
//! regular expressions end in a located error naming the rule, long paths
//! and many files stay linear. Speed itself is measured by the bench
//! (docs/benchmarks.md); these tests check behaviour through the CLI.

use oaslint_acceptance::oaslint_in;
use std::path::Path;

/// A ruleset with a pattern of each engine: `(a+)+$` runs in linear time;
/// the backreference forces the backtracking engine, where the nested
/// repetition is exponential without the step limit.
const RULESET: &str = r#"rules:
  catastrophic:
    description: nested repetition
    given: $.info.title
    severity: error
    then:
      function: pattern
      functionOptions:
        match: "(a+)+$"
  backtracking:
    description: nested repetition with a backreference
    given: $.info.title
    severity: error
    then:
      function: pattern
      functionOptions:
        notMatch: "^(a)(?:\\1?a+)+$"
  lookaround:
    description: no x- prefix
    given: $.info.description
    severity: warn
    then:
      function: pattern
      functionOptions:
        match: "^(?!x-)"
  quoted:
    description: quoted the same way on both sides
    given: $.info.description
    severity: warn
    then:
      function: pattern
      functionOptions:
        notMatch: "^(['\"]).*\\1$"
"#;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn spec(title: &str, description: &str) -> String {
    format!("openapi: 3.0.3\ninfo:\n  title: \"{title}\"\n  description: \"{description}\"\n  version: v1\npaths: {{}}\n")
}

#[test]
fn a_catastrophic_pattern_ends_in_an_error_at_the_pattern_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.yaml", RULESET);
    let hostile = format!("{}!", "a".repeat(40));
    write(dir.path(), "spec.yaml", &spec(&hostile, "fine"));
    let out = oaslint_in(
        dir.path(),
        &[
            "lint",
            "spec.yaml",
            "--ruleset",
            "rules.yaml",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(e["kind"], "ruleset");
    assert_eq!(e["rule"], "backtracking");
    assert_eq!(e["file"], "rules.yaml");
    // `notMatch: "^(a)(?:\\1?a+)+$"`: line 17, the value's column.
    assert_eq!(e["range"]["start"]["line"], 17);
    assert_eq!(e["range"]["start"]["column"], 19);
    let message = e["message"].as_str().unwrap();
    assert!(message.contains("'^(a)(?:\\1?a+)+$'"), "{message}");
    assert!(message.contains("spec.yaml:3:10"), "{message}");
    // The linear pattern answered: `(a+)+$` does not match `aaa…!`.
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["catastrophic"]);
}

#[test]
fn the_error_is_on_stderr_in_text_format_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.yaml", RULESET);
    write(
        dir.path(),
        "spec.yaml",
        &spec(&format!("{}!", "a".repeat(40)), "fine"),
    );
    let out = oaslint_in(
        dir.path(),
        &["lint", "spec.yaml", "--ruleset", "rules.yaml"],
        "",
    );
    assert_eq!(out.code, 2);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains("rules.yaml:17:19: rule 'backtracking': the regular expression"),
        "{all}"
    );
}

#[test]
fn lookaround_and_backreferences_still_work() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.yaml", RULESET);
    let run = |description: &str| {
        write(dir.path(), "spec.yaml", &spec("ba", description));
        let out = oaslint_in(
            dir.path(),
            &[
                "lint",
                "spec.yaml",
                "--ruleset",
                "rules.yaml",
                "--format",
                "json",
            ],
            "",
        );
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(report["errors"].as_array().unwrap().len(), 0);
        let mut rules: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        rules
    };
    assert!(run("plain").is_empty());
    assert_eq!(run("x-vendor"), vec!["lookaround"]);
    assert_eq!(run("'quoted'"), vec!["quoted"]);
    assert!(run("'half").is_empty());
}

#[test]
fn a_jsonpath_filter_pattern_is_bounded_too() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules.yaml",
        r#"rules:
  filtered:
    description: titles picked by a filter
    given: "$[?(@.title.match(/^(a)(?:\\1?a+)+$/))]"
    severity: error
    then:
      function: truthy
"#,
    );
    write(
        dir.path(),
        "spec.yaml",
        &spec(&format!("{}!", "a".repeat(40)), "d"),
    );
    let out = oaslint_in(
        dir.path(),
        &[
            "lint",
            "spec.yaml",
            "--ruleset",
            "rules.yaml",
            "--format",
            "json",
        ],
        "",
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["rule"], "filtered");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("a JSONPath filter"));
    assert_eq!(out.code, 2);
}

#[test]
fn rule_134_on_a_long_path_reports_sixteen_segments_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path: String = (0..5000).map(|i| format!("/item{i}")).collect();
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {path.clone(): {}}
    });
    write(dir.path(), "spec.json", &doc.to_string());
    let out = oaslint_in(dir.path(), &["lint", "spec.json", "--format", "json"], "");
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "134")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    let mut want: Vec<String> = (0..16)
        .map(|i| format!("Resource 'item{i}' appears to be singular"))
        .collect();
    want.push("4984 more resources in this path appear to be singular".into());
    let mut got: Vec<String> = messages.iter().map(|s| s.to_string()).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn many_files_in_one_run_each_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        write(
            dir.path(),
            &format!("spec{i:03}.yaml"),
            &format!(
                "openapi: 3.0.3\ninfo:\n  title: Spec {i}\n  version: v1\npaths:\n  /order: {{}}\n"
            ),
        );
    }
    let out = oaslint_in(dir.path(), &["lint", "*.yaml", "--format", "json"], "");
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["documents"].as_array().unwrap().len(), 300);
    let singular = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "134")
        .count();
    assert_eq!(singular, 300);
}
