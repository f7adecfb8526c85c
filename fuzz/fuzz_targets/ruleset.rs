//! The ruleset loader: any ruleset file loads or gives a located error; a
//! ruleset that loads lints a small spec without a panic, so fuzzed
//! `functionOptions` (patterns, schemas, enumerations) reach the functions.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaslint::{FunctionRegistry, Linter, MemoryResolver, RulesetLoader};

/// A file the fuzzed ruleset may `extends: ./base.yaml`.
const BASE: &str = "rules:\n  base-title:\n    given: $.info\n    severity: warn\n    then: {field: title, function: truthy}\n";

const SPEC: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: v1, contact: {name: A, email: a@b.c}}\npaths:\n  /pets/{petId}:\n    get:\n      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: OK}}\ncomponents:\n  schemas:\n    Pet: {type: object, required: [id], properties: {id: {type: integer}, petName: {type: string, enum: [a, b]}}}\n";

fuzz_target!(|data: &[u8]| {
    let Some(text) = oaslint_fuzz::text(data) else {
        return;
    };
    let registry = FunctionRegistry::default();
    let mut files = MemoryResolver::new();
    files.insert("base.yaml", BASE);
    files.insert("spec.yaml", SPEC);
    let loader = RulesetLoader::new(&files, &registry);
    match loader.load_text("ruleset.yaml", text) {
        Ok(ruleset) => {
            let report = Linter::new(ruleset).lint("spec.yaml", SPEC, &files);
            oaslint_fuzz::check_report(&report);
        }
        Err(error) => oaslint_fuzz::check_error(&error),
    }
});
