//! `zalandoScopes`: every endpoint must be secured by declared, well-named
//! OAuth2 scopes (Zalando 105).
//!
//! # What it does
//!
//! Zally's two checks:
//!
//! 1. given a security schemes map (`components.securitySchemes`, Swagger
//!    2.0 `securityDefinitions`): every scope an OAuth2 scheme declares must
//!    match `scopePattern` as a whole, else `scope '<scope>' does not match
//!    regex '<pattern>'` at the flow's `scopes` map (Swagger 2.0: the
//!    scheme's `scopes`);
//! 2. given the key `paths` of the root (`given: $[*]~`; other keys are
//!    skipped): every operation whose path matches none of `pathWhitelist` needs a
//!    security requirement — its own `security`, or the root's when the
//!    operation has none or an empty one:
//!    - none at all: `Endpoint is not secured by scope(s)`;
//!    - a requirement naming an unknown scheme: `Security scheme <name> not
//!      found`, at the operation;
//!    - an OAuth2 requirement without scopes: `Endpoint is not secured by
//!      OAuth2 scope(s)`;
//!    - OAuth2 scopes the scheme does not declare: `Endpoint is secured by
//!      undefined OAuth2 scope(s): <scheme>:<scope>, <scope>`.
//!
//!    These are reported at the operation's `security` when it has one,
//!    else at the operation (except the unknown scheme, always at the
//!    operation).
//!
//! # Options
//!
//! - `scopePattern` (string, regular expression matched against the whole
//!   scope): default Zally's `^(uid)|(([a-z-]+\.){1,2}(read|write))$`,
//!   i.e. `uid` or `<application>[.<resource>].<read|write>`.
//! - `pathWhitelist` (list of regular expressions, default empty): paths
//!   containing a match are not checked by check 2.
//!
//! # Example
//!
//! ```yaml
//! "105":
//!   message: "{{error}}"
//!   given: [$.components.securitySchemes, $.securityDefinitions, "$[*]~"]
//!   then:
//!     function: zalandoScopes
//!     functionOptions:
//!       pathWhitelist: ['^/health$']
//! ```

use super::super::pattern::JsRegex;
use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{
    declared_scopes, is_oauth2, operations, paths_input, root, security_schemes, WholeMatch,
};
use crate::document::SpecFormat;
use crate::workspace::Cursor;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_scope_pattern")]
    scope_pattern: String,
    #[serde(default)]
    path_whitelist: Vec<String>,
}

fn default_scope_pattern() -> String {
    r"^(uid)|(([a-z-]+\.){1,2}(read|write))$".into()
}

struct Scopes {
    scope_pattern: WholeMatch,
    path_whitelist: Vec<JsRegex>,
}

impl RuleFunction for Scopes {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        match input {
            Input::Node(map) => self.scope_names(map, ctx.format, out),
            Input::Key(_) => {
                if let Some(paths) = paths_input(&input, ctx) {
                    self.operations(paths, ctx, out);
                }
            }
            Input::Undefined => {}
        }
    }
}

impl Scopes {
    /// Check 1, with paths below the schemes map.
    fn scope_names(&self, map: Cursor<'_>, format: SpecFormat, out: &mut Vec<Outcome>) {
        for (name, scheme) in map.entries() {
            if !is_oauth2(scheme) {
                continue;
            }
            for (path, scopes) in super::util::oauth2_scopes(scheme, format) {
                for (scope, _) in scopes.entries() {
                    if !self.scope_pattern.is_match(scope) {
                        let mut at = vec![name.to_string()];
                        at.extend(path.iter().cloned());
                        out.push(
                            Outcome::new(format!(
                                "scope '{scope}' does not match regex '{}'",
                                self.scope_pattern.source
                            ))
                            .at(at),
                        );
                    }
                }
            }
        }
    }

