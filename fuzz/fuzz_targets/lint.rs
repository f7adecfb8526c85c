//! A lint with the built-in `zalando` ruleset (loaded once): any spec gives
//! a report whose findings and errors are located, without a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oaslint::{FunctionRegistry, Linter, MemoryResolver, RulesetLoader};

/// A file the fuzzed spec may `$ref`.
const SCHEMAS: &str = "Pet:\n  type: object\n  properties:\n    petName: {type: string}\n    id: {$ref: '#/Id'}\nId: {type: integer, format: int32}\n";

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let registry = FunctionRegistry::default();
        let files = MemoryResolver::new();
        let ruleset = RulesetLoader::new(&files, &registry)
            .load_builtin("zalando")
            .expect("the built-in ruleset loads");
        Linter::new(ruleset)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = oaslint_fuzz::text(data) else {
        return;
    };
    let mut files = MemoryResolver::new();
    files.insert("schemas.yaml", SCHEMAS);
    let report = linter().lint("spec.yaml", text, &files);
    oaslint_fuzz::check_report(&report);
});
