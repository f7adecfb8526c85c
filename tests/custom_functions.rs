//! Issue 10, item 4: a Spectral ruleset's custom JavaScript functions
//! (`functions`, `functionsDir`) run in the CLI's embedded engine: their
//! results are findings located where their absolute paths point, their
//! options are validated as `createRulesetFunction` declares, and a
//! function that throws, loops, reaches for the file system or lies outside
//! the repository is an error naming the rule and the file, never a crash
//! or a hang. Fixtures: `tests/fixtures/custom-functions/`.

use oaslint_acceptance::{copy_dir, fixture, oaslint_in, Output, Repo};
use serde_json::Value;
use std::time::{Duration, Instant};

/// A repository holding the custom-functions fixtures (the CLI confines
/// file access to it).
fn checkout() -> Repo {
    let repo = Repo::new();
    copy_dir(&fixture("custom-functions"), repo.path());
    repo.commit("fixtures");
    repo
}

fn lint(repo: &Repo, ruleset: &str, format: &str) -> Output {
    oaslint_in(
        repo.path(),
        &["lint", "--ruleset", ruleset, "--format", format, "api.yaml"],
        "",
    )
}

fn findings(out: &Output) -> Vec<Value> {
    let report: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    report["findings"].as_array().cloned().unwrap_or_default()
}

fn start(finding: &Value) -> (u64, u64) {
    let s = &finding["range"]["start"];
    (s["line"].as_u64().unwrap(), s["column"].as_u64().unwrap())
}

#[test]
fn results_are_findings_at_the_paths_the_functions_report() {
    let repo = checkout();
    let out = lint(&repo, "ruleset.yaml", "json");
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    let found = findings(&out);
    let by_rule =
        |rule: &str| -> Vec<&Value> { found.iter().filter(|f| f["rule"] == rule).collect() };

    // An absolute path below the target: at the operationId's value.
    let prefix = by_rule("operation-id-prefix");
    assert_eq!(prefix.len(), 1, "{found:#?}");
    assert_eq!(
        prefix[0]["message"],
        "operationId \"addPet\" must start with one of: get, list, create, update, delete"
    );
    assert_eq!(prefix[0]["pointer"], "/paths/~1pets/post/operationId");
    // Located as oaslint locates members: at the key.
    assert_eq!(start(prefix[0]), (13, 7));
    assert_eq!(prefix[0]["severity"], "must");

    // No path: the target itself; the message names the rule
    // (`context.rule.name`) and reads `context.document.data`.
    let servers = by_rule("has-servers");
    assert_eq!(servers.len(), 1, "{found:#?}");
    assert_eq!(servers[0]["message"], "has-servers: Pets lists no servers");
    assert_eq!(servers[0]["pointer"], "/info");
    assert_eq!(start(servers[0]), (2, 1));

    // A path outside the target's subtree (a sibling), from an async
    // function reading `documentInventory.resolved`.
    let title = by_rule("version-in-title");
    assert_eq!(title.len(), 1, "{found:#?}");
    assert_eq!(
        title[0]["message"],
        "the title must name the major version v2"
    );
    assert_eq!(title[0]["pointer"], "/info/title");
    assert_eq!(start(title[0]), (3, 3));
}

/// The first line of stderr that mentions `what`.
fn error_line<'a>(out: &'a Output, what: &str) -> &'a str {
    out.stderr
        .lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no error about {what}: {}\n{}", out.stderr, out.stdout))
}

#[test]
fn options_are_validated_when_the_ruleset_loads() {
    let repo = checkout();
    let out = lint(&repo, "failing/options.yaml", "text");
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let line = error_line(&out, "noOptions");
    assert!(
        line.contains("failing/options.yaml:7:7")
            && line.contains("\"noOptions\" function does not accept any options"),
        "{line}"
    );

    let out = lint(&repo, "failing/missing-option.yaml", "text");
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let line = error_line(&out, "operationIdPrefix");
    assert!(
        line.contains("failing/missing-option.yaml:8:7")
            && line.contains("\"operationIdPrefix\" function is missing \"prefixes\" option")
            && line.contains("\"operationIdPrefix\" function does not support \"prefix\" option"),
        "{line}"
    );
}

#[test]
fn a_thrown_error_names_the_rule_and_the_function_file() {
    let repo = checkout();
    let out = lint(&repo, "failing/throws.yaml", "text");
    let line = error_line(&out, "throws");
    assert!(
        line.contains("failing/throws.yaml:6:17")
            && line.contains("rule 'throws'")
            && line.contains("failing/functions/throws.js")
            && line.contains("TypeError: no pets here"),
        "{line}"
    );
    assert_ne!(out.code, 0, "an error of a rule fails the run");
}

