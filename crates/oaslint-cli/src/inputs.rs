//! The inputs of a run: globs expanded while walking the tree (honouring
//! `.gitignore`, `.ignore` and `.git/info/exclude`, and `--exclude`), and
//! the names the files get in reports.
//!
//! A glob is compiled with `globset` (the dialect of `--exclude` and of the
//! configuration's `files`, `ignore` and `overrides`: `*` stops at `/`,
//! `**` crosses folders, `{a,b}` alternates) and matched while the tree is
//! walked with the `ignore` crate (ripgrep's and ruff's walker). The walk
//! starts at the root that holds the glob's fixed folder (so that the
//! `.gitignore` files between the repository root and that folder apply)
//! and is pruned to that folder; it never follows a symlink, never leaves
//! the roots, does not skip dot-folders (moving a spec to `.x/` must not
//! hide it) and never reads the global git excludes (a build agent's own
//! excludes must not change a pull request's verdict).

use crate::root::Roots;
use crate::run::{SkipReason, Skipped};
use globset::{Glob, GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Where a file to lint came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// `-`: standard input.
    Stdin,
    /// Named on the command line without glob characters: always a root.
    Named,
    /// Matched by a glob: a root unless another root `$ref`s it.
    Globbed,
}

/// One file to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// As reports name it: relative to the working directory, `/`-joined
    /// for glob matches; as typed for named files; `-` for stdin.
    pub(crate) name: String,
    pub(crate) origin: Origin,
}

/// The expansion of the command line's inputs.
#[derive(Debug, Default)]
pub(crate) struct Expansion {
    pub(crate) candidates: Vec<Candidate>,
    /// Matches left out by `--exclude` or an ignore file.
    pub(crate) skipped: Vec<Skipped>,
    /// Notes for standard error (a glob whose matches were all left out).
    pub(crate) notes: Vec<String>,
}

/// Whether `input` is a glob rather than a file name.
pub(crate) fn is_glob(input: &str) -> bool {
    input != "-" && input.contains(['*', '?', '[', '{'])
}

/// Compiles `pattern` in the dialect of every glob oaslint takes.
pub(crate) fn compile(pattern: &str) -> Result<GlobMatcher, String> {
    build(pattern).map(|g| g.compile_matcher())
}

fn build(pattern: &str) -> Result<Glob, String> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| format!("invalid glob {pattern:?}: {e}"))
}

/// Globs matched against paths relative to one folder: the file or any of
/// its parent folders matching counts (`apis/legacy` leaves out everything
/// below it, as in `.gitignore`).
#[derive(Debug, Clone)]
pub(crate) struct Excludes {
    set: GlobSet,
    empty: bool,
}

impl Excludes {
    /// `patterns` (relative to the folder they are matched in; a leading
    /// `./` is dropped).
    pub(crate) fn new(patterns: &[String]) -> Result<Excludes, String> {
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            set.add(build(p.strip_prefix("./").unwrap_or(p))?);
        }
        Ok(Excludes {
            set: set
                .build()
                .map_err(|e| format!("invalid glob in {patterns:?}: {e}"))?,
            empty: patterns.is_empty(),
        })
    }

    /// Whether `relative` (a `/`-joined path) or one of its folders matches.
    pub(crate) fn matches(&self, relative: &str) -> bool {
        if self.empty {
            return false;
        }
        let mut path = relative;
        loop {
            if self.set.is_match(path) {
                return true;
            }
            match path.rfind('/') {
                Some(i) => path = &path[..i],
                None => return false,
            }
        }
    }
}

