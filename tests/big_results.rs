//! Big result sets: --quiet, --max-findings, --statistics, the comment that
//! lists every violated rule, links to files.
//!
//! The big case is generated once (a `OnceLock`): a ruleset of 48 rules
//! (20 MUST, 14 SHOULD, 10 MAY, 4 HINT), each asking every operation for
//! its own `x-` field, and a spec of 120 operations that has none of them:
//! 5 760 findings of 48 rules, and each test lints it once. Comments are
//! too big to snapshot: the tests assert their properties.

use oaslint_acceptance::{oaslint_env, oaslint_in, Repo};
use oaslint_cli::Env;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const RULES: usize = 48;
const OPERATIONS: usize = 120;

fn severity_of(rule: usize) -> &'static str {
    match rule {
        0..20 => "must",
        20..34 => "should",
        34..44 => "may",
        _ => "hint",
    }
}

fn rule_id(rule: usize) -> String {
    format!("r-{rule:02}")
}

/// The folder with `ruleset.yaml` and `big.yaml`, written once.
fn big_case() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut ruleset = String::from("name: big\nversion: 1.0.0\nrules:\n");
        for r in 0..RULES {
            ruleset.push_str(&format!(
                "  {id}:\n    title: Operations carry x-field-{r}\n    severity: {sev}\n    \
                 given: $.paths[*][get,post]\n    then: {{field: x-field-{r}, function: truthy}}\n",
                id = rule_id(r),
                sev = severity_of(r),
            ));
        }
        std::fs::write(dir.path().join("ruleset.yaml"), ruleset).unwrap();
        let mut spec = String::from("openapi: 3.0.3\ninfo: {title: Big, version: 1.0.0}\npaths:\n");
        for p in 0..OPERATIONS / 2 {
            spec.push_str(&format!(
                "  /items-{p}:\n    get: {{responses: {{'200': {{description: ok}}}}}}\n    \
                 post: {{responses: {{'201': {{description: ok}}}}}}\n"
            ));
        }
        std::fs::write(dir.path().join("big.yaml"), spec).unwrap();
        let path = dir.path().to_path_buf();
        (dir, path)
    });
    path
}

/// `oaslint lint -r ruleset.yaml ARGS big.yaml` in the big case's folder.
fn lint_big(args: &[&str]) -> oaslint_acceptance::Output {
    let all = [&["lint", "-r", "ruleset.yaml"][..], args, &["big.yaml"]].concat();
    let out = oaslint_in(big_case(), &all, "");
    assert_eq!(out.code, 1, "{}", out.stderr);
    out
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Every rule is in the comment's table and has findings shown (the same
/// number for every rule), SHOULD and MAY findings included, within
/// GitHub's limit.
#[test]
fn comment_lists_every_violated_rule_within_65536() {
    let out = lint_big(&["-f", "markdown"]);
    let comment = &out.stdout;
    assert!(utf16_len(comment) <= 65_536, "{}", utf16_len(comment));
    assert!(utf16_len(comment) > 50_000, "the room is used");
    assert!(comment.contains(&format!("#### Rules violated ({RULES})")));
    let table_start = comment.find("| Severity | Rule |").unwrap();
    let findings_start = comment.find("#### Findings").unwrap();
    let table = &comment[table_start..findings_start];
    for r in 0..RULES {
        let id = format!("`{}`", rule_id(r));
        assert!(table.contains(&id), "{id} in the table");
        assert!(
            comment[findings_start..].contains(&format!("{id} · {OPERATIONS} findings")),
            "{id} has its group"
        );
    }
    // Most severe first.
    let must = table.find("| MUST |").unwrap();
    let should = table.find("| SHOULD |").unwrap();
    let may = table.find("| MAY |").unwrap();
    let hint = table.find("| HINT |").unwrap();
    assert!(must < should && should < may && may < hint);
    // Every rule shows findings: SHOULD and MAY ones too.
    let shown = |id: &str| {
        let header = format!("`{id}` · {OPERATIONS} findings");
        let at = comment.find(&header).unwrap();
        comment[at..]
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with("**"))
            .filter(|l| l.starts_with("- `big.yaml:"))
            .count()
    };
    // A uniform quota per rule, the room left filled in the comment's
    // order: the counts never grow down the comment.
    let counts: Vec<usize> = (0..RULES).map(|r| shown(&rule_id(r))).collect();
    assert!(counts[RULES - 1] >= 3, "{counts:?}");
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(comment.contains("… and "), "each rule says what is cut");
    assert!(comment.contains("✂️ **Not shown**"));
}

