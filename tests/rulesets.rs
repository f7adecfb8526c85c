//! Ruleset format v1: loading, validation errors with locations, extends,
//! overrides, and how rules see documents.

use oaslint::{
    Error, FunctionRegistry, Linter, MemoryResolver, Report, Ruleset, RulesetLoader, Severity,
};

/// The pinned starter ruleset (the first five Zalando rules), offered to
/// every test as `starter.yaml` so expectations don't move with the
/// built-in ruleset.
fn starter() -> String {
    std::fs::read_to_string(oaslint_acceptance::fixture("rulesets/starter.yaml")).unwrap()
}

fn load_with(files: &[(&str, &str)], main: &str) -> Result<Ruleset, Error> {
    let mut mem = MemoryResolver::new();
    mem.insert("starter.yaml", starter());
    for (name, text) in files {
        mem.insert(name, *text);
    }
    let registry = FunctionRegistry::default();
    RulesetLoader::new(&mem, &registry).load_file(main)
}

fn load(text: &str) -> Result<Ruleset, Error> {
    load_with(&[("rules.yaml", text)], "rules.yaml")
}

fn lint(ruleset: Ruleset, spec: &str) -> Report {
    Linter::new(ruleset).lint("spec.yaml", spec, &MemoryResolver::new())
}

/// `file:line:col: message` of a load error.
fn load_error(text: &str) -> String {
    load(text).map(|_| ()).unwrap_err().to_string()
}

const SPEC: &str = "openapi: 3.0.3
info:
  title: T
  version: v1
paths:
  /Bad_Path/:
    get:
      responses:
        '200':
          description: ok
";

#[test]
fn invalid_rulesets_name_file_line_column_and_rule() {
    let cases = [
        (
            "rules:\n  r1:\n    given: $.paths[\n    then: {function: truthy}\n",
            "rules.yaml:3:20: rule 'r1': invalid JSONPath \"$.paths[\": expected a selector",
        ),
        (
            "rules:\n  r1:\n    given: $.info\n    then: {function: shiny}\n",
            "rules.yaml:4:22: rule 'r1': unknown function `shiny`",
        ),
        (
            "rules:\n  r1:\n    given: $.info\n    then:\n      function: pattern\n      functionOptions: {match: '(unclosed'}\n",
            "rules.yaml:6:7: rule 'r1': invalid functionOptions for `pattern`",
        ),
        (
            "rules:\n  r1:\n    given: $.info\n    then:\n      function: casing\n      functionOptions: {type: upper}\n",
            "rules.yaml:6:7: rule 'r1': invalid functionOptions for `casing`",
        ),
        (
            "rules:\n  r1:\n    given: $.info\n    then: {function: truthy}\n    severity: fatal\n",
            "rules.yaml:5:15: rule 'r1': `severity` must be one of",
        ),
        (
            "rules:\n  r1:\n    given: $.info\n    then: {function: truthy}\n    colour: red\n",
            "rules.yaml:5:5: rule 'r1': unknown rule key `colour`",
        ),
        ("rulez: {}\n", "rules.yaml:1:1: unknown ruleset key `rulez`"),
        ("version: 1.0\nrules: {}\n", "rules.yaml:1:10: `version` must be a semantic version"),
        ("extends: nosuch\n", "rules.yaml:1:10: unknown built-in ruleset"),
        ("extends: zalando@9\n", "rules.yaml:1:10: this oaslint has the built-in ruleset zalando@"),
        ("extends: ./starter.yaml\nrules:\n  '999': must\n", "rules.yaml:3:3: rule '999': rule `999` is not defined in the extended rulesets"),
        ("rules:\n  r1:\n    given: info\n    then: {function: truthy}\n", "rules.yaml:3:12: rule 'r1': `given` must be a JSONPath starting with `$`"),
        ("rules:\n  r1:\n    given: $.info\n", "rules.yaml:2:3: rule 'r1': a rule needs `then`"),
        ("rules: [1, 2]\n", "rules.yaml:1:1: `rules` must be a mapping"),
        ("rules:\n  r1:\n    given: $.a\n    then: {function: truthy}\n    formats: [oas4]\n", "rules.yaml:5:15: rule 'r1': unknown format `oas4`"),
        ("rules: {a: [\n", "rules.yaml:"),
    ];
    for (text, want) in cases {
        let got = load_error(text);
        assert!(
            got.starts_with(want),
            "ruleset:\n{text}\nwant prefix: {want}\ngot:        {got}"
        );
    }
}

