//! One operation model for Swagger 2.0 and OpenAPI 3.x, so that two
//! versions are compared operation by operation whatever their format: a
//! repository migrating from 2.0 to 3.0 sees what changed for clients, not
//! every operation removed and added again.
//!
//! Operations are keyed by method and path template with the parameter
//! names blanked (`/pets/{id}` and `/pets/{petId}` are one path); path
//! parameters are keyed by their position in the template. Every part
//! keeps the node it was read from, for locations.

use crate::document::SpecFormat;
use crate::tree::Value;
use crate::workspace::{Loc, Workspace};
use rustc_hash::FxHashMap as HashMap;

/// Reads the values of one version, following `$ref`s.
#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub ws: &'a Workspace,
}

impl<'a> Side<'a> {
    pub(crate) fn value(&self, at: Loc) -> &'a Value {
        self.ws.value(at)
    }

    /// Member `key` of the object at `at`, as written (a `$ref` object is
    /// not followed): where the member is, for locations.
    pub(crate) fn member(&self, at: Loc, key: &str) -> Option<Loc> {
        self.ws
            .tree(at.doc)
            .get(at.node, key)
            .map(|n| Loc::new(at.doc, n))
    }

    /// Member `key` of the object at `at`, `$ref`s followed.
    pub(crate) fn get(&self, at: Loc, key: &str) -> Option<Loc> {
        self.member(at, key).map(|m| self.ws.follow(m))
    }

    pub(crate) fn follow(&self, at: Loc) -> Loc {
        self.ws.follow(at)
    }

    pub(crate) fn str(&self, at: Loc) -> Option<&'a str> {
        match self.value(at) {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn bool(&self, at: Loc) -> Option<bool> {
        match self.value(at) {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub(crate) fn number(&self, at: Loc) -> Option<f64> {
        match self.value(at) {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    /// A scalar as text (`1`, `true`, `abc`); `None` for collections.
    pub(crate) fn scalar_text(&self, at: Loc) -> Option<String> {
        match self.value(at) {
            Value::String(s) => Some(s.to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => Some("null".into()),
            _ => None,
        }
    }

    /// The value as compact JSON text, to compare enum values.
    pub(crate) fn json_text(&self, at: Loc) -> String {
        match self.value(at) {
            Value::String(s) => s.to_string(),
            Value::Number(_) | Value::Bool(_) | Value::Null => {
                self.scalar_text(at).unwrap_or_default()
            }
            _ => self.ws.tree(at.doc).to_json(at.node).to_string(),
        }
    }

    /// Members of an object as written: key and member node (not followed).
    pub(crate) fn entries(&self, at: Loc) -> impl Iterator<Item = (&'a str, Loc)> + 'a {
        let doc = at.doc;
        let entries: &'a [crate::tree::Entry] = match self.value(at) {
            Value::Object(e) => e,
            _ => &[],
        };
        entries
            .iter()
            .map(move |e| (&*e.key, Loc::new(doc, e.value)))
    }

    /// Items of an array as written (not followed).
    pub(crate) fn items(&self, at: Loc) -> impl Iterator<Item = Loc> + 'a {
        let doc = at.doc;
        let items: &'a [u32] = match self.value(at) {
            Value::Array(i) => i,
            _ => &[],
        };
        items.iter().map(move |&n| Loc::new(doc, n))
    }

    /// The `$ref` string of the object at `at`, if it is a reference.
    pub(crate) fn ref_target(&self, at: Loc) -> Option<&'a str> {
        self.member(at, "$ref").and_then(|r| self.str(r))
    }
}

/// Where a schema comes from: a schema node, or the `formData` parameters
/// of a Swagger 2.0 operation, which stand for one object schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SchemaSrc {
    /// A schema object (already followed through `$ref`s), or a Swagger 2.0
    /// non-body parameter, whose `type`, `format`, `enum`, … are schema
    /// keywords on the parameter itself.
    Node(Loc),
    /// Index into [`Api::forms`].
    Form(u32),
}

/// The `formData` parameters of a Swagger 2.0 operation.
#[derive(Debug)]
pub(crate) struct FormSchema {
    /// The operation's `parameters` (for locations).
    pub node: Loc,
    /// Name, member node as written, followed parameter node, required.
    pub fields: Vec<(String, Loc, Loc, bool)>,
}

/// How a parameter is matched between versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ParamKey {
    /// A path parameter, by its position in the path template.
    Path(usize),
    /// Any other parameter, by location and name.
    Named(String, String),
}

