//! `zalandoSecuritySchemes`: endpoints must be secured by OAuth2 or Bearer
//! authentication, with declared scopes (Zalando 104).
//!
//! # What it does
//!
//! Zally's three checks:
//!
//! 1. given the security schemes map (`components.securitySchemes`, Swagger
//!    2.0 `securityDefinitions`), present or not: at least one scheme must
//!    be OAuth2 (`type: oauth2`) or Bearer (`type: http`, `scheme:
//!    bearer`), else a finding at the map (at its pointer when missing);
//! 2. every other scheme (API keys, basic, OpenID Connect, …) in the map is
//!    reported where it is defined;
//! 3. given the key `paths` of the root (`given: $[*]~`; other keys are
//!    skipped): every scope an operation's own `security` requires from an
//!    OAuth2 scheme must be declared by that scheme (in one of its flows),
//!    else a finding at the scope in the requirement:
//!    `The scope '<scheme>/<scope>' is not specified in security definition`.
//!
//! # Options
//!
//! - `format` (`oas2` or `oas3`, optional): act only on documents of this
//!   format — how one rule checks `components.securitySchemes` for OpenAPI
//!   3 and `securityDefinitions` for Swagger 2.0 (see the example).
//!
//! # Compared with Zally
//!
//! Check 3 runs for Swagger 2.0 too (Zally skips Swagger input), and the
//! Bearer scheme name is compared case-insensitively (`Bearer` is the same
//! HTTP authentication scheme, RFC 9110 §11.1).
//!
//! # Example
//!
//! ```yaml
//! "104":
//!   message: "{{error}}"
//!   given: [$, "$[*]~"]
//!   then:
//!     - field: components.securitySchemes
//!       function: zalandoSecuritySchemes
//!       functionOptions: {format: oas3}
//!     - field: securityDefinitions
//!       function: zalandoSecuritySchemes
//!       functionOptions: {format: oas2}
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{declared_scopes, is_oauth2, operations, paths_input, root, security_schemes};
use crate::document::SpecFormat;
use crate::workspace::Cursor;
use serde::Deserialize;

const MESSAGE: &str = "API must be secured by OAuth2 or Bearer Authentication";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    format: Option<Format>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Format {
    Oas2,
    Oas3,
}

struct SecuritySchemes {
    format: Option<Format>,
}

fn is_bearer(scheme: Cursor<'_>, format: SpecFormat) -> bool {
    format != SpecFormat::Swagger2
        && scheme.get("type").and_then(|t| t.as_str()) == Some("http")
        && scheme
            .get("scheme")
            .and_then(|s| s.as_str())
            .is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
}

impl RuleFunction for SecuritySchemes {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let swagger = ctx.format == SpecFormat::Swagger2;
        if self.format.is_some_and(|f| (f == Format::Oas2) != swagger) {
            return;
        }
        if let Input::Key(_) = input {
            let Some(paths) = paths_input(&input, ctx) else {
                return;
            };
            let (_, map) = security_schemes(root(ctx), ctx.format);
            let schemes: Vec<(&str, Cursor)> =
                map.map(|m| m.entries().collect()).unwrap_or_default();
            scopes_declared(paths, &schemes, ctx.format, out);
            return;
        }
        let schemes: Vec<(&str, Cursor)> = input
            .cursor()
            .map(|m| m.entries().collect())
            .unwrap_or_default();
        let valid = |s: Cursor| is_oauth2(s) || is_bearer(s, ctx.format);
        if !schemes.iter().any(|(_, s)| valid(*s)) {
            out.push(Outcome::new(MESSAGE));
        }
        for (name, scheme) in &schemes {
            if !valid(*scheme) {
                out.push(Outcome::new(MESSAGE).at(vec![name.to_string()]));
            }
        }
    }
}

