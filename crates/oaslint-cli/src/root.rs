//! Where oaslint may read files from.
//!
//! In a pull-request pipeline everything in the checkout — specs, `$ref`'d
//! files, symlinks, `.oaslint.yaml` — is written by whoever opened the pull
//! request, while the agent holds secrets in files next to it. So every file
//! read because of what the checkout says (a `$ref`, an `extends`, a glob
//! match, a discovered configuration file) must lie inside a *root* after
//! symlinks are resolved: by default the git work tree of the current
//! directory (or the current directory when it is in none).
//!
//! The roots are derived from where things are *named* — the current
//! directory, `--ref-root`, paths written on the command line — never from
//! where a symlink leads, so a committed symlink cannot widen them.

use std::path::{Component, Path, PathBuf};

/// The directories files may be read from, canonicalised.
#[derive(Debug, Clone)]
pub struct Roots {
    /// The current directory's work tree (or the current directory):
    /// configuration discovery stops here and it is always a root.
    home: PathBuf,
    /// Further roots: `--ref-root` and the homes of paths named on the
    /// command line outside `home`.
    extra: Vec<PathBuf>,
    /// `--allow-refs-anywhere`: no confinement (files must still be
    /// regular files).
    anywhere: bool,
    /// The canonical current directory, which relative names are joined to.
    cwd: PathBuf,
}

/// Why a file was not read; says how to allow it, never where it leads.
pub const OUTSIDE_ROOT: &str = "outside the root: files are read only inside the git work tree of \
     the current directory (or the current directory when there is none); allow another \
     directory with --ref-root DIR, or any file with --allow-refs-anywhere";

impl Roots {
    /// The roots for a run in `cwd`: its work tree, else `cwd` itself.
    pub fn new(cwd: &Path) -> Roots {
        let cwd = canonical_or_self(cwd);
        let home = work_tree_of(&cwd).unwrap_or_else(|| cwd.clone());
        Roots {
            home,
            extra: Vec::new(),
            anywhere: false,
            cwd,
        }
    }

    /// Lifts the confinement (`--allow-refs-anywhere`).
    pub fn allow_anywhere(&mut self) {
        self.anywhere = true;
    }

    /// Adds `dir` (relative to the current directory) as a root
    /// (`--ref-root`).
    pub fn add_root(&mut self, dir: &Path) -> Result<(), String> {
        let full = self.cwd.join(dir);
        let canonical =
            canonicalize(&full).map_err(|e| format!("--ref-root {}: {e}", dir.display()))?;
        if !canonical.is_dir() {
            return Err(format!("--ref-root {}: not a directory", dir.display()));
        }
        self.push(canonical);
        Ok(())
    }

    /// Admits a file path the user named on the command line (an input,
    /// `--ruleset`, `--ack`). A path inside the home root adds nothing (its
    /// directories are the pull request's to shape); a path outside it adds
    /// the work tree holding it, or its directory when there is none.
    pub fn admit_file(&mut self, name: &Path) {
        let lexical = normalize(&self.cwd.join(name));
        if let Some(dir) = lexical.parent() {
            self.admit_lexical_dir(dir.to_path_buf());
        }
    }

    /// Admits the fixed leading directories of a glob the user wrote
    /// (`../specs` of `../specs/**/*.yaml`), as [`Roots::admit_file`].
    pub fn admit_glob(&mut self, pattern: &str) {
        let fixed: PathBuf = Path::new(pattern)
            .components()
            .take_while(|c| {
                !c.as_os_str()
                    .to_string_lossy()
                    .contains(['*', '?', '[', '{'])
            })
            .collect();
        // The last fixed component may be a file name (`a/b.yaml` has no
        // wildcard at all, but then it is not a glob); a directory prefix
        // is what is wanted, and a file's parent is covered either way.
        let lexical = normalize(&self.cwd.join(fixed));
        self.admit_lexical_dir(lexical);
    }

    fn admit_lexical_dir(&mut self, dir: PathBuf) {
        if dir.starts_with(&self.home) {
            return;
        }
        let holder = lexical_work_tree_of(&dir).unwrap_or(dir);
        if let Ok(canonical) = canonicalize(&holder) {
            self.push(canonical);
        }
    }

    fn push(&mut self, dir: PathBuf) {
        if !self.extra.contains(&dir) {
            self.extra.push(dir);
        }
    }

