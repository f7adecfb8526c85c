//! API changes as findings (guideline 106, and 116 for the version): the
//! comparison engine ([`oaslint::diff`]) wired to files on disk (`oaslint
//! diff`, `oaslint changelog`) and to a git revision (`oaslint lint --base
//! REV`).
//!
//! A change becomes a finding of its rule (`106` or `116`) at its level's
//! severity (breaking → MUST, probably breaking → SHOULD, not breaking →
//! HINT, the latter only with `--changelog`), located where the change is
//! in HEAD, with `check` (the check id) and `base` (where it was).
//!
//! With `--base REV`, each linted document is compared with its version at
//! `REV`, read through git with its `$ref`'d files at `REV` too (the same
//! reader as `--new-only`: fixed git arguments, paths confined to the
//! repository, no symbolic links). A document that is new has no base. A
//! document `REV` has and the work tree does not — deleted, or renamed
//! (git's rename detection) — is reported: a deleted root as one finding
//! at its name, breaking when removing its operations is; a renamed root
//! is compared with its old version.

use crate::args::ChangesArgs;
use crate::git::{GitTree, RevisionFiles};
use crate::inputs::{self, Excludes};
use crate::resolver::FsResolver;
use crate::run::BaseRevision;
use crate::timestamp::Timestamp;
use oaslint::diff::{compare, Change, Date, DiffOptions, Level, Version};
use oaslint::{BaseLocation, Finding, Limits, NoFiles, Position, Range, Resolver};
use rayon::prelude::*;
use std::path::Path;

/// The check id of a root document that the base revision has and the
/// work tree does not (not a rename).
pub(crate) const DOCUMENT_REMOVED: &str = "api-document-removed";

/// The check id of a root document that git sees as renamed since the
/// base revision; it is compared with its old version.
pub(crate) const DOCUMENT_RENAMED: &str = "api-document-renamed";

/// What a run compared, for the reports.
#[derive(Debug, Clone, Default)]
pub struct ApiChanges {
    /// The revision compared with (`lint --base`); `None` for `oaslint
    /// diff`.
    pub revision: Option<BaseRevision>,
    /// Each root compared: (HEAD's name, the base's name).
    pub compared: Vec<(String, String)>,
    /// Roots without a version in the base revision.
    pub new: Vec<String>,
    /// Roots of the base revision that are gone (not renamed).
    pub removed: Vec<String>,
    /// Whether the changes that do not break clients are reported
    /// (`--changelog`).
    pub changelog: bool,
}

/// The day of `time` (UTC), for `x-sunset` dates.
pub(crate) fn today(time: Timestamp) -> Date {
    let text = time.to_rfc3339();
    Date::parse_sunset(text.get(..10).unwrap_or_default())
        .expect("an RFC 3339 timestamp starts with a date")
}

/// The comparison's options for a run on `today`.
pub(crate) fn options(args: &ChangesArgs, today: Date) -> DiffOptions {
    DiffOptions {
        today,
        include_unstable: args.include_unstable,
    }
}

/// The changes as findings: all of them with `changelog`, else those that
/// break (or probably break) clients.
pub(crate) fn to_findings(changes: &[Change], changelog: bool) -> Vec<Finding> {
    changes
        .iter()
        .filter(|c| changelog || c.level != Level::Info)
        .map(Change::to_finding)
        .collect()
}

/// Loads one version of a spec called `name` from `files`.
pub(crate) fn load(name: &str, files: &dyn Resolver) -> Result<Version, String> {
    let text = files
        .read(name)
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    Version::load(name, text, files, &Limits::default()).map_err(|e| e.to_string())
}

/// The changes of `lint --base REV` for the linted roots.
pub(crate) struct RevisionChanges {
    pub(crate) findings: Vec<Finding>,
    pub(crate) summary: ApiChanges,
    /// Notes for standard error (a base version that cannot be read, a
    /// rename followed).
    pub(crate) notes: Vec<String>,
}

/// What `lint --base` compares: the linted roots and how they were chosen.
pub(crate) struct Roots<'a> {
    /// The linted root documents (names relative to the working directory).
    pub(crate) names: &'a [String],
    /// The inputs as given (files and globs), to tell which deleted files
    /// the run would have linted.
    pub(crate) command_line: &'a [String],
    pub(crate) excludes: &'a Excludes,
    /// The work tree's files.
    pub(crate) files: &'a FsResolver,
}

