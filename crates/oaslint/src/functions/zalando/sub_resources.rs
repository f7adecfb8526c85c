use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::is_path_variable;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "default_limit")]
    limit: usize,
}

fn default_limit() -> usize {
    3
}

crate::declare_function! {
    /// Paths should not nest sub-resources too deeply
    /// (Zalando 147).
    ///
    /// # What it does
    ///
    /// Tests a path key (`given: $.paths[*]~`): the number of sub-resource
    /// levels is the number of segments that are neither empty nor a
    /// `{variable}`, minus one. More than `limit` is reported as `Number of
    /// sub-resources should not exceed <limit>`.
    ///
    /// # Why
    ///
    /// Deeply nested paths couple a resource to its parents' identifiers and
    /// grow long and hard to read; a resource nested more than three levels
    /// deep usually deserves its own top-level path.
    ///
    /// # Options
    ///
    /// - `limit` (integer, default 3).
    ///
    /// For example `functionOptions: {limit: 4}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "147":
    ///     title: Limit number of sub-resource levels
    ///     description: Paths should not nest more than 3 levels of sub-resources.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $.paths[*]~
    ///     then:
    ///       function: zalandoSubResources
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /shops/{shop}/orders/{order}/items/{item}/notes/{note}/authors: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders/{order}/items/{item}: {}
    /// ```
    #[function("zalandoSubResources")]
    pub(crate) struct SubResources {
        limit: usize,
    }
}

impl NativeFunction for SubResources {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(SubResources { limit: o.limit })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(path) = input.as_str() else { return };
        let resources = path
            .split('/')
            .filter(|s| !s.is_empty() && !is_path_variable(s))
            .count();
        if resources.saturating_sub(1) > self.limit {
            out.push(Outcome::new(format!(
                "Number of sub-resources should not exceed {}",
                self.limit
            )));
        }
    }
}
