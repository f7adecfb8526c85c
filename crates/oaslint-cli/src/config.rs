//! Finding the configuration of a run: the ruleset of each linted file
//! (`--ruleset`, else the `.oaslint.yaml` nearest to the file's folder up
//! to the repository root, else the default) and the acknowledgement file
//! (`--ack`, else `.oaslint-ack.yaml`).

use crate::ack;
use crate::args::{RulesetArg, RunArgs};
use crate::resolver::{self, FsResolver};
use crate::root::{self, Roots};
use oaslint::{FunctionRegistry, Ruleset, RulesetLoader};
use std::path::{Path, PathBuf};

/// Names of the ruleset file looked up from the current directory upwards.
pub(crate) const CONFIG_NAMES: &[&str] = &[".oaslint.yaml", ".oaslint.yml", ".oaslint.json"];

/// The ruleset used when no `--ruleset` is given and no `.oaslint.yaml` is
/// found.
pub(crate) const DEFAULT_RULESET: &str = "zalando";

/// Loads `--ruleset`, else the `.oaslint.yaml` nearest to the current
/// directory, else the default (`oaslint rules`). The ruleset file and everything it `extends` are read inside
/// `roots` (plus the directory of a `--ruleset` named outside them).
pub(crate) fn load_ruleset(arg: &RulesetArg, roots: &Roots, cwd: &Path) -> Result<Ruleset, String> {
    let mut roots = roots.clone();
    let spec = match &arg.ruleset {
        Some(s) => {
            roots.admit_file(Path::new(s));
            s.clone()
        }
        None => match find_config(roots.cwd(), roots.home()) {
            Some(path) => path.to_string_lossy().into_owned(),
            None => DEFAULT_RULESET.to_string(),
        },
    };
    let files = FsResolver::new(cwd, roots);
    let registry = FunctionRegistry::default();
    let loader = with_scripts(RulesetLoader::new(&files, &registry));
    loader.load(&spec).map_err(|e| e.to_string())
}

/// The configuration file that applies to the files of the folder `dir`
/// (absolute and normalised, as [`Roots::lexical`] makes it): the nearest
/// `.oaslint.yaml` (or `.yml`, `.json`) from `dir` up to the root holding
/// it (the repository root, or the extra root a named file or `--ref-root`
/// added), the whole file and nothing above it — a nested configuration
/// `extends` the one above to inherit (as in ruff).
pub(crate) fn config_for(dir: &Path, roots: &Roots) -> Option<PathBuf> {
    let stop = match roots.holder(dir) {
        Some(root) => root.to_path_buf(),
        // `--allow-refs-anywhere` and a folder in no root: its work tree.
        None => root::work_tree_of(dir).unwrap_or_else(|| dir.to_path_buf()),
    };
    find_config(dir, &stop)
}

/// Loads the ruleset `spec` (a built-in name, or a file named relative to
/// `cwd`) reading inside `roots`.
pub(crate) fn load_spec(spec: &str, roots: &Roots, cwd: &Path) -> Result<Ruleset, String> {
    let files = FsResolver::new(cwd, roots.clone());
    let registry = FunctionRegistry::default();
    let loader = with_scripts(RulesetLoader::new(&files, &registry));
    loader.load(spec).map_err(|e| e.to_string())
}

/// `loader` running rulesets' custom JavaScript functions in the embedded
/// engine (one for the process; the WASI build has none, and such a
/// ruleset's error says so).
pub(crate) fn with_scripts(loader: RulesetLoader<'_>) -> RulesetLoader<'_> {
    #[cfg(not(target_family = "wasm"))]
    {
        static ENGINE: std::sync::OnceLock<std::sync::Arc<oaslint_script::QuickJsEngine>> =
            std::sync::OnceLock::new();
        let engine = ENGINE.get_or_init(Default::default).clone();
        loader.with_script_engine(engine)
    }
    #[cfg(target_family = "wasm")]
    loader
}

/// `.oaslint.yaml` (or `.yml`, `.json`) in `dir` or the nearest parent, up
/// to `root` and no further: a file planted above the repository (on a
/// shared agent, say) is not the repository's configuration. Any entry of
/// that name counts, so that one that is not a readable file inside the
/// root is an error rather than silently skipped.
fn find_config(dir: &Path, root: &Path) -> Option<PathBuf> {
    ancestors_within(dir, root)
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.symlink_metadata().is_ok())
}

