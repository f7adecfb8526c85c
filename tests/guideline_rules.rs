//! The guideline rules beyond Zally (`rulesets/zalando/rules/beyond.yaml`)
//! on fixtures that pass and fail, with exact pointers, severities and
//! positions, one snapshot per rule; the catalogue of all guideline rules
//! (`rulesets/zalando/catalogue.yaml`) against the built-in ruleset; the
//! generated `rulesets/zalando/RULES.md`; and every rule of the built-in
//! ruleset, all switched on, over the shared corpus.

#[path = "fixtures/guidelines/harness.rs"]
mod harness;

use harness::{builtin, lint_with, render, ruleset, RuleCase};
use oaslint::parse::Limits;
use oaslint::tree::Tree;
use oaslint::{Document, FunctionRegistry, MemoryResolver, RuleSeverity, Ruleset, RulesetLoader};
use std::collections::BTreeSet;
use std::path::PathBuf;

const GUIDELINES: &str = "https://opensource.zalando.com/restful-api-guidelines/";

/// The 35 rules of Zally's Zalando rule set, which `rules/{meta,naming,
/// http,data}.yaml` implement.
const ZALLY_ZALANDO_SET: [u32; 35] = [
    101, 104, 105, 107, 110, 115, 116, 118, 120, 125, 129, 130, 132, 134, 136, 143, 145, 146, 147,
    150, 151, 153, 154, 166, 171, 172, 174, 176, 183, 215, 218, 219, 224, 235, 240,
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A YAML file of the repository as JSON.
fn yaml(rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join(rel)).unwrap();
    let doc = Document::parse(rel, text, &Limits::default()).unwrap();
    doc.tree.to_json(Tree::ROOT)
}

/// One rule of `catalogue.yaml`.
#[derive(Debug)]
struct Entry {
    id: u32,
    level: String,
    title: String,
    chapter: String,
    automated: bool,
    reason: Option<String>,
}

fn catalogue() -> Vec<Entry> {
    let c = yaml("rulesets/zalando/catalogue.yaml");
    c["rules"]
        .as_array()
        .expect("`rules` is a list")
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().map(str::to_string);
            Entry {
                id: r["id"].as_u64().expect("numeric id") as u32,
                level: s("level").expect("level"),
                title: s("title").expect("title"),
                chapter: s("chapter").expect("chapter"),
                automated: r["automated"].as_bool().expect("automated: true|false"),
                reason: s("reason"),
            }
        })
        .collect()
}

/// Every rule of the built-in ruleset, at its declared severity.
fn all_rules() -> Ruleset {
    ruleset("extends: [[zalando, all]]\n")
}

/// The rules of `beyond.yaml` alone.
fn beyond() -> Ruleset {
    let registry = FunctionRegistry::default();
    let text = std::fs::read_to_string(repo().join("rulesets/zalando/rules/beyond.yaml")).unwrap();
    RulesetLoader::new(&MemoryResolver::new(), &registry)
        .load_text("beyond.yaml", text)
        .unwrap()
}

fn numeric_ids(rs: &Ruleset) -> BTreeSet<u32> {
    rs.rules.iter().filter_map(|r| r.id.parse().ok()).collect()
}

#[test]
fn the_catalogue_lists_every_guideline_rule_anchor() {
    let entries = catalogue();
    assert_eq!(entries.len(), 147, "Appendix A has 147 rule anchors");
    let ids: Vec<u32> = entries.iter().map(|e| e.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "ids are unique and in order");
    for e in &entries {
        assert!(
            ["MUST", "SHOULD", "MAY", "MUST-SHOULD-MAY"].contains(&e.level.as_str()),
            "{}: level {}",
            e.id,
            e.level
        );
        assert!(!e.title.is_empty() && !e.chapter.is_empty(), "{}", e.id);
        match (&e.reason, e.automated) {
            (None, false) => panic!("{}: a rule that is not automated needs a reason", e.id),
            (Some(r), true) => panic!("{}: automated, but gives a reason: {r}", e.id),
            (Some(r), false) => assert!(!r.is_empty() && !r.contains('\n'), "{}", e.id),
            (None, true) => {}
        }
    }
    for id in ZALLY_ZALANDO_SET {
        let e = entries.iter().find(|e| e.id == id).unwrap();
        assert!(e.automated, "{id} belongs to Zally's Zalando rule set");
    }
}

