//! The human format: one header line per finding
//! (`file:line:col SEVERITY rule message`), a code frame under it, and a
//! summary line.

use crate::run::{describe_ack, LintRun};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use oaslint::{Finding, Severity};
use std::fmt::Write;

/// How many source lines a frame shows at most.
const MAX_FRAME_LINES: u32 = 4;

pub struct TextOptions {
    pub color: bool,
}

/// Renders `run`; `source` gives the text of a file for code frames.
/// Acknowledged findings say so after their message.
pub fn render(
    run: &LintRun<'_>,
    source: &dyn Fn(&str) -> Option<std::sync::Arc<str>>,
    opts: &TextOptions,
) -> String {
    let report = run.report;
    let mut out = String::new();
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut cache: Option<(String, Option<std::sync::Arc<str>>)> = None;
    for (i, f) in report.findings.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}:{}:{} {} {} {}{}",
            f.file,
            f.range.start.line,
            f.range.start.column,
            paint(opts.color, severity_style(f.severity), f.severity.label()),
            paint(opts.color, BOLD, &f.rule),
            f.message,
            match run.ack_of(i) {
                Some(e) => format!(
                    " {}",
                    paint(
                        opts.color,
                        DIM,
                        &format!("(acknowledged: {})", describe_ack(e))
                    )
                ),
                None => String::new(),
            }
        );
        if cache.as_ref().map(|(n, _)| n != &f.file).unwrap_or(true) {
            cache = Some((f.file.clone(), source(&f.file)));
        }
        if let Some((_, Some(text))) = &cache {
            if let Some(frame) = frame(&renderer, text, f) {
                out.push_str(&frame);
                out.push('\n');
            }
        }
        if let Some(link) = &f.link {
            let _ = writeln!(out, "  {} {link}", paint(opts.color, DIM, "docs:"));
        }
        out.push('\n');
    }
    for e in &report.errors {
        let _ = writeln!(
            out,
            "{} {e}",
            paint(opts.color, severity_style(Severity::Must), "error:")
        );
    }
    out.push_str(&summary_line(run, opts.color));
    out.push('\n');
    out
}

/// `3 findings: 1 must, 2 should, 0 may, 0 hint (1 ignored) in 2 files`;
/// with an acknowledgement file also `(2 acknowledged)`.
pub fn summary_line(run: &LintRun<'_>, color: bool) -> String {
    let report = run.report;
    let s = &report.summary;
    let total = s.total();
    let files = report
        .documents
        .iter()
        .filter(|d| d.format.is_some())
        .count();
    let mut line = if total == 0 {
        paint(color, GREEN, "no findings").to_string()
    } else {
        format!("{} {}", total, plural(total, "finding", "findings"))
    };
    let _ = write!(
        line,
        ": {} must, {} should, {} may, {} hint",
        s.must, s.should, s.may, s.hint
    );
    let acked = run.acknowledged_count();
    if acked > 0 {
        let _ = write!(line, " ({acked} acknowledged)");
    }
    if s.ignored > 0 {
        let _ = write!(line, " ({} ignored in the document)", s.ignored);
    }
    let _ = write!(line, " in {} {}", files, plural(files, "file", "files"));
    if !report.errors.is_empty() {
        let n = report.errors.len();
        let _ = write!(line, "; {} {}", n, plural(n, "error", "errors"));
    }
    line
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn frame(renderer: &Renderer, text: &str, f: &Finding) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let lines = oaslint::source::LineIndex::new(text);
    let first = f.range.start.line.saturating_sub(1) as usize;
    if first >= lines.line_count() {
        return None;
    }
    let last_wanted = (f.range.end.line.max(f.range.start.line).saturating_sub(1))
        .min(f.range.start.line - 1 + MAX_FRAME_LINES - 1) as usize;
    let last = last_wanted.min(lines.line_count() - 1);
    let start_byte = lines.line_start(first);
    let end_byte = start_byte
        + (first..=last)
            .map(|l| lines.line_text(text, l).len() + 1)
            .sum::<usize>()
            .saturating_sub(1);
    let end_byte = end_byte.min(text.len());
    let slice = &text[start_byte..end_byte];
    let from = utf16_col_to_byte(lines.line_text(text, first), f.range.start.column);
    let to = if f.range.end.line as usize - 1 <= last && f.range.end.line >= f.range.start.line {
        let line_off = lines.line_start(f.range.end.line as usize - 1) - start_byte;
        line_off
            + utf16_col_to_byte(
                lines.line_text(text, f.range.end.line as usize - 1),
                f.range.end.column,
            )
    } else {
        slice.len()
    };
    let to = to.clamp(from, slice.len());
    // An empty range still gets a caret.
    let to = if to == from {
        (from + 1).min(slice.len())
    } else {
        to
    };
    let group = Group::with_level(Level::ERROR).element(
        Snippet::source(slice)
            .line_start(first + 1)
            .fold(false)
            .annotation(AnnotationKind::Primary.span(from..to)),
    );
    Some(renderer.render(&[group]).to_string())
}

/// Byte offset in `line` of the 1-based UTF-16 `column`.
fn utf16_col_to_byte(line: &str, column: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units + 1 >= column {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    line.len()
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const GREEN: &str = "\x1b[32m";

fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Must => "\x1b[1;31m",
        Severity::Should => "\x1b[1;33m",
        Severity::May => "\x1b[1;36m",
        Severity::Hint => "\x1b[1;34m",
    }
}

fn paint(color: bool, style: &str, text: &str) -> std::borrow::Cow<'static, str> {
    if color {
        format!("{style}{text}\x1b[0m").into()
    } else {
        text.to_string().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_map_to_bytes() {
        assert_eq!(utf16_col_to_byte("abc", 1), 0);
        assert_eq!(utf16_col_to_byte("abc", 3), 2);
        assert_eq!(utf16_col_to_byte("é😀x", 4), "é😀".len());
        assert_eq!(utf16_col_to_byte("ab", 9), 2);
    }
}
