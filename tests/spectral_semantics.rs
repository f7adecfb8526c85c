//! Issue 10, items 3 and 5: a Spectral ruleset loads and behaves as in
//! Spectral — aliases with per-format `targets`, every Spectral format
//! name, `recommended: false`, ignored `then` keys, `documentationUrl`,
//! `field` on a scalar — and its findings carry Spectral's messages and
//! places. The expected messages below are what Spectral 6.16.3
//! (`spectral lint -f json`) printed for the same ruleset and document.

use oaslint::{
    Error, FunctionRegistry, Linter, MemoryResolver, Report, RuleSeverity, Ruleset, RulesetLoader,
    Severity,
};
use oaslint_acceptance::oaslint_in;

fn load_files(files: &[(&str, &str)], main: &str) -> Result<Ruleset, Error> {
    let mut mem = MemoryResolver::new();
    for (name, text) in files {
        mem.insert(name, *text);
    }
    let registry = FunctionRegistry::default();
    RulesetLoader::new(&mem, &registry).load_file(main)
}

fn load(text: &str) -> Ruleset {
    load_files(&[("rules.yaml", text)], "rules.yaml").unwrap()
}

fn lint(ruleset: Ruleset, spec: &str) -> Report {
    Linter::new(ruleset).lint("spec.yaml", spec, &MemoryResolver::new())
}

/// `rule | message | pointer | line` of each finding, sorted.
fn rows(report: &Report) -> Vec<String> {
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut out: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} | {} | {} | {}",
                f.rule, f.message, f.pointer, f.range.start.line
            )
        })
        .collect();
    out.sort();
    out
}

const SPEC: &str = r##"openapi: 3.0.3
info:
  title: ""
  version: v1
paths:
  /pets/{id}:
    get:
      operationId: get_pet
      tags: [b, a]
      responses:
        '500':
          $ref: '#/components/responses/Err'
        '200':
          description: ok
    put:
      responses:
        '500':
          $ref: '#/components/responses/Err'
components:
  responses:
    Err:
      description: ""
"##;

#[test]
fn core_function_messages_templates_and_places_are_spectrals() {
    let rs = load(
        r##"rules:
  t-truthy:
    given: $.info
    then: {field: title, function: truthy}
  t-missing:
    given: $.info
    then: {field: contact.name, function: truthy}
  t-missing-root:
    given: $
    then: {field: security, function: defined}
  t-tmpl:
    given: $.paths[*][*].responses[*]
    message: "E={{error}} P={{property}} V={{value}} PA={{path}} D={{description}} X={{ error }}"
    then: {field: description, function: truthy}
  t-pattern:
    given: $.paths[*][*].operationId
    then: {function: pattern, functionOptions: {match: "^[a-z]+$"}}
  t-enum:
    given: $.openapi
    then: {function: enumeration, functionOptions: {values: ["3.1.0", 2, null]}}
  t-len:
    given: $.paths[*][*].tags
    then: {function: length, functionOptions: {min: 3, max: 1}}
  t-alpha:
    given: $.paths[*][*].tags
    then: {function: alphabetical}
  t-xor:
    given: $.info
    then: {function: xor, functionOptions: {properties: [title, version, x]}}
  t-casing:
    given: $.paths[*][*].operationId
    then: {function: casing, functionOptions: {type: camel}}
  t-scalar-field:
    given: $.info.title
    then: {field: foo, function: truthy}
  t-undef:
    given: $.paths[*][*]
    then: {field: operationId, function: undefined}
  t-falsy-val:
    given: $.info
    message: "{{value}}|#{{print(\"value\")}}|{{property}}"
    then: {field: version, function: falsy}
  t-keys:
    given: $.paths
    then: {field: "@key", function: pattern, functionOptions: {notMatch: "\\{"}}
  k-missing-in-ref:
    given: $.paths[*][*].responses[*]
    then: {field: content, function: defined}
  k-raw:
    given: $.paths[*][*].responses[*]
    resolved: false
    then: {field: description, function: truthy}
"##,
    );
    assert_eq!(
        rows(&lint(rs, SPEC)),
        [
            r##"k-missing-in-ref | "Err" property must be defined | /components/responses/Err/content | 21"##,
            r##"k-missing-in-ref | "[200].content" property must be defined | /paths/~1pets~1{id}/get/responses/200/content | 13"##,
            r##"k-raw | "[500].description" property must be truthy | /paths/~1pets~1{id}/get/responses/500/description | 11"##,
            r##"k-raw | "[500].description" property must be truthy | /paths/~1pets~1{id}/put/responses/500/description | 17"##,
            r##"t-alpha | "b" must be placed after "a" | /paths/~1pets~1{id}/get/tags/0 | 9"##,
            r##"t-casing | must be camel case | /paths/~1pets~1{id}/get/operationId | 8"##,
            r##"t-enum | "3.0.3" must be equal to one of the allowed values: "3.1.0", 2, null | /openapi | 1"##,
            r##"t-falsy-val | v1|"v1"|version | /info/version | 4"##,
            r##"t-keys | "/pets/{id}" must not match the pattern "\\{" | /paths/~1pets~1{id} | 6"##,
            r##"t-len | "tags" property must be longer than 3 | /paths/~1pets~1{id}/get/tags | 9"##,
            r##"t-len | "tags" property must be shorter than 1 | /paths/~1pets~1{id}/get/tags | 9"##,
            r##"t-missing | "info.contact.name" property must be truthy | /info/contact/name | 2"##,
            r##"t-missing-root | "security" property must be defined | /security | 1"##,
            r##"t-pattern | "get_pet" must match the pattern "^[a-z]+$" | /paths/~1pets~1{id}/get/operationId | 8"##,
            r##"t-scalar-field | "title" property must be truthy | /info/title | 3"##,
            r##"t-tmpl | E="description" property must be truthy P=description V= PA=#/components/responses/Err/description D=null X= | /components/responses/Err/description | 22"##,
            r##"t-truthy | "title" property must be truthy | /info/title | 3"##,
            r##"t-undef | "operationId" property must be undefined | /paths/~1pets~1{id}/get/operationId | 8"##,
            r##"t-xor | Just one of "title" and "version" must be defined | /info | 2"##,
        ]
    );
}

