use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::{at, schema_name, schema_type, schema_walk};
use crate::workspace::Cursor;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "default_keywords")]
    keywords: Vec<String>,
}

fn default_keywords() -> Vec<String> {
    vec!["enum".into(), "x-extensible-enum".into()]
}

crate::declare_function! {
    /// Enumerations should be strings (Zalando 125).
    ///
    /// # What it does
    ///
    /// Applied to a schema, or — given a key of the document root (`given:
    /// $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
    /// component schemas, parameter, request and response body schemas).
    /// Looks at the schema itself and at its *leaf* properties, found by following
    /// `properties` (not `items` or `allOf`). Each of them that has one of
    /// `keywords` (a non-empty `enum`, or `x-extensible-enum`) but whose `type`
    /// is not `string` (or is missing) is reported where it is defined:
    /// `Enumeration value should have "type = string": <name>`, naming the
    /// property, or the schema by the key it is defined under.
    ///
    /// # Why
    ///
    /// Enumeration values are names; as strings they are readable in payloads
    /// and logs, and they can follow one naming convention (rule 240), which
    /// numbers or booleans cannot.
    ///
    /// # Options
    ///
    /// - `keywords` (list, default `[enum, x-extensible-enum]`): which
    ///   enumerations are checked. Zally checked only `x-extensible-enum`;
    ///   the guideline (125, now an alias of 240) says every enumeration
    ///   should be a string.
    ///
    /// Zally's behaviour: `functionOptions: {keywords: [x-extensible-enum]}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "125":
    ///     title: Represent enumerations as strings
    ///     description: >-
    ///       Enumerations (`enum`, `x-extensible-enum`) should be `string` typed
    ///       (guideline 125, an alias of 240).
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoEnumType
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Priority: {type: integer, enum: [1, 2, 3]}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Priority: {type: string, enum: [LOW, NORMAL, HIGH]}
    /// ```
    #[function("zalandoEnumType")]
    pub(crate) struct EnumType {
        keywords: Vec<String>,
    }
}

impl EnumType {
    fn is_enum(&self, schema: Cursor<'_>) -> bool {
        self.keywords.iter().any(|k| match schema.get(k) {
            Some(v) if k == "enum" => v.items().next().is_some(),
            Some(_) => true,
            None => false,
        })
    }

    fn bad(&self, schema: Cursor<'_>) -> bool {
        self.is_enum(schema) && schema_type(schema) != Some("string")
    }
}

fn message(name: &str) -> String {
    format!("Enumeration value should have \"type = string\": {name}")
}

impl NativeFunction for EnumType {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(EnumType {
            keywords: o.keywords,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        for walked in schema_walk(&input, ctx).iter() {
            if self.bad(walked.schema) {
                out.push(
                    Outcome::new(message(&schema_name(walked.schema))).at(walked.base.clone()),
                );
            }
            for leaf in &walked.leaves {
                if self.bad(leaf.prop) {
                    out.push(Outcome::new(message(leaf.name)).at(at(&walked.base, &leaf.path)));
                }
            }
        }
    }
}
