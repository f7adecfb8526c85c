use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::is_plural;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "default_whitelist")]
    whitelist: Vec<String>,
}

pub(crate) fn default_whitelist() -> Vec<String> {
    vec!["vat".into(), "apis".into(), "self".into()]
}

crate::declare_function! {
    /// The name of an array property should be a plural
    /// (Zalando 120).
    ///
    /// # What it does
    ///
    /// Tests a key (the rule's `given` ends in `~`, or `field: "@key"`): when
    /// the name is not a plural English noun it reports `Array property name
    /// appears to be singular: <name>`. A name counts as plural when it is in
    /// `whitelist` or pluralising it changes nothing (the `cruet` inflector,
    /// which looks at the last word of `snake_case` and `kebab-case` names).
    /// Other inputs are skipped.
    ///
    /// # Why
    ///
    /// An array holds several things; a plural name (`items`, not `item`)
    /// says so to every reader and in generated code.
    ///
    /// # Options
    ///
    /// - `whitelist` (list of strings, default Zally's `[vat, apis, self]`):
    ///   names accepted as plural.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   Operation:
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace]"
    ///   Schema:
    ///     - $.components.schemas[*]
    ///     - $.components.parameters[*].schema
    ///     - $.components.responses[*].content[*].schema
    ///     - $.components.requestBodies[*].content[*].schema
    ///     - "#Operation.parameters[*].schema"
    ///     - "#Operation.responses[*].content[*].schema"
    ///     - "#Operation.requestBody.content[*].schema"
    ///     - $.definitions[*]
    ///     - "$.parameters[?(@.in != 'body')]"
    ///     - $.parameters[*].schema
    ///     - $.responses[*].schema
    ///     - "#Operation.parameters[?(@.in != 'body' && @root.swagger)]"
    ///     - "#Operation.responses[*].schema"
    /// rules:
    ///   "120":
    ///     title: Pluralize array names
    ///     description: Names of array properties should be plurals.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: "#Schema.properties[?(@.type == 'array')]~"
    ///     then:
    ///       function: zalandoPluralNames
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       properties:
    ///         item: {type: array, items: {type: string}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       properties:
    ///         items: {type: array, items: {type: string}}
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// Zally decides with javatools' `PlingStemmer`; `cruet` agrees on regular
    /// nouns, `-ies`/`-ses` forms, irregular plurals (`people`, `children`) and
    /// uncountables (`data`, `information`) but may differ on rare words —
    /// add those to `whitelist`.
    #[function("zalandoPluralNames")]
    pub(crate) struct PluralNames {
        whitelist: Vec<String>,
    }
}

impl NativeFunction for PluralNames {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(PluralNames {
            whitelist: o.whitelist,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Input::Key(name) = input else { return };
        if !is_plural(name, &self.whitelist) {
            out.push(Outcome::new(format!(
                "Array property name appears to be singular: {name}"
            )));
        }
    }
}
