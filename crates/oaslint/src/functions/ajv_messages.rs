//! Spectral's JSON Schema messages.
//!
//! Spectral validates with Ajv and words Ajv's errors in two ways: the core
//! `schema` function (and `oasSchema`/`oasExample`, which call it) passes
//! them through better-ajv-errors (`"name" property type must be string`,
//! `Property "x" is not expected to be here`, enum values with a "Did you
//! mean" suggestion, anyOf/enum noise pruned), while `oasDocumentSchema`
//! words each raw error itself. Both start from Ajv's error list, so this
//! module has three parts: [`AjvError`], an error as Ajv reports it (keyword,
//! instance path, Ajv's message text); [`from_jsonschema`], which turns the
//! `jsonschema` crate's errors into the list Ajv would report with
//! `allErrors: false`; and [`prettify`], better-ajv-errors' wording.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::ValidationError;
use serde_json::Value as J;

/// One validation error as Ajv reports it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AjvError {
    /// The failing keyword (`type`, `required`, `anyOf`, `errorMessage`, …).
    pub keyword: String,
    /// Where in the validated value, as unescaped member names / indexes.
    pub instance_path: Vec<String>,
    /// Ajv's own message (`must be string`, `must NOT have more than 1 items`).
    pub message: String,
    /// `enum`: the allowed values.
    pub allowed_values: Vec<J>,
    /// `additionalProperties`: the unexpected member.
    pub additional_property: Option<String>,
    /// Where in the schema the failing keyword is, as a JSON pointer (`/properties/a/type`).
    pub schema_path: String,
    /// `anyOf`/`oneOf`: no branch matched (Ajv's `passingSchemas` is not a
    /// list of several).
    pub none_matched: bool,
}

impl AjvError {
    /// An error with Ajv's `message` for `keyword` at `instance_path`.
    pub(crate) fn new(keyword: &str, instance_path: Vec<String>, message: String) -> AjvError {
        AjvError {
            keyword: keyword.to_string(),
            instance_path,
            message,
            allowed_values: Vec::new(),
            additional_property: None,
            schema_path: String::new(),
            none_matched: false,
        }
    }
}

/// A number as JavaScript prints it (`1`, not `1.0`).
pub(crate) fn js_number(value: &J) -> String {
    super::print_value(value)
}

/// A JSON value as `JSON.stringify` prints it.
pub(crate) fn js_json(value: &J) -> String {
    match value {
        J::Number(_) => js_number(value),
        J::Array(items) => format!(
            "[{}]",
            items.iter().map(js_json).collect::<Vec<_>>().join(",")
        ),
        J::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}:{}", J::String(k.clone()), js_json(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.to_string(),
    }
}

/// Ajv's message for a `type` error: the schema's types joined by commas.
pub(crate) fn type_message(types: &[&str]) -> String {
    format!("must be {}", types.join(","))
}

/// Ajv's `uniqueItems` message for `items`: the pair Ajv finds first.
/// Ajv walks from the last item down; with scalar item types declared in
/// the schema it remembers indexes by value (the pair reads "later
/// earlier"), else it compares each item with those before it ("earlier
/// later").
pub(crate) fn unique_items_message(items: &[J], scalar_item_types: bool) -> String {
    let (j, i) = duplicate_pair(items, scalar_item_types).unwrap_or((0, 0));
    format!("must NOT have duplicate items (items ## {j} and {i} are identical)")
}

fn duplicate_pair(items: &[J], scalar_item_types: bool) -> Option<(usize, usize)> {
    if scalar_item_types {
        let mut seen: Vec<(&J, usize)> = Vec::new();
        for i in (0..items.len()).rev() {
            if let Some((_, later)) = seen.iter().find(|(v, _)| json_equal(v, &items[i])) {
                return Some((*later, i));
            }
            seen.retain(|(v, _)| !json_equal(v, &items[i]));
            seen.push((&items[i], i));
        }
        None
    } else {
        for i in (0..items.len()).rev() {
            for j in (0..i).rev() {
                if json_equal(&items[i], &items[j]) {
                    return Some((j, i));
                }
            }
        }
        None
    }
}

