use super::{Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use serde::Deserialize;

/// The options of [`Or`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The members of which at least one must be present (at least 2).
    properties: Vec<String>,
}

crate::declare_function! {
    /// At least one of some properties must be present.
    ///
    /// # What it does
    ///
    /// Reports an object in which none of `properties` is present. A member
    /// counts as present whatever its value, `null` included. Inputs that are
    /// not objects are skipped.
    ///
    /// # Why
    ///
    /// Some objects are only meaningful with one of several members: a string
    /// schema says nothing about its values without a `format`, a `pattern`
    /// or an `enum`, and a contact needs a way to reach someone.
    ///
    /// # Options
    ///
    /// - `properties` (array of at least 2 strings, required): the members of
    ///   which at least one must be present.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   schema-has-constraint:
    ///     description: String schemas need a format, a pattern or an enum.
    ///     given: $..[?(@.type === 'string')]
    ///     then:
    ///       function: or
    ///       functionOptions:
    ///         properties: [format, pattern, enum]
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     PetId: {type: string}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     PetId: {type: string, format: uuid}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`At least one of "a" or "b" must be
    /// defined`; with more than four properties, the first three and
    /// `or N other properties`). Spectral added `or` after 6.13; it is kept
    /// here with the same option name.
    #[function("or")]
    pub(crate) struct Or {
        properties: Vec<String>,
        message: String,
    }
}

impl NativeFunction for Or {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        at_least_two(&o.properties)?;
        Ok(Or {
            message: message(&o.properties),
            properties: o.properties,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(Value::Object(entries)) = input.cursor().map(|c| c.value()) else {
            return;
        };
        let any = entries
            .iter()
            .any(|e| self.properties.iter().any(|p| **p == *e.key));
        if !any {
            out.push(Outcome::new(self.message.clone()));
        }
    }
}

/// The options check `or` and `xor` share: a choice needs two properties.
pub(super) fn at_least_two(properties: &[String]) -> Result<(), String> {
    if properties.len() < 2 {
        return Err(format!(
            "`properties` must list at least 2 properties, not {}",
            properties.len()
        ));
    }
    Ok(())
}

fn message(properties: &[String]) -> String {
    none_defined(properties)
}

/// `At least one of "a" or "b" must be defined` (`or`, and `xor` when none
/// is present): the names as Spectral writes them, quoted without escapes.
pub(super) fn none_defined(properties: &[String]) -> String {
    let quote = |p: &String| format!("\"{p}\"");
    if properties.len() > 4 {
        let shown: Vec<String> = properties[..3].iter().map(quote).collect();
        format!(
            "At least one of {} or {} other properties must be defined",
            shown.join(" or "),
            properties.len() - 3
        )
    } else {
        let shown: Vec<String> = properties.iter().map(quote).collect();
        format!("At least one of {} must be defined", shown.join(" or "))
    }
}
