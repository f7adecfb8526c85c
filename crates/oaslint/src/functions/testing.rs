//! Helpers for the functions' pass/fail tables.

use super::{Context, Factory, Input, Outcome};
use crate::document::{Document, SpecFormat};
use crate::workspace::{Loc, Workspace};

/// Runs the function made by `factory` with `options` (JSON) on `input`
/// (JSON; `None` = undefined) and returns its outcomes.
pub fn run(
    factory: Factory,
    options: serde_json::Value,
    input: Option<serde_json::Value>,
) -> Vec<Outcome> {
    let f = factory(&options).unwrap_or_else(|e| panic!("options rejected: {e}"));
    let ws = Workspace::single(Document::from_json(
        "input.json",
        &input.clone().unwrap_or(serde_json::Value::Null),
    ));
    let view = ws.view(true);
    let ctx = Context {
        view,
        format: SpecFormat::OpenApi30,
    };
    let mut out = Vec::new();
    let inp = match input {
        Some(_) => Input::Node(view.cursor(Loc::new(0, 0))),
        None => Input::Undefined,
    };
    f.check(inp, &ctx, &mut out);
    out
}

/// The error a factory gives for `options`.
pub fn options_error(factory: Factory, options: serde_json::Value) -> String {
    match factory(&options) {
        Ok(_) => panic!("options {options} were accepted"),
        Err(e) => e,
    }
}
