//! `oaslint diff BASE HEAD` (the changes as findings, in every output
//! format) and `oaslint changelog BASE HEAD` (release notes).

use super::lint::{emit, pair_outputs};
use super::{write_file, Linted};
use crate::args::{
    ChangelogArgs, ChangelogFormat, ChangesArgs, DiffArgs, RootArgs, RulesetArg, RunArgs,
    VersionsArgs,
};
use crate::changes::{self, ApiChanges};
use crate::gate;
use crate::output::{self, DisplayOptions};
use crate::resolver::FsResolver;
use crate::root::Roots;
use crate::run::{Configuration, Input, RunContext};
use crate::timestamp::{self, RunTime, Timestamp};
use crate::Io;
use clap::ArgMatches;
use oaslint::diff::{compare, Change, Version};
use oaslint::{DocumentInfo, FunctionRegistry, NoFiles, Report, RulesetLoader};
use sha2::{Digest, Sha256};
use std::path::Path;

pub(crate) fn diff(args: DiffArgs, matches: &ArgMatches, io: &mut Io<'_>) -> Result<u8, String> {
    let outputs = pair_outputs(&args.format, &args.output, matches)?;
    let compared = Compared::load(&args.versions, &args.changes, io)?;
    let linted = compared.into_linted(&args, io)?;
    let display = DisplayOptions {
        quiet: args.display.quiet,
        statistics: args.display.statistics,
        max_findings: args.max_findings,
        list_errors: false,
    };
    emit(
        &linted,
        &outputs,
        &args.comment.options(),
        &display,
        args.display.color,
        io,
    )
}

pub(crate) fn changelog(args: ChangelogArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let changes = ChangesArgs {
        changelog: true,
        include_unstable: args.include_unstable,
    };
    let compared = Compared::load(&args.versions, &changes, io)?;
    if let Some(e) = compared.errors().next() {
        return Err(e.to_string());
    }
    let text = match args.format {
        ChangelogFormat::Markdown => {
            output::changelog::markdown(&compared.base_name, &compared.head_name, &compared.changes)
        }
        ChangelogFormat::Text => output::changelog::text(&compared.changes),
    };
    match args.output.filter(|p| p.as_os_str() != "-") {
        Some(path) => write_file(&io.cwd, &path, &text)?,
        None => {
            let _ = io.stdout.write_all(text.as_bytes());
        }
    }
    Ok(crate::run::EXIT_OK)
}

/// Two versions read from files and compared.
struct Compared {
    /// Where files may be read from: the acknowledgement file and the
    /// baseline are looked up inside them, as `lint` does.
    roots: Roots,
    files: FsResolver,
    base_name: String,
    head_name: String,
    base: Version,
    head: Version,
    changes: Vec<Change>,
    time: RunTime,
    /// The working directory relative to the repository's root, for links
    /// to files in comments.
    cwd_in_repository: Option<String>,
}

impl Compared {
    /// Reads BASE and HEAD (each with its `$ref`'d files, inside the roots;
    /// the two files named are admitted as `lint` admits named files) and
    /// compares them on the day of the run time.
    fn load(
        versions: &VersionsArgs,
        changes: &ChangesArgs,
        io: &mut Io<'_>,
    ) -> Result<Compared, String> {
        let time = timestamp::resolve(
            versions.timestamp.as_deref(),
            io.env.get("SOURCE_DATE_EPOCH"),
            Timestamp::now,
        )?;
        let mut roots = versions.roots.roots(&io.cwd)?;
        let base_name = oaslint::normalize_path(&versions.base);
        let head_name = oaslint::normalize_path(&versions.head);
        for name in [&base_name, &head_name] {
            if name == "-" || name.is_empty() {
                return Err(format!(
                    "{name:?}: name two files (BASE, then HEAD); standard input is not read"
                ));
            }
            roots.admit_file(Path::new(name));
        }
        let cwd = roots.cwd().to_path_buf();
        let cwd_in_repository = crate::root::work_tree_of(&cwd)
            .and_then(|tree| cwd.strip_prefix(tree).ok().map(crate::inputs::slash_name));
        let files = FsResolver::new(&io.cwd, roots.clone());
        let base = changes::load(&base_name, &files)?;
        let head = changes::load(&head_name, &files)?;
        let options = changes::options(changes, changes::today(time.time));
        let changes = compare(&base, &head, &options);
        Ok(Compared {
            roots,
            files,
            base_name,
            head_name,
            base,
            head,
            changes,
            time,
            cwd_in_repository,
        })
    }