/// Deep equality with numbers compared by value (`1` equals `1.0`).
pub(crate) fn json_equal(a: &J, b: &J) -> bool {
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// The value at `path` below `root`.
fn value_at<'v>(root: &'v J, path: &[String]) -> Option<&'v J> {
    let mut at = root;
    for seg in path {
        at = match at {
            J::Object(map) => map.get(seg)?,
            J::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// How Ajv's evaluation order ranks a keyword within one schema object:
/// the type check, then keywords that apply to any type, then those of
/// numbers, strings, arrays and objects, then `unevaluated*`.
fn keyword_rank(keyword: &str) -> u32 {
    match keyword {
        "type" => 0,
        "$ref" | "$dynamicRef" | "$recursiveRef" => 1,
        "const" => 2,
        "enum" => 3,
        "not" => 4,
        "anyOf" => 5,
        "oneOf" => 6,
        "allOf" => 7,
        "if" | "then" | "else" => 8,
        "maximum" => 10,
        "minimum" => 11,
        "exclusiveMaximum" => 12,
        "exclusiveMinimum" => 13,
        "multipleOf" => 14,
        "maxLength" => 20,
        "minLength" => 21,
        "pattern" => 22,
        "format" => 23,
        "maxItems" => 30,
        "minItems" => 31,
        "uniqueItems" => 32,
        "items" | "prefixItems" => 33,
        "additionalItems" => 34,
        "contains" => 35,
        "maxProperties" => 40,
        "minProperties" => 41,
        "required" => 42,
        "dependentRequired" => 43,
        "propertyNames" => 44,
        "additionalProperties" => 45,
        "dependencies" | "dependentSchemas" => 46,
        "properties" => 47,
        "patternProperties" => 48,
        "unevaluatedProperties" => 50,
        "unevaluatedItems" => 51,
        _ => 9,
    }
}

/// Keywords whose next evaluation-path segment is a name, not a keyword.
fn takes_name(keyword: &str) -> bool {
    matches!(
        keyword,
        "properties"
            | "patternProperties"
            | "dependentSchemas"
            | "dependencies"
            | "$defs"
            | "definitions"
    )
}

/// The order in which Ajv would meet an error: its evaluation path through
/// `schema`, each keyword ranked by Ajv's keyword order, each member name
/// by its place in the schema (Ajv visits `properties` in schema order),
/// each index as it is.
fn order_key(error: &ValidationError<'_>, schema: &J) -> Vec<(u32, u64)> {
    let mut key = Vec::new();
    let mut at = Some(schema);
    let mut name_of: Option<String> = None;
    for raw in error.evaluation_path().as_str().split('/').skip(1) {
        let seg = raw.replace("~1", "/").replace("~0", "~");
        if let Some(keyword) = name_of.take() {
            // A member name under `properties` and the like.
            let index = at
                .and_then(J::as_object)
                .and_then(|m| m.keys().position(|k| *k == seg))
                .unwrap_or(0);
            key.push((keyword_rank(&keyword), index as u64));
            at = at.and_then(|s| s.get(&seg));
            continue;
        }
        if let Ok(index) = seg.parse::<u64>() {
            if let Some(last) = key.last_mut() {
                let (_, i): &mut (u32, u64) = last;
                *i = index;
            }
            at = at.and_then(|s| s.get(index as usize));
            continue;
        }
        if seg == "$ref" {
            key.push((keyword_rank(&seg), 0));
            at = at
                .and_then(|s| s.get("$ref"))
                .and_then(J::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|p| schema.pointer(&crate::workspace::percent_decode(p)));
            continue;
        }
        at = at.and_then(|s| s.get(&seg));
        if takes_name(&seg) {
            name_of = Some(seg);
        } else {
            key.push((keyword_rank(&seg), 0));
        }
    }
    key
}

/// The error Ajv would report first among `errors`.
fn first<'e, 'a>(errors: &'e [ValidationError<'a>], schema: &J) -> Option<&'e ValidationError<'a>> {
    errors.iter().min_by_key(|e| order_key(e, schema))
}

fn segments(error: &ValidationError<'_>) -> Vec<String> {
    error
        .instance_path()
        .segments()
        .map(|s| s.to_string())
        .collect()
}

/// The errors Ajv reports with `allErrors: false` for the `jsonschema`
/// crate's `errors` of one value: the first error; when that is an
/// `anyOf`/`oneOf`, first the first error of every branch (nested the same
/// way), then the `anyOf`/`oneOf` error itself. With `all_errors` (Ajv's
/// `allErrors: true`), every error in Ajv's order, every branch's too.
/// `schema` is the validated schema (Ajv prints some of its values).
pub(crate) fn from_jsonschema(
    errors: &[ValidationError<'_>],
    all_errors: bool,
    instance: &J,
    schema: &J,
    out: &mut Vec<AjvError>,
) {
    for e in in_ajv_order(errors, all_errors, schema) {
        push_error(e, all_errors, instance, schema, out);
    }
}

/// The errors Ajv reports, in its order: all of them, or the first.
fn in_ajv_order<'e, 'a>(
    errors: &'e [ValidationError<'a>],
    all_errors: bool,
    schema: &J,
) -> Vec<&'e ValidationError<'a>> {
    if all_errors {
        let mut sorted: Vec<&ValidationError<'a>> = errors.iter().collect();
        sorted.sort_by_cached_key(|e| order_key(e, schema));
        sorted
    } else {
        first(errors, schema).into_iter().collect()
    }
}

fn push_error(
    error: &ValidationError<'_>,
    all_errors: bool,
    instance: &J,
    schema: &J,
    out: &mut Vec<AjvError>,
) {
    let path = segments(error);
    let schema_path = error.schema_path().as_str().to_string();
    let at_schema = |pointer: &str| schema.pointer(pointer);
    let keyword_schema = at_schema(&schema_path);
    let parent_schema = schema_path
        .rsplit_once('/')
        .and_then(|(parent, _)| at_schema(parent));
    let mut push = |keyword: &str, message: String| {
        let mut e = AjvError::new(keyword, path.clone(), message);
        e.schema_path = schema_path.clone();
        out.push(e);
    };
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            // Ajv prints the schema's `type` as written.
            let names: Vec<String> = match keyword_schema {
                Some(J::String(t)) => vec![t.clone()],
                Some(J::Array(ts)) => ts
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect(),
                _ => match kind {
                    TypeKind::Single(t) => vec![t.as_str().to_string()],
                    TypeKind::Multiple(set) => set.iter().map(|t| t.as_str().to_string()).collect(),
                },
            };
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            push("type", type_message(&names));
        }
        ValidationErrorKind::Required { property } => push(
            "required",
            format!(
                "must have required property '{}'",
                property
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| property.to_string())
            ),
        ),
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let (keyword, message) = match error.kind() {
                ValidationErrorKind::AdditionalProperties { .. } => (
                    "additionalProperties",
                    "must NOT have additional properties",
                ),
                _ => (
                    "unevaluatedProperties",
                    "must NOT have unevaluated properties",
                ),
            };
            // Ajv stops at the first one without `allErrors`.
            let shown = if all_errors { unexpected.len() } else { 1 };
            for name in unexpected.iter().take(shown) {
                let mut e = AjvError::new(keyword, path.clone(), message.to_string());
                e.additional_property = Some(name.clone());
                e.schema_path = schema_path.clone();
                out.push(e);
            }
        }
        ValidationErrorKind::Enum { options } => {
            let mut e = AjvError::new(
                "enum",
                path.clone(),
                "must be equal to one of the allowed values".to_string(),
            );
            e.allowed_values = options.as_array().cloned().unwrap_or_default();
            e.schema_path = schema_path.clone();
            out.push(e);
        }
        ValidationErrorKind::Constant { .. } => push("const", "must be equal to constant".into()),
        ValidationErrorKind::Pattern { pattern } => {
            push("pattern", format!("must match pattern \"{pattern}\""))
        }
        ValidationErrorKind::Format { format } => {
            push("format", format!("must match format \"{format}\""))
        }
        ValidationErrorKind::Maximum { limit } => {
            // Draft 4's boolean `exclusiveMaximum` makes `maximum` strict.
            let strict = parent_schema
                .and_then(|s| s.get("exclusiveMaximum"))
                .and_then(J::as_bool)
                == Some(true);
            let op = if strict { "<" } else { "<=" };
            push("maximum", format!("must be {op} {}", js_number(limit)))
        }
        ValidationErrorKind::Minimum { limit } => {
            let strict = parent_schema
                .and_then(|s| s.get("exclusiveMinimum"))
                .and_then(J::as_bool)
                == Some(true);
            let op = if strict { ">" } else { ">=" };
            push("minimum", format!("must be {op} {}", js_number(limit)))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => push(
            "exclusiveMaximum",
            format!("must be < {}", js_number(limit)),
        ),
        ValidationErrorKind::ExclusiveMinimum { limit } => push(
            "exclusiveMinimum",
            format!("must be > {}", js_number(limit)),
        ),
        ValidationErrorKind::MultipleOf { multiple_of } => push(
            "multipleOf",
            format!(
                "must be multiple of {}",
                js_number(&serde_json::json!(multiple_of))
            ),
        ),
        ValidationErrorKind::MinLength { limit } => push(
            "minLength",
            format!("must NOT have fewer than {limit} characters"),
        ),
        ValidationErrorKind::MaxLength { limit } => push(
            "maxLength",
            format!("must NOT have more than {limit} characters"),
        ),
        ValidationErrorKind::MinItems { limit } => push(
            "minItems",
            format!("must NOT have fewer than {limit} items"),
        ),
        ValidationErrorKind::MaxItems { limit } => {
            push("maxItems", format!("must NOT have more than {limit} items"))
        }
        ValidationErrorKind::AdditionalItems { limit } => push(
            "additionalItems",
            format!("must NOT have more than {limit} items"),
        ),
        ValidationErrorKind::UnevaluatedItems { .. } => {
            let len = parent_schema
                .and_then(|s| s.get("prefixItems").or_else(|| s.get("items")))
                .and_then(J::as_array)
                .map_or(0, Vec::len);
            push(
                "unevaluatedItems",
                format!("must NOT have more than {len} items"),
            )
        }
        ValidationErrorKind::MinProperties { limit } => push(
            "minProperties",
            format!("must NOT have fewer than {limit} properties"),
        ),
        ValidationErrorKind::MaxProperties { limit } => push(
            "maxProperties",
            format!("must NOT have more than {limit} properties"),
        ),
        ValidationErrorKind::UniqueItems => {
            let items = value_at(instance, &path)
                .and_then(J::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let scalar = parent_schema
                .and_then(|s| s.get("items"))
                .and_then(|i| i.get("type"))
                .is_some_and(|t| {
                    let scalar = |t: &J| {
                        matches!(
                            t.as_str(),
                            Some("string" | "number" | "integer" | "boolean" | "null")
                        )
                    };
                    match t {
                        J::Array(ts) => ts.iter().all(scalar),
                        t => scalar(t),
                    }
                });
            push("uniqueItems", unique_items_message(items, scalar))
        }
        ValidationErrorKind::Contains => {
            let min = parent_schema
                .and_then(|s| s.get("minContains"))
                .map_or_else(|| "1".to_string(), js_number);
            push(
                "contains",
                format!("must contain at least {min} valid item(s)"),
            )
        }
        ValidationErrorKind::Not { .. } => push("not", "must NOT be valid".into()),
        ValidationErrorKind::AnyOf { context } => {
            for branch in context {
                for e in in_ajv_order(branch, all_errors, schema) {
                    push_error(e, all_errors, instance, schema, out);
                }
            }
            let mut e = AjvError::new("anyOf", path, "must match a schema in anyOf".into());
            e.schema_path = schema_path;
            e.none_matched = true;
            out.push(e);
        }
        ValidationErrorKind::OneOfNotValid { context } => {
            for branch in context {
                for e in in_ajv_order(branch, all_errors, schema) {
                    push_error(e, all_errors, instance, schema, out);
                }
            }
            let mut e = AjvError::new(
                "oneOf",
                path,
                "must match exactly one schema in oneOf".into(),
            );
            e.schema_path = schema_path;
            e.none_matched = true;
            out.push(e);
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            push("oneOf", "must match exactly one schema in oneOf".into())
        }
        ValidationErrorKind::FalseSchema => push("false schema", "boolean schema is false".into()),
        ValidationErrorKind::PropertyNames { error: inner } => {
            // Ajv reports the name's own error, then `propertyNames`.
            push_error(inner, all_errors, instance, schema, out);
            if let Some(last) = out.last_mut() {
                last.instance_path = path.clone();
            }
            let mut e = AjvError::new("propertyNames", path, "property name must be valid".into());
            e.schema_path = schema_path;
            out.push(e);
        }
        ValidationErrorKind::ContentEncoding { content_encoding } => push(
            "contentEncoding",
            format!("must be valid \"{content_encoding}\" content"),
        ),
        ValidationErrorKind::ContentMediaType { content_media_type } => push(
            "contentMediaType",
            format!("must be valid \"{content_media_type}\" content"),
        ),
        ValidationErrorKind::FromUtf8 { .. } => {
            push("contentEncoding", "must decode to valid UTF-8".into())
        }
        ValidationErrorKind::Referencing(e) => push("$ref", e.to_string()),
        ValidationErrorKind::Custom { keyword, message } => push(keyword, message.clone()),
        ValidationErrorKind::RegexEngineFailure { message } => push("pattern", message.clone()),
        ValidationErrorKind::BacktrackLimitExceeded { error } => push("pattern", error.to_string()),
    }
}

