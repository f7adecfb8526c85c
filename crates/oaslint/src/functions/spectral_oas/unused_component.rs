use super::super::unreferenced_reusable_object::UnreferencedReusableObject;
use super::super::{create_native, Context, Function, Input, NativeFunction, NoOptions, Outcome};
use super::is_plain_object;

crate::declare_function! {
    /// Every reusable component of an OpenAPI 3 document must be
    /// referenced.
    ///
    /// # What it does
    ///
    /// Applied to the document root (with `resolved: false`), reports each
    /// member of `components.schemas`, `responses`, `parameters`,
    /// `examples`, `requestBodies`, `headers`, `links` and `callbacks` that
    /// no `$ref` points to, at its key, as [`unreferencedReusableObject`]
    /// does for each of these maps. A root without a `components` object is
    /// skipped. Spectral's `oasUnusedComponent`.
    ///
    /// # Why
    ///
    /// A component nothing refers to is published and maintained but used
    /// by no operation: often the leftover of a rename, or a `$ref` that
    /// was meant to point to it.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas3-unused-component:
    ///     message: Potentially unused component has been detected.
    ///     resolved: false
    ///     given: $
    ///     then:
    ///       function: oasUnusedComponent
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet: {type: object}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {$ref: '#/components/schemas/Pet'}
    /// components:
    ///   schemas:
    ///     Pet: {type: object}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// As [`unreferencedReusableObject`]: a `$ref` into a component's
    /// subtree counts as a use of it, and the function's own message differs
    /// (the `spectral:oas` rule replaces it with its `message`).
    ///
    /// [`unreferencedReusableObject`]: #unreferencedreusableobject
    #[function("oasUnusedComponent")]
    pub(crate) struct OasUnusedComponent {
        /// One `unreferencedReusableObject` per kind of component.
        kinds: Vec<(&'static str, Box<dyn Function>)>,
    }
}

/// The component maps Spectral checks, in its order.
const KINDS: [&str; 8] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
];

impl NativeFunction for OasUnusedComponent {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        let kinds = KINDS
            .iter()
            .map(|&kind| {
                let options = serde_json::json!({
                    "reusableObjectsLocation": format!("#/components/{kind}")
                });
                create_native::<UnreferencedReusableObject>(&options).map(|f| (kind, f))
            })
            .collect::<Result<_, _>>()?;
        Ok(OasUnusedComponent { kinds })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(components) = input
            .cursor()
            .filter(is_plain_object)
            .and_then(|root| root.get("components"))
            .filter(is_plain_object)
        else {
            return;
        };
        for (kind, function) in &self.kinds {
            let Some(map) = components.get(kind).filter(is_plain_object) else {
                continue;
            };
            let mut found = Vec::new();
            function.check(Input::Node(map), ctx, &mut found);
            out.extend(found.into_iter().map(|mut o| {
                o.path
                    .splice(0..0, ["components".to_string(), kind.to_string()]);
                o
            }));
        }
    }
}
