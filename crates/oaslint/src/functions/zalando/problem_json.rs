use super::super::{Context, Input, NativeFunction, Outcome};
use super::validation;
use crate::document::SpecFormat;
use crate::functions::oas::zally::{join, operations, paths_input};
use crate::workspace::{Cursor, Loc};
use jsonschema::{Draft, Validator};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::sync::OnceLock;

const DESCRIPTION: &str = "Operations should return problem JSON when any problem occurs during processing whether caused by client or server.";

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    #[serde(default = "default_media_type")]
    media_type: String,
}

fn default_media_type() -> String {
    "application/problem+json".into()
}

fn meta_schema() -> &'static Validator {
    static META: OnceLock<Validator> = OnceLock::new();
    META.get_or_init(|| {
        validation::compile(
            "problem-meta-schema.json",
            include_str!("../../../rulesets/zalando/schemas/problem-meta-schema.json"),
            Draft::Draft4,
        )
    })
}

crate::declare_function! {
    /// Error responses must use Problem JSON (Zalando
    /// 176).
    ///
    /// # What it does
    ///
    /// Applied to `paths` (the root's key `paths`, `given: $[*]~`, or the
    /// `paths` object; other inputs are skipped). For every `4xx`, `5xx` and
    /// `default` response of every operation, as Zally does:
    ///
    /// - OpenAPI 3: the first media type that does not start with `mediaType`
    ///   is reported (`… Media type have to be 'application/problem+json'`)
    ///   and the response's schemas are not looked at;
    /// - otherwise each media type's schema (Swagger 2.0: the response's
    ///   `schema`), with `$ref`s followed, is validated against Zally's Problem
    ///   meta-schema (bundled): an object whose `type`, `title`, `status`,
    ///   `detail` and `instance` properties, when present, have Problem's types
    ///   and formats. Each error is reported where it is, below the schema.
    ///
    /// Messages start with Zally's `Operations should return problem JSON when
    /// any problem occurs during processing whether caused by client or
    /// server.`
    ///
    /// # Why
    ///
    /// With one error format (RFC 9457 Problem Details) clients can handle the
    /// errors of every API the same way; an error response in plain JSON or
    /// text needs code of its own in each client.
    ///
    /// # Options
    ///
    /// - `mediaType` (string, default `application/problem+json`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "176":
    ///     title: Support problem JSON
    ///     description: >-
    ///       Error responses (4xx, 5xx, `default`) must use
    ///       `application/problem+json` with a schema of Problem's shape.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoProblemJson
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "404":
    ///           description: Not found.
    ///           content:
    ///             application/json:
    ///               schema: {type: object}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "404":
    ///           description: Not found.
    ///           content:
    ///             application/problem+json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   type: {type: string, format: uri, default: "about:blank"}
    ///                   title: {type: string}
    ///                   status:
    ///                     type: integer
    ///                     format: int32
    ///                     minimum: 100
    ///                     maximum: 600
    ///                     exclusiveMaximum: true
    ///                   detail: {type: string}
    ///                   instance: {type: string, format: uri-reference}
    /// ```
    #[function("zalandoProblemJson")]
    pub(crate) struct ProblemJson {
        media_type: String,
    }
}

fn is_error_code(code: &str) -> bool {
    code == "default" || code.parse::<i64>().is_ok_and(|c| (400..=599).contains(&c))
}

/// Validates `schema` (once per physical schema) and pushes its outcomes
/// below `at`.
fn validate(
    schema: Cursor<'_>,
    at: &[String],
    cache: &mut HashMap<Loc, Vec<Outcome>>,
    out: &mut Vec<Outcome>,
) {
    let found = cache.entry(schema.loc()).or_insert_with(|| {
        let mut found = Vec::new();
        let prefix = format!("{DESCRIPTION} ");
        validation::outcomes(meta_schema(), &schema.to_json(), &[], &prefix, &mut found);
        merge_missing_members(found, &prefix)
    });
    for o in found.iter() {
        let mut path = at.to_vec();
        path.extend(o.path.iter().cloned());
        out.push(Outcome::new(o.message.clone()).at(path));
    }
}

/// One outcome per schema for its missing required members, listing them
/// all, as Zally reports it (`status: {type: string}` lacks four members:
/// one finding, not four). The validator reports each member apart.
fn merge_missing_members(found: Vec<Outcome>, prefix: &str) -> Vec<Outcome> {
    let marker = format!("{prefix}must have required property ");
    let mut merged: Vec<Outcome> = Vec::with_capacity(found.len());
    // Index in `merged` of the missing-members outcome of each path.
    let mut at_path: HashMap<Vec<String>, usize> = HashMap::default();
    let mut members: Vec<Vec<String>> = Vec::new();
    for o in found {
        let Some(member) = o.message.strip_prefix(&marker) else {
            merged.push(o);
            continue;
        };
        match at_path.get(&o.path) {
            Some(&i) => members[i].push(member.to_string()),
            None => {
                at_path.insert(o.path.clone(), merged.len());
                members.resize(merged.len() + 1, Vec::new());
                members[merged.len()].push(member.to_string());
                merged.push(o);
            }
        }
    }
    for (i, names) in members.iter().enumerate() {
        if names.len() > 1 {
            merged[i].message =
                format!("{prefix}must have required properties {}", names.join(", "));
        }
    }
    merged
}

impl NativeFunction for ProblemJson {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(ProblemJson {
            media_type: o.media_type,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = paths_input(&input, ctx) else {
            return;
        };
        let mut cache = HashMap::default();
        for (path, method, op) in operations(paths) {
            let Some(responses) = op.get("responses") else {
                continue;
            };
            for (code, response) in responses.entries() {
                if !is_error_code(code) {
                    continue;
                }
                let at = vec![
                    path.to_string(),
                    method.to_string(),
                    "responses".to_string(),
                    code.to_string(),
                ];
                if ctx.format == SpecFormat::Swagger2 {
                    if let Some(schema) = response.get("schema") {
                        validate(schema, &join(&at, &["schema"]), &mut cache, out);
                    }
                    continue;
                }
                let Some(content) = response.get("content") else {
                    continue;
                };
                let entries: Vec<(&str, Cursor)> = content.entries().collect();
                if let Some((media_type, _)) = entries
                    .iter()
                    .find(|(mt, _)| !mt.starts_with(self.media_type.as_str()))
                {
                    out.push(
                        Outcome::new(format!(
                            "{DESCRIPTION} Media type have to be '{}'",
                            self.media_type
                        ))
                        .at(join(&at, &["content", media_type])),
                    );
                    continue;
                }
                for (media_type, entry) in entries {
                    if let Some(schema) = entry.get("schema") {
                        validate(
                            schema,
                            &join(&at, &["content", media_type, "schema"]),
                            &mut cache,
                            out,
                        );
                    }
                }
            }
        }
    }
}
