use super::{Context, Input, NativeFunction, NoOptions, Outcome};

/// Spectral's message: `"<property>" property must be falsy` once the
/// engine fills it (`The document must be falsy` at the root).
const MESSAGE: &str = "#{{print(\"property\")}}must be falsy";

crate::declare_function! {
    /// The value must be falsy in the JavaScript sense.
    ///
    /// # What it does
    ///
    /// Reports the input unless it is `false`, `0`, `""`, `null` or undefined
    /// (a missing `field`). Objects and arrays, even empty ones, are truthy and
    /// so are reported. A key (`field: "@key"`) is reported unless it is empty.
    ///
    /// # Why
    ///
    /// Forbids a flag or a member without forbidding its harmless forms:
    /// `deprecated: false` or an empty `description` pass where `undefined`
    /// would report them.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   no-deprecated-operations:
    ///     description: Operations must not be deprecated.
    ///     given: $.paths[*][*]
    ///     then:
    ///       field: deprecated
    ///       function: falsy
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       deprecated: true
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       deprecated: false
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`"title" property must be falsy`, for a
    /// missing member `"info.contact.name" property must be falsy`).
    #[function("falsy")]
    pub(crate) struct Falsy;
}

impl NativeFunction for Falsy {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(Falsy)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if input.is_truthy() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}
