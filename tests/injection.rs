//! Issue 9, part 1: text from a pull request — specs, `$ref`'d files, file
//! names, the ruleset, the acknowledgement file — must not form a CI logging
//! or workflow command in any output of oaslint, on stdout or stderr, for
//! Azure Pipelines or GitHub Actions. The runners' parsing is encoded in
//! `oaslint_cli::output::defuse::injected_commands`; these tests play the
//! attacker through the CLI as `ci-templates/` run it.

use oaslint_acceptance::{oaslint_in, Output};
use oaslint_cli::output::defuse::unsafe_output;
use oaslint_cli::output::Format;
use std::path::Path;

/// Every `--format` with its name on the command line.
const FORMATS: &[(Format, &str)] = &[
    (Format::Text, "text"),
    (Format::Json, "json"),
    (Format::Markdown, "markdown"),
    (Format::Sarif, "sarif"),
    (Format::Junit, "junit"),
    (Format::Github, "github"),
    (Format::AzureDevops, "azure-devops"),
    (Format::AzurePrThread, "azure-pr-thread"),
    (Format::SpectralJson, "spectral-json"),
];

/// The payloads, as YAML double-quoted text: each one a way to start a
/// command or to hide or rewrite terminal output.
const PAYLOAD: &str = concat!(
    r"x\n##vso[task.prependpath]/apis/tools\n",
    r"::error::injected\n",
    r"\r##[group]grp",
    r" \e]52;c;ZXZpbA==\a \e[2K \u202Eevil\u2066",
    r" #\u200B#vso[task.setvariable variable=zw]1",
    r" #\u00AD#vso[task.setvariable variable=shy]1",
    r" \u2028::add-mask::secret \x85::warning::nel",
    r" \r::stop-commands::tok",
);

/// A spec whose every text carries the payload: a title, a path key (in
/// the message of the path rules), a dangling `$ref` (in an error), and a
/// YAML comment on the line of a finding (in the code frame).
fn hostile_spec() -> String {
    hostile_spec_with(&format!("$ref: \"{PAYLOAD}\""))
}

/// The hostile spec with `schema` as the response schema.
fn hostile_spec_with(schema: &str) -> String {
    format!(
        "openapi: 3.0.3\n\
         info:\n  \
           title: \"{PAYLOAD}\"\n  \
           description: d\n  \
           version: v1 # ##vso[task.setvariable variable=x]y \u{1b}]52;c;eA==\u{7}\n  \
           contact: {{name: n, url: u, email: e}}\n\
         paths:\n  \
           \"/Bad{PAYLOAD}\":\n    \
             get:\n      \
               responses:\n        \
                 '200':\n          \
                   description: ok\n          \
                   content:\n            \
                     application/json:\n              \
                       schema:\n                \
                         {schema}\n"
    )
}

/// A ruleset whose name, titles and messages carry commands.
fn hostile_ruleset() -> String {
    format!(
        "name: \"starter {PAYLOAD}\"\n\
         version: 0.1.0\n\
         description: \"{PAYLOAD}\"\n\
         rules:\n  \
           \"116\":\n    \
             title: \"Semver {PAYLOAD}\"\n    \
             message: \"::error::`info.version` {{{{error}}}} {PAYLOAD}\"\n    \
             severity: must\n    \
             given: $.info\n    \
             then:\n      \
               field: version\n      \
               function: pattern\n      \
               functionOptions:\n        \
                 match: ^[0-9]+\\.[0-9]+(\\.[0-9]+)?$\n  \
           \"129\":\n    \
             title: \"##[error]Kebab paths\"\n    \
             message: \"Path {{{{value}}}} ##vso[task.complete result=Succeeded]done\"\n    \
             severity: should\n    \
             given: $.paths\n    \
             then:\n      \
               field: \"@key\"\n      \
               function: pattern\n      \
               functionOptions:\n        \
                 match: ^(/[a-z]+)*$\n"
    )
}

