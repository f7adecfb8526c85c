use crate::functions::oas::collections::{gets, is_object_schema, properties};
use crate::functions::oas::{has_type, is_root_member};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Paginated lists are returned in a response page object (guideline 248).
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, looks at every `GET` that paginates — it
    /// has one of the query `parameters` — and whose success response body
    /// (JSON) is an object (arrays are guideline 110's concern). The page
    /// object (its properties and those of its `allOf` members) should hold:
    ///
    /// - the page content in an array property (`items`, or a resource name):
    ///   else `The response page object should hold the page content in an
    ///   array property such as "items"`, at the body schema;
    /// - each of `fields`: else `The response page object should provide the
    ///   pagination field "next"`, at the missing property.
    ///
    /// Other inputs are skipped.
    ///
    /// # Why
    ///
    /// A response page object gives every paginated collection the same shape —
    /// the page in an array, the pagination links beside it — so clients can
    /// page through any API with the same code; without `next` they cannot
    /// reach the following page at all.
    ///
    /// # Options
    ///
    /// - `parameters` (list of strings, default `[cursor, offset, limit]`):
    ///   the query parameters that make a `GET` paginated.
    /// - `fields` (list of strings, default `[next]`): the pagination fields
    ///   every page object needs (`self`, `first`, `prev`, `next`, `last` are
    ///   the guideline's).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "248":
    ///     title: Use pagination response page object
    ///     description: >-
    ///       Paginated collections are returned in a response page object: the
    ///       page content in an array (`items`, or a resource name) and the
    ///       pagination fields `self`, `first`, `prev`, `next`, `last`; a
    ///       paginated GET's response should at least hold an array and `next`.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $.paths
    ///     then:
    ///       function: pageObject
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders:
    ///     get:
    ///       parameters:
    ///         - {name: cursor, in: query, schema: {type: string}}
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   items: {type: array, items: {type: object}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders:
    ///     get:
    ///       parameters:
    ///         - {name: cursor, in: query, schema: {type: string}}
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   items: {type: array, items: {type: object}}
    ///                   next: {type: string, format: uri}
    /// ```
    #[function("pageObject")]
    pub(crate) struct PageObject {
        options: Options,
    }
}

/// The options of [`PageObject`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Query parameters that make a `GET` paginated.
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
    /// Pagination fields every page object needs.
    #[serde(default = "default_fields")]
    fields: Vec<String>,
}

pub(crate) fn default_parameters() -> Vec<String> {
    ["cursor", "offset", "limit"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn default_fields() -> Vec<String> {
    vec!["next".to_string()]
}

impl NativeFunction for PageObject {
    type Options = Options;

    fn new(options: Options) -> Result<Self, String> {
        Ok(PageObject { options })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        for get in gets(&paths) {
            let Some((at, body)) = &get.body else {
                continue;
            };
            if !get.has_query(&self.options.parameters)
                || !is_object_schema(body)
                || has_type(body, "array")
            {
                continue;
            }
            let props = properties(body);
            if !props.iter().any(|p| has_type(&p.schema, "array")) {
                out.push(
                    Outcome::new(
                        "The response page object should hold the page content in an array property such as \"items\"",
                    )
                    .at(at.clone()),
                );
            }
            for field in &self.options.fields {
                if !props.iter().any(|p| p.name == field) {
                    let mut missing = at.clone();
                    missing.extend(["properties".to_string(), field.clone()]);
                    out.push(
                        Outcome::new(format!(
                            "The response page object should provide the pagination field \"{field}\""
                        ))
                        .at(missing),
                    );
                }
            }
        }
    }
}
