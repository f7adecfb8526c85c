//! Native functions of the built-in `spectral:oas` ruleset: Spectral's own
//! functions of its OpenAPI ruleset, under their Spectral names, with the
//! same semantics and messages (`rulesets/spectral-oas/ruleset.yaml` calls
//! them). One file per function; this file holds what several share:
//! Spectral's walk over the operations and JavaScript's string and number
//! conversions that its messages and comparisons rely on.
//!
//! The schema-based functions are in their own files, written separately:
//! `document_schema.rs` (`oasDocumentSchema`, rules `oas2-schema` and
//! `oas3-schema`), `example.rs` (`oasExample`, the `*-valid-*-example`
//! rules) and `oas_schema.rs` (`oasSchema`, `duplicated-entry-in-enum`).

pub(crate) mod discriminator;
pub(crate) mod document_schema;
pub(crate) mod example;
pub(crate) mod oas_schema;
pub(crate) mod op_form_data_consume_check;
pub(crate) mod op_id_unique;
pub(crate) mod op_params;
pub(crate) mod op_success_response;
pub(crate) mod path_param;
pub(crate) mod ref_siblings;
pub(crate) mod security_defined;
pub(crate) mod server_variables;
pub(crate) mod tag_defined;
pub(crate) mod uniqueness_tags;
pub(crate) mod unused_component;

use crate::tree::{Number, Value};
use crate::workspace::Cursor;

/// The keys Spectral treats as operations of a path item (its
/// `getAllOperations`; `parameters`, `servers` and `x-` keys are not).
const OPERATION_KEYS: [&str; 8] = [
    "get", "head", "post", "put", "patch", "delete", "options", "trace",
];

/// One operation of a `paths` object, as Spectral's `getAllOperations`
/// yields them: in document order of paths, then of the path item's keys.
pub(crate) struct Operation<'a> {
    /// The path key (`/pets/{id}`).
    pub path: &'a str,
    /// The method key as written (`get`).
    pub method: &'a str,
    /// The operation object.
    pub value: Cursor<'a>,
}

/// The operations of a `paths` object: each path item that is an object,
/// each of its keys that is an HTTP method and whose value is an object.
pub(crate) fn all_operations<'a>(paths: &Cursor<'a>) -> Vec<Operation<'a>> {
    let mut out = Vec::new();
    for (path, item) in paths.entries() {
        if !is_plain_object(&item) {
            continue;
        }
        for (method, value) in item.entries() {
            if OPERATION_KEYS.contains(&method) && is_plain_object(&value) {
                out.push(Operation {
                    path,
                    method,
                    value,
                });
            }
        }
    }
    out
}

/// Whether the node is a mapping (JavaScript's plain object).
/// How a JSON Schema keyword holds subschemas, for the walks over a
/// schema's subschemas (`oasExample`, `oasSchema`).
pub(crate) enum SubschemaSlot {
    /// A map of names to schemas (`properties`, `$defs`, …).
    Map,
    /// A list of schemas (`allOf`, `prefixItems`, …).
    List,
    /// `items`: one schema or (draft 4–2019) a list of them.
    OneOrList,
    /// One schema (`not`, `additionalProperties`, …).
    One,
}

/// Where `keyword` holds subschemas, if it does.
pub(crate) fn subschema_slot(keyword: &str) -> Option<SubschemaSlot> {
    Some(match keyword {
        "properties" | "patternProperties" | "definitions" | "$defs" | "dependentSchemas" => {
            SubschemaSlot::Map
        }
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => SubschemaSlot::List,
        "items" => SubschemaSlot::OneOrList,
        "additionalProperties"
        | "additionalItems"
        | "not"
        | "if"
        | "then"
        | "else"
        | "contains"
        | "propertyNames"
        | "unevaluatedProperties"
        | "unevaluatedItems" => SubschemaSlot::One,
        _ => return None,
    })
}

pub(crate) fn is_plain_object(c: &Cursor<'_>) -> bool {
    matches!(c.value(), Value::Object(_))
}

/// Whether the node is a mapping or a sequence (Spectral's `isObject`:
/// not null, `typeof` object).
pub(crate) fn is_object(c: &Cursor<'_>) -> bool {
    matches!(c.value(), Value::Object(_) | Value::Array(_))
}

/// A scalar as JavaScript's `String(value)` writes it; mappings are
/// `[object Object]`, sequences their items joined by commas.
pub(crate) fn js_string(c: &Cursor<'_>) -> String {
    match c.value() {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => js_number(*n),
        Value::String(s) => s.to_string(),
        Value::Array(_) => c
            .items()
            .map(|i| match i.value() {
                Value::Null => String::new(),
                _ => js_string(&i),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

/// A number as JavaScript prints it (`2`, not `2.0`).
fn js_number(n: Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        Number::Float(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{}", f as i128),
        Number::Float(f) => f.to_string(),
    }
}

/// A string as JavaScript's `Number(s)` reads it, for the comparisons
/// Spectral makes on response codes: surrounding white space ignored, the
/// empty string is 0, `0x`/`0o`/`0b` prefixes, anything else unparsable
/// is NaN.
pub(crate) fn js_to_number(s: &str) -> f64 {
    let t = s.trim();
    if t.is_empty() {
        return 0.0;
    }
    let radix = |prefix: [&str; 2], radix: u32| {
        prefix.iter().find_map(|p| t.strip_prefix(p)).map(|digits| {
            u64::from_str_radix(digits, radix)
                .map(|v| v as f64)
                .unwrap_or(f64::NAN)
        })
    };
    if let Some(v) = radix(["0x", "0X"], 16)
        .or_else(|| radix(["0o", "0O"], 8))
        .or_else(|| radix(["0b", "0B"], 2))
    {
        return v;
    }
    // Rust also reads `inf` and `nan`, which JavaScript does not.
    let body = t.trim_start_matches(['+', '-']);
    if body.starts_with(|c: char| c.is_ascii_alphabetic()) && body != "Infinity" {
        return f64::NAN;
    }
    let t = t.replace("Infinity", "inf");
    t.parse::<f64>().unwrap_or(f64::NAN)
}

/// Whether two values are equal as JavaScript's `===` compares parsed
/// JSON: scalars by value, mappings and sequences never (they are distinct
/// objects).
pub(crate) fn strict_equals(a: &Cursor<'_>, b: &Cursor<'_>) -> bool {
    match (a.value(), b.value()) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_javascript_does() {
        assert_eq!(js_to_number("200"), 200.0);
        assert_eq!(js_to_number(" 201 "), 201.0);
        assert_eq!(js_to_number(""), 0.0);
        assert_eq!(js_to_number("0xC8"), 200.0);
        assert_eq!(js_to_number("2e2"), 200.0);
        assert!(js_to_number("2XX").is_nan());
        assert!(js_to_number("default").is_nan());
        assert!(js_to_number("inf").is_nan());
        assert_eq!(js_number(Number::Float(2.0)), "2");
        assert_eq!(js_number(Number::Float(2.5)), "2.5");
    }
}
