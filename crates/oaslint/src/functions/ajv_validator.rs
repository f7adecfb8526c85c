//! A JSON Schema validator that reports errors the way Ajv does with
//! `allErrors: true` and the ajv-errors plugin: every error, each with Ajv's
//! keyword, message, instance path and schema path, and `errorMessage`
//! keywords replacing the errors they cover.
//!
//! Spectral's `oasDocumentSchema` validates a whole document against its own
//! OpenAPI schemas (`rulesets/spectral-oas/schemas/`), which rely on exactly
//! these behaviours: `if`/`then`/`else` chains ending in `not: true` with an
//! `errorMessage`, so that a wrong Parameter Object yields one sentence
//! instead of every branch's complaint. The `jsonschema` crate validates
//! well but neither reports Ajv's error list nor knows `errorMessage`, so
//! this small validator covers the keywords those schemas use (draft 4 to
//! 2020-12 keywords, local and cross-schema `$ref`s by `$id`).
//!
//! Ajv details it keeps:
//! - a `$ref`'d schema reports schema paths relative to itself (`#/required`),
//!   so an `errorMessage` never covers errors that come through a `$ref`;
//! - errors inside `if` and `not` are not reported; a failing `then`/`else`
//!   adds an `if` error after its own;
//! - a passing `anyOf`/`oneOf` drops its branches' errors.

use super::ajv_messages::{json_equal, AjvError};
use crate::js_regex::JsPattern;
use serde_json::{Map, Value as J};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Schemas that `$ref` each other by `$id`.
pub(crate) struct SchemaSet {
    resources: HashMap<String, J>,
}

/// An `$id` without its empty fragment.
fn resource_key(id: &str) -> &str {
    id.strip_suffix('#').unwrap_or(id)
}

impl SchemaSet {
    /// The set of `schemas`, each known by its `$id`.
    pub(crate) fn new(schemas: impl IntoIterator<Item = J>) -> SchemaSet {
        let mut resources = HashMap::new();
        for s in schemas {
            if let Some(id) = s.get("$id").and_then(J::as_str) {
                resources.insert(resource_key(id).to_string(), s.clone());
            }
        }
        SchemaSet { resources }
    }

    /// Validates `data` against the schema `id`: Ajv's errors, in its order.
    pub(crate) fn validate(&self, id: &str, data: &J) -> Vec<AjvError> {
        let Some((key, schema)) = self.resources.get_key_value(resource_key(id)) else {
            return Vec::new();
        };
        let mut run = Run {
            set: self,
            errors: Vec::new(),
            create: true,
            path: Vec::new(),
            scope: vec![key.as_str()],
        };
        let mut spath = String::from("#");
        run.validate(schema, key, &mut spath, data);
        run.errors
    }

    /// The schema a `$ref` names from the resource `base`, with that
    /// schema's resource.
    fn resolve<'s>(&'s self, base: &'s str, reference: &str) -> Option<(&'s J, &'s str)> {
        let (resource, fragment) = match reference.split_once('#') {
            Some((r, f)) => (r, f),
            None => (reference, ""),
        };
        let (key, root) = if resource.is_empty() {
            self.resources.get_key_value(base)?
        } else {
            self.resources.get_key_value(resource)?
        };
        let pointer = crate::workspace::percent_decode(fragment);
        let target = if pointer.is_empty() {
            root
        } else {
            root.pointer(&pointer)?
        };
        Some((target, key.as_str()))
    }
}

/// Which members of an object a schema evaluated (for
/// `unevaluatedProperties`).
#[derive(Default)]
struct Evaluated {
    all: bool,
    names: Vec<String>,
}

impl Evaluated {
    fn merge(&mut self, other: Evaluated) {
        self.all |= other.all;
        if !self.all {
            for n in other.names {
                if !self.names.contains(&n) {
                    self.names.push(n);
                }
            }
        }
    }

    fn has(&self, name: &str) -> bool {
        self.all || self.names.iter().any(|n| n == name)
    }
}

