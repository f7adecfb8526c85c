//! The commands: `lint`, `pr-thread`, `ack`, `rules`, `functions`,
//! `completions` and `man`, and the lint of the inputs that the first three
//! share.

mod ack;
mod baseline;
mod completions;
mod diff;
mod functions;
mod lint;
mod man;
mod rules;

pub(crate) use self::ack::ack_command;
pub(crate) use self::baseline::baseline_command;
pub(crate) use self::completions::completions;
pub(crate) use self::diff::{changelog, diff};
pub(crate) use self::functions::functions;
pub(crate) use self::lint::{lint, pr_thread};
pub(crate) use self::man::man;
pub(crate) use self::rules::rules;

use crate::ack::{AckFile, Matching};
use crate::args::RunArgs;
use crate::config::{config_for, load_spec, DEFAULT_RULESET};
use crate::inputs::{self, Excludes, Origin};
use crate::resolver::FsResolver;
use crate::root::{self, Roots};
use crate::run::{self, Configuration, Input, LintRun, RunContext, SkipReason, Skipped, Status};
use crate::timestamp::{self, RunTime, Timestamp};
use crate::{changes, gate, pin, Io};
use oaslint::{ErrorKind, Linter, Report, Ruleset, Severity};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A finished lint with everything the outputs need.
pub(crate) struct Linted {
    pub(crate) files: FsResolver,
    pub(crate) ruleset: Ruleset,
    pub(crate) report: Report,
    pub(crate) inputs: Vec<Input>,
    pub(crate) ack: Option<AckFile>,
    pub(crate) matching: Matching,
    pub(crate) time: RunTime,
    pub(crate) fail_on: Option<Severity>,
    pub(crate) ignores: run::IgnoreGate,
    pub(crate) statuses: Vec<Status>,
    pub(crate) context: RunContext,
}

impl Linted {
    pub(crate) fn run(&self) -> LintRun<'_> {
        LintRun {
            report: &self.report,
            ruleset: &self.ruleset,
            inputs: &self.inputs,
            ack: self.ack.as_ref(),
            matching: &self.matching,
            time: self.time,
            fail_on: self.fail_on,
            ignores: &self.ignores,
            statuses: &self.statuses,
            context: &self.context,
        }
    }
}

