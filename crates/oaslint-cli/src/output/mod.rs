//! Report formats.

pub mod text;

use clap::ValueEnum;

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col SEVERITY rule message`, code frames, a summary.
    Text,
    /// The stable JSON report (`docs/report.schema.json`).
    Json,
}