    /// Check 2, with paths below `paths`.
    fn operations(&self, paths: Cursor<'_>, ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let root = root(ctx);
        let (_, map) = security_schemes(root, ctx.format);
        let schemes: Vec<(&str, Cursor)> = map.map(|m| m.entries().collect()).unwrap_or_default();
        let root_security: Vec<Cursor> = root
            .get("security")
            .map(|s| s.items().collect())
            .unwrap_or_default();
        for (path, method, op) in operations(paths) {
            if self.path_whitelist.iter().any(|re| re.is_match(path)) {
                continue;
            }
            let op_path = vec![path.to_string(), method.to_string()];
            let own = op.get("security");
            let own_list: Vec<Cursor> = own.map(|s| s.items().collect()).unwrap_or_default();
            let requirements = if own_list.is_empty() {
                &root_security
            } else {
                &own_list
            };
            let mut at_security = op_path.clone();
            if own.is_some() {
                at_security.push("security".into());
            }
            if requirements.is_empty() {
                out.push(Outcome::new("Endpoint is not secured by scope(s)").at(at_security));
                continue;
            }
            for requirement in requirements {
                for (scheme_name, scopes) in requirement.entries() {
                    let Some(scheme) = schemes.iter().find(|(n, _)| *n == scheme_name) else {
                        out.push(
                            Outcome::new(format!("Security scheme {scheme_name} not found"))
                                .at(op_path.clone()),
                        );
                        continue;
                    };
                    if !is_oauth2(scheme.1) {
                        continue;
                    }
                    if scopes.items().next().is_none() {
                        out.push(
                            Outcome::new("Endpoint is not secured by OAuth2 scope(s)")
                                .at(at_security.clone()),
                        );
                        continue;
                    }
                    let declared = declared_scopes(scheme.1, ctx.format);
                    let undefined: Vec<&str> = scopes
                        .items()
                        .filter_map(|s| s.as_str())
                        .filter(|s| !declared.contains(s))
                        .collect();
                    if !undefined.is_empty() {
                        out.push(
                            Outcome::new(format!(
                                "Endpoint is secured by undefined OAuth2 scope(s): {scheme_name}:{}",
                                undefined.join(", ")
                            ))
                            .at(at_security.clone()),
                        );
                    }
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(Scopes {
        scope_pattern: WholeMatch::compile("scopePattern", &o.scope_pattern)?,
        path_whitelist: o
            .path_whitelist
            .iter()
            .map(|p| JsRegex::compile("pathWhitelist", p))
            .collect::<Result<_, _>>()?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::super::util::test_support::{run_doc, On};
    use super::*;
    use serde_json::json;

    fn schemes() -> serde_json::Value {
        json!({
            "oauth": {"type": "oauth2", "flows": {
                "implicit": {"authorizationUrl": "https://a", "scopes": {"uid": "", "orders.read": ""}},
                "clientCredentials": {"tokenUrl": "https://t", "scopes": {"sales-order.item.write": ""}}}},
            "jwt": {"type": "http", "scheme": "bearer"}
        })
    }

    fn api(root_security: serde_json::Value, op: serde_json::Value) -> serde_json::Value {
        json!({
            "openapi": "3.0.3",
            "security": root_security,
            "components": {"securitySchemes": schemes()},
            "paths": {"/orders": {"get": op}}
        })
    }

    /// Check 2 on `doc`'s paths.
    fn ops(options: serde_json::Value, doc: serde_json::Value) -> Vec<Outcome> {
        run_doc(create, options, &doc, On::Key("paths"))
    }

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), Some(schemes())),
            (json!({"scopePattern": "[a-z.-]+"}), Some(schemes())),
            (
                json!(null),
                Some(json!({"key": {"type": "apiKey", "scopes": {"X": ""}}})),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!({"scopePattern": "uid|[a-z]+\\.read"}),
                Some(schemes()),
                vec![outcome(
                    "scope 'sales-order.item.write' does not match regex 'uid|[a-z]+\\.read'",
                    &["oauth", "flows", "clientCredentials", "scopes"],
                )],
            ),
            (
                json!(null),
                Some(json!({"oauth": {"type": "oauth2", "flows": {"implicit": {"scopes": {"uid": "", "Orders.Read": "", "a.b.c.read": "", "orders.delete": ""}}}}})),
                ["Orders.Read", "a.b.c.read", "orders.delete"]
                    .iter()
                    .map(|s| {
                        outcome(
                            &format!("scope '{s}' does not match regex '^(uid)|(([a-z-]+\\.){{1,2}}(read|write))$'"),
                            &["oauth", "flows", "implicit", "scopes"],
                        )
                    })
                    .collect(),
            ),
        ]
    }

    #[test]
    fn pass() {
        testing::assert_passes(create, &pass_table());
        for (root, op) in [
            (json!([]), json!({"security": [{"oauth": ["orders.read"]}]})),
            (json!([{"oauth": ["uid"]}]), json!({})),
            (json!([{"oauth": ["uid"]}]), json!({"security": []})),
            (json!([]), json!({"security": [{"jwt": []}]})),
        ] {
            assert!(
                ops(json!(null), api(root.clone(), op.clone())).is_empty(),
                "{root} {op}"
            );
        }
        assert!(ops(
            json!({"pathWhitelist": ["^/orders$"]}),
            api(json!([]), json!({}))
        )
        .is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_yaml_snapshot!(testing::assert_fails(create, &fail_table()));
    }

    #[test]
    fn operations_need_defined_scopes() {
        let get = ["/orders", "get"];
        let sec = ["/orders", "get", "security"];
        let cases = [
            (
                json!([]),
                json!({}),
                outcome("Endpoint is not secured by scope(s)", &get),
            ),
            (
                json!([]),
                json!({"security": []}),
                outcome("Endpoint is not secured by scope(s)", &sec),
            ),
            (
                json!([]),
                json!({"security": [{"other": []}]}),
                outcome("Security scheme other not found", &get),
            ),
            (
                json!([]),
                json!({"security": [{"oauth": []}]}),
                outcome("Endpoint is not secured by OAuth2 scope(s)", &sec),
            ),
            (
                json!([{"oauth": ["a.write", "uid", "b.read"]}]),
                json!({}),
                outcome(
                    "Endpoint is secured by undefined OAuth2 scope(s): oauth:a.write, b.read",
                    &get,
                ),
            ),
        ];
        for (root, op, want) in cases {
            assert_eq!(ops(json!(null), api(root, op)), vec![want]);
        }
    }

    #[test]
    fn swagger() {
        let doc = json!({
            "swagger": "2.0",
            "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": {"READ": ""}}},
            "paths": {"/a": {"get": {"security": [{"oauth": ["READ"]}]}, "post": {}}}
        });
        assert_eq!(
            run_doc(create, json!(null), &doc, On::Node("/securityDefinitions")),
            vec![outcome(
                "scope 'READ' does not match regex '^(uid)|(([a-z-]+\\.){1,2}(read|write))$'",
                &["oauth", "scopes"]
            )]
        );
        assert_eq!(
            run_doc(create, json!(null), &doc, On::Key("paths")),
            vec![outcome(
                "Endpoint is not secured by scope(s)",
                &["/a", "post"]
            )]
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert!(err(json!({"scopePattern": "("})).starts_with("`scopePattern` is not a valid"));
        assert!(err(json!({"pathWhitelist": ["["]})).starts_with("`pathWhitelist` is not a valid"));
    }
}
