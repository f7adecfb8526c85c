//! The example company ruleset `rulesets/examples/acme.yaml`: it loads,
//! extends the built-in `zalando` ruleset, and each of its overrides takes
//! effect — shown by linting the same fixtures with the built-in ruleset
//! and with ACME's and comparing the findings of the overridden rules.

use oaslint::{FunctionRegistry, RuleSeverity, Ruleset, RulesetLoader, Severity};
use oaslint_acceptance::{builtin, lint_fixture, render, root, FolderFiles};

fn acme() -> Ruleset {
    let text = std::fs::read_to_string(root().join("rulesets/examples/acme.yaml")).unwrap();
    let registry = FunctionRegistry::default();
    RulesetLoader::new(&FolderFiles(root()), &registry)
        .load_text("rulesets/examples/acme.yaml", text)
        .unwrap_or_else(|e| panic!("acme.yaml does not load: {e}"))
}

/// `pointer severity` of the findings of `rule` on `fixture`.
fn findings(rs: &Ruleset, fixture: &str, rule: &str) -> Vec<String> {
    lint_fixture(rs, "guidelines/company", fixture)
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| format!("{} {}", f.pointer, f.severity))
        .collect()
}

#[test]
fn acme_extends_zalando_and_names_itself() {
    let rs = acme();
    assert_eq!(rs.name, "acme-api-guidelines");
    assert_eq!(rs.version, "1.0.0");
    assert_eq!(
        rs.rules.len(),
        builtin().rules.len(),
        "no rule added or lost"
    );
    let sev = |id: &str| rs.rules.iter().find(|r| r.id == id).unwrap().severity;
    assert_eq!(sev("233"), RuleSeverity::Off);
    assert_eq!(sev("160"), RuleSeverity::On(Severity::Must));
    // Rules ACME does not mention keep Zalando's severity.
    let zalando = builtin();
    for rule in &rs.rules {
        if ["233", "160"].contains(&rule.id.as_str()) {
            continue;
        }
        let z = zalando.rules.iter().find(|r| r.id == rule.id).unwrap();
        assert_eq!(rule.severity, z.severity, "{}", rule.id);
    }
}

/// 219: ACME's audiences replace Zalando's.
#[test]
fn audiences_are_acmes() {
    let (z, a) = (builtin(), acme());
    assert_eq!(
        findings(&z, "orders-api.yaml", "219"),
        ["/info/x-audience must"]
    );
    assert_eq!(findings(&a, "orders-api.yaml", "219"), Vec::<String>::new());
    assert_eq!(
        findings(&z, "zalando-audience.yaml", "219"),
        Vec::<String>::new()
    );
    assert_eq!(
        findings(&a, "zalando-audience.yaml", "219"),
        ["/info/x-audience must"]
    );
    let report = lint_fixture(&a, "guidelines/company", "zalando-audience.yaml");
    let message = &report
        .findings
        .iter()
        .find(|f| f.rule == "219")
        .unwrap()
        .message;
    assert_eq!(
        message,
        "API Audience doesn't match [team-internal, acme-internal, partner, public]"
    );
}

/// 224: ACME's hostnames, at the severity ACME gives each of its
/// audiences; Zalando's hostnames are not ACME's.
#[test]
fn hostnames_are_acmes() {
    let (z, a) = (builtin(), acme());
    // An ACME host is fine for ACME; Zalando does not know the audience.
    assert_eq!(findings(&a, "orders-api.yaml", "224"), Vec::<String>::new());
    assert_eq!(findings(&z, "orders-api.yaml", "224"), Vec::<String>::new());
    // Other hosts, Zalando's included, are a SHOULD for acme-internal APIs.
    assert_eq!(
        findings(&a, "wrong-host.yaml", "224"),
        ["/servers/0/url should", "/servers/1/url should"]
    );
    assert_eq!(findings(&z, "wrong-host.yaml", "224"), Vec::<String>::new());
    // A Zalando audience is not checked by ACME's 224 (219 reports it).
    assert_eq!(
        findings(&z, "zalando-audience.yaml", "224"),
        ["/servers/0/url should"]
    );
    assert_eq!(
        findings(&a, "zalando-audience.yaml", "224"),
        Vec::<String>::new()
    );
}