/// Automated in the catalogue ⇔ a rule of the built-in ruleset. Rules of
/// Zally's Zalando set that the topic files do not hold yet are reported
/// but tolerated, so the two halves of the ruleset can land separately.
#[test]
fn the_automated_rules_are_exactly_the_numeric_rules_of_the_ruleset() {
    let in_ruleset = numeric_ids(&all_rules());
    let automated: BTreeSet<u32> = catalogue()
        .iter()
        .filter(|e| e.automated)
        .map(|e| e.id)
        .collect();
    let unlisted: Vec<&u32> = in_ruleset.difference(&automated).collect();
    assert!(
        unlisted.is_empty(),
        "rules of the ruleset that catalogue.yaml does not mark automated: {unlisted:?}"
    );
    let missing: Vec<u32> = automated.difference(&in_ruleset).copied().collect();
    let (pending, wrong): (Vec<u32>, Vec<u32>) = missing
        .into_iter()
        .partition(|id| ZALLY_ZALANDO_SET.contains(id));
    assert!(
        wrong.is_empty(),
        "catalogue.yaml marks these automated, but the ruleset has no such rule: {wrong:?}"
    );
    if !pending.is_empty() {
        eprintln!("Zally Zalando-set rules not in the ruleset yet: {pending:?}");
    }
}

/// Every beyond rule: severity from the guideline heading, link to the
/// guideline anchor, a title, a description quoting the guideline and a
/// message.
#[test]
fn beyond_rules_follow_their_guideline_headings() {
    let entries = catalogue();
    let rs = beyond();
    assert!(rs.rules.len() >= 25, "{} rules", rs.rules.len());
    for rule in &rs.rules {
        let id: u32 = rule
            .id
            .parse()
            .expect("beyond rules have guideline numbers");
        let e = entries
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("{id} is not a guideline rule"));
        assert!(
            !ZALLY_ZALANDO_SET.contains(&id),
            "{id} is in Zally's Zalando rule set"
        );
        let want = e.level.to_lowercase();
        assert_eq!(
            rule.level().map(|s| s.as_str().to_string()),
            Some(want),
            "{id}: severity"
        );
        assert_eq!(
            rule.link.as_deref(),
            Some(format!("{GUIDELINES}#{id}").as_str()),
            "{id}: link"
        );
        assert!(rule.description.is_some() && rule.message.is_some(), "{id}");
        assert!(rule.recommended, "{id} is on by default");
    }
}

/// `RULES.md`, generated from the catalogue and the ruleset. Fails when the
/// committed file is stale; `UPDATE_RULES_MD=1` rewrites it.
#[test]
fn rules_md_is_up_to_date() {
    let generated = rules_md();
    let path = repo().join("rulesets/zalando/RULES.md");
    if std::env::var_os("UPDATE_RULES_MD").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "rulesets/zalando/RULES.md is stale: run `UPDATE_RULES_MD=1 cargo test -p oaslint-acceptance --test guideline_rules rules_md` and commit it"
    );
}

fn rules_md() -> String {
    let effective = builtin();
    let declared = all_rules();
    let entries = catalogue();
    let severity = |id: &str| -> String {
        let on = effective.rules.iter().find(|r| r.id == id);
        let all = declared.rules.iter().find(|r| r.id == id);
        match (on.map(|r| r.severity), all.and_then(|r| r.level())) {
            (Some(RuleSeverity::On(s)), _) => s.as_str().to_string(),
            (Some(RuleSeverity::Off), Some(s)) => format!("off ({s} when enabled)"),
            _ => "–".to_string(),
        }
    };
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let automated = entries.iter().filter(|e| e.automated).count();
    let mut out = String::new();
    out.push_str("# Rules of the built-in `zalando` ruleset\n\n");
    out.push_str(
        "<!-- Generated by tests/guideline_rules.rs from catalogue.yaml and the ruleset; do not edit.\n     Regenerate: UPDATE_RULES_MD=1 cargo test -p oaslint-acceptance --test guideline_rules rules_md -->\n\n",
    );
    out.push_str(&format!(
        "Ruleset `{}` {}. Zalando RESTful API guidelines at commit 67505882: {automated} of {} rule anchors are automated.\n\n",
        effective.name,
        effective.version,
        entries.len()
    ));
    out.push_str("Severity is what a finding gets when the ruleset is used by name; `off` rules are switched on by a ruleset that extends `zalando` (`RULE: true`).\n\n");
    out.push_str("## Guideline rules\n\n");
    out.push_str("| Rule | Level | Severity | Title | Automated |\n|---|---|---|---|---|\n");
    for e in &entries {
        let id = e.id.to_string();
        let rule = declared.rules.iter().find(|r| r.id == id);
        let title = rule
            .map(|r| r.title.clone())
            .unwrap_or_else(|| e.title.clone());
        let link = rule
            .and_then(|r| r.link.clone())
            .unwrap_or_else(|| format!("{GUIDELINES}#{id}"));
        let status = match (rule, e.automated) {
            (Some(_), _) => "yes".to_string(),
            (None, true) => "yes (pending)".to_string(),
            (None, false) => format!("no — {}", e.reason.as_deref().unwrap_or("")),
        };
        out.push_str(&format!(
            "| [{id}]({link}) | {} | {} | {} | {} |\n",
            e.level,
            severity(&id),
            cell(&title),
            cell(&status)
        ));
    }
    out.push_str("\n## Other rules\n\n");
    out.push_str("Zally's own rule set (ids kept, links to Zally's rules.md).\n\n");
    out.push_str("| Rule | Severity | Title |\n|---|---|---|\n");
    for rule in &declared.rules {
        if rule.id.parse::<u32>().is_ok() {
            continue;
        }
        let link = rule.link.clone().unwrap_or_default();
        out.push_str(&format!(
            "| [{}]({link}) | {} | {} |\n",
            rule.id,
            severity(&rule.id),
            cell(&rule.title)
        ));
    }
    out
}

