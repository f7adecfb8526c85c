//! `--new-only --base REV`: which findings the base revision already had.
//!
//! Each linted root document is read as it is in `REV` (through git, with
//! its `$ref`'d files at `REV` too) and linted with the same linter as the
//! work tree's version, so that a configuration change does not turn new
//! findings into pre-existing ones. A finding of the work tree that the
//! base version also has (the baseline's fingerprint: rule, file and
//! pointer, one-to-one, then up to array indices) is `existing` and does
//! not block.
//!
//! Fail-safe: a document missing at `REV`, or a symbolic link or an
//! oversize file there, has no base findings — all its findings are new.
//! `REV` should be the tip of the target branch when the pipeline builds
//! the pull request's merge commit (GitHub, Azure DevOps), or `git
//! merge-base origin/main HEAD` for a branch checkout.

use crate::baseline::{match_fingerprints, Fingerprint};
use crate::git::{GitTree, RevisionFiles};
use crate::run::{BaseRevision, Input};
use oaslint::{normalize_path, Finding, Linter, Report};
use rayon::prelude::*;
use std::path::Path;

/// The name findings in standard input are reported under (never compared).
const STDIN_NAME: &str = "<stdin>";

/// Per finding of `report`: whether the base revision `rev` has it.
/// `inputs[i]` was linted by `linters[i]`; `eligible` says which findings
/// may be matched (not already acknowledged or baselined).
pub(crate) fn existing(
    cwd: &Path,
    rev: &str,
    report: &Report,
    inputs: &[Input],
    linters: &[&Linter],
    eligible: &dyn Fn(usize) -> bool,
) -> Result<(Vec<bool>, BaseRevision), String> {
    let tree = GitTree::open(cwd, "--base", rev)?;
    let roots: Vec<(&str, &Linter)> = inputs
        .iter()
        .zip(linters)
        .filter(|(i, _)| i.name != STDIN_NAME)
        .map(|(i, l)| (i.name.as_str(), *l))
        .collect();
    let files = RevisionFiles(&tree);
    let reports: Vec<Report> = roots
        .par_iter()
        .filter_map(|(name, linter)| {
            let path = tree.in_repository(name)?;
            // Missing, a symbolic link, too large: no base findings.
            let text = tree.read(&path).ok()?;
            Some(linter.lint(name, text, &files))
        })
        .collect();
    let mut base_findings: Vec<&Finding> = Vec::new();
    for r in &reports {
        base_findings.extend(&r.findings);
        // A finding the base revision's document ignored existed too.
        base_findings.extend(r.ignored.iter().map(|i| &i.finding));
    }
    let base_files: Vec<String> = base_findings
        .iter()
        .map(|f| normalize_path(&f.file))
        .collect();
    let head_files: Vec<String> = report
        .findings
        .iter()
        .map(|f| normalize_path(&f.file))
        .collect();
    // Lint findings have no check: the base revision's lint is compared
    // with this run's by rule, file and pointer.
    let entries: Vec<Fingerprint<'_>> = base_findings
        .iter()
        .zip(&base_files)
        .map(|(f, file)| (f.rule.as_str(), file.as_str(), f.pointer.as_str(), None))
        .collect();
    let findings: Vec<Fingerprint<'_>> = report
        .findings
        .iter()
        .zip(&head_files)
        .map(|(f, file)| {
            (
                f.rule.as_str(),
                file.as_str(),
                f.pointer.as_str(),
                f.check.as_deref(),
            )
        })
        .collect();
    // A change (it has a check) is what this pull request does: never
    // pre-existing, even where a lint finding of the same rule sits (rule
    // 116 at `/info/version`).
    let matched = match_fingerprints(&entries, &findings, |i| {
        eligible(i)
            && report.findings[i].check.is_none()
            && crate::baseline::matchable(&report.findings[i])
            && findings[i].1 != STDIN_NAME
    });
    let base = BaseRevision {
        rev: tree.rev.clone(),
        commit: tree.commit.clone(),
    };
    Ok((matched.iter().map(Option::is_some).collect(), base))
}