#[test]
fn extends_cycles_and_missing_files_are_errors() {
    let err = load_with(
        &[
            ("a.yaml", "extends: ./b.yaml\n"),
            ("b.yaml", "extends: ./a.yaml\n"),
        ],
        "a.yaml",
    )
    .unwrap_err();
    assert!(err.message.contains("cycle"), "{err}");
    let err = load_with(&[("a.yaml", "extends: ./gone.yaml\n")], "a.yaml").unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.yaml:1:10: cannot read extended ruleset gone.yaml: no such file"
    );
}

#[test]
fn an_extending_ruleset_overrides_severity_options_and_switches_rules_off() {
    let base = load("extends: ./starter.yaml\n").unwrap();
    let report = lint(base, SPEC);
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(
        rules.contains(&"116") && rules.contains(&"129") && rules.contains(&"136"),
        "{rules:?}"
    );

    let company = load(
        "name: acme
version: 2.1.0
extends: ./starter.yaml
rules:
  '116': should
  '136': off
  '129':
    functionOptions:
      match: ^/[A-Za-z_/]*$
",
    )
    .unwrap();
    assert_eq!(
        (company.name.as_str(), company.version.as_str()),
        ("acme", "2.1.0")
    );
    let report = lint(company, SPEC);
    let find = |id: &str| report.findings.iter().find(|f| f.rule == id);
    assert_eq!(find("116").unwrap().severity, Severity::Should);
    assert!(find("136").is_none(), "136 is off");
    assert!(find("129").is_none(), "129's pattern now allows /Bad_Path/");
    assert!(find("218").is_some(), "other rules are inherited unchanged");
}

#[test]
fn extends_modes_and_boolean_rules() {
    let off = load("extends: [[./starter.yaml, off]]\nrules:\n  '116': true\n").unwrap();
    let ids: Vec<String> = lint(off, SPEC)
        .findings
        .iter()
        .map(|f| f.rule.clone())
        .collect();
    assert_eq!(ids, ["116"], "only the re-enabled rule runs");
    let all = load("extends: [zalando, all]\n").unwrap();
    assert!(all.rules.iter().all(|r| r.level().is_some()));
}

#[test]
fn spectral_severities_and_numbers_are_read() {
    let rs = load(
        "rules:
  a: {given: $.info, then: {field: x, function: defined}, severity: error}
  b: {given: $.info, then: {field: x, function: defined}, severity: warn}
  c: {given: $.info, then: {field: x, function: defined}, severity: 2}
  d: {given: $.info, then: {field: x, function: defined}, severity: hint}
  e: {given: $.info, then: {field: x, function: defined}}
",
    )
    .unwrap();
    let sev: Vec<_> = rs.rules.iter().map(|r| r.level()).collect();
    assert_eq!(
        sev,
        [
            Some(Severity::Must),
            Some(Severity::Should),
            Some(Severity::May),
            Some(Severity::Hint),
            Some(Severity::Should)
        ]
    );
}

#[test]
fn message_placeholders_are_filled() {
    let rs = load(
        "rules:
  tag-case:
    description: Paths are lower case
    message: '{{property}} is bad at {{path}}: {{error}} ({{value}}) [{{description}}] {{unknown}}.'
    given: $.paths
    then: {field: '@key', function: pattern, functionOptions: {match: '^[a-z/]+$'}}
",
    )
    .unwrap();
    let report = lint(rs, SPEC);
    let f = &report.findings[0];
    assert_eq!(
        f.message,
        // At a key, the value is the key (Spectral prints the object under
        // it, `Object{}`: docs/spectral-compatibility.md).
        "/Bad_Path/ is bad at #/paths/~1Bad_Path~1: \"/Bad_Path/\" must match the pattern \"^[a-z/]+$\" (/Bad_Path/) [Paths are lower case] ."
    );
    assert_eq!((f.range.start.line, f.range.start.column), (6, 3));
}

