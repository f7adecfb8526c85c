//! The comparison of two versions of a spec (`oaslint::diff`), check by
//! check: every check of [`CHECKS`] has a directory in
//! `tests/fixtures/diff/<check-id>/` with a base, a HEAD where the change
//! happens (the check must report it) and a pass case, a similar edit that
//! is not that change (the check must not report it). What the comparison
//! reports for both is snapshotted with its locations.
//!
//! The fixtures are written by `tests/fixtures/diff/generate.py`; the
//! scenarios under `tests/fixtures/diff/scenarios/` are written by hand.

use oaslint::diff::{compare, Change, Date, DiffOptions, Level, Version, CHECKS};
use oaslint::{Limits, Resolver};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/diff")
}

/// The day the fixtures are compared on: sunsets in 2025 have passed,
/// those in 2027 have not.
fn today() -> Date {
    Date::new(2026, 6, 1).unwrap()
}

/// Reads `$ref`'d files from one folder.
struct Folder(PathBuf);

impl Resolver for Folder {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        std::fs::read_to_string(self.0.join(name))
            .map(Arc::from)
            .map_err(|e| e.to_string())
    }
}

fn load(dir: &Path, name: &str) -> Version {
    let text = std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()));
    let version = Version::load(name, text, &Folder(dir.to_path_buf()), &Limits::default())
        .unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()));
    assert!(version.errors().is_empty(), "{:?}", version.errors());
    version
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Breaking => "ERR ",
        Level::Warning => "WARN",
        Level::Info => "INFO",
    }
}

/// One change per entry: level, check, message, then where it is in HEAD
/// (file:pointer:line:column) and in the base (file:pointer:line).
fn render(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "(no changes)\n".into();
    }
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!(
            "{} {}: {}\n  head: {}:{}:{}:{}\n",
            level(c.level),
            c.check,
            c.message,
            c.head.file,
            c.head.pointer,
            c.head.range.start.line,
            c.head.range.start.column
        ));
        if let Some(b) = &c.base {
            out.push_str(&format!(
                "  base: {}:{}:{}\n",
                b.file, b.pointer, b.range.start.line
            ));
        }
    }
    out
}

