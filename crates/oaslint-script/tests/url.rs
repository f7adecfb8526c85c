//! The `URL` global custom functions get (QuickJS has none): each case of
//! `url-cases.json` (input, base, and what Node.js 20's `URL` gives: the
//! parts and search parameters, or the error) must come out the same.

use oaslint::script::{ScriptCall, ScriptDocument, ScriptEngine, ScriptModule, ScriptRef};
use oaslint_script::QuickJsEngine;
use serde_json::{json, Value};

/// An empty document: the function reads only its options.
struct NoDocument;

impl ScriptDocument for NoDocument {
    fn key(&self) -> u64 {
        1
    }
    fn source(&self) -> &str {
        "api.yaml"
    }
    fn data(&self) -> Value {
        json!({})
    }
    fn resolved(&self) -> Value {
        json!({})
    }
    fn names(&self) -> Vec<String> {
        vec!["api.yaml".to_string()]
    }
    fn data_text(&self, _doc: u32) -> String {
        "{}".to_string()
    }
    fn refs(&self) -> Vec<ScriptRef> {
        Vec::new()
    }
}

const RUN_CASES: &str = r#"
export default (_input, cases) =>
  cases.map(({ input, base }) => {
    let got;
    try {
      const u = base === null ? new URL(input) : new URL(input, base);
      const parts = [u.href, u.protocol, u.username, u.password, u.host, u.hostname, u.port,
        u.pathname, u.search, u.hash, u.origin, [...u.searchParams]];
      got = { input, base, parts };
    } catch (e) {
      got = { input, base, error: `${e.constructor.name}: ${e.message}` };
    }
    return { message: JSON.stringify(got) };
  });
"#;

#[test]
fn url_parses_as_node_does() {
    let cases: Value = serde_json::from_str(include_str!("url-cases.json")).unwrap();
    let engine = QuickJsEngine::default();
    let function = engine
        .compile(ScriptModule {
            name: "runCases",
            file: "runCases.js",
            source: RUN_CASES,
        })
        .unwrap();
    let results = function
        .call(&ScriptCall {
            target: None,
            node: None,
            options: &cases,
            path: &[],
            rule: "url",
            rule_info: &json!({ "name": "url" }),
            document: &NoDocument,
        })
        .unwrap();
    let expected = cases.as_array().unwrap();
    assert_eq!(results.len(), expected.len());
    for (result, case) in results.iter().zip(expected) {
        let got: Value = serde_json::from_str(&result.message).unwrap();
        assert_eq!(&got, case);
    }
}

#[test]
fn url_search_params_read_and_write_the_query() {
    let engine = QuickJsEngine::default();
    let function = engine
        .compile(ScriptModule {
            name: "params",
            file: "params.js",
            source: r#"
export default () => {
  const u = new URL("https://x/p?a=1&b=%20c+d");
  u.searchParams.append("e", "f g&h");
  u.searchParams.delete("a");
  const p = new URLSearchParams({ z: "1", y: "2" });
  p.sort();
  return [{ message: `${u.href} ${u.searchParams.get("b")} ${p} ${URL.canParse("nope")}` }];
};
"#,
        })
        .unwrap();
    let results = function
        .call(&ScriptCall {
            target: None,
            node: None,
            options: &Value::Null,
            path: &[],
            rule: "params",
            rule_info: &json!({ "name": "params" }),
            document: &NoDocument,
        })
        .unwrap();
    // As Node.js 20 prints it.
    assert_eq!(
        results[0].message,
        "https://x/p?b=+c+d&e=f+g%26h  c d y=2&z=1 false"
    );
}
