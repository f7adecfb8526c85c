use super::{Context, Input, NativeFunction, NoOptions, Outcome};

/// Spectral's message: `"<property>" property must be undefined` once the
/// engine fills it (`The document must be undefined` at the root).
const MESSAGE: &str = "#{{print(\"property\")}}must be undefined";

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
    /// Same semantics and message (`"title" property must be undefined`, for a
    /// missing member `"info.contact.name" property must be undefined`).
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
