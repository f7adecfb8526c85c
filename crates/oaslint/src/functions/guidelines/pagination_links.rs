use super::page_object::default_parameters;
use crate::functions::oas::collections::{gets, is_link_object, is_object_schema, properties};
use crate::functions::oas::{has_type, is_root_member, str_member};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Pagination fields are links (guideline 161), and simple ones (guideline
    /// 165).
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, looks at the response page object of
    /// every paginating `GET` (one with one of the query `parameters` and an
    /// object as success response body, as `pageObject` does), at its
    /// pagination fields `self`, `first`, `prev`, `next`, `last`:
    ///
    /// - `style: link` (guideline 161, "use pagination links"): a field that
    ///   is a string without `format: uri` is a plain cursor: `Pagination field
    ///   "next" should be a link (format: uri) rather than a plain cursor`; a
    ///   cursor property instead of a link (`cursor`, `next_cursor`,
    ///   `prev_cursor`, `next_page_token`, `next_token`, `continuation_token`)
    ///   is reported too: `"next_cursor" should be a pagination link (next,
    ///   prev, …) instead of a cursor`.
    /// - `style: simple` (guideline 165, "use simple hypertext controls for
    ///   pagination"): a field that is an object (a link object with `href`):
    ///   `Pagination field "next" should be a simple URI string, not a link
    ///   object`.
    ///
    /// The finding is at the field — or, when the field is a `$ref`, at the
    /// page object's `properties` (the shared target is not the problem, its
    /// use is). Other inputs are skipped.
    ///
    /// # Why
    ///
    /// A link takes the client to the next page as it is, where a plain cursor
    /// makes it build the URL itself (and know how); the guideline asks for
    /// "simplified hypertext controls as standard pagination links" (161), and
    /// for those in their simple form, a URI string rather than a link object
    /// (165).
    ///
    /// # Options
    ///
    /// - `style` (`link` or `simple`, required).
    /// - `parameters` (list of strings, default `[cursor, offset, limit]`):
    ///   the query parameters that make a `GET` paginated.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "161":
    ///     title: Use pagination links
    ///     description: >-
    ///       "APIs should support simplified hypertext controls as standard
    ///       pagination links": the pagination fields (`self`, `first`, `prev`,
    ///       `next`, `last`) of a paginated GET's response page object are links
    ///       (`format: uri`), not plain cursors.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $.paths
    ///     then:
    ///       function: paginationLinks
    ///       functionOptions:
    ///         style: link
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
    ///                   next: {type: string}
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
    #[function("paginationLinks")]
    pub(crate) struct PaginationLinks {
        options: Options,
    }
}

const FIELDS: [&str; 5] = ["self", "first", "prev", "next", "last"];
const CURSORS: [&str; 6] = [
    "cursor",
    "next_cursor",
    "prev_cursor",
    "next_page_token",
    "next_token",
    "continuation_token",
];

#[derive(Deserialize, schemars::JsonSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Style {
    Link,
    Simple,
}

/// The options of [`PaginationLinks`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// `link` (guideline 161) or `simple` (guideline 165).
    style: Style,
    /// Query parameters that make a `GET` paginated.
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
}

impl NativeFunction for PaginationLinks {
    type Options = Options;

    fn new(options: Options) -> Result<Self, String> {
        Ok(PaginationLinks { options })
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
            for p in properties(body) {
                let (name, field) = (p.name, &p.schema);
                let mut path = at.clone();
                path.extend(p.use_site());
                let message = match self.options.style {
                    Style::Link if FIELDS.contains(&name) => (has_type(field, "string")
                        && !matches!(str_member(field, "format"), Some("uri" | "iri")))
                    .then(|| {
                        format!(
                            "Pagination field \"{name}\" should be a link (format: uri) rather than a plain cursor"
                        )
                    }),
                    Style::Link if CURSORS.contains(&name) => Some(format!(
                        "\"{name}\" should be a pagination link (next, prev, …) instead of a cursor"
                    )),
                    Style::Simple if FIELDS.contains(&name) && is_link_object(field) => {
                        Some(format!(
                            "Pagination field \"{name}\" should be a simple URI string, not a link object"
                        ))
                    }
                    _ => None,
                };
                if let Some(m) = message {
                    out.push(Outcome::new(m).at(path));
                }
            }
        }
    }
}