/// 233 is off for ACME.
#[test]
fn flow_id_is_not_required() {
    assert_eq!(
        findings(&builtin(), "orders-api.yaml", "233"),
        ["/paths must"]
    );
    assert_eq!(
        findings(&acme(), "orders-api.yaml", "233"),
        Vec::<String>::new()
    );
}

/// 160 is a MUST for ACME (a SHOULD for Zalando).
#[test]
fn offset_pagination_is_a_must() {
    let at = "/paths/~1orders/get/parameters/0/name";
    assert_eq!(
        findings(&builtin(), "orders-api.yaml", "160"),
        [format!("{at} should")]
    );
    assert_eq!(
        findings(&acme(), "orders-api.yaml", "160"),
        [format!("{at} must")]
    );
}

/// 234: references into ACME's spec repository are durable.
#[test]
fn acmes_spec_repository_is_a_durable_reference() {
    let at = "/paths/~1orders/get/responses/200/content/application~1json/schema/$ref";
    assert_eq!(
        findings(&builtin(), "orders-api.yaml", "234"),
        [format!("{at} must")]
    );
    assert_eq!(
        findings(&acme(), "orders-api.yaml", "234"),
        Vec::<String>::new()
    );
}

/// The overridden rules' findings on every fixture, built-in vs ACME.
#[test]
fn overridden_rules_built_in_vs_acme() {
    let (z, a) = (builtin(), acme());
    let mut out = String::new();
    for fixture in [
        "orders-api.yaml",
        "wrong-host.yaml",
        "zalando-audience.yaml",
    ] {
        for (name, rs) in [("zalando", &z), ("acme", &a)] {
            let report = lint_fixture(rs, "guidelines/company", fixture);
            let of_interest: Vec<_> = report
                .findings
                .into_iter()
                .filter(|f| ["160", "219", "224", "233", "234"].contains(&f.rule.as_str()))
                .collect();
            out.push_str(&format!(
                "# {fixture} with {name}\n{}",
                render(&of_interest)
            ));
        }
    }
    insta::assert_snapshot!(out);
}

/// The example repository's legacy API: its `.oaslint.yaml` extends the
/// repository's, which extends Acme's ruleset, and switches 141 off for
/// one path of its spec only.
#[test]
fn the_example_repository_overrides_one_path_of_the_legacy_api() {
    let example = root().join("examples/api-platform");
    let files = FolderFiles(example.clone());
    let registry = FunctionRegistry::default();
    let load = |name: &str| {
        RulesetLoader::new(&files, &registry)
            .load_file(name)
            .unwrap_or_else(|e| panic!("{name} does not load: {e}"))
    };
    let repository = load(".oaslint.yaml");
    let legacy = load("apis/billing-legacy/.oaslint.yaml");
    for rs in [&repository, &legacy] {
        assert_eq!(
            (rs.name.as_str(), rs.version.as_str()),
            ("acme-api-guidelines", "1.2.0")
        );
    }
    let chain: Vec<Option<&str>> = legacy
        .chain
        .iter()
        .take(4)
        .map(|r| r.file.as_deref())
        .collect();
    assert_eq!(
        chain,
        [
            Some("apis/billing-legacy/.oaslint.yaml"),
            Some(".oaslint.yaml"),
            Some("rulesets/acme.yaml"),
            None
        ]
    );
    // `files` belongs to the file that says it.
    assert_eq!(repository.files, ["apis/**/*.yaml"]);
    assert!(legacy.files.is_empty());

    let spec = "apis/billing-legacy/openapi.yaml";
    let text = std::fs::read_to_string(example.join(spec)).unwrap();
    let verbs = |rs: &Ruleset| -> Vec<String> {
        oaslint::Linter::new(rs.clone())
            .lint(spec, text.as_str(), &files)
            .findings
            .iter()
            .filter(|f| f.rule == "141")
            .map(|f| f.pointer.clone())
            .collect()
    };
    let everywhere = verbs(&repository);
    assert!(
        everywhere
            .iter()
            .any(|p| p.starts_with("/paths/~1v1~1getInvoices")),
        "{everywhere:?}"
    );
    let overridden = verbs(&legacy);
    assert!(
        !overridden
            .iter()
            .any(|p| p.starts_with("/paths/~1v1~1getInvoices")),
        "{overridden:?}"
    );
    assert_eq!(
        overridden.len(),
        everywhere
            .iter()
            .filter(|p| !p.starts_with("/paths/~1v1~1getInvoices"))
            .count()
    );
}
