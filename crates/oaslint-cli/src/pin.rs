//! The pinned configuration (`--pinned-config-from REV`): the gate's
//! ruleset comes from a commit the pull request cannot change — the target
//! branch — and the pull request's own configuration is compared with it.
//!
//! Everything in a pull request's checkout is written by its author,
//! `.oaslint.yaml` included: without pinning, a pull request could switch
//! the MUST rules off and pass the gate that is meant to check it. With
//! pinning:
//!
//! - the ruleset is read from `REV` through `git` (the same discovery as in
//!   the work tree: `--ruleset PATH`, else `.oaslint.yaml`/`.yml`/`.json`
//!   from the working directory up to the repository root; none there means
//!   the built-in default), and so are the files its `extends` names;
//! - the specs are linted with that ruleset;
//! - the configuration the pull request would bring to the target branch is
//!   loaded from the work tree and compared rule by rule: every change that
//!   could hide a finding the gate counts becomes a MUST finding of its own,
//!   `oaslint-config-weakened`, at the offending entry of the pull request's
//!   file, so the pull request shows it and the gate fails.
//!
//! The acknowledgement file is *not* pinned: acknowledging SHOULD/MAY
//! findings in the pull request itself, visibly and with a reason, is the
//! workflow, and MUST findings cannot be acknowledged without the pipeline's
//! `--allow-must-ack`.
//!
//! `git` runs as a subprocess with fixed arguments (no shell), with
//! `--literal-pathspecs`, and the revision is resolved to a commit id first
//! (a revision that starts with `-` is refused, so it cannot become an
//! option).

use crate::git::{GitTree, Unreadable};
use crate::run::Input;
use oaslint::{
    normalize_path, Document, DocumentInfo, Error, Finding, FunctionRegistry, OverrideSetting,
    Report, Resolver, RuleSeverity, Ruleset, RulesetLoader, Severity,
};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The rule id of the findings that report a weakened configuration.
pub const CONFIG_WEAKENED: &str = "oaslint-config-weakened";

/// Configuration files larger than this are refused (a ruleset is a few
/// kilobytes; the limit only bounds memory).
const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// Functions that give findings a severity of their own, from their
/// options, whatever the rule's severity: a rule using one of them can
/// produce MUST findings even when it is a SHOULD rule.
const SEVERITY_CHOOSING_FUNCTIONS: &[&str] = &["zalandoHostnames", "zalandoStatusCodes"];

/// Reads a file of the pinned commit (`path` relative to the repository
/// root): `None` when there is none; a symbolic link or an oversize file is
/// an error (the pinned configuration must be a regular file).
fn read_pinned(tree: &GitTree, path: &str) -> Result<Option<Arc<str>>, String> {
    match tree.read(path) {
        Ok(text) => Ok(Some(text)),
        Err(Unreadable::Missing) => Ok(None),
        Err(Unreadable::SymbolicLink) => Err(format!(
            "{path} is a symbolic link in {}; the pinned configuration must be a regular file",
            tree.rev
        )),
        Err(Unreadable::TooLarge) => Err(format!(
            "{path} in {} is larger than {} MiB",
            tree.rev,
            MAX_CONFIG_BYTES / 1024 / 1024
        )),
        Err(Unreadable::NotUtf8) => Err(format!("{path} in {} is not UTF-8", tree.rev)),
        Err(Unreadable::Git(e)) => Err(e),
    }
}

/// Configuration file candidates for the files of the folder `prefix`
/// (repository-relative, empty or ending in `/`), nearest first: each
/// folder up to the repository root, each with every name.
fn candidates(prefix: &str) -> Vec<String> {
    let mut dirs = vec![prefix.to_string()];
    let mut dir = prefix.trim_end_matches('/').to_string();
    while !dir.is_empty() {
        dir = match dir.rfind('/') {
            Some(i) => dir[..i].to_string(),
            None => String::new(),
        };
        dirs.push(if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        });
    }
    dirs.iter()
        .flat_map(|d| {
            crate::config::CONFIG_NAMES
                .iter()
                .map(move |n| format!("{d}{n}"))
        })
        .collect()
}