/// The rules of `beyond.yaml` and Zally's own set, all switched on, over
/// the real-world specs of the shared corpus: no errors, and every finding
/// is located at the node its pointer names (or, for a missing member, at
/// an ancestor). (`tests/corpus.rs` does the same for the default rules.)
#[test]
fn beyond_and_zally_set_rules_on_the_corpus_locate_their_findings() {
    let Some(dir) = oaslint_acceptance::corpus_dir() else {
        eprintln!("shared corpus not found; skipping");
        return;
    };
    let mut text = String::from("extends: [[zalando, off]]\nrules:\n");
    for rule in beyond().rules {
        text.push_str(&format!("  \"{}\": true\n", rule.id));
    }
    for id in [
        "M008", "M009", "M010", "M011", "S005", "S006", "S007", "H001", "H002", "Z001",
    ] {
        text.push_str(&format!("  {id}: true\n"));
    }
    let rs = ruleset(&text);
    let files = MemoryResolver::new();
    let linter = oaslint::Linter::new(rs);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    names.sort();
    let mut checked = 0;
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let report = linter.lint(&name, text.as_str(), &files);
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
        let doc = Document::parse(&name, text, &Limits::default()).unwrap();
        for f in &report.findings {
            let (node, matched) = doc.tree.lookup_nearest(&f.pointer);
            let segments = if f.pointer.is_empty() {
                0
            } else {
                f.pointer[1..].split('/').count()
            };
            // The node (key through scalar value, or the key of a
            // collection), its value alone, or its key alone.
            let mut places = vec![doc.node_range(node), doc.value_range(node)];
            if let Some((_, key)) = doc.tree.key_of(node) {
                places.push(doc.range(key));
            }
            if matched == segments {
                assert!(
                    places.contains(&f.range),
                    "{name}: {} at {:?} is not at {}",
                    f.rule,
                    f.range,
                    f.pointer
                );
            } else {
                assert!(
                    places.iter().any(|p| p.start == f.range.start),
                    "{name}: missing {} of {} is not at its nearest ancestor",
                    f.pointer,
                    f.rule
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} findings checked");
}

/// Prints one rule's findings on one fixture:
/// `RULE=135 FIXTURE=beyond/135/fail.yaml cargo test -p oaslint-acceptance --test guideline_rules show -- --ignored --nocapture`
#[test]
#[ignore]
fn show() {
    let rule = std::env::var("RULE").expect("RULE");
    let fixture = std::env::var("FIXTURE").expect("FIXTURE");
    print!("{}", render(&RuleCase::new(&rule).lint(&fixture)));
}

/// A finding's message can be overridden like any other rule option.
#[test]
fn beyond_rules_take_company_options() {
    let rs = ruleset(
        "extends: [[zalando, off]]\nrules:\n  \"141\":\n    severity: should\n    functionOptions:\n      verbs: [orders]\n",
    );
    let report = lint_with(&rs, "beyond/141/pass.yaml");
    assert_eq!(
        render(&report.findings),
        "6:3 SHOULD 141 /paths/~1orders~1{order-id}~1cancellations Path \"/orders/{order-id}/cancellations\" contains the verb \"orders\"; name resources (nouns) and express actions with HTTP methods\n"
    );
}

/// Every rule of `beyond.yaml` has fixtures that pass and that fail.
#[test]
fn every_beyond_rule_has_fixtures() {
    for rule in beyond().rules {
        let dir = harness::dir().join("beyond").join(&rule.id);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("no fixtures for {}", rule.id))
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("pass")),
            "{}: no pass fixture",
            rule.id
        );
        assert!(
            names.iter().any(|n| n.starts_with("fail")),
            "{}: no fail fixture",
            rule.id
        );
    }
}

// ---- one test per rule: generated from the fixtures, then reviewed ----

#[test]
fn r102_provide_api_user_manual() {
    let case = RuleCase::new("102");
    case.passes("beyond/102/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/102/fail.swagger.yaml",
        &[("/externalDocs/url", "should", "1:1")],
    );
    snapshot += &case.fails(
        "beyond/102/fail.yaml",
        &[("/externalDocs/url", "should", "5:1")],
    );
    insta::assert_snapshot!("102", snapshot);
}

#[test]
fn r111_treat_openapi_specification_as_open_for() {
    let case = RuleCase::new("111");
    case.passes("beyond/111/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/111/fail.swagger.yaml",
        &[("/definitions/Order/additionalProperties", "must", "9:5")],
    );
    snapshot += &case.fails(
        "beyond/111/fail.yaml",
        &[
            (
                "/components/schemas/Order/additionalProperties",
                "must",
                "10:7",
            ),
            (
                "/components/schemas/Item/unevaluatedProperties",
                "must",
                "16:7",
            ),
        ],
    );
    insta::assert_snapshot!("111", snapshot);
}

