use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::{at, schema_name, schema_type, schema_walk, WholeMatch};
use crate::tree::{Number, Value};
use crate::workspace::Cursor;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "default_pattern")]
    pattern: String,
    #[serde(default = "yes")]
    examples: bool,
}

fn default_pattern() -> String {
    "[A-Z_0-9]*".into()
}

fn yes() -> bool {
    true
}

/// The description prefix of an extensible enum (guideline 112).
const EXTENSIBLE: &str = "[Extensible enum]";

crate::declare_function! {
    /// Enum values should be UPPER_SNAKE_CASE strings
    /// (Zalando 240).
    ///
    /// # What it does
    ///
    /// Applied to a schema, or — given a key of the document root (`given:
    /// $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
    /// component schemas, parameter, request and response body schemas).
    /// Looks at the schema itself and at its *leaf* properties (found by following
    /// `properties`, not `items` or `allOf`) that have `type: string` and an
    /// enumeration: `x-extensible-enum`, else a non-empty `enum`, else — as
    /// the guideline now recommends for extensible enums — `examples` when the
    /// `description` starts with `[Extensible enum]`. For each value:
    ///
    /// - a value of another type than string, in `x-extensible-enum` or
    ///   `examples`: `<name>: Enum value type <Type> is not valid. The
    ///   expected type is string` (`<Type>` as Java names it, as Zally prints:
    ///   `Integer`, `Double`, `Boolean`, …);
    /// - a string (in `enum`, any scalar as its text, as swagger-parser reads
    ///   `enum` of a string schema) that does not match `pattern` as a whole:
    ///   `<name>: Enum value(s) should use UPPER_SNAKE_CASE format. Incorrect
    ///   value: <value>`.
    ///
    /// One finding per bad value, at that value (Zally points at the
    /// schema; a value's own place tells two equal messages apart, as in
    /// `x-extensible-enum: [1, 2]`); `<name>` is the property or the key the
    /// schema is defined under.
    ///
    /// # Why
    ///
    /// One convention for enumeration values across an API landscape lets
    /// clients and readers tell a value from free text at a glance, and keeps
    /// generated constants consistent.
    ///
    /// # Options
    ///
    /// - `pattern` (regular expression, default Zally's `[A-Z_0-9]*`).
    /// - `examples` (boolean, default `true`): also check `examples` of
    ///   `[Extensible enum]` schemas (Zally: `false`).
    ///
    /// For example `functionOptions: {pattern: '[A-Z][A-Z0-9]*(_[A-Z0-9]+)*'}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "240":
    ///     title: Declare enum values using UPPER_SNAKE_CASE string
    ///     description: >-
    ///       Enum values (`enum`, `x-extensible-enum` and extensible enums given
    ///       as `examples`) of string schemas should be UPPER_SNAKE_CASE strings.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoEnumValues
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Status: {type: string, enum: [open, shipped]}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Status: {type: string, enum: [OPEN, SHIPPED]}
    /// ```
    #[function("zalandoEnumValues")]
    pub(crate) struct EnumValues {
        pattern: WholeMatch,
        examples: bool,
    }
}

/// The Java class Jackson gives a value, as Zally's message names it.
fn java_type(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "Boolean",
        Value::Number(Number::Int(i)) if i32::try_from(*i).is_ok() => "Integer",
        Value::Number(Number::Int(_)) => "Long",
        Value::Number(Number::Float(_)) => "Double",
        Value::String(_) => "String",
        Value::Array(_) => "ArrayList",
        Value::Object(_) => "LinkedHashMap",
        Value::Null => "null",
    }
}

/// A scalar as text (`enum` values of a string schema are read as text).
fn as_text(c: Cursor<'_>) -> Option<String> {
    match c.value() {
        Value::String(s) => Some(s.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(_) => Some(c.to_json().to_string()),
        _ => None,
    }
}

impl EnumValues {
    fn check_schema(
        &self,
        schema: Cursor<'_>,
        name: &str,
        (base, path): (&[String], &[&str]),
        out: &mut Vec<Outcome>,
    ) {
        if schema_type(schema) != Some("string") {
            return;
        }
        let (key, values, cast) = if let Some(v) = schema.get("x-extensible-enum") {
            ("x-extensible-enum", v, false)
        } else if let Some(v) = schema.get("enum").filter(|e| e.items().next().is_some()) {
            ("enum", v, true)
        } else if let Some(v) = schema.get("examples").filter(|_| {
            self.examples
                && schema
                    .get("description")
                    .and_then(|d| d.as_str())
                    .is_some_and(|d| d.trim_start().starts_with(EXTENSIBLE))
        }) {
            ("examples", v, false)
        } else {
            return;
        };
        // (index, what is wrong); type errors first, as Zally lists them.
        let mut bad_types = Vec::new();
        let mut bad_values = Vec::new();
        for (index, item) in values.items().enumerate() {
            let text = if cast {
                as_text(item)
            } else {
                item.as_str().map(str::to_string)
            };
            match text {
                Some(t) if !self.pattern.is_match(&t) => bad_values.push((index, t)),
                Some(_) => {}
                None if matches!(item.value(), Value::Null) => {}
                None => bad_types.push((index, java_type(item.value()))),
            }
        }
        let at_value = |index: usize| {
            let mut p = at(base, path);
            p.push(key.to_string());
            p.push(index.to_string());
            p
        };
        for (index, t) in bad_types {
            out.push(
                Outcome::new(format!(
                    "{name}: Enum value type {t} is not valid. The expected type is string"
                ))
                .at(at_value(index)),
            );
        }
        for (index, v) in bad_values {
            out.push(
                Outcome::new(format!(
                    "{name}: Enum value(s) should use UPPER_SNAKE_CASE format. Incorrect value: {v}"
                ))
                .at(at_value(index)),
            );
        }
    }
}

impl NativeFunction for EnumValues {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(EnumValues {
            pattern: WholeMatch::compile("pattern", &o.pattern)?,
            examples: o.examples,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        for walked in schema_walk(&input, ctx).iter() {
            let base = &walked.base;
            if schema_type(walked.schema) == Some("string") {
                self.check_schema(walked.schema, &schema_name(walked.schema), (base, &[]), out);
            }
            for leaf in &walked.leaves {
                self.check_schema(leaf.prop, leaf.name, (base, &leaf.path), out);
            }
        }
    }
}