/// The repository-relative folder prefix (empty or ending in `/`) of `dir`
/// (relative to the working directory, or absolute).
fn dir_prefix(tree: &GitTree, dir: &Path) -> Result<String, String> {
    let name = dir.to_string_lossy();
    let joined = if dir.is_absolute() {
        let rel = dir
            .strip_prefix(&tree.toplevel)
            .map_err(|_| format!("{name} is outside the repository"))?;
        normalize_path(&rel.to_string_lossy())
    } else {
        normalize_path(&format!("{}{name}", tree.prefix))
    };
    if joined.starts_with('/') || joined == ".." || joined.starts_with("../") {
        return Err(format!("{name} is outside the repository"));
    }
    Ok(if joined.is_empty() {
        joined
    } else {
        format!("{joined}/")
    })
}

/// Reads files of the pinned commit for the ruleset loader (`extends`).
struct PinnedFiles<'a>(&'a GitTree);

impl Resolver for PinnedFiles<'_> {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        let path = normalize_path(name);
        if path.starts_with('/') || path == ".." || path.starts_with("../") {
            return Err(format!(
                "outside the repository (the pinned configuration reads only files of {})",
                self.0.rev
            ));
        }
        read_pinned(self.0, &path)?.ok_or_else(|| format!("no such file in {}", self.0.rev))
    }
}

/// The pinned ruleset and what the pull request's configuration would
/// change about it.
pub struct Pinned {
    pub ruleset: Ruleset,
    /// Where the pinned ruleset came from (`origin/main:.oaslint.yaml`, or
    /// the built-in name).
    pub source: String,
    /// The pull request's configuration as the working directory names it,
    /// when there is a file (else the pinned file it deletes, if any).
    local: Option<String>,
    /// The ruleset the pull request's configuration gives, or why it cannot
    /// be loaded.
    local_ruleset: Result<Ruleset, Error>,
    rev: String,
    /// What the pull request's `files` and `ignore` leave out that the
    /// pinned configuration lints.
    skips: Vec<Weakening>,
}

/// The pinned configuration of the files in `dir` (a folder, relative to
/// `cwd` or absolute, inside the repository): the configuration nearest to
/// `dir` at `rev` (up to the repository root), compared with the work
/// tree's nearest to `dir`. A pull request that adds `apis/x/.oaslint.yaml`
/// switching a MUST rule off is linted with the pinned configuration of
/// `apis/x` (the root's, at `rev`) and gets a finding on its new file.
pub fn load_for_dir(
    cwd: &Path,
    rev: &str,
    dir: &Path,
    ruleset: Option<&str>,
    default: &str,
    local_files: &dyn Resolver,
) -> Result<Pinned, String> {
    let tree = GitTree::open(cwd, "--pinned-config-from", rev)?;
    let prefix = dir_prefix(&tree, dir)?;
    load_in(&tree, &prefix, ruleset, default, local_files)
}

