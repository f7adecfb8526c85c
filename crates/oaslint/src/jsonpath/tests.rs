use super::*;
use crate::document::Document;
use crate::parse::Limits;
use crate::workspace::{MemoryResolver, Workspace};
use serde_json::{json, Value};

fn ws_of(doc: &Value) -> Workspace {
    Workspace::single(Document::from_json("doc.json", doc))
}

/// Pointers of the matches (key matches get a trailing `~`), JSONPath-Plus.
fn pointers(ws: &Workspace, resolved: bool, path: &str) -> Vec<String> {
    pointers_in(ws, resolved, path, Dialect::JsonPathPlus)
}

/// Pointers of the matches of `path` written in `dialect`.
fn pointers_in(ws: &Workspace, resolved: bool, path: &str, dialect: Dialect) -> Vec<String> {
    let p = JsonPath::parse_in(path, dialect).unwrap_or_else(|e| panic!("{path}: {e}"));
    let view = ws.view(resolved);
    p.query(&view, view.root())
        .iter()
        .map(|m| {
            // A key match is located by its parent and slot.
            let (at, ptr) = match (m.key, m.parent) {
                (true, Some((p, slot))) => {
                    let seg = match ws.value(p) {
                        crate::tree::Value::Object(e) => {
                            crate::tree::escape_segment(&e[slot as usize].key)
                        }
                        _ => slot.to_string(),
                    };
                    (p, format!("{}/{seg}~", ws.tree(p.doc).pointer(p.node)))
                }
                _ => (m.loc, ws.tree(m.loc.doc).pointer(m.loc.node)),
            };
            if at.doc == 0 {
                ptr
            } else {
                format!("{}#{}", ws.doc(at.doc).name, ptr)
            }
        })
        .collect()
}

fn q(doc: &Value, path: &str) -> Vec<String> {
    pointers(&ws_of(doc), false, path)
}

#[test]
fn jsonpath_smoke() {
    let doc = json!({"a": {"b": [1, 2, 3]}, "c": "x"});
    assert_eq!(q(&doc, "$.a.b[1]"), vec!["/a/b/1"]);
    assert_eq!(q(&doc, "$..*").len(), 6);
}

// ---------------------------------------------------------------------
// Differential test against serde_json_path (RFC 9535, 703/703 CTS).
// ---------------------------------------------------------------------

/// RFC-syntax queries typical of OpenAPI rulesets.
const DIFF_QUERIES: &[&str] = &[
    "$",
    "$.info",
    "$.info.contact",
    "$.info.title",
    "$['info']['license']",
    "$.paths[*][*]",
    "$.paths.*.*",
    "$.paths[*]['get','post'].summary",
    "$.paths[*][*].operationId",
    "$.paths[*][*].tags[0]",
    "$.paths[*][*].responses[*]",
    "$.paths[*][*].responses[?@.description]",
    "$.paths[*][*].responses[?!@.description]",
    "$.paths[*][*].parameters[?@.in == 'path']",
    "$.paths[*][*][?@.description]",
    "$.paths[*]..type",
    "$.paths..responses.*",
    "$..parameters[?@.in == 'query']",
    "$..parameters[?@.required == true].name",
    "$..parameters[?@.schema.type == 'integer'].name",
    "$..parameters[*]",
    "$..[?@.type == 'object']",
    "$..[?@.type == 'object' || @.type == 'array']",
    "$..[?@.type == 'string' && @.format]",
    "$..[?@.type == 'array' && !@.items]",
    "$..[?(@.type == 'integer' && @.format == 'int64')]",
    "$..[?@.in != 'query' && @.in]",
    "$..[?@.deprecated == true]",
    "$..[?@.minimum >= 0]",
    "$..[?@.maxLength < 100]",
    "$..[?@.example == null]",
    "$..[?@ == 'string']",
    "$..[?length(@.enum) > 3]",
    "$..[?count(@.properties.*) > 10]",
    "$..[?match(@.name, '[a-z_]+')]",
    "$..[?search(@.description, '[Dd]eprecated')]",
    "$..[?value(@.items.type) == 'string']",
    "$..description",
    "$..['description','summary']",
    "$..properties",
    "$..properties[*]",
    "$..properties[?@.readOnly]",
    "$..['$ref']",
    "$..required[0]",
    "$..required[-1]",
    "$..enum[*]",
    "$..enum[1:3]",
    "$..enum[::-1]",
    "$..items.type",
    "$..allOf[*]",
    "$..oneOf[*]['$ref']",
    "$..responses['200','201']",
    "$..[0]",
    "$..[-1]",
    "$..[1:3]",
    "$..*[?@.nullable == true]",
    "$.components.schemas[*].properties[*].type",
    "$.components.schemas[?@.type == 'object'].required",
    "$.definitions[*]",
    "$.definitions[?@.required].properties",
    "$.servers[0]",
    "$.servers[-1].url",
    "$.tags[0:2]",
    "$.tags[::2]",
    "$.tags[::-1]",
    "$.tags[1:]",
    "$.tags[-2:]",
    "$.tags[*].name",
    "$[?@.openapi || @.swagger]",
    "$..*",
];

/// Extra RFC edge cases, run on the hand-written documents only.
const DIFF_EDGE_QUERIES: &[&str] = &[
    "$['a b']",
    "$[\"quote'd\"]",
    "$['slash/~tilde']",
    "$['\\u00e9t\\u00e9']",
    "$.arr[0,0,1]",
    "$.arr[1:100]",
    "$.arr[-100:2]",
    "$.arr[::0]",
    "$.arr[5:1:-2]",
    "$.arr[*,1]",
    "$..[?@ > 1]",
    "$..[?@ >= 'b']",
    "$..[?@ == 1.0]",
    "$..[?@.x == @.y]",
    "$..[?@.x == $.arr]",
    "$..[?@ == $.obj]",
    "$..[?@.x != @.missing]",
    "$..[?@.missing == @.other]",
    "$..[?@.*]",
    "$..[?@[?@ == 2]]",
    "$..[?!(@.x && @.y)]",
    "$..[?@.x || @.y && @.z]",
    "$..[?length(@) == 3]",
    "$..[?length(@.name) >= 2]",
    "$..[?count(@..*) > 3]",
    "$..[?value(@..z) == 3]",
    "$..[?match(@, 'a.c')]",
    "$..[?search(@, '^b')]",
    "$..[?match(@, '\\\\d+')]",
    "$..[?@ < true]",
    "$..[?@ == null]",
    "$..[?@ == false]",
    "$.list[?@.x && @.y && @.x<=@.y]",
    "$.obj..*",
    "$..obj[*]",
    "$ .arr [ 0 ]",
    "$.arr[ 0 , 1 ]",
];

