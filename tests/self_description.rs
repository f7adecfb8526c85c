//! What the command line says about itself: `oaslint --version`, the shell
//! completion scripts (`oaslint completions SHELL`) and the manual page
//! (`oaslint man`). The commands and flags they must cover are read from
//! `oaslint --help` and `oaslint COMMAND --help`, so a new flag that the
//! completions or the man page missed fails here. And the ruleset format
//! reference (`docs/rulesets.md`): every key the loader knows and every
//! core function is in it, and every ruleset example in it loads.

use oaslint_acceptance::{oaslint, root};
use std::collections::BTreeSet;

/// The commands `oaslint --help` lists (without clap's `help`).
fn commands() -> Vec<String> {
    let help = oaslint(&["--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    let listing = help
        .stdout
        .split_once("Commands:\n")
        .expect("--help lists the commands")
        .1;
    let names: Vec<String> = listing
        .lines()
        .take_while(|line| line.starts_with("  "))
        // A name is indented by two spaces; a wrapped description by more.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect();
    for expected in [
        "lint",
        "pr-thread",
        "ack",
        "rules",
        "functions",
        "completions",
        "man",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not in {names:?}"
        );
    }
    names
}

/// Every long flag (`--fail-on`) that `oaslint [COMMAND] --help` documents.
fn long_flags(command: Option<&str>) -> BTreeSet<String> {
    let args: Vec<&str> = command.into_iter().chain(["--help"]).collect();
    let help = oaslint(&args);
    assert_eq!(help.code, 0, "{args:?}: {}", help.stderr);
    help.stdout
        .lines()
        .filter(|line| line.trim_start().starts_with('-'))
        .flat_map(|line| line.split([' ', ',', '=', '<', '[']))
        .filter(|word| word.starts_with("--") && word.len() > 2)
        .map(String::from)
        .collect()
}

#[test]
fn version_names_the_version_the_commit_and_each_built_in_ruleset() {
    for flag in ["--version", "-V"] {
        let out = oaslint(&[flag]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stderr, "");
        let mut lines = out.stdout.lines();
        let first = lines.next().expect("a first line");

        // `oaslint 0.1.0 (abc1234)`
        let rest = first.strip_prefix("oaslint ").expect(first);
        let (version, commit) = rest.split_once(' ').expect(first);
        assert_eq!(version, env!("CARGO_PKG_VERSION"), "{first}");
        let commit = commit
            .strip_prefix('(')
            .and_then(|c| c.strip_suffix(')'))
            .expect(first);
        let is_abbreviated_hash = commit.len() == 7
            && commit
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        assert!(is_abbreviated_hash || commit == "unknown", "{first}");
        // Built in this checkout: the commit is HEAD, or one before it
        // when a commit landed between the build and this test.
        if git(&["rev-parse", "HEAD"]).is_some() {
            assert!(
                git(&["merge-base", "--is-ancestor", commit, "HEAD"]).is_some(),
                "{first}: not HEAD or an ancestor of it"
            );
        }

        // Then `ruleset NAME VERSION`, one per built-in ruleset, as the
        // engine lists them and as `oaslint rules` loads them.
        let rulesets: Vec<&str> = lines.collect();
        let expected: Vec<String> = oaslint::BUILTIN_RULESETS
            .iter()
            .map(|(name, version)| format!("ruleset {name} {version}"))
            .collect();
        assert_eq!(rulesets, expected);
        for (name, version) in oaslint::BUILTIN_RULESETS {
            let rules = oaslint(&["rules", "-r", name, "-f", "json"]);
            assert_eq!(rules.code, 0, "{}", rules.stderr);
            let listing: serde_json::Value = serde_json::from_str(&rules.stdout).unwrap();
            assert_eq!(listing["ruleset"]["name"], *name);
            assert_eq!(listing["ruleset"]["version"], *version);
        }
    }
}

/// The output of a successful `git ARGS` in the repository, when it is a
/// git checkout and git is installed.
fn git(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root())
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn completions_for_each_shell_cover_every_command_and_the_lint_flags() {
    let commands = commands();
    let lint_flags = long_flags(Some("lint"));
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = oaslint(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert_eq!(out.stderr, "");
        assert!(out.stdout.len() > 1000, "{shell}: {}", out.stdout);
        for command in &commands {
            assert!(
                out.stdout.contains(command.as_str()),
                "{shell}: no {command}"
            );
        }
        for flag in &lint_flags {
            // fish names long options without their dashes (`-l fail-on`).
            let bare = flag.trim_start_matches('-');
            assert!(out.stdout.contains(bare), "{shell}: no {flag}");
        }
        // The shells' completion values of an enumerated option.
        assert!(
            out.stdout.contains("azure-pr-thread"),
            "{shell}: no format values"
        );
    }
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let script = oaslint(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oaslint.bash");
    std::fs::write(&path, &script).unwrap();
    let Ok(check) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
    else {
        eprintln!("bash is not installed; skipping the syntax check");
        return;
    };
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn an_unknown_shell_is_refused_with_the_known_ones() {
    let out = oaslint(&["completions", "tcsh"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(out.stderr.contains(shell), "{}", out.stderr);
    }
}

/// How roff writes a flag: every `-` as `\-`.
fn roff(text: &str) -> String {
    text.replace('-', "\\-")
}

#[test]
fn the_man_page_has_a_section_per_command_with_all_its_flags() {
    let out = oaslint(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let page = out.stdout;
    assert!(page.contains(".TH oaslint 1 "), "{page}");
    // The committed copy must not change with every commit: the page has
    // the version, not the commit.
    assert!(page.contains(&format!("oaslint {}", env!("CARGO_PKG_VERSION"))));
    let commit = oaslint(&["--version"]).stdout;
    let commit = commit
        .split(['(', ')'])
        .nth(1)
        .expect("a commit in --version");
    assert!(
        !page.contains(commit),
        "the man page names the commit {commit}"
    );
    // clap_mangen's per-command page references (oaslint-lint(1)) would
    // point at pages that do not exist.
    assert!(!page.contains("(1)"), "{page}");

    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for flag in long_flags(None) {
        assert!(page.contains(&roff(&flag)), "no {flag}");
    }
    for command in commands() {
        let heading = format!(".SH \"OASLINT {}\"\n", command.to_uppercase());
        let start = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no {heading}"));
        let section = &page[start + heading.len()..];
        let section = &section[..section.find("\n.SH ").unwrap_or(section.len())];
        assert!(
            section.contains(&format!("\\fBoaslint {}\\fR", roff(&command))),
            "{command}: no synopsis"
        );
        for flag in long_flags(Some(&command)) {
            assert!(section.contains(&roff(&flag)), "{command}: no {flag}");
        }
    }
    // The groff apostrophe preamble once, at the top.
    assert_eq!(page.matches(".ds Aq").count(), 2, "{page}");
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
}

/// Spectral's core functions: docs/rulesets.md describes each one.
const CORE_FUNCTIONS: &[&str] = &[
    "truthy",
    "falsy",
    "defined",
    "undefined",
    "pattern",
    "casing",
    "length",
    "enumeration",
    "alphabetical",
    "schema",
    "xor",
    "or",
    "typedEnum",
    "unreferencedReusableObject",
];

fn rulesets_md() -> String {
    std::fs::read_to_string(root().join("docs/rulesets.md")).expect("docs/rulesets.md")
}

#[test]
fn the_ruleset_reference_names_every_key_and_core_function() {
    let doc = rulesets_md();
    let keys = [
        ("ruleset key", oaslint::RULESET_KEYS),
        ("rule key", oaslint::RULE_KEYS),
        ("rule change key", oaslint::RULE_OVERRIDE_KEYS),
        ("override key", oaslint::OVERRIDE_ENTRY_KEYS),
        ("built-in check", oaslint::BUILTIN_RULE_IDS),
    ];
    for (what, list) in keys {
        for key in list {
            assert!(
                doc.contains(&format!("`{key}`")),
                "docs/rulesets.md does not name the {what} `{key}`"
            );
        }
    }
    let registry = oaslint::FunctionRegistry::default();
    for name in CORE_FUNCTIONS {
        assert!(registry.contains(name), "{name} is no function");
        assert!(
            doc.contains(&format!("\n### {name}\n")),
            "docs/rulesets.md has no section on `{name}`"
        );
    }
    for severity in [
        "must", "should", "may", "hint", "off", "error", "warn", "info", "`-1`",
    ] {
        assert!(doc.contains(severity), "{severity}");
    }
}

#[test]
fn every_ruleset_example_in_the_reference_loads() {
    let doc = rulesets_md();
    // The rulesets the examples extend by path.
    let mut files = oaslint::MemoryResolver::new();
    files.insert(
        "rulesets/acme.yaml",
        "name: acme-api-guidelines\nversion: 1.2.0\nextends: zalando\n",
    );
    files.insert("rulesets/strict.yaml", "extends: [[zalando, all]]\n");
    let registry = oaslint::FunctionRegistry::default();
    let loader = oaslint::RulesetLoader::new(&files, &registry);
    let mut loaded = 0;
    let mut lines = doc.lines().enumerate();
    while let Some((start, line)) = lines.next() {
        // ```yaml blocks are rulesets; ```yaml openapi blocks are documents.
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|(_, l)| !l.starts_with("```"))
            .map(|(_, l)| l)
            .collect();
        if info.trim() != "yaml" {
            continue;
        }
        let text = body.join("\n") + "\n";
        let name = format!("docs-rulesets-md-line-{}.yaml", start + 1);
        if let Err(e) = loader.load_text(&name, text.as_str()) {
            panic!(
                "the example at docs/rulesets.md:{} does not load: {e}\n{text}",
                start + 1
            );
        }
        loaded += 1;
    }
    assert!(loaded >= 20, "only {loaded} ruleset examples");
}