#[derive(Debug)]
pub(crate) struct Param {
    pub name: String,
    /// `query`, `header`, `path`, `cookie` (or 2.0's `formData` is not a
    /// parameter here: it is the body).
    pub location: String,
    pub key: ParamKey,
    /// The parameter object, followed.
    pub node: Loc,
    /// Where it is written (the list item, maybe a `$ref`).
    pub member: Loc,
    pub required: bool,
    pub schema: Option<SchemaSrc>,
}

/// One media type of a request body or a response.
#[derive(Debug)]
pub(crate) struct Media {
    pub name: String,
    /// A Swagger 2.0 body or response without `consumes`/`produces`: the
    /// media type is not said, and pairs with whatever the other side has
    /// if that is one media type.
    pub unspecified: bool,
    /// The media type object (3.x) or the object holding the schema (2.0).
    pub node: Loc,
    pub schema: Option<SchemaSrc>,
}

#[derive(Debug)]
pub(crate) struct Body {
    /// The request body object (3.x) or the body parameter (2.0).
    pub node: Loc,
    pub member: Loc,
    pub required: bool,
    pub content: Vec<Media>,
    /// The `content` object, or the body node.
    pub content_node: Loc,
}

#[derive(Debug)]
pub(crate) struct Response {
    pub status: String,
    pub member: Loc,
    pub content: Vec<Media>,
    pub content_node: Loc,
    pub headers: Vec<Header>,
    /// The `headers` object, or the response.
    pub headers_node: Loc,
}

/// One header of a response.
#[derive(Debug)]
pub(crate) struct Header {
    /// As written; headers are matched case-insensitively.
    pub name: String,
    /// Where it is written (maybe a `$ref`).
    pub member: Loc,
    /// The header object, followed.
    pub node: Loc,
    /// 3.x `required` (2.0 headers have none: optional).
    pub required: bool,
    /// 3.x `schema`; a 2.0 header is its own schema (`type`, `format`, …).
    pub schema: Option<SchemaSrc>,
}

#[derive(Debug)]
pub(crate) struct Operation {
    /// Upper case: `GET`.
    pub method: &'static str,
    /// The path template as written.
    pub path: String,
    /// The operation object, followed.
    pub node: Loc,
    /// The method member of the path item, as written.
    pub member: Loc,
    pub params: Vec<Param>,
    /// The operation's `parameters` (or the path item's), for locating
    /// removed parameters; else the operation.
    pub params_node: Loc,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    pub responses_node: Loc,
    /// The security requirements that apply: the operation's `security`,
    /// else the root's. `None`: no requirement at all.
    pub security: Option<Loc>,
}

