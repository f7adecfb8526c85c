//! The baseline file (`.oaslint-baseline.yaml`): the findings a legacy
//! spec had when the guidelines were adopted, owned by the platform team.
//!
//! ```yaml
//! version: 1
//! files:                                  # relative to this file's folder
//!   apis/billing-legacy/openapi.yaml:
//!     "118":
//!       - /paths/~1v1~1invoices/get
//!       - /paths/~1v1~1invoices/get       # repeats = count
//!     "215":
//!       - /info
//!     "106":                              # changes (`--base`, `diff`)
//!       - pointer: /components/schemas/Pet/properties
//!         check: response-optional-property-removed
//! ```
//!
//! A finding in the baseline is reported as `baseline` and does not block,
//! MUST findings included (unlike an acknowledgement, a baseline is not
//! written by the pull request it gates: see `--pinned-config-from`).
//!
//! **Fingerprint.** An entry is a rule, a file and a JSON pointer; the
//! entries of one rule and file form a multiset matched one-to-one with the
//! findings of that rule and file. Not the line (it moves on every edit
//! above), not the message (a reworded rule would churn every entry). A
//! second pass matches what is left of a rule and file with every array
//! index in the pointers replaced by `*`, so that inserting a parameter
//! before a finding's parameter keeps it matched. Renamed files leave stale
//! entries and new findings (visible; `oaslint baseline --write` again).
//! The same matching decides `existing` under `--new-only`.
//!
//! **Changes.** Several changes of a comparison can share a place (every
//! removed property of a schema is located at its `properties`), so the
//! fingerprint of a change also holds its check: an entry written as
//! `{pointer, check}` holds only a change of that check. An entry that is
//! just a pointer (written before changes had checks) holds one finding of
//! its rule, file and pointer whatever its check, after the entries with a
//! check have taken theirs; `oaslint baseline --write` adds the check to it.

use crate::ack::{entry_key, finding_key, normalize};
use crate::args::RunArgs;
use crate::root::Roots;
use crate::run::StaleBaselineEntry;
use oaslint::{Document, Finding, Limits, NodeRef, Report, Severity};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};

/// The file used when `--baseline` is not given, looked up from the working
/// directory upwards.
pub const DEFAULT_BASELINE_FILE: &str = ".oaslint-baseline.yaml";

/// One baseline entry: one finding (a pointer listed twice is two).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineEntry {
    pub rule: String,
    /// As written: relative to the baseline file's folder, `/`-separated.
    pub file: String,
    pub pointer: String,
    /// The check of the change it holds; `None` holds a finding of any
    /// check (or a lint finding, which has none).
    pub check: Option<String>,
    /// Its line in the baseline file (not for new entries).
    pub line: Option<u32>,
    /// Where it is written in the baseline file: JSON pointer and range
    /// (not for new entries).
    pub site: Option<(String, oaslint::Range)>,
}

/// A loaded (or not yet existing) baseline file.
#[derive(Debug, Clone, Default)]
pub struct BaselineFile {
    /// Where it is (absolute or relative to the process's directory).
    pub path: PathBuf,
    /// How messages name it.
    pub display: String,
    /// SHA-256 of its bytes; `None` when it does not exist (yet).
    pub sha256: Option<String>,
    pub entries: Vec<BaselineEntry>,
}

impl BaselineFile {
    /// Reads `path` (already confined by [`locate`]); a missing file holds
    /// nothing.
    pub fn load(path: PathBuf, display: String) -> Result<BaselineFile, String> {
        match crate::config::read_repository_file(&path, &display)? {
            Some(text) => BaselineFile::from_text(path, display, &text),
            None => Ok(BaselineFile {
                path,
                display,
                ..BaselineFile::default()
            }),
        }
    }

    /// A baseline file from its text (read from the work tree, or from the
    /// pinned revision).
    pub fn from_text(path: PathBuf, display: String, text: &str) -> Result<BaselineFile, String> {
        let entries = parse(&display, text)?;
        Ok(BaselineFile {
            path,
            sha256: Some(crate::ack::hex(&Sha256::digest(text.as_bytes()))),
            display,
            entries,
        })
    }

    /// The folder entry paths are relative to.
    pub fn base(&self, cwd: &Path) -> PathBuf {
        let abs = normalize(&cwd.join(&self.path));
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    }
}

