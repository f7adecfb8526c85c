//! In-document ignores: `x-zally-ignore` and `x-lint-ignore`.
//!
//! Zally's semantics: the extension holds a list of rule ids (numbers are
//! read as their decimal text, a single string is accepted too) and can
//! sit on any object. A finding is ignored when its node or any ancestor
//! carries an ignore list naming its rule; lists on several ancestors add
//! up. Matching is exact — no wildcards.
//!
//! Across files: the ignore list at the top level of the linted (root)
//! document also covers the findings in the files its `$ref`s pull in, as
//! if the spec were bundled into one document (which is what Zally lints);
//! lists nested deeper in the root do not reach into those files (one file
//! may be reached from several places); a `$ref`'d file's own lists cover
//! its own nodes. The engine combines [`Ignores::ignored_by`] with
//! [`Ignores::at_top_level`] of the root for that.

use crate::tree::{NodeId, Number, Tree, Value};
use rustc_hash::FxHashMap as HashMap;

/// The extension keys that hold ignore lists.
pub const IGNORE_KEYS: [&str; 2] = ["x-zally-ignore", "x-lint-ignore"];

/// The ignore lists of one document, by the node (object) that holds them:
/// for each rule id, the node that names it (the list item, or the
/// extension's value when it is a single id), so that a report can say
/// which ignore suppressed a finding.
#[derive(Debug, Default)]
pub struct Ignores {
    by_node: HashMap<NodeId, HashMap<String, NodeId>>,
}

impl Ignores {
    /// Collects every ignore list of `tree` in one pass.
    pub fn collect(tree: &Tree) -> Ignores {
        let mut by_node: HashMap<NodeId, HashMap<String, NodeId>> = HashMap::default();
        for (i, node) in tree.nodes().iter().enumerate() {
            let Value::Object(entries) = &node.value else {
                continue;
            };
            for e in entries {
                if !IGNORE_KEYS.contains(&&*e.key) {
                    continue;
                }
                let ids = by_node.entry(i as NodeId).or_default();
                match tree.value(e.value) {
                    Value::Array(items) => {
                        for &item in items {
                            if let Some(id) = rule_id(tree.value(item)) {
                                ids.entry(id).or_insert(item);
                            }
                        }
                    }
                    other => {
                        if let Some(id) = rule_id(other) {
                            ids.entry(id).or_insert(e.value);
                        }
                    }
                }
            }
        }
        Ignores { by_node }
    }

    /// Whether `rule` is ignored at `node` (by it or an ancestor).
    #[cfg(test)]
    pub fn ignores(&self, tree: &Tree, node: NodeId, rule: &str) -> bool {
        self.ignored_by(tree, node, rule).is_some()
    }

    /// The node of the ignore entry that names `rule` for `node` (on it
    /// or on the nearest ancestor that ignores `rule`), if any.
    pub fn ignored_by(&self, tree: &Tree, node: NodeId, rule: &str) -> Option<NodeId> {
        if self.by_node.is_empty() {
            return None;
        }
        let mut cur = Some(node);
        while let Some(n) = cur {
            if let Some(&site) = self.by_node.get(&n).and_then(|ids| ids.get(rule)) {
                return Some(site);
            }
            cur = tree.parent(n);
        }
        None
    }
}

impl Ignores {
    /// The node of the entry that names `rule` in the ignore list at the
    /// top level of the document, if any: in the root document, it covers
    /// every file the root pulls in too.
    pub fn at_top_level(&self, rule: &str) -> Option<NodeId> {
        self.by_node.get(&Tree::ROOT)?.get(rule).copied()
    }
}

fn rule_id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(Number::Int(i)) => Some(i.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_apply_to_descendants_and_accumulate() {
        let tree = Tree::from_json(&json!({
            "x-zally-ignore": [218],
            "paths": {
                "/a": {"x-lint-ignore": "129", "get": {"x-zally-ignore": ["136", 7.5]}}
            },
            "info": {}
        }));
        let ig = Ignores::collect(&tree);
        let get = tree.lookup("/paths/~1a/get").unwrap();
        let info = tree.lookup("/info").unwrap();
        // Inherited from the root and the path item, plus its own.
        assert!(ig.ignores(&tree, get, "218"));
        assert!(ig.ignores(&tree, get, "129"));
        assert!(ig.ignores(&tree, get, "136"));
        assert!(!ig.ignores(&tree, get, "7.5"));
        // Not upwards or sideways.
        assert!(ig.ignores(&tree, info, "218"));
        assert!(!ig.ignores(&tree, info, "129"));
        // Exact match, no wildcards or prefixes.
        assert!(!ig.ignores(&tree, get, "21"));
    }

    #[test]
    fn the_ignore_site_is_the_entry_that_names_the_rule() {
        let tree = Tree::from_json(&json!({
            "x-zally-ignore": [218, "129"],
            "paths": {"/a": {"x-lint-ignore": "136", "get": {}}}
        }));
        let ig = Ignores::collect(&tree);
        let get = tree.lookup("/paths/~1a/get").unwrap();
        let site = |rule| ig.ignored_by(&tree, get, rule).map(|n| tree.pointer(n));
        assert_eq!(site("129").as_deref(), Some("/x-zally-ignore/1"));
        assert_eq!(site("136").as_deref(), Some("/paths/~1a/x-lint-ignore"));
        assert_eq!(site("116"), None);
    }
}
