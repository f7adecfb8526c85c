//! The pull-request pipeline outputs: every format on a spec with findings
//! of all four severities, a clean spec and a multi-file run (snapshots);
//! SARIF checked by Microsoft's validator, JUnit by the Jenkins JUnit
//! schema, JSON by `docs/report.schema.json`; the Azure DevOps thread body;
//! exit codes; the acknowledgement file. The rules come from
//! `tests/fixtures/pipeline/ruleset.yaml`, not a built-in ruleset, so the
//! snapshots only change when the outputs do.
//!
//! The validators are installed by `scripts/install-sarif-validator.sh`;
//! without them the validation tests are skipped, unless `CI` is set, when
//! they fail.

use oaslint_acceptance::{copy_dir, fixture, oaslint_in, root, Output, FORMATS};
use std::path::{Path, PathBuf};
use std::process::Command;

const TS: &str = "2026-11-27T14:05:00Z";

/// The three runs every format is snapshotted on, with their exit codes.
const SCENARIOS: &[(&str, &[&str], u8)] = &[
    ("findings", &["specs/findings.yaml"], 1),
    ("clean", &["specs/clean.yaml"], 0),
    ("multi", &["specs/multi/*.yaml"], 1),
];

fn pipeline_dir() -> PathBuf {
    fixture("pipeline")
}

/// `oaslint SUBCOMMAND -r ruleset.yaml --timestamp TS ARGS…` in `dir`.
fn oaslint_at(dir: &Path, subcommand: &str, args: &[&str]) -> Output {
    let mut argv = vec![subcommand, "-r", "ruleset.yaml", "--timestamp", TS];
    argv.extend_from_slice(args);
    oaslint_in(dir, &argv, "")
}

/// A run in the fixture folder, ignoring any acknowledgement file above it.
fn lint(args: &[&str]) -> Output {
    let mut argv = vec!["--no-ack"];
    argv.extend_from_slice(args);
    oaslint_at(&pipeline_dir(), "lint", &argv)
}

/// The tool's version, which changes with every release, as `[version]`.
fn redact(text: &str) -> String {
    let v = oaslint::ToolInfo::default().version;
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

/// A copy of the fixture folder to change files in.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&pipeline_dir(), dir.path());
    // A checkout: the root that files are read in and configuration is found up to.
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("valid JSON ({e}):\n{text}"))
}

#[test]
fn every_format_on_findings_clean_and_multi_file_runs() {
    for (scenario, inputs, code) in SCENARIOS {
        for format in FORMATS {
            let mut args = vec!["-f", format];
            args.extend_from_slice(inputs);
            let out = lint(&args);
            assert_eq!(
                out.code, *code,
                "{scenario} as {format}: {}{}",
                out.stdout, out.stderr
            );
            assert_eq!(out.stderr, "", "{scenario} as {format}");
            let name = format!("{scenario}__{}", format.replace('-', "_"));
            insta::assert_snapshot!(name, redact(&out.stdout));
        }
    }
}

#[test]
fn markdown_leads_with_the_verdict_and_escapes_spec_text() {
    let md = lint(&["-f", "markdown", "specs/findings.yaml"]).stdout;
    let mut lines = md.lines();
    assert_eq!(lines.next(), Some("<!-- oaslint-report -->"));
    assert_eq!(
        lines.next(),
        Some("### ❌ oaslint: blocked by 2 MUST findings")
    );
    // The spec's title `Pets <b>API</b> | 100% *fun*, a:b @team` and the
    // ruleset's title `<plain> | no *markup*` are shown, not interpreted.
    assert!(!md.contains("<b>") && !md.contains("<plain>"), "{md}");
    // `@team` is escaped and split so that it mentions nobody.
    assert!(md.contains("Pets &lt;b&gt;API&lt;/b&gt; \\| 100% \\*fun\\*, a\\:b \\@<!-- -->team"));
    let clean = lint(&["-f", "markdown", "specs/clean.yaml"]).stdout;
    assert!(clean.contains("### ✅ oaslint: no findings\n"), "{clean}");
    let should_only = lint(&[
        "-f",
        "markdown",
        "--fail-on",
        "must",
        "specs/multi/orders.yaml",
    ])
    .stdout;
    assert!(
        should_only.contains("### ✅ oaslint: no findings to act on"),
        "a HINT alone needs nothing: {should_only}"
    );
}

