use super::ajv_messages::{self, AjvError, Subject};
use super::{print_value, Context, Input, NativeFunction, Outcome};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError, Validator};
use serde::Deserialize;
use serde_json::Value as J;

/// The JSON Schema dialect (`dialect`).
#[derive(Deserialize, schemars::JsonSchema, Default, Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Dialect {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "draft4")]
    Draft4,
    #[serde(rename = "draft6")]
    Draft6,
    #[serde(rename = "draft7")]
    Draft7,
    #[serde(rename = "draft2019-09")]
    Draft201909,
    #[serde(rename = "draft2020-12")]
    Draft202012,
}

/// The options of [`Schema`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The JSON Schema (an object or a boolean); its `$ref`s must be local.
    schema: J,
    /// The dialect; `auto` reads the schema's `$schema`, else draft 7.
    #[serde(default)]
    dialect: Dialect,
    /// Report every problem instead of the first one.
    #[serde(default)]
    all_errors: bool,
}

crate::declare_function! {
    /// A value must be valid against a JSON Schema.
    ///
    /// # What it does
    ///
    /// Validates the input (the value with `$ref`s followed in a resolved rule,
    /// or a key as a string) against `schema`. Each problem is reported where it
    /// is: an error in `paths./a.get.tags[2]` has that path below the input. An
    /// undefined input (a missing `field`) is reported as `"<field>" property
    /// must exist`. Formats (`email`, `date-time`, `uri`, OpenAPI's `byte`, …)
    /// are checked in every dialect; unknown formats are ignored.
    ///
    /// Messages are Spectral's (Ajv's errors worded by better-ajv-errors):
    /// the value is named first — `"name" property` for a member, its type
    /// (`String`, `Object`, …) for the whole document — then what is wrong:
    /// `"tags" property must not have fewer than 1 items`, `"age" property
    /// type must be integer`, `"info" property must have required property
    /// "title"`, `Property "x" is not expected to be here` (at the object),
    /// `"kind" property must be equal to one of the allowed values: "a", "b".
    /// Did you mean "a"?`. Where an `anyOf` fails, the errors of its branches
    /// are reported instead, as in Spectral.
    ///
    /// # Why
    ///
    /// The most general check: whatever shape a part of the document must
    /// have (a non-empty `tags` array, an `info` with certain members, an
    /// extension's value) can be written as a JSON Schema, without a native
    /// function.
    ///
    /// # Options
    ///
    /// - `schema` (object or boolean, required): the JSON Schema. Its own
    ///   `$ref`s must be local (`#/definitions/x`).
    /// - `dialect` (string, default `auto`): `auto`, `draft4`, `draft6`,
    ///   `draft7`, `draft2019-09` or `draft2020-12`. `auto` reads the schema's
    ///   `$schema` and falls back to draft 7.
    /// - `allErrors` (boolean, default `false`): report every problem instead of
    ///   the first one.
    ///
    /// The schema is checked against its dialect's meta-schema and compiled when
    /// the ruleset loads.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   operation-tags:
    ///     description: Operation must have non-empty "tags" array.
    ///     given: $.paths[*][*]
    ///     then:
    ///       field: tags
    ///       function: schema
    ///       functionOptions:
    ///         dialect: draft7
    ///         schema:
    ///           type: array
    ///           minItems: 1
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       tags: []
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       tags: [pets]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// - Validation uses the `jsonschema` crate instead of Ajv; errors are
    ///   put in Ajv's order (its keyword order) so that with
    ///   `allErrors: false` the same first error is reported in the common
    ///   cases, and worded with Ajv's texts. Format checks may differ at the
    ///   edges, and the number formats `int32`/`int64` are not range-checked.
    /// - An invalid schema or an unresolvable `$ref` in it is a ruleset error
    ///   when the ruleset loads; Spectral reports it as a finding when the rule
    ///   runs.
    /// - `prepareResults` (internal to Spectral's JavaScript rulesets) is not
    ///   accepted.
    #[function("schema")]
    pub(crate) struct Schema {
        validator: Validator,
        schema: J,
        all_errors: bool,
    }
}

/// Spectral's message for a missing `field`: the engine prints the
/// property (`"servers" property must exist`, `The document must exist`).
pub(crate) const MISSING: &str = "#{{print(\"property\")}}must exist";

/// The draft a `$schema` URI names: `http(s)://json-schema.org/` followed by
/// `draft-04/`, `draft-06/`, `draft-07/`, `draft/2019-09/` or
/// `draft/2020-12/`, then `schema` or `hyper-schema`, optionally `#`.
pub(crate) fn draft_of_uri(uri: &str) -> Option<Draft> {
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))?
        .strip_prefix("json-schema.org/")?;
    let rest = rest.strip_suffix('#').unwrap_or(rest);
    let (version, tail) = rest.rsplit_once('/')?;
    if tail != "schema" && tail != "hyper-schema" {
        return None;
    }
    match version {
        "draft-04" => Some(Draft::Draft4),
        "draft-06" => Some(Draft::Draft6),
        "draft-07" => Some(Draft::Draft7),
        "draft/2019-09" => Some(Draft::Draft201909),
        "draft/2020-12" => Some(Draft::Draft202012),
        _ => None,
    }
}

