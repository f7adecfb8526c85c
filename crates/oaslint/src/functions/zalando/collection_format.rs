use super::super::{Context, Input, NativeFunction, Outcome};
use crate::document::SpecFormat;
use crate::tree::Value;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "yes")]
    explode: bool,
    #[serde(default = "yes")]
    headers: bool,
    #[serde(default = "yes")]
    swagger: bool,
}

fn yes() -> bool {
    true
}

crate::declare_function! {
    /// Array query and header parameters must state
    /// their collection format explicitly (Zalando 154).
    ///
    /// # What it does
    ///
    /// Applied to a parameter. For an array parameter (OpenAPI 3: `schema.type:
    /// array`; Swagger 2.0: `type: array`):
    ///
    /// - query, OpenAPI 3: `style` must be `form` (Zally's check: `Parameter
    ///   style have to be `form``) and, with `explode`, `explode` must be
    ///   given (`true` for `?p=a&p=b`, `false` for `?p=a,b`): `Parameter
    ///   explode has to be defined explicitly`;
    /// - header, OpenAPI 3, with `headers`: `style: simple` and `explode: false`
    ///   (a header cannot be repeated): `Header parameter style has to be
    ///   `simple` with `explode: false``;
    /// - Swagger 2.0, with `swagger`: `collectionFormat` must be given — `csv`
    ///   or `multi` for query, `csv` for header parameters: `Parameter
    ///   collectionFormat has to be `csv` or `multi`` / `…has to be `csv``.
    ///
    /// # Why
    ///
    /// A server and its clients must agree on how a list is written in a query
    /// or header (`?ids=a,b` or `?ids=a&ids=b`); left implicit, each tool picks
    /// its own default and lists are parsed wrongly.
    ///
    /// # Options
    ///
    /// - `explode` (boolean, default `true`), `headers` (boolean, default
    ///   `true`), `swagger` (boolean, default `true`): the checks the current
    ///   guideline adds. All `false` is Zally's rule.
    ///
    /// Zally's rule only: `functionOptions: {explode: false, headers: false,
    /// swagger: false}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   Operation:
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace]"
    ///   Parameters:
    ///     - $.components.parameters
    ///     - $.parameters
    ///     - $.paths[*].parameters
    ///     - "#Operation.parameters"
    /// rules:
    ///   "154":
    ///     title: Define collection format of header and query parameters
    ///     description: >-
    ///       Array query and header parameters must state their collection format
    ///       explicitly: `style: form` with `explode` for query parameters,
    ///       `style: simple`, `explode: false` for headers (Swagger 2.0:
    ///       `collectionFormat`).
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: "#Parameters[*]"
    ///     then:
    ///       function: zalandoCollectionFormat
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       parameters:
    ///         - name: ids
    ///           in: query
    ///           schema: {type: array, items: {type: string}}
    ///       responses:
    ///         "200": {description: OK}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       parameters:
    ///         - name: ids
    ///           in: query
    ///           style: form
    ///           explode: false
    ///           schema: {type: array, items: {type: string}}
    ///       responses:
    ///         "200": {description: OK}
    /// ```
    #[function("zalandoCollectionFormat")]
    pub(crate) struct CollectionFormat {
        explode: bool,
        headers: bool,
        swagger: bool,
    }
}

impl NativeFunction for CollectionFormat {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(CollectionFormat {
            explode: o.explode,
            headers: o.headers,
            swagger: o.swagger,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(param) = input.cursor() else { return };
        let location = param.get("in").and_then(|v| v.as_str());
        let text = |key: &str| param.get(key).and_then(|v| v.as_str());
        if ctx.format == SpecFormat::Swagger2 {
            if !self.swagger || text("type") != Some("array") {
                return;
            }
            let format = text("collectionFormat");
            match location {
                Some("query") if !matches!(format, Some("csv" | "multi")) => out.push(
                    Outcome::new("Parameter collectionFormat has to be `csv` or `multi`"),
                ),
                Some("header") if format != Some("csv") => {
                    out.push(Outcome::new("Parameter collectionFormat has to be `csv`"))
                }
                _ => {}
            }
            return;
        }
        let is_array = param
            .get("schema")
            .and_then(|s| s.get("type"))
            .and_then(|t| t.as_str())
            == Some("array");
        if !is_array {
            return;
        }
        let explode = param.get("explode").map(|e| e.value());
        match location {
            Some("query") => {
                if text("style") != Some("form") {
                    out.push(Outcome::new("Parameter style have to be `form`"));
                } else if self.explode && !matches!(explode, Some(Value::Bool(_))) {
                    out.push(Outcome::new(
                        "Parameter explode has to be defined explicitly",
                    ));
                }
            }
            Some("header")
                if self.headers
                    && (text("style") != Some("simple")
                        || !matches!(explode, Some(Value::Bool(false)))) =>
            {
                out.push(Outcome::new(
                    "Header parameter style has to be `simple` with `explode: false`",
                ));
            }
            _ => {}
        }
    }
}