/// Finds each input's configuration, lints every input (in parallel, each
/// with its configuration's linter) into one report, and lets the gate
/// classify the findings.
pub(crate) fn lint_inputs(
    args: &RunArgs,
    io: &mut Io<'_>,
    create_ack: bool,
) -> Result<Linted, String> {
    let time = timestamp::resolve(
        args.timestamp.as_deref(),
        io.env.get("SOURCE_DATE_EPOCH"),
        Timestamp::now,
    )?;
    let mut roots = args.roots.roots(&io.cwd)?;
    let excludes = Excludes::new(&args.exclude)?;
    let io_cwd = io.cwd.clone();
    let mut configs = Configs::new(args, &io_cwd);
    let cwd = roots.cwd().to_path_buf();
    let (command_line, below_cwd_only) = if args.inputs.is_empty() {
        default_inputs(&mut configs, &cwd, &roots)?
    } else {
        (args.inputs.clone(), false)
    };
    if command_line.is_empty() {
        return Err(
            "no input: name files or globs, or `-` for standard input, or list globs under \
             `files` in .oaslint.yaml"
                .into(),
        );
    }
    let expansion = inputs::expand(&command_line, &excludes, &mut roots)?;
    for note in &expansion.notes {
        crate::say(io, &format!("oaslint: note: {note}"));
    }
    let mut skipped = expansion.skipped;
    let mut expanded = expansion.candidates;
    if below_cwd_only {
        // Matches are named relative to the working directory.
        let outside = |name: &str| name == ".." || name.starts_with("../");
        expanded.retain(|c| !outside(&c.name));
        skipped.retain(|s| !outside(&s.file));
    }
    if args.pinned_config_from.is_some() {
        // The pull request writes the ignore files too: a gated run never
        // skips a file git tracks because of them.
        let tracked = tracked_files(&io_cwd, &skipped)?;
        skipped.retain(|s| {
            let keep = !tracked.contains(&s.file);
            if !keep {
                expanded.push(inputs::Candidate {
                    name: s.file.clone(),
                    origin: Origin::Globbed,
                });
            }
            keep
        });
    }
    let files = FsResolver::new(&io.cwd, roots.clone());

    // Each candidate with its name in reports and its configuration.
    let mut candidates: Vec<(String, Origin, usize)> = Vec::new();
    for c in expanded {
        let (name, dir) = match c.origin {
            Origin::Stdin => {
                let name = stdin_name(args, &roots)?;
                let mut text = String::new();
                io.stdin
                    .read_to_string(&mut text)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                files.remember(&name, text.into());
                let dir = match &args.stdin_filepath {
                    Some(p) => folder_of(&roots.lexical(p)),
                    None => cwd.clone(),
                };
                (name, dir)
            }
            _ => {
                let dir = folder_of(&roots.lexical(Path::new(&c.name)));
                (c.name, dir)
            }
        };
        let config = configs.for_dir(&dir, &roots)?;
        if c.origin == Origin::Globbed
            && configs.list[config].ignores(&roots.lexical(Path::new(&name)))
        {
            skipped.push(Skipped {
                file: name,
                reason: SkipReason::ConfigIgnore,
            });
            continue;
        }
        candidates.push((name, c.origin, config));
    }

    // One thread per file while there are more files than cores; the
    // cores left over share out each file's rules (a single large spec).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads_per_file = (cores / candidates.len().max(1)).clamp(1, MAX_THREADS_PER_FILE);
    for loaded in &mut configs.list {
        loaded.linter.set_threads(threads_per_file);
    }
    let reports: Vec<Report> = candidates
        .par_iter()
        .map(|(name, _, config)| lint_one(&configs.list[*config].linter, name, &files))
        .collect();

    // Which candidates are roots: a glob match that another root `$ref`s is
    // part of that root; one that is no OpenAPI document is skipped.
    let keep = classify_roots(&candidates, &reports);
    let mut configuration_of: HashMap<usize, usize> = HashMap::new();
    let mut configurations: Vec<Configuration> = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    let mut linted = Vec::new();
    let mut to_merge = Vec::new();
    for (((name, _, config), r), keep) in candidates.iter().zip(reports).zip(keep) {
        match keep {
            Role::Demoted => continue,
            Role::NotOpenapi => {
                skipped.push(Skipped {
                    file: name.clone(),
                    reason: SkipReason::NotOpenapi,
                });
                continue;
            }
            Role::Root => {}
        }
        let index = *configuration_of.entry(*config).or_insert_with(|| {
            configurations.push(configs.list[*config].configuration());
            used.push(*config);
            configurations.len() - 1
        });
        let mut docs: Vec<String> = vec![name.clone()];
        docs.extend(
            r.documents
                .iter()
                .map(|d| d.file.clone())
                .filter(|f| f != name),
        );
        linted.push(Input {
            name: name.clone(),
            files: docs,
            configuration: index,
        });
        to_merge.push(r);
    }
    if configurations.is_empty() {
        // Nothing linted: the configuration of the working directory.
        let here = configs.for_dir(&cwd, &roots)?;
        configurations.push(configs.list[here].configuration());
        used.push(here);
    }
    let main_ruleset = configurations[0].ruleset.clone();
    let mut report = Report::new(oaslint::RulesetInfo {
        name: main_ruleset.name.clone(),
        version: main_ruleset.version.clone(),
    });
    // All at once: merging one report at a time is quadratic in the files.
    report.merge_all(to_merge);
    // Each lint kept up to the limit; the merged report keeps it too.
    report.truncate(oaslint::DEFAULT_MAX_FINDINGS);
    // `--base REV`: what changed for clients since REV, as findings like
    // any other (acknowledgements, the baseline and --fail-on apply).
    let changes = match &args.base {
        Some(rev) => Some(compare_with_revision(
            args,
            io,
            rev,
            &mut report,
            &mut linted,
            changes::Roots {
                names: &[],
                command_line: &command_line,
                excludes: &excludes,
                files: &files,
            },
            time,
        )?),
        None => None,
    };
    let pinned: Vec<pin::Pinned> = configs.take_pinned(&used);
    let linters: Vec<&Linter> = linted
        .iter()
        .map(|i| &configs.list[used[i.configuration]].linter)
        .collect();
    let gate = gate::classify(
        args,
        io,
        &mut report,
        gate::Linted {
            roots: &roots,
            files: &files,
            inputs: &mut linted,
            linters: &linters,
            pinned: pinned.as_slice(),
        },
        create_ack,
    )?;
    skipped.sort_by(|a, b| a.file.cmp(&b.file));
    let context = RunContext {
        configurations,
        skipped,
        baseline: gate.baseline,
        base: gate.base,
        cwd_in_repository: root::work_tree_of(&cwd)
            .and_then(|tree| cwd.strip_prefix(tree).ok().map(inputs::slash_name)),
        changes,
    };
    Ok(Linted {
        files,
        ruleset: main_ruleset,
        report,
        inputs: linted,
        ack: gate.ack,
        matching: gate.matching,
        time,
        fail_on: args.fail_on.level(),
        ignores: gate.ignores,
        statuses: gate.statuses,
        context,
    })
}

