//! Bundled JSON Schemas (rules 101 and 176): compiled once per process,
//! their errors turned into outcomes located at the failing value.
//!
//! Every validator is `jsonschema`'s over `serde_json` values: a second
//! instance over the document tree (validating it in place) doubled
//! `jsonschema`'s code in the WebAssembly module, 0.5 MB before
//! `wasm-opt` (docs/decisions.md, "Session 10"); the copy it saved costs
//! less than that is worth in the browser.

use crate::functions::{print_value, Outcome};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError, Validator};

/// Compiles a bundled schema. Formats are not asserted (the OpenAPI
/// schemas' `uri-reference`, `email` and `regex` would flag values that
/// tools accept, and ECMAScript patterns in Rust's regex dialect).
pub(crate) fn compile(name: &str, text: &str, draft: Draft) -> Validator {
    jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(false)
        .build(&schema_value(name, text))
        .unwrap_or_else(|e| panic!("bundled schema {name}: {e}"))
}

fn schema_value(name: &str, text: &str) -> serde_json::Value {
    let mut schema: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("bundled schema {name}: {e}"));
    if let serde_json::Value::Object(map) = &mut schema {
        // The draft is fixed; its meta-schema is built in, nothing is fetched.
        map.remove("$schema");
    }
    schema
}

/// The outcomes of validating `instance`: one per error (one per property
/// for unexpected properties), at the error's path below `base`, with
/// `prefix` before the message.
pub(crate) fn outcomes(
    validator: &Validator,
    instance: &serde_json::Value,
    base: &[String],
    prefix: &str,
    out: &mut Vec<Outcome>,
) {
    for error in validator.iter_errors(instance) {
        let mut path = base.to_vec();
        path.extend(error.instance_path().segments().map(|s| s.to_string()));
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                for name in unexpected {
                    let mut p = path.clone();
                    p.push(name.clone());
                    out.push(
                        Outcome::new(format!("{prefix}property \"{name}\" is not allowed")).at(p),
                    );
                }
            }
            _ => out.push(Outcome::new(format!("{prefix}{}", describe(&error))).at(path)),
        }
    }
}

/// A short predicate on the failing value: the `schema` function's
/// wording, except where rule 101's messages were written differently.
fn describe(error: &ValidationError<'_>) -> String {
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let names: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![t.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            format!("must be {}", names.join(" or "))
        }
        ValidationErrorKind::Enum { options } => match &**options {
            serde_json::Value::Array(items) => format!(
                "must be one of {}",
                items.iter().map(print_value).collect::<Vec<_>>().join(", ")
            ),
            other => format!("must be {}", print_value(other)),
        },
        ValidationErrorKind::AnyOf { context } => {
            // `anyOf: [{required: [a]}, {required: [b]}]`: name them.
            let required: Option<Vec<String>> = context
                .iter()
                .map(|branch| match branch.as_slice() {
                    [e] => match e.kind() {
                        ValidationErrorKind::Required { property } => Some(print_value(property)),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            match required {
                Some(names) if !names.is_empty() => {
                    format!(
                        "must have at least one of the properties {}",
                        names.join(", ")
                    )
                }
                _ => "must match one of the allowed shapes (anyOf)".into(),
            }
        }
        ValidationErrorKind::OneOfNotValid { .. } => {
            "must match exactly one of the allowed shapes (oneOf), but matches none".into()
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            "must match exactly one of the allowed shapes (oneOf), but matches several".into()
        }
        ValidationErrorKind::PropertyNames { error } => format!(
            "property name {} {}",
            print_value(error.instance()),
            describe(error)
        ),
        _ => crate::functions::schema::describe(error),
    }
}
