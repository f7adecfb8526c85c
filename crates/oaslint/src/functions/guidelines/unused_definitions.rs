use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};
use crate::tree::{Tree, Value};
use crate::workspace::percent_decode;

crate::declare_function! {
    /// Reusable definitions should be referenced (Zally's rule S005).
    ///
    /// # What it does
    ///
    /// Applied to the root of the document, reports every member of these
    /// maps that nothing refers to, with Zally's messages:
    ///
    /// | Map | Message |
    /// |---|---|
    /// | `definitions` | `Unused definition` |
    /// | `parameters` | `Unused parameter` |
    /// | `responses` | `Unused response` |
    /// | `components.schemas` | `Unused schema` |
    /// | `components.responses` | `Unused response` |
    /// | `components.parameters` | `Unused parameter` |
    /// | `components.examples` | `Unused example` |
    /// | `components.requestBodies` | `Unused request body` |
    /// | `components.headers` | `Unused header` |
    /// | `components.links` | `Unused link` |
    /// | `components.callbacks` | `Unused callback` |
    ///
    /// A member is used when a resolved `$ref` in any document of the run
    /// points at it or into it, or when a discriminator names it: a Swagger
    /// 2.0 `discriminator` property's `enum` values name definitions, an
    /// OpenAPI 3 `discriminator.mapping` value names a schema (`Dog`) or refers
    /// to it (`#/components/schemas/Dog`). The finding is at the member.
    ///
    /// Use it with `resolved: false` on `$`; other inputs are skipped.
    ///
    /// # Why
    ///
    /// A definition that nothing uses is dead weight that readers still study
    /// and maintainers still update; often it is a leftover of a removed
    /// operation or a misspelt `$ref`. Zally's S005 asks to remove it.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   S005:
    ///     title: Do not leave unused definitions
    ///     description: >-
    ///       Reusable definitions (Swagger 2.0 `definitions`, `parameters`,
    ///       `responses`; OpenAPI 3 `components`) that nothing references should be
    ///       removed.
    ///     message: "{{error}}"
    ///     severity: should
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#s005-do-not-leave-unused-definitions
    ///     resolved: false
    ///     given: $
    ///     then:
    ///       function: unusedDefinitions
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order: {type: object}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {$ref: "#/components/schemas/Order"}
    /// components:
    ///   schemas:
    ///     Order: {type: object}
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// Zally counts only `#…` references of the root document that point
    /// exactly at a member; here a `$ref` into a member (`#/definitions/Pet/properties/id`)
    /// and references from other files count too, and a mapping value written
    /// as a reference is understood.
    #[function("unusedDefinitions")]
    pub(crate) struct UnusedDefinitions;
}

/// (path to the map, message) of every checked map.
const MAPS: [(&[&str], &str); 11] = [
    (&["definitions"], "Unused definition"),
    (&["parameters"], "Unused parameter"),
    (&["responses"], "Unused response"),
    (&["components", "schemas"], "Unused schema"),
    (&["components", "responses"], "Unused response"),
    (&["components", "parameters"], "Unused parameter"),
    (&["components", "examples"], "Unused example"),
    (&["components", "requestBodies"], "Unused request body"),
    (&["components", "headers"], "Unused header"),
    (&["components", "links"], "Unused link"),
    (&["components", "callbacks"], "Unused callback"),
];

/// Marks the subtree ranges that contain `node`.
fn mark(ranges: &mut [(u32, u32, bool)], node: u32) {
    for r in ranges.iter_mut() {
        if (r.0..r.1).contains(&node) {
            r.2 = true;
        }
    }
}

/// Names that discriminators give to definitions: `(map path, name)`.
fn discriminator_names(tree: &Tree) -> Vec<(&'static [&'static str], String)> {
    let mut out: Vec<(&'static [&'static str], String)> = Vec::new();
    for (i, node) in tree.nodes().iter().enumerate() {
        let Value::Object(_) = &node.value else {
            continue;
        };
        let Some(d) = tree.get(i as u32, "discriminator") else {
            continue;
        };
        match tree.value(d) {
            // Swagger 2.0: the discriminator property's enum names definitions.
            Value::String(property) => {
                let values = tree
                    .get_path(i as u32, &["properties", property, "enum"])
                    .map(|e| tree.children(e).collect::<Vec<_>>())
                    .unwrap_or_default();
                for v in values {
                    if let Some(s) = tree.as_str(v) {
                        out.push((&["definitions"], s.to_string()));
                    }
                }
            }
            // OpenAPI 3: mapping values name or reference schemas.
            Value::Object(_) => {
                let Some(mapping) = tree.get(d, "mapping") else {
                    continue;
                };
                for v in tree.children(mapping) {
                    let Some(s) = tree.as_str(v) else { continue };
                    let name = match s.strip_prefix("#/components/schemas/") {
                        Some(rest) => {
                            crate::tree::unescape_segment(&percent_decode(rest)).into_owned()
                        }
                        None if s.contains('/') || s.contains('#') => continue,
                        None => s.to_string(),
                    };
                    out.push((&["components", "schemas"], name));
                }
            }
            _ => {}
        }
    }
    out
}

impl NativeFunction for UnusedDefinitions {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(UnusedDefinitions)
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(root) = input.cursor() else { return };
        let view = ctx.view;
        if root.loc() != view.root() {
            return;
        }
        let ws = view.ws;
        let tree = ws.tree(0);
        // (map path, message, members as (key, start, end, used)).
        let mut maps = Vec::new();
        for (path, message) in MAPS {
            let Some(map) = tree.get_path(0, path) else {
                continue;
            };
            let Value::Object(entries) = tree.value(map) else {
                continue;
            };
            let members: Vec<(&str, (u32, u32, bool))> = entries
                .iter()
                .map(|e| (&*e.key, (e.value, tree.node(e.value).subtree_end, false)))
                .collect();
            if !members.is_empty() {
                maps.push((path, message, members));
            }
        }
        if maps.is_empty() {
            return;
        }
        let mut ranges: Vec<(u32, u32, bool)> = maps
            .iter()
            .flat_map(|(_, _, m)| m.iter().map(|(_, r)| *r))
            .collect();
        for (_, target) in ws.refs() {
            if target.doc == 0 {
                mark(&mut ranges, target.node);
            }
        }
        let named = discriminator_names(tree);
        let mut i = 0;
        for (path, message, members) in &maps {
            for (key, _) in members {
                let used = ranges[i].2 || named.iter().any(|(p, n)| p == path && n == key);
                i += 1;
                if !used {
                    let mut at: Vec<String> = path.iter().map(|s| s.to_string()).collect();
                    at.push(key.to_string());
                    out.push(Outcome::new(*message).at(at));
                }
            }
        }
    }
}
