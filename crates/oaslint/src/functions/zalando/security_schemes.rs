use super::super::{Context, Input, NativeFunction, Outcome};
use crate::document::SpecFormat;
use crate::functions::oas::zally::{
    declared_scopes, is_oauth2, operations, paths_input, root, security_schemes,
};
use crate::workspace::Cursor;
use serde::Deserialize;

const MESSAGE: &str = "API must be secured by OAuth2 or Bearer Authentication";

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    format: Option<Format>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Format {
    Oas2,
    Oas3,
}

crate::declare_function! {
    /// Endpoints must be secured by OAuth2 or Bearer
    /// authentication, with declared scopes (Zalando 104).
    ///
    /// # What it does
    ///
    /// Zally's three checks:
    ///
    /// 1. given the security schemes map (`components.securitySchemes`, Swagger
    ///    2.0 `securityDefinitions`), present or not: at least one scheme must
    ///    be OAuth2 (`type: oauth2`) or Bearer (`type: http`, `scheme:
    ///    bearer`), else a finding at the map (at its pointer when missing);
    /// 2. every other scheme (API keys, basic, OpenID Connect, …) in the map is
    ///    reported where it is defined;
    /// 3. given the key `paths` of the root (`given: $[*]~`; other keys are
    ///    skipped): every scope an operation's own `security` requires from an
    ///    OAuth2 scheme must be declared by that scheme (in one of its flows),
    ///    else a finding at the scope in the requirement:
    ///    `The scope '<scheme>/<scope>' is not specified in security definition`.
    ///
    /// # Why
    ///
    /// Endpoints must be secured, and by schemes the company's infrastructure
    /// understands: OAuth2 with declared scopes or bearer tokens. An API key or
    /// basic authentication bypasses the common token handling.
    ///
    /// # Options
    ///
    /// - `format` (`oas2` or `oas3`, optional): act only on documents of this
    ///   format — how one rule checks `components.securitySchemes` for OpenAPI
    ///   3 and `securityDefinitions` for Swagger 2.0 (see the example).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "104":
    ///     title: Secure endpoints
    ///     description: >-
    ///       The API must be secured by OAuth2 or Bearer authentication: at least
    ///       one such security scheme, no other kinds of scheme, and every scope
    ///       an operation requires must be declared by its OAuth2 scheme.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: [$, "$[*]~"]
    ///     then:
    ///       - field: components.securitySchemes
    ///         function: zalandoSecuritySchemes
    ///         functionOptions: {format: oas3}
    ///       - field: securityDefinitions
    ///         function: zalandoSecuritySchemes
    ///         functionOptions: {format: oas2}
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     key: {type: apiKey, in: header, name: X-Api-Key}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   securitySchemes:
    ///     jwt: {type: http, scheme: bearer}
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// Check 3 runs for Swagger 2.0 too (Zally skips Swagger input), and the
    /// Bearer scheme name is compared case-insensitively (`Bearer` is the same
    /// HTTP authentication scheme, RFC 9110 §11.1).
    #[function("zalandoSecuritySchemes")]
    pub(crate) struct SecuritySchemes {
        format: Option<Format>,
    }
}

fn is_bearer(scheme: Cursor<'_>, format: SpecFormat) -> bool {
    format != SpecFormat::Swagger2
        && scheme.get("type").and_then(|t| t.as_str()) == Some("http")
        && scheme
            .get("scheme")
            .and_then(|s| s.as_str())
            .is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
}

impl NativeFunction for SecuritySchemes {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(SecuritySchemes { format: o.format })
    }

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
