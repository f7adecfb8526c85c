//! Differential test against JSONPath-Plus itself: every case of
//! `tests/fixtures/jsonpath-plus/cases.json` (expressions from
//! JSONPath-Plus's own test suite and from Spectral rulesets) must parse
//! and select the nodes jsonpath-plus selects, as recorded in
//! `expected.json` by `scripts/jsonpath-plus/generate.js` (checked against
//! the pinned package by `scripts/jsonpath-plus/check.sh`). A case marked
//! `exception` must differ, for the reason it gives; one that agrees is
//! stale and fails the test too.
//!
//! Nodes are compared as sets: oaslint returns document order and each
//! node once, jsonpath-plus its walk order and, for unions like `[0,0]`,
//! repeats (both are counted and printed, not failed).

use super::JsonPath;
use crate::document::Document;
use crate::workspace::Workspace;
use serde_json::Value;
use std::collections::BTreeSet;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/jsonpath-plus/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (pointer, is a property name) of each selected node, in order.
type Selection = Vec<(String, bool)>;

fn ours(doc: &Value, path: &str) -> Result<Selection, String> {
    let compiled = JsonPath::parse(path).map_err(|e| e.to_string())?;
    let ws = Workspace::single(Document::from_json("doc.json", doc));
    let view = ws.view(false);
    Ok(compiled
        .query(&view, view.root())
        .iter()
        .map(|m| (ws.tree(m.loc.doc).pointer(m.loc.node), m.key))
        .collect())
}

fn theirs(result: &Value) -> Result<Selection, String> {
    if let Some(error) = result.get("error") {
        return Err(error.as_str().unwrap_or_default().to_string());
    }
    Ok(result["selected"]
        .as_array()
        .expect("`selected` is an array")
        .iter()
        .map(|s| {
            (
                s["pointer"].as_str().unwrap_or_default().to_string(),
                s["key"].as_bool().unwrap_or(false),
            )
        })
        .collect())
}

fn as_set(s: &Selection) -> BTreeSet<&(String, bool)> {
    s.iter().collect()
}

#[test]
fn jsonpath_plus_differential() {
    let cases = fixture("cases.json");
    let expected = fixture("expected.json");
    let documents = &cases["documents"];
    let cases = cases["cases"].as_array().expect("cases");
    let results = expected["results"].as_array().expect("results");
    assert_eq!(
        cases.len(),
        results.len(),
        "expected.json is stale: run node scripts/jsonpath-plus/generate.js"
    );
    let (mut agree, mut exceptions, mut reordered, mut repeated) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(results) {
        let path = case["path"].as_str().expect("path");
        let document = case["document"].as_str().expect("document");
        assert_eq!(
            (path, document),
            (
                result["path"].as_str().unwrap_or_default(),
                result["document"].as_str().unwrap_or_default()
            ),
            "expected.json is stale: run node scripts/jsonpath-plus/generate.js"
        );
        let ours = ours(&documents[document], path);
        let theirs = theirs(result);
        let same = match (&ours, &theirs) {
            (Ok(a), Ok(b)) => as_set(a) == as_set(b),
            (Err(_), Err(_)) => true,
            _ => false,
        };
        if let (Ok(a), Ok(b)) = (&ours, &theirs) {
            if as_set(b).len() < b.len() {
                repeated += 1;
            }
            let mut seen = BTreeSet::new();
            let first: Vec<_> = b.iter().filter(|x| seen.insert(*x)).collect();
            if same && a.iter().collect::<Vec<_>>() != first {
                reordered += 1;
            }
        }
        match case.get("exception").and_then(Value::as_str) {
            Some(_) if same => failures.push(format!(
                "{path} ({document}): listed as an exception but agrees now: remove the exception"
            )),
            Some(_) => exceptions += 1,
            None if same => agree += 1,
            None => failures.push(format!(
                "{path} ({document}), from {}:\n   oaslint       {ours:?}\n   jsonpath-plus {theirs:?}",
                case["source"].as_str().unwrap_or_default()
            )),
        }
    }
    println!(
        "jsonpath-plus {}: {} cases, {agree} agree, {exceptions} listed exceptions, {} failures; \
         {reordered} agreeing cases in another order, {repeated} where jsonpath-plus repeats a node",
        expected["jsonpath_plus"],
        cases.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} cases differ from jsonpath-plus:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
