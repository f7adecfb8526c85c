use super::{Context, Input, NativeFunction, NoOptions, Outcome};

/// Spectral's message: `"<property>" property must be truthy` once the
/// engine fills it (`The document must be truthy` at the root).
const MESSAGE: &str = "#{{print(\"property\")}}must be truthy";

crate::declare_function! {
    /// The value must be truthy in the JavaScript sense.
    ///
    /// # What it does
    ///
    /// Reports the input when it is `false`, `0`, `""`, `null` or undefined
    /// (a missing `field`). Objects and arrays, even empty ones, are truthy.
    /// A key (`field: "@key"`) is truthy unless it is the empty string.
    ///
    /// # Why
    ///
    /// The simplest way to require a member: `truthy` also refuses an empty
    /// string or `false` where a real value is expected.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   info-contact:
    ///     description: Info object must have a "contact" object.
    ///     given: $
    ///     then:
    ///       field: info.contact
    ///       function: truthy
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1, contact: {email: pets@example.com}}
    /// paths: {}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`"title" property must be truthy`, for a
    /// missing member `"info.contact.name" property must be truthy`).
    #[function("truthy")]
    pub(crate) struct Truthy;
}

impl NativeFunction for Truthy {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(Truthy)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if !input.is_truthy() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}
