//! Which files a run lints: globs, split specs, excludes, .gitignore, --stdin-filepath.