impl Operation {
    /// `GET /pets/{id}`.
    pub(crate) fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// One version of the API, normalised.
pub(crate) struct Api<'a> {
    pub side: Side<'a>,
    pub format: SpecFormat,
    /// `info.version` and its node.
    pub version: Option<(String, Loc)>,
    /// The root `security`.
    pub security: Option<Loc>,
    /// `/paths` (or the root when there is none), for locating removals.
    pub paths_node: Loc,
    pub operations: Vec<Operation>,
    /// (method, normalised path) → index into `operations`.
    pub index: HashMap<(&'static str, String), usize>,
    /// Normalised path → the path item (followed) and its member.
    pub path_items: HashMap<String, (Loc, Loc)>,
    pub forms: Vec<FormSchema>,
    /// OpenAPI 3.1 `webhooks` (or the root when there is none), for
    /// locating removed webhooks.
    pub webhooks_node: Loc,
    /// Each webhook's name and its member of `webhooks`.
    pub webhooks: Vec<(&'a str, Loc)>,
}

const METHODS: [(&str, &str); 9] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("patch", "PATCH"),
    ("trace", "TRACE"),
    ("query", "QUERY"),
];

/// The path under which the operations of webhook `name` are kept and
/// labelled (`POST webhook:orderCreated`), as oasdiff names them.
fn webhook_key(name: &str) -> String {
    format!("{WEBHOOK_PREFIX}{name}")
}

/// Prefix of [`webhook_key`]; a path starts with `/`, so never with it.
pub(crate) const WEBHOOK_PREFIX: &str = "webhook:";

/// `/pets/{petId}/toys` → `/pets/{}/toys`.
pub(crate) fn normalise_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' if !in_param => {
                in_param = true;
                out.push('{');
            }
            '}' if in_param => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            c => out.push(c),
        }
    }
    // `/pets/` and `/pets` are different paths for a server, but the same
    // resource for most; keep them apart, as oasdiff does.
    out
}

/// The names of the `{…}` parameters of a path template, in order.
fn template_params(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out
}

