//! `--format spectral-json` (issue 10, part 6): the report of `spectral
//! lint -f json`, checked through the CLI. What Spectral 6.16.3 itself
//! writes for the same spec and ruleset is the differential test's
//! business (`scripts/spectral-diff/`); these tests pin the shape:
//! severities as numbers, 0-based UTF-16 positions, absolute sources, every
//! path segment a string, Spectral's order, settled findings left out.

use oaslint_acceptance::{fixture, oaslint_in, Repo};
use serde_json::Value;

/// Lints `specs/unicode.yaml` (which `$ref`s `specs/common.yaml`) with the
/// one-rule-per-severity ruleset, from `tests/fixtures/spectral-diff`.
fn unicode_report() -> (u8, Value, String) {
    let dir = fixture("spectral-diff");
    let out = oaslint_in(
        &dir,
        &[
            "lint",
            "--no-ack",
            "-r",
            "severities.yaml",
            "-f",
            "spectral-json",
            "specs/unicode.yaml",
        ],
        "",
    );
    assert!(out.stdout.ends_with("]\n"), "{}", out.stdout);
    assert!(
        out.stdout.starts_with("[\n\t{\n\t\t\"code\""),
        "tab-indented as Spectral writes it: {}",
        out.stdout
    );
    let report = serde_json::from_str(&out.stdout).expect("JSON");
    (out.code, report, out.stdout)
}

