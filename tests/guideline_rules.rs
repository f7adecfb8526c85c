//! The built-in `zalando` ruleset as a whole (each rule's own cases are
//! data: `tests/fixtures/rules/<rule-id>/`, run by `tests/rules.rs`): the
//! catalogue of all guideline rules (`rulesets/zalando/catalogue.yaml`)
//! against the ruleset; the generated `rulesets/zalando/RULES.md`; rule
//! metadata (severities from the guideline headings, links, Zally's
//! defaults); findings in `$ref`'d files;
//! Zally's `x-zally-ignore` semantics; company options, Zally's behaviour
//! among them; and every rule, all switched on, over the shared corpus.

use oaslint::{
    Document, FunctionRegistry, Limits, Linter, MemoryResolver, Report, RuleSeverity, Ruleset,
    RulesetLoader, Severity,
};
use oaslint_acceptance::{builtin, builtin_all_on, lint_fixture, render, root, rows_of, ruleset};
use std::collections::BTreeSet;

const GUIDELINES: &str = "https://opensource.zalando.com/restful-api-guidelines/";

/// The 35 rules of Zally's Zalando rule set, which `rules/{meta,naming,
/// http,data}.yaml` implement.
const ZALLY_ZALANDO_SET: [u32; 35] = [
    101, 104, 105, 107, 110, 115, 116, 118, 120, 125, 129, 130, 132, 134, 136, 143, 145, 146, 147,
    150, 151, 153, 154, 166, 171, 172, 174, 176, 183, 215, 218, 219, 224, 235, 240,
];

/// A YAML file of the repository as JSON.
fn yaml(rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    let doc = Document::parse(rel, text, &Limits::default()).unwrap();
    doc.root().map_or(serde_json::Value::Null, |n| n.to_json())
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
    /// What automates a rule that is not a rule of the ruleset (106: the
    /// comparison of two versions).
    by: Option<String>,
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
                by: s("by"),
            }
        })
        .collect()
}

/// The rules of `beyond.yaml` alone.
fn beyond() -> Ruleset {
    let registry = FunctionRegistry::default();
    let text = std::fs::read_to_string(root().join("rulesets/zalando/rules/beyond.yaml")).unwrap();
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
    let in_ruleset = numeric_ids(&builtin_all_on());
    let entries = catalogue();
    // 106 is automated by the comparison of two versions (`oaslint diff`,
    // `lint --base`), whose findings carry rule 106: not a ruleset rule.
    for e in entries.iter().filter(|e| e.by.is_some()) {
        assert!(
            e.automated,
            "{}: `by` on a rule that is not automated",
            e.id
        );
        assert!(
            !in_ruleset.contains(&e.id),
            "{}: a ruleset rule needs no `by`",
            e.id
        );
    }
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.by.is_some())
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        [106]
    );
    let automated: BTreeSet<u32> = entries
        .iter()
        .filter(|e| e.automated && e.by.is_none())
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

// `RULES.md` is generated by `cargo xtask docs` (xtask/src/rules_md.rs),
// whose test fails when the committed file is stale.

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
    let linter = Linter::new(rs);
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
            let (node, matched) = crate::corpus::lookup_nearest(&doc, &f.pointer);
            let segments = if f.pointer.is_empty() {
                0
            } else {
                f.pointer[1..].split('/').count()
            };
            // The node (key through scalar value, or the key of a
            // collection), its value alone, or its key alone.
            let mut places = vec![node.range()];
            if let Some(key) = node.key_range() {
                places.push(key);
                places.push(oaslint::Range {
                    start: key.start,
                    end: node.range().end,
                });
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

/// A finding's message can be overridden like any other rule option.
#[test]
fn beyond_rules_take_company_options() {
    let rs = ruleset(
        "extends: [[zalando, off]]\nrules:\n  \"141\":\n    severity: should\n    functionOptions:\n      verbs: [orders]\n",
    );
    let report = lint_fixture(&rs, "rules/141", "pass.yaml");
    assert_eq!(
        render(&report.findings),
        "6:3 SHOULD 141 /paths/~1orders~1{order-id}~1cancellations Path \"/orders/{order-id}/cancellations\" contains the verb \"orders\"; name resources (nouns) and express actions with HTTP methods\n"
    );
}

// ------------------------------------------------------ Zally's rules

/// Zally's own rule set in the built-in ruleset (`rules/zally.yaml`).
const ZALLY_SET: [&str; 10] = [
    "M008", "M009", "M010", "M011", "S005", "S006", "S007", "H001", "H002", "Z001",
];

/// Each of Zally's 35 rules of the Zalando rule set is on by default,
/// links to its guideline and has a title and a description.
#[test]
fn every_zally_zalando_rule_is_on_and_linked() {
    let ruleset = builtin();
    for id in ZALLY_ZALANDO_SET.map(|id| id.to_string()) {
        let rule = ruleset
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("rule {id} is missing"));
        assert!(rule.level().is_some() && rule.recommended, "{id} is on");
        assert_eq!(
            rule.link.as_deref(),
            Some(format!("{GUIDELINES}#{id}").as_str())
        );
        assert!(!rule.title.is_empty() && rule.description.is_some(), "{id}");
    }
}

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