/// Loads the pinned ruleset for the folder `prefix` of the repository
/// (empty or ending in `/`) from `rev`, and the pull request's own
/// configuration for it from the work tree. `ruleset` is `--ruleset`,
/// `default` the built-in used when no configuration file exists.
fn load_in(
    tree: &GitTree,
    prefix: &str,
    ruleset: Option<&str>,
    default: &str,
    local_files: &dyn Resolver,
) -> Result<Pinned, String> {
    let rev = tree.rev.as_str();
    let registry = FunctionRegistry::default();
    let builtin = |name: &str| -> Result<Ruleset, String> {
        RulesetLoader::new(&oaslint::NoFiles, &registry)
            .load(name)
            .map_err(|e| e.to_string())
    };
    // The file, relative to the repository root, that configures the gate
    // on both sides; `None`: a built-in name, which no pull request changes.
    let (pinned_path, local_path) = match ruleset {
        Some(spec) if is_builtin_name(spec) => {
            let ruleset = builtin(spec)?;
            return Ok(Pinned {
                local_ruleset: Ok(ruleset.clone()),
                ruleset,
                source: spec.to_string(),
                local: None,
                rev: tree.rev.clone(),
                skips: Vec::new(),
            });
        }
        Some(spec) => {
            let path = tree.in_repository(spec).ok_or_else(|| {
                format!("--pinned-config-from: the ruleset {spec} is outside the repository")
            })?;
            let local = tree.toplevel.join(&path).is_file().then(|| path.clone());
            (read_pinned(tree, &path)?.map(|t| (path, t)), local)
        }
        None => {
            let mut pinned = None;
            for c in candidates(prefix) {
                if let Some(text) = read_pinned(tree, &c)? {
                    pinned = Some((c, text));
                    break;
                }
            }
            let local = candidates(prefix)
                .into_iter()
                .find(|c| tree.toplevel.join(c).symlink_metadata().is_ok());
            (pinned, local)
        }
    };
    let (ruleset, source) = match &pinned_path {
        Some((path, text)) => {
            let loaded =
                crate::config::with_scripts(RulesetLoader::new(&PinnedFiles(tree), &registry))
                    .load_text(path, text.clone())
                    .map_err(|e| {
                        format!("the pinned configuration {rev}:{path} cannot be loaded: {e}")
                    })?;
            (loaded, format!("{rev}:{path}"))
        }
        None => (builtin(default)?, default.to_string()),
    };
    let local_ruleset = match &local_path {
        Some(path) => crate::config::with_scripts(RulesetLoader::new(local_files, &registry))
            .load_file(&tree.relative_to_cwd(path)),
        None => RulesetLoader::new(&oaslint::NoFiles, &registry).load(default),
    };
    // Findings are placed in the pull request's file, or in the pinned file
    // it deletes.
    let skips = match &local_ruleset {
        Ok(l) => skipped_at_rev(
            tree,
            pinned_path.as_ref().map(|(p, _)| p.as_str()),
            &ruleset,
            local_path.as_deref(),
            l,
        ),
        Err(_) => Vec::new(),
    };
    let local = local_path
        .or_else(|| pinned_path.map(|(p, _)| p))
        .map(|p| tree.relative_to_cwd(&p));
    Ok(Pinned {
        ruleset,
        source,
        local,
        local_ruleset,
        rev: tree.rev.clone(),
        skips,
    })
}

/// The folder of a configuration file (repository-relative, empty or
/// ending in `/`).
fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// Whether `rel` or one of its parent folders matches one of `globs`.
fn matches_any(globs: &[globset::GlobMatcher], rel: &str) -> bool {
    let mut path = rel;
    loop {
        if globs.iter().any(|g| g.is_match(path)) {
            return true;
        }
        match path.rfind('/') {
            Some(i) => path = &path[..i],
            None => return false,
        }
    }
}