#[test]
fn the_comment_stays_under_its_size_limit() {
    // 1 000 operations without a summary: more than fits in 65 536.
    const N: usize = 1_000;
    let dir = workspace();
    let mut spec = String::from(
        "openapi: 3.0.3\ninfo: {title: Big, version: 1.0.0, contact: {email: a@b.c}}\npaths:\n",
    );
    for i in 0..N {
        spec.push_str(&format!(
            "  /things-{i}:\n    get:\n      responses: {{\"200\": {{description: OK}}}}\n"
        ));
    }
    std::fs::write(dir.path().join("big.yaml"), &spec).unwrap();
    for (limit, written) in [
        (1_500usize, "1,500"),
        (20_000, "20,000"),
        (65_536, "65,536"),
    ] {
        let out = oaslint_at(
            dir.path(),
            "lint",
            &[
                "-f",
                "markdown",
                "--comment-limit",
                &limit.to_string(),
                "big.yaml",
            ],
        );
        let md = out.stdout;
        assert!(
            md.encode_utf16().count() <= limit,
            "{} > {limit}",
            md.encode_utf16().count()
        );
        assert!(md.starts_with(&format!(
            "<!-- oaslint-report -->\n### ⚠️ oaslint: {N} SHOULD/MAY"
        )));
        assert_eq!(
            md.matches("<details").count(),
            md.matches("</details>").count()
        );
        let shown = md.matches("\n- `big.yaml:").count();
        assert!(
            md.contains(&format!(
                "**Not shown**, to keep this comment under {written} characters: {} SHOULD findings.",
                N - shown
            )),
            "{limit}: {md}"
        );
        assert!(shown > 0 && shown < N);
    }
    let too_small = oaslint_at(
        dir.path(),
        "lint",
        &["-f", "markdown", "--comment-limit", "999", "big.yaml"],
    );
    assert_eq!(too_small.code, 2);
}

#[test]
fn annotations_escape_what_would_break_or_inject_commands() {
    let dir = workspace();
    // A title with a line break that starts a fake command, `%`, `;`, `]`,
    // `:` and `,`: it shows up in the MAY finding's message.
    std::fs::write(
        dir.path().join("evil.yaml"),
        "openapi: 3.0.3\ninfo:\n  title: \"x\\n##vso[task.setvariable variable=a]1\\n::error::no 100%; a]b, c:d\"\n  version: 1.0.0\n  contact: {email: a@b.c}\npaths: {}\n",
    )
    .unwrap();
    let gh = oaslint_at(dir.path(), "lint", &["-f", "github", "evil.yaml"]).stdout;
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), 2, "{gh}");
    assert!(lines[0].starts_with("::notice file=evil.yaml,line=3,endLine=3,col=3,"));
    assert!(
        // The value's line breaks are shown as `\n` and its `##vso[` is broken
        // (an Azure agent reading this log would run it otherwise).
        lines[0].contains("::Title \"x\\n##vso\\[task.setvariable variable=a]1\\n::error::no 100%25; a]b, c:d\" is not plain text"),
        "{gh}"
    );
    assert!(lines[0].contains(",title=MAY title-plain-text%3A Keep the API title"));
    assert_eq!(
        lines[1],
        "oaslint: 1 finding: 0 must, 0 should, 1 may, 0 hint in 1 file"
    );

    let ado = oaslint_at(dir.path(), "lint", &["-f", "azure-devops", "evil.yaml"]).stdout;
    let lines: Vec<&str> = ado.lines().collect();
    assert_eq!(lines.len(), 2, "{ado}");
    assert!(
        lines[0].starts_with("##vso[task.logissue type=warning;sourcepath=evil.yaml;linenumber=3;columnnumber=3;code=title-plain-text;]MAY title-plain-text: Title \"x\\n##vso\\[task.setvariable variable=a]1\\n::error::no 100%AZP25; a]b, c:d\""),
        "{ado}"
    );
    // As a HINT it is a plain log line, which must not carry a command.
    std::fs::write(
        dir.path().join("hint.yaml"),
        "extends: ruleset.yaml\nrules:\n  title-plain-text: hint\n",
    )
    .unwrap();
    let ado = oaslint_in(
        dir.path(),
        &["lint", "-r", "hint.yaml", "-f", "azure-devops", "evil.yaml"],
        "",
    )
    .stdout;
    assert!(!ado.contains("##vso["), "{ado}");
    assert!(ado
        .starts_with("evil.yaml:3:3: HINT title-plain-text: Title \"x\\n##vso\\[task.setvariable"));
    assert_eq!(ado.lines().count(), 2);

    let md = oaslint_at(dir.path(), "lint", &["-f", "markdown", "evil.yaml"]).stdout;
    assert!(md.contains("Title \"x\\\\n\\#\\#vso\\[task.setvariable variable=a\\]1\\\\n\\:\\:error\\:\\:no 100%; a\\]b, c\\:d\" is not plain text"), "{md}");
}