/// What better-ajv-errors names an error at the validated value itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subject<'s> {
    /// The value is the document root: named by its JavaScript type
    /// (`Object`, `String`, …; `type` errors say `Value type`).
    Root,
    /// The value is a member or item; its name (the last segment of its
    /// path) is this.
    Named(&'s str),
}

/// One message better-ajv-errors makes, at `path` below the validated value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pretty {
    /// The message, suggestion included.
    pub message: String,
    /// Where, below the validated value.
    pub path: Vec<String>,
}

/// Ajv's message cleaned the way Spectral prints it: quotes made double,
/// `NOT` lower-cased.
pub(crate) fn clean(message: &str) -> String {
    message.replace('\'', "\"").replace("NOT", "not")
}

/// JavaScript's `typeof`, capitalised.
fn js_type_name(value: Option<&J>) -> &'static str {
    match value {
        None => "Undefined",
        Some(J::String(_)) => "String",
        Some(J::Number(_)) => "Number",
        Some(J::Bool(_)) => "Boolean",
        Some(_) => "Object",
    }
}

/// A JSON pointer segment escaped (`~0`, `~1`), as Ajv's instance paths
/// spell member names.
fn escape(seg: &str) -> String {
    seg.replace('~', "~0").replace('/', "~1")
}

/// The Levenshtein distance, counted in UTF-16 code units as JavaScript's
/// `leven` does.
pub(crate) fn leven(a: &str, b: &str) -> usize {
    let a: Vec<u16> = a.encode_utf16().collect();
    let b: Vec<u16> = b.encode_utf16().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The allowed string closest to `value` — when only one value is allowed,
/// or when fewer edits than its length separate them.
pub(crate) fn best_match<'v>(value: &str, allowed: &'v [J]) -> Option<&'v str> {
    let mut matches: Vec<(&str, usize)> = allowed
        .iter()
        .filter_map(J::as_str)
        .map(|s| (s, leven(s, value)))
        .collect();
    // A stable sort keeps the first of equally close values.
    matches.sort_by_key(|(_, weight)| *weight);
    let (best, weight) = *matches.first()?;
    (allowed.len() == 1 || weight < best.encode_utf16().count()).then_some(best)
}