/// Compares the linted roots with their versions at `rev` and adds the
/// changes to `report` (in report order); a root that `rev` has and the
/// work tree does not becomes an input of its own, so that every output
/// shows its finding.
fn compare_with_revision(
    args: &RunArgs,
    io: &mut Io<'_>,
    rev: &str,
    report: &mut Report,
    linted: &mut Vec<Input>,
    roots: changes::Roots<'_>,
    time: RunTime,
) -> Result<changes::ApiChanges, String> {
    let names: Vec<String> = linted
        .iter()
        .map(|i| i.name.clone())
        .filter(|n| n != STDIN_NAME)
        .collect();
    let options = changes::options(&args.changes, changes::today(time.time));
    let found = changes::against_revision(
        &io.cwd,
        rev,
        changes::Roots {
            names: &names,
            ..roots
        },
        &options,
        args.changes.changelog,
    )?;
    for note in &found.notes {
        crate::say(io, &format!("oaslint: note: {note}"));
    }
    for name in &found.summary.removed {
        if found.findings.iter().any(|f| &f.file == name) {
            linted.push(Input {
                name: name.clone(),
                files: vec![name.clone()],
                configuration: 0,
            });
        }
    }
    if !found.findings.is_empty() {
        report.findings.extend(found.findings);
        run::sort_findings(report);
        report.recount();
    }
    Ok(found.summary)
}

/// Which of the files `.gitignore` kept out of `skipped` git tracks (by
/// their names, relative to `cwd`).
fn tracked_files(cwd: &Path, skipped: &[Skipped]) -> Result<HashSet<String>, String> {
    let ignored: Vec<&str> = skipped
        .iter()
        .filter(|s| s.reason == SkipReason::Gitignored)
        .map(|s| s.file.as_str())
        .collect();
    let mut tracked = HashSet::new();
    for chunk in ignored.chunks(512) {
        let mut args = vec!["ls-files", "-z", "--"];
        args.extend_from_slice(chunk);
        let out = crate::git::git(cwd, &args)?;
        tracked.extend(
            out.split(|&b| b == 0)
                .filter(|p| !p.is_empty())
                .map(|p| String::from_utf8_lossy(p).into_owned()),
        );
    }
    Ok(tracked)
}

/// The name standard input is reported under: `--stdin-filepath` (which
/// must lie inside the roots as written; it is never read), else
/// `<stdin>`.
fn stdin_name(args: &RunArgs, roots: &Roots) -> Result<String, String> {
    let Some(path) = &args.stdin_filepath else {
        return Ok(STDIN_NAME.to_string());
    };
    if !roots.contains(&roots.lexical(path)) {
        return Err(format!(
            "--stdin-filepath {}: {}",
            path.display(),
            root::OUTSIDE_ROOT
        ));
    }
    let name = inputs::slash_name(&root::normalize(path));
    if name.is_empty() || name.ends_with('/') || name.ends_with("..") {
        return Err(format!(
            "--stdin-filepath {}: not a file path",
            path.display()
        ));
    }
    Ok(name)
}