#[test]
fn r112_use_open_ended_list_of_values() {
    let case = RuleCase::new("112");
    case.passes("beyond/112/pass.openapi30.yaml");
    case.passes("beyond/112/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/112/fail.yaml",
        &[(
            "/components/schemas/DeliveryMethod/x-extensible-enum",
            "should",
            "10:7",
        )],
    );
    insta::assert_snapshot!("112", snapshot);
}

#[test]
fn r114_use_media_type_versioning() {
    let case = RuleCase::new("114");
    case.passes("beyond/114/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/114/fail.swagger.yaml",
        &[("/paths/~1orders/get/parameters/0/name", "must", "9:11")],
    );
    snapshot += &case.fails(
        "beyond/114/fail.yaml",
        &[
            ("/paths/~1orders/get/parameters/0/name", "must", "9:11"),
            ("/components/parameters/ApiVersion/name", "must", "20:7"),
        ],
    );
    insta::assert_snapshot!("114", snapshot);
}

#[test]
fn r122_do_not_use_null_for_boolean() {
    let case = RuleCase::new("122");
    case.passes("beyond/122/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/122/fail.openapi31.yaml",
        &[(
            "/components/schemas/Customer/properties/accepted_terms",
            "must",
            "11:9",
        )],
    );
    snapshot += &case.fails(
        "beyond/122/fail.swagger.yaml",
        &[(
            "/definitions/Customer/properties/accepted_terms",
            "must",
            "10:7",
        )],
    );
    snapshot += &case.fails(
        "beyond/122/fail.yaml",
        &[(
            "/components/schemas/Customer/properties/accepted_terms",
            "must",
            "11:9",
        )],
    );
    insta::assert_snapshot!("122", snapshot);
}

#[test]
fn r124_do_not_use_null_for_empty() {
    let case = RuleCase::new("124");
    case.passes("beyond/124/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/124/fail.swagger.yaml",
        &[("/definitions/Order/properties/items", "should", "10:7")],
    );
    snapshot += &case.fails(
        "beyond/124/fail.yaml",
        &[(
            "/components/schemas/Order/properties/items",
            "should",
            "11:9",
        )],
    );
    insta::assert_snapshot!("124", snapshot);
}

#[test]
fn r126_use_standard_formats_for_date_and() {
    let case = RuleCase::new("126");
    case.passes("beyond/126/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/126/fail.swagger.yaml",
        &[("/definitions/Order/properties/timestamp", "must", "10:7")],
    );
    snapshot += &case.fails(
        "beyond/126/fail.yaml",
        &[
            (
                "/components/schemas/Order/properties/created_at",
                "must",
                "11:9",
            ),
            (
                "/components/schemas/Order/properties/delivery_date",
                "must",
                "14:9",
            ),
            (
                "/components/schemas/Order/properties/updated_at",
                "must",
                "16:9",
            ),
        ],
    );
    insta::assert_snapshot!("126", snapshot);
}

#[test]
fn r127_use_standard_formats_for_time_duration() {
    let case = RuleCase::new("127");
    case.passes("beyond/127/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/127/fail.swagger.yaml",
        &[(
            "/definitions/Delivery/properties/processing_period",
            "should",
            "10:7",
        )],
    );
    snapshot += &case.fails(
        "beyond/127/fail.yaml",
        &[
            (
                "/components/schemas/Delivery/properties/duration",
                "should",
                "11:9",
            ),
            (
                "/components/schemas/Delivery/properties/delivery_interval",
                "should",
                "14:9",
            ),
        ],
    );
    insta::assert_snapshot!("127", snapshot);
}

#[test]
fn r128_use_standard_formats_for_country_language() {
    let case = RuleCase::new("128");
    case.passes("beyond/128/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/128/fail.swagger.yaml",
        &[("/definitions/Customer/properties/country", "must", "10:7")],
    );
    snapshot += &case.fails(
        "beyond/128/fail.yaml",
        &[
            (
                "/components/schemas/Customer/properties/country_code",
                "must",
                "11:9",
            ),
            (
                "/components/schemas/Customer/properties/language",
                "must",
                "13:9",
            ),
            (
                "/components/schemas/Customer/properties/locale",
                "must",
                "16:9",
            ),
            (
                "/components/schemas/Customer/properties/billing_currency",
                "must",
                "21:9",
            ),
        ],
    );
    insta::assert_snapshot!("128", snapshot);
}