/// The pull request's `ignore` and `files` that leave out a spec the
/// pinned configuration lints at `REV`: the files of `REV` below the pull
/// request's configuration (YAML and JSON ones) that the pinned
/// configuration's `files` take in (all, when it names none: the command
/// line decides) and its `ignore` does not leave out, but the pull
/// request's `ignore` leaves out or its `files` do not take in. One
/// weakening per key, naming the first such file.
fn skipped_at_rev(
    tree: &GitTree,
    pinned_path: Option<&str>,
    pinned: &Ruleset,
    local_path: Option<&str>,
    local: &Ruleset,
) -> Vec<Weakening> {
    let Some(local_path) = local_path else {
        return Vec::new();
    };
    if local.ignore.is_empty() && local.files.is_empty() {
        return Vec::new();
    }
    let compile = |globs: &[String]| -> Vec<globset::GlobMatcher> {
        globs
            .iter()
            .filter_map(|g| crate::inputs::compile(g).ok())
            .collect()
    };
    let pinned_dir = pinned_path.map_or("", folder_of);
    let local_dir = folder_of(local_path);
    let (p_files, p_ignore) = (compile(&pinned.files), compile(&pinned.ignore));
    let (l_files, l_ignore) = (compile(&local.files), compile(&local.ignore));
    let Ok(listing) = tree.listing() else {
        return Vec::new();
    };
    let mut paths: Vec<&String> = listing
        .keys()
        .filter(|p| p.starts_with(local_dir) && p.starts_with(pinned_dir))
        .filter(|p| [".yaml", ".yml", ".json"].iter().any(|e| p.ends_with(e)))
        .collect();
    paths.sort();
    let mut by_ignore = None;
    let mut by_files = None;
    for path in paths {
        let p_rel = &path[pinned_dir.len()..];
        let linted = (p_files.is_empty() || p_files.iter().any(|g| g.is_match(p_rel)))
            && !matches_any(&p_ignore, p_rel);
        if !linted {
            continue;
        }
        let l_rel = &path[local_dir.len()..];
        if by_ignore.is_none() && matches_any(&l_ignore, l_rel) {
            by_ignore = Some(path.clone());
        }
        if by_files.is_none() && !l_files.is_empty() && !l_files.iter().any(|g| g.is_match(l_rel)) {
            by_files = Some(path.clone());
        }
    }
    [("ignore", by_ignore), ("files", by_files)]
        .into_iter()
        .filter_map(|(key, file)| {
            file.map(|file| Weakening {
                rule: key.to_string(),
                change: Change::Skips {
                    file: tree.relative_to_cwd(&file),
                },
            })
        })
        .collect()
}

impl Pinned {
    /// The pinned revision, as given.
    pub fn rev(&self) -> &str {
        &self.rev
    }

    /// Adds to `report` a MUST finding for every way the pull request's
    /// configuration weakens the pinned one for a gate at `fail_on`, or the
    /// error that it cannot be loaded; the configuration file becomes an
    /// input of its own (so that JUnit lists it) and a document.
    pub fn report_weakenings(
        &self,
        report: &mut Report,
        inputs: &mut Vec<Input>,
        fail_on: Option<Severity>,
        local_files: &dyn Resolver,
    ) {
        let local = match &self.local_ruleset {
            Ok(r) => r,
            Err(e) => {
                let mut e = e.clone();
                e.message = format!(
                    "this pull request's configuration cannot be loaded (the run used the pinned one, {}): {}",
                    self.source, e.message
                );
                report.errors.push(e);
                return;
            }
        };
        let gate = fail_on.unwrap_or(Severity::Must);
        let mut changes = weakenings(&self.ruleset, local, gate);
        changes.extend(self.skips.iter().cloned());
        changes.extend(override_weakenings(
            &self.ruleset,
            local,
            gate,
            self.local.as_deref(),
        ));
        if changes.is_empty() {
            return;
        }
        let Some(file) = &self.local else { return };
        let text = local_files.read(file).ok();
        let doc = text
            .as_ref()
            .and_then(|t| Document::parse(file, t.clone(), &Default::default()).ok());
        for w in &changes {
            let (pointer, range) = match &w.change {
                Change::Override { at: Some(at), .. } => {
                    locate_pointer(doc.as_ref(), at).unwrap_or_else(|| locate(doc.as_ref(), ""))
                }
                Change::Override { at: None, .. } => locate(doc.as_ref(), ""),
                _ => locate(doc.as_ref(), &w.rule),
            };
            report.findings.push(Finding {
                rule: CONFIG_WEAKENED.to_string(),
                severity: Severity::Must,
                message: w.describe(&self.rev),
                file: file.clone(),
                pointer,
                range,
                link: None,
                spectral: None,
                check: None,
                base: None,
            });
        }
        // The configuration is a document the run read (a deleted one is
        // not: it has no bytes to hash).
        if let Some(text) = &text {
            if !report.documents.iter().any(|d| &d.file == file) {
                report.documents.push(DocumentInfo {
                    file: file.clone(),
                    format: None,
                    sha256: crate::ack::hex(&Sha256::digest(text.as_bytes())),
                });
            }
        }
        if !inputs.iter().any(|i| &i.name == file) {
            inputs.push(Input {
                name: file.clone(),
                files: vec![file.clone()],
                configuration: 0,
            });
        }
        report.recount();
    }
}