    /// The current directory's work tree (or the current directory).
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The root that holds `path` (lexical or canonical): the home root, or
    /// the extra root it lies in; `None` when it lies in none (possible
    /// only with `--allow-refs-anywhere`).
    pub fn holder(&self, path: &Path) -> Option<&Path> {
        if path.starts_with(&self.home) {
            return Some(&self.home);
        }
        self.extra
            .iter()
            .filter(|r| path.starts_with(r))
            // The innermost, when a `--ref-root` lies inside another.
            .max_by_key(|r| r.as_os_str().len())
            .map(PathBuf::as_path)
    }

    /// The canonical current directory.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// Whether `path` lies inside a root. For a canonical path this is the
    /// real answer; for a lexical one (symlinks not resolved) a `false` is
    /// final, a `true` must be confirmed on the canonical path.
    pub fn contains(&self, path: &Path) -> bool {
        self.anywhere
            || path.starts_with(&self.home)
            || self.extra.iter().any(|r| path.starts_with(r))
    }

    /// `name` (relative to the current directory, or absolute) as an
    /// absolute path with `.` and `..` removed, symlinks not resolved.
    pub fn lexical(&self, name: &Path) -> PathBuf {
        normalize(&self.cwd.join(name))
    }
}

/// The nearest directory at or above `dir` that has a `.git` entry (a
/// directory, or a file in a linked work tree or submodule). No git binary
/// is needed; `dir` should be canonical.
pub fn work_tree_of(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").symlink_metadata().is_ok())
        .map(Path::to_path_buf)
}

/// [`work_tree_of`] for a path as the user wrote it: a directory that is a
/// symlink is skipped as a holder, so a symlink committed below a work
/// tree cannot pass for the work tree of the place it points to.
fn lexical_work_tree_of(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .filter(|d| {
            !d.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        })
        .find(|d| d.join(".git").symlink_metadata().is_ok())
        .map(Path::to_path_buf)
}

fn canonical_or_self(path: &Path) -> PathBuf {
    canonicalize(path).unwrap_or_else(|_| normalize(path))
}

/// `path` made absolute with every symlink resolved, as
/// `std::fs::canonicalize` does; it must exist. The confinement checks
/// depend on this answer, so every part of the CLI asks here.
#[cfg(not(target_os = "wasi"))]
pub fn canonicalize(path: &Path) -> std::io::Result<PathBuf> {
    std::fs::canonicalize(path)
}

/// `path` made absolute with every symlink resolved. WASI has no
/// `realpath` (the standard library's `canonicalize` is unsupported there,
/// which would leave the npm package's CLI without its confinement), so
/// the symlinks are resolved here one component at a time.
#[cfg(target_os = "wasi")]
pub fn canonicalize(path: &Path) -> std::io::Result<PathBuf> {
    resolve_symlinks(path)
}

/// How many symlinks one path may go through, as Linux allows (`ELOOP`).
#[cfg(any(test, target_os = "wasi"))]
const MAX_SYMLINKS: usize = 40;

/// Resolves `path` component by component: each prefix is looked at
/// without following it (`symlink_metadata`), a symlink's target replaces
/// it (from the root when absolute, else from its directory), and `..` goes
/// up from the resolved prefix, never lexically — `link/..` is the parent
/// of where `link` leads, as the kernel has it. Every component must exist.
#[cfg(any(test, target_os = "wasi"))]
fn resolve_symlinks(path: &Path) -> std::io::Result<PathBuf> {
    use std::ffi::OsString;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut resolved = PathBuf::new();
    // The components still to walk, the next one last.
    let mut pending: Vec<OsString> = Vec::new();
    let push_reversed = |pending: &mut Vec<OsString>, resolved: &mut PathBuf, p: &Path| {
        let mut parts = Vec::new();
        for c in p.components() {
            match c {
                Component::Prefix(_) | Component::RootDir => {
                    resolved.clear();
                    resolved.push(c.as_os_str());
                    parts.clear();
                }
                other => parts.push(other.as_os_str().to_os_string()),
            }
        }
        pending.extend(parts.into_iter().rev());
    };
    push_reversed(&mut pending, &mut resolved, &absolute);
    let mut links = 0;
    while let Some(part) = pending.pop() {
        if part == "." {
            continue;
        }
        if part == ".." {
            resolved.pop();
            continue;
        }
        let next = resolved.join(&part);
        let meta = std::fs::symlink_metadata(&next)?;
        if meta.file_type().is_symlink() {
            links += 1;
            if links > MAX_SYMLINKS {
                return Err(std::io::Error::other("too many levels of symbolic links"));
            }
            let target = std::fs::read_link(&next)?;
            push_reversed(&mut pending, &mut resolved, &target);
        } else {
            if !pending.is_empty() && !meta.is_dir() {
                return Err(std::io::ErrorKind::NotADirectory.into());
            }
            resolved = next;
        }
    }
    Ok(resolved)
}

