//! Runs the pass/fail cases of every built-in function, one data file per
//! function in `tests/fixtures/functions/<name>.yaml`; the snapshot of a
//! file is the only expected output (outcomes of its `fail` cases, messages
//! of its `rejected` options).
//!
//! A case is `options` (the rule's `functionOptions`, absent = none) and
//! one input:
//! - `input`: a JSON value, the whole document;
//! - or a whole document, `document` (YAML or JSON text) or `root` (a JSON
//!   value, with the `files` it `$ref`s), and `at`, the pointer of the
//!   input, or `key`;
//! - `key`: an object key (`field: "@key"`);
//! - `undefined: true`: a `field` that does not exist.
//!
//! `format` is the spec format the function sees (`oas2`, `oas3.0`, the
//! default, or `oas3.1`); `resolved: false` shows it the `$ref`s.

use super::{Context, FunctionRegistry, Input, Outcome};
use crate::document::{Document, SpecFormat};
use crate::parse::Limits;
use crate::tree::Tree;
use crate::workspace::{Loc, MemoryResolver, Workspace};
use serde_json::{json, Value};

/// Runs one case and returns its outcomes, or the options' error.
fn run(registry: &FunctionRegistry, name: &str, case: &Value) -> Result<Vec<Outcome>, String> {
    let function = registry
        .create(name, &case["options"])
        .unwrap_or_else(|| panic!("no function `{name}`"))?;
    let mut out = Vec::new();
    let resolved = case["resolved"].as_bool().unwrap_or(true);
    let format = match case["format"].as_str() {
        None | Some("oas3.0") => SpecFormat::OpenApi30,
        Some("oas3.1") => SpecFormat::OpenApi31,
        Some("oas2") => SpecFormat::Swagger2,
        Some(other) => panic!("unknown format {other}"),
    };
    let ws = if let Some(text) = case["document"].as_str() {
        let doc = Document::parse("spec.yaml", text, &Limits::default()).expect("document parses");
        Workspace::load(doc, &MemoryResolver::new(), &Limits::default())
    } else if let Some(root) = case.get("root") {
        let mut files = MemoryResolver::new();
        for (file, text) in case["files"].as_object().into_iter().flatten() {
            files.insert(file, text.as_str().expect("file text"));
        }
        Workspace::load(
            Document::from_json("root.json", root),
            &files,
            &Limits::default(),
        )
    } else {
        Workspace::single(Document::from_json("input.json", &case["input"]))
    };
    assert!(ws.errors.is_empty(), "{:?}", ws.errors);
    let view = ws.view(resolved);
    let ctx = Context::new(view, format);
    let input = if let Some(key) = case["key"].as_str() {
        Input::Key(key)
    } else if case["undefined"] == json!(true) {
        Input::Undefined
    } else if let Some(at) = case["at"].as_str() {
        let node = ws
            .tree(0)
            .lookup(at)
            .unwrap_or_else(|| panic!("no node at {at}"));
        Input::Node(view.cursor(Loc::new(0, node)))
    } else {
        assert!(case.get("input").is_some(), "a case needs an input: {case}");
        Input::Node(view.cursor(Loc::new(0, Tree::ROOT)))
    };
    function.check(input, &ctx, &mut out);
    Ok(out)
}

/// Runs an already made function on the node at `pointer` of the YAML
/// document `yaml` (resolved view, format detected), for unit tests that
/// call one instance several times.
pub(crate) fn check_at(function: &dyn super::Function, yaml: &str, pointer: &str) -> Vec<Outcome> {
    let doc = Document::parse("spec.yaml", yaml, &Limits::default()).expect("test YAML parses");
    let format = SpecFormat::detect(&doc).unwrap_or(SpecFormat::OpenApi30);
    let ws = Workspace::load(doc, &MemoryResolver::new(), &Limits::default());
    let view = ws.view(true);
    let node = ws.tree(0).lookup(pointer).expect("pointer exists");
    let mut out = Vec::new();
    function.check(
        Input::Node(view.cursor(Loc::new(0, node))),
        &Context::new(view, format),
        &mut out,
    );
    out
}

/// Outcomes as the snapshot shows them.
fn outcomes_json(outcomes: &[Outcome]) -> Value {
    outcomes
        .iter()
        .map(|o| {
            let mut v = json!({ "message": o.message, "path": o.path });
            if let Some(s) = o.severity {
                v["severity"] = json!(s.as_str());
            }
            if let Some(r) = &o.within {
                v["within"] = json!([r.start, r.end]);
            }
            v
        })
        .collect()
}

/// Where the case's input is, for the snapshot.
fn describe_case(case: &Value) -> Value {
    let mut shown = serde_json::Map::new();
    for key in [
        "options",
        "input",
        "key",
        "undefined",
        "at",
        "resolved",
        "format",
    ] {
        if let Some(v) = case.get(key) {
            shown.insert(key.into(), v.clone());
        }
    }
    Value::Object(shown)
}

#[test]
fn function_cases() {
    let registry = FunctionRegistry::builtin();
    insta::glob!("../../tests/fixtures/functions", "*.yaml", |path| {
        let name = path.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let doc = Document::parse("cases.yaml", text, &Limits::default()).expect("cases parse");
        let cases = doc.tree.to_json(Tree::ROOT);
        let list = |kind: &str| cases[kind].as_array().cloned().unwrap_or_default();
        for (i, case) in list("pass").iter().enumerate() {
            let got = run(&registry, name, case)
                .unwrap_or_else(|e| panic!("{name} pass {i}: options rejected: {e}"));
            assert!(got.is_empty(), "{name} pass {i} {case}: got {got:#?}");
        }
        let mut shown = Vec::new();
        for (i, case) in list("fail").iter().enumerate() {
            let got = run(&registry, name, case)
                .unwrap_or_else(|e| panic!("{name} fail {i}: options rejected: {e}"));
            assert!(!got.is_empty(), "{name} fail {i} gives no outcome: {case}");
            let mut row = describe_case(case);
            row["outcomes"] = outcomes_json(&got);
            shown.push(json!({ "fail": i, "case": row }));
        }
        for (i, case) in list("rejected").iter().enumerate() {
            let error = match registry.create(name, &case["options"]) {
                Some(Err(e)) => e,
                Some(Ok(_)) => panic!("{name} rejected {i}: options accepted: {case}"),
                None => panic!("no function `{name}`"),
            };
            shown.push(json!({ "rejected": i, "options": case["options"], "error": error }));
        }
        assert!(
            !list("pass").is_empty() && !list("fail").is_empty(),
            "{name}: a function needs pass and fail cases"
        );
        insta::assert_yaml_snapshot!(shown);
    });
}

/// Every built-in function has a cases file, and every cases file names a
/// built-in function.
#[test]
fn every_function_has_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/functions");
    let files: std::collections::BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let names: std::collections::BTreeSet<String> = FunctionRegistry::builtin()
        .names()
        .map(|n| format!("{n}.yaml"))
        .collect();
    assert_eq!(files, names);
}
