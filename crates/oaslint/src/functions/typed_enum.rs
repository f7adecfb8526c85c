use super::{print_value, Context, Input, NativeFunction, NoOptions, Outcome};
use crate::document::SpecFormat;
use crate::tree::{Number, Value};

crate::declare_function! {
    /// The values of a schema's `enum` must have the schema's `type`.
    ///
    /// # What it does
    ///
    /// For a schema object with both `enum` (an array) and `type` (a string or
    /// an array of strings), reports each enum value whose JSON type is not
    /// allowed, at its index under `enum`. A number counts as `integer` when
    /// it has no fraction and `integer` is among the types. `nullable: true`
    /// (OpenAPI 3.0) and `x-nullable: true` (Swagger 2.0) add `null` to the
    /// types. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// An enum value of the wrong type can never validate: `enum: ["1", 2]`
    /// with `type: integer` makes `"1"` unreachable, and code generated from
    /// the schema cannot even represent it.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   typed-enum:
    ///     description: Enum values must respect the specified type.
    ///     message: "{{error}}"
    ///     given: $..[?(@ && @.enum && @.type)]
    ///     then:
    ///       function: typedEnum
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Size: {type: integer, enum: [1, 2, "3"]}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Size: {type: integer, enum: [1, 2, 3]}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`Enum value "a" must be "integer".`, with
    /// several types joined by commas as Spectral prints them:
    /// `"integer,null"`). Spectral documents it as a core function but ships it
    /// in its OpenAPI ruleset.
    #[function("typedEnum")]
    pub(crate) struct TypedEnum;
}

/// The JSON Schema type of a value; numbers without a fraction are
/// `integer` only when `integers` is set.
fn type_of(v: &Value, integers: bool) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) => {
            let whole = match n {
                Number::Int(_) => true,
                Number::Float(f) => f.is_finite() && f.fract() == 0.0,
            };
            if integers && whole {
                "integer"
            } else {
                "number"
            }
        }
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl NativeFunction for TypedEnum {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(TypedEnum)
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(schema) = input.cursor() else {
            return;
        };
        let (Some(values), Some(type_node)) = (schema.get("enum"), schema.get("type")) else {
            return;
        };
        if !matches!(values.value(), Value::Array(_)) {
            return;
        }
        let mut types: Vec<String> = match type_node.value() {
            Value::String(s) => vec![s.to_string()],
            Value::Array(_) => {
                let names: Option<Vec<String>> = type_node
                    .items()
                    .map(|t| t.as_str().map(str::to_string))
                    .collect();
                match names {
                    Some(n) => n,
                    None => return,
                }
            }
            _ => return,
        };
        let flag = |key: &str| {
            schema
                .get(key)
                .is_some_and(|v| matches!(v.value(), Value::Bool(true)))
        };
        if (ctx.format == SpecFormat::OpenApi30 && flag("nullable"))
            || (ctx.format == SpecFormat::Swagger2 && flag("x-nullable"))
        {
            types.push("null".into());
        }
        let integers = types.iter().any(|t| t == "integer");
        let shown = types.join(",");
        for (i, value) in values.items().enumerate() {
            let t = type_of(value.value(), integers);
            if !types.iter().any(|allowed| allowed == t) {
                out.push(
                    Outcome::new(format!(
                        "Enum value {} must be \"{shown}\".",
                        print_value(&value.to_json())
                    ))
                    .at(vec!["enum".into(), i.to_string()]),
                );
            }
        }
    }
}
