use crate::functions::oas::{is_root_member, operations, parameters, str_member};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Every endpoint accepts the `X-Flow-ID` request header (guideline 233).
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, looks for a header parameter named
    /// `header` (compared without case) among each operation's parameters and
    /// those of its path item:
    ///
    /// - when no operation declares it, reports once, at `paths`: `No
    ///   operation declares the "X-Flow-ID" request header; every endpoint
    ///   must support it`;
    /// - otherwise reports every operation that does not: `The operation does
    ///   not declare the "X-Flow-ID" request header`, at the operation.
    ///
    /// Other inputs are skipped.
    ///
    /// # Why
    ///
    /// The flow id follows a request through every service it reaches, which
    /// makes a distributed call traceable in logs; the guideline says "RESTful
    /// API endpoints must support X-Flow-ID header in requests", and an API
    /// documents that support by declaring the header.
    ///
    /// # Options
    ///
    /// - `header` (string, default `X-Flow-ID`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "233":
    ///     title: Support X-Flow-ID
    ///     description: >-
    ///       "RESTful API endpoints must support X-Flow-ID header in requests." An
    ///       API that declares the header on no operation is reported once; an
    ///       API that declares it on some operations, for each one without it.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $.paths
    ///     then:
    ///       function: flowId
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {"200": {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: X-Flow-ID, in: header, schema: {type: string}}
    ///       responses: {"200": {description: OK}}
    /// ```
    #[function("flowId")]
    pub(crate) struct FlowId {
        header: String,
    }
}

/// The options of [`FlowId`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// The request header every operation must declare.
    #[serde(default = "default_header")]
    header: String,
}

fn default_header() -> String {
    "X-Flow-ID".into()
}

impl NativeFunction for FlowId {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(FlowId { header: o.header })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        let mut missing: Vec<Vec<String>> = Vec::new();
        let mut any = false;
        for (path, item) in paths.entries() {
            for (method, op) in operations(&item) {
                let declares = parameters(&item, method, &op).iter().any(|(_, p)| {
                    str_member(p, "in") == Some("header")
                        && str_member(p, "name")
                            .is_some_and(|n| n.eq_ignore_ascii_case(&self.header))
                });
                if declares {
                    any = true;
                } else {
                    missing.push(vec![path.to_string(), method.to_string()]);
                }
            }
        }
        if missing.is_empty() {
            return;
        }
        if !any {
            out.push(Outcome::new(format!(
                "No operation declares the \"{}\" request header; every endpoint must support it",
                self.header
            )));
            return;
        }
        for at in missing {
            out.push(
                Outcome::new(format!(
                    "The operation does not declare the \"{}\" request header",
                    self.header
                ))
                .at(at),
            );
        }
    }
}