/// The Azure DevOps thread has its own, larger limit.
#[test]
fn thread_fits_150000_and_has_should_and_may() {
    let out = lint_big(&["-f", "azure-pr-thread"]);
    let body: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let content = body["comments"][0]["content"].as_str().unwrap();
    let n = utf16_len(content);
    assert!(n <= 150_000 && n > 65_536, "{n}");
    assert_eq!(body["status"], "active");
    for sev in ["**MUST** ·", "**SHOULD** ·", "**MAY** ·", "**HINT** ·"] {
        assert!(content.contains(sev), "{sev}");
    }
    let comment_limit = lint_big(&["-f", "azure-pr-thread", "--comment-limit", "20000"]);
    let body: serde_json::Value = serde_json::from_str(&comment_limit.stdout).unwrap();
    let content = body["comments"][0]["content"].as_str().unwrap();
    assert!(utf16_len(content) <= 20_000);
    assert!(content.contains(&format!("`{}`", rule_id(RULES - 1))));
}

/// `--statistics`: one line per rule, the count next to the rule id, no
/// findings listed.
#[test]
fn statistics_line_has_rule_and_count() {
    let out = lint_big(&["--statistics"]);
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .filter(|w: &Vec<&str>| w.len() > 3 && w[1].starts_with("r-"))
        .collect();
    assert_eq!(rows.len(), RULES, "{}", out.stdout);
    assert_eq!(rows[0][..3], ["120", "r-00", "MUST"]);
    assert!(out.stdout.lines().any(|l| {
        let w: Vec<&str> = l.split_whitespace().collect();
        w.len() > 3 && w[0] == "120" && w[1] == "r-44" && w[2] == "HINT"
    }));
    assert!(!out.stdout.contains("big.yaml:"), "no findings listed");
    assert!(out
        .stdout
        .ends_with("5760 findings: 2400 must, 1680 should, 1200 may, 480 hint in 1 file\n"));
}

/// `--quiet`: only the findings that block.
#[test]
fn quiet_shows_only_blocking() {
    let out = lint_big(&["--quiet", "--fail-on", "error"]);
    let headers: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("big.yaml:"))
        .collect();
    assert_eq!(headers.len(), 20 * OPERATIONS);
    assert!(headers.iter().all(|h| h.contains(" MUST r-")));
    assert!(out
        .stdout
        .contains("quiet: 3360 findings that do not block are not listed"));
}

/// `--max-findings` cuts the text, not the gate nor the JSON report; the
/// cut list ends with the per-rule table.
#[test]
fn max_findings_cuts_display_not_gate() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = lint_big(&[
        "--max-findings",
        "10",
        "-f",
        "text",
        "-f",
        "json",
        "-o",
        report.to_str().unwrap(),
    ]);
    let headers = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("big.yaml:"))
        .count();
    assert_eq!(headers, 10);
    assert!(out
        .stdout
        .contains("cut: 10 of 5760 findings shown (--max-findings 10); every finding by rule:"));
    let table = out
        .stdout
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|w| w.starts_with("r-"))
        })
        .count();
    assert_eq!(table, RULES);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 5760);
}

const SHA: &str = "0123456789abcdef0123456789abcdef01234567";
const HEAD: &str = "fedcba9876543210fedcba9876543210fedcba98";

