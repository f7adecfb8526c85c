use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};
use crate::tree::Value;

crate::declare_function! {
    /// In-spec ignore lists should be used sparingly (Zally's rule H002).
    ///
    /// # What it does
    ///
    /// Applied to the value of an `x-zally-ignore` member, reports it with
    /// Zally's message: `Ignores rules 118, 129` for a list, `Invalid ignores,
    /// expected list but found single value "118"` for a scalar (printed as
    /// JSON), `Invalid ignores, expected list but found {"a":1}` for an
    /// object. Undefined inputs are skipped.
    ///
    /// # Why
    ///
    /// `x-zally-ignore` switches rules off inside the specification, where a
    /// reviewer easily misses it; Zally's H002 reports every use so that ignored
    /// rules stay visible and are used sparingly.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   H002:
    ///     title: Avoid using x-zally-ignore extension.
    ///     description: Every `x-zally-ignore` is reported, so that ignores stay visible.
    ///     message: "{{error}}"
    ///     severity: hint
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#h002-avoid-using-x-zally-ignore-extension-
    ///     resolved: false
    ///     given: $..x-zally-ignore
    ///     then:
    ///       function: ignoreExtension
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// x-zally-ignore: [118]
    /// paths: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// ```
    #[function("ignoreExtension")]
    pub(crate) struct IgnoreExtension;
}

impl NativeFunction for IgnoreExtension {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(IgnoreExtension)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(c) = input.cursor() else { return };
        let message = match c.value() {
            Value::Array(_) => {
                let ids: Vec<String> = c
                    .items()
                    .map(|i| match i.value() {
                        Value::String(s) => s.to_string(),
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Null => "null".into(),
                        _ => i.to_json().to_string(),
                    })
                    .collect();
                format!("Ignores rules {}", ids.join(", "))
            }
            Value::Object(_) => format!("Invalid ignores, expected list but found {}", c.to_json()),
            _ => format!(
                "Invalid ignores, expected list but found single value {}",
                c.to_json()
            ),
        };
        out.push(Outcome::new(message));
    }
}
