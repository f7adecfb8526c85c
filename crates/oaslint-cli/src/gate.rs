//! What the gate makes of a linted report: the configuration weakenings
//! of a pinned run, the document's own ignores, the acknowledgement file,
//! the baseline and (`--new-only`) the base revision's findings — one
//! [`Status`] per finding.

use crate::ack::{entry_key, AckFile, Matching};
use crate::args::RunArgs;
use crate::baseline::{BaselineEntry, BaselineFile};
use crate::config::locate_ack;
use crate::git::{GitTree, Unreadable};
use crate::pin::Pinned;
use crate::pin::CONFIG_WEAKENED;
use crate::resolver::FsResolver;
use crate::root::Roots;
use crate::run::{BaseRevision, BaselineSummary, IgnoreGate, Input, Status};
use crate::{say, Io};
use oaslint::{DocumentInfo, Finding, Linter, Report, Severity};
use std::collections::HashMap;

/// The gate's view of a report.
pub(crate) struct Gate {
    pub(crate) ack: Option<AckFile>,
    pub(crate) matching: Matching,
    pub(crate) ignores: IgnoreGate,
    /// One per finding of the report, in its order.
    pub(crate) statuses: Vec<Status>,
    pub(crate) baseline: Option<BaselineSummary>,
    pub(crate) base: Option<BaseRevision>,
}

/// What the gate needs of the lint it classifies.
pub(crate) struct Linted<'a> {
    pub(crate) roots: &'a Roots,
    pub(crate) files: &'a FsResolver,
    /// The linted inputs; a pinned run adds the configuration files it
    /// reports weakenings in.
    pub(crate) inputs: &'a mut Vec<Input>,
    /// The linter that linted each input (by index in `inputs`), to lint
    /// the base revision's version with the same rules.
    pub(crate) linters: &'a [&'a Linter],
    /// The pinned configurations (`--pinned-config-from`), one per
    /// configuration the run applied; empty when not pinned.
    pub(crate) pinned: &'a [Pinned],
}

/// Classifies every finding of `report` (which it may change: weakenings
/// are added, refused ignores put back).
///
/// Order matters: the weakenings of a pinned configuration and the refused
/// in-spec ignores are findings like any other; then the acknowledgement
/// file, the baseline and the base revision each claim findings, in that
/// order of precedence (acknowledged → baseline → existing → new).
pub(crate) fn classify(
    args: &RunArgs,
    io: &mut Io<'_>,
    report: &mut Report,
    linted: Linted<'_>,
    create_ack: bool,
) -> Result<Gate, String> {
    let fail_on = args.fail_on.level();
    for p in linted.pinned {
        p.report_weakenings(report, linted.inputs, fail_on, linted.files);
    }
    let ignores = IgnoreGate::apply(report, args.allow_must_ignore);
    let baseline = load_baseline(args, io, linted.roots, linted.pinned, report, linted.inputs)?;
    let ack = match locate_ack(args, &io.cwd, linted.roots, create_ack)? {
        Some((path, display)) => Some(AckFile::load(path, display)?),
        None => None,
    };
    let matching = match &ack {
        Some(a) => crate::ack::match_findings(a, report, &io.cwd, args.allow_must_ack),
        None => Matching::none(report.findings.len()),
    };
    let baseline = baseline.map(|(file, source)| {
        let m = crate::baseline::match_findings(&file, report, &io.cwd);
        BaselineSummary {
            file: file.display.clone(),
            stale: crate::baseline::stale_entries(&file, &m),
            source,
            loaded: file,
            matching: m,
        }
    });
    let mut statuses: Vec<Status> = (0..report.findings.len())
        .map(|i| {
            if matching.acknowledged.get(i).copied().flatten().is_some() {
                Status::Acknowledged
            } else if baseline
                .as_ref()
                .is_some_and(|b| b.matching.matched[i].is_some())
            {
                Status::Baseline
            } else {
                Status::New
            }
        })
        .collect();
    let mut base = None;
    if let (true, Some(rev)) = (args.new_only, &args.base) {
        let (existing, revision) =
            crate::newonly::existing(&io.cwd, rev, report, linted.inputs, linted.linters, &|i| {
                statuses[i] == Status::New
            })?;
        for (s, e) in statuses.iter_mut().zip(existing) {
            if e && *s == Status::New {
                *s = Status::Existing;
            }
        }
        base = Some(revision);
    }
    if let Some(b) = &baseline {
        warn_stale(io, b);
    }
    Ok(Gate {
        ack,
        matching,
        ignores,
        statuses,
        baseline,
        base,
    })
}

