use super::page_object::default_parameters;
use crate::functions::oas::collections::{gets, is_object_schema, properties};
use crate::functions::oas::{has_type, is_root_member, squash};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Pagination responses avoid a total result count (guideline 254).
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, looks at the response page object of
    /// every paginating `GET` (one with one of the query `parameters` and an
    /// object as success response body) and reports each property named like
    /// a total count (`names`, compared without case and separators): `"total"
    /// provides a total result count; avoid it (offer it via "Prefer:
    /// return=total-count" if clients need it)`. The finding is at the
    /// property. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// A total count costs the server a full count on every page request and
    /// is often outdated by the time the client reads it; the guideline says
    /// "you should generally avoid providing a total result count" and lets
    /// clients ask for it with `Prefer: return=total-count`.
    ///
    /// # Options
    ///
    /// - `names` (list of strings, default `[total, total_count, count,
    ///   total_items, total_elements, total_results, total_size, total_pages,
    ///   result_count, num_results]`).
    /// - `parameters` (list of strings, default `[cursor, offset, limit]`):
    ///   the query parameters that make a `GET` paginated.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "254":
    ///     title: Avoid a total result count
    ///     description: >-
    ///       "In pagination responses you should generally avoid providing a total
    ///       result count"; if clients need it, support the `Prefer` header with
    ///       `return=total-count`.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $.paths
    ///     then:
    ///       function: totalCount
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
    ///                   total: {type: integer}
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
    /// ```
    #[function("totalCount")]
    pub(crate) struct TotalCount {
        names: Vec<String>,
        parameters: Vec<String>,
    }
}

/// The options of [`TotalCount`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Property names of a total count.
    #[serde(default = "default_names")]
    names: Vec<String>,
    /// Query parameters that make a `GET` paginated.
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
}

fn default_names() -> Vec<String> {
    [
        "total",
        "total_count",
        "count",
        "total_items",
        "total_elements",
        "total_results",
        "total_size",
        "total_pages",
        "result_count",
        "num_results",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

impl NativeFunction for TotalCount {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(TotalCount {
            names: o.names.iter().map(|n| squash(n)).collect(),
            parameters: o.parameters,
        })
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
            if !get.has_query(&self.parameters)
                || !is_object_schema(body)
                || has_type(body, "array")
            {
                continue;
            }
            for p in properties(body) {
                let name = p.name;
                if self.names.contains(&squash(name)) {
                    let mut path = at.clone();
                    path.extend(p.at);
                    out.push(
                        Outcome::new(format!(
                            "\"{name}\" provides a total result count; avoid it (offer it via \"Prefer: return=total-count\" if clients need it)"
                        ))
                        .at(path),
                    );
                }
            }
        }
    }
}
