//! Release notes of a comparison (`oaslint changelog BASE HEAD`): breaking
//! changes first, then the probably breaking ones, then the rest; within a
//! level, grouped by operation in HEAD's order. Every text from a spec is
//! escaped as in the pull-request comment, and no line can start a CI
//! command.

use super::defuse::{self, Syntax};
use super::markdown::{code_span, escape_text, inline};
use oaslint::diff::{Change, Level};
use std::fmt::Write;

/// The levels in the order release notes list them, with their headings.
const LEVELS: [(Level, &str); 3] = [
    (Level::Breaking, "Breaking changes"),
    (Level::Warning, "Probably breaking changes"),
    (Level::Info, "Other changes"),
];

/// The changes of `level`, grouped by operation (changes of no operation
/// first), each group in the order its first change comes.
fn grouped(changes: &[Change], level: Level) -> Vec<(Option<&str>, Vec<&Change>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Change>)> = Vec::new();
    for c in changes.iter().filter(|c| c.level == level) {
        let op = c.operation.as_deref();
        match groups.iter_mut().find(|(o, _)| *o == op) {
            Some((_, list)) => list.push(c),
            None => groups.push((op, vec![c])),
        }
    }
    groups.sort_by_key(|(op, _)| op.is_some());
    groups
}

/// What a change says once its operation is a heading.
fn without_operation(c: &Change) -> &str {
    match &c.operation {
        Some(op) => c
            .message
            .strip_prefix(op.as_str())
            .and_then(|m| m.strip_prefix(": "))
            .unwrap_or(&c.message),
        None => &c.message,
    }
}

/// The release notes in Markdown.
pub fn markdown(base: &str, head: &str, changes: &[Change]) -> String {
    let mut out = format!(
        "## API changes from {} to {}\n\n",
        code_span(base),
        code_span(head)
    );
    if changes.is_empty() {
        out.push_str("No changes for clients.\n");
    }
    for (level, heading) in LEVELS {
        let groups = grouped(changes, level);
        if groups.is_empty() {
            continue;
        }
        let n: usize = groups.iter().map(|(_, g)| g.len()).sum();
        let _ = write!(out, "### {heading} ({n})\n\n");
        for (op, list) in groups {
            match op {
                Some(op) => {
                    let _ = write!(out, "#### {}\n\n", code_span(op));
                }
                None => {
                    let _ = write!(out, "#### {}\n\n", escape_text("The whole API"));
                }
            }
            for c in list {
                let _ = writeln!(
                    out,
                    "- {} ({} at {})",
                    inline(without_operation(c)),
                    code_span(c.check),
                    code_span(&format!("{}:{}", c.head.file, c.head.range.start.line))
                );
            }
            out.push('\n');
        }
    }
    safe(out)
}

/// One line per change, breaking ones first: `LEVEL check file:line:col
/// message`.
pub fn text(changes: &[Change]) -> String {
    let mut out = String::new();
    for (level, _) in LEVELS {
        for c in changes.iter().filter(|c| c.level == level) {
            let _ = writeln!(
                out,
                "{} {} {}:{}:{} {}",
                level.name(),
                c.check,
                defuse::text(&c.head.file),
                c.head.range.start.line,
                c.head.range.start.column,
                defuse::text(&c.message)
            );
        }
    }
    safe(out)
}

fn safe(out: String) -> String {
    match defuse::neutralise(&out, Syntax::Text) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(safe) => safe,
    }
}