fn draft_for(dialect: Dialect, schema: &J) -> Draft {
    match dialect {
        Dialect::Auto => schema
            .get("$schema")
            .and_then(J::as_str)
            .and_then(draft_of_uri)
            .unwrap_or(Draft::Draft7),
        Dialect::Draft4 => Draft::Draft4,
        Dialect::Draft6 => Draft::Draft6,
        Dialect::Draft7 => Draft::Draft7,
        Dialect::Draft201909 => Draft::Draft201909,
        Dialect::Draft202012 => Draft::Draft202012,
    }
}

/// `"a", 1, null`.
fn values_list(values: &J) -> String {
    match values {
        J::Array(items) => items.iter().map(print_value).collect::<Vec<_>>().join(", "),
        other => print_value(other),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The message for one error, as a predicate on the value at its path.
/// Rule 101 words a few kinds its own way and uses this for the rest.
pub(crate) fn describe(error: &ValidationError<'_>) -> String {
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let mut names: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![t.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            // `null` reads best last: "must be string or null".
            names.sort_by_key(|n| *n == "null");
            format!("must be {}", names.join(" or "))
        }
        ValidationErrorKind::Required { property } => {
            format!("must have required property {}", print_value(property))
        }
        ValidationErrorKind::Enum { options } => {
            format!(
                "must be one of the allowed values: {}",
                values_list(options)
            )
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("must be equal to {}", print_value(expected_value))
        }
        ValidationErrorKind::Pattern { pattern } => format!("must match the pattern '{pattern}'"),
        ValidationErrorKind::Format { format } => format!("must match format \"{format}\""),
        ValidationErrorKind::Minimum { limit } => format!("must be >= {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("must be <= {limit}"),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("must be > {limit}"),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("must be < {limit}"),
        ValidationErrorKind::MultipleOf { multiple_of } => {
            format!(
                "must be a multiple of {}",
                print_value(&serde_json::json!(multiple_of))
            )
        }
        ValidationErrorKind::MinLength { limit } => {
            format!(
                "must be at least {} long",
                plural(*limit, "character", "characters")
            )
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!(
                "must be at most {} long",
                plural(*limit, "character", "characters")
            )
        }
        ValidationErrorKind::MinItems { limit } => {
            format!("must have at least {}", plural(*limit, "item", "items"))
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("must have at most {}", plural(*limit, "item", "items"))
        }
        ValidationErrorKind::AdditionalItems { limit } => {
            format!(
                "must have at most {}",
                plural(*limit as u64, "item", "items")
            )
        }
        ValidationErrorKind::MinProperties { limit } => {
            format!(
                "must have at least {}",
                plural(*limit, "property", "properties")
            )
        }
        ValidationErrorKind::MaxProperties { limit } => {
            format!(
                "must have at most {}",
                plural(*limit, "property", "properties")
            )
        }
        ValidationErrorKind::UniqueItems => "must not have duplicate items".into(),
        ValidationErrorKind::Contains => {
            "must contain at least one item that matches the \"contains\" schema".into()
        }
        ValidationErrorKind::Not { .. } => "must not match the \"not\" schema".into(),
        ValidationErrorKind::AnyOf { .. } => {
            "must match at least one of the \"anyOf\" schemas".into()
        }
        ValidationErrorKind::OneOfNotValid { .. } => {
            "must match exactly one of the \"oneOf\" schemas (it matches none)".into()
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            "must match exactly one of the \"oneOf\" schemas (it matches several)".into()
        }
        ValidationErrorKind::FalseSchema => "is not allowed".into(),
        ValidationErrorKind::PropertyNames { error } => format!(
            "property name {} {}",
            print_value(error.instance()),
            describe(error)
        ),
        ValidationErrorKind::UnevaluatedItems { .. } => "must not have unevaluated items".into(),
        ValidationErrorKind::ContentEncoding { content_encoding } => {
            format!("must be valid \"{content_encoding}\" content")
        }
        ValidationErrorKind::ContentMediaType { content_media_type } => {
            format!("must be valid \"{content_media_type}\" content")
        }
        ValidationErrorKind::FromUtf8 { .. } => "must decode to valid UTF-8".into(),
        ValidationErrorKind::Referencing(e) => format!("cannot resolve a schema reference: {e}"),
        ValidationErrorKind::Custom { message, .. }
        | ValidationErrorKind::RegexEngineFailure { message } => message.clone(),
        // Reported per property by `outcomes`.
        ValidationErrorKind::AdditionalProperties { .. }
        | ValidationErrorKind::UnevaluatedProperties { .. } => "has unexpected properties".into(),
        ValidationErrorKind::BacktrackLimitExceeded { error } => {
            format!("cannot be matched against the schema's pattern: {error}")
        }
    }
}

/// What better-ajv-errors calls the validated value itself: the document
/// (named by its type), or a member or item, whose name is the finding's
/// `{{property}}`.
pub(crate) fn subject_of(input: &Input<'_>, ctx: &Context<'_>) -> Subject<'static> {
    match input {
        Input::Node(c) if c.loc() == ctx.view.root() => Subject::Root,
        _ => Subject::Named(PROPERTY),
    }
}

/// The finding's property, filled in by the engine.
const PROPERTY: &str = "{{property}}";

/// Spectral's `schema` run: the errors Ajv would report for `instance`,
/// worded by better-ajv-errors, as outcomes below the input. `prepare`
/// may edit Ajv's errors first (Spectral's `prepareResults`).
pub(crate) fn validate(
    validator: &Validator,
    schema: &J,
    all_errors: bool,
    instance: &J,
    subject: Subject<'_>,
    prepare: impl FnOnce(&mut Vec<AjvError>),
    out: &mut Vec<Outcome>,
) {
    let errors: Vec<ValidationError<'_>> = validator.iter_errors(instance).collect();
    if errors.is_empty() {
        return;
    }
    let mut ajv = Vec::new();
    ajv_messages::from_jsonschema(&errors, all_errors, instance, schema, &mut ajv);
    prepare(&mut ajv);
    for p in ajv_messages::prettify(&ajv, instance, subject) {
        let outcome = Outcome::new(p.message).at(p.path);
        // Spectral drops results identical in rule, path and message.
        if !out.contains(&outcome) {
            out.push(outcome);
        }
    }
}

/// Ajv-formats' string formats the `jsonschema` crate does not know
/// (OpenAPI's `byte`, `binary`, `password`).
pub(crate) fn with_openapi_formats(
    options: jsonschema::ValidationOptions,
) -> jsonschema::ValidationOptions {
    options
        .with_format("email", is_email)
        .with_format("byte", is_base64)
        .with_format("binary", |_: &str| true)
        .with_format("password", |_: &str| true)
}

/// An e-mail address as ajv-formats checks `email`: dot-separated atoms of
/// letters, digits and ``!#$%&'*+/=?^_`{|}~-``, then `@` and a host name of at
/// least two labels (letters, digits, inner hyphens).
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let atom_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_ok = local
        .split('.')
        .all(|atom| !atom.is_empty() && atom.chars().all(atom_char));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    local_ok && labels.len() >= 2 && labels.iter().all(label_ok)
}

