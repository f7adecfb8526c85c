//! Scalar values under the YAML 1.2 core schema: which plain scalars are
//! null, booleans, integers and floats, and what the core tags (`!!str`,
//! `!!int`, …) require.
//!
//! Separate from the tree builder because it is a pure function of a
//! scalar's text, style and tag, with rules of its own (YAML 1.1 forms such
//! as `yes` and `0777` stay strings or decimals).

use saphyr_parser::{ScalarStyle, Tag};

use crate::tree::{Number, Value};

/// The core-schema name (`str`, `int`, …) of a tag, if it is one. The
/// non-specific tag `!` means "string" for a scalar.
fn core_tag(tag: &Tag) -> Option<&str> {
    const CORE: &str = "tag:yaml.org,2002:";
    if tag.handle == CORE {
        Some(&tag.suffix)
    } else if tag.handle.is_empty() && tag.suffix == "!" {
        Some("str")
    } else if tag.handle.is_empty() || tag.handle == "!" {
        // Verbatim `!<tag:yaml.org,2002:str>`.
        tag.suffix.strip_prefix(CORE)
    } else {
        None
    }
}

/// The value of a scalar under the YAML 1.2 core schema. Only plain scalars
/// are resolved; quoted and block scalars are strings unless a core tag says
/// otherwise.
pub(super) fn resolve(raw: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    let bad = |what: &str| format!("'{raw}' is not a valid {what}");
    match tag.and_then(core_tag) {
        Some("str") => Ok(Value::String(raw.into())),
        Some("null") => match raw {
            "" | "~" | "null" | "Null" | "NULL" => Ok(Value::Null),
            _ => Err(bad("!!null")),
        },
        Some("bool") => match resolve_bool(raw) {
            Some(b) => Ok(Value::Bool(b)),
            None => Err(bad("!!bool")),
        },
        Some("int") => match resolve_int(raw) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(bad("!!int")),
        },
        Some("float") => match resolve_float(raw).or_else(|| resolve_int(raw)) {
            Some(n) => Ok(Value::Number(Number::Float(n.as_f64()))),
            None => Err(bad("!!float")),
        },
        _ if style == ScalarStyle::Plain => Ok(resolve_plain(raw)),
        _ => Ok(Value::String(raw.into())),
    }
}

fn resolve_bool(raw: &str) -> Option<bool> {
    match raw {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// YAML 1.2 core schema resolution of an untagged plain scalar. YAML 1.1
/// forms (`yes`, `on`, `0777` as octal, `1_000`) stay strings or decimals,
/// as in every 1.2 tool, so `on: [push]` keeps its key.
pub(crate) fn resolve_plain(raw: &str) -> Value {
    match raw {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        _ => {}
    }
    if let Some(b) = resolve_bool(raw) {
        return Value::Bool(b);
    }
    // Numbers start with a digit, a sign or a dot; skip the rest cheaply.
    match raw.as_bytes()[0] {
        b'0'..=b'9' | b'-' | b'+' | b'.' => {}
        _ => return Value::String(raw.into()),
    }
    if let Some(n) = resolve_int(raw).or_else(|| resolve_float(raw)) {
        return Value::Number(n);
    }
    Value::String(raw.into())
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`. Integers beyond `i64`
/// become the nearest float, as in JSON.
fn resolve_int(raw: &str) -> Option<Number> {
    let radix_digits = |digits: &str, radix: u32| -> Option<Number> {
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        Some(match i64::from_str_radix(digits, radix) {
            Ok(v) => Number::Int(v),
            Err(_) => Number::Float(digits.chars().fold(0f64, |acc, c| {
                acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
            })),
        })
    };
    if let Some(oct) = raw.strip_prefix("0o") {
        return radix_digits(oct, 8);
    }
    if let Some(hex) = raw.strip_prefix("0x") {
        return radix_digits(hex, 16);
    }
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(v) => Some(Number::Int(v)),
        Err(_) => raw.parse::<f64>().ok().map(Number::Float),
    }
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` and
/// `.nan` in their three spellings. Checked by hand because Rust's `f64`
/// parser also accepts `inf`, `NaN` and `infinity`, which YAML does not.
fn resolve_float(raw: &str) -> Option<Number> {
    let unsigned = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    let negative = raw.starts_with('-');
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(Number::Float(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }))
        }
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == raw.len() => {
            return Some(Number::Float(f64::NAN))
        }
        _ => {}
    }
    let b = unsigned.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let int_digits = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac = digits(&mut i);
        if int_digits == 0 && frac == 0 {
            return None;
        }
    } else if int_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    raw.parse::<f64>().ok().map(Number::Float)
}