/// Compares every root of `roots` with its version at `rev`, and reports
/// the roots `rev` has that are gone.
pub(crate) fn against_revision(
    cwd: &Path,
    rev: &str,
    roots: Roots<'_>,
    options: &DiffOptions,
    changelog: bool,
) -> Result<RevisionChanges, String> {
    let tree = GitTree::open(cwd, "--base", rev)?;
    let listing = tree.listing()?;
    let moves = moved_files(&tree)?;
    let mut notes = Vec::new();
    let mut summary = ApiChanges {
        revision: Some(BaseRevision {
            rev: tree.rev.clone(),
            commit: tree.commit.clone(),
        }),
        changelog,
        ..ApiChanges::default()
    };
    // Each linted root and the name of its base version, if it has one.
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for name in roots.names {
        let Some(path) = tree.in_repository(name) else {
            continue;
        };
        let base_path = if listing.contains_key(&path) {
            Some(path)
        } else {
            moves
                .iter()
                .find(|m| m.new.as_deref() == Some(path.as_str()))
                .map(|m| m.old.clone())
        };
        match base_path {
            Some(p) => pairs.push((name, tree.relative_to_cwd(&p))),
            None => summary.new.push(name.clone()),
        }
    }
    let base_files = RevisionFiles(&tree);
    let compared: Vec<Result<Vec<Finding>, String>> = pairs
        .par_iter()
        .map(|(head_name, base_name)| {
            let base = load(base_name, &base_files)
                .map_err(|e| format!("{head_name}: not compared with {rev}: {e}"))?;
            let head = load(head_name, roots.files)
                .map_err(|e| format!("{head_name}: not compared with {rev}: {e}"))?;
            let mut findings = to_findings(&compare(&base, &head, options), changelog);
            if *head_name != base_name && changelog {
                findings.push(renamed(head_name, base_name, rev));
            }
            Ok(findings)
        })
        .collect();
    let mut findings = Vec::new();
    for ((head_name, base_name), result) in pairs.iter().zip(compared) {
        match result {
            Ok(f) => {
                findings.extend(f);
                summary
                    .compared
                    .push((head_name.to_string(), base_name.clone()));
                if *head_name != base_name {
                    notes.push(format!(
                        "{head_name} was {base_name} in {rev}: compared with that version"
                    ));
                }
            }
            Err(e) => notes.push(e),
        }
    }
    // Roots that are gone: deleted files (and renamed ones whose new name
    // is not linted) that this run would have linted, and that are OpenAPI
    // documents in `rev`.
    let linted: std::collections::HashSet<&str> = pairs.iter().map(|(_, b)| b.as_str()).collect();
    for m in &moves {
        let name = tree.relative_to_cwd(&m.old);
        if linted.contains(name.as_str()) || !would_lint(&name, &roots) {
            continue;
        }
        if let Some(f) = removed(&name, &base_files, options, rev) {
            notes.push(format!("{name}: deleted since {rev}"));
            summary.removed.push(name);
            if changelog || f.severity != Level::Info.severity() {
                findings.push(f);
            }
        }
    }
    Ok(RevisionChanges {
        findings,
        summary,
        notes,
    })
}

/// A file of the base revision that is not in the work tree under its old
/// name: deleted (`new` is `None`) or renamed.
struct Move {
    old: String,
    new: Option<String>,
}

/// Deleted and renamed files between `tree`'s commit and the work tree
/// (paths from the repository's root), by `git diff -M80% --name-status`.
fn moved_files(tree: &GitTree) -> Result<Vec<Move>, String> {
    let out = crate::git::git(
        &tree.toplevel,
        &[
            "diff",
            "--no-ext-diff",
            "--no-color",
            // A rename keeps most of the file; git's default (50 %) pairs
            // small unrelated specs, so that a deleted root would be
            // compared with a new one.
            "-M80%",
            "--name-status",
            "-z",
            &tree.commit,
            "--",
        ],
    )?;
    let mut fields = out
        .split(|&b| b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned());
    let mut moves = Vec::new();
    while let Some(status) = fields.next() {
        if status.is_empty() {
            continue;
        }
        match status.as_bytes()[0] {
            b'R' => {
                let (Some(old), Some(new)) = (fields.next(), fields.next()) else {
                    break;
                };
                moves.push(Move {
                    old,
                    new: Some(new),
                });
            }
            b'C' => {
                // A copy keeps its source: nothing is gone.
                fields.next();
                fields.next();
            }
            b'D' => {
                let Some(old) = fields.next() else { break };
                moves.push(Move { old, new: None });
            }
            _ => {
                fields.next();
            }
        }
    }
    Ok(moves)
}

