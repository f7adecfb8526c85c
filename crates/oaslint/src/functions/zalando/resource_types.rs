use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::{is_path_variable, paths_input, WholeMatch};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    #[serde(default = "default_limit")]
    limit: usize,
    #[serde(default)]
    path_whitelist: Vec<String>,
}

fn default_limit() -> usize {
    8
}

crate::declare_function! {
    /// An API should not have too many resource types
    /// (Zalando 146).
    ///
    /// # What it does
    ///
    /// Applied to `paths` (the root's key `paths`, `given: $[*]~`, or the
    /// `paths` object; other inputs are skipped). Each path that matches no
    /// `pathWhitelist`
    /// pattern (as a whole) is reduced to its resource type as Zally does — a
    /// trailing `/{variable}` is dropped, and so is a trailing
    /// `/{variable}/sub-resource` — and the distinct types are counted. More
    /// than `limit` types is one finding at `paths`: `Identified <n> resource
    /// resource types, greater than recommended limit of <limit>` (Zally's
    /// wording).
    ///
    /// # Why
    ///
    /// An API with many resource types is usually several APIs in one; keeping
    /// it small keeps it understandable and lets its parts evolve and be owned
    /// separately.
    ///
    /// # Options
    ///
    /// - `limit` (integer, default 8).
    /// - `pathWhitelist` (list of regular expressions, default empty): paths
    ///   that are not counted.
    ///
    /// For example `functionOptions: {limit: 12, pathWhitelist: ['/internal/.*']}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "146":
    ///     title: Limit number of resource types
    ///     description: An API should not define more than 8 resource types.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoResourceTypes
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders: {}
    ///   /customers: {}
    ///   /articles: {}
    ///   /brands: {}
    ///   /carts: {}
    ///   /payments: {}
    ///   /shipments: {}
    ///   /returns: {}
    ///   /invoices: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders: {}
    ///   /orders/{id}: {}
    ///   /orders/{id}/items: {}
    /// ```
    #[function("zalandoResourceTypes")]
    pub(crate) struct ResourceTypes {
        limit: usize,
        path_whitelist: Vec<WholeMatch>,
    }
}

/// Zally's `LimitNumberOfResourcesRule.resourceType`.
fn resource_type(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let n = parts.len();
    let keep = if n > 0 && is_path_variable(parts[n - 1]) {
        n - 1
    } else if n > 1 && is_path_variable(parts[n - 2]) {
        n - 2
    } else {
        n
    };
    format!("/{}", parts[..keep].join("/"))
}

impl NativeFunction for ResourceTypes {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(ResourceTypes {
            limit: o.limit,
            path_whitelist: WholeMatch::compile_all("pathWhitelist", &o.path_whitelist)?,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = paths_input(&input, ctx) else {
            return;
        };
        let mut types: Vec<String> = Vec::new();
        for (path, _) in paths.entries() {
            if self.path_whitelist.iter().any(|re| re.is_match(path)) {
                continue;
            }
            let t = resource_type(path);
            if !types.contains(&t) {
                types.push(t);
            }
        }
        if types.len() > self.limit {
            out.push(Outcome::new(format!(
                "Identified {} resource resource types, greater than recommended limit of {}",
                types.len(),
                self.limit
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_types_are_zallys() {
        assert_eq!(resource_type("/orders"), "/orders");
        assert_eq!(resource_type("/orders/{id}"), "/orders");
        assert_eq!(resource_type("/orders/{id}/items"), "/orders");
        assert_eq!(
            resource_type("/orders/{id}/items/{item-id}"),
            "/orders/{id}/items"
        );
        assert_eq!(resource_type("//a//b"), "/a/b");
        assert_eq!(resource_type("/"), "/");
    }
}