struct Run<'s> {
    set: &'s SchemaSet,
    /// Ajv's `vErrors`.
    errors: Vec<AjvError>,
    /// False inside `if` and `not`, whose errors Ajv does not report.
    create: bool,
    /// The instance path of the value being validated.
    path: Vec<String>,
    /// The resources entered so far, outermost first (the dynamic scope
    /// `$dynamicRef` searches).
    scope: Vec<&'s str>,
}

/// Ajv's `type` check.
fn has_type(data: &J, t: &str) -> bool {
    match t {
        "string" => data.is_string(),
        "number" => data.is_number(),
        "integer" => match data {
            J::Number(n) => {
                n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            _ => false,
        },
        "boolean" => data.is_boolean(),
        "null" => data.is_null(),
        "array" => data.is_array(),
        "object" => data.is_object(),
        _ => false,
    }
}

/// String formats as ajv-formats checks them (those the OpenAPI schemas
/// use; others pass, as unknown formats do in Ajv without strict mode).
fn format_ok(format: &str, s: &str) -> bool {
    match format {
        "regex" => !has_z_anchor(s) && JsPattern::new(s, "u").is_ok(),
        "email" => super::schema::is_email(s),
        "uri" | "uri-reference" | "date-time" | "date" | "time" | "hostname" | "ipv4" | "ipv6"
        | "uuid" | "json-pointer" | "uri-template" => {
            static CHECKERS: OnceLock<Mutex<HashMap<String, jsonschema::Validator>>> =
                OnceLock::new();
            let checkers = CHECKERS.get_or_init(Default::default);
            let mut checkers = checkers.lock().unwrap_or_else(|e| e.into_inner());
            let checker = checkers.entry(format.to_string()).or_insert_with(|| {
                jsonschema::options()
                    .should_validate_formats(true)
                    .build(&serde_json::json!({ "format": format }))
                    .expect("a format schema compiles")
            });
            checker.is_valid(&J::String(s.to_string()))
        }
        _ => true,
    }
}

/// ajv-formats refuses `\Z` (not an ECMAScript anchor) in a `regex`.
fn has_z_anchor(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(3)
        .any(|w| w[0] != b'\\' && w[1] == b'\\' && w[2] == b'Z')
}

fn pattern_matches(pattern: &str, s: &str) -> bool {
    static PATTERNS: OnceLock<Mutex<HashMap<String, Option<JsPattern>>>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(Default::default);
    let mut patterns = patterns.lock().unwrap_or_else(|e| e.into_inner());
    let compiled = patterns
        .entry(pattern.to_string())
        .or_insert_with(|| JsPattern::new(pattern, "u").ok());
    compiled.as_ref().is_none_or(|p| p.is_match(s))
}

impl<'s> Run<'s> {
    fn error(&mut self, keyword: &str, spath: &str, message: String) -> Option<&mut AjvError> {
        if !self.create {
            return None;
        }
        let mut e = AjvError::new(keyword, self.path.clone(), message);
        e.schema_path = format!("{spath}/{keyword}");
        self.errors.push(e);
        self.errors.last_mut()
    }

    /// Validates `data` (at `self.path`) against `schema` of the resource
    /// `base`, whose errors' schema paths start with `spath`.
    fn validate(
        &mut self,
        schema: &'s J,
        base: &'s str,
        spath: &mut String,
        data: &J,
    ) -> (bool, Evaluated) {
        let map = match schema {
            J::Bool(true) => return (true, Evaluated::default()),
            J::Bool(false) => {
                if self.create {
                    let mut e = AjvError::new(
                        "false schema",
                        self.path.clone(),
                        "boolean schema is false".into(),
                    );
                    e.schema_path = spath.clone();
                    self.errors.push(e);
                }
                return (false, Evaluated::default());
            }
            J::Object(map) => map,
            _ => return (true, Evaluated::default()),
        };
        let mut valid = true;
        let mut evaluated = Evaluated::default();

        for keyword in ["$ref", "$dynamicRef"] {
            let Some(reference) = map.get(keyword).and_then(J::as_str) else {
                continue;
            };
            let target = if keyword == "$dynamicRef" {
                self.resolve_dynamic(base, reference)
            } else {
                self.set.resolve(base, reference)
            };
            // A reference to a schema this set does not have is ignored.
            if let Some((target, target_base)) = target {
                self.scope.push(target_base);
                let mut target_path = String::from("#");
                let (ok, ev) = self.validate(target, target_base, &mut target_path, data);
                self.scope.pop();
                valid &= ok;
                evaluated.merge(ev);
            }
        }

        self.check_type(map, spath, data, &mut valid);
        self.untyped(map, base, spath, data, &mut valid, &mut evaluated);
        match data {
            J::Number(_) => self.number(map, spath, data, &mut valid),
            J::String(s) => self.string(map, spath, s, &mut valid),
            J::Array(items) => self.array(map, base, spath, items, &mut valid),
            J::Object(object) => self.object(map, base, spath, object, &mut valid, &mut evaluated),
            _ => {}
        }
        if let Some(J::Object(deps)) = map.get("dependentSchemas") {
            if let J::Object(object) = data {
                for (name, dep) in deps {
                    if object.contains_key(name) {
                        let len = spath.len();
                        spath.push_str("/dependentSchemas/");
                        spath.push_str(&escape(name));
                        let (ok, ev) = self.validate(dep, base, spath, data);
                        spath.truncate(len);
                        valid &= ok;
                        evaluated.merge(ev);
                    }
                }
            }
        }
        if let (Some(unevaluated), J::Object(object)) = (map.get("unevaluatedProperties"), data) {
            for name in object.keys() {
                if evaluated.has(name) {
                    continue;
                }
                if unevaluated == &J::Bool(false) {
                    valid = false;
                    if let Some(e) = self.error(
                        "unevaluatedProperties",
                        spath,
                        "must NOT have unevaluated properties".into(),
                    ) {
                        e.additional_property = Some(name.clone());
                    }
                } else {
                    let len = spath.len();
                    spath.push_str("/unevaluatedProperties");
                    self.path.push(name.clone());
                    let (ok, _) = self.validate(unevaluated, base, spath, &object[name]);
                    self.path.pop();
                    spath.truncate(len);
                    valid &= ok;
                }
            }
            evaluated.all = true;
        }
        if let Some(message) = map.get("errorMessage") {
            if self.create && !valid {
                self.error_message(message, spath, data);
            }
        }
        (valid, evaluated)
    }

    /// `$dynamicRef: "#name"`: the outermost resource of the dynamic scope
    /// whose root declares `$dynamicAnchor: name`, else a plain `$ref`.
    fn resolve_dynamic(&self, base: &'s str, reference: &str) -> Option<(&'s J, &'s str)> {
        if let Some(anchor) = reference.strip_prefix('#') {
            for resource in &self.scope {
                let root = self.set.resources.get(*resource)?;
                if root.get("$dynamicAnchor").and_then(J::as_str) == Some(anchor) {
                    return self.set.resolve(resource, "#");
                }
            }
            if !anchor.starts_with('/') {
                return self.set.resolve(base, "#");
            }
        }
        self.set.resolve(base, reference)
    }

    fn check_type(&mut self, map: &'s Map<String, J>, spath: &str, data: &J, valid: &mut bool) {
        let types: Vec<&str> = match map.get("type") {
            Some(J::String(t)) => vec![t.as_str()],
            Some(J::Array(ts)) => ts.iter().filter_map(J::as_str).collect(),
            _ => return,
        };
        let mut ok = types.iter().any(|t| has_type(data, t));
        // OpenAPI 3.0's `nullable`, which Ajv understands.
        if !ok && data.is_null() && map.get("nullable") == Some(&J::Bool(true)) {
            ok = true;
        }
        if !ok {
            *valid = false;
            self.error("type", spath, super::ajv_messages::type_message(&types));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn untyped(
        &mut self,
        map: &'s Map<String, J>,
        base: &'s str,
        spath: &mut String,
        data: &J,
        valid: &mut bool,
        evaluated: &mut Evaluated,
    ) {
        if let Some(c) = map.get("const") {
            if !json_equal(c, data) {
                *valid = false;
                self.error("const", spath, "must be equal to constant".into());
            }
        }
        if let Some(J::Array(options)) = map.get("enum") {
            if !options.iter().any(|o| json_equal(o, data)) {
                *valid = false;
                if let Some(e) = self.error(
                    "enum",
                    spath,
                    "must be equal to one of the allowed values".into(),
                ) {
                    e.allowed_values = options.clone();
                }
            }
        }
        if let Some(not) = map.get("not") {
            let (ok, _) = self.quietly(|run| {
                let mut p = String::new();
                run.validate(not, base, &mut p, data)
            });
            if ok {
                *valid = false;
                self.error("not", spath, "must NOT be valid".into());
            }
        }
        for (keyword, exactly_one) in [("anyOf", false), ("oneOf", true)] {
            let Some(J::Array(branches)) = map.get(keyword) else {
                continue;
            };
            let before = self.errors.len();
            let mut passing = 0;
            for (i, branch) in branches.iter().enumerate() {
                let len = spath.len();
                spath.push_str(&format!("/{keyword}/{i}"));
                let (ok, ev) = self.validate(branch, base, spath, data);
                spath.truncate(len);
                if ok {
                    passing += 1;
                    evaluated.merge(ev);
                }
            }
            let ok = if exactly_one {
                passing == 1
            } else {
                passing > 0
            };
            if ok {
                if self.create {
                    self.errors.truncate(before);
                }
            } else {
                *valid = false;
                let message = if exactly_one {
                    "must match exactly one schema in oneOf"
                } else {
                    "must match a schema in anyOf"
                };
                self.error(keyword, spath, message.into());
            }
        }
        if let Some(J::Array(branches)) = map.get("allOf") {
            for (i, branch) in branches.iter().enumerate() {
                let len = spath.len();
                spath.push_str(&format!("/allOf/{i}"));
                let (ok, ev) = self.validate(branch, base, spath, data);
                spath.truncate(len);
                *valid &= ok;
                evaluated.merge(ev);
            }
        }
        if let Some(condition) = map.get("if") {
            let (holds, ev) = self.quietly(|run| {
                let mut p = String::new();
                run.validate(condition, base, &mut p, data)
            });
            let branch = if holds { "then" } else { "else" };
            if holds {
                evaluated.merge(ev);
            }
            if let Some(sub) = map.get(branch) {
                let len = spath.len();
                spath.push('/');
                spath.push_str(branch);
                let (ok, ev) = self.validate(sub, base, spath, data);
                spath.truncate(len);
                evaluated.merge(ev);
                if !ok {
                    *valid = false;
                    self.error("if", spath, format!("must match \"{branch}\" schema"));
                }
            }
        }
    }

    fn quietly<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let create = std::mem::replace(&mut self.create, false);
        let out = f(self);
        self.create = create;
        out
    }

    fn number(&mut self, map: &Map<String, J>, spath: &str, data: &J, valid: &mut bool) {
        let Some(x) = data.as_f64() else { return };
        let number = |k: &str| map.get(k).and_then(J::as_f64);
        type Check<'k> = (&'k str, &'k str, fn(f64, f64) -> bool);
        let checks: [Check<'_>; 4] = [
            ("maximum", "<=", |x, l| x <= l),
            ("minimum", ">=", |x, l| x >= l),
            ("exclusiveMaximum", "<", |x, l| x < l),
            ("exclusiveMinimum", ">", |x, l| x > l),
        ];
        for (keyword, op, holds) in checks {
            if let Some(limit) = number(keyword) {
                if !holds(x, limit) {
                    *valid = false;
                    let shown = super::ajv_messages::js_number(&map[keyword]);
                    self.error(keyword, spath, format!("must be {op} {shown}"));
                }
            }
        }
        if let Some(m) = number("multipleOf") {
            if m > 0.0 && (x / m).fract() != 0.0 {
                *valid = false;
                let shown = super::ajv_messages::js_number(&map["multipleOf"]);
                self.error("multipleOf", spath, format!("must be multiple of {shown}"));
            }
        }
    }

    fn string(&mut self, map: &Map<String, J>, spath: &str, s: &str, valid: &mut bool) {
        let len = s.encode_utf16().count() as u64;
        if let Some(max) = map.get("maxLength").and_then(J::as_u64) {
            if len > max {
                *valid = false;
                self.error(
                    "maxLength",
                    spath,
                    format!("must NOT have more than {max} characters"),
                );
            }
        }
        if let Some(min) = map.get("minLength").and_then(J::as_u64) {
            if len < min {
                *valid = false;
                self.error(
                    "minLength",
                    spath,
                    format!("must NOT have fewer than {min} characters"),
                );
            }
        }
        if let Some(pattern) = map.get("pattern").and_then(J::as_str) {
            if !pattern_matches(pattern, s) {
                *valid = false;
                self.error(
                    "pattern",
                    spath,
                    format!("must match pattern \"{pattern}\""),
                );
            }
        }
        if let Some(format) = map.get("format").and_then(J::as_str) {
            if !format_ok(format, s) {
                *valid = false;
                self.error("format", spath, format!("must match format \"{format}\""));
            }
        }
    }

    fn array(
        &mut self,
        map: &'s Map<String, J>,
        base: &'s str,
        spath: &mut String,
        items: &[J],
        valid: &mut bool,
    ) {
        let n = items.len() as u64;
        if let Some(max) = map.get("maxItems").and_then(J::as_u64) {
            if n > max {
                *valid = false;
                self.error(
                    "maxItems",
                    spath,
                    format!("must NOT have more than {max} items"),
                );
            }
        }
        if let Some(min) = map.get("minItems").and_then(J::as_u64) {
            if n < min {
                *valid = false;
                self.error(
                    "minItems",
                    spath,
                    format!("must NOT have fewer than {min} items"),
                );
            }
        }
        if map.get("uniqueItems") == Some(&J::Bool(true)) {
            let duplicated =
                (0..items.len()).any(|i| (0..i).any(|j| json_equal(&items[i], &items[j])));
            if duplicated {
                *valid = false;
                let scalar = map
                    .get("items")
                    .and_then(|i| i.get("type"))
                    .and_then(J::as_str)
                    .is_some_and(|t| t != "object" && t != "array");
                self.error(
                    "uniqueItems",
                    spath,
                    super::ajv_messages::unique_items_message(items, scalar),
                );
            }
        }
        let prefix = match map.get("prefixItems") {
            Some(J::Array(p)) => p.as_slice(),
            _ => &[],
        };
        for (i, (item, sub)) in items.iter().zip(prefix).enumerate() {
            let len = spath.len();
            spath.push_str(&format!("/prefixItems/{i}"));
            self.path.push(i.to_string());
            let (ok, _) = self.validate(sub, base, spath, item);
            self.path.pop();
            spath.truncate(len);
            *valid &= ok;
        }
        if let Some(sub @ (J::Object(_) | J::Bool(_))) = map.get("items") {
            for (i, item) in items.iter().enumerate().skip(prefix.len()) {
                let len = spath.len();
                spath.push_str("/items");
                self.path.push(i.to_string());
                let (ok, _) = self.validate(sub, base, spath, item);
                self.path.pop();
                spath.truncate(len);
                *valid &= ok;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        map: &'s Map<String, J>,
        base: &'s str,
        spath: &mut String,
        object: &Map<String, J>,
        valid: &mut bool,
        evaluated: &mut Evaluated,
    ) {
        let n = object.len() as u64;
        if let Some(max) = map.get("maxProperties").and_then(J::as_u64) {
            if n > max {
                *valid = false;
                self.error(
                    "maxProperties",
                    spath,
                    format!("must NOT have more than {max} properties"),
                );
            }
        }
        if let Some(min) = map.get("minProperties").and_then(J::as_u64) {
            if n < min {
                *valid = false;
                self.error(
                    "minProperties",
                    spath,
                    format!("must NOT have fewer than {min} properties"),
                );
            }
        }
        if let Some(J::Array(required)) = map.get("required") {
            for name in required.iter().filter_map(J::as_str) {
                if !object.contains_key(name) {
                    *valid = false;
                    self.error(
                        "required",
                        spath,
                        format!("must have required property '{name}'"),
                    );
                }
            }
        }
        if let Some(names) = map.get("propertyNames") {
            for name in object.keys() {
                let len = spath.len();
                spath.push_str("/propertyNames");
                let (ok, _) = self.validate(names, base, spath, &J::String(name.clone()));
                spath.truncate(len);
                if !ok {
                    *valid = false;
                    self.error("propertyNames", spath, "property name must be valid".into());
                }
            }
        }
        let properties = match map.get("properties") {
            Some(J::Object(p)) => Some(p),
            _ => None,
        };
        let patterns: Vec<(&String, &'s J)> = match map.get("patternProperties") {
            Some(J::Object(p)) => p.iter().collect(),
            _ => Vec::new(),
        };
        if let Some(additional) = map.get("additionalProperties") {
            for (name, value) in object {
                if properties.is_some_and(|p| p.contains_key(name))
                    || patterns.iter().any(|(p, _)| pattern_matches(p, name))
                {
                    continue;
                }
                if additional == &J::Bool(false) {
                    *valid = false;
                    if let Some(e) = self.error(
                        "additionalProperties",
                        spath,
                        "must NOT have additional properties".into(),
                    ) {
                        e.additional_property = Some(name.clone());
                    }
                } else {
                    let len = spath.len();
                    spath.push_str("/additionalProperties");
                    self.path.push(name.clone());
                    let (ok, _) = self.validate(additional, base, spath, value);
                    self.path.pop();
                    spath.truncate(len);
                    *valid &= ok;
                }
            }
            evaluated.all = true;
        }
        if let Some(properties) = properties {
            for (name, sub) in properties {
                let Some(value) = object.get(name) else {
                    continue;
                };
                let len = spath.len();
                spath.push_str("/properties/");
                spath.push_str(&escape(name));
                self.path.push(name.clone());
                let (ok, _) = self.validate(sub, base, spath, value);
                self.path.pop();
                spath.truncate(len);
                *valid &= ok;
                if !evaluated.all {
                    evaluated.names.push(name.clone());
                }
            }
        }
        for (pattern, sub) in patterns {
            for (name, value) in object {
                if !pattern_matches(pattern, name) {
                    continue;
                }
                let len = spath.len();
                spath.push_str("/patternProperties/");
                spath.push_str(&escape(pattern));
                self.path.push(name.clone());
                let (ok, _) = self.validate(sub, base, spath, value);
                self.path.pop();
                spath.truncate(len);
                *valid &= ok;
                if !evaluated.all {
                    evaluated.names.push(name.clone());
                }
            }
        }
    }

    /// ajv-errors: replaces the errors an `errorMessage` covers.
    fn error_message(&mut self, message: &J, spath: &str, data: &J) {
        let here = self.path.clone();
        let below = |e: &AjvError| {
            e.instance_path.len() >= here.len() && e.instance_path[..here.len()] == here[..]
        };
        let under = |e: &AjvError, keyword: Option<&str>| match e.schema_path.strip_prefix(spath) {
            Some(rest) => match keyword {
                Some(k) => rest.strip_prefix('/') == Some(k),
                None => rest.starts_with('/'),
            },
            None => false,
        };
        let mut used = vec![false; self.errors.len()];
        let mut added = Vec::new();
        let replace = |errors: &[AjvError],
                       used: &mut [bool],
                       text: &str,
                       pick: &dyn Fn(&AjvError) -> bool| {
            let mut any = false;
            for (i, e) in errors.iter().enumerate() {
                if !used[i] && e.keyword != "errorMessage" && pick(e) {
                    used[i] = true;
                    any = true;
                }
            }
            any.then(|| text.to_string())
        };
        let mut push = |text: String, path: Vec<String>| {
            let mut e = AjvError::new("errorMessage", path, text);
            e.schema_path = format!("{spath}/errorMessage");
            added.push(e);
        };
        match message {
            J::String(text) => {
                if let Some(t) = replace(&self.errors, &mut used, text, &|e| {
                    below(e) && under(e, None)
                }) {
                    push(t, here.clone());
                }
            }
            J::Object(config) => {
                for (keyword, text) in config {
                    let Some(text) = text.as_str() else { continue };
                    if keyword == "_" {
                        continue;
                    }
                    if let Some(t) = replace(&self.errors, &mut used, text, &|e| {
                        e.instance_path == here && e.keyword == *keyword && under(e, Some(keyword))
                    }) {
                        push(t, here.clone());
                    }
                }
                if let (Some(J::Object(children)), J::Object(_)) = (config.get("properties"), data)
                {
                    for (child, text) in children {
                        let Some(text) = text.as_str() else { continue };
                        let mut path = here.clone();
                        path.push(child.clone());
                        if let Some(t) = replace(&self.errors, &mut used, text, &|e| {
                            e.instance_path.len() > here.len()
                                && e.instance_path[..here.len()] == here[..]
                                && e.instance_path[here.len()] == *child
                        }) {
                            push(t, path);
                        }
                    }
                }
                if let Some(text) = config.get("_").and_then(J::as_str) {
                    if let Some(t) = replace(&self.errors, &mut used, text, &|e| {
                        below(e) && under(e, None)
                    }) {
                        push(t, here.clone());
                    }
                }
            }
            _ => {}
        }
        let mut kept = Vec::with_capacity(self.errors.len());
        for (e, u) in std::mem::take(&mut self.errors).into_iter().zip(used) {
            if !u {
                kept.push(e);
            }
        }
        kept.extend(added);
        self.errors = kept;
    }
}

/// A member name as a JSON pointer segment.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set() -> SchemaSet {
        SchemaSet::new([json!({
            "$id": "https://example.com/s",
            "$defs": {
                "X": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["b"]}
            },
            "properties": {
                "p": {"$ref": "#/$defs/X", "errorMessage": "P bad"},
                "r": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/X"}]},
                "s": {"if": {"type": "object"}, "then": {"required": ["z"]}, "else": {"not": true}},
                "t": {"if": {"type": "string"}, "then": true, "else": {"not": true, "errorMessage": "T must be a string"}}
            }
        })])
    }

    fn shown(errors: &[AjvError]) -> Vec<String> {
        errors
            .iter()
            .map(|e| {
                format!(
                    "/{} {} {} {}",
                    e.instance_path.join("/"),
                    e.schema_path,
                    e.keyword,
                    e.message
                )
            })
            .collect()
    }

    /// The same errors, in the same order, as Ajv 8 with allErrors and
    /// ajv-errors reports for this schema (checked with Node).
    #[test]
    fn reports_what_ajv_reports() {
        let errors = set().validate(
            "https://example.com/s",
            &json!({"p": {"a": 1}, "r": {"a": 2}, "s": {}, "t": 1}),
        );
        assert_eq!(
            shown(&errors),
            vec![
                "/p #/required required must have required property 'b'",
                "/p/a #/properties/a/type type must be string",
                "/r #/properties/r/anyOf/0/type type must be string",
                "/r #/required required must have required property 'b'",
                "/r/a #/properties/a/type type must be string",
                "/r #/properties/r/anyOf anyOf must match a schema in anyOf",
                "/s #/properties/s/then/required required must have required property 'z'",
                "/s #/properties/s/if if must match \"then\" schema",
                "/t #/properties/t/else/errorMessage errorMessage T must be a string",
                "/t #/properties/t/if if must match \"else\" schema",
            ]
        );
    }
}
