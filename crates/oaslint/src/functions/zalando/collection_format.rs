//! `zalandoCollectionFormat`: array query and header parameters must state
//! their collection format explicitly (Zalando 154).
//!
//! # What it does
//!
//! Applied to a parameter. For an array parameter (OpenAPI 3: `schema.type:
//! array`; Swagger 2.0: `type: array`):
//!
//! - query, OpenAPI 3: `style` must be `form` (Zally's check: `Parameter
//!   style have to be `form``) and, with `explode`, `explode` must be
//!   given (`true` for `?p=a&p=b`, `false` for `?p=a,b`): `Parameter
//!   explode has to be defined explicitly`;
//! - header, OpenAPI 3, with `headers`: `style: simple` and `explode: false`
//!   (a header cannot be repeated): `Header parameter style has to be
//!   `simple` with `explode: false``;
//! - Swagger 2.0, with `swagger`: `collectionFormat` must be given — `csv`
//!   or `multi` for query, `csv` for header parameters: `Parameter
//!   collectionFormat has to be `csv` or `multi`` / `…has to be `csv``.
//!
//! # Options
//!
//! - `explode` (boolean, default `true`), `headers` (boolean, default
//!   `true`), `swagger` (boolean, default `true`): the checks the current
//!   guideline adds. All `false` is Zally's rule.
//!
//! # Example
//!
//! ```yaml
//! "154":
//!   severity: should
//!   functionOptions: {explode: false, headers: false, swagger: false}
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use crate::document::SpecFormat;
use crate::tree::Value;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
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

struct CollectionFormat {
    explode: bool,
    headers: bool,
    swagger: bool,
}

impl RuleFunction for CollectionFormat {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(CollectionFormat {
        explode: o.explode,
        headers: o.headers,
        swagger: o.swagger,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn param(location: &str, extra: serde_json::Value) -> serde_json::Value {
        let mut p = json!({"name": "ids", "in": location, "schema": {"type": "array", "items": {"type": "string"}}});
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        p
    }

    fn zally() -> serde_json::Value {
        json!({"explode": false, "headers": false, "swagger": false})
    }

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                Some(param("query", json!({"style": "form", "explode": true}))),
            ),
            (
                json!(null),
                Some(param("query", json!({"style": "form", "explode": false}))),
            ),
            (
                json!(null),
                Some(param(
                    "header",
                    json!({"style": "simple", "explode": false}),
                )),
            ),
            (json!(null), Some(param("path", json!({})))),
            (
                json!(null),
                Some(json!({"name": "q", "in": "query", "schema": {"type": "string"}})),
            ),
            (zally(), Some(param("query", json!({"style": "form"})))),
            (zally(), Some(param("header", json!({})))),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                Some(param("query", json!({}))),
                vec![outcome("Parameter style have to be `form`", &[])],
            ),
            (
                zally(),
                Some(param("query", json!({"style": "spaceDelimited"}))),
                vec![outcome("Parameter style have to be `form`", &[])],
            ),
            (
                json!(null),
                Some(param("query", json!({"style": "form"}))),
                vec![outcome(
                    "Parameter explode has to be defined explicitly",
                    &[],
                )],
            ),
            (
                json!(null),
                Some(param("header", json!({"style": "simple"}))),
                vec![outcome(
                    "Header parameter style has to be `simple` with `explode: false`",
                    &[],
                )],
            ),
        ]
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
    fn swagger() {
        let run = |o: serde_json::Value, p: serde_json::Value| {
            testing::run_with_format(create, o, Some(p), SpecFormat::Swagger2)
        };
        let p = |location: &str, format: Option<&str>| {
            let mut p = json!({"name": "ids", "in": location, "type": "array", "items": {"type": "string"}});
            if let Some(f) = format {
                p["collectionFormat"] = json!(f);
            }
            p
        };
        assert!(run(json!(null), p("query", Some("multi"))).is_empty());
        assert!(run(json!(null), p("header", Some("csv"))).is_empty());
        assert!(run(zally(), p("query", None)).is_empty());
        assert_eq!(
            run(json!(null), p("query", None)),
            vec![outcome(
                "Parameter collectionFormat has to be `csv` or `multi`",
                &[]
            )]
        );
        assert_eq!(
            run(json!(null), p("header", Some("multi"))),
            vec![outcome("Parameter collectionFormat has to be `csv`", &[])]
        );
    }

    #[test]
    fn options() {
        assert!(testing::options_error(create, json!({"style": "form"}))
            .contains("unknown field `style`"));
    }
}
