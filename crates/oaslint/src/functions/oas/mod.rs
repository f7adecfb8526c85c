//! The one helper library of the native functions: reading OpenAPI
//! objects of all three versions through a [`Cursor`] (this file),
//! Zally's traversals that the Zalando functions share ([`zally`]), and the
//! list endpoints of the pagination rules ([`collections`]).

pub(crate) mod collections;
pub(crate) mod zally;

use super::pattern::JsRegex;
use crate::document::SpecFormat;
use crate::tree::{Number, Value};
use crate::workspace::Cursor;

/// The HTTP methods of an OpenAPI path item, in the order the
/// specifications list them.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The member name under which the node of `c` physically sits (after
/// following `$ref`s, so for a referenced schema its name in
/// `components.schemas`).
pub(crate) fn key_of<'a>(c: &Cursor<'a>) -> Option<&'a str> {
    let loc = c.loc();
    c.view().tree(loc.doc).key_of(loc.node).map(|(k, _)| k)
}

/// The member names of an object, without following the members'
/// `$ref`s (cheaper than [`Cursor::entries`] when only names matter).
pub(crate) fn keys<'a>(c: &Cursor<'a>) -> impl Iterator<Item = &'a str> + 'a {
    let entries: &'a [crate::tree::Entry] = match c.value() {
        Value::Object(entries) => entries,
        _ => &[],
    };
    entries.iter().map(|e| &*e.key)
}

/// Whether `c` is the physical member `key` of the root of the root
/// document (`$.paths`, `$.tags`).
pub(crate) fn is_root_member(c: &Cursor<'_>, key: &str) -> bool {
    let view = c.view();
    let loc = c.loc();
    loc.doc == 0
        && view
            .tree(0)
            .get(view.root().node, key)
            .is_some_and(|n| n == loc.node)
}

/// A string member of an object.
pub(crate) fn str_member<'a>(c: &Cursor<'a>, key: &str) -> Option<&'a str> {
    c.get(key).and_then(|m| m.as_str())
}

/// Whether an object member is the boolean `true`.
pub(crate) fn is_true(c: &Cursor<'_>, key: &str) -> bool {
    c.get(key)
        .is_some_and(|m| matches!(m.value(), Value::Bool(true)))
}

/// A numeric member of an object.
pub(crate) fn number_member(c: &Cursor<'_>, key: &str) -> Option<f64> {
    match c.get(key)?.value() {
        Value::Number(n) => Some(n.as_f64()),
        _ => None,
    }
}

/// An integer member of an object (a float with no fraction counts).
pub(crate) fn int_member(c: &Cursor<'_>, key: &str) -> Option<i64> {
    match c.get(key)?.value() {
        Value::Number(Number::Int(i)) => Some(*i),
        Value::Number(Number::Float(f)) if f.fract() == 0.0 => Some(*f as i64),
        _ => None,
    }
}

/// Whether the node is an object.
pub(crate) fn is_object(c: &Cursor<'_>) -> bool {
    matches!(c.value(), Value::Object(_))
}

/// Whether a property schema is a leaf in Zally's sense: it has no
/// (non-empty) `properties` of its own.
pub(crate) fn is_leaf_property(schema: &Cursor<'_>) -> bool {
    match schema.get("properties").map(|p| p.value()) {
        Some(Value::Object(entries)) => entries.is_empty(),
        _ => true,
    }
}

/// The non-null types a schema declares: `type: string` gives `["string"]`,
/// OpenAPI 3.1's `type: [string, "null"]` gives `["string"]`.
pub(crate) fn types<'a>(schema: &Cursor<'a>) -> Vec<&'a str> {
    let Some(t) = schema.get("type") else {
        return Vec::new();
    };
    match t.value() {
        Value::String(s) => vec![&**s],
        Value::Array(_) => t
            .items()
            .filter_map(|i| i.as_str())
            .filter(|s| *s != "null")
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a schema declares type `t` (alone or among others).
pub(crate) fn has_type(schema: &Cursor<'_>, t: &str) -> bool {
    let Some(ty) = schema.get("type") else {
        return false;
    };
    match ty.value() {
        Value::String(s) => &**s == t,
        Value::Array(_) => ty.items().any(|i| i.as_str() == Some(t)),
        _ => false,
    }
}

/// Whether a schema allows `null`: `nullable: true` (OpenAPI 3.0),
/// `"null"` among its types or `type: "null"` (3.1, JSON Schema) or
/// `x-nullable: true` (a common Swagger 2.0 extension).
pub(crate) fn is_nullable(schema: &Cursor<'_>, format: SpecFormat) -> bool {
    let null_type = match schema.get("type").map(|t| t.value()) {
        Some(Value::Array(_)) => schema
            .get("type")
            .into_iter()
            .flat_map(|t| t.items())
            .any(|i| i.as_str() == Some("null")),
        _ => false,
    };
    match format {
        SpecFormat::Swagger2 => is_true(schema, "x-nullable"),
        SpecFormat::OpenApi30 => is_true(schema, "nullable"),
        SpecFormat::OpenApi31 => null_type || is_true(schema, "nullable"),
    }
}

/// The operations of a path item, with their method names.
pub(crate) fn operations<'a>(
    path_item: &Cursor<'a>,
) -> impl Iterator<Item = (&'static str, Cursor<'a>)> + 'a {
    let item = *path_item;
    METHODS
        .into_iter()
        .filter_map(move |m| item.get(m).filter(is_object).map(|op| (m, op)))
}