/// Links of Zally's own rules are Zally's: rules.md plus the slug of
/// "ID: Title".
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
    let report = lint_fixture(&rs, "rules/M010", "fail.swagger.yaml");
    assert_eq!(
        render(&report.findings),
        "9:11 SHOULD M010 /paths/~1orders/get/parameters/0 Enum value 'TOTAL' does not match snake_case ('[a-z][a-z0-9]*(?:_[a-z0-9]+)*')\n"
    );
}

// ------------------------------------------------------ whole documents

/// Lints `text` as `api.yaml` with `ruleset`, with `files` for `$ref`s.
fn lint_text(ruleset: &Ruleset, text: &str, files: &[(&str, &str)]) -> Report {
    let mut resolver = MemoryResolver::new();
    for (name, text) in files {
        resolver.insert(name, *text);
    }
    let report = Linter::new(ruleset.clone()).lint("api.yaml", text, &resolver);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

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
    let report = lint_text(&builtin(), api, &[("schemas/order.yaml", order)]);
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
            (
                "240".into(),
                file,
                "/Order/properties/state/enum/0".into(),
                6
            ),
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
    let report = lint_text(&builtin(), IGNORED, &[]);
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
/// company ruleset gets Zally's behaviour back with options (on the rules'
/// own fixtures).
#[test]
fn zallys_behaviour_is_reachable_by_options() {
    let zally = ruleset(
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
    );
    let zalando = builtin();
    // 107: Zally's message.
    let rows = rows_of(&zally, "rules/107", "fail.yaml", "107");
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r[3] == "Property is not an extensible enum (use `x-extensible-enum` instead)"));
    // 118: Zally's pattern rejects a leading underscore other than `_links`
    // (which passes the built-in rule).
    assert_eq!(
        rows_of(&zally, "rules/118", "pass.leading-underscore.yaml", "118")
            .iter()
            .map(|r| r[1].as_str())
            .collect::<Vec<_>>(),
        ["/components/schemas/A/properties/_embedded"]
    );
    // 125: only x-extensible-enum.
    assert_eq!(rows_of(&zally, "rules/125", "fail.yaml", "125").len(), 1);
    assert_eq!(rows_of(&zalando, "rules/125", "fail.yaml", "125").len(), 2);
    // 150: Zally's list of standard codes calls 422 non-standard (MUST).
    let teapot = "openapi: 3.0.3\ninfo: {title: t, version: '1.0'}\npaths:\n  /a:\n    post:\n      responses:\n        '422': {description: x}\n";
    let must = |rs: &Ruleset| {
        lint_text(rs, teapot, &[])
            .findings
            .into_iter()
            .filter(|f| f.rule == "150" && f.severity == Severity::Must)
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    assert_eq!(must(&zally), ["422 is not a standardized response code"]);
    assert!(must(&zalando).is_empty());
    // 151: SHOULD, as Zally reports its checks.
    let rows = rows_of(&zally, "rules/151", "fail.yaml", "151");
    assert!(!rows.is_empty() && rows.iter().all(|r| r[0] == "should"));
    // 154: only the query style, as a SHOULD.
    assert_eq!(
        rows_of(&zally, "rules/154", "fail.yaml", "154"),
        [[
            "should",
            "/paths/~1orders/get/parameters/0",
            "7:11-7:79",
            "Parameter style have to be `form`"
        ]
        .map(String::from)]
    );
    assert!(rows_of(&zally, "rules/154", "fail.swagger.yaml", "154").is_empty());
}