/// The baseline file to use: `--baseline`, else `.oaslint-baseline.yaml` in
/// `cwd` or the nearest parent up to the repository root, else (when
/// `create`) one in `cwd`. One that exists must be a regular file inside
/// the roots.
pub fn locate(
    args: &RunArgs,
    cwd: &Path,
    roots: &Roots,
    create: bool,
) -> Result<Option<(PathBuf, String)>, String> {
    if args.no_baseline {
        return Ok(None);
    }
    crate::config::locate_repository_file(
        args.baseline.as_deref(),
        DEFAULT_BASELINE_FILE,
        cwd,
        roots,
        create,
    )
}

/// Parses a baseline file's text; errors name `file:line:col`.
pub fn parse(display: &str, text: &str) -> Result<Vec<BaselineEntry>, String> {
    let doc = Document::parse(display, text, &Limits::default()).map_err(|e| e.to_string())?;
    let Some(root) = doc.root() else {
        return Ok(Vec::new());
    };
    let at = |node: NodeRef<'_>, message: &str| {
        let r = node.range();
        format!("{display}:{}:{}: {message}", r.start.line, r.start.column)
    };
    if root.is_null() {
        return Ok(Vec::new());
    }
    let Some(members) = root.entries() else {
        return Err(at(root, "expected a mapping with `version` and `files`"));
    };
    let mut out = Vec::new();
    for (key, value) in members {
        match key {
            "version" => {
                if value.scalar_text().as_deref() != Some("1") {
                    return Err(at(value, "`version` must be 1"));
                }
            }
            "files" if value.is_null() => {}
            "files" => {
                let Some(files) = value.entries() else {
                    return Err(at(value, "`files` must map file names to rules"));
                };
                for (file, rules) in files {
                    if rules.is_null() {
                        continue;
                    }
                    let Some(rules) = rules.entries() else {
                        return Err(at(rules, "a file must map rule ids to lists of pointers"));
                    };
                    for (rule, pointers) in rules {
                        if pointers.is_null() {
                            continue;
                        }
                        let Some(items) = pointers.items() else {
                            return Err(at(pointers, "a rule must have a list of JSON pointers"));
                        };
                        for (index, item) in items.enumerate() {
                            let (pointer, check) = if let Some(members) = item.entries() {
                                entry_with_check(item, members, &at)?
                            } else {
                                let Some(pointer) = item.scalar_text() else {
                                    return Err(at(item, "a pointer must be a string"));
                                };
                                (pointer, None)
                            };
                            if !(pointer.is_empty() || pointer.starts_with('/')) {
                                return Err(at(
                                    item,
                                    &format!("{pointer:?} is not a JSON pointer (it must be empty or start with `/`)"),
                                ));
                            }
                            out.push(BaselineEntry {
                                rule: rule.to_string(),
                                file: file.replace('\\', "/"),
                                pointer,
                                check,
                                line: Some(item.range().start.line),
                                site: Some((
                                    format!("/files/{}/{}/{index}", escape(file), escape(rule)),
                                    item.range(),
                                )),
                            });
                        }
                    }
                }
            }
            other => {
                return Err(at(
                    value,
                    &format!("unknown key `{other}` (expected `version` and `files`)"),
                ))
            }
        }
    }
    Ok(out)
}

/// An entry written as a mapping: `{pointer, check}` (a change).
fn entry_with_check<'d>(
    item: NodeRef<'d>,
    members: impl Iterator<Item = (&'d str, NodeRef<'d>)>,
    at: &dyn Fn(NodeRef<'_>, &str) -> String,
) -> Result<(String, Option<String>), String> {
    let (mut pointer, mut check) = (None, None);
    for (key, value) in members {
        let text = value
            .scalar_text()
            .ok_or_else(|| at(value, &format!("`{key}` must be a string")))?;
        match key {
            "pointer" => pointer = Some(text),
            "check" => check = Some(text),
            other => {
                return Err(at(
                    value,
                    &format!(
                        "unknown key `{other}` (an entry is a pointer, or `pointer` and `check`)"
                    ),
                ))
            }
        }
    }
    let pointer = pointer.ok_or_else(|| at(item, "the entry has no `pointer`"))?;
    Ok((pointer, check))
}

