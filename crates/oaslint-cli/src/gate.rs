//! What the gate makes of a linted report: the configuration weakenings
//! of a pinned run, the document's own ignores, the acknowledgement file,
//! the baseline and (`--new-only`) the base revision's findings — one
//! [`Status`] per finding.

use crate::ack::{AckFile, Matching};
use crate::args::RunArgs;
use crate::config::locate_ack;
use crate::pin::Pinned;
use crate::resolver::FsResolver;
use crate::root::Roots;
use crate::run::{BaseRevision, BaselineSummary, IgnoreGate, Input, Status};
use crate::Io;
use oaslint::{Linter, Report};

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
pub(crate) fn classify(
    args: &RunArgs,
    io: &Io<'_>,
    report: &mut Report,
    linted: Linted<'_>,
    create_ack: bool,
) -> Result<Gate, String> {
    // The base revision's lint (`--new-only`) will need these.
    let _ = linted.linters;
    let fail_on = args.fail_on.level();
    for p in linted.pinned {
        p.report_weakenings(report, linted.inputs, fail_on, linted.files);
    }
    let ignores = IgnoreGate::apply(report, args.allow_must_ignore);
    let ack = match locate_ack(args, &io.cwd, linted.roots, create_ack)? {
        Some((path, display)) => Some(AckFile::load(path, display)?),
        None => None,
    };
    let matching = match &ack {
        Some(a) => crate::ack::match_findings(a, report, &io.cwd, args.allow_must_ack),
        None => Matching::none(report.findings.len()),
    };
    let statuses = (0..report.findings.len())
        .map(|i| match matching.acknowledged.get(i).copied().flatten() {
            Some(_) => Status::Acknowledged,
            None => Status::New,
        })
        .collect();
    Ok(Gate {
        ack,
        matching,
        ignores,
        statuses,
        baseline: None,
        base: None,
    })
}
