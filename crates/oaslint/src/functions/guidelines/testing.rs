//! Test helpers for the guideline functions: run a function on a node of a
//! whole YAML document, so the tables can show realistic specs.

use super::super::{Context, Factory, Input, Outcome, RuleFunction};
use crate::document::{Document, SpecFormat};
use crate::parse::Limits;
use crate::workspace::{Loc, MemoryResolver, Workspace};
use serde_json::{json, Value};

/// Runs the function made by `factory` with `options` on the node at
/// `pointer` of the YAML document `yaml` (its format detected as the
/// linter does; OpenAPI 3.0 when it names none), in a resolved view.
pub fn run(factory: Factory, options: Value, yaml: &str, pointer: &str) -> Vec<Outcome> {
    run_view(factory, options, yaml, pointer, true)
}

/// [`run`] with the view chosen (`resolved: false` sees `$ref`s).
pub fn run_view(
    factory: Factory,
    options: Value,
    yaml: &str,
    pointer: &str,
    resolved: bool,
) -> Vec<Outcome> {
    let f = factory(&options).unwrap_or_else(|e| panic!("options rejected: {e}"));
    let doc = Document::parse("spec.yaml", yaml, &Limits::default()).expect("test YAML parses");
    let format = SpecFormat::detect(&doc).unwrap_or(SpecFormat::OpenApi30);
    let ws = Workspace::load(doc, &MemoryResolver::new(), &Limits::default());
    assert!(ws.errors.is_empty(), "{:?}", ws.errors);
    let view = ws.view(resolved);
    let node = ws
        .tree(0)
        .lookup(pointer)
        .unwrap_or_else(|| panic!("no node at {pointer}"));
    let ctx = Context::new(view, format);
    let mut out = Vec::new();
    f.check(Input::Node(view.cursor(Loc::new(0, node))), &ctx, &mut out);
    super::super::testing::record(
        factory,
        json!({"options": options, "document": yaml, "at": pointer, "resolved": resolved, "format": format!("{format:?}")}),
        Ok(&out),
    );
    out
}

/// Runs an already created function on the node at `pointer` of `yaml`.
pub fn run_with(f: &dyn RuleFunction, yaml: &str, pointer: &str) -> Vec<Outcome> {
    let doc = Document::parse("spec.yaml", yaml, &Limits::default()).expect("test YAML parses");
    let format = SpecFormat::detect(&doc).unwrap_or(SpecFormat::OpenApi30);
    let ws = Workspace::load(doc, &MemoryResolver::new(), &Limits::default());
    let view = ws.view(true);
    let node = ws.tree(0).lookup(pointer).expect("pointer exists");
    let mut out = Vec::new();
    f.check(
        Input::Node(view.cursor(Loc::new(0, node))),
        &Context::new(view, format),
        &mut out,
    );
    out
}

/// A pass row: options, YAML document, pointer of the input.
pub type Pass = (Value, &'static str, &'static str);

/// A fail row: options, YAML document, pointer of the input, and the
/// expected outcomes.
pub type Fail = (Value, &'static str, &'static str, Vec<Outcome>);

/// Asserts that no row of `table` produces an outcome.
pub fn assert_passes(factory: Factory, table: &[Pass]) {
    for (i, (options, yaml, pointer)) in table.iter().enumerate() {
        let got = run(factory, options.clone(), yaml, pointer);
        assert!(
            got.is_empty(),
            "pass row {i} ({pointer}): got {got:#?}\n{yaml}"
        );
    }
}

/// Asserts the exact outcomes of every row and returns the rows with their
/// outcomes for a snapshot (each row's input pointer; its document when it
/// differs from the previous row's).
pub fn assert_fails(factory: Factory, table: &[Fail]) -> Value {
    let mut rows = Vec::new();
    let mut previous = "";
    for (i, (options, yaml, pointer, expected)) in table.iter().enumerate() {
        let got = run(factory, options.clone(), yaml, pointer);
        assert_eq!(&got, expected, "fail row {i} ({pointer})\n{yaml}");
        assert!(!got.is_empty(), "fail row {i} expects no outcome");
        let mut row = json!({
            "options": options,
            "input": pointer,
            "outcomes": super::super::testing::outcomes_json(&got),
        });
        // The document only when it changes, to keep snapshots readable.
        if *yaml != previous {
            row["document"] = json!(yaml);
            previous = yaml;
        }
        rows.push(row);
    }
    Value::Array(rows)
}

/// An expected outcome with its path below the input.
pub fn outcome(message: &str, path: &[&str]) -> Outcome {
    Outcome::new(message).at(path.iter().map(|s| s.to_string()).collect())
}
