//! Helpers for the functions' pass/fail tables.

use super::{Context, Factory, Input, Outcome};
use crate::document::{Document, SpecFormat};
use crate::parse::Limits;
use crate::workspace::{Loc, MemoryResolver, Workspace};
use serde_json::{json, Value};

/// Runs the function made by `factory` with `options` (JSON) on `input`
/// (JSON; `None` = undefined) and returns its outcomes.
pub fn run(factory: Factory, options: Value, input: Option<Value>) -> Vec<Outcome> {
    run_with_format(factory, options, input, SpecFormat::OpenApi30)
}

/// [`run`] with the document's format chosen.
pub fn run_with_format(
    factory: Factory,
    options: Value,
    input: Option<Value>,
    format: SpecFormat,
) -> Vec<Outcome> {
    let f = factory(&options).unwrap_or_else(|e| panic!("options rejected: {e}"));
    let ws = Workspace::single(Document::from_json(
        "input.json",
        &input.clone().unwrap_or(Value::Null),
    ));
    let view = ws.view(true);
    let ctx = Context::new(view, format);
    let mut out = Vec::new();
    let inp = match input {
        Some(_) => Input::Node(view.cursor(Loc::new(0, 0))),
        None => Input::Undefined,
    };
    f.check(inp, &ctx, &mut out);
    let mut case = json!({"options": options, "format": format!("{format:?}")});
    match &input {
        Some(v) => case["input"] = v.clone(),
        None => case["undefined"] = json!(true),
    }
    record(factory, case, Ok(&out));
    out
}

/// Runs the function on an object key (`field: "@key"` or a `given`
/// ending in `~`).
pub fn run_key(factory: Factory, options: Value, key: &str) -> Vec<Outcome> {
    let f = factory(&options).unwrap_or_else(|e| panic!("options rejected: {e}"));
    let ws = Workspace::single(Document::from_json("input.json", &Value::Null));
    let ctx = Context::new(ws.view(true), SpecFormat::OpenApi30);
    let mut out = Vec::new();
    f.check(Input::Key(key), &ctx, &mut out);
    record(factory, json!({"options": options, "key": key}), Ok(&out));
    out
}

/// Runs the function on the node at `pointer` of `root`, in a workspace
/// whose `$ref`s are resolved (`files` holds other documents by name, as
/// YAML or JSON text). `resolved` picks the view, as a rule's `resolved`.
pub fn run_at(
    factory: Factory,
    options: Value,
    root: &Value,
    files: &[(&str, &str)],
    pointer: &str,
    resolved: bool,
) -> Vec<Outcome> {
    let f = factory(&options).unwrap_or_else(|e| panic!("options rejected: {e}"));
    let mut resolver = MemoryResolver::new();
    for (name, text) in files {
        resolver.insert(name, *text);
    }
    let ws = Workspace::load(
        Document::from_json("root.json", root),
        &resolver,
        &Limits::default(),
    );
    assert!(ws.errors.is_empty(), "{:?}", ws.errors);
    let view = ws.view(resolved);
    let node = ws
        .tree(0)
        .lookup(pointer)
        .unwrap_or_else(|| panic!("no node at {pointer}"));
    let ctx = Context::new(view, SpecFormat::OpenApi30);
    let mut out = Vec::new();
    f.check(Input::Node(view.cursor(Loc::new(0, node))), &ctx, &mut out);
    let files: serde_json::Map<String, Value> = files
        .iter()
        .map(|(n, t)| (n.to_string(), json!(t)))
        .collect();
    record(
        factory,
        json!({"options": options, "root": root, "files": files, "at": pointer, "resolved": resolved}),
        Ok(&out),
    );
    out
}

/// The error a factory gives for `options`.
pub fn options_error(factory: Factory, options: Value) -> String {
    match factory(&options) {
        Ok(_) => panic!("options {options} were accepted"),
        Err(e) => {
            record(factory, json!({"options": options}), Err(&e));
            e
        }
    }
}

/// An expected outcome.
pub fn outcome(message: &str, path: &[&str]) -> Outcome {
    Outcome::new(message).at(path.iter().map(|s| s.to_string()).collect())
}

/// A row of a pass table: options and input (`None` = undefined).
pub type Pass = (Value, Option<Value>);

/// A row of a fail table: options, input and the exact outcomes.
pub type Fail = (Value, Option<Value>, Vec<Outcome>);

/// Asserts that every row of `table` produces no outcome.
pub fn assert_passes(factory: Factory, table: &[Pass]) {
    for (i, (options, input)) in table.iter().enumerate() {
        let got = run(factory, options.clone(), input.clone());
        assert!(
            got.is_empty(),
            "pass row {i}: options {options}, input {input:?}: got {got:#?}"
        );
    }
}

/// Asserts the exact outcomes of every row of `table`, and returns the
/// rows with their outcomes as a value to snapshot.
pub fn assert_fails(factory: Factory, table: &[Fail]) -> Value {
    let mut rows = Vec::new();
    for (i, (options, input, expected)) in table.iter().enumerate() {
        let got = run(factory, options.clone(), input.clone());
        assert_eq!(
            &got, expected,
            "fail row {i}: options {options}, input {input:?}"
        );
        assert!(!got.is_empty(), "fail row {i} expects no outcome");
        rows.push(json!({
            "options": options,
            "input": input.clone().unwrap_or(json!("<undefined>")),
            "outcomes": outcomes_json(&got),
        }));
    }
    Value::Array(rows)
}

/// Outcomes as JSON (message, path, and severity when set).
pub fn outcomes_json(outcomes: &[Outcome]) -> Value {
    outcomes
        .iter()
        .map(|o| {
            let mut v = json!({ "message": o.message, "path": o.path });
            if let Some(s) = o.severity {
                v["severity"] = json!(s.as_str());
            }
            v
        })
        .collect()
}

/// TEMPORARY (issue #14 migration): appends every case a helper runs, with
/// its result, to `$OASLINT_DUMP_CASES/cases.jsonl`, so the tables can be
/// turned into data files without losing a case.
pub fn record(factory: Factory, mut case: Value, result: Result<&[Outcome], &str>) {
    let Ok(dir) = std::env::var("OASLINT_DUMP_CASES") else {
        return;
    };
    let _ = factory;
    let name = "?";
    case["function"] = json!(name);
    case["test"] = json!(std::thread::current().name().unwrap_or("?"));
    match result {
        Ok(outcomes) => case["outcomes"] = outcomes_json(outcomes),
        Err(e) => case["rejected"] = json!(e),
    }
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(std::path::Path::new(&dir).join("cases.jsonl"))
        .unwrap();
    writeln!(file, "{case}").unwrap();
}