/// `zalando`, `zalando@0.2`: a built-in ruleset, not a file.
fn is_builtin_name(spec: &str) -> bool {
    !spec
        .split('@')
        .next()
        .unwrap_or(spec)
        .contains(['/', '\\', '.'])
}

/// One way a configuration weakens another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weakening {
    /// The rule id (`duplicate-key` for `parserOptions.duplicateKeys`).
    pub rule: String,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The rule is not in the new configuration at all (an `extends`
    /// changed).
    Removed { was: Severity },
    /// Switched off.
    Off { was: Severity },
    /// A lower severity.
    Lowered { was: Severity, now: Severity },
    /// What the rule checks changed: `given`, `then`, its function or
    /// options, `formats` or `resolved`.
    Check { was: Severity },
    /// `ignore` (or `files`, the rule's name) leaves out this file, which
    /// the pinned configuration lints.
    Skips { file: String },
    /// An `overrides` entry the pinned configuration does not have switches
    /// the rule off (`now: None`) or lowers it for some files; `at` is the
    /// entry's pointer when it is written in the pull request's file (else
    /// it comes through `extends`).
    Override {
        was: Severity,
        now: Option<Severity>,
        files: String,
        at: Option<String>,
    },
}

impl Weakening {
    fn describe(&self, rev: &str) -> String {
        let id = &self.rule;
        let what = if id == "duplicate-key" {
            "parserOptions.duplicateKeys".to_string()
        } else {
            format!("rule {id}")
        };
        match &self.change {
            Change::Override {
                was, now, files, ..
            } => match now {
                None => format!(
                    "This configuration's overrides turn off {what} for {files}; it is {} in the pinned configuration ({rev})",
                    was.label()
                ),
                Some(now) => format!(
                    "This configuration's overrides lower {what} from {} to {} for {files} (pinned configuration: {rev})",
                    was.label(),
                    now.label()
                ),
            },
            Change::Skips { file } => format!(
                "This configuration's `{id}` leaves out {file}, which the pinned configuration ({rev}) lints"
            ),
            Change::Removed { was } => format!(
                "This configuration drops {what}, which is {} in the pinned configuration ({rev})",
                was.label()
            ),
            Change::Off { was } => format!(
                "This configuration turns off {what}, which is {} in the pinned configuration ({rev})",
                was.label()
            ),
            Change::Lowered { was, now } => format!(
                "This configuration lowers {what} from {} to {} (pinned configuration: {rev})",
                was.label(),
                now.label()
            ),
            Change::Check { was } => format!(
                "This configuration changes what {what} checks (given, then, options, formats or resolved); it is {} in the pinned configuration ({rev})",
                was.label()
            ),
        }
    }
}

