//! Bundled JSON Schemas (rules 101 and 176): compiled once per process,
//! their errors turned into outcomes located at the failing value. The
//! document tree is validated in place ([`TreeJson`]), without a
//! `serde_json` copy of a multi-megabyte document.

use crate::functions::{print_value, Outcome};
use crate::tree::{Entry, NodeId, Number, Tree, Value};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::json::{Array, Json, JsonNumber, Node, NodeIdentity, Object};
use jsonschema::{Draft, JsonType, ValidationError, Validator};
use std::borrow::Cow;

/// Compiles a bundled schema. Formats are not asserted (the OpenAPI
/// schemas' `uri-reference`, `email` and `regex` would flag values that
/// tools accept, and ECMAScript patterns in Rust's regex dialect).
pub(crate) fn compile(name: &str, text: &str, draft: Draft) -> Validator {
    jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(false)
        .build(&schema_value(name, text))
        .unwrap_or_else(|e| panic!("bundled schema {name}: {e}"))
}

/// [`compile`] for validating document trees in place.
pub(crate) fn compile_for_tree(name: &str, text: &str, draft: Draft) -> Validator<TreeJson> {
    jsonschema::options_for::<TreeJson>()
        .with_draft(draft)
        .should_validate_formats(false)
        .build(&schema_value(name, text))
        .unwrap_or_else(|e| panic!("bundled schema {name}: {e}"))
}

fn schema_value(name: &str, text: &str) -> serde_json::Value {
    let mut schema: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("bundled schema {name}: {e}"));
    if let serde_json::Value::Object(map) = &mut schema {
        // The draft is fixed; its meta-schema is built in, nothing is fetched.
        map.remove("$schema");
    }
    schema
}

/// The outcomes of validating `instance`: one per error (one per property
/// for unexpected properties), at the error's path below `base`, with
/// `prefix` before the message.
pub(crate) fn outcomes<'i, F: Json>(
    validator: &'i Validator<F>,
    instance: F::Node<'i>,
    base: &[String],
    prefix: &str,
    out: &mut Vec<Outcome>,
) {
    for error in validator.iter_errors(instance) {
        let mut path = base.to_vec();
        path.extend(error.instance_path().segments().map(|s| s.to_string()));
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                for name in unexpected {
                    let mut p = path.clone();
                    p.push(name.clone());
                    out.push(
                        Outcome::new(format!("{prefix}property \"{name}\" is not allowed")).at(p),
                    );
                }
            }
            _ => out.push(Outcome::new(format!("{prefix}{}", describe(&error))).at(path)),
        }
    }
}

