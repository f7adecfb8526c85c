use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::is_plain_object;

crate::declare_function! {
    /// A Swagger 2.0 `discriminator` must name a required property of its
    /// schema.
    ///
    /// # What it does
    ///
    /// Applied to a schema whose `discriminator` is a string, reports the
    /// schema's `properties` when none of them has that name, and its
    /// `required` when the list does not include it. Other inputs are
    /// skipped. Spectral's `oasDiscriminator`.
    ///
    /// # Why
    ///
    /// Swagger 2.0 requires the discriminator to be a property of the
    /// schema and in its `required` list: a reader picks the subtype from
    /// its value, which must therefore always be there.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas2-discriminator:
    ///     description: discriminator property must be defined and required
    ///     message: "{{error}}"
    ///     given: $.definitions[?(@ && @.discriminator)]
    ///     then:
    ///       function: oasDiscriminator
    /// ```
    ///
    /// ```yaml fail
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// definitions:
    ///   Pet:
    ///     type: object
    ///     discriminator: petType
    ///     properties:
    ///       petType: {type: string}
    /// ```
    ///
    /// ```yaml pass
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// definitions:
    ///   Pet:
    ///     type: object
    ///     discriminator: petType
    ///     required: [petType]
    ///     properties:
    ///       petType: {type: string}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and messages (`The discriminator property must be
    /// defined in this schema.`, `The discriminator property must be in the
    /// required property list.`).
    #[function("oasDiscriminator")]
    pub(crate) struct OasDiscriminator;
}

impl NativeFunction for OasDiscriminator {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasDiscriminator)
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(schema) = input.cursor().filter(is_plain_object) else {
            return;
        };
        let Some(name) = schema.get("discriminator").and_then(|d| d.as_str()) else {
            return;
        };
        let defined = schema
            .get("properties")
            .filter(super::is_object)
            .is_some_and(|p| super::super::oas::keys(&p).any(|k| k == name));
        if !defined {
            out.push(
                Outcome::new("The discriminator property must be defined in this schema.")
                    .at(vec!["properties".into()]),
            );
        }
        let required = schema
            .get("required")
            .is_some_and(|r| r.items().any(|n| n.as_str() == Some(name)));
        if !required {
            out.push(
                Outcome::new("The discriminator property must be in the required property list.")
                    .at(vec!["required".into()]),
            );
        }
    }
}
