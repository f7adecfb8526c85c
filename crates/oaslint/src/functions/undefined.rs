use super::{Context, Input, NativeFunction, NoOptions, Outcome};

const MESSAGE: &str = "must be undefined";

crate::declare_function! {
    /// The value must not exist.
    ///
    /// # What it does
    ///
    /// Reports the input whenever it exists. Only a missing member (the rule's
    /// `field` names nothing) passes. A YAML `foo:` with no value is `null`,
    /// which exists and is reported; use `falsy` to allow it.
    ///
    /// # Why
    ///
    /// Forbids a keyword outright, whatever its value: a keyword the spec
    /// version does not know (`anyOf` in OpenAPI 2) or one a guideline bans.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas2-anyOf:
    ///     message: '"anyOf" keyword must not be used in OpenAPI v2 document.'
    ///     given: $..anyOf
    ///     then:
    ///       function: undefined
    /// ```
    ///
    /// ```yaml fail
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// definitions:
    ///   Id:
    ///     anyOf: [{type: string}, {type: integer}]
    /// ```
    ///
    /// ```yaml pass
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// definitions:
    ///   Id: {type: string}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics. The message is only the predicate (`must be undefined`):
    /// without a rule `message` or `description` the engine renders it after
    /// the property (`"info.contact" must be undefined`), where Spectral's
    /// function writes `"info.contact" property must be undefined` itself.
    #[function("undefined")]
    pub(crate) struct Undefined;
}

impl NativeFunction for Undefined {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(Undefined)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if !input.is_undefined() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}