fn check_dirs() -> Vec<(String, PathBuf)> {
    let mut dirs: Vec<(String, PathBuf)> = std::fs::read_dir(fixtures())
        .expect("tests/fixtures/diff")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "scenarios"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_check_reports_its_change_and_not_a_similar_one() {
    let options = DiffOptions::new(today());
    let dirs = check_dirs();
    // Every failure, not just the first.
    let mut wrong = Vec::new();
    for (check, dir) in &dirs {
        if !CHECKS.iter().any(|c| c.id == check) {
            wrong.push(format!(
                "{check}: a fixture for a check that does not exist"
            ));
        }
        let base = load(dir, "base.yaml");
        let head = load(dir, "head.yaml");
        let fail = compare(&base, &head, &options);
        if !fail.iter().any(|c| c.check == check) {
            wrong.push(format!(
                "{check}: head.yaml does not report it:\n{}",
                render(&fail)
            ));
        }
        let pass_base = if dir.join("pass-base.yaml").exists() {
            load(dir, "pass-base.yaml")
        } else {
            base
        };
        let pass = compare(&pass_base, &load(dir, "pass.yaml"), &options);
        if pass.iter().any(|c| c.check == check) {
            wrong.push(format!("{check}: pass.yaml reports it:\n{}", render(&pass)));
        }
        insta::assert_snapshot!(
            check.as_str(),
            format!(
                "head.yaml:\n{}\npass.yaml:\n{}",
                render(&fail),
                render(&pass)
            )
        );
    }
    for c in CHECKS {
        if !dirs.iter().any(|(d, _)| d == c.id) {
            wrong.push(format!("{}: no fixture in tests/fixtures/diff/", c.id));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A scenario: `base/` and `head/` folders with `api.yaml` (or
/// `api.json`) roots, compared as two revisions of one repository.
fn scenario(name: &str, root: &str, options: &DiffOptions) -> Vec<Change> {
    let dir = fixtures().join("scenarios").join(name);
    let base = load(&dir.join("base"), root);
    let head = load(&dir.join("head"), root);
    compare(&base, &head, options)
}

#[test]
fn a_change_in_a_referenced_file_is_located_there_for_each_operation_using_it() {
    let changes = scenario("external-ref", "api.yaml", &DiffOptions::new(today()));
    insta::assert_snapshot!("scenario-external-ref", render(&changes));
    let removed: Vec<&Change> = changes
        .iter()
        .filter(|c| c.check == "response-required-property-removed")
        .collect();
    assert_eq!(removed.len(), 2, "one per operation:\n{}", render(&changes));
    for c in &removed {
        assert_eq!(c.head.file, "schemas/pet.yaml");
        assert_eq!(c.head.pointer, "/Pet/properties");
        let base = c.base.as_ref().unwrap();
        assert_eq!(
            (base.file.as_str(), base.pointer.as_str()),
            ("schemas/pet.yaml", "/Pet/properties/name")
        );
        assert!(
            c.message.contains("(base: schemas/pet.yaml:"),
            "{}",
            c.message
        );
    }
}

#[test]
fn a_migration_from_swagger_2_to_openapi_3_shows_only_real_changes() {
    let changes = scenario(
        "swagger2-to-openapi3",
        "api.yaml",
        &DiffOptions::new(today()),
    );
    insta::assert_snapshot!("scenario-swagger2-to-openapi3", render(&changes));
    assert!(
        !changes.iter().any(|c| c.check.contains("removed")),
        "{}",
        render(&changes)
    );
}

#[test]
fn renamed_path_parameters_are_the_same_operation() {
    let changes = scenario(
        "path-parameter-renamed",
        "api.yaml",
        &DiffOptions::new(today()),
    );
    assert_eq!(render(&changes), "(no changes)\n");
}

#[test]
fn recursive_schemas_compare_and_stop() {
    let changes = scenario("recursive", "api.yaml", &DiffOptions::new(today()));
    insta::assert_snapshot!("scenario-recursive", render(&changes));
    assert!(changes
        .iter()
        .any(|c| c.check == "response-property-type-changed"));
}

#[test]
fn draft_and_alpha_parts_are_reported_only_when_asked() {
    let mut options = DiffOptions::new(today());
    let default = scenario("unstable", "api.yaml", &options);
    assert_eq!(render(&default), "(no changes)\n");
    options.include_unstable = true;
    let all = scenario("unstable", "api.yaml", &options);
    insta::assert_snapshot!("scenario-unstable-included", render(&all));
    assert!(all.iter().any(|c| c.level == Level::Breaking));
}

#[test]
fn json_documents_without_responses_or_content_are_accepted() {
    let changes = scenario("json-sparse", "api.json", &DiffOptions::new(today()));
    insta::assert_snapshot!("scenario-json-sparse", render(&changes));
    let added = changes
        .iter()
        .find(|c| c.check == "new-required-request-parameter")
        .expect("the new parameter");
    // Lines and columns in JSON, too.
    assert_eq!(added.head.file, "api.json");
    assert!(added.head.range.start.line > 1);
}

#[test]
fn an_allof_composition_is_compared_as_one_schema() {
    let changes = scenario("all-of", "api.yaml", &DiffOptions::new(today()));
    insta::assert_snapshot!("scenario-all-of", render(&changes));
}

/// A map's values (`additionalProperties` given as a schema) are compared
/// like a property called `additionalProperties`, in the direction of the
/// data, and located where they are.
#[test]
fn additional_properties_schemas_are_compared_as_the_values_of_a_map() {
    let doc = |value_type: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{title: Labels, version: 1.0.0}}\npaths:\n  /labels:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                additionalProperties:\n                  type: {value_type}\n    put:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              additionalProperties:\n                type: {value_type}\n      responses:\n        '204': {{description: ok}}\n"
        )
    };
    let load = |text: String| {
        Version::load("api.yaml", text, &oaslint::NoFiles, &Limits::default()).unwrap()
    };
    let changes = compare(
        &load(doc("integer")),
        &load(doc("number")),
        &DiffOptions::new(today()),
    );
    let changes: Vec<&Change> = changes.iter().filter(|c| c.rule == "106").collect();
    let found: Vec<(&str, &str, u32)> = changes
        .iter()
        .map(|c| (c.check, c.head.pointer.as_str(), c.head.range.start.line))
        .collect();
    assert_eq!(
        found,
        vec![
            // The client may now read 1.5 where it read integers: breaking.
            (
                "response-property-type-changed",
                "/paths/~1labels/get/responses/200/content/application~1json/schema/additionalProperties/type",
                14
            ),
            // The server accepts more: a changelog entry.
            (
                "request-property-type-generalized",
                "/paths/~1labels/put/requestBody/content/application~1json/schema/additionalProperties/type",
                22
            ),
        ]
    );
    assert!(changes[0]
        .message
        .contains("property `additionalProperties`: type changed from `integer` to `number`"));
}

/// Two versions of the 13 MB GitHub description, the second with a few
/// dozen edits, compare without blowing up and find the edits.
#[test]
fn the_github_description_compares_with_an_edited_copy() {
    // The corpus sits beside the repository (`../shared/corpus`), or
    // beside the folder of git worktrees.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(text) = ["../../../shared/corpus", "../../../../shared/corpus"]
        .iter()
        .find_map(|dir| {
            std::fs::read_to_string(manifest.join(dir).join("github-api.github.com.json")).ok()
        })
    else {
        eprintln!("skipped: the corpus is not here");
        return;
    };
    let edited = corpus_edits(&text);
    let base = Version::load("api.json", text, &oaslint::NoFiles, &Limits::default()).unwrap();
    let head = Version::load("api.json", edited, &oaslint::NoFiles, &Limits::default()).unwrap();
    let changes = compare(&base, &head, &DiffOptions::new(today()));
    assert!(
        changes.len() >= 20,
        "{} changes:\n{}",
        changes.len(),
        render(&changes)
    );
    assert!(changes
        .iter()
        .any(|c| c.check == "api-removed-without-deprecation"
            || c.check == "api-path-removed-without-deprecation"));
    // The same description compares as unchanged.
    let again = compare(&base, &base, &DiffOptions::new(today()));
    assert!(again.is_empty(), "{}", render(&again));
}

/// A few dozen edits of the GitHub description, by text replacement:
/// removed paths, renamed properties, changed types, new enum values.
pub fn corpus_edits(text: &str) -> String {
    let mut out = text.to_string();
    let edits: &[(&str, &str, usize)] = &[
        // Paths gone (the key of a path item renamed to a new path).
        ("\"/emojis\": {", "\"/emojis-v2\": {", 1),
        ("\"/meta\": {", "\"/meta-v2\": {", 1),
        // Types and formats.
        ("\"type\": \"integer\"", "\"type\": \"string\"", 12),
        ("\"format\": \"date-time\"", "\"format\": \"date\"", 12),
        // Required properties renamed (removed and added).
        ("\"node_id\": {", "\"node_identifier\": {", 10),
    ];
    for (from, to, n) in edits {
        out = out.replacen(from, to, *n);
    }
    out
}

/// The table of `docs/breaking-changes.md`, from [`CHECKS`].
fn docs_table() -> String {
    let mut out = String::from(
        "| check | what changed | level | finding | oasdiff | why ours, or why this level |\n|---|---|---|---|---|---|\n",
    );
    for c in CHECKS {
        let level = match c.level {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
            Level::Info => "info",
        };
        let finding = match c.level {
            Level::Breaking => format!("MUST {}", c.rule),
            Level::Warning => format!("SHOULD {}", c.rule),
            Level::Info => format!("HINT {} (`--changelog`)", c.rule),
        };
        let oasdiff = match c.oasdiff {
            Some(Level::Breaking) => "ERR",
            Some(Level::Warning) => "WARN",
            Some(Level::Info) => "INFO",
            None => "—",
        };
        out.push_str(&format!(
            "| `{}` | {} | {level} | {finding} | {oasdiff} | {} |\n",
            c.id,
            c.summary,
            c.why.unwrap_or("")
        ));
    }
    out
}

#[test]
fn the_docs_list_every_check_with_its_level() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/breaking-changes.md");
    let docs = std::fs::read_to_string(&path).expect("docs/breaking-changes.md");
    let table = docs_table();
    assert!(
        docs.contains(&table),
        "docs/breaking-changes.md does not have the table of the checks; it is:\n{table}"
    );
}

/// A webhook removed with the whole `webhooks` object is located at the
/// root of HEAD (the nearest surviving parent), with its base location.
#[test]
fn a_webhook_removed_with_all_webhooks_is_located_at_the_root() {
    let with_webhook = "openapi: 3.1.0\ninfo: {title: Hooks, version: 1.0.0}\npaths: {}\nwebhooks:\n  petSold:\n    post:\n      responses:\n        '200': {description: ok}\n";
    let without = "openapi: 3.1.0\ninfo: {title: Hooks, version: 2.0.0}\npaths: {}\n";
    let load = |text: &str| {
        Version::load(
            "api.yaml",
            text.to_string(),
            &oaslint::NoFiles,
            &Limits::default(),
        )
        .unwrap()
    };
    let changes = compare(
        &load(with_webhook),
        &load(without),
        &DiffOptions::new(today()),
    );
    let [removed] = changes.as_slice() else {
        panic!("one change expected:\n{}", render(&changes));
    };
    assert_eq!(removed.check, "webhook-removed");
    assert_eq!(
        (removed.head.pointer.as_str(), removed.head.range.start.line),
        ("", 1)
    );
    let base = removed.base.as_ref().expect("the base location");
    assert_eq!(
        (base.pointer.as_str(), base.range.start.line),
        ("/webhooks/petSold", 5)
    );
}

/// The operations of a webhook in both versions are compared like a
/// path's, under the same checks and levels (as oasdiff does), labelled
/// `POST webhook:<name>` and located under `/webhooks/<name>` in HEAD. The
/// operations of a webhook added or removed are only `webhook-added` or
/// `webhook-removed`.
#[test]
fn the_operations_of_a_webhook_that_stays_are_compared_like_a_paths() {
    let changes = scenario("webhook-payload", "api.yaml", &DiffOptions::new(today()));
    insta::assert_snapshot!("scenario-webhook-payload", render(&changes));
    let find = |check: &str| {
        changes
            .iter()
            .find(|c| c.check == check)
            .unwrap_or_else(|| panic!("{check} expected:\n{}", render(&changes)))
    };

    // The payload sent to `petSold` lost its required `name`: located at
    // the `properties` that survive, with the base property.
    let removed = find("request-property-removed");
    assert_eq!(removed.level, Level::Warning);
    assert_eq!(removed.operation.as_deref(), Some("POST webhook:petSold"));
    assert_eq!(
        (removed.head.pointer.as_str(), removed.head.range.start.line),
        (
            "/webhooks/petSold/post/requestBody/content/application~1json/schema/properties",
            22
        )
    );
    let base = removed.base.as_ref().expect("the base location");
    assert_eq!(
        (base.pointer.as_str(), base.range.start.line),
        (
            "/webhooks/petSold/post/requestBody/content/application~1json/schema/properties/name",
            24
        )
    );

    // The payload sent to `petAdopted` gained a required `adoptedAt`.
    let added = find("new-required-request-property");
    assert_eq!(added.level, Level::Breaking);
    assert_eq!(added.operation.as_deref(), Some("POST webhook:petAdopted"));
    assert_eq!(
        (
            added.head.pointer.as_str(),
            added.head.range.start.line,
            added.head.range.start.column
        ),
        (
            "/webhooks/petAdopted/post/requestBody/content/application~1json/schema/properties/adoptedAt",
            39,
            17
        )
    );

    // `petLost` went and `petFound` came: one change each, not one per
    // operation.
    let mut whole: Vec<&str> = changes
        .iter()
        .filter(|c| c.message.contains("petLost") || c.message.contains("petFound"))
        .map(|c| c.check)
        .collect();
    whole.sort();
    assert_eq!(whole, ["webhook-added", "webhook-removed"]);
    assert!(
        changes.iter().all(|c| !matches!(
            c.operation.as_deref(),
            Some("POST webhook:petLost" | "POST webhook:petFound")
        )),
        "{}",
        render(&changes)
    );
}