/// The folder of the file at `path` (absolute).
fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Where `document` (named relative to `cwd`) lies relative to the folder
/// of `ruleset_file` (named relative to `ruleset_base`), `/`-joined; `None`
/// outside it or for a built-in ruleset. The engine matches the `files`
/// globs of that file's `overrides` with it, so that a configuration
/// found above the working directory (`../../.oaslint.yaml`) still
/// matches its folder's files.
fn document_path(
    ruleset_base: &Path,
    ruleset_file: &str,
    cwd: &Path,
    document: &str,
) -> Option<String> {
    if ruleset_file.starts_with("builtin:") {
        return None;
    }
    let ruleset = root::normalize(&ruleset_base.join(ruleset_file));
    let document = root::normalize(&cwd.join(document));
    let relative = document.strip_prefix(ruleset.parent()?).ok()?;
    Some(inputs::slash_name(relative))
}

/// What a linted candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    /// Part of another root (its `$ref`s pull it in).
    Demoted,
    /// A glob match that is no OpenAPI document and no root `$ref`s.
    NotOpenapi,
}

/// Decides, from the candidates' lints, which are roots. A glob match that
/// appears among the documents of another OpenAPI root that is itself a
/// root is demoted (in candidate order, so of two documents that `$ref`
/// each other the later stays a root); a glob match that is no OpenAPI
/// document and that no root reads is skipped. Named files and standard
/// input are always roots.
fn classify_roots(candidates: &[(String, Origin, usize)], reports: &[Report]) -> Vec<Role> {
    let not_openapi: Vec<bool> = candidates
        .iter()
        .zip(reports)
        .map(|((name, _, _), r)| {
            r.errors
                .iter()
                .any(|e| e.kind == ErrorKind::NotOpenApi && &e.file == name)
        })
        .collect();
    // Document name → the OpenAPI candidates whose lint read it.
    let mut readers: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        if not_openapi[i] {
            continue;
        }
        for d in &r.documents {
            readers
                .entry(oaslint::normalize_path(&d.file))
                .or_default()
                .push(i);
        }
    }
    let mut out = vec![Role::Root; candidates.len()];
    for (i, (name, origin, _)) in candidates.iter().enumerate() {
        if *origin != Origin::Globbed {
            continue;
        }
        let read_by_root = readers
            .get(&oaslint::normalize_path(name))
            .is_some_and(|rs| rs.iter().any(|&r| r != i && out[r] == Role::Root));
        if read_by_root {
            out[i] = Role::Demoted;
        } else if not_openapi[i] {
            out[i] = Role::NotOpenapi;
        }
    }
    out
}

/// The configurations of a run, each loaded once, by the folders whose
/// files they apply to.
struct Configs<'a> {
    args: &'a RunArgs,
    cwd: &'a Path,
    list: Vec<LoadedConfig>,
    /// Folder (absolute, normalised) → index in `list`.
    by_dir: HashMap<PathBuf, usize>,
    /// Configuration file, `--ruleset` or pinned source → index in `list`.
    by_key: HashMap<String, usize>,
}

/// One configuration and the linter made of it.
struct LoadedConfig {
    /// The configuration file as reports name files (relative to the
    /// working directory); a pinned run's `REV:path`; `None` for a
    /// built-in ruleset or `--ruleset`.
    file: Option<String>,
    /// The folder its `files` and `ignore` globs are relative to.
    dir: PathBuf,
    linter: Linter,
    ignore: Option<Excludes>,
    pinned: Option<pin::Pinned>,
}

impl LoadedConfig {
    /// `ruleset_base`: the folder the names of its ruleset files (as
    /// loaded) are relative to; `cwd`: the one report names are relative
    /// to (both canonical).
    fn new(
        file: Option<String>,
        dir: PathBuf,
        ruleset: Ruleset,
        ruleset_base: PathBuf,
        cwd: PathBuf,
    ) -> Result<LoadedConfig, String> {
        let ignore = if ruleset.ignore.is_empty() {
            None
        } else {
            Some(Excludes::new(&ruleset.ignore)?)
        };
        Ok(LoadedConfig {
            file,
            dir,
            linter: Linter::new(ruleset)
                .with_max_findings(oaslint::DEFAULT_MAX_FINDINGS)
                .with_file_paths(move |ruleset_file, document| {
                    document_path(&ruleset_base, ruleset_file, &cwd, document)
                }),
            ignore,
            pinned: None,
        })
    }

