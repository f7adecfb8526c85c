//! The `oaslint` binary itself: what only a separate process can show
//! (environment variables, the real exit status). Everything else is tested
//! in-process by `tests/` at the repository root.

use std::path::PathBuf;
use std::process::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pipeline")
}

fn oaslint(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_oaslint"));
    cmd.current_dir(fixtures())
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("oaslint runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

#[test]
fn source_date_epoch_sets_the_timestamp() {
    let args = [
        "lint",
        "--no-ack",
        "-r",
        "ruleset.yaml",
        "-f",
        "json",
        "specs/clean.yaml",
    ];
    let (code, out) = oaslint(&args, &[("SOURCE_DATE_EPOCH", "1700000000")]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["timestamp"], "2023-11-14T22:13:20Z");

    // Without it (and without --timestamp) the JSON has no timestamp.
    let (_, out) = oaslint(&args, &[]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report.get("timestamp").is_none());

    // --timestamp wins over SOURCE_DATE_EPOCH; SARIF always has one.
    let (_, out) = oaslint(
        &[
            "lint",
            "--no-ack",
            "-r",
            "ruleset.yaml",
            "-f",
            "sarif",
            "--timestamp",
            "2026-01-02T03:04:05+01:00",
            "specs/clean.yaml",
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["startTimeUtc"],
        "2026-01-02T02:04:05Z"
    );

    let (code, _) = oaslint(&args, &[("SOURCE_DATE_EPOCH", "soon")]);
    assert_eq!(code, 2);
}

#[test]
fn exit_status_follows_the_findings() {
    let run = |spec: &str, fail_on: &str| {
        oaslint(
            &[
                "lint",
                "--no-ack",
                "-r",
                "ruleset.yaml",
                "--fail-on",
                fail_on,
                spec,
            ],
            &[],
        )
        .0
    };
    assert_eq!(run("specs/findings.yaml", "must"), 1);
    assert_eq!(run("specs/findings.yaml", "none"), 0);
    assert_eq!(run("specs/clean.yaml", "hint"), 0);
    assert_eq!(run("specs/missing.yaml", "none"), 2);
}
