use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::{all_operations, is_plain_object, strict_equals};
use crate::workspace::Cursor;

crate::declare_function! {
    /// Every operation's `operationId` must be unique.
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, walks the operations in document
    /// order and reports each `operationId` equal to one seen before, at
    /// the later one. Operations without an `operationId` are skipped.
    /// Spectral's `oasOpIdUnique`.
    ///
    /// # Why
    ///
    /// Code generators name methods after `operationId`; two operations
    /// with the same id make a client that does not compile or silently
    /// drops one of them.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   operation-operationId-unique:
    ///     description: Every operation must have unique "operationId".
    ///     given: $.paths
    ///     then:
    ///       function: oasOpIdUnique
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get: {operationId: pets, responses: {'200': {description: OK}}}
    ///     post: {operationId: pets, responses: {'201': {description: Created}}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get: {operationId: listPets, responses: {'200': {description: OK}}}
    ///     post: {operationId: createPet, responses: {'201': {description: Created}}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`operationId must be unique.`).
    #[function("oasOpIdUnique")]
    pub(crate) struct OasOpIdUnique;
}

impl NativeFunction for OasOpIdUnique {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasOpIdUnique)
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor().filter(is_plain_object) else {
            return;
        };
        let mut seen: Vec<Cursor<'a>> = Vec::new();
        for op in all_operations(&paths) {
            let Some(id) = op.value.get("operationId") else {
                continue;
            };
            if seen.iter().any(|s| strict_equals(s, &id)) {
                out.push(Outcome::new("operationId must be unique.").at(vec![
                    op.path.to_string(),
                    op.method.to_string(),
                    "operationId".into(),
                ]));
            } else {
                seen.push(id);
            }
        }
    }
}