/// A JSON pointer segment.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The YAML text of a baseline file: grouped by file and rule, sorted.
pub fn render(entries: &[BaselineEntry]) -> String {
    let mut out = String::from(
        "# Findings accepted when the guidelines were adopted, owned by the platform\n\
         # team: they are reported as `baseline` and do not block. Entries are\n\
         # file (relative to this file), rule and JSON pointer; a repeated pointer\n\
         # counts twice. `oaslint baseline --write` rewrites this file.\n\
         version: 1\n",
    );
    // file → rule → (pointer, check)
    type ByRule<'e> = BTreeMap<&'e str, Vec<(&'e str, Option<&'e str>)>>;
    let mut grouped: BTreeMap<&str, ByRule<'_>> = BTreeMap::new();
    for e in entries {
        grouped
            .entry(&e.file)
            .or_default()
            .entry(&e.rule)
            .or_default()
            .push((&e.pointer, e.check.as_deref()));
    }
    if grouped.is_empty() {
        out.push_str("files: {}\n");
        return out;
    }
    out.push_str("files:\n");
    for (file, rules) in grouped {
        out.push_str(&format!("  {}:\n", crate::ack::yaml_scalar(file)));
        for (rule, mut pointers) in rules {
            pointers.sort();
            out.push_str(&format!("    {}:\n", crate::ack::yaml_scalar(rule)));
            for (p, check) in pointers {
                match check {
                    None => out.push_str(&format!("      - {}\n", crate::ack::yaml_scalar(p))),
                    Some(c) => out.push_str(&format!(
                        "      - pointer: {}\n        check: {}\n",
                        crate::ack::yaml_scalar(p),
                        crate::ack::yaml_scalar(c)
                    )),
                }
            }
        }
    }
    out
}

/// A pointer with every array index replaced by `*`: the second pass of the
/// matching. A number under `responses` is a status code, not an index.
pub fn wildcard(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    let mut prev = "";
    for seg in pointer.split('/').skip(1) {
        out.push('/');
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) && prev != "responses" {
            out.push('*');
        } else {
            out.push_str(seg);
        }
        prev = seg;
    }
    out
}

/// What a baseline entry or a finding is matched by: rule, file key,
/// pointer and the check of a change (`None` for a lint finding; for an
/// entry, any check).
pub type Fingerprint<'a> = (&'a str, &'a str, &'a str, Option<&'a str>);

