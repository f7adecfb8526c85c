use super::super::{Context, Input, NativeFunction, Outcome};
use crate::document::SpecFormat;
use crate::functions::oas::zally::paths_input;
use crate::functions::oas::METHODS;
use crate::severity::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    #[serde(default = "default_standard")]
    standard: Vec<String>,
    #[serde(default = "default_well_understood")]
    well_understood: BTreeMap<String, Vec<String>>,
    #[serde(default = "default_standard_severity")]
    #[schemars(with = "String")]
    standard_severity: Severity,
}

fn default_standard() -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    let ranges: &[(u16, u16)] = &[
        (100, 103),
        (200, 208),
        (226, 226),
        (300, 305),
        (307, 308),
        (400, 417),
        (421, 426),
        (428, 429),
        (431, 431),
        (451, 451),
        (500, 508),
        (510, 511),
    ];
    for &(from, to) in ranges {
        codes.extend((from..=to).map(|c| c.to_string()));
    }
    codes.push("default".into());
    codes
}

fn default_well_understood() -> BTreeMap<String, Vec<String>> {
    let all = "ALL";
    let table: &[(&str, &[&str])] = &[
        ("200", &[all]),
        ("201", &["POST", "PUT"]),
        ("202", &["POST", "PUT", "DELETE", "PATCH"]),
        ("204", &["PUT", "DELETE", "PATCH"]),
        ("207", &["POST"]),
        ("301", &[all]),
        ("303", &["PATCH", "POST", "PUT", "DELETE"]),
        ("304", &["GET", "HEAD"]),
        ("400", &[all]),
        ("401", &[all]),
        ("403", &[all]),
        ("404", &[all]),
        ("405", &[all]),
        ("406", &[all]),
        ("408", &[all]),
        ("409", &["POST", "PUT", "DELETE", "PATCH"]),
        ("410", &[all]),
        ("412", &["PUT", "DELETE", "PATCH"]),
        ("415", &["POST", "PUT", "DELETE", "PATCH"]),
        ("423", &["PUT", "DELETE", "PATCH"]),
        ("428", &[all]),
        ("429", &[all]),
        ("500", &[all]),
        ("501", &[all]),
        ("503", &[all]),
        ("default", &[all]),
    ];
    table
        .iter()
        .map(|(code, methods)| {
            (
                code.to_string(),
                methods.iter().map(|m| m.to_string()).collect(),
            )
        })
        .collect()
}

fn default_standard_severity() -> Severity {
    Severity::Must
}

crate::declare_function! {
    /// Use official, well-understood HTTP status codes,
    /// each for the methods it suits (Zalando 150, and 243 for official codes).
    ///
    /// # What it does
    ///
    /// Applied to `paths` (the root's key `paths`, `given: $[*]~`, or the
    /// `paths` object; other inputs are skipped). For every response of every
    /// operation, Zally's four checks:
    ///
    /// - the code is not in `standard`: `<code> is not a standardized response
    ///   code`, at `standardSeverity` (MUST: guideline 243 requires official
    ///   codes);
    /// - the code is not in `wellUnderstood`: `<code> is not a well-understood
    ///   response code`;
    /// - `wellUnderstood` does not list the operation's method (or `ALL`) for
    ///   the code: `Path <path> should not use <code> status code for <METHOD>
    ///   operation`;
    /// - a `204` response of a PUT, PATCH or DELETE operation defines content
    ///   (Swagger 2.0: a `schema`): `204 response should have no payload
    ///   defined`.
    ///
    /// The last three have the rule's severity. Findings are at the response
    /// (where it is defined, when it is a `$ref`).
    ///
    /// # Why
    ///
    /// Clients handle the common, well-understood status codes correctly
    /// without reading the documentation; an unusual code, or a code used with
    /// a method it does not suit, surprises them.
    ///
    /// # Options
    ///
    /// - `standard` (list of codes): default the codes of the IANA HTTP Status
    ///   Code Registry (100–103, 200–208, 226, 300–305, 307, 308, 400–417,
    ///   421–426, 428, 429, 431, 451, 500–508, 510, 511) and `default`.
    /// - `wellUnderstood` (map code → list of methods or `ALL`): default Zally's
    ///   table (200 ALL, 201 POST PUT, 202 POST PUT DELETE PATCH, 204 PUT
    ///   DELETE PATCH, 207 POST, 301 ALL, 303 PATCH POST PUT DELETE, 304 GET
    ///   HEAD, 400 401 403 404 405 406 408 ALL, 409 POST PUT DELETE PATCH, 410
    ///   ALL, 412 PUT DELETE PATCH, 415 POST PUT DELETE PATCH, 423 PUT DELETE
    ///   PATCH, 428 429 500 501 503 ALL, `default` ALL).
    /// - `standardSeverity` (`must`/`should`/`may`/`hint`, default `must`).
    ///
    /// For example `functionOptions: {wellUnderstood: {"200": [ALL], "204": [POST,
    /// PUT, PATCH, DELETE], default: [ALL]}}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "150":
    ///     title: Only use most common HTTP status codes
    ///     description: >-
    ///       Responses should use the most common, well-understood status codes,
    ///       each for the methods it suits (and 204 without content); codes must
    ///       be official (IANA registry, guideline 243, reported as MUST).
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoStatusCodes
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200": {description: OK}
    ///         "418": {description: I'm a teapot.}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200": {description: OK}
    ///         "404": {description: Not found.}
    /// ```
    #[function("zalandoStatusCodes")]
    pub(crate) struct StatusCodes {
        standard: Vec<String>,
        well_understood: BTreeMap<String, Vec<String>>,
        standard_severity: Severity,
    }
}

impl NativeFunction for StatusCodes {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(StatusCodes {
            standard: o.standard,
            well_understood: o.well_understood,
            standard_severity: o.standard_severity,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = paths_input(&input, ctx) else {
            return;
        };
        for (path, item) in paths.entries() {
            for key in METHODS {
                let Some(responses) = item.get(key).and_then(|op| op.get("responses")) else {
                    continue;
                };
                // Zally's tables and messages name methods in upper case.
                let method = key.to_ascii_uppercase();
                for (code, response) in responses.entries() {
                    let at = vec![
                        path.to_string(),
                        key.to_string(),
                        "responses".to_string(),
                        code.to_string(),
                    ];
                    let allowed = self
                        .well_understood
                        .get(&code.to_lowercase())
                        .is_some_and(|m| m.iter().any(|m| *m == method || m == "ALL"));
                    if !allowed {
                        out.push(
                            Outcome::new(format!(
                                "Path {path} should not use {code} status code for {method} operation"
                            ))
                            .at(at.clone()),
                        );
                    }
                    if !self.standard.iter().any(|c| c == code) {
                        out.push(
                            Outcome::new(format!("{code} is not a standardized response code"))
                                .at(at.clone())
                                .with_severity(self.standard_severity),
                        );
                    }
                    if !self.well_understood.contains_key(code) {
                        out.push(
                            Outcome::new(format!("{code} is not a well-understood response code"))
                                .at(at.clone()),
                        );
                    }
                    let payload = if ctx.format == SpecFormat::Swagger2 {
                        response.get("schema").is_some()
                    } else {
                        response
                            .get("content")
                            .is_some_and(|c| c.entries().next().is_some())
                    };
                    if code == "204"
                        && matches!(method.as_str(), "PUT" | "PATCH" | "DELETE")
                        && payload
                    {
                        out.push(
                            Outcome::new("204 response should have no payload defined").at(at),
                        );
                    }
                }
            }
        }
    }
}
