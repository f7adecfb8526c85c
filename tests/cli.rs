//! End-to-end tests of the `oaslint` command line, run in-process.

use oaslint_acceptance::{fixture, oaslint, oaslint_in};

/// A pinned copy of the first five Zalando rules: CLI mechanics are tested
/// against it so the snapshots don't change whenever the built-in grows.
const STARTER: &str = "rulesets/starter.yaml";

fn starter_path() -> String {
    fixture(STARTER).to_string_lossy().into_owned()
}

#[test]
fn text_output_of_a_multi_file_spec() {
    let out = oaslint(&["lint", "-r", STARTER, "specs/pets-api.yaml"]);
    assert_eq!(out.code, 1, "MUST findings fail the run: {}", out.stderr);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn json_output_of_a_multi_file_spec() {
    let out = oaslint(&[
        "lint",
        "-r",
        STARTER,
        "--format",
        "json",
        "specs/pets-api.yaml",
    ]);
    assert_eq!(out.code, 1);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    insta::assert_json_snapshot!(report, {".tool.version" => "[version]"});
}

#[test]
fn findings_in_a_referenced_file_are_located_in_that_file() {
    let out = oaslint(&[
        "lint",
        "-r",
        STARTER,
        "--format",
        "json",
        "specs/pets-api.yaml",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "118" && f["pointer"] == "/Pet/properties/birthDate")
        .expect("118 on birthDate in schemas/pet.yaml");
    assert_eq!(finding["file"], "specs/schemas/pet.yaml");
    // `    birthDate:` is line 13 of pet.yaml; the key starts in column 5.
    assert_eq!(
        finding["range"]["start"],
        serde_json::json!({"line": 13, "column": 5})
    );
    assert_eq!(
        finding["range"]["end"],
        serde_json::json!({"line": 13, "column": 14})
    );
    let docs: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["specs/pets-api.yaml", "specs/schemas/pet.yaml"]);
}

#[test]
fn json_input_is_located_exactly() {
    let out = oaslint(&[
        "lint",
        "-r",
        STARTER,
        "--format",
        "json",
        "specs/pets-api.json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["documents"][0]["format"], "swagger-2.0");
    let f = |rule: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("a finding of rule {rule}"))
            .clone()
    };
    let trailing = f("136");
    assert_eq!(trailing["pointer"], "/paths/~1pets~1~1toys");
    assert_eq!(
        trailing["range"]["start"],
        serde_json::json!({"line": 10, "column": 5})
    );
    let camel = f("118");
    assert_eq!(camel["pointer"], "/definitions/Toy/properties/toyName");
    assert_eq!(
        camel["range"]["start"],
        serde_json::json!({"line": 17, "column": 46})
    );
    insta::assert_json_snapshot!(report["findings"]);
}

#[test]
fn clean_spec_passes_with_exit_code_0() {
    let out = oaslint(&["lint", "-r", STARTER, "specs/clean.yaml"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn fail_on_levels_set_the_exit_code() {
    // pets-api.yaml has MUST findings only; clean.yaml has none.
    for (level, pets, clean) in [
        ("must", 1, 0),
        ("should", 1, 0),
        ("may", 1, 0),
        ("hint", 1, 0),
        ("none", 0, 0),
    ] {
        let out = oaslint(&[
            "lint",
            "-r",
            STARTER,
            "--fail-on",
            level,
            "specs/pets-api.yaml",
        ]);
        assert_eq!(out.code, pets, "--fail-on {level} on pets-api.yaml");
        let out = oaslint(&[
            "lint",
            "-r",
            STARTER,
            "--fail-on",
            level,
            "specs/clean.yaml",
        ]);
        assert_eq!(out.code, clean, "--fail-on {level} on clean.yaml");
    }
}

#[test]
fn a_should_finding_fails_only_at_should_or_lower() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rules.yaml"),
        format!("extends: {}\nrules:\n  \"116\": should\n", starter_path()),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        std::fs::read_to_string(fixture("specs/clean.yaml"))
            .unwrap()
            .replace("version: 1.2.0", "version: v1"),
    )
    .unwrap();
    // rules.yaml extends a file outside the temporary directory (the root).
    let fixtures = fixture("").to_string_lossy().into_owned();
    let run = |level: &str| {
        oaslint_in(
            dir.path(),
            &[
                "lint",
                "-r",
                "rules.yaml",
                "--ref-root",
                &fixtures,
                "--fail-on",
                level,
                "spec.yaml",
            ],
            "",
        )
    };
    assert_eq!(run("must").code, 0);
    assert_eq!(run("should").code, 1);
    assert_eq!(run("hint").code, 1);
    assert_eq!(run("none").code, 0);
    // Spectral's words: error = must, warn = should, info = may.
    assert_eq!(run("error").code, 0);
    assert_eq!(run("warn").code, 1);
    assert_eq!(run("info").code, 1);
}

/// `--fail-on` names Spectral's words in its help.
#[test]
fn fail_on_help_names_spectral_words() {
    let out = oaslint(&["lint", "--help"]);
    assert_eq!(out.code, 0);
    let help = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("error (= must), warn (= should), info (= may)"),
        "{help}"
    );
}

/// A missing file: its error once, on standard error, and a summary that
/// does not say "no findings".
#[test]
fn a_missing_file_is_reported_once() {
    let out = oaslint(&["lint", "-r", STARTER, "specs/missing.yaml"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.matches("specs/missing.yaml").count(), 1);
    assert!(!out.stdout.contains("missing.yaml"), "{}", out.stdout);
    assert_eq!(out.stdout, "nothing linted: 1 error\n");
    // With a file that was linted: counts, never "no findings".
    let out = oaslint(&[
        "lint",
        "-r",
        STARTER,
        "specs/clean.yaml",
        "specs/missing.yaml",
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stdout,
        "0 findings: 0 must, 0 should, 0 may, 0 hint in 1 file; 1 error\n"
    );
}

/// `--color` and the colour variables (standard output is no terminal
/// in these runs): the flag wins, then NO_COLOR, then FORCE_COLOR and
/// CLICOLOR_FORCE.
#[test]
fn colour_follows_the_flag_and_the_variables() {
    let run = |flags: &[&str], env: &[(&str, &str)]| {
        let args = [
            &["lint", "-r", STARTER][..],
            flags,
            &["specs/pets-api.yaml"],
        ]
        .concat();
        let env: oaslint_cli::Env = env.iter().copied().collect();
        oaslint_acceptance::oaslint_env(&fixture(""), &args, "", env)
            .stdout
            .contains('\x1b')
    };
    assert!(!run(&[], &[]), "no terminal: plain");
    assert!(run(&["--color", "always"], &[]));
    assert!(run(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(run(&[], &[("FORCE_COLOR", "1")]));
    assert!(run(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&[], &[("FORCE_COLOR", "0")]));
    assert!(!run(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(!run(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    // Colour is for the terminal: a report file never gets it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let out = oaslint_acceptance::oaslint_env(
        &fixture(""),
        &[
            "lint",
            "-r",
            STARTER,
            "--color",
            "always",
            "-o",
            file.to_str().unwrap(),
            "specs/pets-api.yaml",
        ],
        "",
        oaslint_cli::Env::empty(),
    );
    assert_eq!(out.code, 1);
    assert!(!std::fs::read_to_string(file).unwrap().contains('\x1b'));
}

/// clap's suggestions for flags and values, and oaslint's for function
/// names.
#[test]
fn did_you_mean() {
    let out = oaslint(&["lint", "--max-finding", "3", "x.yaml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("tip: a similar argument exists: '--max-findings'"),
        "{}",
        out.stderr
    );
    let out = oaslint(&["lint", "--format", "markdwn", "x.yaml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("[possible values:"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("tip: a similar value exists: 'markdown'"),
        "{}",
        out.stderr
    );
    let out = oaslint(&["lint", "--color", "alwyas", "x.yaml"]);
    assert!(out.stderr.contains("'always'"), "{}", out.stderr);
    let out = oaslint(&["functions", "patern"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `pattern`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn stdin_is_linted_as_stdin() {
    let spec = std::fs::read_to_string(fixture("specs/clean.yaml"))
        .unwrap()
        .replace("/orders/", "/Orders/");
    let out = oaslint_in(
        &fixture(""),
        &["lint", "-r", STARTER, "--format", "json", "-"],
        &spec,
    );
    assert_eq!(out.code, 1);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["findings"][0]["file"], "<stdin>");
    assert_eq!(report["findings"][0]["rule"], "129");
}

#[test]
fn globs_lint_every_match_into_one_report() {
    let out = oaslint(&["lint", "-r", STARTER, "--format", "json", "specs/*.yaml"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let linted: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["format"].is_null())
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(linted, ["specs/clean.yaml", "specs/pets-api.yaml"]);
    let out = oaslint(&["lint", "-r", STARTER, "specs/*.nothing"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no files match"), "{}", out.stderr);
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    let out = oaslint(&[
        "lint",
        "-r",
        STARTER,
        "-f",
        "json",
        "-o",
        target.to_str().unwrap(),
        "specs/clean.yaml",
    ]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(target).unwrap()).unwrap();
    assert_eq!(report["summary"]["must"], 0);
}

#[test]
fn config_file_is_found_in_a_parent_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".oaslint.yaml"),
        format!(
            "name: acme\nversion: 1.0.0\nextends: {}\nrules:\n  \"129\": off\n",
            starter_path()
        ),
    )
    .unwrap();
    let sub = dir.path().join("api");
    std::fs::create_dir(&sub).unwrap();
    // The search goes up to the repository's root (and no further).
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(
        sub.join("spec.yaml"),
        std::fs::read_to_string(fixture("specs/clean.yaml"))
            .unwrap()
            .replace("/orders/", "/Orders/"),
    )
    .unwrap();
    let fixtures = fixture("").to_string_lossy().into_owned();
    let out = oaslint_in(
        &sub,
        &["lint", "-f", "json", "--ref-root", &fixtures, "spec.yaml"],
        "",
    );
    assert_eq!(
        out.code, 0,
        "rule 129 is off in .oaslint.yaml: {}",
        out.stdout
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        report["ruleset"],
        serde_json::json!({"name": "acme", "version": "1.0.0"})
    );
}

#[test]
fn unreadable_input_is_exit_code_2_with_the_file_named() {
    let out = oaslint(&["lint", "-r", STARTER, "specs/missing.yaml"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "specs/missing.yaml: cannot read: no such file\n"
    );
}

#[test]
fn a_dangling_ref_is_an_error_at_its_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths:\n  /a:\n    $ref: './nowhere.yaml#/x'\n",
    )
    .unwrap();
    let out = oaslint_in(dir.path(), &["lint", "spec.yaml"], "");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(
            "spec.yaml:5:5: cannot read `./nowhere.yaml#/x` (nowhere.yaml): no such file"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn rules_lists_the_ruleset() {
    let out = oaslint(&["rules", "-r", STARTER]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stdout);
    let out = oaslint(&["rules", "--format", "json"]);
    let listing: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        listing["ruleset"]["name"], "zalando",
        "the built-in is the default"
    );
    let out = oaslint(&["rules", "-r", STARTER, "--format", "json"]);
    let listing: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(listing["rules"][0]["id"], "116");
    assert_eq!(
        listing["rules"][0]["link"],
        "https://opensource.zalando.com/restful-api-guidelines/#116"
    );
}

/// `oaslint functions` lists every built-in function with the first line
/// of its documentation; with a name it prints that function's whole
/// documentation (the text of docs/functions.md) and options schema.
#[test]
fn functions_lists_and_documents_the_built_in_functions() {
    let out = oaslint(&["functions"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for name in [
        "truthy",
        "pattern",
        "casing",
        "zalandoEnumValues",
        "caseChecker",
    ] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{name} "))),
            "{name} is not listed:\n{}",
            out.stdout
        );
    }
    let out = oaslint(&["functions", "truthy"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with("truthy\n\nThe value must be truthy"),
        "{}",
        out.stdout
    );
    for section in [
        "# What it does",
        "# Why",
        "# Options",
        "# Example",
        "```yaml fail",
    ] {
        assert!(
            out.stdout.contains(section),
            "no {section}:\n{}",
            out.stdout
        );
    }
    let out = oaslint(&["functions", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let truthy = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "truthy")
        .expect("truthy is listed");
    assert_eq!(
        truthy["summary"],
        "The value must be truthy in the JavaScript sense."
    );
    assert!(truthy["optionsSchema"].is_object());
    let out = oaslint(&["functions", "noSuchFunction"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no function `noSuchFunction`"),
        "{}",
        out.stderr
    );
}

#[test]
fn usage_errors_are_exit_code_2_and_help_is_0() {
    let out = oaslint(&["lint", "-r", STARTER, "--format", "yaml", "x.yaml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid value 'yaml'"),
        "{}",
        out.stderr
    );
    let out = oaslint(&["--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Usage: oaslint"));
}
