//! `tagAllOperations`: every operation is tagged with declared, described
//! tags, and every declared tag is used (Zally's rule M011).
//!
//! # What it does
//!
//! Applied to the root of the document, reports (with Zally's messages):
//!
//! - `Operation has no tag` — an operation without `tags` (or with an
//!   empty list), at the operation;
//! - `Tag 'x' is not defined` — an operation tag that the top-level `tags`
//!   list does not name, at the operation;
//! - `Tag 'x' is not used` — a top-level tag that no operation uses, at
//!   the tag;
//! - `Tag has no name` — a top-level tag without `name`, at the tag;
//! - `Tag 'x' has no description` — a top-level tag without
//!   `description`, at the tag.
//!
//! Operations are the `get`, `put`, `post`, `delete`, `options`, `head`,
//! `patch` and `trace` members of every path item. Other inputs are
//! skipped.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! M011:
//!   given: $
//!   then:
//!     function: tagAllOperations
//! ```

use super::oas::{is_object, operations, str_member};
use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};

struct TagAllOperations;

impl RuleFunction for TagAllOperations {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("tagAllOperations", options)?;
    Ok(Box::new(TagAllOperations))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                "openapi: 3.0.3\ntags:\n  - {name: Pets, description: All about pets}\npaths:\n  /pets:\n    get: {tags: [Pets]}\n    parameters: []\n",
                "",
            ),
            (json!(null), "swagger: '2.0'\npaths: {}\n", ""),
            // Only the root is an input.
            (json!(null), "openapi: 3.0.3\npaths:\n  /a:\n    get: {}\n", "/paths"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let spec = r#"openapi: 3.0.3
tags:
  - name: Pets
    description: All about pets
  - name: Owners
  - description: nameless
paths:
  /pets:
    get:
      tags: [Pets, Toys]
    post:
      summary: untagged
    x-extension: {}
"#;
        vec![(
            json!(null),
            spec,
            "",
            vec![
                outcome("Tag 'Toys' is not defined", &["paths", "/pets", "get"]),
                outcome("Operation has no tag", &["paths", "/pets", "post"]),
                outcome("Tag 'Owners' is not used", &["tags", "1"]),
                outcome("Tag 'Owners' has no description", &["tags", "1"]),
                outcome("Tag has no name", &["tags", "2"]),
            ],
        )]
    }

    #[test]
    fn pass() {
        testing::assert_passes(create, &pass_table());
    }

    #[test]
    fn fail() {
        insta::assert_yaml_snapshot!(testing::assert_fails(create, &fail_table()));
    }

    #[test]
    fn options() {
        assert!(create(&json!({"x": 1})).is_err());
    }
}