/// Check 3, with paths below `paths`.
fn scopes_declared(
    paths: Cursor<'_>,
    schemes: &[(&str, Cursor<'_>)],
    format: SpecFormat,
    out: &mut Vec<Outcome>,
) {
    for (path, method, op) in operations(paths) {
        let Some(security) = op.get("security") else {
            continue;
        };
        for (i, requirement) in security.items().enumerate() {
            for (scheme_name, scopes) in requirement.entries() {
                let Some(scheme) = schemes
                    .iter()
                    .find(|(n, _)| *n == scheme_name)
                    .map(|(_, s)| *s)
                    .filter(|s| is_oauth2(*s))
                else {
                    continue;
                };
                let declared = declared_scopes(scheme, format);
                for (j, scope) in scopes.items().enumerate() {
                    let Some(scope) = scope.as_str() else {
                        continue;
                    };
                    if !declared.contains(&scope) {
                        out.push(
                            Outcome::new(format!(
                                "The scope '{scheme_name}/{scope}' is not specified in security definition"
                            ))
                            .at(vec![
                                path.into(),
                                method.into(),
                                "security".into(),
                                i.to_string(),
                                scheme_name.into(),
                                j.to_string(),
                            ]),
                        );
                    }
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(SecuritySchemes { format: o.format }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::super::util::test_support::{run_doc, On};
    use super::*;
    use serde_json::json;

    fn oauth() -> serde_json::Value {
        json!({"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://t", "scopes": {"orders.read": "r"}}}})
    }

    fn pass_table() -> Vec<Pass> {
        let none = json!(null);
        vec![
            (none.clone(), Some(json!({"oauth": oauth()}))),
            (
                none.clone(),
                Some(json!({"jwt": {"type": "http", "scheme": "bearer"}})),
            ),
            (
                none.clone(),
                Some(json!({"jwt": {"type": "http", "scheme": "Bearer"}})),
            ),
            // Not this format's map.
            (
                json!({"format": "oas2"}),
                Some(json!({"key": {"type": "apiKey"}})),
            ),
            (json!({"format": "oas2"}), None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let none = json!(null);
        vec![
            (none.clone(), None, vec![outcome(MESSAGE, &[])]),
            (none.clone(), Some(json!({})), vec![outcome(MESSAGE, &[])]),
            (
                json!({"format": "oas3"}),
                Some(json!({"key": {"type": "apiKey", "in": "header", "name": "X-Key"}})),
                vec![outcome(MESSAGE, &[]), outcome(MESSAGE, &["key"])],
            ),
            (
                none.clone(),
                Some(
                    json!({"oauth": oauth(), "basic": {"type": "http", "scheme": "basic"}, "oidc": {"type": "openIdConnect"}}),
                ),
                vec![outcome(MESSAGE, &["basic"]), outcome(MESSAGE, &["oidc"])],
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
    fn used_scopes_must_be_declared() {
        let doc = json!({
            "openapi": "3.0.3",
            "components": {"securitySchemes": {"oauth": oauth(), "jwt": {"type": "http", "scheme": "bearer"}}},
            "paths": {"/orders": {
                "get": {"security": [{"oauth": ["orders.read", "orders.write"]}, {"jwt": ["x"]}]},
                "post": {"security": [{"other": ["y"]}]}
            }}
        });
        assert_eq!(
            run_doc(create, json!({"format": "oas3"}), &doc, On::Key("paths")),
            vec![outcome(
                "The scope 'oauth/orders.write' is not specified in security definition",
                &["/orders", "get", "security", "0", "oauth", "1"],
            )]
        );
        assert!(run_doc(create, json!({"format": "oas2"}), &doc, On::Key("paths")).is_empty());
        assert!(run_doc(create, json!(null), &doc, On::Key("info")).is_empty());
    }

    #[test]
    fn swagger() {
        let doc = json!({
            "swagger": "2.0",
            "securityDefinitions": {
                "oauth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {"a.read": ""}},
                "key": {"type": "apiKey", "in": "header", "name": "K"}
            },
            "paths": {"/a": {"get": {"security": [{"oauth": ["a.read", "b.read"]}]}}}
        });
        let o = json!({"format": "oas2"});
        assert_eq!(
            run_doc(create, o.clone(), &doc, On::Node("/securityDefinitions")),
            vec![outcome(MESSAGE, &["key"])]
        );
        assert_eq!(
            run_doc(create, o.clone(), &doc, On::Key("paths")),
            vec![outcome(
                "The scope 'oauth/b.read' is not specified in security definition",
                &["/a", "get", "security", "0", "oauth", "1"]
            )]
        );
        // Swagger 2.0 has no Bearer scheme.
        let basic = json!({"swagger": "2.0", "securityDefinitions": {"b": {"type": "basic"}}});
        assert_eq!(
            run_doc(create, o, &basic, On::Node("/securityDefinitions")),
            vec![outcome(MESSAGE, &[]), outcome(MESSAGE, &["b"])]
        );
    }

    #[test]
    fn options() {
        assert!(
            testing::options_error(create, json!({"format": "oas4"})).contains("unknown variant")
        );
    }
}