/// A node of better-ajv-errors' error tree: errors grouped by where they
/// are, keyed by pieces of the instance path.
#[derive(Default)]
struct Node {
    children: Vec<(String, Node)>,
    errors: Vec<AjvError>,
    /// Errors deleted by the `anyOf` pruning (the node stays).
    errors_removed: bool,
}

impl Node {
    fn child(&mut self, key: &str) -> &mut Node {
        if let Some(i) = self.children.iter().position(|(k, _)| k == key) {
            return &mut self.children[i].1;
        }
        self.children.push((key.to_string(), Node::default()));
        &mut self.children.last_mut().expect("just pushed").1
    }
}

/// better-ajv-errors' tree keys for an instance path: each `/name`
/// (letters, digits, `_`, `$`, `-`) with a following `/index` glued on;
/// other segments are skipped.
fn tree_keys(instance_path: &[String]) -> Vec<String> {
    if instance_path.is_empty() {
        return vec![String::new()];
    }
    let pointer: String = instance_path
        .iter()
        .map(|s| format!("/{}", escape(s)))
        .collect();
    let bytes = pointer.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'-';
    let mut keys = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'/' && i + 1 < bytes.len() && word(bytes[i + 1]) {
            let start = i;
            i += 1;
            while i < bytes.len() && word(bytes[i]) {
                i += 1;
            }
            // An optional `/digits` glued on.
            if i + 1 < bytes.len() && bytes[i] == b'/' && bytes[i + 1].is_ascii_digit() {
                let mut k = i + 1;
                while k < bytes.len() && bytes[k].is_ascii_digit() {
                    k += 1;
                }
                i = k;
            }
            keys.push(pointer[start..i].to_string());
        } else {
            i += 1;
        }
    }
    keys
}