    fn configuration(&self) -> Configuration {
        Configuration {
            file: self.file.clone(),
            ruleset: self.linter.ruleset().clone(),
        }
    }

    /// Its `files` globs, relative to the working directory `cwd`.
    fn default_inputs(&self, cwd: &Path) -> Vec<String> {
        let up = inputs::slash_name(&inputs::relative_to(&self.dir, cwd));
        self.linter
            .ruleset()
            .files
            .iter()
            .map(|g| {
                let g = g.strip_prefix("./").unwrap_or(g);
                if up.is_empty() {
                    g.to_string()
                } else {
                    format!("{up}/{g}")
                }
            })
            .collect()
    }

    /// Whether its `ignore` globs leave out the file at `path` (absolute).
    fn ignores(&self, path: &Path) -> bool {
        self.ignore.as_ref().is_some_and(|ignore| {
            ignore.matches(&inputs::slash_name(&inputs::relative_to(path, &self.dir)))
        })
    }
}

impl<'a> Configs<'a> {
    fn new(args: &'a RunArgs, cwd: &'a Path) -> Configs<'a> {
        Configs {
            args,
            cwd,
            list: Vec::new(),
            by_dir: HashMap::new(),
            by_key: HashMap::new(),
        }
    }

    /// The configuration of the files in `dir` (absolute, normalised).
    fn for_dir(&mut self, dir: &Path, roots: &Roots) -> Result<usize, String> {
        if let Some(&i) = self.by_dir.get(dir) {
            return Ok(i);
        }
        if self.args.ruleset.ruleset.is_some() && !self.list.is_empty() {
            // `--ruleset` applies to every folder.
            return Ok(0);
        }
        let i = match &self.args.pinned_config_from {
            Some(rev) => self.pinned(rev, dir, roots)?,
            None => self.local(dir, roots)?,
        };
        self.by_dir.insert(dir.to_path_buf(), i);
        Ok(i)
    }

    fn local(&mut self, dir: &Path, roots: &Roots) -> Result<usize, String> {
        let cwd = roots.cwd();
        let (key, file, folder, spec) = match &self.args.ruleset.ruleset {
            Some(spec) => {
                let folder = folder_of(&roots.lexical(Path::new(spec)));
                (format!("--ruleset {spec}"), None, folder, spec.clone())
            }
            None => match config_for(dir, roots) {
                Some(path) => {
                    let name = inputs::slash_name(&inputs::relative_to(&path, cwd));
                    (name.clone(), Some(name.clone()), folder_of(&path), name)
                }
                None => (
                    DEFAULT_RULESET.to_string(),
                    None,
                    cwd.to_path_buf(),
                    DEFAULT_RULESET.to_string(),
                ),
            },
        };
        if let Some(&i) = self.by_key.get(&key) {
            return Ok(i);
        }
        let mut roots = roots.clone();
        if self.args.ruleset.ruleset.is_some() {
            roots.admit_file(Path::new(&spec));
        }
        let ruleset = load_spec(&spec, &roots, self.cwd)?;
        self.list.push(LoadedConfig::new(
            file,
            folder,
            ruleset,
            cwd.to_path_buf(),
            cwd.to_path_buf(),
        )?);
        self.by_key.insert(key, self.list.len() - 1);
        Ok(self.list.len() - 1)
    }

    fn pinned(&mut self, rev: &str, dir: &Path, roots: &Roots) -> Result<usize, String> {
        let pinned = pin::load_for_dir(
            self.cwd,
            rev,
            dir,
            self.args.ruleset.ruleset.as_deref(),
            DEFAULT_RULESET,
            &FsResolver::new(self.cwd, roots.clone()),
        )?;
        if let Some(&i) = self.by_key.get(&pinned.source) {
            return Ok(i);
        }
        // `REV:path` (from the repository root) names a file; a built-in
        // name none.
        // The pinned ruleset files are named from the repository's root.
        let tree = root::work_tree_of(roots.cwd()).unwrap_or_else(|| roots.cwd().to_path_buf());
        let folder = pinned
            .source
            .strip_prefix(&format!("{rev}:"))
            .map(|path| folder_of(&root::normalize(&tree.join(path))));
        let file = folder.is_some().then(|| pinned.source.clone());
        let folder = folder.unwrap_or_else(|| roots.cwd().to_path_buf());
        let mut config = LoadedConfig::new(
            file,
            folder,
            pinned.ruleset.clone(),
            tree,
            roots.cwd().to_path_buf(),
        )?;
        let key = pinned.source.clone();
        config.pinned = Some(pinned);
        self.list.push(config);
        self.by_key.insert(key, self.list.len() - 1);
        Ok(self.list.len() - 1)
    }

    /// The pinned configurations of `used` (indices in `list`), moved out.
    fn take_pinned(&mut self, used: &[usize]) -> Vec<pin::Pinned> {
        used.iter()
            .filter_map(|&i| self.list[i].pinned.take())
            .collect()
    }
}

