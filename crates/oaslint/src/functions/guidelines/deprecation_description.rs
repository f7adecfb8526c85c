use crate::functions::oas::{is_true, str_member};
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};

crate::declare_function! {
    /// A deprecated element explains itself in its description (guideline 187).
    ///
    /// # What it does
    ///
    /// Applied to an object with `deprecated: true` (an operation, parameter,
    /// schema or property), reports a missing, empty or blank `description`:
    /// `is deprecated but has no description`, at the missing `description`
    /// (located at the object). Objects that are not deprecated, and other
    /// inputs, are skipped.
    ///
    /// Use it on `$..deprecated^` (the objects that have a `deprecated`
    /// member): selecting by member name is much cheaper than a `..[?(…)]`
    /// filter over every node.
    ///
    /// # Why
    ///
    /// `deprecated: true` tells clients to stop using an element but not why or
    /// what to use instead; the guideline asks producers to "add further
    /// explanation to the `description` section", without which clients cannot
    /// migrate.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "187":
    ///     title: Reflect deprecation in API specifications
    ///     description: >-
    ///       When an operation, parameter, schema or property is deprecated, "the
    ///       producers must set `deprecated: true` for the affected element and add
    ///       further explanation to the `description` section".
    ///     message: "A deprecated element must explain in `description` why, and what to use instead"
    ///     severity: must
    ///     given: $..deprecated^
    ///     then:
    ///       function: deprecationDescription
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       deprecated: true
    ///       responses: {"200": {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       deprecated: true
    ///       description: Use `GET /animals` instead; this endpoint goes away in 2027.
    ///       responses: {"200": {description: OK}}
    /// ```
    #[function("deprecationDescription")]
    pub(crate) struct DeprecationDescription;
}

impl NativeFunction for DeprecationDescription {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(DeprecationDescription)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(c) = input.cursor() else { return };
        if !is_true(&c, "deprecated") {
            return;
        }
        if str_member(&c, "description").is_some_and(|d| !d.trim().is_empty()) {
            return;
        }
        out.push(
            Outcome::new("is deprecated but has no description").at(vec!["description".into()]),
        );
    }
}
