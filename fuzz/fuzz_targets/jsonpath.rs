//! The JSONPath parser (rule `given` and `then.field`): any expression
//! compiles or gives an error at an offset inside it; a compiled path runs
//! on a small document with a circular `$ref` in both views without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaslint::internals::{JsonPath, PathError, Workspace};
use oaslint::{Document, Limits, MemoryResolver};

/// A document with arrays, nested objects, a `$ref` to another file and a
/// circular `$ref`, so `..`, filters and `^`/`~` have something to walk.
const DOCUMENT: &str = r##"openapi: 3.0.3
info: {title: Pets, version: "1.0.0", x-tags: [a, b, 3, null, true]}
paths:
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, required: true}, {$ref: "#/components/parameters/q"}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}}
        "429": {$ref: "other.yaml#/too_many"}
components:
  parameters:
    q: {name: q, in: query, schema: {type: string}}
  schemas:
    Pet:
      type: object
      properties:
        id: {type: integer, format: int64}
        parent: {$ref: "#/components/schemas/Pet"}
        tags: {type: array, items: {type: string}}
"##;

const OTHER: &str =
    "too_many: {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}\n";

fn check_path_error(expr: &str, error: &PathError) {
    assert!(
        error.offset <= expr.len(),
        "path error offset {} past an expression of {} bytes: {}",
        error.offset,
        expr.len(),
        error.message
    );
    assert!(!error.message.is_empty(), "path error without a message");
}

fuzz_target!(|data: &[u8]| {
    let Some(expr) = oaslint_fuzz::text(data) else {
        return;
    };
    let compiled: Vec<JsonPath> = match JsonPath::parse(expr) {
        Ok(path) => vec![path],
        Err(error) => {
            check_path_error(expr, &error);
            Vec::new()
        }
    };
    if compiled.is_empty() {
        return;
    }
    let limits = Limits::default();
    let mut files = MemoryResolver::new();
    files.insert("other.yaml", OTHER);
    let root = Document::parse("spec.yaml", DOCUMENT, &limits).expect("the fixed document parses");
    let workspace = Workspace::load(root, &files, &limits);
    for resolved in [false, true] {
        let view = workspace.view(resolved);
        for path in &compiled {
            for found in path.query(&view, view.root()) {
                // Every match is a node that exists in its document.
                let _ = workspace.value(found.loc);
            }
        }
    }
});