/// Matches fingerprints one-to-one. Returns, per finding, the entry it
/// matched: exact pointers first, then pointers equal up to array indices;
/// in each, an entry with the finding's check before an entry without
/// one (each in order). `eligible` says which findings may match at all.
pub fn match_fingerprints(
    entries: &[Fingerprint<'_>],
    findings: &[Fingerprint<'_>],
    eligible: impl Fn(usize) -> bool,
) -> Vec<Option<usize>> {
    let mut out = vec![None; findings.len()];
    let mut used = vec![false; entries.len()];
    let exact = |p: &str| p.to_string();
    let loose = |p: &str| wildcard(p);
    for pointer_key in [&exact as &dyn Fn(&str) -> String, &loose] {
        for any_check in [false, true] {
            let mut open: HashMap<(&str, &str, String, Option<&str>), VecDeque<usize>> =
                HashMap::new();
            for (i, (rule, file, pointer, check)) in entries.iter().enumerate() {
                // The second pass is for entries without a check.
                let wanted = !any_check || check.is_none();
                if !used[i] && wanted {
                    open.entry((rule, file, pointer_key(pointer), *check))
                        .or_default()
                        .push_back(i);
                }
            }
            if open.is_empty() {
                continue;
            }
            for (fi, (rule, file, pointer, check)) in findings.iter().enumerate() {
                if out[fi].is_some() || !eligible(fi) {
                    continue;
                }
                let check = if any_check { None } else { *check };
                if let Some(e) = open
                    .get_mut(&(*rule, *file, pointer_key(pointer), check))
                    .and_then(VecDeque::pop_front)
                {
                    used[e] = true;
                    out[fi] = Some(e);
                }
            }
        }
    }
    out
}

/// Whether a finding may be matched by a baseline or acknowledgement at
/// all: a weakened configuration never is.
pub fn matchable(f: &Finding) -> bool {
    f.rule != crate::pin::CONFIG_WEAKENED
}

/// What the baseline says about one run's findings.
#[derive(Debug, Clone, Default)]
pub struct BaselineMatching {
    /// Per finding: the entry that holds it.
    pub matched: Vec<Option<usize>>,
    /// Entries of files this run read that hold no finding.
    pub stale: Vec<usize>,
}

/// Matches `baseline`'s entries with `report`'s findings (`cwd`: the folder
/// finding file names are relative to).
pub fn match_findings(baseline: &BaselineFile, report: &Report, cwd: &Path) -> BaselineMatching {
    let base = baseline.base(cwd);
    let entry_files: Vec<String> = baseline
        .entries
        .iter()
        .map(|e| entry_key(&base, &e.file))
        .collect();
    let finding_files: Vec<String> = report
        .findings
        .iter()
        .map(|f| finding_key(cwd, &base, &f.file))
        .collect();
    let entries: Vec<Fingerprint<'_>> = baseline
        .entries
        .iter()
        .zip(&entry_files)
        .map(|(e, file)| {
            (
                e.rule.as_str(),
                file.as_str(),
                e.pointer.as_str(),
                e.check.as_deref(),
            )
        })
        .collect();
    let findings: Vec<Fingerprint<'_>> = report
        .findings
        .iter()
        .zip(&finding_files)
        .map(|(f, file)| {
            (
                f.rule.as_str(),
                file.as_str(),
                f.pointer.as_str(),
                f.check.as_deref(),
            )
        })
        .collect();
    let matched = match_fingerprints(&entries, &findings, |i| matchable(&report.findings[i]));
    let mut used = vec![false; entries.len()];
    for e in matched.iter().flatten() {
        used[*e] = true;
    }
    let read: std::collections::HashSet<String> = report
        .documents
        .iter()
        .map(|d| finding_key(cwd, &base, &d.file))
        .collect();
    let stale = (0..entries.len())
        .filter(|&i| !used[i] && read.contains(entries[i].1))
        .collect();
    BaselineMatching { matched, stale }
}

/// The stale entries as the run context reports them.
pub fn stale_entries(baseline: &BaselineFile, m: &BaselineMatching) -> Vec<StaleBaselineEntry> {
    m.stale
        .iter()
        .map(|&i| {
            let e = &baseline.entries[i];
            StaleBaselineEntry {
                rule: e.rule.clone(),
                file: e.file.clone(),
                pointer: e.pointer.clone(),
                check: e.check.clone(),
                line: e.line.map(|l| l as usize),
            }
        })
        .collect()
}

/// What `update` changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct UpdateSummary {
    pub added: usize,
    pub kept: usize,
    pub removed: usize,
}

/// The entries after `oaslint baseline`: entries of files this run did not
/// read stay; matched entries stay (at the finding's current pointer);
/// stale ones go; every wanted finding that no entry holds is added.
pub fn update(
    baseline: &BaselineFile,
    report: &Report,
    m: &BaselineMatching,
    cwd: &Path,
    wanted: &dyn Fn(usize, &Finding) -> bool,
) -> (Vec<BaselineEntry>, UpdateSummary) {
    let base = baseline.base(cwd);
    let mut summary = UpdateSummary::default();
    let mut out = Vec::new();
    let stale: std::collections::HashSet<usize> = m.stale.iter().copied().collect();
    let mut held = vec![None; baseline.entries.len()];
    for (fi, e) in m.matched.iter().enumerate() {
        if let Some(e) = e {
            held[*e] = Some(fi);
        }
    }
    for (i, e) in baseline.entries.iter().enumerate() {
        if stale.contains(&i) {
            summary.removed += 1;
            continue;
        }
        summary.kept += 1;
        let mut e = e.clone();
        if let Some(fi) = held[i] {
            // A wildcard match moves the entry to where the finding is now;
            // an entry written without a check gets the change's.
            e.pointer = report.findings[fi].pointer.clone();
            e.file = finding_key(cwd, &base, &report.findings[fi].file);
            e.check = report.findings[fi].check.clone();
        }
        out.push(e);
    }
    for (fi, f) in report.findings.iter().enumerate() {
        if m.matched[fi].is_some() || !matchable(f) || !wanted(fi, f) {
            continue;
        }
        summary.added += 1;
        out.push(BaselineEntry {
            rule: f.rule.clone(),
            file: finding_key(cwd, &base, &f.file),
            pointer: f.pointer.clone(),
            check: f.check.clone(),
            line: None,
            site: None,
        });
    }
    (out, summary)
}

/// The severities `oaslint baseline` records: MUST, SHOULD and MAY; hints
/// only when they fail the run.
pub fn recorded(severity: Severity, fail_on: Option<Severity>) -> bool {
    severity != Severity::Hint || fail_on == Some(Severity::Hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_grouped_entries_with_lines_and_renders_them_back() {
        let text = "version: 1\nfiles:\n  a/b.yaml:\n    \"118\":\n      - /paths/~1x/get\n      - /paths/~1x/get\n    \"215\": [\"\"]\n";
        let e = parse("b.yaml", text).unwrap();
        assert_eq!(e.len(), 3);
        assert_eq!((e[0].rule.as_str(), e[0].line), ("118", Some(5)));
        assert_eq!(e[2].pointer, "");
        let back = parse("b.yaml", &render(&e)).unwrap();
        let strip = |v: &[BaselineEntry]| -> Vec<(String, String, String)> {
            v.iter()
                .map(|e| (e.rule.clone(), e.file.clone(), e.pointer.clone()))
                .collect()
        };
        assert_eq!(strip(&back), strip(&e));
        assert_eq!(parse("b.yaml", &render(&[])).unwrap(), vec![]);
    }

    #[test]
    fn mistakes_name_file_line_and_column() {
        for (text, want) in [
            ("version: 2\n", "b.yaml:1:10: `version` must be 1"),
            ("entries: []\n", "b.yaml:1:10: unknown key `entries`"),
            (
                "files:\n  a.yaml:\n    x: info\n",
                "b.yaml:3:8: a rule must",
            ),
            (
                "files:\n  a.yaml:\n    x: [info]\n",
                "b.yaml:3:9: \"info\" is not a JSON pointer",
            ),
        ] {
            let err = parse("b.yaml", text).unwrap_err();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn indices_are_wildcards_but_status_codes_are_not() {
        assert_eq!(
            wildcard("/paths/~1a/get/parameters/3/schema"),
            "/paths/~1a/get/parameters/*/schema"
        );
        assert_eq!(
            wildcard("/paths/~1a/get/responses/200/content"),
            "/paths/~1a/get/responses/200/content"
        );
        assert_eq!(wildcard(""), "");
    }

    #[test]
    fn fingerprints_match_as_multisets_exact_first_then_by_wildcard() {
        let entries = [
            ("r", "f", "/p/0", None),
            ("r", "f", "/p/0", None),
            ("r", "f", "/q", None),
            ("s", "f", "/p/1", None),
        ];
        let findings = [
            ("r", "f", "/p/1", None), // wildcard: the second /p/0
            ("r", "f", "/p/0", None), // exact: the first /p/0
            ("r", "f", "/p/0", None), // exact: the second is taken by nobody yet
            ("r", "f", "/q", None),
            ("r", "f", "/q", None), // a second /q: new
            ("s", "g", "/p/1", None),
        ];
        let m = match_fingerprints(&entries, &findings, |_| true);
        assert_eq!(m, vec![None, Some(0), Some(1), Some(2), None, None]);
    }

    #[test]
    fn changes_at_one_place_are_held_by_their_check_then_by_entries_without_one() {
        let entries = [
            (
                "106",
                "f",
                "/P/properties",
                Some("request-property-removed"),
            ),
            ("106", "f", "/P/properties", None),
            (
                "106",
                "f",
                "/Q/properties",
                Some("request-property-removed"),
            ),
        ];
        let findings = [
            // The breaking change: no entry with its check; the entry
            // without a check (an older file) holds it.
            (
                "106",
                "f",
                "/P/properties",
                Some("response-required-property-removed"),
            ),
            (
                "106",
                "f",
                "/P/properties",
                Some("request-property-removed"),
            ),
            // Another check at a place whose entry names a check: new.
            (
                "106",
                "f",
                "/Q/properties",
                Some("response-required-property-removed"),
            ),
        ];
        let m = match_fingerprints(&entries, &findings, |_| true);
        assert_eq!(m, vec![Some(1), Some(0), None]);
    }

    #[test]
    fn entries_with_a_check_parse_and_render_back() {
        let text = "version: 1\nfiles:\n  a.yaml:\n    \"106\":\n      - /x\n      - pointer: /y\n        check: request-property-removed\n";
        let e = parse("b.yaml", text).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].pointer.as_str(), e[0].check.as_deref()), ("/x", None));
        assert_eq!(
            (e[1].pointer.as_str(), e[1].check.as_deref(), e[1].line),
            ("/y", Some("request-property-removed"), Some(6))
        );
        let back = parse("b.yaml", &render(&e)).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].check.as_deref(), Some("request-property-removed"));
        let err = parse(
            "b.yaml",
            "files:\n  a.yaml:\n    \"106\":\n      - {pointer: /y, chek: x}\n",
        )
        .unwrap_err();
        assert!(err.starts_with("b.yaml:4:29: unknown key `chek`"), "{err}");
    }
}
