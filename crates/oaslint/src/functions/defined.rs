use super::{Context, Input, NativeFunction, NoOptions, Outcome};

/// Spectral's message: `"<property>" property must be defined` once the
/// engine fills it (`The document must be defined` at the root).
const MESSAGE: &str = "#{{print(\"property\")}}must be defined";

crate::declare_function! {
    /// The value must exist.
    ///
    /// # What it does
    ///
    /// Reports the input when it is undefined, i.e. when the rule's `field`
    /// names a member that does not exist. Any present value passes, including
    /// `null` (YAML `foo:`), `false` and `""`.
    ///
    /// # Why
    ///
    /// Requires a member whose value may legitimately be empty or `false`,
    /// where `truthy` would report those values.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   operation-summary-defined:
    ///     description: Every operation must have a summary.
    ///     given: $.paths[*][get,put,post,delete,options,head,patch,trace]
    ///     then:
    ///       field: summary
    ///       function: defined
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       summary: List the pets
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`"title" property must be defined`, for a
    /// missing member `"info.contact.name" property must be defined`).
    #[function("defined")]
    pub(crate) struct Defined;
}

impl NativeFunction for Defined {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(Defined)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if input.is_undefined() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}