/// What `local` changes about `pinned` that could hide a finding a gate at
/// `gate` counts. Rules at or above the gate level (and rules whose
/// function picks its own severity) are guarded: switching one off,
/// dropping it or changing its check is a weakening; lowering is one for
/// rules at or above the gate level. Adding rules and raising severities
/// are not.
pub fn weakenings(pinned: &Ruleset, local: &Ruleset, gate: Severity) -> Vec<Weakening> {
    let mut out = Vec::new();
    for p in &pinned.rules {
        let Some(was) = p.level() else { continue };
        let gating = was.at_least(gate);
        let own_severity = p
            .functions()
            .any(|f| SEVERITY_CHOOSING_FUNCTIONS.contains(&f));
        if !gating && !own_severity {
            continue;
        }
        let change = match local.rules.iter().find(|r| r.id == p.id) {
            None => Some(Change::Removed { was }),
            Some(l) => match l.level() {
                None => Some(Change::Off { was }),
                Some(now) if gating && !now.at_least(was) => Some(Change::Lowered { was, now }),
                Some(_) if p.definition_json() != l.definition_json() => {
                    Some(Change::Check { was })
                }
                Some(_) => None,
            },
        };
        if let Some(change) = change {
            out.push(Weakening {
                rule: p.id.clone(),
                change,
            });
        }
    }
    for (id, was, now) in [
        ("duplicate-key", pinned.duplicate_keys, local.duplicate_keys),
        ("remote-ref", pinned.remote_refs, local.remote_refs),
    ] {
        let RuleSeverity::On(was) = was else { continue };
        if was.at_least(gate) {
            let change = match now {
                RuleSeverity::Off => Some(Change::Off { was }),
                RuleSeverity::On(now) if !now.at_least(was) => Some(Change::Lowered { was, now }),
                RuleSeverity::On(_) => None,
            };
            if let Some(change) = change {
                out.push(Weakening {
                    rule: id.into(),
                    change,
                });
            }
        }
    }
    out
}

/// The `overrides` entries of `local` that turn off or lower, for some
/// files, a rule the pinned configuration gates on (at or above `gate`),
/// unless the pinned configuration has the same entry (same `files`, same
/// setting). Pointer-scoped entries count like file-wide ones: a PR must
/// not switch a MUST rule off for the one path it adds.
pub fn override_weakenings(
    pinned: &Ruleset,
    local: &Ruleset,
    gate: Severity,
    local_file: Option<&str>,
) -> Vec<Weakening> {
    let known = |o: &oaslint::Override, rule: &str, setting: OverrideSetting| {
        let files: Vec<&str> = o.files().collect();
        pinned.overrides().iter().any(|p| {
            p.files().collect::<Vec<_>>() == files
                && p.rules().iter().any(|(r, s)| r == rule && *s == setting)
        })
    };
    let level = |rule: &str| -> Option<Severity> {
        match rule {
            "duplicate-key" => pinned.duplicate_keys.level(),
            "remote-ref" => pinned.remote_refs.level(),
            _ => pinned
                .rules
                .iter()
                .find(|r| r.id == rule)
                .and_then(|r| r.level()),
        }
    };
    let mut out = Vec::new();
    for o in local.overrides() {
        for (rule, setting) in o.rules() {
            let Some(was) = level(rule) else { continue };
            if !was.at_least(gate) {
                continue;
            }
            let now = match setting {
                OverrideSetting::Off => None,
                OverrideSetting::Severity(now) if !now.at_least(was) => Some(*now),
                _ => continue,
            };
            if known(o, rule, *setting) {
                continue;
            }
            let at = local_file
                .filter(|f| normalize_path(f) == normalize_path(o.ruleset_file()))
                .map(|_| {
                    format!(
                        "{}/rules/{}",
                        o.pointer(),
                        rule.replace('~', "~0").replace('/', "~1")
                    )
                });
            out.push(Weakening {
                rule: rule.clone(),
                change: Change::Override {
                    was,
                    now,
                    files: o.files().collect::<Vec<_>>().join(", "),
                    at,
                },
            });
        }
    }
    out
}

/// The key range of the node at `pointer` of the configuration file.
fn locate_pointer(doc: Option<&Document>, pointer: &str) -> Option<(String, oaslint::Range)> {
    let node = doc?.lookup(pointer)?;
    Some((
        pointer.to_string(),
        node.key_range().unwrap_or_else(|| node.range()),
    ))
}