#[test]
fn aliases_expand_in_given() {
    let rs = load(
        "aliases:
  Operation: ['$.paths[*][get,put,post]']
rules:
  op-summary:
    given: '#Operation'
    then: {field: summary, function: truthy}
",
    )
    .unwrap();
    let report = lint(rs, SPEC);
    assert_eq!(report.findings.len(), 1);
    // The pointer names the missing member (Spectral stops at the nearest
    // existing node: docs/spectral-compatibility.md).
    assert_eq!(
        report.findings[0].pointer,
        "/paths/~1Bad_Path~1/get/summary"
    );
    assert!(
        report.findings[0]
            .message
            .starts_with("\"get.summary\" property "),
        "{}",
        report.findings[0].message
    );
    let err = load("rules:\n  r:\n    given: '#Nope'\n    then: {function: truthy}\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "rules.yaml:3:12: rule 'r': unknown alias `#Nope`"
    );
}

#[test]
fn formats_restrict_rules() {
    let rs = load(
        "rules:
  only-swagger: {given: $, then: {field: nope, function: defined}, formats: [oas2]}
  only-31: {given: $, then: {field: nope, function: defined}, formats: [oas3_1]}
  only-30: {given: $, then: {field: nope, function: defined}, formats: [oas3_0]}
",
    )
    .unwrap();
    let ids: Vec<String> = lint(rs, SPEC)
        .findings
        .iter()
        .map(|f| f.rule.clone())
        .collect();
    assert_eq!(ids, ["only-30"]);
}

#[test]
fn resolved_false_sees_refs_and_true_sees_targets() {
    let spec = "openapi: 3.0.3
info: {title: t, version: 1.0.0}
paths: {}
components:
  schemas:
    A:
      $ref: '#/components/schemas/B'
    B:
      type: object
";
    let rs = load(
        "rules:
  raw-ref: {given: '$.components.schemas.A', then: {field: $ref, function: undefined}, resolved: false}
  resolved-type: {given: '$.components.schemas.A', then: {field: type, function: undefined}}
",
    )
    .unwrap();
    let report = lint(rs, spec);
    let found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.pointer.as_str()))
        .collect();
    // The resolved view reports at the definition site (B), as Zally does.
    assert_eq!(
        found,
        [
            ("raw-ref", "/components/schemas/A/$ref"),
            ("resolved-type", "/components/schemas/B/type")
        ]
    );
}

#[test]
fn x_zally_ignore_and_x_lint_ignore_suppress_below_their_node() {
    let spec = "openapi: 3.0.3
x-zally-ignore: [218]
info: {title: T, version: 1.0.0}
paths:
  /Bad_Path/:
    x-lint-ignore: '129'
    get: {responses: {'200': {description: ok}}}
  /other_path:
    get: {responses: {'200': {description: ok}}}
";
    let report = Linter::new(load("extends: ./starter.yaml\n").unwrap()).lint(
        "spec.yaml",
        spec,
        &MemoryResolver::new(),
    );
    let found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.pointer.as_str()))
        .collect();
    // 218 is ignored from the root down; 129 only on /Bad_Path/.
    assert_eq!(
        found,
        [
            ("136", "/paths/~1Bad_Path~1"),
            ("129", "/paths/~1other_path")
        ]
    );
    // Four missing `info` members (218) and one path (129).
    assert_eq!(report.summary.ignored, 5);
}

#[test]
fn builtin_ruleset_version_is_consistent() {
    let rs = RulesetLoader::new(&MemoryResolver::new(), &FunctionRegistry::default())
        .load_builtin("zalando")
        .unwrap();
    let (_, version) = oaslint::BUILTIN_RULESETS
        .iter()
        .find(|(name, _)| *name == "zalando")
        .unwrap();
    assert_eq!(rs.version, *version);
    assert!(
        RulesetLoader::new(&MemoryResolver::new(), &FunctionRegistry::default())
            .load_builtin(&format!("zalando@{version}"))
            .is_ok()
    );
}

