//! `oaslint baseline`: lint, then record the current findings in the
//! baseline file (`.oaslint-baseline.yaml`).

use super::{lint_inputs, write_or_print};
use crate::args::BaselineArgs;
use crate::baseline::{self, BaselineFile, BaselineMatching, DEFAULT_BASELINE_FILE};
use crate::run::{Status, EXIT_ERROR, EXIT_OK};
use crate::{say, Io};

pub(crate) fn baseline_command(args: BaselineArgs, io: &mut Io<'_>) -> Result<u8, String> {
    if args.run.no_baseline {
        return Err("--no-baseline leaves nothing to record the findings in".into());
    }
    let linted = lint_inputs(&args.run, io, false)?;
    if !linted.report.errors.is_empty() {
        for e in &linted.report.errors {
            say(io, &e.to_string());
        }
        say(
            io,
            "oaslint: the baseline file is not changed while inputs have errors",
        );
        return Ok(EXIT_ERROR);
    }
    let (file, matching) = match &linted.context.baseline {
        Some(b) if b.source == b.file => (b.loaded.clone(), b.matching.clone()),
        // Pinned, the gate read the target branch's baseline; the file to
        // update is the work tree's.
        Some(b) => {
            let file = BaselineFile::load(b.loaded.path.clone(), b.file.clone())?;
            let m = baseline::match_findings(&file, &linted.report, &io.cwd);
            (file, m)
        }
        // None yet: one in the working directory.
        None => (
            BaselineFile {
                path: io.cwd.join(DEFAULT_BASELINE_FILE),
                display: DEFAULT_BASELINE_FILE.to_string(),
                ..BaselineFile::default()
            },
            BaselineMatching {
                matched: vec![None; linted.report.findings.len()],
                stale: Vec::new(),
            },
        ),
    };
    let fail_on = linted.fail_on;
    let statuses = &linted.statuses;
    // Acknowledged findings have their reason already; everything else
    // the team accepts now is baselined, pre-existing findings included.
    let wanted = |i: usize, f: &oaslint::Finding| {
        statuses[i] != Status::Acknowledged && baseline::recorded(f.severity, fail_on)
    };
    let (entries, summary) = baseline::update(&file, &linted.report, &matching, &io.cwd, &wanted);
    let text = baseline::render(&entries);
    let what = format!(
        "{} added, {} kept, {} removed",
        summary.added, summary.kept, summary.removed
    );
    write_or_print(io, args.write, &file.path, &file.display, &text, &what)?;
    Ok(EXIT_OK)
}