/// What `ack` and `baseline` end with: with `--write`, writes `text` to the
/// file and says so with `what` changed; else prints `text` and says it
/// was not written.
pub(crate) fn write_or_print(
    io: &mut Io<'_>,
    write: bool,
    path: &Path,
    display: &str,
    text: &str,
    what: &str,
) -> Result<(), String> {
    if write {
        write_file(Path::new(""), path, text)?;
        crate::say(io, &format!("oaslint: wrote {display}: {what}"));
    } else {
        let _ = io.stdout.write_all(text.as_bytes());
        crate::say(
            io,
            &format!("oaslint: {what} (not written: pass --write to update {display})"),
        );
    }
    Ok(())
}

/// The inputs of a run that names none: the `files` of the nearest
/// configuration that has them, from the working directory up (a folder's
/// own configuration may leave them to the repository's). Whether only the
/// matches inside the working directory count: they do when that
/// configuration lies above it — running in a folder lints that folder, as
/// ruff and ESLint do.
fn default_inputs(
    configs: &mut Configs<'_>,
    cwd: &Path,
    roots: &Roots,
) -> Result<(Vec<String>, bool), String> {
    let mut dir = cwd.to_path_buf();
    loop {
        let i = configs.for_dir(&dir, roots)?;
        let config = &configs.list[i];
        let globs = config.default_inputs(cwd);
        if !globs.is_empty() {
            return Ok((globs, config.dir != cwd));
        }
        // A built-in ruleset or `--ruleset` has no configuration above it.
        let above = match (&config.file, config.dir.parent()) {
            (Some(_), Some(above)) if roots.contains(above) => above.to_path_buf(),
            _ => return Ok((Vec::new(), false)),
        };
        dir = above;
    }
}

/// Writes `text` to `path` (relative to `cwd`), creating its folder.
pub(crate) fn write_file(cwd: &Path, path: &Path, text: &str) -> Result<(), String> {
    let full = cwd.join(path);
    if let Some(dir) = full.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
    }
    std::fs::write(&full, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The file name findings in standard input are reported under.
const STDIN_NAME: &str = "<stdin>";

/// Lints the file reports name `name` (standard input's text is
/// remembered under its name beforehand).
/// The most threads one file's rules are shared out to: each has its own
/// query pass and, for custom functions, its own JavaScript copy of the
/// documents, so more threads stop paying off.
const MAX_THREADS_PER_FILE: usize = 4;

fn lint_one(linter: &Linter, name: &str, files: &FsResolver) -> Report {
    let text = match files.text(name) {
        Some(text) => Ok(text),
        None => files.read_file(name),
    };
    match text {
        Ok(text) => linter.lint(name, text, files),
        Err(why) => {
            let mut r = Report::new(oaslint::RulesetInfo {
                name: linter.ruleset().name.clone(),
                version: linter.ruleset().version.clone(),
            });
            r.errors.push(oaslint::Error::new(
                ErrorKind::Io,
                name,
                format!("cannot read: {why}"),
            ));
            r
        }
    }
}
