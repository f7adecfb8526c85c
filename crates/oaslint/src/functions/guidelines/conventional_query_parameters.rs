use crate::functions::oas::{squash, str_member};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Query parameters for searching, sorting, filtering and paginating use
    /// the conventional names (guideline 137).
    ///
    /// # What it does
    ///
    /// Applied to a parameter object with `in: query`, reports its `name` when
    /// it is a known synonym of a conventional name: `Query parameter
    /// "page_size" should be "limit" (the conventional name for its purpose)`.
    /// Names are compared without case and separators, so `pageSize`,
    /// `page_size` and `page-size` are the same. The finding is at `name`.
    /// Other inputs are skipped.
    ///
    /// # Why
    ///
    /// The guideline fixes the names of the query parameters every collection
    /// API needs (`q`, `sort`, `fields`, `embed`, `offset`, `cursor`, `limit`)
    /// so that clients can search, sort and paginate every API the same way; a
    /// common synonym (`page_size`, `sort_by`) is almost always an API written
    /// without knowing the convention.
    ///
    /// # Options
    ///
    /// - `names` (map of conventional name → list of synonyms). Default:
    ///   `q` ← query, search, search_query, search_term, keywords;
    ///   `sort` ← sort_by, order_by, sorting, sort_order;
    ///   `fields` ← select, include_fields, fieldset;
    ///   `embed` ← expand, include, embedded;
    ///   `offset` ← skip, start_index;
    ///   `cursor` ← page_token, next_page_token, continuation_token,
    ///   next_token, starting_after, page_cursor, marker;
    ///   `limit` ← page_size, per_page, max_results, max_items, top, page_limit.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   Parameters:
    ///     - "$.paths[*].parameters"
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace].parameters"
    ///     - "$.components.parameters"
    ///     - "$.parameters"
    /// rules:
    ///   "137":
    ///     title: Stick to conventional query parameters
    ///     description: >-
    ///       Query support for searching, sorting, filtering and paginating uses
    ///       the names `q`, `sort`, `fields`, `embed`, `offset`, `cursor` and
    ///       `limit`; a query parameter with a common synonym of one of them
    ///       (`page_size`, `sort_by`, `expand`, `page_token`, …) is reported.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: "#Parameters[?(@.in == 'query')]"
    ///     then:
    ///       function: conventionalQueryParameters
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: page_size, in: query, schema: {type: integer}}
    ///       responses: {"200": {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer}}
    ///       responses: {"200": {description: OK}}
    /// ```
    #[function("conventionalQueryParameters")]
    pub(crate) struct ConventionalQueryParameters {
        /// (squashed synonym, conventional name).
        synonyms: Vec<(String, String)>,
    }
}

/// The options of [`ConventionalQueryParameters`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Conventional name → list of synonyms; replaces the default map.
    names: Option<serde_json::Map<String, serde_json::Value>>,
}

const DEFAULT: [(&str, &[&str]); 7] = [
    (
        "q",
        &["query", "search", "search_query", "search_term", "keywords"],
    ),
    ("sort", &["sort_by", "order_by", "sorting", "sort_order"]),
    ("fields", &["select", "include_fields", "fieldset"]),
    ("embed", &["expand", "include", "embedded"]),
    ("offset", &["skip", "start_index"]),
    (
        "cursor",
        &[
            "page_token",
            "next_page_token",
            "continuation_token",
            "next_token",
            "starting_after",
            "page_cursor",
            "marker",
        ],
    ),
    (
        "limit",
        &[
            "page_size",
            "per_page",
            "max_results",
            "max_items",
            "top",
            "page_limit",
        ],
    ),
];

impl NativeFunction for ConventionalQueryParameters {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        let mut synonyms = Vec::new();
        match o.names {
            Some(map) => {
                for (conventional, list) in map {
                    let list = list.as_array().ok_or_else(|| {
                        format!("`names.{conventional}` must be a list of synonyms")
                    })?;
                    for s in list {
                        let s = s.as_str().ok_or_else(|| {
                            format!("`names.{conventional}` must be a list of strings")
                        })?;
                        synonyms.push((squash(s), conventional.clone()));
                    }
                }
            }
            None => {
                for (conventional, list) in DEFAULT {
                    for s in list {
                        synonyms.push((squash(s), conventional.to_string()));
                    }
                }
            }
        }
        Ok(ConventionalQueryParameters { synonyms })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(p) = input.cursor() else { return };
        if str_member(&p, "in") != Some("query") {
            return;
        }
        let Some(name) = str_member(&p, "name") else {
            return;
        };
        let key = squash(name);
        if let Some((_, conventional)) = self.synonyms.iter().find(|(s, _)| *s == key) {
            out.push(
                Outcome::new(format!(
                    "Query parameter \"{name}\" should be \"{conventional}\" (the conventional name for its purpose)"
                ))
                .at(vec!["name".into()]),
            );
        }
    }
}