/// `dir` and its parents up to `root` (all of them when `dir` is not below
/// `root`, which cannot happen for the canonical current directory).
fn ancestors_within<'a>(dir: &'a Path, root: &'a Path) -> impl Iterator<Item = &'a Path> {
    let mut done = false;
    dir.ancestors().take_while(move |d| {
        let go = !done;
        done = done || *d == root;
        go
    })
}

/// The acknowledgement file to use: `--ack`, else `.oaslint-ack.yaml` in
/// `cwd` or the nearest parent up to the root, else (when `create`) one in
/// `cwd`. A file that is there but is not a regular file inside the root
/// (a symlink out of the repository, a FIFO) is an error.
pub(crate) fn locate_ack(
    args: &RunArgs,
    cwd: &Path,
    roots: &Roots,
    create: bool,
) -> Result<Option<(PathBuf, String)>, String> {
    if args.no_ack {
        return Ok(None);
    }
    locate_repository_file(
        args.ack.as_deref(),
        ack::DEFAULT_ACK_FILE,
        cwd,
        roots,
        create,
    )
}

/// A file of the repository's own (the acknowledgement file, the
/// baseline), with the name messages give it: `explicit` (as the user
/// wrote it), else `name` in `cwd` or the nearest parent up to the
/// repository's root — a file planted above the repository is not its own
/// — else (when `create`) `name` in `cwd`. One that is there must be a
/// regular file inside the roots (not a symlink out of the repository,
/// not a FIFO).
pub(crate) fn locate_repository_file(
    explicit: Option<&Path>,
    name: &str,
    cwd: &Path,
    roots: &Roots,
    create: bool,
) -> Result<Option<(PathBuf, String)>, String> {
    if let Some(p) = explicit {
        let mut roots = roots.clone();
        roots.admit_file(p);
        let path = cwd.join(p);
        let display = p.to_string_lossy().into_owned();
        check_repository_file(&path, &display, &roots)?;
        return Ok(Some((path, display)));
    }
    let canonical_cwd = roots.cwd();
    for (up, dir) in ancestors_within(canonical_cwd, roots.home()).enumerate() {
        let candidate = dir.join(name);
        if candidate.symlink_metadata().is_ok() {
            let display = format!("{}{name}", "../".repeat(up));
            // Keep the path relative to `cwd` as it was (entry paths are
            // relative to the file's folder, computed from it).
            let mut path = cwd.to_path_buf();
            for _ in 0..up {
                path.push("..");
            }
            let path = path.join(name);
            check_repository_file(&path, &display, roots)?;
            return Ok(Some((path, display)));
        }
    }
    Ok(create.then(|| (cwd.join(name), name.to_string())))
}

/// The text of a file [`locate_repository_file`] found, `None` when it does
/// not exist (yet). The pull request writes these files: they are read as
/// every other input is (regular files only, without blocking, size
/// capped), and must be UTF-8.
pub(crate) fn read_repository_file(path: &Path, display: &str) -> Result<Option<String>, String> {
    let read = root::canonicalize(path).and_then(|real| {
        resolver::read_regular(&real).map_err(|e| match e {
            resolver::ReadError::Io(e) => e,
            other => std::io::Error::other(other.to_string()),
        })
    });
    match read {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{display}: not UTF-8 text")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {display}: {e}")),
    }
}

/// A missing file is fine (it holds nothing); one that is there must be a
/// regular file inside the roots.
fn check_repository_file(path: &Path, display: &str, roots: &Roots) -> Result<(), String> {
    if path.symlink_metadata().is_err() && !roots.contains(&roots.lexical(path)) {
        return Err(format!("cannot read {display}: {}", root::OUTSIDE_ROOT));
    }
    let Ok(canonical) = root::canonicalize(path) else {
        // Missing, or a dangling symlink: the loader reports it.
        return Ok(());
    };
    if !roots.contains(&canonical) {
        return Err(format!("cannot read {display}: {}", root::OUTSIDE_ROOT));
    }
    match std::fs::metadata(&canonical) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.is_dir() => Err(format!("cannot read {display}: is a directory")),
        Ok(_) => Err(format!(
            "cannot read {display}: {}",
            resolver::ReadError::NotRegular
        )),
        Err(e) => Err(format!("cannot read {display}: {e}")),
    }
}