/// An acknowledgement file with a stale entry whose rule breaks the line,
/// and an entry for the MUST finding (refused without --allow-must-ack).
fn hostile_ack(spec: &str) -> String {
    format!(
        "version: 1\n\
         acknowledgements:\n  \
           - rule: \"x\\n##vso[task.setvariable variable=acked]1\\n::error::ack\"\n    \
             file: \"{spec}\"\n    \
             pointer: \"/info/x\\n##vso[task.complete]\"\n    \
             reason: \"{PAYLOAD}\"\n  \
           - rule: \"116\"\n    \
             file: \"{spec}\"\n    \
             pointer: /info/version\n    \
             reason: \"{PAYLOAD}\"\n    \
             by: \"@octocat ##vso[task.setvariable variable=by]1\"\n"
    )
}

/// The name of the hostile spec file: a command, a line break, a bidi
/// override and an escape sequence, all legal in a Linux file name.
const HOSTILE_NAME: &str =
    "##vso[task.setvariable variable=f]1\n::error::name \u{202e}\u{1b}[2K #\u{200b}#vso[a.b].yaml";

/// A checkout as the attacker leaves it: specs under `apis/`, the ruleset,
/// the acknowledgement file.
fn checkout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let apis = dir.path().join("apis");
    std::fs::create_dir(&apis).unwrap();
    std::fs::write(apis.join("a.yaml"), hostile_spec()).unwrap();
    std::fs::write(apis.join(HOSTILE_NAME), hostile_spec()).unwrap();
    std::fs::write(dir.path().join("ruleset.yaml"), hostile_ruleset()).unwrap();
    std::fs::write(
        dir.path().join(".oaslint-ack.yaml"),
        hostile_ack("apis/a.yaml"),
    )
    .unwrap();
    dir
}

/// `out` is free of commands and, for human formats, of raw invisible
/// characters (`oaslint_cli::output::defuse::unsafe_output`).
fn assert_clean(what: &str, format: Format, out: &str) {
    let found = unsafe_output(format, out);
    assert!(
        found.is_empty(),
        "{what} as {format:?}: {found:#?}\n--- output ---\n{out}"
    );
}

fn lint(dir: &Path, args: &[&str]) -> Output {
    let out = oaslint_in(dir, args, "");
    assert!(out.code <= 2, "exit code {}", out.code);
    out
}

/// `oaslint lint --ruleset ruleset.yaml ARGS` in `dir` (the hostile ruleset).
fn lint_hostile(dir: &Path, args: &[&str]) -> Output {
    let head = ["lint", "--ruleset", "ruleset.yaml"];
    lint(dir, &[&head[..], args].concat())
}

#[test]
fn no_format_and_no_stream_carries_an_injected_command() {
    let dir = checkout();
    for &(format, name) in FORMATS {
        let out = lint_hostile(
            dir.path(),
            &[
                "--timestamp",
                "2026-01-01T00:00:00Z",
                "-f",
                name,
                "apis/*.yaml",
            ],
        );
        assert!(!out.stdout.is_empty(), "{name}: no output");
        assert_clean(&format!("stdout of -f {name}"), format, &out.stdout);
        // Stderr is read by the same runner as plain lines.
        assert_clean(&format!("stderr of -f {name}"), Format::Text, &out.stderr);
        assert!(
            out.stderr.contains("stale acknowledgement"),
            "{name}: {}",
            out.stderr
        );
    }
}

