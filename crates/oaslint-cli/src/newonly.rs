//! `--new-only --base REV`: the findings the base revision already had.
