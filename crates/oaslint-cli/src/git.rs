//! Reading files of a git revision: the pinned configuration
//! (`--pinned-config-from REV`) and the base revision of `--new-only --base
//! REV`.
//!
//! Everything here handles input written by the pull request (the revision
//! name comes from the pipeline, but file names and `$ref`s come from the
//! checkout):
//!
//! - `git` runs as a subprocess with a fixed argument list (no shell), with
//!   `--literal-pathspecs` and `GIT_TERMINAL_PROMPT=0`;
//! - a revision must not start with `-` nor hold control characters, and is
//!   resolved with `rev-parse --verify --end-of-options REV^{commit}` to a
//!   commit id before anything else uses it;
//! - paths are normalised and must stay inside the repository;
//! - blobs over 16 MiB and symbolic links are not read (the callers decide
//!   whether that is an error or "no such file").
//!
//! One `ls-tree -r` lists the revision's files once, and one `git cat-file
//! --batch` process reads every blob, so that a split spec with hundreds of
//! fragments does not start hundreds of processes.

use oaslint::{normalize_path, Resolver};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};

/// Blobs larger than this are not read (specs and configurations are far
/// smaller; the limit bounds memory).
pub const MAX_BLOB_BYTES: u64 = 16 * 1024 * 1024;

/// A regular file's entry in a revision's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeEntry {
    /// `100644`, `100755`, `120000` (a symbolic link), …
    pub mode: String,
    pub object: String,
    pub size: u64,
}

impl TreeEntry {
    pub fn is_symlink(&self) -> bool {
        self.mode == "120000"
    }
}

/// Why a file of the revision is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// No such file (or a folder, or a submodule).
    Missing,
    SymbolicLink,
    TooLarge,
    NotUtf8,
    /// `git` failed.
    Git(String),
}

/// A commit of the repository that holds the working directory.
pub struct GitTree {
    /// The revision as given (`origin/main`), for messages.
    pub rev: String,
    /// Its commit id.
    pub commit: String,
    /// The repository's work tree.
    pub toplevel: PathBuf,
    /// The working directory relative to `toplevel`: empty, or `dir/` with
    /// a trailing slash (as `git rev-parse --show-prefix` prints it).
    pub prefix: String,
    /// Every file of the commit, by repository path (read once).
    listing: OnceLock<Result<HashMap<String, TreeEntry>, String>>,
    /// The `git cat-file --batch` process, started on the first read.
    batch: Mutex<Option<Batch>>,
}

struct Batch {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Drop for GitTree {
    fn drop(&mut self) {
        if let Ok(mut b) = self.batch.lock() {
            if let Some(mut b) = b.take() {
                drop(b.stdin);
                let _ = b.child.wait();
            }
        }
    }
}

/// Checks a revision name before git sees it; `flag` names the option in
/// messages.
pub fn check_rev(flag: &str, rev: &str) -> Result<(), String> {
    if rev.is_empty() || rev.starts_with('-') || rev.chars().any(|c| c.is_control()) {
        return Err(format!(
            "{flag} {rev:?}: not a revision (a branch, tag or commit such as origin/main)"
        ));
    }
    Ok(())
}

impl GitTree {
    /// Finds the repository that holds `cwd` and resolves `rev` in it;
    /// `flag` (`--base`, `--pinned-config-from`) names the option in
    /// messages.
    pub fn open(cwd: &Path, flag: &str, rev: &str) -> Result<GitTree, String> {
        check_rev(flag, rev)?;
        if cfg!(target_os = "wasi") {
            return Err(format!(
                "{flag} needs git, which this build (WebAssembly) cannot run: use a native oaslint binary"
            ));
        }
        let toplevel = git_line(cwd, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            format!("{flag} needs a git repository around the working directory: {e}")
        })?;
        let prefix = git_line(cwd, &["rev-parse", "--show-prefix"])?;
        let spec = format!("{rev}^{{commit}}");
        let commit = git_line(
            cwd,
            &["rev-parse", "--verify", "--quiet", "--end-of-options", &spec],
        )
        .map_err(|_| {
            format!(
                "{flag} {rev}: no such commit in this repository (fetch the target branch first, e.g. `git fetch origin main`, or check out with full history)"
            )
        })?;
        Ok(GitTree::at(rev, commit, PathBuf::from(toplevel), prefix))
    }

