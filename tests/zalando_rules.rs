//! Zally's 35 rules of the Zalando rule set in the built-in `zalando`
//! ruleset: for each rule, documents that pass and documents that fail,
//! with the exact pointers, severities and ranges of the findings (Swagger
//! 2.0 variants where the rule applies to both formats), and one snapshot
//! per rule of its failing document's findings. Then Zally's
//! `x-zally-ignore` semantics end to end.

use oaslint::{Finding, FunctionRegistry, Linter, MemoryResolver, Report, RulesetLoader};
use std::sync::OnceLock;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let registry = FunctionRegistry::default();
        let ruleset = RulesetLoader::new(&MemoryResolver::new(), &registry)
            .load_builtin("zalando")
            .expect("the built-in ruleset loads");
        Linter::new(ruleset)
    })
}

/// Lints `text` as `name`, with `files` for `$ref`s.
fn lint_files(name: &str, text: &str, files: &[(&str, &str)]) -> Report {
    let mut resolver = MemoryResolver::new();
    for (n, t) in files {
        resolver.insert(n, *t);
    }
    let report = linter().lint(name, text, &resolver);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

fn lint(text: &str) -> Report {
    lint_files("api.yaml", text, &[])
}

/// A finding as the tables below write it:
/// `(severity, pointer, "line:col-line:col", message)`.
fn row(f: &Finding) -> (String, String, String, String) {
    let r = f.range;
    (
        f.severity.as_str().to_string(),
        f.pointer.clone(),
        format!(
            "{}:{}-{}:{}",
            r.start.line, r.start.column, r.end.line, r.end.column
        ),
        f.message.clone(),
    )
}

/// The findings of `rule` in `report`.
fn of(report: &Report, rule: &str) -> Vec<(String, String, String, String)> {
    report
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(row)
        .collect()
}

/// Asserts the exact findings of `rule` and snapshots them as
/// (rule, severity, pointer, line, message) rows.
fn assert_findings(rule: &str, report: &Report, expected: &[(&str, &str, &str, &str)]) {
    assert_eq!(of(report, rule), rows(expected), "findings of rule {rule}");
    let rows: Vec<serde_json::Value> = report
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            serde_json::json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "pointer": f.pointer,
                "line": f.range.start.line,
                "message": f.message,
            })
        })
        .collect();
    insta::assert_yaml_snapshot!(format!("rule_{rule}"), rows);
}

/// Asserts that `rule` finds nothing in each of `texts`.
fn assert_passes(rule: &str, texts: &[&str]) {
    for text in texts {
        let got = of(&lint(text), rule);
        assert!(got.is_empty(), "rule {rule} on\n{text}\nfound {got:#?}");
    }
}

/// Expected rows as owned strings.
fn rows(expected: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    expected
        .iter()
        .map(|(s, p, r, m)| (s.to_string(), p.to_string(), r.to_string(), m.to_string()))
        .collect()
}

const CLEAN: &str = include_str!("fixtures/zalando/clean.yaml");
const CLEAN_SWAGGER: &str = include_str!("fixtures/zalando/clean-swagger.yaml");

/// The clean documents pass every rule of the Zalando set.
#[test]
fn clean_documents_pass_every_rule() {
    for text in [CLEAN, CLEAN_SWAGGER] {
        let report = lint(text);
        for rule in RULES {
            assert!(
                of(&report, rule).is_empty(),
                "{rule}: {:#?}",
                of(&report, rule)
            );
        }
    }
}

/// Zally's 35 rules of the Zalando rule set.
const RULES: [&str; 35] = [
    "101", "104", "105", "107", "110", "115", "116", "118", "120", "125", "129", "130", "132",
    "134", "136", "143", "145", "146", "147", "150", "151", "153", "154", "166", "171", "172",
    "174", "176", "183", "215", "218", "219", "224", "235", "240",
];

/// Every rule is on by default, links to its guideline and has a title.
#[test]
fn every_rule_is_on_and_linked() {
    let ruleset = linter().ruleset();
    for id in RULES {
        let rule = ruleset
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("rule {id} is missing"));
        assert!(rule.level().is_some() && rule.recommended, "{id} is on");
        assert_eq!(
            rule.link.as_deref(),
            Some(format!("https://opensource.zalando.com/restful-api-guidelines/#{id}").as_str())
        );
        assert!(!rule.title.is_empty() && rule.description.is_some(), "{id}");
    }
}

// ---------------------------------------------------------------- fixtures

const F101: &str = r#"openapi: 3.0.3
info:
  title: Broken
paths:
  /orders:
    get:
      x-internal: true
      foo: bar
      responses: {}
  bad: {}
extra: 2
"#;

const F101_NO_PATHS: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\n";

const F101_JSON: &str =
    r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1.0"}, "paths": {}}"#;

const F101_SWAGGER: &str = "swagger: '2.0'\ninfo:\n  title: t\n  version: 1.0\npaths: {}\n";

const F101_31: &str = "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1.0'\n";

const F104: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      security:
        - oauth: [orders.read, orders.write]
      responses:
        '200': {description: ok}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://identity.example.com/token
          scopes:
            orders.read: read
    key:
      type: apiKey
      in: header
      name: X-Key
"#;

const F104_NONE: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths: {}\n";

const F104_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
securityDefinitions:
  basic:
    type: basic
paths: {}
"#;

const F105: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses: {'200': {description: ok}}
    post:
      security:
        - oauth: []
      responses: {'201': {description: ok}}
    put:
      security:
        - oauth: [orders.delete]
        - other: []
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        implicit:
          authorizationUrl: https://identity.example.com/authorize
          scopes:
            orders.read: read
            Orders-Write: write
"#;

const F105_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
securityDefinitions:
  oauth:
    type: oauth2
    flow: implicit
    authorizationUrl: https://identity.example.com/authorize
    scopes:
      read_all: read
paths:
  /orders:
    get:
      responses: {'200': {description: ok}}
"#;