#[test]
fn unnamed_config_reports_nearest_named_ruleset() {
    let acme = "name: acme-api-guidelines\nversion: 1.2.0\nextends: ../starter.yaml\n";
    let files = [
        ("rulesets/acme.yaml", acme),
        (".oaslint.yaml", "extends: ./rulesets/acme.yaml\n"),
        (
            "named-only.yaml",
            "name: mine\nextends: ./rulesets/acme.yaml\n",
        ),
        (
            "own.yaml",
            "name: mine\nversion: 0.1.0\nextends: ./rulesets/acme.yaml\n",
        ),
        ("bare.yaml", "extends: zalando\n"),
        ("alone.yaml", "rules: {}\n"),
    ];
    let table: &[(&str, &str, &str)] = &[
        (".oaslint.yaml", "acme-api-guidelines", "1.2.0"),
        ("named-only.yaml", "acme-api-guidelines", "1.2.0"),
        ("own.yaml", "mine", "0.1.0"),
        ("bare.yaml", "zalando", oaslint::BUILTIN_RULESETS[0].1),
        ("alone.yaml", "alone", "unversioned"),
    ];
    for (file, name, version) in table {
        let rs = load_with(&files, file).unwrap();
        assert_eq!(
            (rs.name.as_str(), rs.version.as_str()),
            (*name, *version),
            "{file}"
        );
    }
    // The chain: the loaded file, then what it extends, depth first.
    let rs = load_with(&files, ".oaslint.yaml").unwrap();
    let chain: Vec<(Option<&str>, Option<&str>, Option<&str>)> = rs
        .chain
        .iter()
        .map(|r| (r.name.as_deref(), r.version.as_deref(), r.file.as_deref()))
        .collect();
    assert_eq!(
        chain,
        [
            (None, None, Some(".oaslint.yaml")),
            (
                Some("acme-api-guidelines"),
                Some("1.2.0"),
                Some("rulesets/acme.yaml")
            ),
            (Some("starter"), Some("0.1.0"), Some("starter.yaml")),
        ]
    );
    let rs = load_with(&files, "bare.yaml").unwrap();
    assert_eq!(
        rs.chain.len(),
        2,
        "bare.yaml and zalando (not the files it is made of)"
    );
    assert_eq!(rs.chain[1].name.as_deref(), Some("zalando"));
    assert_eq!(rs.chain[1].file, None);
}

#[test]
fn files_and_ignore_are_validated_globs_of_the_loaded_file_only() {
    let files = [
        ("base.yaml", "files: ['base/**']\nignore: ['x/**']\nrules: {}\n"),
        (
            "cfg.yaml",
            "extends: ./base.yaml\nfiles: ['apis/**/*.yaml', 'openapi.json']\nignore: ['**/generated/**']\n",
        ),
        ("none.yaml", "extends: ./base.yaml\n"),
    ];
    let rs = load_with(&files, "cfg.yaml").unwrap();
    assert_eq!(rs.files, ["apis/**/*.yaml", "openapi.json"]);
    assert_eq!(rs.ignore, ["**/generated/**"]);
    let rs = load_with(&files, "none.yaml").unwrap();
    assert!(
        rs.files.is_empty() && rs.ignore.is_empty(),
        "{:?}",
        rs.files
    );
    let cases = [
        (
            "files: apis/*.yaml\nrules: {}\n",
            "rules.yaml:1:8: `files` must be a list of globs, not string",
        ),
        (
            "files: ['a/[b']\nrules: {}\n",
            "rules.yaml:1:9: invalid glob \"a/[b\" in `files`",
        ),
        (
            "ignore: [1]\nrules: {}\n",
            "rules.yaml:1:10: each entry of `ignore` must be a string",
        ),
        (
            "ignore: ['{a,b']\nrules: {}\n",
            "rules.yaml:1:10: invalid glob \"{a,b\" in `ignore`",
        ),
    ];
    for (text, want) in cases {
        let got = load_error(text);
        assert!(
            got.starts_with(want),
            "want prefix: {want}\ngot:        {got}"
        );
    }
}

