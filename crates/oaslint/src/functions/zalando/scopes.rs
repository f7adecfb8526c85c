use super::super::pattern::JsRegex;
use super::super::{Context, Input, NativeFunction, Outcome};
use crate::document::SpecFormat;
use crate::functions::oas::zally::{
    declared_scopes, is_oauth2, operations, paths_input, root, security_schemes, WholeMatch,
};
use crate::workspace::Cursor;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    #[serde(default = "default_scope_pattern")]
    scope_pattern: String,
    #[serde(default)]
    path_whitelist: Vec<String>,
}

fn default_scope_pattern() -> String {
    r"^(uid)|(([a-z-]+\.){1,2}(read|write))$".into()
}

crate::declare_function! {
    /// Every endpoint must be secured by declared, well-named
    /// OAuth2 scopes (Zalando 105).
    ///
    /// # What it does
    ///
    /// Zally's two checks:
    ///
    /// 1. given a security schemes map (`components.securitySchemes`, Swagger
    ///    2.0 `securityDefinitions`): every scope an OAuth2 scheme declares must
    ///    match `scopePattern` as a whole, else `scope '<scope>' does not match
    ///    regex '<pattern>'` at the flow's `scopes` map (Swagger 2.0: the
    ///    scheme's `scopes`);
    /// 2. given the key `paths` of the root (`given: $[*]~`; other keys are
    ///    skipped): every operation whose path matches none of `pathWhitelist` needs a
    ///    security requirement — its own `security`, or the root's when the
    ///    operation has none or an empty one:
    ///    - none at all: `Endpoint is not secured by scope(s)`;
    ///    - a requirement naming an unknown scheme: `Security scheme <name> not
    ///      found`, at the operation;
    ///    - an OAuth2 requirement without scopes: `Endpoint is not secured by
    ///      OAuth2 scope(s)`;
    ///    - OAuth2 scopes the scheme does not declare: `Endpoint is secured by
    ///      undefined OAuth2 scope(s): <scheme>:<scope>, <scope>`.
    ///
    ///    These are reported at the operation's `security` when it has one,
    ///    else at the operation (except the unknown scheme, always at the
    ///    operation).
    ///
    /// # Why
    ///
    /// A scope per application and access level lets the owner of an API grant
    /// exactly the permissions a client needs; an endpoint without one, or with
    /// a scope nobody declared, is either open to every token or to none.
    ///
    /// # Options
    ///
    /// - `scopePattern` (string, regular expression matched against the whole
    ///   scope): default Zally's `^(uid)|(([a-z-]+\.){1,2}(read|write))$`,
    ///   i.e. `uid` or `<application>[.<resource>].<read|write>`.
    /// - `pathWhitelist` (list of regular expressions, default empty): paths
    ///   containing a match are not checked by check 2.
    ///
    /// For example, to leave a health check unsecured: `functionOptions:
    /// {pathWhitelist: ['^/health$']}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "105":
    ///     title: Define and assign permissions (scopes)
    ///     description: >-
    ///       Every endpoint must be secured by declared OAuth2 scopes (or another
    ///       security scheme), and scope names must follow the naming convention:
    ///       `uid` or `<application>[.<resource>].<read|write>`.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: [$.components.securitySchemes, $.securityDefinitions, "$[*]~"]
    ///     then:
    ///       function: zalandoScopes
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// security:
    ///   - oauth: [orders.read]
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200": {description: OK}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {"orders:read": Read orders}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// security:
    ///   - oauth: [orders.read]
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200": {description: OK}
    /// components:
    ///   securitySchemes:
    ///     oauth:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {orders.read: Read orders}
    /// ```
    #[function("zalandoScopes")]
    pub(crate) struct Scopes {
        scope_pattern: WholeMatch,
        path_whitelist: Vec<JsRegex>,
    }
}

impl NativeFunction for Scopes {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(Scopes {
            scope_pattern: WholeMatch::compile("scopePattern", &o.scope_pattern)?,
            path_whitelist: o
                .path_whitelist
                .iter()
                .map(|p| JsRegex::compile("pathWhitelist", p))
                .collect::<Result<_, _>>()?,
        })
    }

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
            for (path, scopes) in crate::functions::oas::zally::oauth2_scopes(scheme, format) {
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