/// A repository with `apis/pets api.yaml` (one MUST finding of the
/// built-in ruleset's version rule), linted from `apis/`.
fn small_repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        "apis/pets api.yaml",
        "openapi: 3.0.3\ninfo: {title: Pets, version: v1}\npaths: {}\n",
    );
    repo
}

fn comment_in(repo: &Repo, env: Env) -> String {
    let out = oaslint_env(
        &repo.path().join("apis"),
        &["lint", "-f", "markdown", "pets api.yaml"],
        "",
        env,
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout
}

#[test]
fn github_links_use_pr_head_sha_from_event() {
    let repo = small_repo();
    let event = repo.path().join("event.json");
    std::fs::write(
        &event,
        format!("{{\"pull_request\": {{\"head\": {{\"sha\": \"{HEAD}\"}}}}}}"),
    )
    .unwrap();
    let env = Env::empty()
        .with("GITHUB_SERVER_URL", "https://github.com")
        .with("GITHUB_REPOSITORY", "acme/apis")
        .with("GITHUB_SHA", SHA)
        .with("GITHUB_EVENT_PATH", event.to_str().unwrap());
    let comment = comment_in(&repo, env);
    let link = format!("(https://github.com/acme/apis/blob/{HEAD}/apis/pets%20api.yaml#L2)");
    assert!(comment.contains(&link), "{comment}");
}

#[test]
fn azure_links_use_source_commit() {
    let repo = small_repo();
    let env = Env::empty()
        .with(
            "BUILD_REPOSITORY_URI",
            "https://acme@dev.azure.com/acme/platform/_git/apis",
        )
        .with("SYSTEM_PULLREQUEST_SOURCECOMMITID", SHA);
    let comment = comment_in(&repo, env);
    let link = format!(
        "(https://dev.azure.com/acme/platform/_git/apis?path=/apis/pets%20api.yaml&version=GC{SHA}&line=2)"
    );
    assert!(comment.contains(&link), "{comment}");
}

#[test]
fn hostile_env_values_make_no_link() {
    let repo = small_repo();
    let env = Env::empty()
        .with(
            "GITHUB_SERVER_URL",
            "https://evil.example)[x](https://evil.example",
        )
        .with("GITHUB_REPOSITORY", "acme/apis")
        .with("GITHUB_SHA", SHA);
    let comment = comment_in(&repo, env);
    assert!(!comment.contains("evil"), "{comment}");
    assert!(comment.contains("`pets api.yaml:2:"), "{comment}");
    let env = Env::empty()
        .with(
            "BUILD_REPOSITORY_URI",
            "https://dev.azure.com/acme/_git/apis",
        )
        .with("SYSTEM_PULLREQUEST_SOURCECOMMITID", "HEAD; rm -rf /");
    let comment = comment_in(&repo, env);
    assert!(!comment.contains("dev.azure.com"), "{comment}");
}

/// With a baseline, the comment says how many findings are new and how
/// many in the baseline do not block, counts both per rule, and folds the
/// baseline's findings last; the text marks them and sums them up.
#[test]
fn comment_counts_new_and_baseline_findings() {
    let repo = Repo::new();
    std::fs::copy(
        oaslint_acceptance::fixture("rulesets/starter.yaml"),
        repo.path().join("starter.yaml"),
    )
    .unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: v1}\npaths:\n  /Pets: {}\n";
    repo.write("api.yaml", spec);
    let lint = |args: &[&str]| {
        let all = [
            &args[..1],
            &["-r", "starter.yaml"],
            &args[1..],
            &["api.yaml"],
        ]
        .concat();
        oaslint_in(repo.path(), &all, "")
    };
    let out = lint(&["baseline", "--write"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    repo.write("api.yaml", &format!("{spec}  /Owners_x: {{}}\n"));
    let out = lint(&["lint", "-f", "markdown"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let comment = out.stdout;
    assert!(
        comment.contains("**1 new finding**; 6 findings in the baseline do not block."),
        "{comment}"
    );
    assert!(comment.contains("#### Rules violated (3)"), "{comment}");
    assert!(comment.contains("| MUST | `129` "), "{comment}");
    assert!(comment.contains("| **1** | 1 | 0 |"), "{comment}");
    let folded = comment
        .find("<details><summary><strong>Not blocking (6)")
        .unwrap();
    assert!(comment.find("#### Findings (1)").unwrap() < folded);
    assert!(comment[folded..].contains("— *in the baseline*"));
    let out = lint(&["lint", "--statistics"]);
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("      2  129  MUST") && first.ends_with("(1 new, 1 baseline)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("(6 baseline) in 1 file"),
        "{}",
        out.stdout
    );
}

/// `--new-only --base main`: the comment says how many findings the pull
/// request introduced and how many pre-existing ones do not block.
#[test]
fn comment_counts_findings_introduced_by_the_pull_request() {
    let starter =
        std::fs::read_to_string(oaslint_acceptance::fixture("rulesets/starter.yaml")).unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: v1}\npaths:\n  /Pets: {}\n";
    let repo = oaslint_acceptance::branch_off_main(
        &[("starter.yaml", &starter), ("api.yaml", spec)],
        |pr| pr.write("api.yaml", &format!("{spec}  /Owners_x: {{}}\n")),
    );
    let out = oaslint_in(
        repo.path(),
        &[
            "lint",
            "-r",
            "starter.yaml",
            "--new-only",
            "--base",
            "main",
            "-f",
            "markdown",
            "api.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "**1 finding introduced by this pull request**; 6 pre-existing findings do not block."
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("new findings compared with `main`"));
}

/// Files a glob matched but that were not linted: one line on standard
/// error, and a folded count in the comment.
#[test]
fn skipped_files_are_said_once_and_folded_in_the_comment() {
    let repo = Repo::new();
    repo.write(
        "apis/a.yaml",
        "openapi: 3.0.3\ninfo: {title: Pets, version: 1.0.0}\npaths: {}\n",
    );
    repo.write("apis/notes.yaml", "foo: bar\n");
    let out = oaslint_in(repo.path(), &["lint", "-f", "markdown", "apis/*.yaml"], "");
    assert_eq!(
        out.stderr,
        "oaslint: skipped 1 file (1 not OpenAPI and referenced by no linted document)\n"
    );
    assert!(out
        .stdout
        .contains("<details><summary><strong>Skipped files (1)</strong>"));
    assert!(out.stdout.contains("- `apis/notes.yaml` (not-openapi)"));
}

/// The comment's footer names each configuration a run applied, with the
/// rulesets it extends.
#[test]
fn comment_footer_names_every_configuration() {
    let repo = Repo::new();
    let starter =
        std::fs::read_to_string(oaslint_acceptance::fixture("rulesets/starter.yaml")).unwrap();
    repo.write("starter.yaml", &starter);
    repo.write(
        ".oaslint.yaml",
        "name: acme\nversion: 1.2.0\nextends: ./starter.yaml\n",
    );
    repo.write(
        "apis/legacy/.oaslint.yaml",
        "extends: ../../.oaslint.yaml\nrules:\n  \"116\": off\n",
    );
    let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: v1}\npaths: {}\n";
    repo.write("apis/a.yaml", spec);
    repo.write("apis/legacy/b.yaml", spec);
    let out = oaslint_in(
        repo.path(),
        &[
            "lint",
            "-f",
            "markdown",
            "apis/a.yaml",
            "apis/legacy/b.yaml",
        ],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let footer = out.stdout.lines().last().unwrap();
    assert!(
        footer.contains(
            "2 configurations: `.oaslint.yaml` (acme 1.2.0 ← starter 0.1.0), `apis/legacy/.oaslint.yaml` (acme 1.2.0 ← starter 0.1.0)"
        ),
        "{footer}"
    );
}