/// Base64 as ajv-formats checks `byte`: groups of four, padding at the end.
fn is_base64(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(4) {
        return false;
    }
    let alphabet = |c: u8| c.is_ascii_alphanumeric() || c == b'+' || c == b'/';
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    pad <= 2 && b[..b.len() - pad].iter().all(|&c| alphabet(c))
}

/// Compiles `schema` (an object or a boolean) for `draft` with formats
/// checked as Ajv does; `$schema` is dropped (the draft is fixed).
pub(crate) fn compile(schema: &J, draft: Draft) -> Result<Validator, ValidationError<'static>> {
    let mut schema = schema.clone();
    if let J::Object(map) = &mut schema {
        map.remove("$schema");
    }
    with_openapi_formats(jsonschema::options())
        .with_draft(draft)
        .should_validate_formats(true)
        .build(&schema)
}

impl NativeFunction for Schema {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if !o.schema.is_object() && !o.schema.is_boolean() {
            return Err("`schema` must be a JSON Schema (an object or a boolean)".into());
        }
        let draft = draft_for(o.dialect, &o.schema);
        let validator = compile(&o.schema, draft).map_err(|e| {
            let at = e.instance_path().as_str();
            if at.is_empty() {
                format!("`schema` is not a valid JSON Schema: {e}")
            } else {
                format!("`schema` is not a valid JSON Schema: at {at}: {e}")
            }
        })?;
        Ok(Schema {
            validator,
            schema: o.schema,
            all_errors: o.all_errors,
        })
    }

    fn check(&self, input: Input<'_>, ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(instance) = input.to_json() else {
            out.push(Outcome::new(MISSING));
            return;
        };
        validate(
            &self.validator,
            &self.schema,
            self.all_errors,
            &instance,
            subject_of(&input, ctx),
            |_| {},
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_the_dialect() {
        let d = |s: J| draft_for(Dialect::Auto, &s);
        assert_eq!(d(json!({})), Draft::Draft7);
        assert_eq!(
            d(json!({"$schema": "http://json-schema.org/draft-04/schema#"})),
            Draft::Draft4
        );
        assert_eq!(
            d(json!({"$schema": "https://json-schema.org/draft/2020-12/schema"})),
            Draft::Draft202012
        );
        assert_eq!(
            d(json!({"$schema": "https://json-schema.org/draft/2019-09/hyper-schema"})),
            Draft::Draft201909
        );
        assert_eq!(
            d(json!({"$schema": "https://example.com/custom"})),
            Draft::Draft7
        );
        // That an unknown `$schema` does not stop the schema from compiling
        // is a pass case in tests/fixtures/functions/schema.yaml.
    }
}