    /// A tree without asking git (tests).
    pub fn at(rev: &str, commit: String, toplevel: PathBuf, prefix: String) -> GitTree {
        GitTree {
            rev: rev.to_string(),
            commit,
            toplevel,
            prefix,
            listing: OnceLock::new(),
            batch: Mutex::new(None),
        }
    }

    /// Every file of the commit (blobs), by repository path.
    pub fn listing(&self) -> Result<&HashMap<String, TreeEntry>, String> {
        self.listing
            .get_or_init(|| {
                let out = git(
                    &self.toplevel,
                    &["ls-tree", "-r", "-z", "-l", "--full-tree", &self.commit],
                )?;
                Ok(parse_listing(&out))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The entry of the file at `path` (relative to the repository root).
    pub fn entry(&self, path: &str) -> Result<Option<TreeEntry>, String> {
        Ok(self.listing()?.get(path).cloned())
    }

    /// The text of the regular file at `path` (relative to the repository
    /// root) in the commit.
    pub fn read(&self, path: &str) -> Result<Arc<str>, Unreadable> {
        let entry = self
            .entry(path)
            .map_err(Unreadable::Git)?
            .ok_or(Unreadable::Missing)?;
        if entry.is_symlink() {
            return Err(Unreadable::SymbolicLink);
        }
        if entry.size > MAX_BLOB_BYTES {
            return Err(Unreadable::TooLarge);
        }
        let bytes = self.blob(&entry.object).map_err(Unreadable::Git)?;
        String::from_utf8(bytes)
            .map(Arc::from)
            .map_err(|_| Unreadable::NotUtf8)
    }

    /// Reads one blob through the batch process.
    fn blob(&self, object: &str) -> Result<Vec<u8>, String> {
        let mut guard = self.batch.lock().map_err(|_| "git reader poisoned")?;
        if guard.is_none() {
            let mut child = git_command(&self.toplevel)
                .args(["cat-file", "--batch"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("cannot run git: {e}"))?;
            let stdin = child.stdin.take().expect("piped stdin");
            let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
            *guard = Some(Batch {
                child,
                stdin,
                stdout,
            });
        }
        let b = guard.as_mut().expect("started");
        let failed = |e: std::io::Error| format!("git cat-file --batch failed: {e}");
        writeln!(b.stdin, "{object}").map_err(failed)?;
        b.stdin.flush().map_err(failed)?;
        let mut header = String::new();
        b.stdout.read_line(&mut header).map_err(failed)?;
        // `<object> SP blob SP <size> LF <contents> LF`
        let fields: Vec<&str> = header.split_whitespace().collect();
        let [_, "blob", size] = fields[..] else {
            *guard = None;
            return Err(format!(
                "git cat-file --batch: unexpected answer for {object}"
            ));
        };
        let size: u64 = size.parse().map_err(|_| "git cat-file: bad size")?;
        if size > MAX_BLOB_BYTES {
            *guard = None;
            return Err("blob larger than the limit".into());
        }
        let mut data = vec![0; size as usize + 1];
        b.stdout.read_exact(&mut data).map_err(failed)?;
        data.pop();
        Ok(data)
    }

    /// The repository-relative path of `name`, relative to the working
    /// directory (or absolute); `None` when it leaves the repository.
    pub fn in_repository(&self, name: &str) -> Option<String> {
        let p = Path::new(name);
        let joined = if p.is_absolute() {
            let rel = p.strip_prefix(&self.toplevel).ok()?;
            normalize_path(&rel.to_string_lossy())
        } else {
            normalize_path(&format!("{}{name}", self.prefix))
        };
        let escapes = joined.starts_with('/') || joined == ".." || joined.starts_with("../");
        (!escapes && !joined.is_empty()).then_some(joined)
    }

    /// `path` (relative to the repository root) as the working directory
    /// names it.
    pub fn relative_to_cwd(&self, path: &str) -> String {
        if let Some(rest) = path.strip_prefix(&self.prefix) {
            return rest.to_string();
        }
        let up = self.prefix.matches('/').count();
        format!("{}{path}", "../".repeat(up))
    }
}

/// Parses `ls-tree -r -z -l` output: `<mode> SP <type> SP <object> SP+
/// <size> TAB <path> NUL`; blobs only.
fn parse_listing(out: &[u8]) -> HashMap<String, TreeEntry> {
    let mut map = HashMap::new();
    for record in out.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let Some(tab) = record.iter().position(|&b| b == b'\t') else {
            continue;
        };
        let meta = String::from_utf8_lossy(&record[..tab]);
        let Ok(path) = std::str::from_utf8(&record[tab + 1..]) else {
            continue;
        };
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let [mode, "blob", object, size] = fields[..] else {
            continue;
        };
        let Ok(size) = size.parse() else { continue };
        map.insert(
            path.to_string(),
            TreeEntry {
                mode: mode.to_string(),
                object: object.to_string(),
                size,
            },
        );
    }
    map
}

/// Reads the files of a revision for the linter and the ruleset loader:
/// names are relative to the working directory (as the work tree's
/// resolver takes them) and must stay inside the repository.
pub struct RevisionFiles<'a>(pub &'a GitTree);

impl Resolver for RevisionFiles<'_> {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        let tree = self.0;
        let Some(path) = tree.in_repository(name) else {
            return Err(format!(
                "outside the repository (only files of {} are read)",
                tree.rev
            ));
        };
        tree.read(&path).map_err(|e| match e {
            Unreadable::Missing => format!("no such file in {}", tree.rev),
            Unreadable::SymbolicLink => format!("a symbolic link in {} (not followed)", tree.rev),
            Unreadable::TooLarge => format!(
                "larger than {} MiB in {}",
                MAX_BLOB_BYTES / 1024 / 1024,
                tree.rev
            ),
            Unreadable::NotUtf8 => format!("not UTF-8 in {}", tree.rev),
            Unreadable::Git(e) => e,
        })
    }
}