/// Whether the inputs of the run name `name` (relative to the working
/// directory): a named file, or a glob match not excluded.
fn would_lint(name: &str, roots: &Roots<'_>) -> bool {
    if roots.excludes.matches(name) {
        return false;
    }
    roots.command_line.iter().any(|input| {
        let input = input.strip_prefix("./").unwrap_or(input);
        if inputs::is_glob(input) {
            inputs::compile(input).is_ok_and(|g| g.is_match(name))
        } else {
            oaslint::normalize_path(input) == name
        }
    })
}

/// The place of a whole file that HEAD does not have.
fn file_start() -> Range {
    let start = Position { line: 1, column: 1 };
    Range { start, end: start }
}

/// The finding of a root that was renamed: the clients see the same API.
fn renamed(head: &str, base: &str, rev: &str) -> Finding {
    Finding {
        rule: "106".into(),
        severity: Level::Info.severity(),
        message: format!(
            "the document was renamed from {base} (in {rev}); compared with that version"
        ),
        file: head.into(),
        pointer: String::new(),
        range: file_start(),
        link: Some(format!("{}#106", oaslint::diff::GUIDELINES_URL)),
        spectral: None,
        check: Some(DOCUMENT_RENAMED.into()),
        base: Some(BaseLocation {
            file: base.into(),
            pointer: String::new(),
            range: file_start(),
        }),
    }
}

/// The finding of a root document `rev` has and HEAD does not, if the file
/// was an OpenAPI document there: every operation of it is removed, so it
/// is breaking when removing one of them is (never deprecated, or before
/// its sunset).
fn removed(
    name: &str,
    files: &RevisionFiles<'_>,
    options: &DiffOptions,
    rev: &str,
) -> Option<Finding> {
    let base = match load(name, files) {
        Ok(v) => v,
        // A file that was no OpenAPI document (a `$ref`'d fragment, a
        // configuration) is not an API that went away.
        Err(_) => return None,
    };
    let empty = "openapi: 3.0.3\ninfo: {title: removed, version: '0'}\npaths: {}\n";
    let head = Version::load(name, empty, &NoFiles, &Limits::default()).ok()?;
    let changes: Vec<Change> = compare(&base, &head, options)
        .into_iter()
        .filter(|c| c.rule == "106")
        .collect();
    let level = changes.iter().map(|c| c.level).min().unwrap_or(Level::Info);
    let breaking = changes
        .iter()
        .filter(|c| c.level == Level::Breaking)
        .count();
    let mut removed: Vec<String> = changes
        .iter()
        .map(|c| match &c.operation {
            Some(op) => op.clone(),
            None => c
                .base
                .as_ref()
                .map_or_else(String::new, |b| b.pointer.clone()),
        })
        .collect();
    removed.dedup();
    let mut message = format!("the document was deleted (it is in {rev})");
    if !removed.is_empty() {
        const NAMED: usize = 5;
        let mut list = removed[..removed.len().min(NAMED)].join(", ");
        if removed.len() > NAMED {
            list.push_str(&format!(", … ({} more)", removed.len() - NAMED));
        }
        message.push_str(&format!(
            ": removes {list}; {} breaking",
            crate::run::count(breaking, "removal is", "removals are")
        ));
    }
    // HEAD has no place for it: the finding names the deleted path (the
    // file the pull request deletes, where a reviewer looks) at its start
    // and the whole document (pointer "") there; `base` is where the
    // document is, all of it, at `rev`.
    let whole = base
        .documents()
        .first()
        .and_then(|d| d.root().map(|r| r.range()))
        .unwrap_or_else(file_start);
    Some(Finding {
        rule: "106".into(),
        severity: level.severity(),
        message,
        file: name.into(),
        pointer: String::new(),
        range: file_start(),
        link: Some(format!("{}#106", oaslint::diff::GUIDELINES_URL)),
        spectral: None,
        check: Some(DOCUMENT_REMOVED.into()),
        base: Some(BaseLocation {
            file: name.into(),
            pointer: String::new(),
            range: whole,
        }),
    })
}