#[test]
fn loader_errors_suggest_the_closest_name() {
    let cases = [
        (
            "rules:\n  r1:\n    given: $.info\n    then: {function: patern}\n",
            "unknown function `patern`; did you mean `pattern`? (available functions: ",
        ),
        ("rulse: {}\n", "unknown ruleset key `rulse`; did you mean `rules`? (expected one of: name, "),
        (
            "rules:\n  r1:\n    given: $.info\n    then: {function: truthy}\n    severty: must\n",
            "unknown rule key `severty`; did you mean `severity`?",
        ),
        (
            "rules:\n  r1:\n    given: $.a\n    then: {function: truthy}\n    formats: [oas31]\n",
            "unknown format `oas31`; did you mean `oas3_1`? (known formats: oas2, ",
        ),
        ("extends: ./starter.yaml\nrules:\n  '1l8': off\n", "rule `1l8` is not defined in the extended rulesets, so it needs `given` and `then`; did you mean `118`?"),
        ("rules:\n  remote-refs: off\n", "did you mean `remote-ref`?"),
        (
            "extends: ./starter.yaml\noverrides:\n  - files: ['**']\n    rules: {'1l8': off}\n",
            "rule `1l8` in an override is not defined in this ruleset or the rulesets it extends; did you mean `118`?",
        ),
        ("extends: zalndo\n", "unknown built-in ruleset `zalndo`; did you mean `zalando`? (built-in rulesets: zalando, spectral:oas)"),
        (
            "rules:\n  r1:\n    given: $.info\n    then: {function: truthy}\n    severity: shuold\n",
            "`severity` must be one of must, should, may, hint, off (or error, warn, info, 0–3, -1); did you mean `should`?",
        ),
        // Nothing close: the list only.
        (
            "rules:\n  r1:\n    given: $.info\n    then: {function: shiny}\n",
            "unknown function `shiny`; available functions: ",
        ),
    ];
    for (text, want) in cases {
        let got = load_error(text);
        assert!(got.contains(want), "want: {want}\ngot:  {got}");
    }
}

#[test]
fn built_in_checks_are_configured_like_rules() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: v1}\ninfo: {title: T, version: v1}\npaths:\n  /a: {$ref: 'https://example.com/a.yaml'}\n";
    let found = |text: &str| -> Vec<(String, Severity)> {
        lint(load(text).unwrap(), spec)
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.severity))
            .collect()
    };
    assert_eq!(
        found("rules: {}\n"),
        [
            ("duplicate-key".to_string(), Severity::Must),
            ("remote-ref".to_string(), Severity::Hint)
        ]
    );
    assert_eq!(
        found("rules: {remote-ref: off, duplicate-key: warn}\n"),
        [("duplicate-key".to_string(), Severity::Should)]
    );
    let got = load_error("rules:\n  remote-ref: {severity: off}\n");
    assert!(
        got.starts_with(
            "rules.yaml:2:3: rule 'remote-ref': `remote-ref` is a check built into oaslint"
        ),
        "{got}"
    );
}

#[test]
fn root_level_ignore_covers_fragment_findings() {
    // Two rules that flag every `bad: true`. The root ignores `a` at its
    // top level (which covers the `$ref`'d fragment too) and `b` on
    // `/paths` (which does not reach into the fragment); the fragment's
    // own ignore of `b` covers its own node.
    let rules = "rules:\n  a: {given: '$..bad', then: {function: falsy}}\n  b: {given: '$..bad', then: {function: falsy}}\n";
    let root = "openapi: 3.0.3
info: {title: T, version: v1}
x-zally-ignore: [a]
paths:
  x-zally-ignore: [b]
  /p: {$ref: 'frag.yaml#/p'}
  /q: {$ref: 'frag.yaml#/q'}
  /r: {bad: true}
";
    let fragment = "p: {bad: true}\nq: {x-zally-ignore: [b], bad: true}\n";
    let mut files = MemoryResolver::new();
    files.insert("frag.yaml", fragment);
    let report = Linter::new(load(rules).unwrap()).lint("openapi.yaml", root, &files);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let active: Vec<(&str, &str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.file.as_str(), f.pointer.as_str()))
        .collect();
    assert_eq!(active, [("b", "frag.yaml", "/p/bad")]);
    let mut ignored: Vec<(&str, &str, &str, &str)> = report
        .ignored
        .iter()
        .map(|i| {
            (
                i.finding.rule.as_str(),
                i.finding.pointer.as_str(),
                i.ignored_by.file.as_str(),
                i.ignored_by.pointer.as_str(),
            )
        })
        .collect();
    ignored.sort();
    assert_eq!(
        ignored,
        [
            ("a", "/p/bad", "openapi.yaml", "/x-zally-ignore/0"),
            ("a", "/paths/~1r/bad", "openapi.yaml", "/x-zally-ignore/0"),
            ("a", "/q/bad", "openapi.yaml", "/x-zally-ignore/0"),
            (
                "b",
                "/paths/~1r/bad",
                "openapi.yaml",
                "/paths/x-zally-ignore/0"
            ),
            ("b", "/q/bad", "frag.yaml", "/q/x-zally-ignore/0"),
        ]
    );
}