#[test]
fn spectral_json_has_the_shape_of_spectrals_report() {
    let (code, report, _) = unicode_report();
    assert_eq!(code, 1, "a severity-0 (MUST) finding fails the run");
    let results = report.as_array().unwrap();
    assert!(!results.is_empty());
    let dir = fixture("spectral-diff");
    let dir = dir.to_str().unwrap();
    for r in results {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["code", "path", "message", "severity", "range", "source"],
            "{r}"
        );
        assert!(r["path"].as_array().unwrap().iter().all(Value::is_string));
        let source = r["source"].as_str().unwrap();
        assert!(
            source == format!("{dir}/specs/unicode.yaml")
                || source == format!("{dir}/specs/common.yaml"),
            "absolute source: {source}"
        );
    }
    // Severities are Spectral's numbers: error 0 … hint 3.
    let severity_of = |rule: &str| -> Vec<u64> {
        results
            .iter()
            .filter(|r| r["code"] == rule)
            .map(|r| r["severity"].as_u64().unwrap())
            .collect()
    };
    assert!(severity_of("operation-description").iter().all(|&s| s == 0));
    assert!(severity_of("tag-name-prefix").iter().all(|&s| s == 1));
    assert!(severity_of("response-description-x")
        .iter()
        .all(|&s| s == 2));
    assert_eq!(severity_of("title-casing"), [3]);
    // The finding in the `$ref`'d file is reported in that file, and
    // sorts first (sources compare first).
    assert!(results[0]["source"]
        .as_str()
        .unwrap()
        .ends_with("/specs/common.yaml"));
    // Array indices are strings, as in Spectral.
    let tag = results
        .iter()
        .find(|r| r["code"] == "tag-name-prefix")
        .unwrap();
    assert_eq!(tag["path"], serde_json::json!(["tags", "0", "name"]));
    // Line 6 (0-based 5) is `  - name: "😀😀 pets"`: the value ends at
    // UTF-16 character 21 (10 + 11; not 25 bytes nor 19 code points).
    assert_eq!(
        tag["range"]["end"],
        serde_json::json!({"line": 5, "character": 21})
    );
    // Within one source: by start position.
    let unicode: Vec<(u64, u64)> = results
        .iter()
        .filter(|r| r["source"].as_str().unwrap().ends_with("unicode.yaml"))
        .map(|r| {
            let s = &r["range"]["start"];
            (
                s["line"].as_u64().unwrap(),
                s["character"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = unicode.clone();
    sorted.sort();
    assert_eq!(unicode, sorted);
}

#[test]
fn spectral_json_snapshot() {
    let (_, _, stdout) = unicode_report();
    let dir = fixture("spectral-diff");
    let text = stdout.replace(dir.to_str().unwrap(), "[fixtures]/spectral-diff");
    insta::assert_snapshot!(text);
}

#[test]
fn spectral_json_leaves_out_acknowledged_findings() {
    let repo = Repo::new();
    let dir = fixture("spectral-diff");
    for name in ["severities.yaml", "specs/unicode.yaml", "specs/common.yaml"] {
        repo.write(name, &std::fs::read_to_string(dir.join(name)).unwrap());
    }
    repo.write(
        ".oaslint-ack.yaml",
        "version: 1\nacknowledgements:\n  - rule: tag-name-prefix\n    file: specs/unicode.yaml\n    pointer: /tags/0/name\n    reason: test\n",
    );
    repo.commit("spec");
    let args = [
        "lint",
        "-r",
        "severities.yaml",
        "-f",
        "spectral-json",
        "specs/unicode.yaml",
    ];
    let out = oaslint_in(repo.path(), &args, "");
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let tags: Vec<&Value> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] == "tag-name-prefix")
        .map(|r| &r["path"])
        .collect();
    assert_eq!(tags, [&serde_json::json!(["tags", "1", "name"])]);
}

#[test]
fn spectral_json_reports_an_unparsable_document_as_a_parser_result() {
    let dir = fixture("spectral-diff");
    let out = oaslint_in(
        &dir,
        &[
            "lint",
            "--no-ack",
            "-r",
            "severities.yaml",
            "-f",
            "spectral-json",
            "-",
        ],
        "openapi: 3.0.3\ninfo: [\n",
    );
    assert_eq!(out.code, 2, "oaslint's exit code for an error");
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let results = report.as_array().unwrap();
    assert_eq!(results.len(), 1, "{report}");
    assert_eq!(results[0]["code"], "parser");
    assert_eq!(results[0]["severity"], 0);
    assert_eq!(results[0]["source"], "<stdin>");
    assert!(!out.stderr.is_empty(), "the error is on stderr too");
}

#[test]
fn spectral_json_of_a_clean_run_is_an_empty_array() {
    let dir = fixture("spectral-diff");
    let out = oaslint_in(
        &dir,
        &[
            "lint",
            "--no-ack",
            "-r",
            "severities.yaml",
            "-f",
            "spectral-json",
            "specs/clean.yaml",
        ],
        "",
    );
    assert_eq!(out.stdout, "[]\n", "{}", out.stderr);
}

#[test]
fn spectral_json_reports_a_node_reached_through_a_ref_once_per_wording() {
    // `Price` is matched where it is written and where `Event` uses it
    // through a `$ref`: Spectral 6.16.3 reports `"Price.maximum"` for the
    // first and `"Price"` for the second (its path through the `$ref` ends
    // at the `$ref` itself and forgets what is missing below), both at
    // the target. oaslint's own report keeps one finding per node.
    let dir = fixture("spectral-json");
    let args = |format| {
        [
            "lint",
            "--no-ack",
            "-r",
            "number-bounds.yaml",
            "-f",
            format,
            "reached-twice.yaml",
        ]
    };
    let out = oaslint_in(&dir, &args("spectral-json"), "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let rows: Vec<String> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {} {}:{} {}",
                r["code"].as_str().unwrap(),
                r["path"],
                r["range"]["start"]["line"],
                r["range"]["start"]["character"],
                r["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            r##"number-maximum ["components","schemas","Price"] 15:4 #/components/schemas/Price "Price" property must be defined"##,
            r##"number-maximum ["components","schemas","Price"] 15:4 #/components/schemas/Price "Price.maximum" property must be defined"##,
        ]
    );
    let out = oaslint_in(&dir, &args("json"), "");
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["pointer"], "/components/schemas/Price/maximum");
    assert_eq!(findings[0]["range"]["start"]["line"], 16);
    assert_eq!(
        findings[0]["message"],
        r##"#/components/schemas/Price "Price.maximum" property must be defined"##
    );
}

#[test]
fn spectral_json_also_reports_at_a_ref_with_sibling_keys() {
    // OpenAPI 3.1 lets a `$ref` have sibling keys. Spectral 6.16.3 then
    // reports a finding about the target reached through that `$ref` at
    // the `$ref` object itself (its path as written ends there), besides
    // the one at the target.
    let dir = fixture("spectral-json");
    let out = oaslint_in(
        &dir,
        &[
            "lint",
            "--no-ack",
            "-r",
            "number-bounds.yaml",
            "-f",
            "spectral-json",
            "ref-with-siblings.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let rows: Vec<String> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {}:{} {}",
                r["path"],
                r["range"]["start"]["line"],
                r["range"]["start"]["character"],
                r["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            r##"["components","schemas","Event","properties","price"] 10:8 #/components/schemas/Event/properties/price "price.maximum" property must be defined"##,
            r##"["components","schemas","Price"] 16:4 #/components/schemas/Price "Price.maximum" property must be defined"##,
        ]
    );
}