#[test]
fn the_pipeline_templates_invocations_are_clean() {
    let dir = checkout();
    // ci-templates/azure-pipelines.yml and github-actions.yml.
    for (format, name) in [
        (Format::AzureDevops, "azure-devops"),
        (Format::Github, "github"),
    ] {
        let out = lint(
            dir.path(),
            &[
                "lint",
                "--fail-on",
                "must",
                "--timestamp",
                "now",
                "--marker",
                "oaslint-report",
                "--ruleset",
                "ruleset.yaml",
                "-f",
                name,
                "-f",
                "sarif",
                "-o",
                "out/oaslint.sarif",
                "-f",
                "junit",
                "-o",
                "out/oaslint-junit.xml",
                "-f",
                "json",
                "-o",
                "out/oaslint-report.json",
                "-f",
                "markdown",
                "-o",
                "out/summary.md",
                "-f",
                "azure-pr-thread",
                "-o",
                "out/pr-thread.json",
                "apis/*.yaml",
            ],
        );
        // The dangling `$ref` is an error: exit code 2.
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert_clean("stdout", format, &out.stdout);
        assert_clean("stderr", Format::Text, &out.stderr);
        // A later step may `cat` any of the files.
        for (file, f) in [
            ("oaslint.sarif", Format::Sarif),
            ("oaslint-junit.xml", Format::Junit),
            ("oaslint-report.json", Format::Json),
            ("summary.md", Format::Markdown),
            ("pr-thread.json", Format::AzurePrThread),
        ] {
            let text = std::fs::read_to_string(dir.path().join("out").join(file)).unwrap();
            assert_clean(file, f, &text);
        }
    }
}