/// Expands `inputs` (files, globs or `-`, relative to the working
/// directory) into the files to lint. Named files and the fixed folders of
/// globs outside the roots are admitted into `roots` (see
/// [`Roots::admit_file`]); `excludes` (`--exclude`) leave out glob matches.
/// A glob that matches no file at all is an error; one whose matches were
/// all left out is not (a note says so).
pub(crate) fn expand(
    inputs: &[String],
    excludes: &Excludes,
    roots: &mut Roots,
) -> Result<Expansion, String> {
    let mut out = Expansion::default();
    let mut seen = HashSet::new();
    for input in inputs {
        if input == "-" {
            if seen.insert(input.clone()) {
                out.candidates.push(Candidate {
                    name: input.clone(),
                    origin: Origin::Stdin,
                });
            }
            continue;
        }
        if !is_glob(input) {
            roots.admit_file(Path::new(input));
            if seen.insert(input.clone()) {
                out.candidates.push(Candidate {
                    name: input.clone(),
                    origin: Origin::Named,
                });
            } else if let Some(c) = out.candidates.iter_mut().find(|c| &c.name == input) {
                // Named as well as matched: a root whatever else `$ref`s it.
                c.origin = Origin::Named;
            }
            continue;
        }
        roots.admit_glob(input);
        let walked = walk_glob(input, roots)?;
        if walked.matched.is_empty() && walked.ignored.is_empty() {
            return Err(format!("no files match {input:?}"));
        }
        let (mut kept, mut excluded) = (0, 0);
        for name in walked.matched {
            if is_oaslint_file(&name) {
                // oaslint's own files are never documents to lint.
                kept += 1;
                continue;
            }
            if excludes.matches(&name) {
                excluded += 1;
                out.skipped.push(Skipped {
                    file: name,
                    reason: SkipReason::Excluded,
                });
            } else {
                kept += 1;
                if seen.insert(name.clone()) {
                    out.candidates.push(Candidate {
                        name,
                        origin: Origin::Globbed,
                    });
                }
            }
        }
        let ignored = walked.ignored.len();
        out.skipped
            .extend(walked.ignored.into_iter().map(|file| Skipped {
                file,
                reason: SkipReason::Gitignored,
            }));
        if kept == 0 {
            out.notes.push(format!(
                "every file {input:?} matches is excluded ({excluded} by --exclude, {ignored} by ignore files)"
            ));
        }
    }
    // A file both excluded through one glob and matched by another is linted.
    out.skipped.retain(|s| !seen.contains(&s.file));
    let mut listed = HashSet::new();
    out.skipped.retain(|s| listed.insert(s.file.clone()));
    Ok(out)
}

/// Whether `name` is one of oaslint's own files: a configuration, the
/// acknowledgement file or the baseline, which a glob such as
/// `apis/**/*.yaml` also matches.
fn is_oaslint_file(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    crate::config::CONFIG_NAMES.contains(&file)
        || file == crate::ack::DEFAULT_ACK_FILE
        || file == crate::baseline::DEFAULT_BASELINE_FILE
}

/// What one glob matched: the files the walk yields, and those that only
/// the ignore files kept from it.
struct Walked {
    /// Relative to the working directory, sorted.
    matched: Vec<String>,
    /// Matches left out by `.gitignore`, `.ignore` or `.git/info/exclude`.
    ignored: Vec<String>,
}

/// Walks the fixed folder of `pattern` and returns what it matches.
fn walk_glob(pattern: &str, roots: &Roots) -> Result<Walked, String> {
    let (fixed, rest) = split_glob(pattern);
    let matcher = compile(&rest)?;
    let folder = roots.lexical(&fixed);
    // Matches are named relative to the working directory (`openapi.yaml`
    // for `../../apis/orders/*.yaml` run in `apis/orders`); absolute
    // when the glob is.
    let absolute = fixed.is_absolute();
    let cwd = roots.cwd().to_path_buf();
    let name_of = |path: &Path| -> Option<String> {
        let rel = slash_name(path.strip_prefix(&folder).ok()?);
        matcher.is_match(&rel).then(|| {
            if absolute {
                slash_name(path)
            } else {
                slash_name(&relative_to(path, &cwd))
            }
        })
    };
    if folder.symlink_metadata().is_err() {
        return Ok(Walked {
            matched: Vec::new(),
            ignored: Vec::new(),
        });
    }
    let start = roots
        .holder(&folder)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| folder.clone());
    let saw_ignore_file = Arc::new(AtomicBool::new(false));
    let mut matched = Vec::new();
    let pruning = Pruning {
        folder: folder.clone(),
        roots: roots.clone(),
    };
    let mut walk = walker(&start, true);
    let seen = saw_ignore_file.clone();
    let prune = pruning.clone();
    walk.filter_entry(move |e| {
        // Ignore files above the glob's folder count too: they are
        // filtered out of the walk, but they are read.
        if e.depth() > 0 && is_ignore_file(e.file_name()) {
            seen.store(true, Ordering::Relaxed);
        }
        prune.keep(e)
    });
    for entry in walk.build().flatten() {
        if is_dir_entry(&entry) {
            continue;
        }
        if let Some(name) = name_of(entry.path()) {
            matched.push(name);
        }
    }
    let mut ignored = Vec::new();
    if saw_ignore_file.load(Ordering::Relaxed) || has_git_excludes(&start) {
        // Walked again without the ignore files, only to tell which
        // matches they left out (the skipped files are reported).
        let kept: HashSet<&str> = matched.iter().map(String::as_str).collect();
        let mut walk = walker(&start, false);
        walk.filter_entry(move |e| pruning.keep(e));
        for entry in walk.build().flatten() {
            if is_dir_entry(&entry) {
                continue;
            }
            if let Some(name) = name_of(entry.path()) {
                if !kept.contains(name.as_str()) {
                    ignored.push(name);
                }
            }
        }
    }
    matched.sort();
    ignored.sort();
    Ok(Walked { matched, ignored })
}

