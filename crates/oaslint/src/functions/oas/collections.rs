//! Helpers for the pagination rules: which `GET` operations return lists
//! and what their response page object looks like.

use super::{
    body_schemas, has_type, is_json_media_type, is_success_code, operations, parameters, str_member,
};
use crate::workspace::Cursor;

/// A `GET` operation and what the pagination rules need of it.
pub(crate) struct ListGet<'a> {
    pub path: &'a str,
    /// The path from `paths` to the operation: `[path, "get"]`.
    pub at: Vec<String>,
    /// Names of its query parameters (own and of its path item).
    pub query: Vec<&'a str>,
    /// Its success response body schema, with the path from `paths`.
    pub body: Option<(Vec<String>, Cursor<'a>)>,
}

impl<'a> ListGet<'a> {
    /// Whether the path names a collection: its last segment is not a
    /// `{variable}`.
    pub fn is_collection(&self) -> bool {
        let last = self
            .path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        !(last.starts_with('{') && last.ends_with('}'))
    }

    /// Whether one of `names` is a query parameter.
    pub fn has_query(&self, names: &[String]) -> bool {
        self.query.iter().any(|q| names.iter().any(|n| n == q))
    }
}

/// Every `GET` operation under `paths`.
pub(crate) fn gets<'a>(paths: &Cursor<'a>) -> Vec<ListGet<'a>> {
    let mut out = Vec::new();
    for (path, item) in paths.entries() {
        for (method, op) in operations(&item) {
            if method != "get" {
                continue;
            }
            let query = parameters(&item, method, &op)
                .into_iter()
                .filter(|(_, p)| str_member(p, "in") == Some("query"))
                .filter_map(|(_, p)| str_member(&p, "name"))
                .collect();
            let at = vec![path.to_string(), method.to_string()];
            out.push(ListGet {
                path,
                body: success_body(&op, &at),
                at,
                query,
            });
        }
    }
    out
}

/// The JSON body schema of the first success response (`200` first).
fn success_body<'a>(op: &Cursor<'a>, at: &[String]) -> Option<(Vec<String>, Cursor<'a>)> {
    let responses = op.get("responses")?;
    let mut codes: Vec<(&str, Cursor<'a>)> = responses
        .entries()
        .filter(|(code, _)| is_success_code(code))
        .collect();
    codes.sort_by_key(|(code, _)| *code != "200");
    for (code, response) in codes {
        for (rel, schema) in body_schemas(&response) {
            // OpenAPI 3: `content/<media type>/schema`; only JSON counts.
            if rel.len() == 3 && !is_json_media_type(&rel[1]) {
                continue;
            }
            let mut path = at.to_vec();
            path.extend(["responses".to_string(), code.to_string()]);
            path.extend(rel);
            return Some((path, schema));
        }
    }
    None
}

/// A property of a page object.
pub(crate) struct Property<'a> {
    /// The path from the schema to the property.
    pub at: Vec<String>,
    pub name: &'a str,
    pub schema: Cursor<'a>,
    /// The property is written as a `$ref`: a finding about its *use*
    /// belongs at the `properties` map, since a path through the `$ref`
    /// would lead to the shared target.
    pub is_ref: bool,
}

impl Property<'_> {
    /// Where a finding about this property's use goes: the property, or
    /// its `properties` map when the property is a `$ref`.
    pub fn use_site(&self) -> Vec<String> {
        let mut at = self.at.clone();
        if self.is_ref {
            at.pop();
        }
        at
    }
}

/// The properties of an object schema and of the members of its `allOf`
/// (one level), each with its path below the schema.
pub(crate) fn properties<'a>(schema: &Cursor<'a>) -> Vec<Property<'a>> {
    let mut out = Vec::new();
    let mut add = |prefix: Vec<String>, s: &Cursor<'a>| {
        if let Some(props) = s.get("properties") {
            let tree = props.view().tree(props.loc().doc);
            for (name, p) in props.entries() {
                let is_ref = tree
                    .get(props.loc().node, name)
                    .is_some_and(|raw| tree.get(raw, "$ref").is_some());
                let mut at = prefix.clone();
                at.extend(["properties".to_string(), name.to_string()]);
                out.push(Property {
                    at,
                    name,
                    schema: p,
                    is_ref,
                });
            }
        }
    };
    add(Vec::new(), schema);
    if let Some(all) = schema.get("allOf") {
        for (i, member) in all.items().enumerate() {
            add(vec!["allOf".into(), i.to_string()], &member);
        }
    }
    out
}

/// Whether a schema is an object (by type, or by having properties).
pub(crate) fn is_object_schema(schema: &Cursor<'_>) -> bool {
    has_type(schema, "object")
        || schema.get("properties").is_some()
        || schema.get("allOf").is_some()
}

/// Whether a schema is a list: an array, or an object with an `items`
/// array property.
pub(crate) fn is_list(schema: &Cursor<'_>) -> bool {
    has_type(schema, "array")
        || properties(schema)
            .iter()
            .any(|p| p.name == "items" && has_type(&p.schema, "array"))
}

/// Names joined for a message.
pub(crate) fn names_list(names: &[String]) -> String {
    names.join(", ")
}

/// Whether a property schema holds a link object rather than a string.
pub(crate) fn is_link_object(schema: &Cursor<'_>) -> bool {
    is_object_schema(schema) && !has_type(schema, "string")
}