/// Removes `.` and `..` components without touching the filesystem.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                // `/..` is `/`; leading `..` of a relative path stay.
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_dots() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(normalize(Path::new("/a/../../x")), Path::new("/x"));
        assert_eq!(normalize(Path::new("../../a/../b")), Path::new("../../b"));
    }

    #[test]
    fn the_home_root_is_the_work_tree_of_the_current_directory() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join("apis/v1")).unwrap();
        std::fs::write(repo.join(".git"), "gitdir: elsewhere\n").unwrap();
        let roots = Roots::new(&repo.join("apis/v1"));
        assert_eq!(roots.home(), std::fs::canonicalize(&repo).unwrap());
        let plain = Roots::new(dir.path());
        assert_eq!(plain.home(), std::fs::canonicalize(dir.path()).unwrap());
    }

    #[test]
    fn globs_admit_their_fixed_directories_only_outside_home() {
        let dir = tempfile::tempdir().unwrap();
        let (cwd, other) = (dir.path().join("cwd"), dir.path().join("other/specs"));
        std::fs::create_dir_all(&cwd).unwrap();
        std::fs::create_dir_all(&other).unwrap();
        let mut roots = Roots::new(&cwd);
        roots.admit_glob("apis/**/*.yaml");
        assert!(roots.extra.is_empty());
        roots.admit_glob("../other/specs/*.yaml");
        assert_eq!(roots.extra, [std::fs::canonicalize(&other).unwrap()]);
    }

    /// The WASI build's resolution agrees with the system's `realpath`.
    #[cfg(unix)]
    #[test]
    fn symlinks_resolved_by_hand_lead_where_the_kernel_says() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(base.join("repo/apis/v1")).unwrap();
        std::fs::create_dir_all(base.join("outside/deep")).unwrap();
        std::fs::write(base.join("outside/secret.yaml"), "a: 1\n").unwrap();
        std::fs::write(base.join("repo/apis/v1/api.yaml"), "a: 1\n").unwrap();
        symlink("../outside/secret.yaml", base.join("repo/file-link")).unwrap();
        symlink("../outside/deep", base.join("repo/dir-link")).unwrap();
        symlink(base.join("repo/apis"), base.join("repo/absolute-link")).unwrap();
        symlink("dir-link", base.join("repo/chain")).unwrap();
        symlink("loop-b", base.join("repo/loop-a")).unwrap();
        symlink("loop-a", base.join("repo/loop-b")).unwrap();
        symlink("missing.yaml", base.join("repo/dangling")).unwrap();
        for rel in [
            "repo/file-link",
            "repo/dir-link",
            "repo/dir-link/..",
            "repo/dir-link/../secret.yaml",
            "repo/chain/../secret.yaml",
            "repo/absolute-link/v1/./api.yaml",
            "repo/apis/v1/../../file-link",
            "repo/../repo/apis",
        ] {
            let path = base.join(rel);
            assert_eq!(
                resolve_symlinks(&path).unwrap(),
                std::fs::canonicalize(&path).unwrap(),
                "{rel}"
            );
        }
        for rel in [
            "repo/loop-a",
            "repo/dangling",
            "repo/missing",
            "repo/apis/v1/api.yaml/x",
        ] {
            assert!(resolve_symlinks(&base.join(rel)).is_err(), "{rel}");
            assert!(std::fs::canonicalize(base.join(rel)).is_err(), "{rel}");
        }
        let not_found = resolve_symlinks(&base.join("repo/dangling")).unwrap_err();
        assert_eq!(not_found.kind(), std::io::ErrorKind::NotFound);
    }
}