fn hand_docs() -> Vec<Value> {
    vec![
        json!({
            "a b": 1,
            "quote'd": 2,
            "slash/~tilde": 3,
            "été": 4,
            "arr": [0, 1, 2, 3, 4, 5],
            "obj": {"x": 1, "y": 1, "z": [1, 2, 3], "name": "abc"},
            "list": [
                {"x": 1, "y": 2, "name": "a_c"},
                {"x": [1, 2], "y": [1, 2], "z": 3},
                {"x": {"k": [0, 1]}, "y": {"k": [0, 1]}, "arr": [5, 4, 5]},
                {"x": null, "y": false, "other": null},
                {"x": 0, "z": true, "name": "b"},
                "abc", "b", "c", 1, 2, 2.5, true, false, null, "123", "a\u{2028}c"
            ],
            "nested": {"nested": {"nested": {"x": {"x": 2}}}},
            "same": {"x": 0, "arr": [0, 1, 2, 3, 4, 5]},
        }),
        json!([[1, [2, [3, [4]]]], {"a": [{"a": 1}, {"b": {"a": 2}}]}, "s", 7]),
        // A small OpenAPI document.
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "contact": {"name": "n"}, "description": "Deprecated stuff"},
            "servers": [{"url": "https://a"}, {"url": "https://b"}],
            "tags": [{"name": "a"}, {"name": "b"}, {"name": "c"}],
            "paths": {
                "/pets": {
                    "parameters": [{"in": "query", "name": "limit", "schema": {"type": "integer"}}],
                    "get": {
                        "operationId": "list",
                        "tags": ["a"],
                        "parameters": [
                            {"in": "path", "name": "id", "required": true, "schema": {"type": "string", "enum": ["a", "b", "c", "d"]}},
                            {"in": "header", "name": "X-Y", "deprecated": true}
                        ],
                        "responses": {
                            "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                            "201": {"$ref": "#/components/responses/Created"},
                            "500": {"content": {}}
                        }
                    },
                    "post": {"summary": "add", "responses": {"201": {"description": "made"}}}
                }
            },
            "components": {
                "schemas": {
                    "Pet": {"type": "object", "required": ["id", "name"], "properties": {
                        "id": {"type": "integer", "format": "int64", "minimum": 0},
                        "name": {"type": "string", "maxLength": 50, "example": null},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "bad": {"type": "array"},
                        "ro": {"type": "string", "readOnly": true, "nullable": true}
                    }},
                    "Other": {"allOf": [{"$ref": "#/components/schemas/Pet"}], "oneOf": [{"$ref": "#/x"}]}
                },
                "responses": {"Created": {"description": "created"}}
            }
        }),
    ]
}

/// Runs `query` with both engines and compares. Returns the number of
/// matches.
fn diff_one(tree_ws: &Workspace, value: &Value, query: &str) -> usize {
    let oracle = serde_json_path::JsonPath::parse(query)
        .unwrap_or_else(|e| panic!("oracle rejects {query}: {e}"));
    let mut seen = std::collections::HashSet::new();
    let expected: Vec<String> = oracle
        .query_located(value)
        .iter()
        .map(|n| n.location().to_json_pointer())
        .filter(|p| seen.insert(p.clone()))
        .collect();
    let ours = pointers_in(tree_ws, false, query, Dialect::Rfc9535);
    let tree = tree_ws.tree(0);
    let id = |p: &String| {
        tree.lookup(p)
            .unwrap_or_else(|| panic!("{query}: oracle pointer {p} not in tree"))
    };
    let mut sorted = expected.clone();
    sorted.sort_by_key(id);
    assert_eq!(
        ours, sorted,
        "query {query}: results differ from serde_json_path"
    );
    // Without `..`, unions and backward slices the RFC order is document
    // order: check that the oracle agrees.
    if !query.contains("..") && !query.contains(',') && !query.contains(":-") {
        assert_eq!(
            expected, sorted,
            "query {query}: RFC order is not document order"
        );
    }
    ours.len()
}

#[test]
fn jsonpath_differential_hand_written() {
    for doc in hand_docs() {
        let ws = ws_of(&doc);
        for q in DIFF_QUERIES.iter().chain(DIFF_EDGE_QUERIES) {
            diff_one(&ws, &doc, q);
        }
    }
}

fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if dir.is_dir() {
        Some(dir)
    } else {
        // In CI the corpus is part of the checkout: its absence is a
        // failure, not a silently skipped test.
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is absent and CI is set",
            dir.display()
        );
        eprintln!("note: {} is absent; corpus tests skipped", dir.display());
        None
    }
}

#[test]
fn jsonpath_differential_corpus() {
    let Some(dir) = corpus_dir() else { return };
    let files = [
        "argo-workflows-swagger.json",
        "discord-openapi.json",
        "box-openapi.json",
        "pagerduty-openapiv3.json",
        "github-api.github.com.json",
    ];
    let mut total = 0;
    for f in files {
        let path = dir.join(f);
        let Ok(meta) = std::fs::metadata(&path) else {
            eprintln!("note: {f} missing, skipped");
            continue;
        };
        if cfg!(debug_assertions) && meta.len() > 3_000_000 {
            eprintln!("note: {f} skipped in debug builds (> 3 MB)");
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let ws = ws_of(&value);
        for q in DIFF_QUERIES {
            let n = diff_one(&ws, &value, q);
            total += n;
        }
        eprintln!("{f}: {} queries agree", DIFF_QUERIES.len());
    }
    eprintln!("total matches compared: {total}");
}

// ---------------------------------------------------------------------
// Syntax table: (path, expected pointers in order) on one document.
// ---------------------------------------------------------------------

fn table_doc() -> Value {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "T", "x-logo": {"url": "u"}, "contact": {"name": "n"}},
        "paths": {
            "/a": {
                "get": {"operationId": "getA", "deprecated": false, "tags": ["x", "y"],
                        "responses": {"200": {"description": "ok"}}},
                "put": {"operationId": "putA", "deprecated": true, "responses": {}},
                "parameters": [{"name": "p", "in": "query"}],
                "x-ext": {}
            },
            "/b": {"post": {"operationId": "", "summary": "s"}}
        },
        "arr": [10, 20, 30, 40, 50],
        "k": {"$ref": "#/info", "a'b": 1, "a\"b": 2, "é": 3, "200": "num", "": "empty"},
        "vals": [0, 1, "", "s", null, true, false, [], {}, "abc", "ab", 2.5],
        "nest": {"arr": [[5, 4, 5], [1]], "same": [{"a": 1}, {"a": 1}, {"a": 2}]}
    })
}