impl<'a> Api<'a> {
    /// Reads the operations of the root document of `ws`.
    pub(crate) fn read(ws: &'a Workspace, format: SpecFormat) -> Api<'a> {
        let side = Side { ws };
        let root = Loc::new(0, crate::tree::Tree::ROOT);
        let version = side
            .get(root, "info")
            .and_then(|i| side.member(i, "version"))
            .and_then(|v| side.scalar_text(v).map(|t| (t, v)));
        let mut api = Api {
            side,
            format,
            version,
            security: side.member(root, "security"),
            paths_node: side.member(root, "paths").unwrap_or(root),
            operations: Vec::new(),
            index: HashMap::default(),
            path_items: HashMap::default(),
            forms: Vec::new(),
            webhooks_node: side.member(root, "webhooks").unwrap_or(root),
            webhooks: side
                .get(root, "webhooks")
                .map(|w| side.entries(w).collect())
                .unwrap_or_default(),
        };
        if let Some(paths) = side.get(root, "paths") {
            for (path, path_member) in side.entries(paths) {
                if !path.starts_with('/') {
                    continue; // `x-…` extensions of the Paths object
                }
                api.read_path_item(path, normalise_path(path), path_member);
            }
        }
        // A webhook's Path Item is read like a path's, under the key
        // `webhook:<name>` (oasdiff's name for it), so the operations of a
        // webhook that stays are compared by the same code as a path's.
        // The key cannot clash with a path, which starts with `/`.
        for (name, member) in api.webhooks.clone() {
            let path = webhook_key(name);
            api.read_path_item(&path, normalise_path(&path), member);
        }
        api
    }

    /// Reads the operations of one Path Item (`path_member`, a member of
    /// `paths` or `webhooks`) under `key`.
    fn read_path_item(&mut self, path: &str, key: String, path_member: Loc) {
        let side = self.side;
        let path_item = side.follow(path_member);
        self.path_items
            .entry(key.clone())
            .or_insert((path_item, path_member));
        for (lower, upper) in METHODS {
            let Some(member) = side.member(path_item, lower) else {
                continue;
            };
            let node = side.follow(member);
            if !matches!(side.value(node), Value::Object(_)) {
                continue;
            }
            let op = self.operation(path, upper, node, member, path_item);
            self.index
                .insert((upper, key.clone()), self.operations.len());
            self.operations.push(op);
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &'static str,
        node: Loc,
        member: Loc,
        path_item: Loc,
    ) -> Operation {
        let side = self.side;
        let template = template_params(path);
        // Path-level parameters, overridden by operation-level ones with
        // the same name and location.
        let mut written: Vec<(Loc, Loc)> = Vec::new();
        for list in [
            side.get(path_item, "parameters"),
            side.get(node, "parameters"),
        ]
        .into_iter()
        .flatten()
        {
            for item in side.items(list) {
                let p = side.follow(item);
                let name = side.get(p, "name").and_then(|n| side.str(n));
                let location = side.get(p, "in").and_then(|n| side.str(n));
                written.retain(|(_, q)| {
                    side.get(*q, "name").and_then(|n| side.str(n)) != name
                        || side.get(*q, "in").and_then(|n| side.str(n)) != location
                });
                written.push((item, p));
            }
        }
        let params_node = side
            .member(node, "parameters")
            .or_else(|| side.member(path_item, "parameters"))
            .unwrap_or(member);
        let mut params = Vec::new();
        let mut body = None;
        let mut form_fields = Vec::new();
        let swagger = self.format == SpecFormat::Swagger2;
        for (item, p) in written {
            let name = side
                .get(p, "name")
                .and_then(|n| side.str(n))
                .unwrap_or_default()
                .to_string();
            let location = side
                .get(p, "in")
                .and_then(|n| side.str(n))
                .unwrap_or_default()
                .to_string();
            let required = side
                .get(p, "required")
                .and_then(|r| side.bool(r))
                .unwrap_or(false);
            match location.as_str() {
                "body" if swagger => {
                    let schema = side.get(p, "schema").map(SchemaSrc::Node);
                    body = Some(Body {
                        node: p,
                        member: item,
                        required,
                        content: self.media_of_2(node, "consumes", p, schema),
                        content_node: p,
                    });
                    continue;
                }
                "formData" if swagger => {
                    form_fields.push((name, item, p, required));
                    continue;
                }
                _ => {}
            }
            let schema = if swagger {
                Some(SchemaSrc::Node(p))
            } else {
                side.get(p, "schema")
                    .or_else(|| {
                        let content = side.get(p, "content")?;
                        let (_, first) = side.entries(content).next()?;
                        side.get(side.follow(first), "schema")
                    })
                    .map(SchemaSrc::Node)
            };
            let key = match template.iter().position(|t| *t == name) {
                Some(i) if location == "path" => ParamKey::Path(i),
                _ => ParamKey::Named(location.clone(), name.clone()),
            };
            params.push(Param {
                name,
                location,
                key,
                node: p,
                member: item,
                required,
                schema,
            });
        }
        if !form_fields.is_empty() {
            let form = SchemaSrc::Form(self.forms.len() as u32);
            self.forms.push(FormSchema {
                node: params_node,
                fields: form_fields,
            });
            let mut content = self.media_of_2(node, "consumes", params_node, Some(form));
            for m in &mut content {
                if m.unspecified {
                    // Form parameters without `consumes` are sent URL-encoded.
                    m.name = "application/x-www-form-urlencoded".into();
                    m.unspecified = false;
                }
            }
            body = Some(Body {
                node: params_node,
                member: params_node,
                required: true,
                content,
                content_node: params_node,
            });
        }
        if !swagger {
            if let Some(rb_member) = side.member(node, "requestBody") {
                let rb = side.follow(rb_member);
                let required = side
                    .get(rb, "required")
                    .and_then(|r| side.bool(r))
                    .unwrap_or(false);
                let (content, content_node) = self.media_of_3(rb);
                body = Some(Body {
                    node: rb,
                    member: rb_member,
                    required,
                    content,
                    content_node,
                });
            }
        }
        let responses_node = side.member(node, "responses").unwrap_or(member);
        let mut responses = Vec::new();
        if let Some(list) = side.get(node, "responses") {
            for (status, r_member) in side.entries(list) {
                if status.starts_with("x-") {
                    continue;
                }
                let r = side.follow(r_member);
                let (content, content_node) = if swagger {
                    let schema = side.get(r, "schema").map(SchemaSrc::Node);
                    let content = if schema.is_some() {
                        self.media_of_2(node, "produces", r, schema)
                    } else {
                        Vec::new()
                    };
                    (content, r)
                } else {
                    self.media_of_3(r)
                };
                let headers_node = side.member(r, "headers").unwrap_or(r_member);
                let headers = side
                    .get(r, "headers")
                    .into_iter()
                    .flat_map(|list| side.entries(list))
                    .map(|(name, h_member)| {
                        let h = side.follow(h_member);
                        Header {
                            name: name.to_string(),
                            member: h_member,
                            node: h,
                            required: side.get(h, "required").and_then(|b| side.bool(b))
                                == Some(true),
                            schema: if swagger {
                                Some(SchemaSrc::Node(h))
                            } else {
                                side.get(h, "schema")
                                    .map(|s| SchemaSrc::Node(side.follow(s)))
                            },
                        }
                    })
                    .collect();
                responses.push(Response {
                    status: status.to_string(),
                    member: r_member,
                    content,
                    content_node,
                    headers,
                    headers_node,
                });
            }
        }
        Operation {
            method,
            path: path.to_string(),
            node,
            member,
            params,
            params_node,
            body,
            responses,
            responses_node,
            security: side.member(node, "security").or(self.security),
        }
    }

    /// The `content` of a 3.x request body or response.
    fn media_of_3(&self, at: Loc) -> (Vec<Media>, Loc) {
        let side = self.side;
        let Some(content_member) = side.member(at, "content") else {
            return (Vec::new(), at);
        };
        let content = side.follow(content_member);
        let media = side
            .entries(content)
            .map(|(name, m)| {
                let node = side.follow(m);
                Media {
                    name: name.to_ascii_lowercase(),
                    unspecified: false,
                    node,
                    schema: side.get(node, "schema").map(SchemaSrc::Node),
                }
            })
            .collect();
        (media, content_member)
    }

    /// 2.0: one media type per entry of the operation's (else the root's)
    /// `consumes`/`produces`, all with the same schema.
    fn media_of_2(&self, op: Loc, key: &str, node: Loc, schema: Option<SchemaSrc>) -> Vec<Media> {
        let side = self.side;
        let root = Loc::new(0, crate::tree::Tree::ROOT);
        let list = side.get(op, key).or_else(|| side.get(root, key));
        let names: Vec<String> = list
            .map(|l| {
                side.items(l)
                    .filter_map(|i| side.str(side.follow(i)))
                    .map(str::to_ascii_lowercase)
                    .collect()
            })
            .unwrap_or_default();
        if names.is_empty() {
            return vec![Media {
                name: "application/json".into(),
                unspecified: true,
                node,
                schema,
            }];
        }
        names
            .into_iter()
            .map(|name| Media {
                name,
                unspecified: false,
                node,
                schema,
            })
            .collect()
    }
}

/// Pairs the media types of two versions by name. A Swagger 2.0 media
/// type that is not said (no `consumes`/`produces`) pairs with the other
/// side when each side has exactly one.
pub(crate) fn pair_media<'m>(
    base: &'m [Media],
    head: &'m [Media],
) -> (Vec<(&'m Media, &'m Media)>, Vec<&'m Media>, Vec<&'m Media>) {
    if let ([b], [h]) = (base, head) {
        if b.unspecified || h.unspecified {
            return (vec![(b, h)], Vec::new(), Vec::new());
        }
    }
    let pairs = base
        .iter()
        .filter_map(|b| head.iter().find(|h| h.name == b.name).map(|h| (b, h)))
        .collect();
    let removed = base
        .iter()
        .filter(|b| !head.iter().any(|h| h.name == b.name))
        .collect();
    let added = head
        .iter()
        .filter(|h| !base.iter().any(|b| b.name == h.name))
        .collect();
    (pairs, removed, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise_parameter_names() {
        assert_eq!(
            normalise_path("/pets/{petId}/toys/{id}"),
            "/pets/{}/toys/{}"
        );
        assert_eq!(normalise_path("/pets"), "/pets");
        assert_eq!(template_params("/a/{x}/b/{y}"), ["x", "y"]);
    }
}
