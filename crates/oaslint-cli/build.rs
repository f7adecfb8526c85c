//! Records the commit the CLI is built from, for `oaslint --version`, as
//! the compile-time variable `OASLINT_COMMIT` (a full hex object name, or
//! `unknown`). Never fails the build.
//!
//! Where the commit comes from, first match wins:
//! 1. `OASLINT_COMMIT` in the build's environment (a build from a source
//!    archive without `.git`, e.g. a container build, can pass it);
//! 2. `.cargo_vcs_info.json` next to Cargo.toml: `cargo package` writes it
//!    into the packaged crate (`cargo install oaslint-cli`), which has no
//!    `.git` of its own;
//! 3. `git rev-parse HEAD` in a checkout (or a worktree of one);
//! 4. otherwise `unknown`.
//!
//! The script reruns only when its inputs change: the git HEAD file and the
//! ref HEAD points at (or `packed-refs`), as git itself resolves them, so
//! a commit or a checkout rebuilds the CLI while an ordinary edit does not
//! run git at all.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=OASLINT_COMMIT");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = std::env::var("OASLINT_COMMIT")
        .ok()
        .filter(|c| is_object_name(c))
        .or_else(|| from_vcs_info(&manifest_dir))
        .or_else(|| from_git(&manifest_dir))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=OASLINT_COMMIT={commit}");
}

/// A full or abbreviated hexadecimal object name (SHA-1 or SHA-256).
fn is_object_name(s: &str) -> bool {
    (7..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `git.sha1` of `.cargo_vcs_info.json`, which only a packaged crate has.
/// Read with a string search: a JSON parser as a build dependency would
/// cost more build time than this one field is worth.
fn from_vcs_info(manifest_dir: &Path) -> Option<String> {
    let path = manifest_dir.join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(&path).ok()?;
    println!("cargo:rerun-if-changed={}", path.display());
    let after_key = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let value = after_key.trim_start().strip_prefix(':')?.trim_start();
    let value = value.strip_prefix('"')?;
    let sha = &value[..value.find('"')?];
    is_object_name(sha).then(|| sha.to_ascii_lowercase())
}

/// `git rev-parse HEAD`, and the files whose change moves it.
fn from_git(manifest_dir: &Path) -> Option<String> {
    let commit = git(manifest_dir, &["rev-parse", "HEAD"])?;
    if !is_object_name(&commit) {
        return None;
    }
    // `--git-path` resolves each file as git does: HEAD in the worktree's
    // own git directory, refs and packed-refs in the common one. A path
    // that does not exist would rerun the script on every build, so only
    // existing ones are watched.
    for name in ["HEAD", "packed-refs"] {
        if let Some(path) = git_path(manifest_dir, name).filter(|p| p.exists()) {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    if let Some(branch) = git(manifest_dir, &["symbolic-ref", "-q", "HEAD"]) {
        if let Some(path) = git_path(manifest_dir, &branch) {
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            } else if let Some(folder) = path.parent().filter(|f| f.is_dir()) {
                // A branch only in packed-refs gets its loose file at the
                // next commit: its folder (e.g. refs/heads) changes then.
                println!("cargo:rerun-if-changed={}", folder.display());
            }
        }
    }
    Some(commit)
}

/// Where git keeps `name` (`HEAD`, `refs/heads/main`, `packed-refs`).
fn git_path(dir: &Path, name: &str) -> Option<PathBuf> {
    git(dir, &["rev-parse", "--git-path", name]).map(|path| dir.join(path))
}

/// The trimmed standard output of a successful `git` run in `dir`.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(text.trim().to_string())
}