const TABLE: &[(&str, &[&str])] = &[
    // Names, escapes, extensions in dot names.
    ("$", &[""]),
    ("$.info.title", &["/info/title"]),
    ("$['info'][\"title\"]", &["/info/title"]),
    ("$ .info [ 'title' ]", &["/info/title"]),
    ("$.info.x-logo.url", &["/info/x-logo/url"]),
    ("$.k.$ref", &["/k/$ref"]),
    ("$.k.200", &["/k/200"]),
    ("$.arr.1", &["/arr/1"]),
    ("$.k['a\\'b']", &["/k/a'b"]),
    ("$.k[\"a\\\"b\"]", &["/k/a\"b"]),
    ("$.k['\\u00e9']", &["/k/é"]),
    ("$.k['é']", &["/k/é"]),
    ("$.k.é", &["/k/é"]),
    ("$.k['']", &["/k/"]),
    ("$.k['200']", &["/k/200"]),
    ("$.k[200]", &["/k/200"]),
    ("$.missing", &[]),
    ("$.info.title.x", &[]),
    // Indexes and slices.
    ("$.arr[0]", &["/arr/0"]),
    ("$.arr[-1]", &["/arr/4"]),
    ("$.arr[5]", &[]),
    ("$.arr[-6]", &[]),
    ("$.arr[1:3]", &["/arr/1", "/arr/2"]),
    ("$.arr[::2]", &["/arr/0", "/arr/2", "/arr/4"]),
    (
        "$.arr[::-1]",
        &["/arr/0", "/arr/1", "/arr/2", "/arr/3", "/arr/4"],
    ),
    ("$.arr[3:0:-2]", &["/arr/1", "/arr/3"]),
    ("$.arr[-2:]", &["/arr/3", "/arr/4"]),
    ("$.arr[:0]", &[]),
    ("$.arr[::0]", &[]),
    ("$.arr[ 1 : 2 ]", &["/arr/1"]),
    ("$.info[0]", &[]),
    ("$.info[0:1]", &[]),
    // Unions (deduplicated, document order), unquoted names.
    ("$.arr[0,0,1]", &["/arr/0", "/arr/1"]),
    ("$.arr[4,0]", &["/arr/0", "/arr/4"]),
    (
        "$.arr[*,1]",
        &["/arr/0", "/arr/1", "/arr/2", "/arr/3", "/arr/4"],
    ),
    ("$.paths[*][get,put]", &["/paths/~1a/get", "/paths/~1a/put"]),
    (
        "$.paths[*][ get , post ].operationId",
        &["/paths/~1a/get/operationId", "/paths/~1b/post/operationId"],
    ),
    (
        "$.paths['/b','/a'].*~",
        &[
            "/paths/~1a/get~",
            "/paths/~1a/put~",
            "/paths/~1a/parameters~",
            "/paths/~1a/x-ext~",
            "/paths/~1b/post~",
        ],
    ),
    // Wildcards and descendants.
    (
        "$.arr.*",
        &["/arr/0", "/arr/1", "/arr/2", "/arr/3", "/arr/4"],
    ),
    (
        "$.info.*",
        &["/info/title", "/info/x-logo", "/info/contact"],
    ),
    (
        "$.info..*",
        &[
            "/info/title",
            "/info/x-logo",
            "/info/x-logo/url",
            "/info/contact",
            "/info/contact/name",
        ],
    ),
    (
        "$.info..[*]",
        &[
            "/info/title",
            "/info/x-logo",
            "/info/x-logo/url",
            "/info/contact",
            "/info/contact/name",
        ],
    ),
    (
        "$..operationId",
        &[
            "/paths/~1a/get/operationId",
            "/paths/~1a/put/operationId",
            "/paths/~1b/post/operationId",
        ],
    ),
    (
        "$..[0]",
        &[
            "/paths/~1a/get/tags/0",
            "/paths/~1a/parameters/0",
            "/arr/0",
            "/vals/0",
            "/nest/arr/0",
            "/nest/arr/0/0",
            "/nest/arr/1/0",
            "/nest/same/0",
        ],
    ),
    (
        "$..['url','name']",
        &[
            "/info/x-logo/url",
            "/info/contact/name",
            "/paths/~1a/parameters/0/name",
        ],
    ),
    (
        "$..[url,name]",
        &[
            "/info/x-logo/url",
            "/info/contact/name",
            "/paths/~1a/parameters/0/name",
        ],
    ),
    ("$.info..url", &["/info/x-logo/url"]),
    ("$..x-logo..url", &["/info/x-logo/url"]),
    ("$..info..*..url", &["/info/x-logo/url"]),
    // RFC filters: existence vs JavaScript truthiness.
    (
        "$.paths[*][?@.deprecated]",
        &["/paths/~1a/get", "/paths/~1a/put"],
    ),
    ("$.paths[*][?(@.deprecated)]", &["/paths/~1a/put"]),
    ("$.paths[*][?@.deprecated == true]", &["/paths/~1a/put"]),
    (
        "$.paths[*][?!@.deprecated]",
        &[
            "/paths/~1a/parameters",
            "/paths/~1a/x-ext",
            "/paths/~1b/post",
        ],
    ),
    (
        "$.paths[*][?(!@.deprecated)]",
        &[
            "/paths/~1a/get",
            "/paths/~1a/parameters",
            "/paths/~1a/x-ext",
            "/paths/~1b/post",
        ],
    ),
    (
        "$.vals[?@]",
        &[
            "/vals/0", "/vals/1", "/vals/2", "/vals/3", "/vals/4", "/vals/5", "/vals/6", "/vals/7",
            "/vals/8", "/vals/9", "/vals/10", "/vals/11",
        ],
    ),
    (
        "$.vals[?(@)]",
        &[
            "/vals/1", "/vals/3", "/vals/5", "/vals/7", "/vals/8", "/vals/9", "/vals/10",
            "/vals/11",
        ],
    ),
    // Comparisons: RFC vs JavaScript.
    ("$.vals[?@ == 1]", &["/vals/1"]),
    ("$.vals[?(@ == 1)]", &["/vals/1", "/vals/5"]),
    ("$.vals[?(@ === 1)]", &["/vals/1"]),
    (
        "$.vals[?(@ == 0)]",
        &["/vals/0", "/vals/2", "/vals/6", "/vals/7"],
    ),
    ("$.vals[?(@ === 0)]", &["/vals/0"]),
    ("$.vals[?@ == null]", &["/vals/4"]),
    ("$.vals[?(@ == null)]", &["/vals/4"]),
    (
        "$.vals[?(@ != null)]",
        &[
            "/vals/0", "/vals/1", "/vals/2", "/vals/3", "/vals/5", "/vals/6", "/vals/7", "/vals/8",
            "/vals/9", "/vals/10", "/vals/11",
        ],
    ),
    ("$.vals[?@ > 1]", &["/vals/11"]),
    ("$.vals[?(@ > 1)]", &["/vals/11"]),
    ("$.vals[?@ < 'b']", &["/vals/2", "/vals/9", "/vals/10"]),
    (
        "$.vals[?(@ < 'b')]",
        &["/vals/2", "/vals/7", "/vals/8", "/vals/9", "/vals/10"],
    ),
    ("$.vals[?@ <= 0]", &["/vals/0"]),
    ("$.vals[?@ >= 'abc']", &["/vals/3", "/vals/9"]),
    ("$.vals[?(@ >= 'abc')]", &["/vals/3", "/vals/9"]),
    ("$.vals[?@ == -0.0e0]", &["/vals/0"]),
    ("$.vals[?@ == 25e-1]", &["/vals/11"]),
    (
        "$.vals[?@.missing == @.other]",
        &[
            "/vals/0", "/vals/1", "/vals/2", "/vals/3", "/vals/4", "/vals/5", "/vals/6", "/vals/7",
            "/vals/8", "/vals/9", "/vals/10", "/vals/11",
        ],
    ),
    (
        "$.vals[?@.missing <= @.other]",
        &[
            "/vals/0", "/vals/1", "/vals/2", "/vals/3", "/vals/4", "/vals/5", "/vals/6", "/vals/7",
            "/vals/8", "/vals/9", "/vals/10", "/vals/11",
        ],
    ),
    (
        "$.nest.same[?@ == $.nest.same[0]]",
        &["/nest/same/0", "/nest/same/1"],
    ),
    ("$.nest.same[?(@ == $.nest.same[0])]", &["/nest/same/0"]),
    (
        "$.nest.same[?@ >= $.nest.same[0]]",
        &["/nest/same/0", "/nest/same/1"],
    ),
    ("$.nest.arr[?@[-1] == 5]", &["/nest/arr/0"]),
    ("$.nest.arr[?(@[-1] == 5)]", &["/nest/arr/0"]),
    (
        "$.paths[*][?@.deprecated == false || @.operationId == 'putA']",
        &["/paths/~1a/get", "/paths/~1a/put"],
    ),
    (
        "$.paths[*][?(@.tags && @.deprecated == false)]",
        &["/paths/~1a/get"],
    ),
    (
        "$.paths[*][?@.tags && (@.deprecated == true || @.operationId == 'getA')]",
        &["/paths/~1a/get"],
    ),
    // JavaScript extras.
    ("$.vals[?(@.length > 2)]", &["/vals/9"]),
    ("$.vals[?@.length > 2]", &[]),
    ("$.paths[*][*][?(@.length == 2)]", &["/paths/~1a/get/tags"]),
    (
        "$.vals[?(typeof @ === 'string')]",
        &["/vals/2", "/vals/3", "/vals/9", "/vals/10"],
    ),
    (
        "$.vals[?(@ && @.constructor.name === 'Array')]",
        &["/vals/7"],
    ),
    ("$.vals[?(@.constructor.name === 'Object')]", &["/vals/8"]),
    ("$.vals[?(@.x.y)]", &[]),
    ("$.vals[?(/^a/.test(@))]", &["/vals/9", "/vals/10"]),
    // A built-in method read as a value is a function, so truthy.
    (
        "$.vals[?(@.match && @.match(/b/))]",
        &["/vals/9", "/vals/10"],
    ),
    (
        "$.vals[?(typeof @ == 'string' && @.match(/b/i))]",
        &["/vals/9", "/vals/10"],
    ),
    (
        "$.vals[?(typeof @ == 'string' && @.match('^a.$'))]",
        &["/vals/10"],
    ),
    (
        "$.vals[?(typeof @ == 'string' && @.match(/x/) === null)]",
        &["/vals/2", "/vals/3", "/vals/9", "/vals/10"],
    ),
    ("$.vals[?(@path === \"$['vals'][3]\")]", &["/vals/3"]),
    ("$.vals[?(@ === void 0 || @ === undefined)]", &[]),
    (
        "$.paths[*][?(@.operationId !== void 0)]",
        &["/paths/~1a/get", "/paths/~1a/put", "/paths/~1b/post"],
    ),
    (
        "$.paths[*][?(@.operationId === undefined)]",
        &["/paths/~1a/parameters", "/paths/~1a/x-ext"],
    ),
    (
        "$.paths[*][?(@.tags && @.tags.includes('y'))]",
        &["/paths/~1a/get"],
    ),
    ("$.paths[*][?(@.tags.includes('y'))]", &["/paths/~1a/get"]),
    ("$.paths[*][?(!@.tags.includes('y'))]", &[]),
    (
        "$.paths[*][?(@.tags.indexOf('y') === 1)]",
        &["/paths/~1a/get"],
    ),
    (
        "$.paths[*][?(@.operationId && @.operationId.endsWith('A'))]",
        &["/paths/~1a/get", "/paths/~1a/put"],
    ),
    (
        "$.paths[*][?(@.operationId.toLowerCase().startsWith('put'))]",
        &["/paths/~1a/put"],
    ),
    (
        "$.paths[*][?(@.operationId.toUpperCase() === 'GETA')]",
        &["/paths/~1a/get"],
    ),
    (
        "$.paths[*][?(@.operationId.trim().length === 0)]",
        &["/paths/~1b/post"],
    ),
    ("$.paths[?(@['x-ext'])]", &["/paths/~1a"]),
    ("$.paths[?(@.*.tags)]", &["/paths/~1a"]),
    ("$.paths[?(@['x-ext'] !== void 0)]", &["/paths/~1a"]),
    // @property, @parentProperty, @parent, @root.
    (
        "$.paths[*][?(@property === 'get' || @property === 'post')]",
        &["/paths/~1a/get", "/paths/~1b/post"],
    ),
    ("$.paths[*][?(@property == 'put')]", &["/paths/~1a/put"]),
    ("$.arr[?(@property > 2)]", &["/arr/3", "/arr/4"]),
    ("$.arr[?(@property == 0)]", &["/arr/0"]),
    (
        "$.paths[*].get[?(@parentProperty === 'get')]",
        &[
            "/paths/~1a/get/operationId",
            "/paths/~1a/get/deprecated",
            "/paths/~1a/get/tags",
            "/paths/~1a/get/responses",
        ],
    ),
    (
        "$.paths[*][*][?(@parentProperty === 'put' && @property !== 'responses')]",
        &["/paths/~1a/put/operationId", "/paths/~1a/put/deprecated"],
    ),
    ("$.paths[?(@property.startsWith('/a'))]", &["/paths/~1a"]),
    (
        "$.paths[*][?(@property.match(/^x-/))]",
        &["/paths/~1a/x-ext"],
    ),
    ("$..[?(@property === '$ref')]", &["/k/$ref"]),
    (
        "$.paths[*][?(@.operationId == @root.paths['/a'].get.operationId)]",
        &["/paths/~1a/get"],
    ),
    (
        "$.paths[*][?(@.operationId == $.paths['/a'].put.operationId)]",
        &["/paths/~1a/put"],
    ),
    ("$[?@.title == $.info.title]", &["/info"]),
    (
        // `@parent`: the parent of the node whose children are filtered.
        "$.paths[*][*].tags[?(@parent.tags.length == 2)]",
        &["/paths/~1a/get/tags/0", "/paths/~1a/get/tags/1"],
    ),
    (
        "$.paths[*][*].tags[?(@parent.tags[1] == 'y')]",
        &["/paths/~1a/get/tags/0", "/paths/~1a/get/tags/1"],
    ),
    // RFC functions.
    ("$.paths[*][?length(@.tags) == 2]", &["/paths/~1a/get"]),
    (
        "$.paths[*][?length(@.operationId) == 4]",
        &["/paths/~1a/get", "/paths/~1a/put"],
    ),
    ("$.k[?length(@) == 5]", &["/k/"]),
    ("$.k[?length(@) == 6]", &["/k/$ref"]),
    ("$.paths[*][?count(@.*) == 3]", &["/paths/~1a/put"]),
    ("$.paths[*][?count(@..*) > 5]", &["/paths/~1a/get"]),
    ("$..[?match(@.operationId, 'get.*')]", &["/paths/~1a/get"]),
    ("$..[?match(@.operationId, 'get')]", &[]),
    (
        "$..[?search(@.operationId, 'A$')]",
        &["/paths/~1a/get", "/paths/~1a/put"],
    ),
    ("$..[?search(@.operationId, '[')]", &[]),
    ("$..[?value(@.operationId) == '']", &["/paths/~1b/post"]),
    (
        "$..[?value(@..name) == 'p']",
        &[
            "/paths",
            "/paths/~1a",
            "/paths/~1a/parameters",
            "/paths/~1a/parameters/0",
        ],
    ),
    ("$..[?(match(@.operationId, 'put.'))]", &["/paths/~1a/put"]),
    ("$.vals[?match(@, 'a.')]", &["/vals/10"]),
    (
        "$.vals[?!match(@, 'a.')]",
        &[
            "/vals/0", "/vals/1", "/vals/2", "/vals/3", "/vals/4", "/vals/5", "/vals/6", "/vals/7",
            "/vals/8", "/vals/9", "/vals/11",
        ],
    ),
    // Nested filters, existence of non-singular queries.
    ("$.nest.arr[?@[?@ == 4]]", &["/nest/arr/0"]),
    ("$.paths[?@.*.tags]", &["/paths/~1a"]),
    ("$.paths[?@..summary]", &["/paths/~1b"]),
    // Parent `^` and property names `~`.
    ("$.paths[*][*]^", &["/paths/~1a", "/paths/~1b"]),
    ("$.info.title^", &["/info"]),
    ("$.info.title^^", &[""]),
    ("$^", &[]),
    ("$..operationId^.tags", &["/paths/~1a/get/tags"]),
    ("$.paths[*]~", &["/paths/~1a~", "/paths/~1b~"]),
    ("$.arr[1]~", &["/arr/1~"]),
    ("$..url~", &["/info/x-logo/url~"]),
    ("$~", &[]),
];