/// One stderr line per stale baseline entry, as for acknowledgements.
fn warn_stale(io: &mut Io<'_>, b: &BaselineSummary) {
    for e in &b.stale {
        let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        say(
            io,
            &format!(
                "warning: {}{line}: stale baseline entry: {} {} {}{} matches no finding (remove it with `oaslint baseline --write`)",
                b.file,
                e.rule,
                e.file,
                if e.pointer.is_empty() { "\"\"" } else { &e.pointer },
                e.check.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
            ),
        );
    }
}

/// The baseline of the run and where it was read from. Pinned
/// (`--pinned-config-from REV`), it is read from `REV` at the same path —
/// the pull request's copy could baseline its own new findings — and every
/// entry the pull request adds that holds a current finding becomes an
/// `oaslint-config-weakened` MUST finding at that entry.
fn load_baseline(
    args: &RunArgs,
    io: &Io<'_>,
    roots: &Roots,
    pinned: &[Pinned],
    report: &mut Report,
    inputs: &mut Vec<Input>,
) -> Result<Option<(BaselineFile, String)>, String> {
    let Some((path, display)) = crate::baseline::locate(args, &io.cwd, roots, false)? else {
        return Ok(None);
    };
    let local = BaselineFile::load(path.clone(), display.clone())?;
    let Some(rev) = pinned.first().map(Pinned::rev) else {
        let source = display.clone();
        return Ok(Some((local, source)));
    };
    let tree = GitTree::open(&io.cwd, "--pinned-config-from", rev)?;
    let name = path.to_string_lossy();
    let repo_path = tree.in_repository(&name).ok_or_else(|| {
        format!("--pinned-config-from: the baseline {display} is outside the repository")
    })?;
    let source = format!("{rev}:{repo_path}");
    let pinned_file = match tree.read(&repo_path) {
        Ok(text) => BaselineFile::from_text(path, display.clone(), &text)
            .map_err(|e| format!("the pinned baseline {source} cannot be read: {e}"))?,
        Err(Unreadable::Missing) => BaselineFile {
            path,
            display: display.clone(),
            ..BaselineFile::default()
        },
        Err(e) => {
            return Err(format!(
                "the pinned baseline {source} cannot be read: {e:?}"
            ))
        }
    };
    report_added_entries(&local, &pinned_file, rev, report, inputs, &io.cwd);
    Ok(Some((pinned_file, source)))
}

/// Entries of the pull request's baseline that the pinned one does not
/// have and that hold a finding of this run: each becomes a MUST finding
/// at the entry.
fn report_added_entries(
    local: &BaselineFile,
    pinned: &BaselineFile,
    rev: &str,
    report: &mut Report,
    inputs: &mut Vec<Input>,
    cwd: &std::path::Path,
) {
    let base = local.base(cwd);
    let key = |e: &BaselineEntry| {
        (
            e.rule.clone(),
            entry_key(&base, &e.file),
            e.pointer.clone(),
            e.check.clone(),
        )
    };
    let mut had: HashMap<_, usize> = HashMap::new();
    for e in &pinned.entries {
        *had.entry(key(e)).or_default() += 1;
    }
    let added: Vec<&BaselineEntry> = local
        .entries
        .iter()
        .filter(|e| match had.get_mut(&key(e)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    if added.is_empty() {
        return;
    }
    let added_only = BaselineFile {
        entries: added.into_iter().cloned().collect(),
        ..local.clone()
    };
    let m = crate::baseline::match_findings(&added_only, report, cwd);
    let mut weakened = Vec::new();
    for (fi, e) in m.matched.iter().enumerate() {
        let Some(e) = e else { continue };
        let entry = &added_only.entries[*e];
        let f = &report.findings[fi];
        let start = oaslint::Position { line: 1, column: 1 };
        let (pointer, range) = entry
            .site
            .clone()
            .unwrap_or((String::new(), oaslint::Range { start, end: start }));
        weakened.push(Finding {
            rule: CONFIG_WEAKENED.to_string(),
            severity: Severity::Must,
            message: format!(
                "This pull request adds a baseline entry for its own {} finding of rule {} at {}; the gate reads the baseline of the pinned configuration ({rev})",
                f.severity.label(),
                f.rule,
                if f.pointer.is_empty() { "the document root" } else { &f.pointer },
            ),
            file: local.display.clone(),
            pointer,
            range,
            link: None,
            spectral: None,
            check: None,
            base: None,
        });
    }
    if weakened.is_empty() {
        return;
    }
    report.findings.extend(weakened);
    if let Some(sha256) = &local.sha256 {
        if !report.documents.iter().any(|d| d.file == local.display) {
            report.documents.push(DocumentInfo {
                file: local.display.clone(),
                format: None,
                sha256: sha256.clone(),
            });
        }
    }
    if !inputs.iter().any(|i| i.name == local.display) {
        inputs.push(Input {
            name: local.display.clone(),
            files: vec![local.display.clone()],
            configuration: 0,
        });
    }
    report.recount();
}
