//! What a report keeps when a document has more findings than the limit,
//! and how in-document ignores are recorded.

use oaslint::{FunctionRegistry, Linter, MemoryResolver, RulesetLoader, Severity};

/// A ruleset with one MUST rule that fires once per enum value.
const RULESET: &str = r#"
rules:
  lower-case-enum:
    severity: must
    given: $..enum[*]
    then:
      function: pattern
      functionOptions:
        match: "^[a-z]+$"
"#;

fn linter(max: usize) -> Linter {
    let mut files = MemoryResolver::new();
    files.insert("ruleset.yaml", RULESET);
    let registry = FunctionRegistry::default();
    let ruleset = RulesetLoader::new(&files, &registry)
        .load("ruleset.yaml")
        .expect("the ruleset loads");
    Linter::new(ruleset).with_max_findings(max)
}

/// An OpenAPI document with `n` enum values that break the rule.
fn spec(n: usize) -> String {
    let mut s = String::from("openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    Colour:\n      type: string\n      enum:\n");
    for i in 0..n {
        s.push_str(&format!("        - BAD{i}\n"));
    }
    s
}

#[test]
fn findings_past_the_limit_are_counted_not_kept() {
    let report = linter(10).lint("api.yaml", spec(25), &MemoryResolver::new());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.findings.len(), 10);
    // The summary counts every finding, kept or not.
    assert_eq!(report.summary.must, 25);
    let t = report
        .truncated
        .as_ref()
        .expect("the report says it was cut");
    assert_eq!(t.limit, 10);
    assert_eq!(t.omitted.must, 15);
    assert_eq!(t.omitted_by_rule.get("lower-case-enum"), Some(&15));
    // The kept findings are still located exactly.
    let first = &report.findings[0];
    assert_eq!(first.pointer, "/components/schemas/Colour/enum/0");
    assert_eq!((first.range.start.line, first.range.start.column), (9, 11));
}

#[test]
fn a_report_under_the_limit_is_not_marked_truncated() {
    let report = linter(10).lint("api.yaml", spec(10), &MemoryResolver::new());
    assert_eq!(report.findings.len(), 10);
    assert!(report.truncated.is_none());
}

#[test]
fn merged_reports_are_cut_again_and_keep_the_counts() {
    let linter = linter(100);
    let files = MemoryResolver::new();
    let mut merged = linter.lint("a.yaml", spec(30), &files);
    merged.merge(linter.lint("b.yaml", spec(30), &files));
    assert_eq!(merged.findings.len(), 60);
    merged.truncate(40);
    assert_eq!(merged.findings.len(), 40);
    assert_eq!(merged.summary.must, 60);
    let t = merged.truncated.as_ref().unwrap();
    assert_eq!((t.limit, t.omitted.must), (40, 20));
    // b.yaml's findings come after a.yaml's: the last 20 were cut.
    assert_eq!(
        merged
            .findings
            .iter()
            .filter(|f| f.file == "b.yaml")
            .count(),
        10
    );
}

#[test]
fn ignored_findings_are_listed_with_the_ignore_that_hid_them() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    Colour:\n      x-zally-ignore:\n        - other\n        - lower-case-enum\n      type: string\n      enum: [RED, GREEN]\n";
    let report = linter(100).lint("api.yaml", text, &MemoryResolver::new());
    assert!(report.findings.is_empty());
    assert_eq!(report.summary.ignored, 2);
    assert_eq!(report.ignored.len(), 2);
    let red = &report.ignored[0];
    assert_eq!(red.finding.rule, "lower-case-enum");
    assert_eq!(red.finding.severity, Severity::Must);
    assert_eq!(red.finding.pointer, "/components/schemas/Colour/enum/0");
    assert_eq!(red.ignored_by.file, "api.yaml");
    assert_eq!(
        red.ignored_by.pointer,
        "/components/schemas/Colour/x-zally-ignore/1"
    );
    assert_eq!(
        (
            red.ignored_by.range.start.line,
            red.ignored_by.range.start.column
        ),
        (9, 11)
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["ignored"][1]["pointer"],
        "/components/schemas/Colour/enum/1"
    );
    assert_eq!(
        json["ignored"][1]["ignored_by"]["range"]["start"]["line"],
        9
    );
}

#[test]
fn ignored_findings_past_the_limit_are_counted_with_their_must_ones() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    Colour:\n      x-zally-ignore: [lower-case-enum]\n      type: string\n      enum: [RED, GREEN, BLUE]\n";
    let report = linter(1).lint("api.yaml", text, &MemoryResolver::new());
    assert_eq!(report.summary.ignored, 3);
    assert_eq!(report.ignored.len(), 1);
    let t = report.truncated.as_ref().expect("the ignored list was cut");
    assert_eq!((t.omitted.ignored, t.omitted_ignored_must), (2, 2));
    assert_eq!(t.omitted_total(), 0);
}
