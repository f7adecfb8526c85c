//! Reads spec and ruleset files from disk for the core's `Resolver`, and
//! keeps every text it read so the text output can show code frames.
//!
//! Every read is confined to the [`Roots`] the resolver was made with
//! (checked on the canonical path, after symlinks), reads only regular
//! files, and stops at [`MAX_FILE_BYTES`] while reading — a device, a FIFO
//! or a procfs file reports a size of 0 and could otherwise be endless or
//! block forever.

use crate::root::{Roots, OUTSIDE_ROOT};
use oaslint::Resolver;
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

pub struct FsResolver {
    /// Relative names are read from here (the working directory).
    base: PathBuf,
    /// Where files may be read from.
    roots: Roots,
    texts: Mutex<HashMap<String, Arc<str>>>,
}

impl FsResolver {
    /// A resolver that reads names relative to `base`, inside `roots`.
    pub fn new(base: &Path, roots: Roots) -> Self {
        FsResolver {
            base: base.to_path_buf(),
            roots,
            texts: Mutex::default(),
        }
    }

    /// The path `name` stands for.
    pub fn path(&self, name: &str) -> PathBuf {
        self.base.join(name)
    }

    /// Reads `name` (a path as the user wrote it, or derived from one).
    pub fn read_file(&self, name: &str) -> Result<Arc<str>, String> {
        let bytes = read_confined(&self.path(name), &self.roots)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })?;
        let text: Arc<str> = text.into();
        self.remember(name, text.clone());
        Ok(text)
    }

    /// Keeps `text` as the content of `name` (for stdin and code frames).
    pub fn remember(&self, name: &str, text: Arc<str>) {
        self.texts
            .lock()
            .expect("no panics while holding the lock")
            .insert(name.to_string(), text);
    }

    /// The text of a file read before.
    pub fn text(&self, name: &str) -> Option<Arc<str>> {
        self.texts
            .lock()
            .expect("no panics while holding the lock")
            .get(name)
            .cloned()
    }
}

impl Resolver for FsResolver {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        if let Some(t) = self.text(name) {
            return Ok(t);
        }
        self.read_file(name)
    }
}

/// Reads the regular file at `path` if it lies inside `roots` once
/// symlinks are resolved, at most [`MAX_FILE_BYTES`] of it.
pub fn read_confined(path: &Path, roots: &Roots) -> Result<Vec<u8>, String> {
    // A path that is outside even as written gets the same answer whether
    // or not it exists, so that probing the agent's files tells nothing.
    let outside_as_written = !roots.contains(&roots.lexical(path));
    let canonical = match crate::root::canonicalize(path) {
        Ok(c) => c,
        Err(_) if outside_as_written || leads_outside(path, roots) => {
            return Err(OUTSIDE_ROOT.into())
        }
        Err(e) => return Err(describe_io(&e)),
    };
    if !roots.contains(&canonical) {
        return Err(OUTSIDE_ROOT.into());
    }
    read_regular(&canonical).map_err(|e| match e {
        ReadError::Io(e) => describe_io(&e),
        other => other.to_string(),
    })
}

/// Whether `path`, which does not resolve (missing, or a dangling
/// symlink), would lie outside `roots`: a committed symlink to a missing
/// file outside must get the same answer as one to an existing file, or it
/// tells whether that file exists on the agent.
fn leads_outside(path: &Path, roots: &Roots) -> bool {
    let mut path = roots.lexical(path);
    // Follow a dangling symlink chain by hand (the kernel's limit is 40).
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => {
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                path = crate::root::normalize(&dir.join(target));
                if !roots.contains(&path) {
                    return true;
                }
            }
            Err(_) => break,
        }
    }
    // The deepest part that exists tells where the rest would be.
    path.ancestors()
        .skip(1)
        .find_map(|a| crate::root::canonicalize(a).ok())
        .is_some_and(|a| !roots.contains(&a))
}

/// Why [`read_regular`] did not return a file's bytes.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Directory,
    NotRegular,
    TooLarge,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::Directory => f.write_str("is a directory"),
            ReadError::NotRegular => {
                f.write_str("not a regular file (a device, FIFO, socket or the like)")
            }
            ReadError::TooLarge => write!(
                f,
                "file is larger than {} MiB",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        }
    }
}

/// Reads `path` if it is a regular file, at most [`MAX_FILE_BYTES`]. The
/// kind is checked on the path and again on the opened handle, the file is
/// opened without blocking (a FIFO swapped in between must not hang the
/// run), and the size limit is counted while reading: devices and procfs
/// report a size of 0.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let kind = std::fs::metadata(path).map_err(ReadError::Io)?;
    if kind.is_dir() {
        return Err(ReadError::Directory);
    }
    if !kind.is_file() {
        return Err(ReadError::NotRegular);
    }
    let file = open_without_blocking(path).map_err(ReadError::Io)?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes =
        Vec::with_capacity(usize::try_from(opened.len().min(MAX_FILE_BYTES)).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// Opens `path` for reading with `O_NONBLOCK` (opening a FIFO with no
/// writer returns at once instead of waiting for one; regular files ignore
/// the flag) and `O_NOFOLLOW` (the path was canonical when checked; a
/// symlink put in its place since is refused, not followed).
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
}

/// Elsewhere there are no FIFOs to block on; the kind checks still apply.
/// WASI (the npm package's CLI) has neither flag in stable Rust: the path
/// was resolved without symlinks just before, and a symlink swapped in
/// since is followed — a race only a process running beside oaslint could
/// win, not the files of a pull request.
#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