#[test]
fn machine_formats_keep_the_values_exactly() {
    let dir = checkout();
    let out = lint_hostile(dir.path(), &["-f", "json", "apis/a.yaml"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    // The escaped JSON still says `##vso[` and the rest, byte for byte.
    assert!(
        messages
            .iter()
            .any(|m| m.contains("\n##vso[task.prependpath]") && m.contains("\u{202e}")),
        "{messages:#?}"
    );
    assert!(!out.stdout.contains("##vso["));

    let out = lint_hostile(dir.path(), &["-f", "azure-pr-thread", "apis/a.yaml"]);
    let thread: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(thread["comments"][0]["content"].as_str().is_some());
}

#[test]
fn the_ack_command_is_clean_on_both_streams() {
    let dir = checkout();
    // `oaslint ack` changes nothing while inputs have errors: no `$ref`.
    std::fs::create_dir(dir.path().join("noref")).unwrap();
    std::fs::write(
        dir.path().join("noref/b.yaml"),
        hostile_spec_with("{type: object}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".oaslint-ack.yaml"),
        hostile_ack("noref/b.yaml"),
    )
    .unwrap();
    let out = lint(
        dir.path(),
        &[
            "ack",
            "--ruleset",
            "ruleset.yaml",
            "--by",
            "@octocat ##vso[a.b]",
            "noref/b.yaml",
        ],
    );
    assert!(out.stdout.contains("acknowledgements:"), "{}", out.stdout);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_clean("ack stdout", Format::Text, &out.stdout);
    assert_clean("ack stderr", Format::Text, &out.stderr);
}

/// `oaslint rules` prints the ruleset's own texts (name, titles, links):
/// a pull request's ruleset must not turn them into CI commands either.
#[test]
fn the_rules_listing_is_clean() {
    let dir = checkout();
    for (flag, format) in [("text", Format::Text), ("json", Format::Json)] {
        let out = lint(
            dir.path(),
            &["rules", "-r", "ruleset.yaml", "--format", flag],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("Kebab paths"), "{}", out.stdout);
        assert_clean("rules", format, &out.stdout);
        assert_clean("rules stderr", Format::Text, &out.stderr);
    }
}

#[test]
fn errors_about_arguments_are_clean() {
    let dir = checkout();
    let out = oaslint_in(
        dir.path(),
        &[
            "lint",
            "--fail-on",
            "x\n##vso[task.complete]\n::error::y",
            "a.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 2);
    assert_clean("usage error", Format::Text, &out.stderr);
    // A ruleset error quotes the ruleset.
    std::fs::write(
        dir.path().join("bad-ruleset.yaml"),
        format!("name: n\nversion: \"0.1 {PAYLOAD}\"\nrules: {{}}\n"),
    )
    .unwrap();
    let out = oaslint_in(
        dir.path(),
        &["lint", "-r", "bad-ruleset.yaml", "apis/a.yaml"],
        "",
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("##vso\\[task.prependpath]"),
        "{}",
        out.stderr
    );
    assert_clean("ruleset error", Format::Text, &out.stderr);
    let out = oaslint_in(
        dir.path(),
        &["lint", "missing\n##vso[a.b]\n::error::x.yaml"],
        "",
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing"), "{}", out.stderr);
    assert_clean("unreadable input", Format::Text, &out.stderr);
}

#[test]
fn text_output_shows_escapes_and_keeps_one_line_per_value() {
    let dir = checkout();
    let out = lint_hostile(dir.path(), &["apis/a.yaml"]);
    // The code frame shows the YAML comment, broken, and the escape visibly.
    assert!(
        out.stdout.contains(
            "version: v1 # ##vso\\[task.setvariable variable=x]y \\u{1b}]52;c;eA==\\u{7}"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\\u{202e}evil\\u{2066}"),
        "{}",
        out.stdout
    );
    // Every finding is one header line: file:line:col first.
    for line in out
        .stdout
        .lines()
        .filter(|l| l.contains("MUST") || l.contains("SHOULD"))
    {
        if !line.starts_with(' ') && !line.contains('|') && line.contains(" 116 ") {
            assert!(line.starts_with("apis/a.yaml:"), "{line}");
        }
    }
}

/// Issue 9, part 4: CRLF line breaks and a multi-byte character made the
/// text renderer slice inside a character (exit 101).
#[test]
fn crlf_specs_with_emoji_are_framed_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "swagger: \"2.0\"\r\n: 😀").unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "openapi: 3.0.3\r\ninfo:\r\n  title: Pets 😀 API\r\n  version: v1 😀\r\npaths: {}\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "openapi: 3.0.3\rinfo:\r  title: 😀\r  version: v😀1\rpaths: {}\r",
    )
    .unwrap();
    for file in ["a.yaml", "b.yaml", "c.yaml"] {
        for format in [
            "text",
            "markdown",
            "github",
            "azure-devops",
            "junit",
            "sarif",
            "json",
        ] {
            let out = oaslint_in(dir.path(), &["lint", "-f", format, file], "");
            assert!(out.code <= 2, "{file} {format}: {}", out.code);
        }
    }
    let out = oaslint_in(dir.path(), &["lint", "b.yaml"], "");
    assert!(out.stdout.contains("version: v1 😀"), "{}", out.stdout);
    assert!(!out.stdout.contains('\r'), "{:?}", out.stdout);
}

/// The tool's version (in SARIF, JUnit, Markdown) as `[version]`.
fn redact(text: &str) -> String {
    let v = env!("CARGO_PKG_VERSION");
    text.replace(&format!("oaslint {v}"), "oaslint [version]")
        .replace(
            &format!("\"version\": \"{v}\""),
            "\"version\": \"[version]\"",
        )
        .replace(
            &format!("\"semanticVersion\": \"{v}\""),
            "\"semanticVersion\": \"[version]\"",
        )
}

/// A checkout with the pinned starter ruleset and `spec`.
fn checkout_with(spec: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        oaslint_acceptance::fixture("rulesets/starter.yaml"),
        dir.path().join("starter.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("spec.yaml"), spec).unwrap();
    dir
}

/// Runs `lint -r starter.yaml FLAGS --timestamp … -f NAME spec.yaml` in
/// `dir` in every format, each ending with exit code `code` and a clean
/// stdout; each format's name and output, for the caller's own checks.
fn starter_in_every_format(dir: &Path, flags: &[&str], code: u8) -> Vec<(&'static str, Output)> {
    FORMATS
        .iter()
        .map(|&(format, name)| {
            let format_flags = [
                "--timestamp",
                "2026-01-01T00:00:00Z",
                "-f",
                name,
                "spec.yaml",
            ];
            let args = [&["lint", "-r", "starter.yaml"][..], flags, &format_flags].concat();
            let out = lint(dir, &args);
            assert_eq!(out.code, code, "{name}: {}", out.stderr);
            assert_clean(name, format, &out.stdout);
            (name, out)
        })
        .collect()
}

const IGNORING_SPEC: &str = "openapi: 3.0.3\n\
x-zally-ignore: [\"116\", \"129\"]\n\
info:\n  title: Pets\n  description: d\n  version: v1\n  \
contact: {name: n, url: 'https://x.example', email: a@x.example}\n\
paths:\n  /Pets: {}\n";

/// Every format with the findings a document ignores (honoured with
/// `--allow-must-ignore`): each lists them with the ignore's location, and
/// none says "no findings".
#[test]
fn ignored_findings_are_listed_with_their_ignore_in_every_format() {
    let dir = checkout_with(IGNORING_SPEC);
    for (name, out) in starter_in_every_format(dir.path(), &["--allow-must-ignore"], 0) {
        if name == "spectral-json" {
            // Spectral's report has no place for ignored findings
            // (docs/spectral-compatibility.md).
            assert_eq!(out.stdout, "[]\n");
            continue;
        }
        assert!(
            !out.stdout.contains("no findings"),
            "{name}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("spec.yaml:2:")
                || out.stdout.contains("\"startLine\": 2")
                || out.stdout.contains("\"pointer\": \"/x-zally-ignore/0\""),
            "{name} names the ignore's line: {}",
            out.stdout
        );
        insta::assert_snapshot!(format!("ignored__{name}"), redact(&out.stdout));
    }
}

/// Without `--allow-must-ignore` the ignore of a MUST finding is refused:
/// the finding fails the run and says which ignore it escaped.
#[test]
fn a_refused_ignore_is_named_at_its_finding() {
    let dir = checkout_with(IGNORING_SPEC);
    let out = lint(dir.path(), &["lint", "-r", "starter.yaml", "spec.yaml"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("ignore refused:"), "{}", out.stdout);
    let md = lint(
        dir.path(),
        &["lint", "-r", "starter.yaml", "-f", "markdown", "spec.yaml"],
    );
    assert!(md.stdout.contains("refused"), "{}", md.stdout);
}

/// `--max-findings` cuts what the text and the annotations show, never
/// the gate or the machine reports: the text and the annotations show one
/// finding and sum up the rest per rule; JSON, SARIF and JUnit list all
/// four; the comments (their own size limit) list every rule.
#[test]
fn a_cut_findings_list_is_said_in_every_format() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: Pets\n  description: d\n  version: v1\n  \
contact: {name: n, url: 'https://x.example', email: a@x.example}\n\
paths:\n  /Pets: {}\n  /Owners: {}\n  /a//b/: {}\n";
    let dir = checkout_with(spec);
    for (name, out) in starter_in_every_format(dir.path(), &["--max-findings", "1"], 1) {
        let said = match name {
            "text" => {
                out.stdout
                    .contains("cut: 1 of 4 findings shown (--max-findings 1)")
                    && out.stdout.contains("      2  129  MUST")
            }
            "github" => out
                .stdout
                .contains("3 findings not annotated (--max-findings 1)"),
            "azure-devops" => out
                .stdout
                .contains("3 findings not logged as issues (--max-findings 1)"),
            "json" => out.stdout.matches("\"rule\": \"129\"").count() == 2,
            "sarif" => out.stdout.matches("\"ruleId\": \"129\"").count() == 2,
            "spectral-json" => out.stdout.matches("\"code\": \"129\"").count() == 2,
            "junit" => out.stdout.contains("failures=\"3\""),
            _ => out.stdout.contains("Rules violated (3)"),
        };
        assert!(said, "{name}: {}", out.stdout);
        assert!(!out.stdout.contains("the list stops at"), "{name}");
        if name == "spectral-json" {
            // Names the temporary folder (absolute sources, as Spectral's).
            continue;
        }
        insta::assert_snapshot!(format!("truncated__{name}"), redact(&out.stdout));
    }
}

/// Issue 13's new paths: a folder configuration (its name in the text
/// summary and the comment's footer), the baseline (stale entries on
/// stderr, in the comment and the reports), skipped files, `--statistics`
/// (rule titles), `--quiet`, `--max-findings` (per-rule sums) and
/// `oaslint baseline` — all with the pull request's hostile texts.
#[test]
fn the_repository_fit_paths_are_clean() {
    let dir = checkout();
    let root = dir.path();
    std::fs::write(
        root.join(".oaslint.yaml"),
        "extends: ./ruleset.yaml\nfiles: [\"apis/**/*.yaml\"]\n",
    )
    .unwrap();
    let folder = root.join("apis").join(HOSTILE_NAME.replace(".yaml", ""));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join(".oaslint.yaml"),
        "extends: ../../ruleset.yaml\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("openapi.yaml"),
        hostile_spec_with("{type: object}"),
    )
    .unwrap();
    std::fs::write(
        root.join("apis").join(format!("notes {HOSTILE_NAME}")),
        "- \"##vso[task.complete]\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join(".oaslint-baseline.yaml"),
        format!(
            "version: 1\nfiles:\n  apis/a.yaml:\n    \"116\": [\"/info/x\\n##vso[task.complete]\"]\n    \"x\\n::error::b\": [\"{}\"]\n",
            "/a\\n##vso[task.setvariable variable=b]1"
        ),
    )
    .unwrap();
    for &(format, name) in FORMATS {
        let out = lint(dir.path(), &["lint", "-f", name]);
        assert!(!out.stdout.is_empty(), "{name}: no output");
        assert_clean(&format!("stdout of -f {name}"), format, &out.stdout);
        assert_clean(&format!("stderr of -f {name}"), Format::Text, &out.stderr);
        assert!(
            out.stderr.contains("stale baseline entry"),
            "{name}: {}",
            out.stderr
        );
    }
    let text = lint(dir.path(), &["lint"]);
    assert!(text.stdout.contains("configurations:"), "{}", text.stdout);
    for flags in [
        &["--statistics"][..],
        &["--quiet"],
        &["--max-findings", "1"],
    ] {
        let out = lint(dir.path(), &[&["lint"][..], flags].concat());
        assert_clean(&format!("text {flags:?}"), Format::Text, &out.stdout);
        assert_clean(&format!("stderr {flags:?}"), Format::Text, &out.stderr);
    }
    for format in ["github", "azure-devops"] {
        let out = lint(dir.path(), &["lint", "-f", format, "--max-findings", "1"]);
        let kind = if format == "github" {
            Format::Github
        } else {
            Format::AzureDevops
        };
        assert_clean(&format!("{format} --max-findings 1"), kind, &out.stdout);
    }
    let out = lint(dir.path(), &["baseline"]);
    assert_clean("baseline stdout", Format::Text, &out.stdout);
    assert_clean("baseline stderr", Format::Text, &out.stderr);
}

/// A ruleset's notes (a `then` key Spectral ignores, a rule for AsyncAPI
/// only) go to stderr with the ruleset's own texts in them: a hostile key
/// or format list must not become a command there.
#[test]
fn ruleset_warnings_on_stderr_are_clean() {
    let dir = checkout();
    std::fs::write(
        dir.path().join("noted.yaml"),
        format!(
            "rules:\n  r:\n    formats: [oas3]\n    given: $.info\n    then:\n      function: truthy\n      \"{PAYLOAD}\": 1\n"
        ),
    )
    .unwrap();
    let out = lint(
        dir.path(),
        &[
            "lint",
            "--ruleset",
            "noted.yaml",
            "-f",
            "json",
            "apis/a.yaml",
        ],
    );
    assert!(
        out.stderr.contains("warning: noted.yaml:7:7: `then` key"),
        "{}",
        out.stderr
    );
    assert_clean("ruleset warnings", Format::Text, &out.stderr);
}