/// The walker of `start`, honouring ignore files when `honour_ignores`;
/// the caller prunes it to the glob's folder with [`Pruning`].
fn walker(start: &Path, honour_ignores: bool) -> ignore::WalkBuilder {
    let mut walk = ignore::WalkBuilder::new(start);
    walk.standard_filters(honour_ignores)
        .hidden(false)
        .git_global(false)
        // The ignore files above `start` (a root) are not the repository's.
        .parents(false)
        .require_git(false)
        .follow_links(false);
    walk
}

/// Which walk entries to enter or yield: inside the roots, down to the
/// glob's fixed folder, then everything below it but git's own folder.
#[derive(Clone)]
struct Pruning {
    folder: PathBuf,
    roots: Roots,
}

impl Pruning {
    fn keep(&self, e: &ignore::DirEntry) -> bool {
        let path = e.path();
        if e.depth() == 0 {
            return true;
        }
        if !self.roots.contains(path) {
            return false;
        }
        if e.file_type().is_some_and(|t| t.is_dir()) {
            e.file_name() != ".git"
                && (self.folder.starts_with(path) || path.starts_with(&self.folder))
        } else {
            path.starts_with(&self.folder)
        }
    }
}

/// Whether the walk entry is a folder (a symlink to one is not followed,
/// but it is not a file to lint either).
fn is_dir_entry(entry: &ignore::DirEntry) -> bool {
    match entry.file_type() {
        Some(t) if t.is_dir() => true,
        Some(t) if t.is_symlink() => entry.path().is_dir(),
        Some(_) => false,
        None => true,
    }
}

fn is_ignore_file(name: &std::ffi::OsStr) -> bool {
    name == ".gitignore" || name == ".ignore"
}

/// Whether `.git/info/exclude` under `dir` has a pattern (git writes one
/// of comments only).
fn has_git_excludes(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(".git/info/exclude")).is_ok_and(|t| {
        t.lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    })
}

/// `pattern` split into its leading folders without glob characters and
/// the rest (`../specs`, `**/*.yaml`).
fn split_glob(pattern: &str) -> (PathBuf, String) {
    let pattern = pattern.replace('\\', "/");
    let parts: Vec<&str> = pattern.split('/').collect();
    let fixed_len = parts.iter().position(|p| is_glob(p)).unwrap_or(parts.len());
    let fixed: PathBuf = if pattern.starts_with('/') {
        std::iter::once("/")
            .chain(parts[..fixed_len].iter().copied().filter(|p| !p.is_empty()))
            .collect()
    } else {
        parts[..fixed_len].iter().collect()
    };
    (fixed, parts[fixed_len..].join("/"))
}

/// `path` `/`-joined, without `.` components.
pub(crate) fn slash_name(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        match c {
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                continue;
            }
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// `path` relative to the folder `base` (both absolute and normalised),
/// with `..` where `path` is not below `base`.
pub(crate) fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let mut ours = path.components().peekable();
    let mut theirs = base.components().peekable();
    while let (Some(a), Some(b)) = (ours.peek(), theirs.peek()) {
        if a != b {
            break;
        }
        ours.next();
        theirs.next();
    }
    let mut out = PathBuf::new();
    for _ in theirs {
        out.push("..");
    }
    for c in ours {
        out.push(c.as_os_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_split_at_the_first_wildcard_folder() {
        assert_eq!(
            split_glob("apis/**/*.yaml"),
            (PathBuf::from("apis"), "**/*.yaml".into())
        );
        assert_eq!(
            split_glob("../specs/*.{yaml,json}"),
            (PathBuf::from("../specs"), "*.{yaml,json}".into())
        );
        assert_eq!(split_glob("*.yaml"), (PathBuf::new(), "*.yaml".into()));
    }

    #[test]
    fn excludes_match_the_file_or_a_folder_of_it() {
        let ex = Excludes::new(&["apis/legacy".into(), "**/generated/*.yaml".into()]).unwrap();
        assert!(ex.matches("apis/legacy/openapi.yaml"));
        assert!(ex.matches("apis/x/generated/bundle.yaml"));
        assert!(!ex.matches("apis/x/openapi.yaml"));
        assert!(!ex.matches("apis/legacyx/openapi.yaml"));
        let star = Excludes::new(&["apis/*.yaml".into()]).unwrap();
        assert!(!star.matches("apis/x/a.yaml"), "`*` stops at `/`");
    }

    #[test]
    fn relative_paths_climb_with_dot_dot() {
        assert_eq!(
            relative_to(Path::new("/r/apis/x/a.yaml"), Path::new("/r/apis/y")),
            PathBuf::from("../x/a.yaml")
        );
        assert_eq!(
            relative_to(Path::new("/r/a.yaml"), Path::new("/r")),
            PathBuf::from("a.yaml")
        );
    }
}
