use crate::functions::oas::{is_object, operations, str_member};
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};

crate::declare_function! {
    /// Every operation is tagged with declared, described tags, and every
    /// declared tag is used (Zally's rule M011).
    ///
    /// # What it does
    ///
    /// Applied to the root of the document, reports (with Zally's messages):
    ///
    /// - `Operation has no tag` — an operation without `tags` (or with an
    ///   empty list), at the operation;
    /// - `Tag 'x' is not defined` — an operation tag that the top-level `tags`
    ///   list does not name, at the operation;
    /// - `Tag 'x' is not used` — a top-level tag that no operation uses, at
    ///   the tag;
    /// - `Tag has no name` — a top-level tag without `name`, at the tag;
    /// - `Tag 'x' has no description` — a top-level tag without
    ///   `description`, at the tag.
    ///
    /// Operations are the `get`, `put`, `post`, `delete`, `options`, `head`,
    /// `patch` and `trace` members of every path item. Other inputs are
    /// skipped.
    ///
    /// # Why
    ///
    /// Tags group operations in documentation and generated clients; an
    /// untagged operation, or a tag nobody declared and described, makes the
    /// API harder to navigate. Zally's M011 checks both directions.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   M011:
    ///     title: Tag all operations
    ///     description: >-
    ///       Every operation has tags, every tag it uses is declared in the
    ///       top-level `tags` with a name and a description, and every declared
    ///       tag is used.
    ///     message: "{{error}}"
    ///     severity: must
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#m011-tag-all-operations
    ///     given: $
    ///     then:
    ///       function: tagAllOperations
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses: {"200": {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// tags:
    ///   - {name: Orders, description: Placing and tracking orders.}
    /// paths:
    ///   /orders:
    ///     get:
    ///       tags: [Orders]
    ///       responses: {"200": {description: OK}}
    /// ```
    #[function("tagAllOperations")]
    pub(crate) struct TagAllOperations;
}

impl NativeFunction for TagAllOperations {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(TagAllOperations)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(root) = input.cursor() else { return };
        if root.loc() != root.view().root() || !is_object(&root) {
            return;
        }
        let declared: Vec<Option<&str>> = root
            .get("tags")
            .into_iter()
            .flat_map(|t| t.items())
            .map(|t| str_member(&t, "name"))
            .collect();
        let mut used: Vec<&str> = Vec::new();
        if let Some(paths) = root.get("paths") {
            for (path, item) in paths.entries() {
                for (method, op) in operations(&item) {
                    let at = || vec!["paths".to_string(), path.to_string(), method.to_string()];
                    let tags: Vec<&str> = op
                        .get("tags")
                        .into_iter()
                        .flat_map(|t| t.items())
                        .filter_map(|t| t.as_str())
                        .collect();
                    if tags.is_empty() {
                        out.push(Outcome::new("Operation has no tag").at(at()));
                    }
                    for tag in tags {
                        used.push(tag);
                        if !declared.contains(&Some(tag)) {
                            out.push(Outcome::new(format!("Tag '{tag}' is not defined")).at(at()));
                        }
                    }
                }
            }
        }
        for (i, tag) in root
            .get("tags")
            .into_iter()
            .flat_map(|t| t.items())
            .enumerate()
        {
            let at = || vec!["tags".to_string(), i.to_string()];
            let name = str_member(&tag, "name");
            match name {
                Some(n) if !used.contains(&n) => {
                    out.push(Outcome::new(format!("Tag '{n}' is not used")).at(at()));
                }
                Some(_) => {}
                None => out.push(Outcome::new("Tag has no name").at(at())),
            }
            if tag.get("description").is_none() {
                out.push(
                    Outcome::new(format!(
                        "Tag '{}' has no description",
                        name.unwrap_or("null")
                    ))
                    .at(at()),
                );
            }
        }
    }
}