#[test]
fn r135_do_not_use_api_as_base() {
    let case = RuleCase::new("135");
    case.passes("beyond/135/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/135/fail.swagger.yaml",
        &[("/basePath", "should", "5:1")],
    );
    snapshot += &case.fails(
        "beyond/135/fail.yaml",
        &[
            ("/servers/0/url", "should", "6:5"),
            ("/servers/1/url", "should", "7:5"),
            ("/servers/2/url", "should", "8:5"),
            ("/paths/~1api~1orders", "should", "10:3"),
        ],
    );
    insta::assert_snapshot!("135", snapshot);
}

#[test]
fn r137_stick_to_conventional_query_parameters() {
    let case = RuleCase::new("137");
    case.passes("beyond/137/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/137/fail.swagger.yaml",
        &[("/paths/~1orders/get/parameters/0/name", "must", "9:11")],
    );
    snapshot += &case.fails(
        "beyond/137/fail.yaml",
        &[
            ("/paths/~1orders/get/parameters/0/name", "must", "9:11"),
            ("/paths/~1orders/get/parameters/1/name", "must", "13:11"),
            ("/components/parameters/Expand/name", "must", "24:7"),
        ],
    );
    insta::assert_snapshot!("137", snapshot);
}

#[test]
fn r141_keep_urls_verb_free() {
    let case = RuleCase::new("141");
    case.passes("beyond/141/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/141/fail.swagger.yaml",
        &[("/paths/~1orders~1{order-id}~1approve", "must", "6:3")],
    );
    snapshot += &case.fails(
        "beyond/141/fail.yaml",
        &[
            ("/paths/~1orders~1{order-id}~1cancel", "must", "6:3"),
            ("/paths/~1create-order", "must", "11:3"),
        ],
    );
    insta::assert_snapshot!("141", snapshot);
}

#[test]
fn r144_only_use_uuids_if_necessary() {
    let case = RuleCase::new("144");
    case.passes("beyond/144/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/144/fail.swagger.yaml",
        &[(
            "/paths/~1orders~1{order_id}/get/parameters/0/name",
            "should",
            "9:11",
        )],
    );
    snapshot += &case.fails(
        "beyond/144/fail.yaml",
        &[
            (
                "/paths/~1orders~1{order-id}/get/parameters/0/name",
                "should",
                "9:11",
            ),
            ("/components/schemas/Order/properties/id", "should", "27:9"),
            (
                "/components/schemas/Order/properties/customer_id",
                "should",
                "30:9",
            ),
        ],
    );
    insta::assert_snapshot!("144", snapshot);
}

#[test]
fn r148_use_http_methods_correctly() {
    let case = RuleCase::new("148");
    case.passes("beyond/148/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/148/fail.swagger.yaml",
        &[("/paths/~1orders/head/parameters/0", "must", "9:11")],
    );
    snapshot += &case.fails(
        "beyond/148/fail.yaml",
        &[
            ("/paths/~1orders/get/requestBody", "must", "8:7"),
            ("/components/requestBodies/Reason", "must", "31:5"),
        ],
    );
    insta::assert_snapshot!("148", snapshot);
}

#[test]
fn r152_use_code_207_for_batch_or() {
    let case = RuleCase::new("152");
    case.passes("beyond/152/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/152/fail.swagger.yaml",
        &[("/paths/~1order_bulk/post/responses/207", "must", "8:7")],
    );
    snapshot += &case.fails(
        "beyond/152/fail.yaml",
        &[
            ("/paths/~1orders~1batch/post/responses/207", "must", "8:7"),
            ("/paths/~1bulk-orders/post/responses/207", "must", "13:7"),
        ],
    );
    insta::assert_snapshot!("152", snapshot);
}

#[test]
fn r157_support_partial_responses_via_filtering() {
    let case = RuleCase::new("157");
    case.passes("beyond/157/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/157/fail.swagger.yaml",
        &[(
            "/paths/~1orders/get/parameters/0/default",
            "should",
            "12:11",
        )],
    );
    snapshot += &case.fails(
        "beyond/157/fail.yaml",
        &[(
            "/paths/~1orders/get/parameters/0/schema/default",
            "should",
            "13:13",
        )],
    );
    insta::assert_snapshot!("157", snapshot);
}

#[test]
fn r159_support_pagination() {
    let case = RuleCase::new("159");
    case.passes("beyond/159/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/159/fail.swagger.yaml",
        &[("/paths/~1orders/get", "must", "7:5")],
    );
    snapshot += &case.fails(
        "beyond/159/fail.yaml",
        &[
            ("/paths/~1orders/get", "must", "7:5"),
            ("/paths/~1orders~1{order-id}~1items/get", "must", "16:5"),
        ],
    );
    insta::assert_snapshot!("159", snapshot);
}

#[test]
fn r160_prefer_cursor_based_pagination_avoid_offset() {
    let case = RuleCase::new("160");
    case.passes("beyond/160/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/160/fail.swagger.yaml",
        &[("/parameters/Offset/name", "should", "8:5")],
    );
    snapshot += &case.fails(
        "beyond/160/fail.yaml",
        &[("/paths/~1orders/get/parameters/0/name", "should", "9:11")],
    );
    insta::assert_snapshot!("160", snapshot);
}