/// The parameters that apply to an operation: its own, and those of its
/// path item that it does not override (same `name` and `in`). Each with
/// the path below the operation's path item that leads to it.
pub(crate) fn parameters<'a>(
    path_item: &Cursor<'a>,
    method: &str,
    operation: &Cursor<'a>,
) -> Vec<(Vec<String>, Cursor<'a>)> {
    let mut out: Vec<(Vec<String>, Cursor<'a>)> = Vec::new();
    let own: Vec<Cursor<'a>> = operation
        .get("parameters")
        .into_iter()
        .flat_map(|p| p.items())
        .collect();
    for (i, p) in own.iter().enumerate() {
        out.push((
            vec![method.to_string(), "parameters".into(), i.to_string()],
            *p,
        ));
    }
    fn key<'b>(p: &Cursor<'b>) -> (Option<&'b str>, Option<&'b str>) {
        (str_member(p, "name"), str_member(p, "in"))
    }
    if let Some(shared) = path_item.get("parameters") {
        for (i, p) in shared.items().enumerate() {
            if !own.iter().any(|o| key(o) == key(&p)) {
                out.push((vec!["parameters".into(), i.to_string()], p));
            }
        }
    }
    out
}

/// The schemas of a response or request body: OpenAPI 3's
/// `content.<media type>.schema` (with the path to each) or Swagger 2.0's
/// `schema`.
pub(crate) fn body_schemas<'a>(body: &Cursor<'a>) -> Vec<(Vec<String>, Cursor<'a>)> {
    let mut out = Vec::new();
    if let Some(content) = body.get("content") {
        for (mt, media) in content.entries() {
            if let Some(s) = media.get("schema") {
                out.push((vec!["content".into(), mt.to_string(), "schema".into()], s));
            }
        }
    } else if let Some(s) = body.get("schema") {
        out.push((vec!["schema".into()], s));
    }
    out
}

/// Whether a media type carries JSON (`application/json`, `…+json`,
/// `application/json; charset=utf-8`, `*/*`).
pub(crate) fn is_json_media_type(mt: &str) -> bool {
    let base = mt
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    base == "application/json" || base.ends_with("+json") || base == "*/*"
}

/// Whether a response key is a success (`2xx`, `2XX`) status code.
pub(crate) fn is_success_code(code: &str) -> bool {
    code.len() == 3 && code.starts_with('2')
}

/// The header names a response declares (`headers` keys).
pub(crate) fn header_names<'a>(response: &Cursor<'a>) -> Vec<&'a str> {
    response
        .get("headers")
        .into_iter()
        .flat_map(|h| h.entries().map(|(k, _)| k).collect::<Vec<_>>())
        .collect()
}

/// Compiles a regular expression that must match the whole input (as
/// Java's `String.matches` and Zally's configuration expect).
pub(crate) fn full_match(option: &str, pattern: &str) -> Result<JsRegex, String> {
    let mut re = JsRegex::compile(option, &format!("^(?:{pattern})$"))?;
    re.source = pattern.to_string();
    Ok(re)
}

/// Compiles a list of regular expressions (matching anywhere unless
/// anchored; `/…/flags` literals allowed).
pub(crate) fn regex_list(option: &str, patterns: &[String]) -> Result<Vec<JsRegex>, String> {
    patterns
        .iter()
        .map(|p| JsRegex::compile(option, p))
        .collect()
}

/// Splits a property or parameter name into lower-case words at `_`, `-`,
/// `.`, spaces and lower→upper camel-case humps (`pageSize` → `page`,
/// `size`).
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if is_separator(ch) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        cur.extend(ch.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The characters [`words`] splits at and drops.
fn is_separator(ch: char) -> bool {
    matches!(ch, '_' | '-' | '.' | ' ' | '$')
}

/// The characters of [`squash`]`(name)`, without building the string.
fn squashed(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|&ch| !is_separator(ch))
        .flat_map(char::to_lowercase)
}

/// A name normalised for comparing spellings: lower case without
/// separators (`pageSize`, `page_size`, `page-size` → `pagesize`).
pub(crate) fn squash(name: &str) -> String {
    squashed(name).collect()
}

/// Whether `name` equals `squashed` (an already squashed name) once
/// squashed, without allocating.
pub(crate) fn squash_eq(name: &str, squashed_name: &str) -> bool {
    squashed(name).eq(squashed_name.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_words() {
        assert_eq!(words("pageSize"), ["page", "size"]);
        assert_eq!(words("page_size"), ["page", "size"]);
        assert_eq!(words("X-Flow-ID"), ["x", "flow", "id"]);
        assert_eq!(words("HTTPStatus"), ["httpstatus"]);
        assert_eq!(words("created_at2"), ["created", "at2"]);
        assert_eq!(squash("Page-Size"), "pagesize");
        assert!(squash_eq("Page-Size", "pagesize"));
        assert!(squash_eq("postalCode", "postalcode"));
        assert!(!squash_eq("postal", "postalcode"));
        assert!(!squash_eq("postalCodes", "postalcode"));
    }

    #[test]
    fn media_types_and_codes() {
        assert!(is_json_media_type("application/json"));
        assert!(is_json_media_type("application/problem+json"));
        assert!(is_json_media_type("Application/JSON; charset=utf-8"));
        assert!(!is_json_media_type("application/xml"));
        assert!(is_success_code("201"));
        assert!(is_success_code("2XX"));
        assert!(!is_success_code("default"));
        assert!(!is_success_code("20"));
    }
}