#[test]
fn jsonpath_syntax_table() {
    let ws = ws_of(&table_doc());
    let mut failures = Vec::new();
    for (path, expected) in TABLE {
        match JsonPath::parse(path) {
            Err(e) => failures.push(format!("{path}: parse error {e}")),
            Ok(_) => {
                let got = pointers(&ws, false, path);
                if got != *expected {
                    failures.push(format!("{path}:\n   got {got:?}\n  want {expected:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Invalid paths: (path, offset, part of the message).
const ERRORS: &[(&str, usize, &str)] = &[
    ("", 0, "starts with `$`"),
    ("a.b", 0, "starts with `$`"),
    (" $.a", 0, "starts with `$`"),
    ("$.a ", 3, "unexpected whitespace"),
    ("$.", 2, "after `.`"),
    ("$[", 2, "expected a selector"),
    ("$..", 3, "after `..`"),
    ("$...a", 3, "after `..`"),
    ("$.a.", 4, "after `.`"),
    ("$['a", 2, "unterminated string"),
    ("$[\"a']", 2, "unterminated string"),
    ("$['a'", 5, "unclosed `[`"),
    ("$['\\ud800']", 3, "surrogate"),
    ("$['\\u12']", 3, "four hex digits"),
    ("$['a\u{1}']", 4, "control characters"),
    ("$[01]", 2, "leading zeros"),
    ("$[-0]", 2, "-0"),
    ("$[9007199254740992]", 2, "out of range"),
    ("$[1:2:3:4]", 7, "expected `,` or `]`"),
    ("$[?@.a ==]", 9, "expected a value after `==`"),
    ("$[?@.a = 1]", 7, "use `==`"),
    ("$[?]", 3, "expected a value"),
    ("$[?foo(@)]", 3, "unknown function `foo()`"),
    ("$[?(foo(@))]", 4, "unknown function `foo()`"),
    ("$[?@.a == foo]", 10, "unexpected name `foo`"),
    ("$[?(@.a == foo)]", 11, "unexpected name `foo`"),
    ("$[?(@.a == undefinedx)]", 11, "name `undefinedx`"),
    ("$[?(@.a == undefined(1))]", 20, "expected `)`"),
    ("$[?count(@.a, @.b)]", 8, "takes 1 argument"),
    ("$[?length(@.*) == 1]", 10, "single value"),
    ("$[?count(1) == 1]", 9, "must be a query"),
    ("$[?@.* == 1]", 3, "cannot be compared"),
    ("$[?length(@.a)]", 3, "not a test"),
    ("$[?match(@.a, 'x') == true]", 3, "cannot be compared"),
    ("$[?@.a == 1 == 2]", 12, "chained"),
    ("$[?1]", 3, "not a test"),
    ("$[?@property]", 3, "JSONPath-Plus, not RFC 9535"),
    ("$[?@foo == 1]", 3, "unknown `@foo`"),
    ("$[?@.a.includes('x')]", 6, "`[?( … )]`"),
    ("$[?(@.a.foo('x'))]", 8, "unsupported method `.foo()`"),
    ("$[?(@.a.includes())]", 16, "takes 1 argument"),
    ("$[?(@.a == /x(/)]", 11, "invalid regular expression"),
    ("$[?(@.a == /x/q)]", 11, "flag"),
    ("$[?(@.a == /x)]", 11, "unterminated regular expression"),
    ("$[?(@.a]", 7, "expected `)`"),
    ("$[?(@.a + 1)]", 8, "expected `)`"),
    ("$[?(@.a in ['x'])]", 8, "expected `)`"),
    ("$[?@^]", 4, "expected `,` or `]`"),
    ("$[?@.a~x]", 6, "just before the closing `]`"),
    ("$[?(@.a)~ x]", 8, "just before the closing `]`"),
    ("$.a[?(@.b[?(@.c)~])]", 16, "inside a filter"),
    ("$.a~.b", 3, "ends a path"),
    ("$.a~~", 3, "ends a path"),
    ("$.a[*~].b", 5, "ends a path"),
    ("$..*@other()", 4, "otherTypeCallback"),
    ("$..*@foo()", 4, "unknown type selector"),
    ("$[(@.length-1)]", 2, "script expressions"),
    ("$['\\x4']", 3, "two hex digits"),
    ("$[?@.a == 01]", 10, "leading zeros"),
    ("$[?@.a == 1.]", 11, "expected `,` or `]`"),
    ("$[?@.a == 1e]", 12, "exponent"),
    ("$[?@.a == undefined]", 10, "unexpected name `undefined`"),
    ("$[?(@.a.*.includes(1))]", 4, "cannot be used as a value"),
    ("$[?(@.* == 1)]", 4, "cannot be compared"),
    ("$[?@.a == (1)]", 11, "not a test"),
];

#[test]
fn jsonpath_errors_have_offsets() {
    let mut failures = Vec::new();
    for (path, offset, msg) in ERRORS {
        match JsonPath::parse(path) {
            Ok(_) => failures.push(format!("{path:?}: accepted")),
            Err(e) => {
                if e.offset != *offset || !e.message.contains(msg) {
                    failures.push(format!(
                        "{path:?}: got `{}` at {}, want `…{msg}…` at {offset}",
                        e.message, e.offset
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------
// Resolved views: `$ref`s, cycles, keys, parents.
// ---------------------------------------------------------------------

fn resolved_ws(doc: &Value) -> Workspace {
    let ws = Workspace::load(
        Document::from_json("api.json", doc),
        &MemoryResolver::new(),
        &Limits::default(),
    );
    assert!(ws.errors.is_empty(), "{:?}", ws.errors);
    ws
}

fn ref_doc() -> Value {
    json!({
        "paths": {
            "/a": {"get": {"responses": {
                "200": {"$ref": "#/components/responses/Ok"},
                "404": {"$ref": "#/components/responses/Ok"},
                "500": {"description": "boom"}
            }}},
            "/b": {"$ref": "#/components/pathItems/B"}
        },
        "components": {
            "responses": {"Ok": {"description": "ok", "content": {"x": {"schema": {"$ref": "#/components/schemas/Node"}}}}},
            "pathItems": {"B": {"post": {"responses": {"201": {"$ref": "#/components/responses/Chain"}}}}},
            "responses2": {},
            "schemas": {
                "Node": {
                    "type": "object",
                    "description": "a node",
                    "properties": {
                        "next": {"$ref": "#/components/schemas/Node"},
                        "alias": {"$ref": "#/components/schemas/Node"},
                        "value": {"type": "string", "description": "v"}
                    }
                },
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"$ref": "#/components/schemas/A"}
            }
        }
    })
    .as_object()
    .map(|o| {
        let mut o = o.clone();
        // `Chain` → `Mid` → `Ok`: a chain of refs.
        let c = o.get_mut("components").unwrap().as_object_mut().unwrap();
        let r = c.get_mut("responses").unwrap().as_object_mut().unwrap();
        r.insert("Chain".into(), json!({"$ref": "#/components/responses/Mid"}));
        r.insert("Mid".into(), json!({"$ref": "#/components/responses/Ok"}));
        Value::Object(o)
    })
    .unwrap()
}

#[test]
fn jsonpath_resolved_child_steps_follow_refs() {
    let ws = resolved_ws(&ref_doc());
    assert_eq!(
        pointers(&ws, true, "$.paths[*][*].responses[*]"),
        vec!["/paths/~1a/get/responses/500", "/components/responses/Ok"],
    );
    assert_eq!(
        pointers(&ws, false, "$.paths[*][*].responses[*]"),
        vec![
            "/paths/~1a/get/responses/200",
            "/paths/~1a/get/responses/404",
            "/paths/~1a/get/responses/500"
        ],
    );
    // Keys are physical: both `200` and `404` (and `201` through the path
    // item and the chain) are reported even though their values are one node.
    assert_eq!(
        pointers(&ws, true, "$.paths[*][*].responses[*]~"),
        vec![
            "/paths/~1a/get/responses/200~",
            "/paths/~1a/get/responses/404~",
            "/paths/~1a/get/responses/500~",
            "/components/pathItems/B/post/responses/201~"
        ],
    );
    // `^` goes back the way the match was reached.
    assert_eq!(
        pointers(&ws, true, "$.paths['/a'].get.responses[*].description^"),
        vec!["/paths/~1a/get/responses/500", "/components/responses/Ok"],
    );
    assert_eq!(
        pointers(&ws, true, "$.paths['/a'].get.responses['200']^"),
        vec!["/paths/~1a/get/responses"],
    );
    // Filters see the referenced node and the referring key.
    assert_eq!(
        pointers(&ws, true, "$.paths[*][*].responses[?(@property === '404')]"),
        vec!["/components/responses/Ok"],
    );
    assert_eq!(
        pointers(&ws, true, "$.paths[*][*].responses[?@.description == 'ok']"),
        vec!["/components/responses/Ok"],
    );
    assert_eq!(
        pointers(
            &ws,
            false,
            "$.paths[*][*].responses[?@.description == 'ok']"
        ),
        Vec::<String>::new(),
    );
    // A chain of refs is followed to its end; a ref cycle stops on a ref.
    assert_eq!(
        pointers(&ws, true, "$.components.responses.Chain.description"),
        vec!["/components/responses/Ok/description"],
    );
    let cyc = pointers(&ws, true, "$.components.schemas.A");
    assert_eq!(cyc.len(), 1);
    assert!(cyc[0] == "/components/schemas/A" || cyc[0] == "/components/schemas/B");
}

#[test]
fn jsonpath_parent_and_slot() {
    let ws = resolved_ws(&ref_doc());
    let view = ws.view(true);
    let p = JsonPath::parse("$.paths[*][*].responses[*]~").unwrap();
    let ms = p.query(&view, view.root());
    let keys: Vec<&str> = ms
        .iter()
        .map(|m| {
            let (parent, slot) = m.parent.unwrap();
            match ws.value(parent) {
                crate::tree::Value::Object(entries) => &*entries[slot as usize].key,
                _ => panic!("parent is not an object"),
            }
        })
        .collect();
    assert_eq!(keys, vec!["200", "404", "500", "201"]);
    // The followed target of the `200` key is the component.
    assert_eq!(
        ws.tree(0).pointer(ms[0].loc.node),
        "/components/responses/Ok"
    );

    let p = JsonPath::parse("$.paths['/a'].get.responses[*]").unwrap();
    let ms = p.query(&view, view.root());
    assert_eq!(ms.len(), 2);
    // The component is reached first through `200` (slot 0).
    let m = ms.iter().find(|m| m.loc != ms[0].loc).unwrap();
    let (parent, slot) = m.parent.unwrap();
    assert_eq!(ws.tree(0).pointer(parent.node), "/paths/~1a/get/responses");
    assert_eq!(slot, 0);
    // Array items: the slot is the index.
    let ws2 = ws_of(&json!({"a": [1, 2, 3]}));
    let v2 = ws2.view(false);
    let ms = JsonPath::parse("$.a[-1]").unwrap().query(&v2, v2.root());
    assert_eq!(ms[0].parent, Some((Loc::new(0, 1), 2)));
    let start = JsonPath::parse("$").unwrap().query(&v2, v2.root());
    assert_eq!(start[0].parent, None);
}

#[test]
fn jsonpath_circular_refs_terminate() {
    let ws = resolved_ws(&ref_doc());
    let d = pointers(&ws, true, "$..description");
    assert_eq!(
        d,
        vec![
            "/paths/~1a/get/responses/500/description",
            "/components/responses/Ok/description",
            "/components/schemas/Node/description",
            "/components/schemas/Node/properties/value/description",
        ]
    );
    // `$..*` yields every reachable node once.
    let all = pointers(&ws, true, "$..*");
    let set: std::collections::HashSet<_> = all.iter().collect();
    assert_eq!(set.len(), all.len(), "duplicates in {all:?}");
    let unresolved = pointers(&ws, false, "$..*");
    // Unresolved: every node but the root; resolved: `$ref` objects are
    // replaced by their targets, so their `$ref` strings disappear.
    assert_eq!(unresolved.len(), ws.tree(0).len() - 1);
    // (except in the `A` ↔ `B` cycle, where following stops on a `$ref`).
    assert!(
        all.iter()
            .all(|p| !p.ends_with("$ref") || p.starts_with("/components/schemas/")),
        "{all:?}"
    );
    // Same results through the filter path (no fast path) and from a
    // starting point inside the cycle.
    let props = pointers(&ws, true, "$.components.schemas.Node..properties[*]");
    assert_eq!(
        props,
        vec![
            "/components/schemas/Node",
            "/components/schemas/Node/properties/value"
        ]
    );
    let keys = pointers(&ws, true, "$..properties[*]~");
    assert_eq!(
        keys,
        vec![
            "/components/schemas/Node/properties/next~",
            "/components/schemas/Node/properties/alias~",
            "/components/schemas/Node/properties/value~"
        ]
    );
    let typed = pointers(&ws, true, "$..[?(@.type === 'object')]");
    assert_eq!(typed, vec!["/components/schemas/Node"]);
    let nested = pointers(&ws, true, "$..properties..description");
    assert_eq!(
        nested,
        vec![
            "/components/schemas/Node/description",
            "/components/schemas/Node/properties/value/description"
        ]
    );
}

#[test]
fn jsonpath_resolved_matches_unresolved_without_refs() {
    // Without `$ref`s both views must agree on every query.
    for doc in hand_docs().into_iter().skip(1).take(1).chain([table_doc()]) {
        let doc = match doc {
            Value::Object(mut o) => {
                o.remove("k");
                Value::Object(o)
            }
            v => v,
        };
        let ws = resolved_ws(&doc);
        for (path, _) in TABLE {
            if path.contains("@path") {
                continue;
            }
            assert_eq!(
                pointers(&ws, true, path),
                pointers(&ws, false, path),
                "{path}"
            );
        }
    }
}

#[test]
fn jsonpath_other_documents() {
    // Needs the text parser for the referenced file; skipped until then.
    let mut files = MemoryResolver::new();
    files.insert(
        "schemas.json",
        r##"{"Pet": {"type": "object", "description": "pet", "properties": {"self": {"$ref": "#/Pet"}, "owner": {"$ref": "api.json#/components/schemas/Owner"}}}}"##,
    );
    let root = json!({
        "paths": {"/p": {"get": {"responses": {"200": {"content": {"j": {"schema": {"$ref": "schemas.json#/Pet"}}}}}}}},
        "components": {"schemas": {"Owner": {"description": "owner", "properties": {"pet": {"$ref": "schemas.json#/Pet"}}}}}
    });
    let ws = Workspace::load(
        Document::from_json("api.json", &root),
        &files,
        &Limits::default(),
    );
    if !ws.errors.is_empty() {
        eprintln!(
            "note: cross-document test skipped: {}",
            ws.errors[0].message
        );
        return;
    }
    assert_eq!(
        pointers(&ws, true, "$..description"),
        vec![
            "/components/schemas/Owner/description",
            "schemas.json#/Pet/description"
        ]
    );
    assert_eq!(
        pointers(
            &ws,
            true,
            "$.paths[*][*].responses[*].content[*].schema.properties[*]~"
        ),
        vec![
            "schemas.json#/Pet/properties/self~",
            "schemas.json#/Pet/properties/owner~"
        ]
    );
    assert_eq!(
        pointers(&ws, true, "$.paths..schema.properties.owner"),
        vec!["/components/schemas/Owner"]
    );
}

// ---------------------------------------------------------------------
// `given`s of the kind Spectral rulesets use.
// ---------------------------------------------------------------------

#[test]
fn jsonpath_spectral_style_givens() {
    let doc = json!({
        "openapi": "3.1.0",
        "paths": {"/p": {
            "get": {"parameters": [{"in": "header", "name": "h"}, {"in": "query", "name": "q"}],
                    "responses": {"200": {"description": "ok"}}},
            "x-internal": {"get": {}}
        }},
        "components": {"schemas": {
            "S": {"type": ["array", "null"], "items": {"type": "string", "enum": ["a", "a"]}},
            "T": {"type": "array"},
            "U": {"type": "string", "example": "x", "properties": {"enum": {"type": "integer", "default": 0}}},
            "V": {"$ref": "#/components/schemas/U", "description": "sibling"}
        }}
    });
    let ws = ws_of(&doc);
    let cases: &[(&str, &[&str])] = &[
        ("$..[?(@ && @.type==\"array\")]", &["/components/schemas/T"]),
        (
            "$..[?(@ && @.type && @.type.constructor.name === \"Array\" && @.type.includes(\"array\"))]",
            &["/components/schemas/S"],
        ),
        ("$..[?(@property !== 'properties' && @ && @.enum)]", &["/components/schemas/S/items"]),
        ("$..[?(@property === '$ref')]", &["/components/schemas/V/$ref"]),
        (
            "$.components.schemas..[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
            &["/components/schemas/U", "/components/schemas/U/properties/enum"],
        ),
        ("$..parameters[?(@ && @.in)]", &["/paths/~1p/get/parameters/0", "/paths/~1p/get/parameters/1"]),
        ("$..parameters[?(@.in === 'header')].name", &["/paths/~1p/get/parameters/0/name"]),
        ("$.paths[*][get,put,post,delete,options,head,patch,trace]", &["/paths/~1p/get"]),
        ("$.paths[*][get,put,post].responses[*]", &["/paths/~1p/get/responses/200"]),
        ("$.paths[*]~", &["/paths/~1p~"]),
        ("$.paths.*[?( @property === 'get' )]", &["/paths/~1p/get"]),
        ("$.paths[*][?(@property.startsWith('x-'))]", &["/paths/~1p/x-internal"]),
        ("$..[?(@.$ref && @.description)]", &["/components/schemas/V"]),
        ("$.components.schemas[*]^", &["/components/schemas"]),
    ];
    let mut failures = Vec::new();
    for (path, want) in cases {
        match JsonPath::parse(path) {
            Err(e) => failures.push(format!("{path}: {e}")),
            Ok(_) => {
                let got = pointers(&ws, false, path);
                if got != *want {
                    failures.push(format!("{path}:\n   got {got:?}\n  want {want:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn jsonpath_query_many_matches_single_queries() {
    let paths: Vec<JsonPath> = [
        "$..description",
        "$..properties[*]",
        "$..properties[*]~",
        "$..[?(@.type === 'object')]",
        "$..['$ref','description']",
        "$..*",
        "$..*..type",
        "$.paths[*][*]",
        "$..responses[*]^",
        "$..[0]",
    ]
    .iter()
    .map(|p| JsonPath::parse(p).unwrap())
    .collect();
    let refs: Vec<&JsonPath> = paths.iter().collect();
    for doc in [ref_doc(), table_doc(), hand_docs()[2].clone()] {
        let ws = Workspace::load(
            Document::from_json("api.json", &doc),
            &MemoryResolver::new(),
            &Limits::default(),
        );
        for resolved in [false, true] {
            let ev = Evaluator::new(ws.view(resolved));
            let many = ev.query_many(&refs, ws.view(resolved).root());
            for (p, got) in paths.iter().zip(many) {
                assert_eq!(got, ev.query(p, Loc::new(0, 0)), "{p} resolved={resolved}");
            }
        }
    }
}

#[test]
fn jsonpath_types_are_shareable() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<JsonPath>();
    send_sync::<PathError>();
    send_sync::<Match>();
}

/// Invalid paths in the RFC 9535 dialect: JSONPath-Plus forms are errors
/// that name the form; (path, offset, part of the message).
const RFC_ERRORS: &[(&str, usize, &str)] = &[
    ("$['\\x']", 3, "invalid escape"),
    ("$[\"\\'\"]", 3, "invalid escape"),
    ("$.paths[*]~", 10, "JSONPath-Plus"),
    ("$.paths^", 7, "JSONPath-Plus"),
    ("$.paths[get]", 8, "expected a selector"),
    ("$.x-y", 3, "unexpected `-`"),
    (
        "$.paths[?(@property == 'a')]",
        10,
        "JSONPath-Plus, not RFC 9535",
    ),
    ("$[?@.a.includes('x')]", 6, "`[?( … )]`"),
    ("$[?@ === 1]", 7, "expected a value"),
    ("$..*@object()", 4, "unexpected `@`"),
];

#[test]
fn jsonpath_rfc9535_dialect_rejects_jsonpath_plus_forms() {
    let mut failures = Vec::new();
    for (path, offset, msg) in RFC_ERRORS {
        match JsonPath::parse_in(path, Dialect::Rfc9535) {
            Ok(_) => failures.push(format!("{path:?}: accepted")),
            Err(e) if e.offset != *offset || !e.message.contains(msg) => failures.push(format!(
                "{path:?}: got `{}` at {}, want `…{msg}…` at {offset}",
                e.message, e.offset
            )),
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn jsonpath_dialects_differ_in_filter_semantics() {
    let doc = json!({"a": {"x": false}, "b": {"x": true}, "c": {}});
    let ws = ws_of(&doc);
    // RFC 9535: `(…)` only groups, a bare query tests existence.
    assert_eq!(
        pointers_in(&ws, false, "$[?(@.x)]", Dialect::Rfc9535),
        vec!["/a", "/b"]
    );
    // JSONPath-Plus: JavaScript truthiness.
    assert_eq!(pointers(&ws, false, "$[?(@.x)]"), vec!["/b"]);
    // The same RFC filter without parentheses in JSONPath-Plus.
    assert_eq!(pointers(&ws, false, "$[?@.x]"), vec!["/a", "/b"]);
    assert_eq!(Dialect::from_name("rfc9535"), Some(Dialect::Rfc9535));
    assert_eq!(
        Dialect::from_name("jsonpath-plus"),
        Some(Dialect::JsonPathPlus)
    );
    assert_eq!(Dialect::from_name("RFC9535"), None);
}

/// The JSONPath-Plus forms of issue #10, on an OpenAPI document.
#[test]
fn jsonpath_plus_forms_of_spectral_rulesets() {
    let doc = json!({
        "paths": {
            "/health": {"get": {"operationId": "getHealth"}},
            "/status": {"get": {"operationId": "get_status"}, "post": {}}
        },
        "components": {"schemas": {"A": {"type": "array", "items": {"type": "string"}}}}
    });
    let ws = ws_of(&doc);
    let cases: &[(&str, &[&str])] = &[
        ("$.paths[/health]", &["/paths/~1health"]),
        ("$.paths.'/status'.post", &["/paths/~1status/post"]),
        ("$.paths[?(@property[1] === 's')]~", &["/paths/~1status~"]),
        (
            "$.paths[?(@property === '\\/status')~]",
            &["/paths/~1status~"],
        ),
        ("$.paths[*]~", &["/paths/~1health~", "/paths/~1status~"]),
        (
            "$.components.schemas.A.*@string()",
            &["/components/schemas/A/type"],
        ),
        (
            "$.components.schemas.A.*@object()",
            &["/components/schemas/A/items"],
        ),
        (
            "$.components..*@scalar()",
            &[
                "/components/schemas/A/type",
                "/components/schemas/A/items/type",
            ],
        ),
        // Type tests inside filters, as Spectral's nimma reads them
        // (azure's public ruleset): the node being tested, with or without
        // the parentheses; `@object()` keeps arrays (`typeof`).
        (
            "$..[?(@object() && @.type === 'array')]",
            &["/components/schemas/A"],
        ),
        (
            "$.components.schemas.A[?(@string())]",
            &["/components/schemas/A/type"],
        ),
        (
            "$.components.schemas.A[?(@object && !@array())]",
            &["/components/schemas/A/items"],
        ),
        (
            "$.paths.*.*[?(@scalar() && @property === 'operationId')]",
            &[
                "/paths/~1health/get/operationId",
                "/paths/~1status/get/operationId",
            ],
        ),
        (
            "$.paths.[*]",
            &[
                "/paths/~1health",
                "/paths/~1health/get",
                "/paths/~1health/get/operationId",
                "/paths/~1status",
                "/paths/~1status/get",
                "/paths/~1status/get/operationId",
                "/paths/~1status/post",
            ],
        ),
        (
            "$.paths[*][?(@.operationId.match && @.operationId.match(/^[a-z]+[A-Z]/))]",
            &["/paths/~1health/get"],
        ),
        (
            "$.paths[*][?(@.operationId && @.operationId.match)]",
            &["/paths/~1health/get", "/paths/~1status/get"],
        ),
        (
            "$.paths[*][?(typeof @.operationId.match === 'function')]",
            &["/paths/~1health/get", "/paths/~1status/get"],
        ),
        ("$..[?(@ && @.type==\"array\")]", &["/components/schemas/A"]),
    ];
    let mut failures = Vec::new();
    for (path, want) in cases {
        match JsonPath::parse(path) {
            Err(e) => failures.push(format!("{path}: {e}")),
            Ok(_) => {
                let got = pointers(&ws, false, path);
                if got != *want {
                    failures.push(format!("{path}:\n   got {got:?}\n  want {want:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