#[test]
fn an_endless_function_is_stopped_by_the_time_limit() {
    let repo = checkout();
    let began = Instant::now();
    let out = lint(&repo, "failing/loops.yaml", "text");
    let took = began.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    let line = error_line(&out, "loops");
    assert!(
        line.contains("rule 'loops'")
            && line.contains("failing/functions/loops.js")
            && line.contains("time limit of 1 s"),
        "{line}"
    );
    // Stopped once: the rule's other targets are not tried again.
    assert_eq!(out.stderr.matches("loops.js").count(), 1, "{}", out.stderr);
}

#[test]
fn the_file_system_and_other_packages_are_refused_when_the_ruleset_loads() {
    let repo = checkout();
    for (ruleset, module) in [
        ("requiresFs", "fs"),
        ("importsFs", "fs"),
        ("importsLodash", "lodash/get"),
    ] {
        let out = lint(&repo, &format!("failing/{ruleset}.yaml"), "text");
        assert_eq!(out.code, 2, "{ruleset}: {}\n{}", out.stdout, out.stderr);
        let line = error_line(&out, ruleset);
        assert!(
            line.contains(&format!("failing/functions/{ruleset}.js"))
                && line.contains(&format!("'{module}'")),
            "{ruleset}: {line}"
        );
        assert!(!out.stdout.contains("root:"), "{}", out.stdout);
    }
}

#[test]
fn a_functions_dir_outside_the_repository_is_refused() {
    let repo = checkout();
    let out = lint(&repo, "failing/outside.yaml", "text");
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let line = error_line(&out, "passwd");
    assert!(
        line.contains("failing/outside.yaml:2:13") && line.contains("outside the root"),
        "{line}"
    );
}