    /// `$ref`s of either version that could not be resolved.
    fn errors(&self) -> impl Iterator<Item = &oaslint::Error> {
        self.head.errors().iter().chain(self.base.errors())
    }

    /// The comparison as a lint run that every output format renders: the
    /// changes are its findings, in HEAD's order; the report lists HEAD's
    /// documents; unresolved `$ref`s of either version are its errors. The
    /// gate classifies the changes as it classifies a lint's findings
    /// (acknowledgement file, baseline, `--fail-on`).
    fn into_linted(self, args: &DiffArgs, io: &mut Io<'_>) -> Result<Linted, String> {
        // The report's ruleset is the built-in Zalando one, holding only
        // what a comparison checks (rule 116; 106 is no rule of it): the
        // formats that list the rules (JUnit, SARIF) list what ran.
        let registry = FunctionRegistry::default();
        let mut ruleset = RulesetLoader::new(&NoFiles, &registry)
            .load(crate::config::DEFAULT_RULESET)
            .map_err(|e| e.to_string())?;
        ruleset.rules.retain(|r| r.id == "116");
        let mut report = Report::new(oaslint::RulesetInfo {
            name: ruleset.name.clone(),
            version: ruleset.version.clone(),
        });
        // HEAD's documents: the changes are located in them (the base's
        // places are in each change's `base`).
        for (i, d) in self.head.documents().iter().enumerate() {
            report.documents.push(DocumentInfo {
                file: d.name.clone(),
                format: (i == 0).then(|| self.head.format().name().to_string()),
                sha256: crate::ack::hex(&Sha256::digest(d.text.as_bytes())),
            });
        }
        report.errors.extend(self.errors().cloned());
        report.findings = changes::to_findings(&self.changes, args.changes.changelog);
        // In report order, as `lint --base` lists them: by file, place,
        // then severity.
        crate::run::sort_findings(&mut report);
        report.recount();
        let mut inputs = vec![Input {
            name: self.head_name.clone(),
            files: self
                .head
                .documents()
                .iter()
                .map(|d| d.name.clone())
                .collect(),
            configuration: 0,
        }];
        let gate = gate::classify(
            &gate_args(args),
            io,
            &mut report,
            gate::Linted {
                roots: &self.roots,
                files: &self.files,
                inputs: &mut inputs,
                linters: &[],
                pinned: &[],
            },
            false,
        )?;
        let context = RunContext {
            configurations: vec![Configuration {
                file: None,
                ruleset: ruleset.clone(),
            }],
            changes: Some(ApiChanges {
                revision: None,
                compared: vec![(self.head_name.clone(), self.base_name.clone())],
                changelog: args.changes.changelog,
                ..ApiChanges::default()
            }),
            cwd_in_repository: self.cwd_in_repository,
            baseline: gate.baseline,
            ..RunContext::default()
        };
        Ok(Linted {
            files: self.files,
            ruleset,
            report,
            inputs,
            ack: gate.ack,
            matching: gate.matching,
            time: self.time,
            fail_on: args.fail_on.level(),
            ignores: gate.ignores,
            statuses: gate.statuses,
            context,
        })
    }
}

/// The gate's arguments for a comparison: `diff`'s acknowledgement and
/// baseline flags and `--fail-on`; nothing is linted, pinned or compared
/// with a revision.
fn gate_args(args: &DiffArgs) -> RunArgs {
    let gate = &args.gate;
    RunArgs {
        inputs: Vec::new(),
        exclude: Vec::new(),
        stdin_filepath: None,
        ruleset: RulesetArg { ruleset: None },
        roots: RootArgs {
            ref_root: Vec::new(),
            allow_refs_anywhere: false,
        },
        fail_on: args.fail_on,
        ack: gate.ack.clone(),
        no_ack: gate.no_ack,
        baseline: gate.baseline.clone(),
        no_baseline: gate.no_baseline,
        new_only: false,
        base: None,
        changes: ChangesArgs {
            changelog: args.changes.changelog,
            include_unstable: args.changes.include_unstable,
        },
        allow_must_ack: gate.allow_must_ack,
        allow_must_ignore: false,
        pinned_config_from: None,
        timestamp: None,
        max_findings: None,
    }
}