const F107: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    parameters:
      - {name: view, in: query, schema: {type: string, enum: [FULL]}}
    get:
      parameters:
        - {name: sort, in: query, schema: {type: string, enum: [ASC, DESC]}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Status:
      type: string
      enum: [OPEN, CLOSED]
    Order:
      type: object
      properties:
        kind: {type: string, enum: [RETAIL]}
        address:
          type: object
          properties:
            country: {type: string, enum: [DE]}
        tags:
          type: array
          items: {type: string, enum: [NEW]}
"#;

const F107_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: sort, in: query, type: string, enum: [ASC, DESC]}
      responses: {'200': {description: ok}}
definitions:
  Status: {type: string, enum: [OPEN]}
"#;

const F110: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string}}
            text/plain:
              schema: {type: string}
        '203':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Names'}
        '400':
          description: error
          content:
            application/json:
              schema: {type: string}
components:
  schemas:
    Names: {type: array, items: {type: string}}
"#;

const F110_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
          schema: {type: array, items: {type: string}}
"#;

const F115: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
servers:
  - url: https://api.example.com/v1
  - url: https://api.example.com
paths:
  /v2/orders:
    get: {responses: {'200': {description: ok}}}
"#;

const F115_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
host: api-v2.example.com
basePath: /v1
paths: {}
"#;

const F116: &str = "openapi: 3.0.3\ninfo:\n  title: t\n  version: v2\npaths: {}\n";

const F116_MISSING: &str = "openapi: 3.0.3\ninfo:\n  title: t\npaths: {}\n";

const F118: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        birthDate: {type: string}
        _links: {type: object}
        owner:
          type: object
          properties:
            firstName: {type: string}
        tags:
          type: array
          items:
            properties:
              Label: {type: string}
"#;

const F118_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths: {}
definitions:
  Toy:
    properties:
      toyName: {type: string}
"#;

const F120: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        item: {type: array, items: {type: string}}
        children: {type: array, items: {type: string}}
        vat: {type: array, items: {type: number}}
        status: {type: string}
        line_item: {type: array, items: {type: string}}
"#;

const F125: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths: {}
components:
  schemas:
    Level:
      type: integer
      enum: [1, 2]
    Task:
      type: object
      properties:
        prio:
          type: integer
          x-extensible-enum: [1, 2]
        state:
          type: string
          x-extensible-enum: [OPEN]
"#;

const F129: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /Orders:
    get: {responses: {'200': {description: ok}}}
  /order_items/{item-id}:
    get: {responses: {'200': {description: ok}}}
  /orders/{order-id}/line-items:
    get: {responses: {'200': {description: ok}}}
"#;

const F130: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    parameters:
      - {name: pageSize, in: query, schema: {type: integer}}
    get:
      parameters:
        - {name: sortOrder, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: X-Flow-ID, in: header, schema: {type: string}}
        - $ref: '#/components/parameters/Cursor'
      responses: {'200': {description: ok}}
components:
  parameters:
    Cursor: {name: nextCursor, in: query, schema: {type: string}}
"#;

const F130_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: sortOrder, in: query, type: string}
      responses: {'200': {description: ok}}
"#;

const F132: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: x-flow-id, in: header, schema: {type: string}}
        - {name: X-Flow-ID, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          headers:
            x-rate-limit: {schema: {type: integer}}
            ETag: {schema: {type: string}}
components:
  headers:
    trace_id: {schema: {type: string}}
"#;

const F134: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /order/{order-id}/item:
    get: {responses: {'200': {description: ok}}}
  /api/orders:
    get: {responses: {'200': {description: ok}}}
  /orders/{order-id}/order-items:
    get: {responses: {'200': {description: ok}}}
"#;

const F136: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /:
    get: {responses: {'200': {description: ok}}}
  /orders/:
    get: {responses: {'200': {description: ok}}}
  /orders//items:
    get: {responses: {'200': {description: ok}}}
"#;

const F143: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /{order-id}:
    get: {responses: {'200': {description: ok}}}
  /orders/order-{order-id}:
    get: {responses: {'200': {description: ok}}}
  /orders/{order-id}.json:
    get: {responses: {'200': {description: ok}}}
"#;

const F145: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders/{order-id}/items/{item-id}:
    get: {responses: {'200': {description: ok}}}
  /orders/{order-id}/items:
    get: {responses: {'200': {description: ok}}}
"#;

const F146: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /a: {}
  /a/{id}: {}
  /b: {}
  /c: {}
  /d: {}
  /e: {}
  /f: {}
  /g: {}
  /h/{id}/details: {}
  /i: {}
"#;

const F147: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /shops/{shop-id}/orders/{order-id}/items/{item-id}/parts/{part-id}/notes:
    get: {responses: {'200': {description: ok}}}
  /shops/{shop-id}/orders/{order-id}/items/{item-id}/parts:
    get: {responses: {'200': {description: ok}}}
"#;

const F150: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '200': {description: ok}
        '201': {description: created}
        '299': {description: odd}
    put:
      responses:
        '204':
          description: no content
          content:
            application/json: {schema: {type: object}}
        default: {description: error}
"#;

const F150_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths:
  /orders:
    patch:
      responses:
        '204': {description: none, schema: {type: object}}
"#;

const F151: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '200': {description: ok}
    post:
      responses:
        default:
          description: error
          content:
            text/plain: {schema: {type: string}}
            application/json:
              schema:
                type: object
                properties:
                  title: {type: string}
    put:
      responses:
        default:
          description: error
          content:
            application/problem+json:
              schema:
                type: object
                properties:
                  type: {type: string, format: uri-reference}
                  title: {type: string}
                  status: {type: integer, format: int32}
                  detail: {type: string}
                  instance: {type: string, format: uri-reference}
"#;

const F151_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
produces: [application/xml]
paths:
  /orders:
    get:
      responses:
        default: {description: error, schema: {type: string}}
"#;

const F153: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '429': {description: too many}
    post:
      responses:
        '429': {$ref: '#/components/responses/TooMany'}
    put:
      responses:
        '429':
          description: too many
          headers:
            X-RateLimit-Limit: {schema: {type: integer}}
            X-RateLimit-Remaining: {schema: {type: integer}}
            X-RateLimit-Reset: {schema: {type: integer}}
    delete:
      responses:
        '429':
          description: too many
          headers:
            Retry-After: {schema: {type: integer}}
components:
  responses:
    TooMany: {description: too many}
"#;

const F154: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: ids, in: query, schema: {type: array, items: {type: string}}}
        - {name: tags, in: query, style: form, schema: {type: array, items: {type: string}}}
        - {name: sizes, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}
        - {name: X-Tags, in: header, schema: {type: array, items: {type: string}}}
      responses: {'200': {description: ok}}
