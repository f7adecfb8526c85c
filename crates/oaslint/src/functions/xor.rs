use super::{print_value, Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use serde::Deserialize;

/// The options of [`Xor`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The members of which exactly one must be present (at least 2).
    properties: Vec<String>,
}

crate::declare_function! {
    /// Exactly one of some properties must be present.
    ///
    /// # What it does
    ///
    /// Reports an object in which none, or more than one, of `properties` is
    /// present. A member counts as present whatever its value, `null`
    /// included. Inputs that are not objects are skipped.
    ///
    /// # Why
    ///
    /// Some members exclude each other: an example has a `value` or an
    /// `externalValue`, never both, and a reader (or a tool) cannot tell which
    /// one wins when both are there.
    ///
    /// # Options
    ///
    /// - `properties` (array of at least 2 strings, required): the members of
    ///   which exactly one must be present.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   examples-value-or-externalValue:
    ///     description: Examples must have either "value" or "externalValue".
    ///     given: $.components.examples[*]
    ///     then:
    ///       function: xor
    ///       functionOptions:
    ///         properties: [externalValue, value]
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   examples:
    ///     Rex:
    ///       value: {name: Rex}
    ///       externalValue: https://example.com/rex.json
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   examples:
    ///     Rex:
    ///       value: {name: Rex}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics. For two properties the message is Spectral's
    /// (`"a" and "b" must not be both defined or both undefined`); for three or
    /// more it reads `exactly one of "a", "b" and "c" must be defined`, where
    /// Spectral keeps saying "both".
    #[function("xor")]
    pub(crate) struct Xor {
        properties: Vec<String>,
        message: String,
    }
}

/// `"a", "b" and "c"`.
fn and_list(names: &[String]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| print_value(&serde_json::Value::String(n.clone())))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

impl NativeFunction for Xor {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        super::or::at_least_two(&o.properties)?;
        let list = and_list(&o.properties);
        let message = if o.properties.len() == 2 {
            format!("{list} must not be both defined or both undefined")
        } else {
            format!("exactly one of {list} must be defined")
        };
        Ok(Xor {
            properties: o.properties,
            message,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(Value::Object(entries)) = input.cursor().map(|c| c.value()) else {
            return;
        };
        let present = entries
            .iter()
            .filter(|e| self.properties.iter().any(|p| **p == *e.key))
            .count();
        if present != 1 {
            out.push(Outcome::new(self.message.clone()));
        }
    }
}
