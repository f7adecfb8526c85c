use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use crate::functions::oas::zally::{at, has_properties, schema_walk};
use crate::workspace::Cursor;

crate::declare_function! {
    /// Reports schemas that use a closed `enum`
    /// (Zalando 107).
    ///
    /// # What it does
    ///
    /// Applied to a schema, or — given a key of the document root (`given:
    /// $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
    /// component schemas, parameter, request and response body schemas).
    /// Looks at the schemas Zally's `getAllTransitiveSchemas` yields: the schema itself
    /// when it has no `properties`, else its *leaf* properties, found by
    /// following `properties` (not `items` or `allOf`). Each of them with a
    /// non-empty `enum` is reported, where it is defined.
    ///
    /// # Why
    ///
    /// A closed `enum` cannot be extended compatibly in output: a client that
    /// knows only the old values breaks on a new one. Guideline 107 asks for an
    /// open-ended list of values unless the list is complete.
    ///
    /// # Options
    ///
    /// None. The rule's `message` says what to do instead (Zally recommended
    /// `x-extensible-enum`, which the guidelines have deprecated; see
    /// CHANGELOG.md).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "107":
    ///     title: Prefer compatible extensions
    ///     description: >-
    ///       A closed `enum` cannot be extended compatibly for output. Unless its
    ///       values are complete, use an open-ended list of values: `examples`
    ///       and a description starting with `[Extensible enum]` (rule 112).
    ///     message: >-
    ///       Property is a closed enum: if values may be added, use an open-ended
    ///       list of values via `examples` instead (rule 112)
    ///     severity: should
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoClosedEnums
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       properties:
    ///         status: {type: string, enum: [OPEN, SHIPPED]}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       properties:
    ///         status:
    ///           type: string
    ///           description: "[Extensible enum] The order's status."
    ///           examples: [OPEN, SHIPPED]
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// Zally reports structurally identical schemas once (it de-duplicates by a
    /// hash of the schema); we report each schema where it is defined, once.
    #[function("zalandoClosedEnums")]
    pub(crate) struct ClosedEnums;
}

fn has_enum(schema: Cursor<'_>) -> bool {
    schema
        .get("enum")
        .is_some_and(|e| e.items().next().is_some())
}

impl NativeFunction for ClosedEnums {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(ClosedEnums)
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        for walked in schema_walk(&input, ctx).iter() {
            if !has_properties(walked.schema) {
                if has_enum(walked.schema) {
                    out.push(Outcome::new("schema has a closed enum").at(walked.base.clone()));
                }
                continue;
            }
            for leaf in &walked.leaves {
                if has_enum(leaf.prop) {
                    out.push(
                        Outcome::new(format!("property '{}' has a closed enum", leaf.name))
                            .at(at(&walked.base, &leaf.path)),
                    );
                }
            }
        }
    }
}