/// A short predicate on the failing value: the `schema` function's
/// wording, except where rule 101's messages were written differently.
fn describe(error: &ValidationError<'_>) -> String {
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let names: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![t.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            format!("must be {}", names.join(" or "))
        }
        ValidationErrorKind::Enum { options } => match &**options {
            serde_json::Value::Array(items) => format!(
                "must be one of {}",
                items.iter().map(print_value).collect::<Vec<_>>().join(", ")
            ),
            other => format!("must be {}", print_value(other)),
        },
        ValidationErrorKind::AnyOf { context } => {
            // `anyOf: [{required: [a]}, {required: [b]}]`: name them.
            let required: Option<Vec<String>> = context
                .iter()
                .map(|branch| match branch.as_slice() {
                    [e] => match e.kind() {
                        ValidationErrorKind::Required { property } => Some(print_value(property)),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            match required {
                Some(names) if !names.is_empty() => {
                    format!(
                        "must have at least one of the properties {}",
                        names.join(", ")
                    )
                }
                _ => "must match one of the allowed shapes (anyOf)".into(),
            }
        }
        ValidationErrorKind::OneOfNotValid { .. } => {
            "must match exactly one of the allowed shapes (oneOf), but matches none".into()
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            "must match exactly one of the allowed shapes (oneOf), but matches several".into()
        }
        ValidationErrorKind::PropertyNames { error } => format!(
            "property name {} {}",
            print_value(error.instance()),
            describe(error)
        ),
        _ => crate::functions::schema::describe(error),
    }
}

/// The document tree as a `jsonschema` instance representation.
pub(crate) struct TreeJson;

/// A node of a [`Tree`]; a string that is not in the tree (property names
/// under `propertyNames`); or an object `{key: node}` wrapping a tree node,
/// to validate one member of a document against the whole schema.
#[derive(Clone, Copy)]
pub(crate) enum TreeNode<'a> {
    Node(&'a Tree, NodeId),
    Str(&'a str),
    Wrap(&'a str, &'a Tree, NodeId),
}

impl Json for TreeJson {
    type Node<'a> = TreeNode<'a>;
    type PreparedKey = String;
    type StringBuffer = ();

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(TreeNode<'_>) -> T) -> T {
        f(TreeNode::Str(string))
    }
}

pub(crate) struct TreeNumber(Number);

impl JsonNumber for TreeNumber {
    fn as_u64(&self) -> Option<u64> {
        match self.0 {
            Number::Int(i) => u64::try_from(i).ok(),
            Number::Float(_) => None,
        }
    }

    fn as_i64(&self) -> Option<i64> {
        match self.0 {
            Number::Int(i) => Some(i),
            Number::Float(_) => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        Some(self.0.as_f64())
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.to_string())
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Owned(match self.0 {
            Number::Int(i) => serde_json::Number::from(i),
            Number::Float(f) => serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into()),
        })
    }

    fn is_integer(&self) -> bool {
        match self.0 {
            Number::Int(_) => true,
            Number::Float(f) => f.is_finite() && f.fract() == 0.0,
        }
    }

    fn is_written_as_integer(&self) -> bool {
        matches!(self.0, Number::Int(_))
    }
}

impl<'a> TreeNode<'a> {
    fn value(&self) -> Option<&'a Value> {
        match *self {
            TreeNode::Node(tree, id) => Some(tree.value(id)),
            _ => None,
        }
    }
}

impl<'a> Node<'a, TreeJson> for TreeNode<'a> {
    type Object = TreeObject<'a>;
    type Array = TreeArray<'a>;
    type Number = TreeNumber;

    fn as_object(&self) -> Option<TreeObject<'a>> {
        match *self {
            TreeNode::Node(tree, id) => match tree.value(id) {
                Value::Object(entries) => Some(TreeObject::Entries(tree, entries)),
                _ => None,
            },
            TreeNode::Wrap(key, tree, id) => Some(TreeObject::One(key, tree, id)),
            TreeNode::Str(_) => None,
        }
    }

    fn as_array(&self) -> Option<TreeArray<'a>> {
        match *self {
            TreeNode::Node(tree, id) => match tree.value(id) {
                Value::Array(items) => Some(TreeArray(tree, items)),
                _ => None,
            },
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match *self {
            TreeNode::Str(s) => Some(Cow::Borrowed(s)),
            _ => match self.value() {
                Some(Value::String(s)) => Some(Cow::Borrowed(&**s)),
                _ => None,
            },
        }
    }

    fn as_number(&self) -> Option<TreeNumber> {
        match self.value() {
            Some(Value::Number(n)) => Some(TreeNumber(*n)),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.value() {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.value(), Some(Value::Null))
    }

    fn json_type(&self) -> JsonType {
        match *self {
            TreeNode::Str(_) => JsonType::String,
            TreeNode::Wrap(..) => JsonType::Object,
            TreeNode::Node(tree, id) => match tree.value(id) {
                Value::Null => JsonType::Null,
                Value::Bool(_) => JsonType::Boolean,
                Value::Number(_) => JsonType::Number,
                Value::String(_) => JsonType::String,
                Value::Array(_) => JsonType::Array,
                Value::Object(_) => JsonType::Object,
            },
        }
    }

    fn to_value(&self) -> Cow<'a, serde_json::Value> {
        Cow::Owned(match *self {
            TreeNode::Node(tree, id) => tree.to_json(id),
            TreeNode::Str(s) => serde_json::Value::String(s.to_string()),
            TreeNode::Wrap(key, tree, id) => {
                let mut map = serde_json::Map::new();
                map.insert(key.to_string(), tree.to_json(id));
                serde_json::Value::Object(map)
            }
        })
    }

    fn identity(&self) -> Option<NodeIdentity> {
        match *self {
            TreeNode::Node(tree, id) => {
                Some(NodeIdentity::tagged(std::ptr::from_ref(tree) as usize, id))
            }
            TreeNode::Wrap(_, tree, _) => Some(NodeIdentity::tagged(
                std::ptr::from_ref(tree) as usize,
                NodeId::MAX,
            )),
            TreeNode::Str(_) => None,
        }
    }
}