"#;

const F154_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: ids, in: query, type: array, items: {type: string}}
        - {name: tags, in: query, type: array, items: {type: string}, collectionFormat: multi}
      responses: {'200': {description: ok}}
"#;

const F166: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: Link, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          headers:
            Link: {schema: {type: string}}
components:
  headers:
    Link: {schema: {type: string}}
"#;

const F171: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        count: {type: integer}
        total: {type: number, format: int32}
        weight: {type: number, format: double}
        nested:
          type: object
          properties:
            deep: {type: integer}
"#;

const F171_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths: {}
definitions:
  Order:
    properties:
      count: {type: integer}
"#;

const F172: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    post:
      requestBody:
        content:
          application/x.order+json: {schema: {type: object}}
          application/x.order+json;version=2: {schema: {type: object}}
      responses:
        '200':
          description: ok
          content:
            application/json; charset=utf-8: {schema: {type: object}}
"#;

const F172_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
consumes: [application/json, text/x-yaml]
paths:
  /orders:
    get:
      produces: [application/x.order+json]
      responses: {'200': {description: ok}}
"#;

const F174: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        id: {type: integer}
        created: {type: string}
        meta:
          type: object
          properties:
            modified: {type: string, format: date}
"#;

const F176: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '200': {description: ok}
        '404':
          description: not found
          content:
            application/json: {schema: {type: object}}
        default:
          description: error
          content:
            application/problem+json:
              schema:
                type: object
                properties:
                  status: {type: integer, format: int64}
"#;

const F176_SWAGGER: &str = r#"swagger: '2.0'
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '500': {description: error, schema: {type: string}}
"#;

