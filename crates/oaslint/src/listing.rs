//! What a ruleset says about its rules, for people and tools: the listing
//! of `oaslint rules --format json` and of the WebAssembly `rules()`, the
//! titles of the findings the engine makes without a rule, and a
//! comparable form of what a rule checks.

use crate::report::RulesetInfo;
use crate::ruleset::{sort_rule_ids, Field, Rule, Ruleset};
use crate::severity::Severity;
use serde::Serialize;

/// The rules of a ruleset, sorted by id (numeric ids numerically, then the
/// others). Its JSON form is what `oaslint rules --format json` prints and
/// what the WebAssembly `rules()` returns:
/// `{"ruleset": {"name", "version"}, "rules": [{"id", "severity", "title",
/// "description", "link", "formats", "tags"}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesetListing {
    /// The ruleset's name and version, as in a report's `ruleset`.
    pub ruleset: RulesetInfo,
    /// Every rule, also those turned off.
    pub rules: Vec<RuleInfo>,
}

/// One rule of a [`RulesetListing`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The rule's id (its key in `rules`).
    pub id: String,
    /// The severity of the rule's findings; `None` for a rule that is off
    /// (in JSON: `must`, `should`, `may`, `hint` or `off`).
    #[serde(serialize_with = "severity_or_off")]
    pub severity: Option<Severity>,
    /// A short title.
    pub title: String,
    /// The rule's description, if it has one.
    pub description: Option<String>,
    /// The guideline the rule checks.
    pub link: Option<String>,
    /// The document formats the rule applies to (empty: every format).
    pub formats: Vec<String>,
    /// The rule's tags.
    pub tags: Vec<String>,
}

fn severity_or_off<S: serde::Serializer>(
    severity: &Option<Severity>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(severity.map_or("off", Severity::as_str))
}

impl RuleInfo {
    fn of(rule: &Rule) -> RuleInfo {
        RuleInfo {
            id: rule.id.clone(),
            severity: rule.level(),
            title: rule.title.clone(),
            description: rule.description.clone(),
            link: rule.link.clone(),
            formats: rule.formats.clone(),
            tags: rule.tags.clone(),
        }
    }
}

impl Ruleset {
    /// The ruleset's rules for a listing, sorted by id, with the checks
    /// the engine makes without a rule ([`DUPLICATE_KEY_RULE`],
    /// [`REMOTE_REF_RULE`], tagged `built-in`) at their configured
    /// severities.
    pub fn listing(&self) -> RulesetListing {
        let mut rules: Vec<RuleInfo> = self.rules.iter().map(RuleInfo::of).collect();
        for (id, severity, description) in [
            (
                DUPLICATE_KEY_RULE,
                self.duplicate_keys,
                "A mapping key written twice in a document (the later value is used). Set with `rules: {duplicate-key: …}` or `parserOptions.duplicateKeys`.",
            ),
            (
                REMOTE_REF_RULE,
                self.remote_refs,
                "A `$ref` to a URL: oaslint never fetches URLs, so what it points at is not linted. Set with `rules: {remote-ref: …}`.",
            ),
        ] {
            if rules.iter().any(|r| r.id == id) {
                continue;
            }
            rules.push(RuleInfo {
                id: id.to_string(),
                severity: severity.level(),
                title: builtin_rule_title(id).unwrap_or(id).to_string(),
                description: Some(description.to_string()),
                link: None,
                formats: Vec::new(),
                tags: vec!["built-in".to_string()],
            });
        }
        let mut ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        sort_rule_ids(&mut ids);
        let rules = ids
            .iter()
            .filter_map(|id| rules.iter().find(|r| &r.id == id).cloned())
            .collect();
        RulesetListing {
            ruleset: RulesetInfo {
                name: self.name.clone(),
                version: self.version.clone(),
            },
            rules,
        }
    }

    /// The title of the findings with rule id `id`: the rule's title, else
    /// (for the checks the engine makes without a rule, such as
    /// `duplicate-key`) [`builtin_rule_title`]; `None` for an id that is
    /// neither.
    pub fn title_of(&self, id: &str) -> Option<&str> {
        self.rules
            .iter()
            .find(|r| r.id == id && !r.title.is_empty())
            .map(|r| r.title.as_str())
            .or_else(|| builtin_rule_title(id))
    }
}

/// The rule id of the finding the engine makes for a mapping key written
/// twice (its severity is the ruleset's `parserOptions.duplicateKeys`).
pub const DUPLICATE_KEY_RULE: &str = "duplicate-key";

/// The rule id of the finding the engine makes for a `$ref` to a remote
/// URL, which is not followed.
pub const REMOTE_REF_RULE: &str = "remote-ref";

/// The title of the findings the engine makes without a rule of the
/// ruleset ([`DUPLICATE_KEY_RULE`], [`REMOTE_REF_RULE`]); `None` for any
/// other id.
pub fn builtin_rule_title(id: &str) -> Option<&'static str> {
    match id {
        DUPLICATE_KEY_RULE => Some("Mapping keys must be unique"),
        REMOTE_REF_RULE => Some("Remote references are not linted"),
        _ => None,
    }
}