pub(crate) enum TreeObject<'a> {
    Entries(&'a Tree, &'a [Entry]),
    One(&'a str, &'a Tree, NodeId),
}

impl<'a> Object<'a, TreeJson> for TreeObject<'a> {
    type Node = TreeNode<'a>;
    type MemberName = &'a str;
    type MembersIter = std::vec::IntoIter<(&'a str, TreeNode<'a>)>;

    fn len(&self) -> usize {
        match self {
            TreeObject::Entries(_, entries) => entries.len(),
            TreeObject::One(..) => 1,
        }
    }

    fn get(&self, key: &String) -> Option<TreeNode<'a>> {
        match *self {
            TreeObject::Entries(tree, entries) => entries
                .iter()
                .find(|e| *e.key == **key)
                .map(|e| TreeNode::Node(tree, e.value)),
            TreeObject::One(k, tree, id) => (k == key).then_some(TreeNode::Node(tree, id)),
        }
    }

    fn members(&self) -> Self::MembersIter {
        match *self {
            TreeObject::Entries(tree, entries) => entries
                .iter()
                .map(|e| (&*e.key, TreeNode::Node(tree, e.value)))
                .collect::<Vec<_>>()
                .into_iter(),
            TreeObject::One(k, tree, id) => vec![(k, TreeNode::Node(tree, id))].into_iter(),
        }
    }
}

pub(crate) struct TreeArray<'a>(&'a Tree, &'a [NodeId]);

impl<'a> Array<'a, TreeJson> for TreeArray<'a> {
    type Node = TreeNode<'a>;
    type ElementsIter = std::vec::IntoIter<TreeNode<'a>>;

    fn len(&self) -> usize {
        self.1.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        let tree = self.0;
        self.1
            .iter()
            .map(|&id| TreeNode::Node(tree, id))
            .collect::<Vec<_>>()
            .into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The tree representation validates as `serde_json` does.
    #[test]
    fn tree_instances_validate_like_serde_json() {
        let schema = json!({
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": {"type": "integer", "minimum": 2},
                "b": {"type": "array", "items": {"enum": ["x", 1.5]}, "uniqueItems": true},
                "c": {"propertyNames": {"pattern": "^[a-z]+$"}}
            },
            "additionalProperties": false
        });
        let text = schema.to_string();
        let by_serde = compile("s", &text, Draft::Draft4);
        let by_tree = compile_for_tree("s", &text, Draft::Draft4);
        for instance in [
            json!({"a": 3, "b": ["x", 1.5], "c": {"ok": 1}}),
            json!({"a": 1.0, "b": ["y", "x", "x"], "c": {"Bad": 1}, "d": null}),
            json!({"b": [1.5]}),
            json!([1]),
        ] {
            let tree = Tree::from_json(&instance);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            outcomes(&by_serde, &instance, &[], "", &mut a);
            outcomes(&by_tree, TreeNode::Node(&tree, Tree::ROOT), &[], "", &mut b);
            assert_eq!(a, b, "{instance}");
        }
        // A wrapped member is validated as `{key: member}`.
        let tree = Tree::from_json(&json!({"x": 1}));
        let mut got = Vec::new();
        outcomes(
            &by_tree,
            TreeNode::Wrap("a", &tree, Tree::ROOT),
            &[],
            "",
            &mut got,
        );
        assert_eq!(
            got,
            vec![Outcome::new("must be integer").at(vec!["a".into()])]
        );
    }
}