fn git_command(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .arg("--literal-pathspecs")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0");
    c
}

/// Runs `git` in `dir` with `args` and returns its standard output.
pub fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = git_command(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().next().unwrap_or("").trim();
        let why: String = why.chars().take(300).collect();
        Err(format!("git {} failed: {why}", args.first().unwrap_or(&"")))
    }
}

/// [`git`]'s output as one trimmed line.
pub fn git_line(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = git(dir, args)?;
    let text = String::from_utf8(out)
        .map_err(|_| "git printed something that is not UTF-8".to_string())?;
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_that_could_be_options_are_refused() {
        for rev in ["-x", "--output=/tmp/x", "", "main\nx", "a\u{1b}b"] {
            assert!(check_rev("--base", rev).is_err(), "{rev:?}");
        }
        assert!(check_rev("--base", "origin/main").is_ok());
    }

    #[test]
    fn listing_keeps_blobs_with_mode_and_size() {
        let out = b"100644 blob abc      12\ta/b.yaml\x00120000 blob def 5\tlink\x00160000 commit 123       -\tsub\x00";
        let m = parse_listing(out);
        assert_eq!(m.len(), 2);
        assert_eq!(m["a/b.yaml"].size, 12);
        assert!(m["link"].is_symlink());
    }

    #[test]
    fn paths_stay_inside_the_repository() {
        let t = GitTree::at("main", "0".into(), "/repo".into(), "apis/orders/".into());
        assert_eq!(t.relative_to_cwd(".oaslint.yaml"), "../../.oaslint.yaml");
        assert_eq!(t.relative_to_cwd("apis/orders/x.yaml"), "x.yaml");
        assert_eq!(t.in_repository("../../r.yaml").as_deref(), Some("r.yaml"));
        assert_eq!(t.in_repository("../../../r.yaml"), None);
        assert_eq!(
            t.in_repository("/repo/a/r.yaml").as_deref(),
            Some("a/r.yaml")
        );
        assert_eq!(t.in_repository("/etc/r.yaml"), None);
    }
}