impl Rule {
    /// Everything that decides what the rule finds, apart from its
    /// severity, title and documentation (`given`, each `then` with its
    /// field, function and options, `formats`, `resolved`), as JSON: two
    /// rules with equal definitions find the same things.
    pub fn definition_json(&self) -> serde_json::Value {
        let field = |f: &Option<Field>| match f {
            None => serde_json::Value::Null,
            Some(Field::Keys) => "@key".into(),
            Some(Field::Path(p)) => serde_json::json!(p),
            Some(Field::Query(q)) => format!("query:{}", q.source()).into(),
        };
        serde_json::json!({
            "given": self.given.iter().map(|g| g.source()).collect::<Vec<_>>(),
            "then": self.then.iter().map(|t| serde_json::json!({
                "field": field(&t.field),
                "function": t.function_name,
                "options": t.function_options,
            })).collect::<Vec<_>>(),
            "formats": self.formats,
            "resolved": self.resolved,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FunctionRegistry, Linter, MemoryResolver, RulesetLoader};

    fn load(text: &str) -> Ruleset {
        let registry = FunctionRegistry::default();
        let files = MemoryResolver::new();
        RulesetLoader::new(&files, &registry)
            .load_text("rules.yaml", text)
            .unwrap()
    }

    #[test]
    fn the_listing_is_sorted_and_keeps_rules_that_are_off() {
        let ruleset = load(
            "rules:\n  b: {given: $.info, severity: off, then: {function: truthy}}\n  \
             '10': {given: $.info, title: Ten, then: {function: truthy}}\n  \
             '9': {given: $.info, severity: hint, tags: [t], formats: [oas3], then: {function: truthy}}\n",
        );
        let listing = ruleset.listing();
        let ids: Vec<&str> = listing.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["9", "10", "b", "duplicate-key", "remote-ref"]);
        assert_eq!(listing.rules[0].severity, Some(Severity::Hint));
        assert_eq!(listing.rules[0].tags, ["t"]);
        assert_eq!(listing.rules[2].severity, None);
        let json = serde_json::to_value(&listing).unwrap();
        assert_eq!(json["ruleset"]["name"], ruleset.name.as_str());
        assert_eq!(json["rules"][1]["title"], "Ten");
        assert_eq!(json["rules"][0]["formats"][0], "oas3");
        assert_eq!(json["rules"][0]["severity"], "hint");
        assert_eq!(json["rules"][2]["severity"], "off");
    }

    #[test]
    fn every_finding_the_engine_makes_on_its_own_has_a_title() {
        let ruleset = load("rules: {}\n");
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: v}\ninfo: {}\npaths:\n  /a: {$ref: 'https://example.com/a.yaml'}\n";
        let report = Linter::new(ruleset.clone()).lint("a.yaml", spec, &MemoryResolver::new());
        let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        assert!(rules.contains(&DUPLICATE_KEY_RULE), "{rules:?}");
        assert!(rules.contains(&REMOTE_REF_RULE), "{rules:?}");
        for f in &report.findings {
            assert!(ruleset.title_of(&f.rule).is_some(), "{}", f.rule);
        }
        assert_eq!(ruleset.title_of("nope"), None);
    }

    #[test]
    fn remote_ref_configurable_and_listed() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /a: {$ref: 'https://example.com/a.yaml'}\n";
        let table: &[(&str, Option<Severity>)] = &[
            ("rules: {}\n", Some(Severity::Hint)),
            ("rules: {remote-ref: off}\n", None),
            ("rules: {remote-ref: false}\n", None),
            ("rules: {remote-ref: must}\n", Some(Severity::Must)),
            ("rules: {remote-ref: error}\n", Some(Severity::Must)),
            ("rules: {remote-ref: 1}\n", Some(Severity::Should)),
            ("rules: {remote-ref: off, duplicate-key: off}\n", None),
        ];
        for (text, want) in table {
            let ruleset = load(text);
            let listed = ruleset.listing();
            let row = listed
                .rules
                .iter()
                .find(|r| r.id == REMOTE_REF_RULE)
                .unwrap();
            assert_eq!(row.severity, *want, "{text}");
            assert_eq!(row.tags, ["built-in"]);
            let report = Linter::new(ruleset).lint("a.yaml", spec, &MemoryResolver::new());
            let found = report
                .findings
                .iter()
                .find(|f| f.rule == REMOTE_REF_RULE)
                .map(|f| f.severity);
            assert_eq!(found, *want, "{text}");
        }
        let ruleset = load("rules: {duplicate-key: may}\n");
        let row = ruleset
            .listing()
            .rules
            .into_iter()
            .find(|r| r.id == DUPLICATE_KEY_RULE);
        assert_eq!(row.unwrap().severity, Some(Severity::May));
        // Inherited through `extends` like any rule.
        let mut files = MemoryResolver::new();
        files.insert("base.yaml", "rules: {remote-ref: should}\n");
        let registry = FunctionRegistry::default();
        let ruleset = RulesetLoader::new(&files, &registry)
            .load_text("top.yaml", "extends: base.yaml\n")
            .unwrap();
        assert_eq!(
            ruleset.remote_refs,
            crate::RuleSeverity::On(Severity::Should)
        );
    }

    #[test]
    fn definitions_differ_when_what_a_rule_checks_differs() {
        let a =
            load("rules: {r: {given: $.info, title: A, then: {field: title, function: truthy}}}\n");
        let b = load("rules: {r: {given: $.info, title: B, severity: hint, then: {field: title, function: truthy}}}\n");
        let c = load("rules: {r: {given: $.info, then: {field: version, function: truthy}}}\n");
        assert_eq!(a.rules[0].definition_json(), b.rules[0].definition_json());
        assert_ne!(a.rules[0].definition_json(), c.rules[0].definition_json());
    }
}
