//! A lint whose rules are shared out to several threads
//! (`Linter::with_threads`) reports exactly what one thread reports: the
//! same findings in the same order, the same ignored findings, and the
//! same cut and counts when there are more than the limit.

use oaslint::{FunctionRegistry, Linter, MemoryResolver, Report, RulesetLoader};

/// Five rules of three severities; each fires several times on [`SPEC`].
const RULESET: &str = r#"
rules:
  upper-case-enum:
    severity: must
    given: $..enum[*]
    then:
      function: pattern
      functionOptions:
        match: "^[A-Z]+$"
  lower-case-enum:
    severity: should
    given: $..enum[*]
    then:
      function: pattern
      functionOptions:
        match: "^[a-z]+$"
  schema-description:
    severity: may
    given: $.components.schemas[*]
    then:
      field: description
      function: truthy
  short-titles:
    severity: hint
    given: $..title
    then:
      function: length
      functionOptions:
        max: 3
  no-x-names:
    severity: must
    given: $.components.schemas
    then:
      field: "@key"
      function: pattern
      functionOptions:
        notMatch: "^X"
"#;

/// Findings for every rule, an ignored one, and a duplicate key (the
/// engine's own finding, which comes before any rule's).
const SPEC: &str = "openapi: 3.0.3
info: {title: Colours, version: 1.0.0}
paths: {}
components:
  schemas:
    Colour:
      title: Colour
      type: string
      enum: [RED, green, Blue]
    XShade:
      x-zally-ignore: [lower-case-enum]
      title: Shade
      type: string
      enum: [DARK, light]
    Tint:
      description: a tint
      description: twice
      enum: [pale, Pale]
";

fn lint(threads: usize, max: usize) -> Report {
    let mut files = MemoryResolver::new();
    files.insert("ruleset.yaml", RULESET);
    let registry = FunctionRegistry::default();
    let ruleset = RulesetLoader::new(&files, &registry)
        .load("ruleset.yaml")
        .expect("the ruleset loads");
    Linter::new(ruleset)
        .with_max_findings(max)
        .with_threads(threads)
        .lint("api.yaml", SPEC, &MemoryResolver::new())
}

fn json(report: &Report) -> serde_json::Value {
    let mut json = serde_json::to_value(report).unwrap();
    // The tool's version and timing are no part of the comparison.
    json.as_object_mut().unwrap().remove("tool");
    json
}

#[test]
fn shared_out_rules_report_what_one_thread_reports() {
    let one = lint(1, 1000);
    assert!(one.errors.is_empty(), "{:?}", one.errors);
    assert!(one.truncated.is_none());
    assert!(
        !one.ignored.is_empty(),
        "the fixture has an ignored finding"
    );
    let rules: std::collections::BTreeSet<&str> =
        one.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules.len(),
        6,
        "every rule and the duplicate key fire: {rules:?}"
    );
    for threads in [2, 3, 5, 8] {
        assert_eq!(json(&lint(threads, 1000)), json(&one), "{threads} threads");
    }
}

#[test]
fn shared_out_rules_cut_at_the_limit_as_one_thread_does() {
    for max in [1, 2, 3, 5, 8] {
        let one = lint(1, max);
        assert!(one.truncated.is_some(), "the limit {max} cuts");
        for threads in [2, 3, 5] {
            assert_eq!(
                json(&lint(threads, max)),
                json(&one),
                "{threads} threads, limit {max}"
            );
        }
    }
}