#[test]
fn a_hostile_thrown_message_forms_no_ci_command() {
    use oaslint_cli::output::defuse::unsafe_output;
    use oaslint_cli::output::Format;
    let repo = checkout();
    repo.write(
        "failing/functions/throws.js",
        r##"export default () => { throw new Error("x\n##vso[task.setvariable variable=x]1\n::error::injected\u001b]52;c;ZXZpbA==\u0007 \u202Eevil"); };"##,
    );
    for (format, name) in [
        (Format::Text, "text"),
        (Format::Github, "github"),
        (Format::AzureDevops, "azure-devops"),
        (Format::Json, "json"),
    ] {
        let out = lint(&repo, "failing/throws.yaml", name);
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let found = unsafe_output(format, text);
            assert!(found.is_empty(), "{name} {stream}: {found:#?}\n{text}");
        }
        assert!(
            out.stderr.contains("throws.js") || out.stdout.contains("throws.js"),
            "{name}: the error is reported\n{}\n{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn a_custom_function_may_take_a_built_in_name_for_its_own_file_only() {
    // Spectral lets a ruleset's function shadow a built-in (baloise's
    // public ruleset does). The extended ruleset's rules must keep the
    // built-in, or an extending file could switch a company rule off
    // without an override the gate would see.
    let repo = checkout();
    let out = lint(&repo, "shadowing/ruleset.yaml", "json");
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    let found = findings(&out);
    let own: Vec<_> = found
        .iter()
        .filter(|f| f["rule"] == "title-mentions-pets")
        .collect();
    assert_eq!(own.len(), 1, "{found:#?}");
    assert_eq!(own[0]["message"], "the title must mention pets");
    assert_eq!(own[0]["pointer"], "/info/title");
    let company: Vec<_> = found
        .iter()
        .filter(|f| f["rule"] == "info-description")
        .collect();
    assert_eq!(company.len(), 1, "{found:#?}");
    assert_eq!(
        company[0]["message"],
        "\"info.description\" property must be truthy"
    );
    assert_eq!(company[0]["severity"], "must");
    assert!(
        out.stderr.contains("shadowing/ruleset.yaml:4:")
            && out.stderr.contains("replaces the built-in function"),
        "{}",
        out.stderr
    );
}

/// The one finding of `rule` in a run that must find something.
fn only_finding(out: &Output, rule: &str) -> Value {
    assert!(out.code <= 1, "{}\n{}", out.stdout, out.stderr);
    let found = findings(out);
    let of_rule: Vec<&Value> = found.iter().filter(|f| f["rule"] == rule).collect();
    assert_eq!(of_rule.len(), 1, "{found:#?}\n{}", out.stderr);
    of_rule[0].clone()
}

#[test]
fn context_rule_is_the_rule_as_spectral_gives_it() {
    // Spectral passes its `Rule` object; public rulesets read
    // `context.rule.message` (apiaddicts), not only the name.
    let repo = checkout();
    let out = lint(&repo, "context/rule.yaml", "json");
    let finding = only_finding(&out, "rule-is-described");
    assert_eq!(
        finding["message"],
        "Pets: rule-is-described | Every rule tells its functions what it is | Pets: E | 1 \
         | $.info | title:describeRule:{\"answer\":42} | oas3 | true \
         | https://example.com/rules#described | true"
    );
}

fn lint_spec(repo: &Repo, ruleset: &str, spec: &str) -> Output {
    oaslint_in(
        repo.path(),
        &["lint", "--ruleset", ruleset, "--format", "json", spec],
        "",
    )
}

#[test]
fn functions_see_the_whole_resolved_document_however_large() {
    // About two million nodes per operation once every `$ref` is inlined:
    // a copy per call was cut at 200 000 nodes (the rest `{}`, silently).
    // Functions now read the documents built once per lint, as Spectral's
    // resolved document: a target shared by its uses, a `$ref` on a cycle
    // kept.
    let repo = checkout();
    let began = Instant::now();
    let out = lint_spec(&repo, "documents/ruleset.yaml", "documents/fanout.yaml");
    let took = began.elapsed();
    let whole = only_finding(&out, "sees-the-whole-document");
    assert_eq!(
        whole["message"],
        "30 paths, 30 operations, 30 leaves, cycle #/components/schemas/Node, shared true, other file string"
    );
    let raw = only_finding(&out, "sees-refs-when-unresolved");
    assert_eq!(raw["message"], "#/components/schemas/L0; resolved: object");
    assert!(out.stderr.trim().is_empty(), "{}", out.stderr);
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn core_functions_return_what_spectral_s_return() {
    // Spectral's core functions return `undefined` when the value passes
    // (azure's functions test `if (pattern(…))`); `xor`, `or` and `schema`
    // return an empty array. Expected: Spectral 6.16.3's output for this
    // fixture. `unreferencedReusableObject` reads the `$ref` graph.
    let repo = checkout();
    let out = lint_spec(&repo, "context/core-functions.yaml", "context/api.yaml");
    assert!(out.code <= 1, "{}\n{}", out.stdout, out.stderr);
    let found = findings(&out);
    let results: Vec<&str> = found
        .iter()
        .filter(|f| f["rule"] == "core-function-results")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    let spectral = [
        r##"pattern: undefined / [{"message":"#<<print(\"value\")>> must match the pattern \"/^A/i\""},{"message":"#<<print(\"value\")>> must not match the pattern \"b\""}]"##,
        r##"pattern of a boolean: undefined / undefined"##,
        r##"truthy: undefined / [{"message":"#<<print(\"property\")>>must be truthy"}]"##,
        r##"falsy: undefined / [{"message":"#<<print(\"property\")>>must be falsy"}]"##,
        r##"defined: undefined / [{"message":"#<<print(\"property\")>>must be defined"}]"##,
        r##"undefined: undefined / [{"message":"#<<print(\"property\")>>must be undefined"}]"##,
        r##"enumeration: undefined / [{"message":"#<<print(\"value\")>> must be equal to one of the allowed values: \"a\", 1"}]"##,
        r##"length: undefined / [{"message":"#<<print(\"property\")>>must be shorter than 2"}]"##,
        r##"casing: undefined / [{"message":"must be kebab case"}]"##,
        r##"xor: [] / [{"message":"Just one of \"a\" and \"b\" must be defined"}]"##,
        r##"or: [] / [{"message":"At least one of \"a\" or \"b\" must be defined"}]"##,
        r##"alphabetical: undefined / [{"path":["info","b"],"message":"\"b\" must be placed after \"a\""}]"##,
        r##"schema: [] / [{"path":["info"],"message":"#<<print(\"property\")>>must exist"}]"##,
    ];
    let mut sorted = spectral.to_vec();
    sorted.sort_unstable();
    let mut ours = results.clone();
    ours.sort_unstable();
    assert_eq!(ours, sorted);
    let orphans: Vec<&Value> = found
        .iter()
        .filter(|f| f["rule"] == "unused-schemas")
        .collect();
    assert_eq!(orphans.len(), 1, "{found:#?}");
    assert_eq!(orphans[0]["pointer"], "/components/schemas/Orphan");
    assert_eq!(
        orphans[0]["message"],
        "Potential orphaned reusable object has been detected"
    );
}

#[test]
fn context_path_is_the_path_through_the_refs_the_rule_followed() {
    // Spectral passes the path of its walk of the resolved document; a
    // result path built from it is placed where it leads, in whichever
    // file. Expected: Spectral 6.16.3's messages and places.
    let repo = checkout();
    let out = lint_spec(&repo, "context/paths.yaml", "context/paths-api.yaml");
    assert!(out.stderr.trim().is_empty(), "{}", out.stderr);
    let found = findings(&out);
    let mut got: Vec<(String, String, String)> = found
        .iter()
        .filter(|f| f["rule"] == "property-has-type")
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (text("file"), text("pointer"), text("message"))
        })
        .collect();
    got.sort();
    let expected = [
        (
            "context/paths-api.yaml",
            "/components/schemas/PriceRange/description",
            "no type at components.schemas.Config.properties.price_range",
        ),
        (
            "context/people.yaml",
            "/Person/properties/nickname/description",
            "no type at components.schemas.Config.properties.owner.properties.nickname",
        ),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(got, expected);
}

#[test]
fn a_ref_on_a_cycle_stays_as_spectral_leaves_it() {
    // Spectral's resolver leaves the `$ref`s on a cycle of `$ref`s (A.b ->
    // B -> A, A.c -> C -> A, C.back -> C) and replaces the others (the
    // path's `$ref` to B). Expected: Spectral 6.16.3's output.
    let repo = checkout();
    let out = lint_spec(&repo, "context/cycles.yaml", "context/cycles-api.yaml");
    let finding = only_finding(&out, "resolved-refs");
    assert_eq!(
        finding["message"],
        "/paths//a/get/responses/200/content/application/json/schema/properties/a = $ref #/components/schemas/A \
         ; /components/schemas/A/properties/b = $ref #/components/schemas/B \
         ; /components/schemas/A/properties/c = $ref #/components/schemas/C \
         ; /components/schemas/B = (seen) \
         ; /components/schemas/C/properties/deep/properties/back = $ref #/components/schemas/C \
         ; /components/schemas/C/properties/deep/properties/toA = $ref #/components/schemas/A"
    );
}

/// The messages of `rule`'s findings, by pointer.
fn messages(out: &Output, rule: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = findings(out)
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["pointer"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_documents_functions_see_are_frozen() {
    // The calls of one lint run in several engine instances (one per
    // thread); a write would reach only some later calls. In strict code
    // (an ES module) a write throws; in sloppy code (CommonJS) it is
    // ignored, and the function reads the document as written.
    let repo = checkout();
    let out = lint(&repo, "frozen/writes.yaml", "json");
    let line = error_line(&out, "writesStrict");
    assert!(
        line.contains("rule 'writes-strict'")
            && line.contains("frozen/functions/writesStrict.js")
            && line.contains("TypeError"),
        "{line}"
    );
    assert_eq!(
        messages(&out, "writes-sloppy"),
        [("/info".to_string(), "Pets 2.1.0 undefined Pets".to_string())]
    );
}

#[test]
fn json_stringify_of_a_document_is_the_documents_text_on_every_call() {
    // Made once per lint and handed out again; the text with a `toJSON` on
    // a prototype, or with a `space` argument, is made anew.
    let repo = checkout();
    let out = lint(&repo, "frozen/stringify.yaml", "json");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let found = messages(&out, "document-text");
    assert_eq!(found.len(), 2, "{found:#?}");
    let text = r#"{"openapi":"3.0.3","info":{"title":"Pets","version":"2.1.0"},"paths":{"/pets":{"get":{"operationId":"listPets","responses":{"200":{"description":"ok"}}},"post":{"operationId":"addPet","responses":{"201":{"description":"created"}}}}}}"#;
    for ((_, message), id) in found.iter().zip(["listPets", "addPet"]) {
        assert_eq!(
            message,
            &format!("{id}: {} true true \"patched\" {}", text.len(), &text[..32])
        );
    }
}

#[test]
fn a_modules_pure_helpers_compute_what_they_compute_unremembered() {
    // `hashCode` and `shout` are pure (pure.rs): called again with the
    // same argument they answer from the memo. Expected: Java's
    // String.hashCode, as Node computes these.
    let repo = checkout();
    let out = lint(&repo, "frozen/pure.yaml", "json");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        messages(&out, "pure-helper"),
        [
            (
                "/paths/~1pets/get/operationId".to_string(),
                "LISTPETS! 2484052 1345526002".to_string()
            ),
            (
                "/paths/~1pets/post/operationId".to_string(),
                "ADDPET! 2484052 -1422528322".to_string()
            ),
        ]
    );
}
