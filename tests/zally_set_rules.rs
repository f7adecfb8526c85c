//! Zally's own rule set (M008 … Z001) in the built-in `zalando` ruleset:
//! each rule on fixtures that pass and fail (Swagger 2.0 variants where a
//! rule applies to both), with exact pointers, severities and positions,
//! and one snapshot per rule; plus Zally's defaults and links.

#[path = "fixtures/guidelines/harness.rs"]
mod harness;

use harness::{builtin, lint_with, render, ruleset, RuleCase};
use oaslint::{RuleSeverity, Severity};

const ZALLY_SET: [&str; 10] = [
    "M008", "M009", "M010", "M011", "S005", "S006", "S007", "H001", "H002", "Z001",
];

/// Zally's default `zally.ignoreRules` switches off every rule of its own
/// set except Z001; naming the built-in ruleset does the same.
#[test]
fn only_z001_is_on_by_default() {
    let rs = builtin();
    for id in ZALLY_SET {
        let rule = rs
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} is missing"));
        if id == "Z001" {
            assert_eq!(rule.severity, RuleSeverity::On(Severity::Must));
            assert!(rule.recommended);
        } else {
            assert_eq!(rule.severity, RuleSeverity::Off, "{id}");
            assert!(!rule.recommended, "{id}");
        }
    }
    // `true` in an extending ruleset turns one on at Zally's severity.
    let rs = ruleset("extends: zalando\nrules:\n  S005: true\n  H001: true\n");
    let level = |id: &str| rs.rules.iter().find(|r| r.id == id).unwrap().level();
    assert_eq!(level("S005"), Some(Severity::Should));
    assert_eq!(level("H001"), Some(Severity::Hint));
    assert_eq!(level("M010"), None);
}

/// Links are Zally's: rules.md plus the slug of "ID: Title".
#[test]
fn links_point_at_zallys_rules_md() {
    let rs = builtin();
    for id in ZALLY_SET {
        let rule = rs.rules.iter().find(|r| r.id == id).unwrap();
        let heading = format!("{id}: {}", rule.title).to_lowercase();
        let mut slug = String::new();
        for c in heading.chars() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                slug.push(c);
            } else if !slug.ends_with('-') {
                slug.push('-');
            }
        }
        assert_eq!(
            rule.link.as_deref(),
            Some(
                format!("https://github.com/zalando/zally/blob/main/server/rules.md#{slug}")
                    .as_str()
            ),
            "{id}"
        );
    }
}

/// M010's cases are options: a company can allow camelCase properties.
#[test]
fn m010_cases_are_configurable() {
    let rs = ruleset(
        "extends: [[zalando, off]]\nrules:\n  M010:\n    severity: should\n    functionOptions:\n      propertyNames: [camelCase]\n      queryParameterNames: [camelCase, snake_case]\n",
    );
    let report = lint_with(&rs, "zally/M010/fail.swagger.yaml");
    assert_eq!(
        render(&report.findings),
        "9:11 SHOULD M010 /paths/~1orders/get/parameters/0 Enum value 'TOTAL' does not match snake_case ('[a-z][a-z0-9]*(?:_[a-z0-9]+)*')\n"
    );
}

/// Prints one rule's findings on one fixture:
/// `RULE=M010 FIXTURE=zally/M010/fail.yaml cargo test -p oaslint-acceptance --test zally_set_rules show -- --ignored --nocapture`
#[test]
#[ignore]
fn show() {
    let rule = std::env::var("RULE").expect("RULE");
    let fixture = std::env::var("FIXTURE").expect("FIXTURE");
    print!("{}", render(&RuleCase::new(&rule).lint(&fixture)));
}

// ---- one test per rule: generated from the fixtures, then reviewed ----

