use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use crate::tree::Value;

crate::declare_function! {
    /// Nothing may sit next to a `$ref`.
    ///
    /// # What it does
    ///
    /// Applied to a `$ref` member (`given: "$..[?(@property === '$ref')]"`,
    /// with `resolved: false`), reports every other member of the object
    /// that holds it, at that member. Spectral's `refSiblings`.
    ///
    /// # Why
    ///
    /// In Swagger 2.0 and OpenAPI 3.0 a Reference Object is replaced by
    /// what it points to: the members next to `$ref` are ignored by every
    /// tool that follows the specification, so whatever they say (a
    /// `description`, a `nullable: true`) silently does not apply.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   no-$ref-siblings:
    ///     description: Property must not be placed among $ref
    ///     message: "{{error}}"
    ///     resolved: false
    ///     given: "$..[?(@property === '$ref')]"
    ///     then:
    ///       function: refSiblings
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       properties:
    ///         owner: {$ref: '#/components/schemas/Owner', description: The owner}
    ///     Owner: {type: object}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       properties:
    ///         owner: {$ref: '#/components/schemas/Owner'}
    ///     Owner: {type: object}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`$ref must not be placed next to any
    /// other properties`).
    #[function("refSiblings")]
    pub(crate) struct RefSiblings;
}

impl NativeFunction for RefSiblings {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(RefSiblings)
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(target) = input.cursor() else {
            return;
        };
        let loc = target.loc();
        let tree = ctx.view.tree(loc.doc);
        let Some(parent) = tree.parent(loc.node) else {
            return;
        };
        let Value::Object(entries) = tree.value(parent) else {
            return;
        };
        if entries.len() == 1 {
            return;
        }
        for e in entries.iter().filter(|e| !e.is("$ref")) {
            out.push(
                Outcome::new("$ref must not be placed next to any other properties")
                    .above(1)
                    .at(vec![e.key.to_string()]),
            );
        }
    }
}