const F183: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: X-Custom, in: header, schema: {type: string}}
        - {name: x-flow-id, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          headers:
            X-Custom-Response: {schema: {type: string}}
            Location: {schema: {type: string}}
"#;

const F215: &str =
    "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1.0'\n  x-api-id: My API\npaths: {}\n";

const F218: &str = r#"openapi: 3.0.3
info:
  title: t
  version: 1.0.0-rc1
  contact:
    name: Team
    email: '  '
paths: {}
"#;

const F219: &str =
    "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1.0'\n  x-audience: everyone\npaths: {}\n";

const F224: &str = r#"openapi: 3.0.3
info:
  title: t
  version: '1.0'
  x-audience: external-public
servers:
  - url: https://api.example.com
  - url: https://shop-api.zalandoapis.com
paths: {}
"#;

const F224_SWAGGER: &str = r#"swagger: '2.0'
info:
  title: t
  version: '1.0'
  x-audience: component-internal
host: orders.example.com
paths: {}
"#;

const F235: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        created: {type: string, format: date-time}
        arrival_date: {type: string, format: date}
        period:
          type: object
          properties:
            ends: {type: string, format: date}
"#;

const F240: &str = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      parameters:
        - {name: country, in: query, schema: {type: string, x-extensible-enum: [GERMANY, sweden]}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Order:
      type: object
      properties:
        state: {type: string, enum: [OPEN, in_progress]}
        prio: {type: string, x-extensible-enum: [1, HIGH]}
"#;

// ------------------------------------------------------------------ rules

/// 101: the document must be valid OpenAPI of its version, in YAML.
#[test]
fn rule_101() {
    assert_passes("101", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "101",
        &lint(F101),
        &[
            (
                "must",
                "/info",
                "2:1-2:5",
                "Does not match openapi3 schema: must have required property \"version\"",
            ),
            (
                "must",
                "/paths/~1orders/get/foo",
                "8:7-8:15",
                "Does not match openapi3 schema: property \"foo\" is not allowed",
            ),
            (
                "must",
                "/paths/~1orders/get/responses",
                "9:7-9:16",
                "Does not match openapi3 schema: must have at least 1 property",
            ),
            (
                "must",
                "/paths/bad",
                "10:3-10:6",
                "Does not match openapi3 schema: property \"bad\" is not allowed",
            ),
            (
                "must",
                "/extra",
                "11:1-11:6",
                "Does not match openapi3 schema: property \"extra\" is not allowed",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F101_NO_PATHS), "101"),
        rows(&[(
            "must",
            "",
            "1:1-2:33",
            "Does not match openapi3 schema: must have required property \"paths\""
        ),]),
    );
    assert_eq!(
        of(&lint_files("api.json", F101_JSON, &[]), "101"),
        rows(&[("must", "", "1:1-1:76", "must use YAML format"),]),
    );
    assert_eq!(
        of(&lint(F101_SWAGGER), "101"),
        rows(&[(
            "must",
            "/info/version",
            "4:3-4:15",
            "Does not match swagger schema: must be string"
        ),]),
    );
    assert_eq!(
        of(&lint(F101_31), "101"),
        rows(&[(
            "must",
            "",
            "1:1-4:17",
            "Does not match openapi3.1 schema: must have at least one of the properties \"paths\", \"components\", \"webhooks\""
        ),]),
    );
}

/// 104: OAuth2 or Bearer security, and used scopes declared.
#[test]
fn rule_104() {
    assert_passes("104", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "104",
        &lint(F104),
        &[
            (
                "must",
                "/paths/~1orders/get/security/0/oauth/1",
                "7:32-7:44",
                "The scope 'oauth/orders.write' is not specified in security definition",
            ),
            (
                "must",
                "/components/securitySchemes/key",
                "19:5-19:8",
                "API must be secured by OAuth2 or Bearer Authentication",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F104_NONE), "104"),
        rows(&[(
            "must",
            "/components/securitySchemes",
            "1:1-3:10",
            "API must be secured by OAuth2 or Bearer Authentication"
        ),]),
    );
    assert_eq!(
        of(&lint(F104_SWAGGER), "104"),
        rows(&[
            (
                "must",
                "/securityDefinitions",
                "3:1-3:20",
                "API must be secured by OAuth2 or Bearer Authentication"
            ),
            (
                "must",
                "/securityDefinitions/basic",
                "4:3-4:8",
                "API must be secured by OAuth2 or Bearer Authentication"
            ),
        ]),
    );
}

/// 105: endpoints secured by declared, well-named scopes.
#[test]
fn rule_105() {
    assert_passes("105", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "105",
        &lint(F105),
        &[
            ("must", "/paths/~1orders/get", "5:5-5:8", "Endpoint is not secured by scope(s)"),
            ("must", "/paths/~1orders/post/security", "8:7-8:15", "Endpoint is not secured by OAuth2 scope(s)"),
            ("must", "/paths/~1orders/put", "11:5-11:8", "Security scheme other not found"),
            ("must", "/paths/~1orders/put/security", "12:7-12:15", "Endpoint is secured by undefined OAuth2 scope(s): oauth:orders.delete"),
            ("must", "/components/securitySchemes/oauth/flows/implicit/scopes", "23:11-23:17", "scope 'Orders-Write' does not match regex '^(uid)|(([a-z-]+\\.){1,2}(read|write))$'"),
        ],
    );
    assert_eq!(
        of(&lint(F105_SWAGGER), "105"),
        rows(&[
            (
                "must",
                "/securityDefinitions/oauth/scopes",
                "8:5-8:11",
                "scope 'read_all' does not match regex '^(uid)|(([a-z-]+\\.){1,2}(read|write))$'"
            ),
            (
                "must",
                "/paths/~1orders/get",
                "12:5-12:8",
                "Endpoint is not secured by scope(s)"
            ),
        ]),
    );
}

/// 107: closed enums of Zally's leaf schemas are reported.
#[test]
fn rule_107() {
    assert_passes("107", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "107",
        &lint(F107),
        &[
            ("should", "/paths/~1orders/get/parameters/0/schema", "9:35-9:41", "Property is a closed enum: if values may be added, use an open-ended list of values via `examples` instead (rule 112)"),
            ("should", "/components/schemas/Status", "13:5-13:11", "Property is a closed enum: if values may be added, use an open-ended list of values via `examples` instead (rule 112)"),
            ("should", "/components/schemas/Order/properties/kind", "19:9-19:13", "Property is a closed enum: if values may be added, use an open-ended list of values via `examples` instead (rule 112)"),
            ("should", "/components/schemas/Order/properties/address/properties/country", "23:13-23:20", "Property is a closed enum: if values may be added, use an open-ended list of values via `examples` instead (rule 112)"),
        ],
    );
    assert_eq!(
        of(&lint(F107_SWAGGER), "107"),
        rows(&[
            ("should", "/paths/~1orders/get/parameters/0", "7:11-7:67", "Property is a closed enum: if values may be added, use an open-ended list of values via `examples` instead (rule 112)"),
            ("should", "/definitions/Status", "10:3-10:9", "Property is a closed enum: if values may be added, use an open-ended list of values via `examples` instead (rule 112)"),
        ]),
    );
}

/// 110: JSON success responses must be objects.
#[test]
fn rule_110() {
    assert_passes("110", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "110",
        &lint(F110),
        &[
            (
                "must",
                "/paths/~1orders/get/responses/200/content/application~1json/schema",
                "11:15-11:21",
                "Always return JSON objects as top-level data structures to support extensibility",
            ),
            (
                "must",
                "/components/schemas/Names",
                "26:5-26:10",
                "Always return JSON objects as top-level data structures to support extensibility",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F110_SWAGGER), "110"),
        rows(&[(
            "must",
            "/paths/~1orders/get/responses/200/schema",
            "9:11-9:17",
            "Always return JSON objects as top-level data structures to support extensibility"
        ),]),
    );
}

/// 115: no version in server URLs, paths, host or basePath.
#[test]
fn rule_115() {
    assert_passes("115", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "115",
        &lint(F115),
        &[
            (
                "must",
                "/servers/0",
                "4:5-4:36",
                "URL contains version number",
            ),
            (
                "must",
                "/paths/~1v2~1orders",
                "7:3-7:13",
                "URL contains version number",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F115_SWAGGER), "115"),
        rows(&[
            ("must", "/host", "3:1-3:25", "URL contains version number"),
            (
                "must",
                "/basePath",
                "4:1-4:14",
                "URL contains version number"
            ),
        ]),
    );
}

/// 116: info.version must be semantic.
#[test]
fn rule_116() {
    assert_passes("116", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "116",
        &lint(F116),
        &[(
            "must",
            "/info/version",
            "4:3-4:14",
            "Semantic versioning has to be used in format MAJOR.MINOR(.DRAFT): incorrect format",
        )],
    );
    assert_eq!(
        of(&lint(F116_MISSING), "116"),
        rows(&[(
            "must",
            "/info/version",
            "2:1-2:5",
            "Semantic versioning has to be used in format MAJOR.MINOR(.DRAFT): version is missing"
        ),]),
    );
}

/// 118: property names must be snake_case.
#[test]
fn rule_118() {
    assert_passes("118", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "118",
        &lint(F118),
        &[
            (
                "must",
                "/components/schemas/Pet/properties/birthDate",
                "9:9-9:18",
                "Property name has to be snake_case",
            ),
            (
                "must",
                "/components/schemas/Pet/properties/owner/properties/firstName",
                "14:13-14:22",
                "Property name has to be snake_case",
            ),
            (
                "must",
                "/components/schemas/Pet/properties/tags/items/properties/Label",
                "19:15-19:20",
                "Property name has to be snake_case",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F118_SWAGGER), "118"),
        rows(&[(
            "must",
            "/definitions/Toy/properties/toyName",
            "7:7-7:14",
            "Property name has to be snake_case"
        ),]),
    );
}

/// 120: array property names should be plurals.
#[test]
fn rule_120() {
    assert_passes("120", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "120",
        &lint(F120),
        &[
            (
                "should",
                "/components/schemas/Order/properties/item",
                "9:9-9:13",
                "Array property name appears to be singular: item",
            ),
            (
                "should",
                "/components/schemas/Order/properties/line_item",
                "13:9-13:18",
                "Array property name appears to be singular: line_item",
            ),
        ],
    );
}

/// 125: enumerations should be strings.
#[test]
fn rule_125() {
    assert_passes("125", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "125",
        &lint(F125),
        &[
            (
                "should",
                "/components/schemas/Level",
                "6:5-6:10",
                "Enumeration value should have \"type = string\": Level",
            ),
            (
                "should",
                "/components/schemas/Task/properties/prio",
                "12:9-12:13",
                "Enumeration value should have \"type = string\": prio",
            ),
        ],
    );
}

/// 129: path segments must be kebab-case.
#[test]
fn rule_129() {
    assert_passes("129", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "129",
        &lint(F129),
        &[
            (
                "must",
                "/paths/~1Orders",
                "4:3-4:10",
                "Use lowercase separate words with hyphens for path segments",
            ),
            (
                "must",
                "/paths/~1order_items~1{item-id}",
                "6:3-6:25",
                "Use lowercase separate words with hyphens for path segments",
            ),
        ],
    );
}

/// 130: query parameters must be snake_case.
#[test]
fn rule_130() {
    assert_passes("130", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "130",
        &lint(F130),
        &[
            (
                "must",
                "/paths/~1orders/parameters/0",
                "6:9-6:61",
                "Query parameter has to be snake_case",
            ),
            (
                "must",
                "/paths/~1orders/get/parameters/0",
                "9:11-9:63",
                "Query parameter has to be snake_case",
            ),
            (
                "must",
                "/components/parameters/Cursor",
                "16:5-16:11",
                "Query parameter has to be snake_case",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F130_SWAGGER), "130"),
        rows(&[(
            "must",
            "/paths/~1orders/get/parameters/0",
            "7:11-7:53",
            "Query parameter has to be snake_case"
        ),]),
    );
}

/// 132: header names should be Hyphenated-Pascal-Case.
#[test]
fn rule_132() {
    assert_passes("132", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "132",
        &lint(F132),
        &[
            (
                "should",
                "/paths/~1orders/get/parameters/0",
                "7:11-7:64",
                "Header has to be Hyphenated-Pascal-Case",
            ),
            (
                "should",
                "/paths/~1orders/get/responses/200/headers/x-rate-limit",
                "13:13-13:25",
                "Header has to be Hyphenated-Pascal-Case",
            ),
            (
                "should",
                "/components/headers/trace_id",
                "17:5-17:13",
                "Header has to be Hyphenated-Pascal-Case",
            ),
        ],
    );
}

/// 134: resource names must be plurals.
#[test]
fn rule_134() {
    assert_passes("134", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "134",
        &lint(F134),
        &[
            (
                "must",
                "/paths/~1order~1{order-id}~1item",
                "4:3-4:25",
                "Resource 'item' appears to be singular",
            ),
            (
                "must",
                "/paths/~1order~1{order-id}~1item",
                "4:3-4:25",
                "Resource 'order' appears to be singular",
            ),
        ],
    );
}

/// 136: no trailing slashes or empty segments.
#[test]
fn rule_136() {
    assert_passes("136", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "136",
        &lint(F136),
        &[
            (
                "must",
                "/paths/~1orders~1",
                "6:3-6:11",
                "Rule avoid trailing slashes is not followed",
            ),
            (
                "must",
                "/paths/~1orders~1~1items",
                "8:3-8:17",
                "Rule avoid trailing slashes is not followed",
            ),
        ],
    );
}

/// 143: resources identified by whole path segments.
#[test]
fn rule_143() {
    assert_passes("143", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "143",
        &lint(F143),
        &[
            (
                "must",
                "/paths/~1{order-id}",
                "4:3-4:14",
                "Path must start with a resource",
            ),
            (
                "must",
                "/paths/~1orders~1order-{order-id}",
                "6:3-6:27",
                "Path parameter must not contain prefixes and suffixes",
            ),
            (
                "must",
                "/paths/~1orders~1{order-id}.json",
                "8:3-8:26",
                "Path parameter must not contain prefixes and suffixes",
            ),
        ],
    );
}

/// 145: nested paths may be top-level resources.
#[test]
fn rule_145() {
    assert_passes("145", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "145",
        &lint(F145),
        &[(
            "may",
            "/paths/~1orders~1{order-id}~1items~1{item-id}",
            "4:3-4:37",
            "Nested paths may be top-level resource",
        )],
    );
}

/// 146: at most 8 resource types.
#[test]
fn rule_146() {
    assert_passes("146", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "146",
        &lint(F146),
        &[(
            "should",
            "/paths",
            "3:1-3:6",
            "Identified 9 resource resource types, greater than recommended limit of 8",
        )],
    );
}

/// 147: at most 3 sub-resource levels.
#[test]
fn rule_147() {
    assert_passes("147", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "147",
        &lint(F147),
        &[
            ("should", "/paths/~1shops~1{shop-id}~1orders~1{order-id}~1items~1{item-id}~1parts~1{part-id}~1notes", "4:3-4:75", "Number of sub-resources should not exceed 3"),
        ],
    );
}

/// 150: official, well-understood status codes for suitable methods.
#[test]
fn rule_150() {
    assert_passes("150", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "150",
        &lint(F150),
        &[
            (
                "should",
                "/paths/~1orders/get/responses/201",
                "8:9-8:14",
                "Path /orders should not use 201 status code for GET operation",
            ),
            (
                "must",
                "/paths/~1orders/get/responses/299",
                "9:9-9:14",
                "299 is not a standardized response code",
            ),
            (
                "should",
                "/paths/~1orders/get/responses/299",
                "9:9-9:14",
                "299 is not a well-understood response code",
            ),
            (
                "should",
                "/paths/~1orders/get/responses/299",
                "9:9-9:14",
                "Path /orders should not use 299 status code for GET operation",
            ),
            (
                "should",
                "/paths/~1orders/put/responses/204",
                "12:9-12:14",
                "204 response should have no payload defined",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F150_SWAGGER), "150"),
        rows(&[(
            "should",
            "/paths/~1orders/patch/responses/204",
            "7:9-7:14",
            "204 response should have no payload defined"
        ),]),
    );
}

/// 151: a default response with Problem JSON.
#[test]
fn rule_151() {
    assert_passes("151", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "151",
        &lint(F151),
        &[
            (
                "must",
                "/paths/~1orders/get",
                "5:5-5:8",
                "operation should contain the default response",
            ),
            (
                "must",
                "/paths/~1orders/post/responses/default/content/text~1plain",
                "13:13-13:23",
                "media-type application/problem+json should be used as default response",
            ),
            (
                "must",
                "/paths/~1orders/post/responses/default/content/application~1json",
                "14:13-14:29",
                "problem+json should be used as default response",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F151_SWAGGER), "151"),
        rows(&[(
            "must",
            "/paths/~1orders/get/responses/default",
            "8:9-8:16",
            "media-type application/problem+json should be used as default response"
        ),]),
    );
}

/// 153: 429 responses carry rate limit headers.
#[test]
fn rule_153() {
    assert_passes("153", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "153",
        &lint(F153),
        &[
            (
                "must",
                "/paths/~1orders/get/responses/429",
                "7:9-7:14",
                "Response has to contain rate limit information via headers",
            ),
            (
                "must",
                "/paths/~1orders/post/responses/429",
                "10:9-10:14",
                "Response has to contain rate limit information via headers",
            ),
        ],
    );
}

/// 154: collection format of array parameters is explicit.
#[test]
fn rule_154() {
    assert_passes("154", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "154",
        &lint(F154),
        &[
            (
                "must",
                "/paths/~1orders/get/parameters/0",
                "7:11-7:79",
                "Parameter style have to be `form`",
            ),
            (
                "must",
                "/paths/~1orders/get/parameters/1",
                "8:11-8:93",
                "Parameter explode has to be defined explicitly",
            ),
            (
                "must",
                "/paths/~1orders/get/parameters/3",
                "10:11-10:83",
                "Header parameter style has to be `simple` with `explode: false`",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F154_SWAGGER), "154"),
        rows(&[(
            "must",
            "/paths/~1orders/get/parameters/0",
            "7:11-7:69",
            "Parameter collectionFormat has to be `csv` or `multi`"
        ),]),
    );
}

/// 166: no Link headers.
#[test]
fn rule_166() {
    assert_passes("166", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "166",
        &lint(F166),
        &[
            (
                "must",
                "/paths/~1orders/get/parameters/0",
                "7:11-7:59",
                "Do Not Use Link Headers with JSON entities",
            ),
            (
                "must",
                "/paths/~1orders/get/responses/200/headers/Link",
                "12:13-12:17",
                "Do Not Use Link Headers with JSON entities",
            ),
            (
                "must",
                "/components/headers/Link",
                "15:5-15:9",
                "Do Not Use Link Headers with JSON entities",
            ),
        ],
    );
}

/// 171: numeric properties need a format.
#[test]
fn rule_171() {
    assert_passes("171", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "171",
        &lint(F171),
        &[
            (
                "must",
                "/components/schemas/Order/properties/count",
                "9:9-9:14",
                "Numeric properties must have valid format specified",
            ),
            (
                "must",
                "/components/schemas/Order/properties/total",
                "10:9-10:14",
                "Numeric properties must have valid format specified",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F171_SWAGGER), "171"),
        rows(&[(
            "must",
            "/definitions/Order/properties/count",
            "7:7-7:12",
            "Numeric properties must have valid format specified"
        ),]),
    );
}

/// 172: standard or versioned media types.
#[test]
fn rule_172() {
    assert_passes("172", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "172",
        &lint(F172),
        &[
            (
                "should",
                "/paths/~1orders/post/requestBody/content/application~1x.order+json",
                "8:11-8:35",
                "Custom media types should only be used for versioning",
            ),
            (
                "should",
                "/paths/~1orders/post/responses/200/content/application~1json; charset=utf-8",
                "14:13-14:44",
                "Custom media types should only be used for versioning",
            ),
        ],
    );
    assert_eq!(
        of(&lint(F172_SWAGGER), "172"),
        rows(&[
            (
                "should",
                "/consumes/1",
                "3:30-3:41",
                "Custom media types should only be used for versioning"
            ),
            (
                "should",
                "/paths/~1orders/get/produces/0",
                "7:18-7:42",
                "Custom media types should only be used for versioning"
            ),
        ]),
    );
}

/// 174: common fields have common types.
#[test]
fn rule_174() {
    assert_passes("174", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "174",
        &lint(F174),
        &[
            ("must", "/components/schemas/Order/properties/id", "9:9-9:11", "field 'id' has type 'integer' (expected type 'string')"),
            ("must", "/components/schemas/Order/properties/created", "10:9-10:16", "field 'created' has type 'string' with format 'null' (expected format 'date-time')"),
            ("must", "/components/schemas/Order/properties/meta/properties/modified", "14:13-14:21", "field 'modified' has type 'string' with format 'date' (expected format 'date-time')"),
        ],
    );
}

/// 176: error responses use Problem JSON.
#[test]
fn rule_176() {
    assert_passes("176", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "176",
        &lint(F176),
        &[
            ("must", "/paths/~1orders/get/responses/404/content/application~1json", "11:13-11:29", "Operations should return problem JSON when any problem occurs during processing whether caused by client or server. Media type have to be 'application/problem+json'"),
            ("must", "/paths/~1orders/get/responses/default/content/application~1problem+json/schema/properties/status", "19:19-19:25", "Operations should return problem JSON when any problem occurs during processing whether caused by client or server. must have required property \"exclusiveMaximum\""),
            ("must", "/paths/~1orders/get/responses/default/content/application~1problem+json/schema/properties/status", "19:19-19:25", "Operations should return problem JSON when any problem occurs during processing whether caused by client or server. must have required property \"maximum\""),
            ("must", "/paths/~1orders/get/responses/default/content/application~1problem+json/schema/properties/status", "19:19-19:25", "Operations should return problem JSON when any problem occurs during processing whether caused by client or server. must have required property \"minimum\""),
            ("must", "/paths/~1orders/get/responses/default/content/application~1problem+json/schema/properties/status/format", "19:43-19:56", "Operations should return problem JSON when any problem occurs during processing whether caused by client or server. must be one of \"int32\""),
        ],
    );
    assert_eq!(
        of(&lint(F176_SWAGGER), "176"),
        rows(&[
            ("must", "/paths/~1orders/get/responses/500/schema/type", "7:46-7:58", "Operations should return problem JSON when any problem occurs during processing whether caused by client or server. must be one of \"object\""),
        ]),
    );
}

/// 183: only standard and specified proprietary headers.
#[test]
fn rule_183() {
    assert_passes("183", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "183",
        &lint(F183),
        &[
            (
                "should",
                "/paths/~1orders/get/parameters/0",
                "7:11-7:63",
                "use only standardized or specified request headers",
            ),
            (
                "should",
                "/paths/~1orders/get/responses/200/headers/X-Custom-Response",
                "13:13-13:30",
                "use only standardized or specified response headers",
            ),
        ],
    );
}

/// 215: info.x-api-id must be provided and well-formed.
#[test]
fn rule_215() {
    assert_passes("215", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "215",
        &lint(F215),
        &[(
            "must",
            "/info/x-api-id",
            "5:3-5:19",
            "API Identifier doesn't match the pattern ^[a-z0-9][a-z0-9-:.]{6,62}[a-z0-9]$",
        )],
    );
}

/// 218: info must carry title, description, version and contact.
#[test]
fn rule_218() {
    assert_passes("218", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "218",
        &lint(F218),
        &[
            (
                "must",
                "/info/description",
                "2:1-2:5",
                "Description has to be provided",
            ),
            (
                "must",
                "/info/version",
                "4:3-4:21",
                "Version has to follow the Semver rules",
            ),
            (
                "must",
                "/info/contact/url",
                "5:3-5:10",
                "Contact URL has to be provided",
            ),
            (
                "must",
                "/info/contact/email",
                "7:5-7:16",
                "Contact e-mail has to be provided",
            ),
        ],
    );
}

/// 219: info.x-audience must be a known audience.
#[test]
fn rule_219() {
    assert_passes("219", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "219",
        &lint(F219),
        &[
            ("must", "/info/x-audience", "5:3-5:23", "API Audience doesn't match [component-internal, business-unit-internal, company-internal, external-partner, external-public]"),
        ],
    );
}

/// 224: hostnames follow the functional naming schema, by audience.
#[test]
fn rule_224() {
    assert_passes("224", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "224",
        &lint(F224),
        &[(
            "must",
            "/servers/0/url",
            "7:5-7:33",
            "hostname has to follow the functional naming schema",
        )],
    );
    assert_eq!(
        of(&lint(F224_SWAGGER), "224"),
        rows(&[(
            "may",
            "/host",
            "6:1-6:25",
            "hostname has to follow the functional naming schema"
        ),]),
    );
}

/// 235: date/time property names follow the convention.
#[test]
fn rule_235() {
    assert_passes("235", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "235",
        &lint(F235),
        &[
            ("should", "/components/schemas/Order/properties/created", "9:9-9:16", "Property \"created\" of type \"string\" and format \"date-time\" should match one of the patterns [.+_at, (.+_)*time(stamp)?(_.+)?, (.+_)*date(_.+)*, (.+_)*day(_.+)*]"),
            ("should", "/components/schemas/Order/properties/period/properties/ends", "14:13-14:17", "Property \"ends\" of type \"string\" and format \"date\" should match one of the patterns [.+_at, (.+_)*time(stamp)?(_.+)?, (.+_)*date(_.+)*, (.+_)*day(_.+)*]"),
        ],
    );
}

/// 240: enum values should be UPPER_SNAKE_CASE strings.
#[test]
fn rule_240() {
    assert_passes("240", &[CLEAN, CLEAN_SWAGGER]);
    assert_findings(
        "240",
        &lint(F240),
        &[
            ("should", "/paths/~1orders/get/parameters/0/schema", "7:38-7:44", "country: Enum value(s) should use UPPER_SNAKE_CASE format. Incorrect value: sweden"),
            ("should", "/components/schemas/Order/properties/state", "14:9-14:14", "state: Enum value(s) should use UPPER_SNAKE_CASE format. Incorrect value: in_progress"),
            ("should", "/components/schemas/Order/properties/prio", "15:9-15:13", "prio: Enum value type Integer is not valid. The expected type is string"),
        ],
    );
}

// ------------------------------------------------------------ near misses

/// Documents close to a violation that Zally accepts.
#[test]
fn near_misses_pass() {
    let info = "openapi: 3.0.3\ninfo:\n  title: t\n";
    // 116 trims the version; 218 accepts MAJOR.MINOR.
    assert_passes(
        "116",
        &[&format!("{info}  version: ' 1.0 '\npaths: {{}}\n")],
    );
    assert_passes("218", &[CLEAN]);
    // 129/134/136/143/145/147: variables are whole segments; `/api/` is
    // not a resource; `/` alone is fine for 136.
    assert_passes(
        "134",
        &["openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths:\n  /api/kpis/sales-figures: {}\n  /orders/{order-id}/line-items: {}\n"],
    );
    assert_passes(
        "136",
        &["openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths:\n  /: {}\n"],
    );
    assert_passes(
        "145",
        &["openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths:\n  /orders/{order-id}/{part}x: {}\n"],
    );
    // 110: only 2xx JSON responses; an object or an untyped schema passes.
    assert_passes(
        "110",
        &["openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {allOf: [{type: object}]}}}}\n        '404': {description: ok, content: {application/json: {schema: {type: array}}}}\n"],
    );
    // 153: either Retry-After or all three X-RateLimit headers (F153's
    // PUT and DELETE).
    let report = lint(F153);
    assert!(of(&report, "153")
        .iter()
        .all(|r| !r.1.contains("put") && !r.1.contains("delete")));
    // 154: path parameters are not collections.
    assert_passes(
        "154",
        &["openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths:\n  /a/{ids}:\n    get:\n      parameters:\n        - {name: ids, in: path, required: true, schema: {type: array, items: {type: string}}}\n      responses: {'200': {description: ok}}\n"],
    );
    // 224: no audience or an unknown one is rule 219's business.
    assert_passes(
        "224",
        &["openapi: 3.0.3\ninfo: {title: t, version: '1.0', x-audience: everyone}\nservers: [{url: 'https://api.example.com'}]\npaths: {}\n"],
    );
    // 240: UPPER_SNAKE_CASE values, and non-string schemas are not checked.
    assert_passes(
        "240",
        &["openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: string, enum: [NEW_ZEALAND, DE]}\n    B: {type: integer, enum: [1, 2]}\n"],
    );
}

// ------------------------------------------------------------ more files

/// Findings in a `$ref`'d file are reported in that file, where the shared
/// schema is defined (once, however often it is used).
#[test]
fn findings_in_referenced_files_are_located_there() {
    let api = r#"openapi: 3.0.3
info: {title: t, version: '1.0'}
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas/order.yaml#/Order'}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: 'schemas/order.yaml#/Order'}
      responses:
        '200':
          description: ok
"#;
    let order = r#"Order:
  type: object
  properties:
    id: {type: integer, format: int64}
    created: {type: string, format: date-time}
    state: {type: string, enum: [open]}
"#;
    let report = lint_files("api.yaml", api, &[("schemas/order.yaml", order)]);
    let located: Vec<(String, String, String, u32)> = report
        .findings
        .iter()
        .filter(|f| ["174", "235", "240"].contains(&f.rule.as_str()))
        .map(|f| {
            (
                f.rule.clone(),
                f.file.clone(),
                f.pointer.clone(),
                f.range.start.line,
            )
        })
        .collect();
    let file = "schemas/order.yaml".to_string();
    assert_eq!(
        located,
        vec![
            ("174".into(), file.clone(), "/Order/properties/id".into(), 4),
            (
                "235".into(),
                file.clone(),
                "/Order/properties/created".into(),
                5
            ),
            ("240".into(), file, "/Order/properties/state".into(), 6),
        ]
    );
}

// ------------------------------------------------------- x-zally-ignore

const IGNORED: &str = r#"openapi: 3.0.3
x-zally-ignore: [215, "219"]
info:
  title: t
  version: '1.0'
paths:
  /Order:
    x-zally-ignore: [129]
    get:
      x-zally-ignore: ["151", 134]
      responses:
        '200': {description: ok}
  /Items:
    get:
      responses:
        '200': {description: ok}
"#;

/// Zally's in-spec ignores: a list on any object ignores the rules for it
/// and everything below; lists on the way down add up; numbers and strings
/// name the same rule.
#[test]
fn x_zally_ignore_holds_end_to_end() {
    let report = lint(IGNORED);
    let has = |rule: &str, pointer: &str| {
        report
            .findings
            .iter()
            .any(|f| f.rule == rule && f.pointer == pointer)
    };
    // On the root: gone everywhere (numeric 215, string "219").
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule == "215" || f.rule == "219"));
    // On the path item /Order: 129 is ignored there, not on /Items.
    assert!(!has("129", "/paths/~1Order"));
    assert!(has("129", "/paths/~1Items"));
    // On the operation: cumulative with the path item's and the root's.
    assert!(!has("151", "/paths/~1Order/get"));
    assert!(has("151", "/paths/~1Items/get"));
    // 134 reports at the path item, above the operation: not ignored.
    assert!(has("134", "/paths/~1Order"));
    // Not upwards: the operation's list does not reach the root's 218.
    assert!(has("218", "/info/description"));
    // 215, 219, 129 on /Order and 151 on its GET.
    assert_eq!(report.summary.ignored, 4, "{:?}", report.summary);
}

