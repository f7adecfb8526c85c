//! The inputs of a run: globs expanded while walking the tree (honouring `.gitignore`, `--exclude` and the configuration's `ignore`), and which matches are roots.
