//! Hostile and broken input: each case ends in a clear, located error or
//! finding — never a panic, a hang or unbounded memory.

use oaslint::{
    ErrorKind, FunctionRegistry, Linter, MemoryResolver, Report, RulesetLoader, Severity,
};
use oaslint_acceptance::{fixture, oaslint_in};

/// The pinned starter ruleset, so expected findings stay put while the
/// built-in ruleset grows.
fn linter() -> Linter {
    let text = std::fs::read_to_string(fixture("rulesets/starter.yaml")).unwrap();
    Linter::new(
        RulesetLoader::new(&MemoryResolver::new(), &FunctionRegistry::default())
            .load_text("starter.yaml", text)
            .unwrap(),
    )
}

fn lint(text: &str) -> Report {
    linter().lint("spec.yaml", text, &MemoryResolver::new())
}

fn lint_files(root: &str, files: &[(&str, &str)]) -> Report {
    let mut mem = MemoryResolver::new();
    for (n, t) in files {
        mem.insert(n, *t);
    }
    linter().lint("spec.yaml", root, &mem)
}

/// The only error of a report, as `file:line:col: message`.
fn only_error(r: &Report) -> String {
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    r.errors[0].to_string()
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, description: d, version: 1.0.0, contact: {name: n, url: u, email: e}}\n";

#[test]
fn broken_yaml_is_a_located_parse_error() {
    let r = lint("openapi: 3.0.3\ninfo:\n  title: [unclosed\npaths: {}\n");
    assert_eq!(r.errors[0].kind, ErrorKind::Parse);
    let e = only_error(&r);
    assert!(e.starts_with("spec.yaml:4:"), "{e}");
}

#[test]
fn broken_json_is_a_located_parse_error() {
    let r = linter().lint(
        "spec.json",
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"t\" \"version\": \"1\"}\n}\n",
        &MemoryResolver::new(),
    );
    let e = only_error(&r);
    assert!(e.starts_with("spec.json:3:25: "), "{e}");
}

#[test]
fn documents_that_are_not_openapi_are_errors() {
    for (text, want) in [
        (
            "- a\n- b\n",
            "spec.yaml:1:1: not an OpenAPI document: the top level is an array",
        ),
        (
            "name: x\n",
            "spec.yaml:1:1: not an OpenAPI document: no top-level `openapi` or `swagger` field",
        ),
        (
            "openapi: 4.0.0\n",
            "spec.yaml:1:10: unsupported OpenAPI version \"4.0.0\"",
        ),
        (
            "swagger: '1.2'\n",
            "spec.yaml:1:10: unsupported Swagger version \"1.2\"",
        ),
        ("", "spec.yaml:1:1: not an OpenAPI document"),
        (
            "just text\n",
            "spec.yaml:1:1: not an OpenAPI document: the top level is a string",
        ),
    ] {
        let r = lint(text);
        let e = only_error(&r);
        assert!(e.starts_with(want), "input {text:?}\nwant {want}\ngot  {e}");
        assert_eq!(r.errors[0].kind, ErrorKind::NotOpenApi);
    }
}

#[test]
fn alias_bombs_stop_at_the_expansion_budget() {
    let mut text = String::from(
        "openapi: 3.0.3\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("x-a{i}: &a{i} [{refs}]\n"));
    }
    let r = lint(&text);
    let e = only_error(&r);
    assert_eq!(r.errors[0].kind, ErrorKind::Parse);
    assert!(e.contains("alias"), "{e}");
}

#[test]
fn deep_nesting_is_a_located_error_not_a_stack_overflow() {
    let n = 100_000;
    let json = format!(
        "{{\"openapi\": \"3.0.3\", \"x\": {}{}}}",
        "[".repeat(n),
        "]".repeat(n)
    );
    let r = linter().lint("deep.json", &json, &MemoryResolver::new());
    assert!(only_error(&r).contains("nest"), "{:?}", r.errors);
    let flow = format!("openapi: 3.0.3\nx: {}{}\n", "[".repeat(n), "]".repeat(n));
    assert!(only_error(&lint(&flow)).contains("nest"));
    let mut block = String::from("openapi: 3.0.3\nx:\n");
    for i in 0..2_000 {
        block.push_str(&" ".repeat(i + 1));
        block.push_str("a:\n");
    }
    assert!(only_error(&lint(&block)).contains("nest"));
}