// ------------------------------------------------ Zally's behaviour, by option

/// Where the ruleset follows the current guideline instead of Zally, a
/// company ruleset gets Zally's behaviour back with options.
#[test]
fn zallys_behaviour_is_reachable_by_options() {
    let registry = FunctionRegistry::default();
    let zally = RulesetLoader::new(&MemoryResolver::new(), &registry)
        .load_text(
            "zally.yaml",
            r#"extends: zalando
rules:
  "107":
    message: Property is not an extensible enum (use `x-extensible-enum` instead)
  "118":
    functionOptions:
      match: ^([a-z][a-z0-9]*(?:_[a-z0-9]+)*|_links)$
  "125":
    functionOptions:
      keywords: [x-extensible-enum]
  "150":
    functionOptions:
      standard: ["100", "101", "200", "201", "202", "203", "204", "205", "206", "207",
        "300", "301", "302", "303", "304", "305", "307", "400", "401", "402", "403",
        "404", "405", "406", "407", "408", "409", "410", "411", "412", "413", "414",
        "415", "416", "417", "423", "426", "428", "429", "431", "500", "501", "502",
        "503", "504", "505", "511", default]
  "151": should
  "154":
    severity: should
    functionOptions: {explode: false, headers: false, swagger: false}
  "240":
    functionOptions: {examples: false}
"#,
        )
        .unwrap();
    let linter = Linter::new(zally);
    let run = |text: &str| linter.lint("api.yaml", text, &MemoryResolver::new());
    // 107: Zally's message.
    assert!(of(&run(F107), "107")
        .iter()
        .all(|r| r.3 == "Property is not an extensible enum (use `x-extensible-enum` instead)"));
    // 118: Zally's pattern rejects a leading underscore other than `_links`.
    let underscore = "openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        _links: {type: object}\n        _embedded: {type: object}\n";
    assert_eq!(
        of(&run(underscore), "118")
            .iter()
            .map(|r| r.1.as_str())
            .collect::<Vec<_>>(),
        ["/components/schemas/A/properties/_embedded"]
    );
    assert!(of(&lint(underscore), "118").is_empty());
    // 125: only x-extensible-enum.
    assert_eq!(of(&run(F125), "125").len(), 1);
    assert_eq!(of(&lint(F125), "125").len(), 2);
    // 150: Zally's list of standard codes calls 422 non-standard (MUST).
    let teapot = "openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths:\n  /a:\n    post:\n      responses:\n        '422': {description: x}\n";
    let must = |r: &Report| {
        of(r, "150")
            .into_iter()
            .filter(|r| r.0 == "must")
            .map(|r| r.3)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        must(&run(teapot)),
        ["422 is not a standardized response code"]
    );
    assert!(must(&lint(teapot)).is_empty());
    // 151: SHOULD, as Zally reports its checks.
    assert!(of(&run(F151), "151").iter().all(|r| r.0 == "should"));
    // 154: only the query style, as a SHOULD.
    assert_eq!(
        of(&run(F154), "154"),
        rows(&[(
            "should",
            "/paths/~1orders/get/parameters/0",
            "7:11-7:79",
            "Parameter style have to be `form`"
        )])
    );
    assert!(of(&run(F154_SWAGGER), "154").is_empty());
}
