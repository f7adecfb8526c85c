use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::{kotlin_list, WholeMatch};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    allow: Vec<String>,
}

crate::declare_function! {
    /// A parameter or header name must match one of the
    /// allowed cases (Zalando 130, 132).
    ///
    /// # What it does
    ///
    /// Checks a name against `allow`, regular expressions that must match the
    /// *whole* name (as Zally's `CaseChecker` does); a name matching none is
    /// reported. The name is the key itself when the input is a key (a
    /// response header: `…headers[*]~`), else the input object's `name`
    /// (a parameter), reported at the object. Inputs without a name are
    /// skipped.
    ///
    /// # Why
    ///
    /// One case convention per kind of name lets clients build requests without
    /// looking each name up; guidelines 130 and 132 fix snake_case for query
    /// parameters and Hyphenated-Pascal-Case for headers.
    ///
    /// # Options
    ///
    /// - `allow` (list of regular expressions, required): the accepted cases.
    ///   Zally's are snake_case `[a-z][a-z0-9]*(?:_[a-z0-9]+)*` for query
    ///   parameters and Hyphenated-Pascal-Case
    ///   `[A-Z]+[a-z0-9]*(?:-[A-Z0-9]+[a-z0-9]*)*` for headers.
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
    ///   "130":
    ///     title: Use snake_case (never camelCase) for query parameters
    ///     description: Query parameter names must be snake_case.
    ///     message: Query parameter has to be snake_case
    ///     severity: must
    ///     given: "#Parameters[?(@.in == 'query')]"
    ///     then:
    ///       function: zalandoNames
    ///       functionOptions:
    ///         allow:
    ///           - "[a-z][a-z0-9]*(?:_[a-z0-9]+)*"
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       parameters:
    ///         - {name: customerId, in: query, schema: {type: string}}
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
    ///         - {name: customer_id, in: query, schema: {type: string}}
    ///       responses:
    ///         "200": {description: OK}
    /// ```
    #[function("zalandoNames")]
    pub(crate) struct Names {
        allow: Vec<WholeMatch>,
    }
}

impl NativeFunction for Names {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if o.allow.is_empty() {
            return Err("`allow` needs at least one pattern".into());
        }
        Ok(Names {
            allow: WholeMatch::compile_all("allow", &o.allow)?,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let name = match input {
            Input::Key(k) => k,
            Input::Node(c) => match c.get("name").and_then(|n| n.as_str()) {
                Some(n) => n,
                None => return,
            },
            Input::Undefined => return,
        };
        if !self.allow.iter().any(|re| re.is_match(name)) {
            let patterns: Vec<&str> = self.allow.iter().map(|re| re.source.as_str()).collect();
            out.push(Outcome::new(format!(
                "'{name}' does not match any of {}",
                kotlin_list(&patterns)
            )));
        }
    }
}