#[test]
fn r161_use_pagination_links() {
    let case = RuleCase::new("161");
    case.passes("beyond/161/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/161/fail.swagger.yaml",
        &[(
            "/paths/~1orders/get/responses/200/schema/properties/next_page_token",
            "should",
            "18:15",
        )],
    );
    snapshot += &case.fails(
        "beyond/161/fail.yaml",
        &[
            (
                "/components/schemas/OrderPage/properties/next",
                "should",
                "25:9",
            ),
            (
                "/components/schemas/OrderPage/properties/next_cursor",
                "should",
                "27:9",
            ),
        ],
    );
    insta::assert_snapshot!("161", snapshot);
}

#[test]
fn r164_use_common_hypertext_controls() {
    let case = RuleCase::new("164");
    case.passes("beyond/164/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/164/fail.swagger.yaml",
        &[("/definitions/Link/properties/href/format", "must", "10:7")],
    );
    snapshot += &case.fails(
        "beyond/164/fail.yaml",
        &[
            (
                "/components/schemas/Link/properties/href/format",
                "must",
                "11:9",
            ),
            (
                "/components/schemas/Link/properties/href/type",
                "must",
                "12:11",
            ),
            (
                "/components/schemas/OrderLink/properties/href/format",
                "must",
                "16:9",
            ),
        ],
    );
    insta::assert_snapshot!("164", snapshot);
}

#[test]
fn r165_use_simple_hypertext_controls_for_pagination() {
    let case = RuleCase::new("165");
    case.passes("beyond/165/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/165/fail.swagger.yaml",
        &[(
            "/paths/~1orders/get/responses/200/schema/properties/next",
            "should",
            "18:15",
        )],
    );
    snapshot += &case.fails(
        "beyond/165/fail.yaml",
        &[
            (
                "/paths/~1orders/get/responses/200/content/application~1json/schema/properties",
                "should",
                "20:17",
            ),
            (
                "/paths/~1orders/get/responses/200/content/application~1json/schema/properties",
                "should",
                "20:17",
            ),
        ],
    );
    insta::assert_snapshot!("165", snapshot);
}

#[test]
fn r167_use_json_as_payload_data_interchange() {
    let case = RuleCase::new("167");
    case.passes("beyond/167/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/167/fail.swagger.yaml",
        &[("/produces/0", "must", "6:5")],
    );
    snapshot += &case.fails(
        "beyond/167/fail.yaml",
        &[
            (
                "/paths/~1orders/post/requestBody/content/application~1xml",
                "must",
                "10:11",
            ),
            (
                "/paths/~1orders/post/responses/201/content/text~1csv",
                "must",
                "17:13",
            ),
        ],
    );
    insta::assert_snapshot!("167", snapshot);
}

#[test]
fn r173_use_the_common_money_object() {
    let case = RuleCase::new("173");
    case.passes("beyond/173/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/173/fail.swagger.yaml",
        &[("/definitions/Money/properties/amount", "must", "10:7")],
    );
    snapshot += &case.fails(
        "beyond/173/fail.yaml",
        &[
            (
                "/components/schemas/Price/properties/amount",
                "must",
                "11:9",
            ),
            (
                "/components/schemas/Price/properties/discounted_amount",
                "must",
                "17:9",
            ),
        ],
    );
    insta::assert_snapshot!("173", snapshot);
}

#[test]
fn r177_do_not_expose_stack_traces() {
    let case = RuleCase::new("177");
    case.passes("beyond/177/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/177/fail.swagger.yaml",
        &[("/definitions/Error/properties/stackTrace", "must", "10:7")],
    );
    snapshot += &case.fails(
        "beyond/177/fail.yaml",
        &[
            (
                "/components/schemas/Problem/properties/stack_trace",
                "must",
                "13:9",
            ),
            (
                "/components/schemas/Problem/properties/details/properties/backtrace",
                "must",
                "18:13",
            ),
        ],
    );
    insta::assert_snapshot!("177", snapshot);
}

#[test]
fn r180_use_location_header_instead_of_content() {
    let case = RuleCase::new("180");
    case.passes("beyond/180/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/180/fail.swagger.yaml",
        &[(
            "/paths/~1orders/post/responses/201/headers/Content-Location",
            "should",
            "12:13",
        )],
    );
    snapshot += &case.fails(
        "beyond/180/fail.yaml",
        &[
            (
                "/paths/~1orders/post/responses/201/headers/Content-Location",
                "should",
                "12:13",
            ),
            (
                "/components/responses/Existing/headers/content-location",
                "should",
                "22:9",
            ),
        ],
    );
    insta::assert_snapshot!("180", snapshot);
}

