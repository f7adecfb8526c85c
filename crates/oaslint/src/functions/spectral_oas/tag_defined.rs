use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::{all_operations, is_plain_object};
use crate::tree::Value;

crate::declare_function! {
    /// Every tag an operation uses must be declared in the document's
    /// `tags`.
    ///
    /// # What it does
    ///
    /// Applied to the document root, collects the `name` of each entry of
    /// the top-level `tags` list, then reports each entry of each
    /// operation's `tags` list that is not one of them (a tag that is not a
    /// string never is), at the entry. Spectral's `oasTagDefined`.
    ///
    /// # Why
    ///
    /// Documentation tools group operations by tag and take each group's
    /// description from the top-level `tags`; an undeclared tag is a group
    /// without a description, often a typo of a declared one.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   operation-tag-defined:
    ///     description: Operation tags must be defined in global tags.
    ///     given: $
    ///     then:
    ///       function: oasTagDefined
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// tags: [{name: pets}]
    /// paths:
    ///   /pets:
    ///     get: {tags: [pet], responses: {'200': {description: OK}}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// tags: [{name: pets}]
    /// paths:
    ///   /pets:
    ///     get: {tags: [pets], responses: {'200': {description: OK}}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`Operation tags must be defined in global
    /// tags.`).
    #[function("oasTagDefined")]
    pub(crate) struct OasTagDefined;
}

impl NativeFunction for OasTagDefined {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasTagDefined)
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(root) = input.cursor().filter(is_plain_object) else {
            return;
        };
        let declared: Vec<&str> = root
            .get("tags")
            .into_iter()
            .flat_map(|t| t.items())
            .filter(is_plain_object)
            .filter_map(|t| t.get("name").and_then(|n| n.as_str()))
            .collect();
        let Some(paths) = root.get("paths") else {
            return;
        };
        for op in all_operations(&paths) {
            let Some(tags) = op
                .value
                .get("tags")
                .filter(|t| matches!(t.value(), Value::Array(_)))
            else {
                continue;
            };
            for (i, tag) in tags.items().enumerate() {
                if !tag.as_str().is_some_and(|t| declared.contains(&t)) {
                    out.push(
                        Outcome::new("Operation tags must be defined in global tags.").at(vec![
                            "paths".into(),
                            op.path.to_string(),
                            op.method.to_string(),
                            "tags".into(),
                            i.to_string(),
                        ]),
                    );
                }
            }
        }
    }
}
