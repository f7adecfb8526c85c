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