#[test]
fn xor_or_and_unreferenced_objects_say_what_spectral_says() {
    let rs = load(
        r##"rules:
  none:
    given: $.info
    then: {function: xor, functionOptions: {properties: [a, b, c, d, e]}}
  or-none:
    given: $.info
    then: {function: or, functionOptions: {properties: [a, b]}}
  orphans:
    given: $.components.schemas
    resolved: false
    then: {function: unreferencedReusableObject, functionOptions: {reusableObjectsLocation: "#/components/schemas"}}
  sorted-by:
    given: $.tags
    then: {function: alphabetical, functionOptions: {keyedBy: name}}
"##,
    );
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: v1}\ntags: [{name: b}, {name: a}]\npaths: {}\ncomponents:\n  schemas:\n    Unused: {type: object}\n";
    assert_eq!(
        rows(&lint(rs, spec)),
        [
            r##"none | At least one of "a" or "b" or "c" or 2 other properties must be defined | /info | 2"##,
            r##"or-none | At least one of "a" or "b" must be defined | /info | 2"##,
            r##"orphans | Potential orphaned reusable object has been detected | /components/schemas/Unused | 7"##,
            r##"sorted-by | properties must follow the alphabetical order | /tags | 3"##,
        ]
    );
}

#[test]
fn a_field_query_that_selects_nothing_calls_the_function_once_at_the_match() {
    let rs =
        load("rules:\n  q:\n    given: $.info\n    then: {field: '$.nope[*]', function: truthy}\n");
    assert_eq!(
        rows(&lint(rs, SPEC)),
        [r##"q | "info" property must be truthy | /info | 2"##]
    );
}

#[test]
fn a_field_starting_with_a_dollar_is_a_query_as_in_spectral() {
    // `field: $ref` selects the member `$ref`; where it is absent the
    // function gets nothing at the given node (Spectral's message names the
    // node, not `get.$ref`), as digitalocean's public ruleset expects.
    let rs = load(
        "rules:\n  r:\n    given: $.paths.*.*.responses.*\n    resolved: false\n    then: {field: $ref, function: truthy}\n",
    );
    assert_eq!(
        rows(&lint(rs, SPEC)),
        [r##"r | "200" property must be truthy | /paths/~1pets~1{id}/get/responses/200 | 13"##]
    );
}

#[test]
fn a_rule_defined_again_keeps_what_the_new_definition_leaves_out() {
    // Spectral assigns the new definition onto the inherited rule: here the
    // severity, message and `given` of the company rule stay.
    let company = "rules:\n  title-set:\n    given: $.info\n    severity: error\n    message: 'title: {{error}}'\n    then: {field: title, function: truthy}\n";
    let team = "extends: company.yaml\nrules:\n  title-set:\n    then: {field: version, function: falsy}\n";
    let rs = load_files(
        &[("company.yaml", company), ("team.yaml", team)],
        "team.yaml",
    )
    .unwrap();
    let rule = rs.rules.iter().find(|r| r.id == "title-set").unwrap();
    assert_eq!(rule.severity, RuleSeverity::On(Severity::Must));
    assert_eq!(
        rows(&lint(rs, SPEC)),
        [r##"title-set | title: "version" property must be falsy | /info/version | 4"##]
    );
    // Without an inherited rule, `given` and `then` are both needed.
    let err = load_files(
        &[("team.yaml", "rules:\n  r:\n    then: {function: truthy}\n")],
        "team.yaml",
    )
    .unwrap_err();
    assert!(err.to_string().contains("a rule needs `given`"), "{err}");
}

const SWAGGER: &str = "swagger: '2.0'\ninfo: {title: t, version: v1}\npaths: {}\ndefinitions:\n  Pet: {type: object}\n";
const OAS3: &str = "openapi: 3.1.0\ninfo: {title: t, version: v1}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {type: object}\n";

#[test]
fn aliases_with_targets_pick_the_expressions_of_the_documents_format() {
    let text = r##"formats: [oas2, oas3]
aliases:
  Schemas:
    description: The reusable schemas.
    targets:
      - formats: [oas2]
        given: ["$.definitions[*]"]
      - formats: [oas3]
        given: ["$.components.schemas[*]"]
  Described:
    - "#Schemas.description"
rules:
  schema-description:
    given: "#Schemas"
    then: {field: description, function: truthy}
  via-alias-of-alias:
    given: "#Described"
    then: {function: truthy}
"##;
    let rs = load(text);
    assert_eq!(
        rows(&lint(rs.clone(), SWAGGER)),
        [
            r##"schema-description | "Pet.description" property must be truthy | /definitions/Pet/description | 5"##
        ]
    );
    assert_eq!(
        rows(&lint(rs, OAS3)),
        [
            r##"schema-description | "Pet.description" property must be truthy | /components/schemas/Pet/description | 6"##
        ]
    );
    // As in Spectral, a document has only the formats the ruleset
    // mentions: with `oas3_1` alone, the `oas3` target is nobody's.
    let rs = load(&text.replace("formats: [oas2, oas3]", "formats: [oas3_1]"));
    assert!(rows(&lint(rs, OAS3)).is_empty());
    let rs = load(&text.replace("formats: [oas2, oas3]\n", ""));
    assert!(rows(&lint(rs, OAS3)).is_empty());
}

#[test]
fn alias_target_errors_are_located() {
    let err = load_files(
        &[(
            "rules.yaml",
            "aliases:\n  A:\n    targets:\n      - formats: [oas3]\n        given: ['$.paths[']\nrules:\n  r: {given: '#A', then: {function: truthy}}\n",
        )],
        "rules.yaml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("rules.yaml:7:14: rule 'r': invalid JSONPath \"$.paths[\""),
        "{err}"
    );
    let err = load_files(
        &[(
            "rules.yaml",
            "aliases:\n  A:\n    targets:\n      - formats: [oas9]\n        given: ['$']\nrules: {}\n",
        )],
        "rules.yaml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("rules.yaml:4:19: unknown format `oas9`"),
        "{err}"
    );
}

#[test]
fn rules_for_other_formats_load_with_a_note_and_never_run() {
    let rs = load(
        "rules:
  async-only:
    formats: [aas2, aas2_6, arazzo1_0, json-schema-draft7]
    given: $
    then: {field: nope, function: defined}
  both:
    formats: [aas2, oas3]
    given: $
    then: {field: nope, function: defined}
",
    );
    let notes: Vec<String> = rs.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        notes,
        ["rules.yaml:3:5: rule `async-only` is skipped: it is for aas2, aas2_6, arazzo1_0, json-schema-draft7 documents only, and oaslint lints OpenAPI documents"]
    );
    let ids: Vec<String> = lint(rs, OAS3)
        .findings
        .iter()
        .map(|f| f.rule.clone())
        .collect();
    assert_eq!(ids, ["both"]);

    let rs = load("formats: [aas2]\nrules:\n  r: {given: $, then: {function: truthy}}\n");
    assert_eq!(
        rs.warnings[0].to_string(),
        "rules.yaml:1:1: the ruleset is for aas2 documents only: oaslint lints OpenAPI documents, so its own rules never run"
    );
}

#[test]
fn recommended_false_switches_a_rule_off_in_its_own_ruleset() {
    let base = "rules:
  quiet:
    recommended: false
    given: $
    then: {field: nope, function: defined}
  loud:
    given: $
    then: {field: nope2, function: defined}
";
    let ids = |rs: Ruleset| -> Vec<String> {
        lint(rs, OAS3)
            .findings
            .iter()
            .map(|f| f.rule.clone())
            .collect()
    };
    assert_eq!(ids(load(base)), ["loud"]);
    let files = [
        ("base.yaml", base),
        ("all.yaml", "extends: [[base.yaml, all]]\n"),
    ];
    assert_eq!(
        ids(load_files(&files, "all.yaml").unwrap()),
        ["loud", "quiet"]
    );
    let files = [
        ("base.yaml", base),
        ("on.yaml", "extends: base.yaml\nrules: {quiet: true}\n"),
    ];
    assert_eq!(
        ids(load_files(&files, "on.yaml").unwrap()),
        ["loud", "quiet"]
    );
}

#[test]
fn unknown_then_keys_are_ignored_with_a_located_note() {
    let rs = load(
        "rules:\n  r:\n    given: $.info\n    then:\n      field: title\n      function: truthy\n      message: Title needed\n",
    );
    assert_eq!(
        rs.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        ["rules.yaml:7:7: `then` key `message` is ignored (as Spectral does); a `then` entry has: field, function, functionOptions"]
    );
    assert_eq!(lint(rs, OAS3).findings.len(), 0);
}

#[test]
fn casing_accepts_an_empty_separator_as_spectral_does() {
    let rs = load(
        "rules:\n  c:\n    given: $.info.title\n    then: {function: casing, functionOptions: {type: camel, separator: {char: '', allowLeading: true}}}\n",
    );
    let spec = "openapi: 3.1.0\ninfo: {title: not-camel, version: v1}\npaths: {}\n";
    assert_eq!(
        rows(&lint(rs, spec)),
        ["c | must be camel case | /info/title | 2"]
    );
}

#[test]
fn documentation_urls_link_each_rule() {
    let rs = load(
        "documentationUrl: https://guide.example.org/rules
rules:
  a: {given: $, then: {field: x, function: defined}}
  b: {given: $, documentationUrl: 'https://b.example.org/b', then: {field: y, function: defined}}
",
    );
    let links: Vec<Option<String>> = rs.rules.iter().map(|r| r.link.clone()).collect();
    assert_eq!(
        links,
        [
            Some("https://guide.example.org/rules#a".to_string()),
            Some("https://b.example.org/b".to_string())
        ]
    );
}

#[test]
fn parser_options_take_spectral_severities() {
    let rs = load(
        "parserOptions: {duplicateKeys: warn, incompatibleValues: off}\nrules:\n  r: {given: $, then: {function: truthy}}\n",
    );
    let spec = "openapi: 3.1.0\ninfo: {title: t, version: v1}\npaths: {}\npaths: {}\n";
    let report = lint(rs, spec);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, "duplicate-key");
    assert_eq!(report.findings[0].severity, Severity::Should);
}