#[test]
fn several_formats_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (sarif, junit, md) = (path("out/a.sarif"), path("out/b.xml"), path("c.md"));
    let out = lint(&[
        "-f",
        "sarif",
        "-o",
        &sarif,
        "-f",
        "junit",
        "--output",
        &junit,
        "-f",
        "markdown",
        "-o",
        &md,
        "-f",
        "github",
        "specs/findings.yaml",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        lint(&["-f", "github", "specs/findings.yaml"]).stdout
    );
    for (file, format) in [(&sarif, "sarif"), (&junit, "junit"), (&md, "markdown")] {
        assert_eq!(
            std::fs::read_to_string(file).unwrap(),
            lint(&["-f", format, "specs/findings.yaml"]).stdout,
            "{format}"
        );
    }
    // The output before the format also pairs with it (`-o F -f json`).
    let out = lint(&["-o", &path("r.json"), "-f", "json", "specs/clean.yaml"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    assert!(std::fs::read_to_string(path("r.json"))
        .unwrap()
        .contains("\"ruleset\""));

    let out = lint(&["-f", "json", "-f", "sarif", "specs/clean.yaml"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "oaslint: only one format can go to standard output, not json and sarif: give the others an --output FILE\n"
    );
    let out = lint(&[
        "-f",
        "json",
        "-o",
        &path("x"),
        "-o",
        &path("y"),
        "specs/clean.yaml",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("two --output for --format json"),
        "{}",
        out.stderr
    );
}

#[test]
fn exit_codes_for_every_fail_on_level() {
    let dir = workspace();
    let clean = std::fs::read_to_string(dir.path().join("specs/clean.yaml")).unwrap();
    let variant = |name: &str, text: String| {
        std::fs::write(dir.path().join(name), text).unwrap();
    };
    variant(
        "should.yaml",
        clean.replace("    email: orders@example.com\n", "    name: Orders\n"),
    );
    variant("may.yaml", clean.replace("Orders API", "Orders API!"));
    variant(
        "hint.yaml",
        clean.clone()
            + "components:\n  schemas:\n    Order:\n      properties:\n        id: {type: string}\n",
    );
    variant("broken.yaml", "openapi: [\n".into());
    let table: &[(&str, [u8; 5])] = &[
        // must, should, may, hint, none
        ("specs/findings.yaml", [1, 1, 1, 1, 0]),
        ("should.yaml", [0, 1, 1, 1, 0]),
        ("may.yaml", [0, 0, 1, 1, 0]),
        ("hint.yaml", [0, 0, 0, 1, 0]),
        ("specs/clean.yaml", [0, 0, 0, 0, 0]),
        ("broken.yaml", [2, 2, 2, 2, 2]),
    ];
    for (spec, codes) in table {
        for (level, want) in ["must", "should", "may", "hint", "none"].iter().zip(codes) {
            for format in ["text", "sarif", "azure-pr-thread"] {
                let out = oaslint_at(
                    dir.path(),
                    "lint",
                    &["--fail-on", level, "-f", format, spec],
                );
                assert_eq!(out.code, *want, "{spec} --fail-on {level} -f {format}");
            }
        }
    }
    // `pr-thread` is `lint --format azure-pr-thread`: same exit codes.
    let out = oaslint_at(
        dir.path(),
        "pr-thread",
        &["--fail-on", "should", "should.yaml"],
    );
    assert_eq!(out.code, 1);
    // An acknowledged SHOULD finding no longer fails `--fail-on should`.
    variant(
        ".oaslint-ack.yaml",
        "acknowledgements:\n  - {rule: contact-email, file: should.yaml, pointer: /info/contact/email, reason: shared mailbox}\n".into(),
    );
    let out = oaslint_at(dir.path(), "lint", &["--fail-on", "should", "should.yaml"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn the_azure_devops_thread_body() {
    let thread = |args: &[&str]| {
        let out = lint(args);
        (out.code, json(&out.stdout))
    };
    let (code, body) = thread(&["-f", "azure-pr-thread", "specs/findings.yaml"]);
    assert_eq!(code, 1, "MUST findings fail the run");
    assert_eq!(
        body["status"], "active",
        "SHOULD/MAY findings to acknowledge"
    );
    assert_eq!(body["comments"].as_array().unwrap().len(), 1);
    assert_eq!(body["comments"][0]["parentCommentId"], 0);
    assert_eq!(body["comments"][0]["commentType"], 1);
    assert_eq!(
        body["comments"][0]["content"],
        lint(&["-f", "markdown", "specs/findings.yaml"]).stdout,
        "the content is the markdown comment"
    );
    assert_eq!(body["properties"]["oaslint.marker"], "oaslint-report");
    assert_eq!(body["properties"]["oaslint.verdict"], "blocked");
    let fingerprint = body["properties"]["oaslint.fingerprint"].clone();
    assert_eq!(fingerprint.as_str().unwrap().len(), 64);

    // The subcommand gives the same body.
    let out = oaslint_at(
        &pipeline_dir(),
        "pr-thread",
        &["--no-ack", "specs/findings.yaml"],
    );
    assert_eq!(json(&out.stdout), body);

    let (code, body) = thread(&["-f", "azure-pr-thread", "specs/clean.yaml"]);
    assert_eq!((code, body["status"].as_str()), (0, Some("closed")));
    assert_eq!(body["properties"]["oaslint.verdict"], "clean");

    // A MUST finding alone: the run fails, and the thread stays active
    // ("Check for comment resolution" holds the pull request too).
    let dir = workspace();
    let spec = std::fs::read_to_string(dir.path().join("specs/clean.yaml"))
        .unwrap()
        .replace("version: 1.0.0", "version: v1");
    std::fs::write(dir.path().join("must.yaml"), spec).unwrap();
    let out = oaslint_at(
        dir.path(),
        "pr-thread",
        &["--marker", "api-lint", "must.yaml"],
    );
    let body = json(&out.stdout);
    assert_eq!((out.code, body["status"].as_str()), (1, Some("active")));
    assert!(body["comments"][0]["content"]
        .as_str()
        .unwrap()
        .starts_with("<!-- api-lint -->\n"));
    assert_eq!(body["properties"]["oaslint.marker"], "api-lint");
    let out = oaslint_at(dir.path(), "pr-thread", &["--marker", "x -->", "must.yaml"]);
    assert_eq!(out.code, 2, "a marker must fit in an HTML comment");

    // The fingerprint covers what the thread asks for: a MUST finding
    // more changes it (a blocking finding asks for a fix), and so does one
    // SHOULD finding less.
    let findings = std::fs::read_to_string(dir.path().join("specs/findings.yaml")).unwrap();
    std::fs::write(
        dir.path().join("specs/findings.yaml"),
        findings.replace(
            "  /pets:\n",
            "  /pets:\n    trace:\n      summary: Trace\n      responses: {}\n",
        ),
    )
    .unwrap();
    let out = oaslint_at(dir.path(), "pr-thread", &["specs/findings.yaml"]);
    let more_must = json(&out.stdout);
    assert_ne!(
        more_must["comments"],
        json(&lint(&["-f", "azure-pr-thread", "specs/findings.yaml"]).stdout)["comments"]
    );
    assert_ne!(more_must["properties"]["oaslint.fingerprint"], fingerprint);
    std::fs::write(
        dir.path().join(".oaslint-ack.yaml"),
        "acknowledgements:\n  - {rule: contact-email, file: specs/findings.yaml, pointer: /info/contact/email, reason: shared mailbox}\n",
    )
    .unwrap();
    let out = oaslint_at(dir.path(), "pr-thread", &["specs/findings.yaml"]);
    assert_ne!(
        json(&out.stdout)["properties"]["oaslint.fingerprint"],
        fingerprint
    );
}

#[test]
fn acknowledgements_new_acknowledged_and_stale() {
    let dir = workspace();
    let d = dir.path();
    let ack_file = d.join(".oaslint-ack.yaml");

    // New: `ack` without --write only prints; with --write it creates the
    // file with the SHOULD and MAY findings (MUST findings are refused, the
    // HINT needs nothing).
    let out = oaslint_at(
        d,
        "ack",
        &["--reason", "Legacy; fixed in v3", "specs/findings.yaml"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!ack_file.exists());
    assert_eq!(
        out.stderr,
        "oaslint: 5 added, 0 kept, 0 removed (not written: pass --write to update .oaslint-ack.yaml)\n"
    );
    let out = oaslint_at(
        d,
        "ack",
        &[
            "--write",
            "--reason",
            "Legacy; fixed in v3",
            "--by",
            "jane",
            "specs/findings.yaml",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "oaslint: wrote .oaslint-ack.yaml: 5 added, 0 kept, 0 removed\n"
    );
    let written = std::fs::read_to_string(&ack_file).unwrap();
    insta::assert_snapshot!("ack_file_written", written);

    // Acknowledged: only the MUST findings are left to fail the run.
    let out = oaslint_at(d, "lint", &["-f", "json", "specs/findings.yaml"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "");
    let report = json(&out.stdout);
    assert_eq!(report["summary"]["acknowledged"], 5);
    let acked: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("acknowledged").is_some())
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        acked,
        [
            "title-plain-text",
            "contact-email",
            "operation-summary",
            "operation-summary",
            "operation-summary"
        ]
    );
    assert_eq!(
        report["findings"][2]["acknowledged"],
        serde_json::json!({"reason": "Legacy; fixed in v3", "by": "jane", "at": TS})
    );
    let out = oaslint_at(d, "lint", &["--fail-on", "may", "specs/findings.yaml"]);
    assert_eq!(out.code, 1, "the MUST findings still fail");
    let out = oaslint_at(
        d,
        "lint",
        &[
            "--fail-on",
            "may",
            "specs/clean.yaml",
            "specs/multi/orders.yaml",
        ],
    );
    assert_eq!(out.code, 0);

    // Stale: fix one finding, acknowledge a MUST finding by hand.
    let spec = std::fs::read_to_string(d.join("specs/findings.yaml")).unwrap();
    std::fs::write(
        d.join("specs/findings.yaml"),
        spec.replace("    post:\n", "    post:\n      summary: Add a pet\n"),
    )
    .unwrap();
    std::fs::write(
        &ack_file,
        written
            + "  - rule: info-version-semver\n    file: ./specs/../specs/findings.yaml\n    pointer: /info/version\n    reason: v2 is the gateway's name\n  - rule: no-trace\n    file: specs/elsewhere.yaml\n    pointer: /paths/~1x/trace\n    reason: not linted in this run, so not stale\n",
    )
    .unwrap();
    let out = oaslint_at(d, "lint", &["specs/findings.yaml"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "warning: .oaslint-ack.yaml:37: not acknowledged: info-version-semver at specs/findings.yaml:4:3 is a MUST finding (allow with --allow-must-ack)\n\
         warning: .oaslint-ack.yaml:31: stale acknowledgement: no finding of operation-summary at specs/findings.yaml#/paths/~1pets/post/summary any more (`oaslint ack --write` removes it)\n"
    );
    for format in [
        "markdown",
        "json",
        "sarif",
        "junit",
        "github",
        "azure-devops",
        "text",
    ] {
        let out = oaslint_at(d, "lint", &["-f", format, "specs/findings.yaml"]);
        let name = format!("ack__{}", format.replace('-', "_"));
        insta::assert_snapshot!(name, redact(&out.stdout));
    }
    let report = json(&oaslint_at(d, "lint", &["-f", "json", "specs/findings.yaml"]).stdout);
    assert_eq!(report["acknowledgements"]["stale"][0]["line"], 31);
    assert_eq!(
        report["acknowledgements"]["refused"][0]["rule"],
        "info-version-semver"
    );
    assert_eq!(report["acknowledgements"]["file"], ".oaslint-ack.yaml");

    // --allow-must-ack accepts the MUST entry.
    let out = oaslint_at(
        d,
        "lint",
        &["--allow-must-ack", "-f", "json", "specs/findings.yaml"],
    );
    let report = json(&out.stdout);
    assert_eq!(report["summary"]["acknowledged"], 5);
    assert_eq!(
        report["findings"][1]["acknowledged"]["reason"],
        "v2 is the gateway's name"
    );
    assert_eq!(out.code, 1, "path-kebab-case is still a MUST finding");

    // `ack --write` prunes the stale entry and keeps the others.
    let out = oaslint_at(d, "ack", &["--write", "specs/findings.yaml"]);
    assert_eq!(
        out.stderr,
        "oaslint: wrote .oaslint-ack.yaml: 0 added, 6 kept, 1 removed\noaslint: 1 MUST finding is not acknowledged (allow with --allow-must-ack)\n"
    );
    let pruned = std::fs::read_to_string(&ack_file).unwrap();
    assert!(!pruned.contains("/paths/~1pets/post/summary"));
    assert!(pruned.contains("specs/elsewhere.yaml") && pruned.contains("/info/version"));
    let out = oaslint_at(d, "lint", &["specs/findings.yaml"]);
    assert!(!out.stderr.contains("stale"), "{}", out.stderr);
}

#[test]
fn the_acknowledgement_file_is_found_above_and_names_files_from_there() {
    let dir = workspace();
    let d = dir.path();
    std::fs::write(
        d.join(".oaslint-ack.yaml"),
        "version: 1\nacknowledgements:\n  - rule: operation-summary\n    file: specs/multi/payments.yaml\n    pointer: /paths/~1payments/post/summary\n    reason: batch API\n",
    )
    .unwrap();
    std::fs::copy(d.join("ruleset.yaml"), d.join("specs/multi/ruleset.yaml")).unwrap();
    let out = oaslint_at(
        &d.join("specs/multi"),
        "lint",
        &["-f", "json", "payments.yaml"],
    );
    let report = json(&out.stdout);
    assert_eq!(
        report["acknowledgements"]["file"],
        "../../.oaslint-ack.yaml"
    );
    assert_eq!(report["summary"]["acknowledged"], 1);
    // --no-ack ignores it; --ack names another file.
    let out = oaslint_at(
        &d.join("specs/multi"),
        "lint",
        &["--no-ack", "-f", "json", "payments.yaml"],
    );
    assert!(json(&out.stdout).get("acknowledgements").is_none());
    let out = oaslint_at(
        d,
        "lint",
        &[
            "--ack",
            "none.yaml",
            "-f",
            "json",
            "specs/multi/payments.yaml",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(
        json(&out.stdout).get("acknowledgements").is_none(),
        "a missing file acknowledges nothing"
    );
}

#[test]
fn a_broken_acknowledgement_file_is_an_error_at_its_place() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("acks.yaml"),
        "acknowledgements:\n  - rule: x\n    file: y.yaml\n    pointr: /a\n",
    )
    .unwrap();
    let out = oaslint_at(
        dir.path(),
        "lint",
        &["--ack", "acks.yaml", "specs/clean.yaml"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "oaslint: acks.yaml:4:13: unknown key `pointr` (an entry has `rule`, `file`, `pointer`, `check`, `reason`, `by`, `at`)\n"
    );
    let out = oaslint_at(
        dir.path(),
        "ack",
        &["--write", "--ack", "acks.yaml", "specs/clean.yaml"],
    );
    assert_eq!(out.code, 2);
}

#[test]
fn the_json_report_takes_a_timestamp_only_when_asked() {
    let plain = oaslint_in(
        &pipeline_dir(),
        &[
            "lint",
            "--no-ack",
            "-r",
            "ruleset.yaml",
            "-f",
            "json",
            "specs/findings.yaml",
        ],
        "",
    );
    let report = json(&plain.stdout);
    assert!(report.get("timestamp").is_none());
    let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "tool",
            "ruleset",
            "configurations",
            "documents",
            "findings",
            "summary",
            "errors"
        ]
    );
    let stamped = json(&lint(&["-f", "json", "specs/findings.yaml"]).stdout);
    assert_eq!(stamped["timestamp"], TS);
    let keys: Vec<&String> = stamped.as_object().unwrap().keys().collect();
    assert_eq!(keys[..3], ["tool", "ruleset", "timestamp"]);
    let out = oaslint_in(
        &pipeline_dir(),
        &[
            "lint",
            "-r",
            "ruleset.yaml",
            "--timestamp",
            "yesterday",
            "specs/clean.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid timestamp \"yesterday\""),
        "{}",
        out.stderr
    );
}

#[test]
fn json_reports_match_the_report_schema() {
    let text = std::fs::read_to_string(root().join("docs/report.schema.json")).unwrap();
    let schema = jsonschema::validator_for(&json(&text)).unwrap();
    let dir = workspace();
    std::fs::write(
        dir.path().join(".oaslint-ack.yaml"),
        "acknowledgements:\n  - {rule: contact-email, file: specs/findings.yaml, pointer: /info/contact/email, reason: shared, by: me, at: x}\n  - {rule: info-version-semver, file: specs/findings.yaml, pointer: /info/version, reason: v2}\n  - {rule: contact-email, file: specs/clean.yaml, pointer: /info/contact/email, reason: stale}\n",
    )
    .unwrap();
    for args in [
        &["specs/findings.yaml", "specs/clean.yaml"][..],
        &["specs/multi/*.yaml", "specs/missing.yaml"],
        &["--no-ack", "specs/findings.yaml"],
    ] {
        let mut argv = vec!["-f", "json"];
        argv.extend_from_slice(args);
        let report = json(&oaslint_at(dir.path(), "lint", &argv).stdout);
        let errors: Vec<String> = schema
            .iter_errors(&report)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}

// ---------------------------------------------------------------- SARIF --

/// Microsoft's SARIF validator (`Sarif.Multitool`), if installed.
fn multitool() -> Option<PathBuf> {
    let path = match std::env::var_os("SARIF_MULTITOOL") {
        Some(p) => PathBuf::from(p),
        None => root().join(
            "target/sarif-validator/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
        ),
    };
    required(
        path.is_file().then_some(path),
        "the SARIF validator (Sarif.Multitool)",
    )
}

/// `tool`, or — when it is missing — a failure on CI and a skip elsewhere.
fn required<T>(tool: Option<T>, what: &str) -> Option<T> {
    if tool.is_some() {
        return tool;
    }
    let hint = "install it with scripts/install-sarif-validator.sh";
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{what} is missing, and CI is set so this check cannot be skipped: {hint}");
    }
    eprintln!("skipping: {what} is missing; {hint}");
    None
}

/// SARIF logs of every kind this crate writes: findings, clean, multi-file,
/// acknowledgements (suppressions, notifications), errors.
fn sarif_logs() -> Vec<(String, String)> {
    let mut logs = Vec::new();
    for (scenario, inputs, _) in SCENARIOS {
        let mut args = vec!["-f", "sarif"];
        args.extend_from_slice(inputs);
        logs.push((scenario.to_string(), lint(&args).stdout));
    }
    let dir = workspace();
    std::fs::write(
        dir.path().join(".oaslint-ack.yaml"),
        "acknowledgements:\n  - {rule: contact-email, file: specs/findings.yaml, pointer: /info/contact/email, reason: shared, by: me, at: x}\n  - {rule: info-version-semver, file: specs/findings.yaml, pointer: /info/version, reason: v2}\n  - {rule: contact-email, file: specs/clean.yaml, pointer: /info/contact/email, reason: stale}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "openapi: 3.0.3\ninfo: [\n").unwrap();
    let out = oaslint_at(
        dir.path(),
        "lint",
        &[
            "-f",
            "sarif",
            "specs/findings.yaml",
            "specs/clean.yaml",
            "broken.yaml",
            "nothing.yaml",
        ],
    );
    assert_eq!(out.code, 2);
    logs.push(("acknowledgements and errors".into(), out.stdout));
    logs
}

#[test]
fn sarif_passes_the_official_validator() {
    let Some(tool) = multitool() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (name, log) in sarif_logs() {
        let input = dir.path().join("oaslint.sarif");
        let output = dir.path().join("validation.sarif");
        std::fs::write(&input, &log).unwrap();
        let run = Command::new(&tool)
            .arg("validate")
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .args(["--log", "ForceOverwrite"])
            .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", tool.display()));
        let console = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success(),
            "{name}: the validator failed: {console}"
        );
        let result = json(&std::fs::read_to_string(&output).unwrap());
        assert_eq!(
            result["runs"][0]["invocations"][0]["executionSuccessful"], true,
            "{name}: {console}"
        );
        let problems: Vec<String> = result["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            // A result without `level` is a warning.
            .filter(|r| matches!(r["level"].as_str(), Some("error") | Some("warning") | None))
            .map(|r| format!("{} {}", r["ruleId"], r["message"]))
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}\n{console}");
    }
}

#[test]
fn sarif_matches_the_sarif_schema() {
    // The validator reports nothing for a log it cannot read (an unknown
    // `level`, say), so the schema is checked on its own as well.
    let Some(tool) = multitool() else { return };
    let schema_path = tool.parent().unwrap().join("sarif-2.1.0.json");
    let schema = json(&std::fs::read_to_string(&schema_path).unwrap());
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (name, log) in sarif_logs() {
        let log = json(&log);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let mut bad = json(&sarif_logs()[0].1);
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn sarif_describes_rules_results_artifacts_and_suppressions() {
    let log = json(&lint(&["-f", "sarif", "specs/findings.yaml"]).stdout);
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["name"], "oaslint");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(
        run["properties"]["ruleset"],
        serde_json::json!({"name": "pipeline-test", "version": "1.2.0"})
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let levels: Vec<(&str, &str)> = rules
        .iter()
        .map(|r| {
            (
                r["properties"]["severity"].as_str().unwrap(),
                r["defaultConfiguration"]["level"].as_str().unwrap(),
            )
        })
        .collect();
    for (sev, level) in [
        ("must", "error"),
        ("should", "warning"),
        ("may", "note"),
        ("hint", "note"),
    ] {
        assert!(
            levels.contains(&(sev, level)),
            "{sev} → {level}: {levels:?}"
        );
    }
    for r in run["results"].as_array().unwrap() {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    let version = &run["results"][1];
    assert_eq!(version["ruleId"], "info-version-semver");
    assert_eq!(
        version["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 4, "startColumn": 3, "endLine": 4, "endColumn": 14})
    );
    assert_eq!(
        version["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/info/version"
    );
    let sha = &run["artifacts"][0]["hashes"]["sha-256"];
    assert_eq!(sha.as_str().unwrap().len(), 64);
    assert_eq!(run["invocations"][0]["startTimeUtc"], TS);
}

// ---------------------------------------------------------------- JUnit --

fn xmllint() -> Option<&'static str> {
    let found = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    required(
        found.then_some("xmllint"),
        "xmllint (Debian package libxml2-utils)",
    )
}

#[test]
fn junit_matches_the_jenkins_junit_schema() {
    let Some(xmllint) = xmllint() else { return };
    let xsd = fixture("pipeline/junit-10.xsd");
    let dir = workspace();
    std::fs::write(dir.path().join("broken.yaml"), "openapi: 3.0.3\ninfo: [\n").unwrap();
    std::fs::write(
        dir.path().join(".oaslint-ack.yaml"),
        "acknowledgements:\n  - {rule: contact-email, file: specs/findings.yaml, pointer: /info/contact/email, reason: \"a <b> & c\"}\n",
    )
    .unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["specs/findings.yaml"],
        vec!["specs/clean.yaml"],
        vec!["specs/multi/*.yaml"],
        vec![
            "specs/findings.yaml",
            "broken.yaml",
            "missing.yaml",
            "specs/multi/orders.yaml",
        ],
    ];
    for inputs in runs {
        let mut args = vec!["-f", "junit"];
        args.extend_from_slice(&inputs);
        let xml = oaslint_at(dir.path(), "lint", &args).stdout;
        let file = dir.path().join("junit.xml");
        std::fs::write(&file, &xml).unwrap();
        let check = Command::new(xmllint)
            .arg("--noout")
            .arg("--schema")
            .arg(&xsd)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{inputs:?}: {}\n{xml}",
            String::from_utf8_lossy(&check.stderr)
        );
        // Every document is a suite, every rule a case.
        let suites = xml.matches("<testsuite ").count();
        assert_eq!(
            suites,
            inputs
                .iter()
                .map(|i| if i.contains('*') { 2 } else { 1 })
                .sum::<usize>()
        );
    }
}

#[test]
fn junit_counts_failures_per_rule() {
    let xml = lint(&["-f", "junit", "specs/findings.yaml"]).stdout;
    assert!(xml.contains(
        "<testsuite name=\"specs/findings.yaml\" tests=\"8\" failures=\"6\" errors=\"0\" skipped=\"1\" timestamp=\"2026-11-27T14:05:00Z\""
    ), "{xml}");
    assert!(xml.contains(
        "<testsuites name=\"oaslint pipeline-test\" tests=\"8\" failures=\"6\" errors=\"0\">"
    ));
    assert!(xml.contains(
        "<failure type=\"SHOULD\" message=\"3 findings\">specs/findings.yaml:18:5 SHOULD"
    ));
}
