//! Reading files of a git revision (shared by `--pinned-config-from` and `--new-only`).