#[test]
fn the_command_line_prints_ruleset_notes_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rules.yaml"),
        "rules:\n  r:\n    given: $.info\n    then: {function: truthy, message: ignored}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("spec.yaml"), OAS3).unwrap();
    let out = oaslint_in(
        dir.path(),
        &["lint", "--ruleset", "rules.yaml", "spec.yaml"],
        "",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "warning: rules.yaml:4:30: `then` key `message` is ignored (as Spectral does)"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn schema_options_may_refer_to_files_next_to_the_ruleset() {
    let files = [
        (
            "rulesets/rules.yaml",
            "rules:\n  contact:\n    given: $.info.contact\n    then:\n      function: schema\n      functionOptions:\n        schema: {$ref: './schemas/contact.yaml#/definitions/Contact'}\n",
        ),
        (
            "rulesets/schemas/contact.yaml",
            "definitions:\n  Contact:\n    type: object\n    required: [email]\n    properties:\n      email: {$ref: '#/definitions/Email'}\n  Email: {type: string}\n",
        ),
    ];
    let rs = load_files(&files, "rulesets/rules.yaml").unwrap();
    let spec = "openapi: 3.1.0\ninfo: {title: t, version: v1, contact: {email: 3}}\npaths: {}\n";
    let report = lint(rs.clone(), spec);
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert_eq!(report.findings[0].pointer, "/info/contact/email");
    let ok = "openapi: 3.1.0\ninfo: {title: t, version: v1, contact: {email: a@b.c}}\npaths: {}\n";
    assert!(lint(rs, ok).findings.is_empty());

    // A file that is not there is an error at the options.
    let err = load_files(&files[..1], "rulesets/rules.yaml")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "rulesets/rules.yaml:6:7: rule 'contact': cannot read rulesets/schemas/contact.yaml"
        ),
        "{err}"
    );
}
