use crate::functions::oas::collections::{gets, is_list, names_list};
use crate::functions::oas::is_root_member;
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Lists are paginated (guideline 159).
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, reports every `GET` on a collection
    /// resource (a path whose last segment is not a `{variable}`) whose success
    /// response body (JSON) is a list — an array, or an object with an `items`
    /// array — and that has none of the pagination query `parameters`: `GET
    /// "/orders" returns a list but supports no pagination (query parameters
    /// cursor, offset, limit)`. The finding is at the operation. Other inputs
    /// are skipped.
    ///
    /// # Why
    ///
    /// "Access to lists of data items must support pagination": an unbounded
    /// list grows with the data until responses become slow and large for
    /// clients and servers alike, and adding pagination later breaks clients.
    ///
    /// # Options
    ///
    /// - `parameters` (list of strings, default `[cursor, offset, limit,
    ///   page, page_size, per_page, page_token]`): query parameters that
    ///   paginate (the non-conventional ones count here; guideline 137 has
    ///   them renamed).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "159":
    ///     title: Support pagination
    ///     description: >-
    ///       "Access to lists of data items must support pagination." A GET on a
    ///       collection resource whose response is a list (an array, or an object
    ///       with an `items` array) needs pagination query parameters.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $.paths
    ///     then:
    ///       function: pagination
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: array, items: {type: object}}
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
    ///         - {name: limit, in: query, schema: {type: integer}}
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: array, items: {type: object}}
    /// ```
    #[function("pagination")]
    pub(crate) struct Pagination {
        parameters: Vec<String>,
    }
}

/// The options of [`Pagination`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Query parameters that paginate.
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
}

fn default_parameters() -> Vec<String> {
    [
        "cursor",
        "offset",
        "limit",
        "page",
        "page_size",
        "per_page",
        "page_token",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

impl NativeFunction for Pagination {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if o.parameters.is_empty() {
            return Err("`parameters` must list at least one query parameter".into());
        }
        Ok(Pagination {
            parameters: o.parameters,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        for get in gets(&paths) {
            let Some((_, body)) = &get.body else { continue };
            if get.is_collection() && is_list(body) && !get.has_query(&self.parameters) {
                out.push(
                    Outcome::new(format!(
                        "GET \"{}\" returns a list but supports no pagination (query parameters {})",
                        get.path,
                        names_list(&self.parameters[..self.parameters.len().min(3)])
                    ))
                    .at(get.at.clone()),
                );
            }
        }
    }
}
