use super::super::{Context, Input, NativeFunction, Outcome};
use super::is_plain_object;
use crate::tree::Value;
use crate::workspace::Cursor;
use serde::Deserialize;

/// The options of [`OasSecurityDefined`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The OpenAPI major version whose definitions to look in: 2
    /// (`securityDefinitions`) or 3 (`components.securitySchemes`).
    #[serde(default = "default_version")]
    oas_version: u8,
}

fn default_version() -> u8 {
    3
}

crate::declare_function! {
    /// The schemes and scopes a security requirement names must be
    /// defined.
    ///
    /// # What it does
    ///
    /// Applied to a security requirement (an entry of the top-level or an
    /// operation's `security`) whose values are all lists of strings,
    /// reports each scheme name that is not defined in
    /// `securityDefinitions` (`oasVersion: 2`) or
    /// `components.securitySchemes` (`oasVersion: 3`), and each scope that
    /// the scheme does not list (Swagger 2.0: its `scopes`; OpenAPI 3: the
    /// `scopes` of one of its `flows`). Spectral's `oasSecurityDefined`.
    ///
    /// # Why
    ///
    /// A requirement on an undefined scheme cannot be met by any client,
    /// and tools that generate authentication code from the document stop
    /// at it; an unlisted scope is usually a typo that no token will carry.
    ///
    /// # Options
    ///
    /// - `oasVersion` (2 or 3, default 3): where the schemes are defined.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas3-operation-security-defined:
    ///     description: Operation "security" values must match a scheme defined in the "components.securitySchemes" object.
    ///     message: "{{error}}"
    ///     given: $.paths[*][*].security[*]
    ///     then:
    ///       function: oasSecurityDefined
    ///       functionOptions:
    ///         oasVersion: 3
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       security: [{apiKey: []}]
    ///       responses: {'200': {description: OK}}
    /// components:
    ///   securitySchemes:
    ///     api_key: {type: apiKey, name: X-Api-Key, in: header}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       security: [{api_key: []}]
    ///       responses: {'200': {description: OK}}
    /// components:
    ///   securitySchemes:
    ///     api_key: {type: apiKey, name: X-Api-Key, in: header}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same messages (`API "security" values must match a scheme defined in
    /// the "components.securitySchemes" object.` for the top-level
    /// `security`, `Operation …` elsewhere; `"read" must be listed among
    /// scopes.`). A scheme defined by a `$ref` is followed; Spectral reads
    /// the document as written and finds no scopes in it.
    #[function("oasSecurityDefined")]
    pub(crate) struct OasSecurityDefined {
        version: u8,
    }
}

/// Whether `scheme` lists `scope`.
fn scope_defined(version: u8, scope: &str, scheme: &Cursor<'_>) -> bool {
    if !is_plain_object(scheme) {
        return false;
    }
    let listed = |holder: &Cursor<'_>| {
        holder
            .get("scopes")
            .filter(is_plain_object)
            .is_some_and(|s| s.get(scope).is_some())
    };
    if version == 2 {
        return listed(scheme);
    }
    scheme
        .get("flows")
        .filter(is_plain_object)
        .is_some_and(|flows| {
            flows
                .entries()
                .any(|(_, f)| is_plain_object(&f) && listed(&f))
        })
}

impl NativeFunction for OasSecurityDefined {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if o.oas_version != 2 && o.oas_version != 3 {
            return Err(format!(
                "`oasVersion` must be 2 or 3, not {}",
                o.oas_version
            ));
        }
        Ok(OasSecurityDefined {
            version: o.oas_version,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(requirement) = input.cursor().filter(is_plain_object) else {
            return;
        };
        // Spectral validates its input: every value a list of strings.
        let valid = requirement.entries().all(|(_, scopes)| {
            matches!(scopes.value(), Value::Array(_))
                && scopes.items().all(|s| s.as_str().is_some())
        });
        if !valid {
            return;
        }
        let root = ctx.view.cursor(ctx.view.root());
        let definitions = if self.version == 2 {
            root.get("securityDefinitions")
        } else {
            root.get("components")
                .filter(is_plain_object)
                .and_then(|c| c.get("securitySchemes"))
        }
        .filter(is_plain_object);
        let loc = requirement.loc();
        // `$.security[0]` is the API's requirement, any other an
        // operation's.
        let object = if loc.doc == 0 && ctx.view.tree(0).segments(loc.node).len() == 2 {
            "API"
        } else {
            "Operation"
        };
        let location = if self.version == 2 {
            "securityDefinitions"
        } else {
            "components.securitySchemes"
        };
        for (name, scopes) in requirement.entries() {
            let Some(scheme) = definitions.as_ref().and_then(|d| d.get(name)) else {
                out.push(
                    Outcome::new(format!(
                        "{object} \"security\" values must match a scheme defined in the \"{location}\" object."
                    ))
                    .at(vec![name.to_string()]),
                );
                continue;
            };
            for (i, scope) in scopes.items().enumerate() {
                let scope = scope.as_str().unwrap_or_default();
                if !scope_defined(self.version, scope, &scheme) {
                    out.push(
                        Outcome::new(format!("\"{scope}\" must be listed among scopes."))
                            .at(vec![name.to_string(), i.to_string()]),
                    );
                }
            }
        }
    }
}
