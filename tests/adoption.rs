//! Adopting the guidelines on a legacy spec: the baseline and --new-only --base, through real git repositories.