fn prune(node: &mut Node) {
    if node.errors.iter().any(|e| e.keyword == "anyOf") && !node.children.is_empty() {
        node.errors.clear();
        node.errors_removed = true;
    }
    let keys: Vec<String> = node.children.iter().map(|(k, _)| k.clone()).collect();
    for key in keys {
        let Some(i) = node.children.iter().position(|(k, _)| *k == key) else {
            continue;
        };
        let only_enum = {
            let child = &node.children[i].1;
            !child.errors.is_empty() && child.errors.iter().all(|e| e.keyword == "enum")
        };
        // Any sibling at all makes an enum-only node redundant (in
        // better-ajv-errors an emptied error list still counts).
        if only_enum && node.children.len() > 1 {
            node.children.remove(i);
            continue;
        }
        prune(&mut node.children[i].1);
    }
}

fn collect<'e>(node: &'e Node, out: &mut Vec<Vec<&'e AjvError>>) {
    if !node.errors.is_empty() && node.errors.iter().all(|e| e.keyword == "enum") {
        out.push(node.errors.iter().collect());
        return;
    }
    for e in &node.errors {
        out.push(vec![e]);
    }
    for (_, child) in &node.children {
        collect(child, out);
    }
}

/// better-ajv-errors' messages for Ajv's `errors` of `value`: one per
/// error after pruning (an `anyOf` error where deeper errors explain it,
/// enum errors next to other errors), enum errors at one place merged.
pub(crate) fn prettify(errors: &[AjvError], value: &J, subject: Subject<'_>) -> Vec<Pretty> {
    let mut root = Node::default();
    for e in errors {
        let mut node = &mut root;
        for key in tree_keys(&e.instance_path) {
            node = node.child(&key);
        }
        node.errors.push(e.clone());
    }
    prune(&mut root);
    let mut groups = Vec::new();
    collect(&root, &mut groups);
    // Spectral's `schema` then names array items and explains combinators
    // that matched nothing.
    let unmatched: Vec<&AjvError> = errors
        .iter()
        .filter(|e| matches!(e.keyword.as_str(), "anyOf" | "oneOf") && e.none_matched)
        .collect();
    groups
        .into_iter()
        .map(|group| {
            let mut p = pretty_one(&group, value, subject);
            p.message = describe_array_item(p.message, &p.path);
            if let Some(e) = unmatched.iter().rev().find(|e| e.instance_path == p.path) {
                if p.message.ends_with(&format!(" in {}", e.keyword)) {
                    p.message.push_str(
                        ". None of the schemas matched, see the other errors reported for this value",
                    );
                }
            }
            p
        })
        .collect()
}