#[test]
fn r187_reflect_deprecation_in_api_specifications() {
    let case = RuleCase::new("187");
    case.passes("beyond/187/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/187/fail.swagger.yaml",
        &[("/paths/~1orders/get/description", "must", "7:5")],
    );
    snapshot += &case.fails(
        "beyond/187/fail.yaml",
        &[
            ("/paths/~1orders/get/description", "must", "7:5"),
            (
                "/paths/~1orders/get/parameters/0/description",
                "must",
                "11:11",
            ),
            (
                "/components/schemas/Order/properties/legacy_id/description",
                "must",
                "24:9",
            ),
        ],
    );
    insta::assert_snapshot!("187", snapshot);
}

#[test]
fn r189_add_deprecation_and_sunset_header_to() {
    let case = RuleCase::new("189");
    case.passes("beyond/189/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/189/fail.swagger.yaml",
        &[(
            "/paths/~1orders/get/responses/200/headers/Deprecation",
            "should",
            "13:11",
        )],
    );
    snapshot += &case.fails(
        "beyond/189/fail.yaml",
        &[(
            "/paths/~1orders/get/responses/200/headers/Deprecation",
            "should",
            "11:9",
        )],
    );
    insta::assert_snapshot!("189", snapshot);
}

#[test]
fn r216_define_maps_using_additionalproperties() {
    let case = RuleCase::new("216");
    case.passes("beyond/216/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/216/fail.swagger.yaml",
        &[("/definitions/Counts/properties", "should", "9:5")],
    );
    snapshot += &case.fails(
        "beyond/216/fail.yaml",
        &[(
            "/components/schemas/Message/properties/translations/properties",
            "should",
            "15:11",
        )],
    );
    insta::assert_snapshot!("216", snapshot);
}

#[test]
fn r217_use_full_absolute_uri_for_resource() {
    let case = RuleCase::new("217");
    case.passes("beyond/217/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/217/fail.swagger.yaml",
        &[("/definitions/Link/properties/href/format", "must", "12:9")],
    );
    snapshot += &case.fails(
        "beyond/217/fail.yaml",
        &[
            (
                "/components/schemas/OrderPage/properties/self/format",
                "must",
                "13:11",
            ),
            (
                "/components/schemas/OrderPage/properties/next/format",
                "must",
                "16:11",
            ),
            (
                "/components/schemas/OrderPage/properties/items/items/properties/href/format",
                "must",
                "24:17",
            ),
        ],
    );
    insta::assert_snapshot!("217", snapshot);
}

#[test]
fn r225_follow_the_naming_convention_for_permissions() {
    let case = RuleCase::new("225");
    case.passes("beyond/225/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/225/fail.swagger.yaml",
        &[("/securityDefinitions/oauth2/scopes/orders", "must", "12:7")],
    );
    snapshot += &case.fails(
        "beyond/225/fail.yaml",
        &[
            ("/components/securitySchemes/oauth2/flows/clientCredentials/scopes/write:orders", "must", "15:13"),
            ("/components/securitySchemes/oauth2/flows/clientCredentials/scopes/Order-Management.Write", "must", "16:13"),
            ("/components/securitySchemes/oauth2/flows/clientCredentials/scopes/order-management.sales-order.shipment.read", "must", "17:13"),
        ],
    );
    insta::assert_snapshot!("225", snapshot);
}

#[test]
fn r227_document_cacheable_get_head_and_post() {
    let case = RuleCase::new("227");
    case.passes("beyond/227/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/227/fail.swagger.yaml",
        &[(
            "/paths/~1countries/head/responses/200/headers/Vary",
            "must",
            "11:11",
        )],
    );
    snapshot += &case.fails(
        "beyond/227/fail.yaml",
        &[
            (
                "/paths/~1countries/get/responses/200/headers/ETag",
                "must",
                "11:11",
            ),
            (
                "/paths/~1countries/get/responses/200/headers/Vary",
                "must",
                "11:11",
            ),
            (
                "/paths/~1countries/get/responses/200/headers/Expires",
                "must",
                "15:13",
            ),
        ],
    );
    insta::assert_snapshot!("227", snapshot);
}