#[test]
fn circular_refs_terminate_and_still_lint() {
    let spec = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Node:
      type: object
      properties:
        childNodes: {{type: array, items: {{$ref: '#/components/schemas/Node'}}}}
        parent: {{$ref: '#/components/schemas/Node'}}
    Loop1: {{$ref: '#/components/schemas/Loop2'}}
    Loop2: {{$ref: '#/components/schemas/Loop1'}}
    Self: {{$ref: '#/components/schemas/Self'}}
"
    );
    let r = lint(&spec);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let f: Vec<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.pointer.as_str()))
        .collect();
    assert_eq!(
        f,
        [("118", "/components/schemas/Node/properties/childNodes")]
    );
}

#[test]
fn circular_file_refs_terminate() {
    let r = lint_files(
        &format!("{HEAD}paths:\n  /a:\n    $ref: './a.yaml#/item'\n"),
        &[
            ("a.yaml", "item:\n  get: {responses: {'200': {$ref: './b.yaml#/ok'}}}\nback: {$ref: './b.yaml#/ok'}\n"),
            ("b.yaml", "ok:\n  description: ok\n  x: {$ref: './a.yaml#/back'}\n"),
        ],
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.documents.len(), 3);
}

#[test]
fn dangling_local_ref_is_a_located_error() {
    let r = lint(&format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200': {{$ref: '#/components/responses/Nope'}}\n"
    ));
    let e = only_error(&r);
    assert_eq!(r.errors[0].kind, ErrorKind::Reference);
    assert!(
        e.starts_with("spec.yaml:7:17: `$ref: #/components/responses/Nope` points at nothing"),
        "{e}"
    );
    assert_eq!(
        r.errors[0].pointer.as_deref(),
        Some("/paths/~1a/get/responses/200/$ref")
    );
}

#[test]
fn remote_refs_are_reported_not_fetched() {
    let r = lint(&format!(
        "{HEAD}paths:\n  /a:\n    $ref: 'https://example.com/api.yaml#/paths/a'\n"
    ));
    assert!(r.errors.is_empty());
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "remote-ref")
        .expect("a remote-ref finding");
    assert_eq!(f.severity, Severity::Hint);
    assert_eq!(f.pointer, "/paths/~1a/$ref");
    assert_eq!((f.range.start.line, f.range.start.column), (5, 5));
}

#[test]
fn duplicate_keys_are_findings() {
    let r = lint(&format!(
        "{HEAD}paths: {{}}\ntags: []\ntags: [{{name: a}}]\n"
    ));
    assert!(r.errors.is_empty());
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "duplicate-key")
        .expect("duplicate-key");
    assert_eq!(f.severity, Severity::Must);
    assert_eq!((f.range.start.line, f.range.start.column), (5, 1));
    assert!(
        f.message.contains("first defined at line 4"),
        "{}",
        f.message
    );
}

#[test]
fn the_cli_reports_binary_and_non_utf8_input_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.yaml"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = oaslint_in(dir.path(), &["lint", "bin.yaml"], "");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("bin.yaml: cannot read: not UTF-8"),
        "{}",
        out.stderr
    );
}

#[test]
fn invalid_ruleset_is_exit_code_2_with_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.yaml"),
        "rules:\n  x:\n    given: $.info\n    then: {function: nope}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("s.yaml"), HEAD).unwrap();
    let out = oaslint_in(dir.path(), &["lint", "-r", "r.yaml", "s.yaml"], "");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("r.yaml:4:22: rule 'x': unknown function `nope`"),
        "{}",
        out.stderr
    );
}