/// `"3" property …` at an array item reads `Item at index 3 …`.
fn describe_array_item(message: String, path: &[String]) -> String {
    let Some(index) = path
        .last()
        .filter(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
    else {
        return message;
    };
    let prefix = format!("\"{index}\" property");
    match message.strip_prefix(&prefix) {
        Some(rest) => {
            let rest = rest.strip_prefix(" type").unwrap_or(rest);
            format!("Item at index {index}{rest}")
        }
        None => message,
    }
}

fn pretty_one(group: &[&AjvError], value: &J, subject: Subject<'_>) -> Pretty {
    let error = group[0];
    let path = error.instance_path.clone();
    let name = match path.last() {
        // better-ajv-errors takes the text after the pointer's last `/`.
        Some(last) => Some(escape(last)),
        None => match subject {
            Subject::Named(n) => Some(n.to_string()),
            Subject::Root => None,
        },
    };
    let pretty_name = || match &name {
        Some(n) => format!("\"{n}\" property"),
        None => js_type_name(value_at(value, &path)).to_string(),
    };
    let message = match error.keyword.as_str() {
        "enum" => {
            let mut allowed: Vec<&J> = Vec::new();
            for e in group {
                for v in &e.allowed_values {
                    if !allowed.contains(&v) {
                        allowed.push(v);
                    }
                }
            }
            let printed: Vec<String> = allowed
                .iter()
                .map(|v| match v {
                    J::String(s) => format!("\"{s}\""),
                    other => js_json(other),
                })
                .collect();
            let mut message = format!(
                "{} {}: {}",
                pretty_name(),
                error.message,
                printed.join(", ")
            );
            if let Some(J::String(current)) = value_at(value, &path) {
                let owned: Vec<J> = allowed.into_iter().cloned().collect();
                if let Some(best) = best_match(current, &owned) {
                    message.push_str(&format!(". Did you mean \"{best}\"?"));
                }
            }
            message
        }
        "additionalProperties" => format!(
            "Property \"{}\" is not expected to be here",
            error.additional_property.as_deref().unwrap_or_default()
        ),
        "type" => match &name {
            Some(n) => format!("\"{n}\" property type {}", error.message),
            None => format!("Value type {}", error.message),
        },
        "errorMessage" => error.message.clone(),
        _ => format!("{} {}", pretty_name(), clean(&error.message)),
    };
    Pretty { message, path }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(keyword: &str, path: &[&str], message: &str) -> AjvError {
        AjvError::new(
            keyword,
            path.iter().map(|s| s.to_string()).collect(),
            message.to_string(),
        )
    }

    #[test]
    fn names_the_subject_like_better_ajv_errors() {
        let e = err("type", &[], "must be string");
        let v = json!(2);
        assert_eq!(
            prettify(std::slice::from_ref(&e), &v, Subject::Root)[0].message,
            "Value type must be string"
        );
        assert_eq!(
            prettify(&[e], &v, Subject::Named("servers"))[0].message,
            "\"servers\" property type must be string"
        );
        let e = err("maxItems", &[], "must NOT have more than 1 items");
        assert_eq!(
            prettify(&[e], &json!(["1", "2"]), Subject::Root)[0].message,
            "Object must not have more than 1 items"
        );
        let e = err("maximum", &[], "must be < 2");
        assert_eq!(
            prettify(&[e], &json!(2), Subject::Root)[0].message,
            "Number must be < 2"
        );
    }

    #[test]
    fn enum_suggests_the_closest_value() {
        let mut e = err("enum", &[], "must be equal to one of the allowed values");
        e.allowed_values = vec![json!("foo"), json!("bar")];
        assert_eq!(
            prettify(&[e.clone()], &json!("baz"), Subject::Root)[0].message,
            "String must be equal to one of the allowed values: \"foo\", \"bar\". Did you mean \"bar\"?"
        );
        assert_eq!(
            prettify(&[e], &json!("three"), Subject::Root)[0].message,
            "String must be equal to one of the allowed values: \"foo\", \"bar\""
        );
    }

    #[test]
    fn prunes_any_of_noise() {
        let errors = vec![
            err("type", &["a", "b"], "must be string"),
            err("anyOf", &["a"], "must match a schema in anyOf"),
        ];
        let out = prettify(&errors, &json!({"a": {"b": 1}}), Subject::Root);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message, "\"b\" property type must be string");
        assert_eq!(out[0].path, vec!["a", "b"]);
    }

    #[test]
    fn tree_keys_glue_indexes_and_skip_odd_names() {
        assert_eq!(
            tree_keys(&["tags".into(), "1".into()]),
            vec!["/tags/1".to_string()]
        );
        assert_eq!(
            tree_keys(&["paths".into(), "/pets".into(), "get".into()]),
            vec!["/paths".to_string(), "/get".to_string()]
        );
    }

    #[test]
    fn unique_items_pairs() {
        let items = [json!("a"), json!("c"), json!("a")];
        assert_eq!(
            unique_items_message(&items, false),
            "must NOT have duplicate items (items ## 0 and 2 are identical)"
        );
        assert_eq!(
            unique_items_message(&items, true),
            "must NOT have duplicate items (items ## 2 and 0 are identical)"
        );
    }
}
