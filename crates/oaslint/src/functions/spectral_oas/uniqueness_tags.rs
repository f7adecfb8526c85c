use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::is_plain_object;
use crate::tree::Value;

crate::declare_function! {
    /// The names of the top-level `tags` must be unique.
    ///
    /// # What it does
    ///
    /// Applied to the `tags` list, when every entry is an object with a
    /// string `name`, reports the `name` of each entry that repeats an
    /// earlier one. Spectral's `uniquenessTags`.
    ///
    /// # Why
    ///
    /// Documentation tools show one group per tag; a tag declared twice has
    /// two descriptions, of which readers see one.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   openapi-tags-uniqueness:
    ///     description: Each tag must have a unique name.
    ///     message: "{{error}}"
    ///     given: $.tags
    ///     then:
    ///       function: uniquenessTags
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// tags: [{name: pets}, {name: owners}, {name: pets}]
    /// paths: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// tags: [{name: pets}, {name: owners}]
    /// paths: {}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`"tags" object contains duplicate tag
    /// name "pets".`).
    #[function("uniquenessTags")]
    pub(crate) struct UniquenessTags;
}

impl NativeFunction for UniquenessTags {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(UniquenessTags)
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(tags) = input
            .cursor()
            .filter(|c| matches!(c.value(), Value::Array(_)))
        else {
            return;
        };
        let names: Option<Vec<&str>> = tags
            .items()
            .map(|t| {
                is_plain_object(&t)
                    .then(|| t.get("name").and_then(|n| n.as_str()))
                    .flatten()
            })
            .collect();
        let Some(names) = names else {
            return;
        };
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                out.push(
                    Outcome::new(format!(
                        "\"tags\" object contains duplicate tag name \"{name}\"."
                    ))
                    .at(vec![i.to_string(), "name".into()]),
                );
            }
        }
    }
}
