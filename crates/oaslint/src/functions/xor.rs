use super::{Context, Input, NativeFunction, Outcome};
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
    /// Same semantics and messages as Spectral 6.16: none present is `At
    /// least one of "a" or "b" must be defined` (as `or` says), several is
    /// `Just one of "a" and "b" must be defined`, naming those present in
    /// the order the object has them.
    #[function("xor")]
    pub(crate) struct Xor {
        properties: Vec<String>,
        message: String,
    }
}

impl NativeFunction for Xor {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        super::or::at_least_two(&o.properties)?;
        let message = super::or::none_defined(&o.properties);
        Ok(Xor {
            properties: o.properties,
            message,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(Value::Object(entries)) = input.cursor().map(|c| c.value()) else {
            return;
        };
        let present: Vec<&str> = entries
            .iter()
            .filter(|e| self.properties.iter().any(|p| **p == *e.key))
            .map(|e| &*e.key)
            .collect();
        match present.len() {
            0 => out.push(Outcome::new(self.message.clone())),
            1 => {}
            _ => out.push(Outcome::new(format!(
                "Just one of \"{}\" must be defined",
                present.join("\" and \"")
            ))),
        }
    }
}