/// Where a weakening of `rule` shows in the configuration file: the rule's
/// entry under `rules` (its key), else `extends` (the rule changed through
/// it), else the top of the file.
fn locate(doc: Option<&Document>, rule: &str) -> (String, oaslint::Range) {
    let start = oaslint::Position { line: 1, column: 1 };
    let top = oaslint::Range { start, end: start };
    let Some(doc) = doc else {
        return (String::new(), top);
    };
    let escaped = rule.replace('~', "~0").replace('/', "~1");
    let candidates = if rule == "ignore" || rule == "files" {
        vec![format!("/{rule}")]
    } else if rule == "duplicate-key" {
        vec![
            "/parserOptions/duplicateKeys".to_string(),
            "/extends".into(),
        ]
    } else {
        vec![format!("/rules/{escaped}"), "/extends".into()]
    };
    for pointer in candidates {
        if let Some(node) = doc.lookup(&pointer) {
            // The key of the entry; the top value has none.
            let range = node.key_range().unwrap_or_else(|| node.range());
            return (pointer, range);
        }
    }
    (String::new(), top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oaslint::MemoryResolver;

    fn ruleset(text: &str) -> Ruleset {
        let registry = FunctionRegistry::default();
        RulesetLoader::new(&MemoryResolver::new(), &registry)
            .load_text("r.yaml", text)
            .expect("a valid ruleset")
    }

    #[test]
    fn turning_off_lowering_and_changing_guarded_rules_weaken() {
        let pinned = ruleset("extends: zalando\n");
        let local = ruleset(
            "extends: zalando\nrules:\n  \"116\": off\n  \"118\": should\n  \"150\": off\n  \"219\":\n    functionOptions:\n      checks: []\n  \"160\": must\n",
        );
        let mut got: Vec<(String, Change)> = weakenings(&pinned, &local, Severity::Must)
            .into_iter()
            .map(|w| (w.rule, w.change))
            .collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        let must = Severity::Must;
        assert_eq!(
            got,
            vec![
                ("116".to_string(), Change::Off { was: must }),
                (
                    "118".to_string(),
                    Change::Lowered {
                        was: must,
                        now: Severity::Should
                    }
                ),
                // 150 is SHOULD but reports non-official codes as MUST.
                (
                    "150".to_string(),
                    Change::Off {
                        was: Severity::Should
                    }
                ),
                ("219".to_string(), Change::Check { was: must }),
            ]
        );
    }

    #[test]
    fn stricter_configurations_do_not_weaken() {
        let pinned = ruleset("extends: zalando\nrules:\n  \"233\": off\n");
        let local = ruleset("extends: zalando\nrules:\n  \"160\": must\n  M011: true\n");
        assert_eq!(weakenings(&pinned, &local, Severity::Must), vec![]);
    }

    #[test]
    fn a_different_extends_drops_rules() {
        let pinned = ruleset("extends: zalando\n");
        let local = ruleset("rules:\n  own:\n    given: $.info\n    then: {function: truthy}\n");
        let w = weakenings(&pinned, &local, Severity::Must);
        assert!(w.iter().any(|w| w.rule == "116"
            && w.change
                == Change::Removed {
                    was: Severity::Must
                }));
    }

    #[test]
    fn candidates_go_from_the_folder_to_the_root() {
        let c = candidates("apis/orders/");
        assert_eq!(c[0], "apis/orders/.oaslint.yaml");
        assert_eq!(c[3], "apis/.oaslint.yaml");
        assert_eq!(c[6], ".oaslint.yaml");
        assert_eq!(c.len(), 9);
        let t = GitTree::at("main", "0".into(), "/repo".into(), "apis/".into());
        assert_eq!(dir_prefix(&t, Path::new("orders")).unwrap(), "apis/orders/");
        assert_eq!(dir_prefix(&t, Path::new("..")).unwrap(), "");
        assert_eq!(dir_prefix(&t, Path::new("/repo/x")).unwrap(), "x/");
        assert!(dir_prefix(&t, Path::new("../..")).is_err());
        assert!(dir_prefix(&t, Path::new("/etc")).is_err());
    }
}
