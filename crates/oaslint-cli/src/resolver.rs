//! Reads spec and ruleset files from disk for the core's `Resolver`, and
//! keeps every text it read so the text output can show code frames.

use oaslint::Resolver;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Files larger than this are refused rather than read into memory.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

pub struct FsResolver {
    /// Relative names are read from here (the working directory).
    base: PathBuf,
    texts: Mutex<HashMap<String, Arc<str>>>,
}

impl FsResolver {
    pub fn new(base: &Path) -> Self {
        FsResolver {
            base: base.to_path_buf(),
            texts: Mutex::default(),
        }
    }

    /// The path `name` stands for.
    pub fn path(&self, name: &str) -> PathBuf {
        self.base.join(name)
    }

    /// Reads `name` (a path as the user wrote it, or derived from one).
    pub fn read_file(&self, name: &str) -> Result<Arc<str>, String> {
        let path = &self.path(name);
        let meta = std::fs::metadata(path).map_err(|e| describe_io(&e))?;
        if meta.is_dir() {
            return Err("is a directory".into());
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(format!(
                "file is larger than {} MiB",
                MAX_FILE_BYTES / 1024 / 1024
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| describe_io(&e))?;
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

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
