use super::{print_value, Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use serde::Deserialize;

/// The options of [`Enumeration`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The allowed values: strings, numbers, booleans and `null`.
    values: Vec<serde_json::Value>,
}

crate::declare_function! {
    /// A value must be one of a fixed set.
    ///
    /// # What it does
    ///
    /// Reports a string, number, boolean or `null` value (or a key) that is not
    /// among `values`. Comparison is strict: `"1"` is not `1`, but `1` and `1.0`
    /// are the same number. Objects, arrays and undefined values are skipped.
    ///
    /// # Why
    ///
    /// Keeps a vocabulary closed: tags, media types, server names or
    /// extension values that tools and readers rely on stay within the list
    /// the API's owners agreed on, and a typo is caught.
    ///
    /// # Options
    ///
    /// - `values` (array of strings, numbers, booleans and `null`, required):
    ///   the allowed values.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   allowed-tags:
    ///     description: Operations use a known tag.
    ///     given: $.paths[*][*].tags[*]
    ///     then:
    ///       function: enumeration
    ///       functionOptions:
    ///         values: [users, articles, categories]
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Blog, version: v1}
    /// paths:
    ///   /articles:
    ///     get:
    ///       tags: [article]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Blog, version: v1}
    /// paths:
    ///   /articles:
    ///     get:
    ///       tags: [articles]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`"x" must be equal to one of the allowed
    /// values: "a", "b"`), except that an empty `values` list is a ruleset
    /// error (every value would fail).
    #[function("enumeration")]
    pub(crate) struct Enumeration {
        values: Vec<serde_json::Value>,
        message: String,
    }
}

/// Whether tree value `v` equals option value `allowed` (JavaScript `===`).
fn same(v: &Value, allowed: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (v, allowed) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::Number(a), J::Number(b)) => b.as_f64() == Some(a.as_f64()),
        (Value::String(a), J::String(b)) => **a == **b,
        _ => false,
    }
}

impl NativeFunction for Enumeration {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if let Some((i, bad)) = o
            .values
            .iter()
            .enumerate()
            .find(|(_, v)| v.is_array() || v.is_object())
        {
            return Err(format!(
                "`values` must hold only strings, numbers, booleans and null; item {i} is {}",
                if bad.is_array() {
                    "an array"
                } else {
                    "an object"
                }
            ));
        }
        if o.values.is_empty() {
            return Err("`values` must list at least one allowed value".into());
        }
        let list: Vec<String> = o.values.iter().map(print_value).collect();
        Ok(Enumeration {
            message: format!(
                "#{{{{print(\"value\")}}}} must be equal to one of the allowed values: {}",
                list.join(", ")
            ),
            values: o.values,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let allowed = match input {
            Input::Key(k) => self.values.iter().any(|a| a.as_str() == Some(k)),
            Input::Node(c) => match c.value() {
                Value::Array(_) | Value::Object(_) => return,
                v => self.values.iter().any(|a| same(v, a)),
            },
            Input::Undefined => return,
        };
        if !allowed {
            out.push(Outcome::new(self.message.clone()));
        }
    }
}