#[test]
fn m008_host_without_protocol() {
    let case = RuleCase::new("M008");
    case.passes("zally/M008/pass.openapi.yaml");
    case.passes("zally/M008/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails("zally/M008/fail.yaml", &[("/host", "must", "5:1")]);
    insta::assert_snapshot!("M008", snapshot);
}

#[test]
fn m009_at_most_one_body_parameter() {
    let case = RuleCase::new("M009");
    case.passes("zally/M009/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/M009/fail.yaml",
        &[
            ("/paths/~1orders/post/parameters/0", "must", "9:11"),
            ("/parameters/Note", "must", "21:3"),
        ],
    );
    insta::assert_snapshot!("M009", snapshot);
}

#[test]
fn m010_case_of_various_terms() {
    let case = RuleCase::new("M010");
    case.passes("zally/M010/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/M010/fail.swagger.yaml",
        &[
            ("/paths/~1orders/get/parameters/0", "must", "9:11"),
            ("/paths/~1orders/get/parameters/0", "must", "9:11"),
            ("/definitions/Order/properties/orderNumber", "must", "22:7"),
        ],
    );
    snapshot += &case.fails(
        "zally/M010/fail.yaml",
        &[
            ("/tags/1", "must", "8:5"),
            ("/paths/~1salesOrders~1{orderId}", "must", "11:3"),
            (
                "/paths/~1salesOrders~1{orderId}/parameters/0",
                "must",
                "13:9",
            ),
            ("/paths/~1salesOrders~1{orderId}/get/tags", "must", "19:7"),
            (
                "/paths/~1salesOrders~1{orderId}/get/parameters/0",
                "must",
                "21:11",
            ),
            (
                "/paths/~1salesOrders~1{orderId}/get/parameters/1",
                "must",
                "25:11",
            ),
            (
                "/paths/~1salesOrders~1{orderId}/get/responses/200/headers/rateLimit",
                "must",
                "33:13",
            ),
            ("/components/schemas/Order/discriminator", "must", "44:7"),
            ("/components/schemas/Order/properties/kind", "must", "50:9"),
            (
                "/components/schemas/Order/properties/orderNumber",
                "must",
                "53:9",
            ),
            (
                "/components/schemas/Order/properties/status",
                "must",
                "55:9",
            ),
            (
                "/components/schemas/Order/properties/customer/properties/firstName",
                "must",
                "61:13",
            ),
        ],
    );
    insta::assert_snapshot!("M010", snapshot);
}

#[test]
fn m011_tag_all_operations() {
    let case = RuleCase::new("M011");
    case.passes("zally/M011/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/M011/fail.swagger.yaml",
        &[
            ("/tags/0", "must", "6:5"),
            ("/paths/~1orders/get", "must", "10:5"),
        ],
    );
    snapshot += &case.fails(
        "zally/M011/fail.yaml",
        &[
            ("/tags/1", "must", "8:5"),
            ("/tags/1", "must", "8:5"),
            ("/tags/2", "must", "9:5"),
            ("/paths/~1orders/get", "must", "12:5"),
            ("/paths/~1orders/post", "must", "17:5"),
        ],
    );
    insta::assert_snapshot!("M011", snapshot);
}

#[test]
fn s005_no_unused_definitions() {
    let case = RuleCase::new("S005");
    case.passes("zally/S005/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/S005/fail.swagger.yaml",
        &[
            ("/definitions/LegacyOrder", "should", "24:3"),
            ("/parameters/Limit", "should", "27:3"),
        ],
    );
    snapshot += &case.fails(
        "zally/S005/fail.yaml",
        &[
            ("/components/parameters/Offset", "should", "24:5"),
            ("/components/schemas/LegacyOrder", "should", "39:5"),
            ("/components/responses/NotFound", "should", "42:5"),
        ],
    );
    insta::assert_snapshot!("S005", snapshot);
}

#[test]
fn s006_numeric_bounds() {
    let case = RuleCase::new("S006");
    case.passes("zally/S006/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/S006/fail.swagger.yaml",
        &[("/definitions/Order/properties/quantity", "should", "10:7")],
    );
    snapshot += &case.fails(
        "zally/S006/fail.yaml",
        &[
            (
                "/components/schemas/Order/properties/quantity",
                "should",
                "11:9",
            ),
            (
                "/components/schemas/Order/properties/total",
                "should",
                "15:9",
            ),
            (
                "/components/schemas/Order/properties/total",
                "should",
                "15:9",
            ),
        ],
    );
    insta::assert_snapshot!("S006", snapshot);
}

#[test]
fn s007_string_length_bounds() {
    let case = RuleCase::new("S007");
    case.passes("zally/S007/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/S007/fail.swagger.yaml",
        &[("/definitions/Order/properties/note", "should", "10:7")],
    );
    snapshot += &case.fails(
        "zally/S007/fail.yaml",
        &[
            (
                "/components/schemas/Order/properties/note",
                "should",
                "11:9",
            ),
            (
                "/components/schemas/Order/properties/note",
                "should",
                "11:9",
            ),
            (
                "/components/schemas/Order/properties/code",
                "should",
                "13:9",
            ),
        ],
    );
    insta::assert_snapshot!("S007", snapshot);
}

#[test]
fn h001_base_path_can_be_extracted() {
    let case = RuleCase::new("H001");
    case.passes("zally/H001/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails("zally/H001/fail.swagger.yaml", &[("/paths", "hint", "6:1")]);
    snapshot += &case.fails("zally/H001/fail.yaml", &[("/paths", "hint", "7:1")]);
    insta::assert_snapshot!("H001", snapshot);
}

#[test]
fn h002_x_zally_ignore_is_reported() {
    let case = RuleCase::new("H002");
    case.passes("zally/H002/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/H002/fail.swagger.yaml",
        &[("/paths/~1orders/get/x-zally-ignore", "hint", "8:7")],
    );
    snapshot += &case.fails(
        "zally/H002/fail.yaml",
        &[
            ("/x-zally-ignore", "hint", "5:1"),
            ("/paths/~1orders/x-zally-ignore", "hint", "8:5"),
            ("/paths/~1orders/get/x-zally-ignore", "hint", "10:7"),
        ],
    );
    insta::assert_snapshot!("H002", snapshot);
}

#[test]
fn z001_path_parameters() {
    let case = RuleCase::new("Z001");
    case.passes("zally/Z001/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "zally/Z001/fail.swagger.yaml",
        &[(
            "/paths/~1orders~1{order-id}/get/parameters/0",
            "must",
            "9:11",
        )],
    );
    snapshot += &case.fails(
        "zally/Z001/fail.yaml",
        &[
            ("/paths/~1orders~1{order-id}/parameters/0", "must", "8:9"),
            (
                "/paths/~1orders~1{order-id}/get/parameters/0",
                "must",
                "14:11",
            ),
            ("/components/parameters/Filter", "must", "22:5"),
        ],
    );
    insta::assert_snapshot!("Z001", snapshot);
}