#[test]
fn r233_support_x_flow_id() {
    let case = RuleCase::new("233");
    case.passes("beyond/233/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails("beyond/233/fail.swagger.yaml", &[("/paths", "must", "5:1")]);
    snapshot += &case.fails(
        "beyond/233/fail.yaml",
        &[("/paths/~1orders/post", "must", "13:5")],
    );
    insta::assert_snapshot!("233", snapshot);
}

#[test]
fn r234_only_use_durable_and_immutable_remote() {
    let case = RuleCase::new("234");
    case.passes("beyond/234/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/234/fail.swagger.yaml",
        &[(
            "/paths/~1orders/get/responses/200/schema/$ref",
            "must",
            "12:13",
        )],
    );
    snapshot += &case.fails(
        "beyond/234/fail.yaml",
        &[
            ("/paths/~1orders/get/responses/200/content/application~1json/schema/$ref", "must", "14:17"),
            ("/paths/~1orders/get/responses/default/content/application~1problem+json/schema/$ref", "must", "20:17"),
        ],
    );
    insta::assert_snapshot!("234", snapshot);
}

#[test]
fn r238_use_standard_data_formats() {
    let case = RuleCase::new("238");
    case.passes("beyond/238/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/238/fail.swagger.yaml",
        &[("/paths/~1orders/get/parameters/0/format", "must", "12:11")],
    );
    snapshot += &case.fails(
        "beyond/238/fail.yaml",
        &[
            (
                "/paths/~1orders~1{order-id}/get/parameters/0/schema/format",
                "must",
                "14:13",
            ),
            (
                "/components/schemas/Order/properties/created_at/format",
                "must",
                "25:11",
            ),
            (
                "/components/schemas/Order/properties/shop_url/format",
                "must",
                "28:11",
            ),
        ],
    );
    insta::assert_snapshot!("238", snapshot);
}

#[test]
fn r239_encode_binary_data_in_base64url() {
    let case = RuleCase::new("239");
    case.passes("beyond/239/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/239/fail.yaml",
        &[(
            "/components/schemas/Attachment/properties/content/contentEncoding",
            "must",
            "13:11",
        )],
    );
    insta::assert_snapshot!("239", snapshot);
}

#[test]
fn r243_use_official_http_status_codes() {
    let case = RuleCase::new("243");
    case.passes("beyond/243/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/243/fail.swagger.yaml",
        &[("/paths/~1orders/get/responses/499", "must", "11:9")],
    );
    snapshot += &case.fails(
        "beyond/243/fail.yaml",
        &[
            ("/paths/~1orders/get/responses/299", "must", "11:9"),
            ("/paths/~1orders/get/responses/418", "must", "13:9"),
            ("/paths/~1orders/get/responses/6XX", "must", "15:9"),
            ("/paths/~1orders/get/responses/520", "must", "17:9"),
        ],
    );
    insta::assert_snapshot!("243", snapshot);
}

#[test]
fn r244_use_content_negotiation_if_clients_may() {
    let case = RuleCase::new("244");
    case.passes("beyond/244/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/244/fail.swagger.yaml",
        &[("/paths/~1reports~1{report-id}.csv", "should", "6:3")],
    );
    snapshot += &case.fails(
        "beyond/244/fail.yaml",
        &[
            ("/paths/~1invoices~1{invoice-id}.pdf", "should", "6:3"),
            ("/paths/~1orders.json", "should", "11:3"),
        ],
    );
    insta::assert_snapshot!("244", snapshot);
}

#[test]
fn r248_use_pagination_response_page_object() {
    let case = RuleCase::new("248");
    case.passes("beyond/248/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/248/fail.swagger.yaml",
        &[(
            "/paths/~1orders/get/responses/200/schema/properties/next",
            "should",
            "17:13",
        )],
    );
    snapshot += &case.fails(
        "beyond/248/fail.yaml",
        &[
            ("/paths/~1orders/get/responses/200/content/application~1json/schema/properties/next", "should", "20:17"),
            ("/paths/~1refunds/get/responses/200/content/application~1json/schema", "should", "37:15"),
        ],
    );
    insta::assert_snapshot!("248", snapshot);
}

#[test]
fn r249_use_the_common_address_fields() {
    let case = RuleCase::new("249");
    case.passes("beyond/249/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/249/fail.swagger.yaml",
        &[
            (
                "/definitions/Address/properties/address_line_1",
                "must",
                "10:7",
            ),
            ("/definitions/Address/properties/town", "must", "12:7"),
        ],
    );
    snapshot += &case.fails(
        "beyond/249/fail.yaml",
        &[
            (
                "/components/schemas/ShippingAddress/properties/postal_code",
                "must",
                "15:9",
            ),
            (
                "/components/schemas/ShippingAddress/properties/country",
                "must",
                "17:9",
            ),
        ],
    );
    insta::assert_snapshot!("249", snapshot);
}

#[test]
fn r251_do_not_use_redirection_codes() {
    let case = RuleCase::new("251");
    case.passes("beyond/251/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/251/fail.swagger.yaml",
        &[("/paths/~1orders/post/responses/303", "should", "9:9")],
    );
    snapshot += &case.fails(
        "beyond/251/fail.yaml",
        &[
            ("/paths/~1orders/get/responses/301", "should", "11:9"),
            ("/paths/~1orders/get/responses/3XX", "should", "15:9"),
        ],
    );
    insta::assert_snapshot!("251", snapshot);
}

#[test]
fn r254_avoid_a_total_result_count() {
    let case = RuleCase::new("254");
    case.passes("beyond/254/pass.yaml");
    let mut snapshot = String::new();
    snapshot += &case.fails(
        "beyond/254/fail.swagger.yaml",
        &[(
            "/paths/~1orders/get/responses/200/schema/properties/count",
            "should",
            "21:15",
        )],
    );
    snapshot += &case.fails(
        "beyond/254/fail.yaml",
        &[(
            "/components/schemas/OrderPage/properties/total_count",
            "should",
            "28:9",
        )],
    );
    insta::assert_snapshot!("254", snapshot);
}
