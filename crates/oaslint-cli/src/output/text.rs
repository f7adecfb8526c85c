//! The human format: one header line per finding
//! (`file:line:col SEVERITY rule message`), a code frame under it, and a
//! summary line.

use super::defuse::{self, Syntax};
use super::DisplayOptions;
use crate::run::{self, count, LintRun, Status};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use oaslint::LineIndex;
use oaslint::{Finding, Severity};
use std::borrow::Cow;
use std::fmt::Write;

/// How many source lines a frame shows at most.
const MAX_FRAME_LINES: u32 = 4;

/// Lines longer than this (minified JSON is one line of megabytes) are
/// shown as a window around the finding: rendering the whole line for each
/// finding would make the output quadratic in the file size.
const LONG_LINE_BYTES: usize = 400;

/// Bytes of context a long-line window keeps on each side of the finding.
const LONG_LINE_CONTEXT: usize = 60;

/// Bytes of the finding itself a long-line window shows at most.
const LONG_LINE_SPAN: usize = 120;

/// A file's text and its line index, for code frames.
type Source = (std::sync::Arc<str>, LineIndex);

/// Renders `run`; `source` gives the text of a file for code frames.
/// New findings are listed with a code frame; findings already settled
/// (acknowledged, in the baseline, pre-existing) are counted per rule after
/// them. `display` chooses which findings are listed (`--quiet`,
/// `--max-findings`) or whether a per-rule table replaces them
/// (`--statistics`); a cut list ends with that table too.
pub fn render(
    run: &LintRun<'_>,
    source: &dyn Fn(&str) -> Option<std::sync::Arc<str>>,
    color: bool,
    display: &DisplayOptions,
) -> String {
    let report = run.report;
    let mut out = String::new();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Listed one by one: new findings (only the blocking ones with
    // --quiet). Findings already settled (acknowledged, in the baseline,
    // pre-existing) are counted per rule instead: a legacy spec with
    // thousands of baselined findings must not bury the new ones.
    let candidates: Vec<usize> = (0..report.findings.len())
        .filter(|&i| {
            if display.quiet {
                run.is_blocking(i)
            } else {
                run.status(i) == Status::New
            }
        })
        .collect();
    let settled: Vec<usize> = if display.quiet || display.statistics {
        Vec::new()
    } else {
        (0..report.findings.len())
            .filter(|&i| run.status(i) != Status::New)
            .collect()
    };
    let not_blocking = report.findings.len() - candidates.len();
    let (shown, hidden) = if display.statistics {
        (Vec::new(), Vec::new())
    } else {
        super::cap_findings(run, candidates.clone(), display.max_findings)
    };
    // --statistics counts every finding (the blocking ones with --quiet).
    let counted: Vec<usize> = if display.statistics && !display.quiet {
        (0..report.findings.len()).collect()
    } else {
        candidates.clone()
    };
    // Findings come sorted by file: the text of the current file and its
    // line index are built once per file, not once per finding.
    let mut cache: Option<(String, Option<Source>)> = None;
    for &i in &shown {
        let f = &report.findings[i];
        let _ = writeln!(
            out,
            "{}:{}:{} {} {} {}",
            defuse::text(&f.file),
            f.range.start.line,
            f.range.start.column,
            paint(color, severity_style(f.severity), f.severity.label()),
            paint(color, BOLD, &defuse::text(&f.rule)),
            defuse::text(&super::message_with_check(f)),
        );
        if let Some(base) = &f.base {
            let _ = writeln!(
                out,
                "  {} {}",
                paint(color, DIM, "base:"),
                defuse::text(&super::base_place(base))
            );
        }
        if let Some(site) = run.refused_ignore_of(i) {
            let _ = writeln!(
                out,
                "  {} {}",
                paint(color, DIM, "ignore refused:"),
                defuse::text(&format!(
                    "the document ignores it at {}, but MUST findings are only ignored with --allow-must-ignore",
                    super::ignore_place(site)
                ))
            );
        }
        if cache.as_ref().map(|(n, _)| n != &f.file).unwrap_or(true) {
            let loaded = source(&f.file).map(|text| {
                let lines = LineIndex::new(&text);
                (text, lines)
            });
            cache = Some((f.file.clone(), loaded));
        }
        if let Some((_, Some((text, lines)))) = &cache {
            if let Some(frame) = frame(&renderer, text, lines, f) {
                out.push_str(&frame);
                out.push('\n');
            }
        }
        if let Some(link) = &f.link {
            let _ = writeln!(
                out,
                "  {} {}",
                paint(color, DIM, "docs:"),
                defuse::text(link)
            );
        }
        out.push('\n');
    }
    let honoured: Vec<_> = run.honoured_ignores().collect();
    if !honoured.is_empty() && !display.quiet && !display.statistics {
        let _ = writeln!(
            out,
            "{}",
            paint(
                color,
                BOLD,
                &format!("ignored in the document ({}):", honoured.len())
            )
        );
        for (_, ig) in honoured {
            let f = &ig.finding;
            let _ = writeln!(
                out,
                "  {} {} {} {} (ignored at {})",
                defuse::text(&run::place(f)),
                f.severity.label(),
                defuse::text(&f.rule),
                defuse::text(&f.message),
                defuse::text(&super::ignore_place(&ig.ignored_by))
            );
        }
        out.push('\n');
    }
    if !settled.is_empty() {
        let counts = super::rule_counts(run, &settled);
        let by_status: Vec<String> = [
            (Status::Baseline, "in the baseline"),
            (Status::Existing, "also in the base revision"),
            (Status::Acknowledged, "acknowledged"),
        ]
        .iter()
        .filter_map(|&(status, words)| {
            let n = settled.iter().filter(|&&i| run.status(i) == status).count();
            (n > 0).then(|| format!("{n} {words}"))
        })
        .collect();
        let _ = writeln!(
            out,
            "{} {} ({}), by rule (`-f json` lists each):",
            paint(color, BOLD, "not blocking:"),
            count(settled.len(), "finding", "findings"),
            by_status.join(", "),
        );
        for line in super::statistics_lines(run, &counts) {
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    if display.statistics || !hidden.is_empty() {
        let counts = super::rule_counts(run, &counted);
        if !hidden.is_empty() {
            let _ = writeln!(
                out,
                "{} {} of {} shown (--max-findings {}); every finding by rule:",
                paint(color, BOLD, "cut:"),
                shown.len(),
                count(candidates.len(), "finding", "findings"),
                display.max_findings.unwrap_or(0),
            );
        }
        for line in super::statistics_lines(run, &counts) {
            let _ = writeln!(out, "{line}");
        }
        if !counts.is_empty() {
            out.push('\n');
        }
    }
    if display.quiet && not_blocking > 0 {
        let _ = writeln!(
            out,
            "{} {} that {} not block {} not listed",
            paint(color, DIM, "quiet:"),
            count(not_blocking, "finding", "findings"),
            if not_blocking == 1 { "does" } else { "do" },
            if not_blocking == 1 { "is" } else { "are" },
        );
    }
    if let Some(t) = &report.truncated {
        let _ = writeln!(
            out,
            "{} {}",
            paint(color, BOLD, "truncated:"),
            defuse::text(&super::truncation_note(t))
        );
    }
    if display.list_errors {
        for e in &report.errors {
            let _ = writeln!(
                out,
                "{} {}",
                paint(color, severity_style(Severity::Must), "error:"),
                defuse::text(&e.to_string())
            );
        }
    }
    if run.context.configurations.len() > 1 {
        // Files of one run linted with different configurations (a folder's
        // own `.oaslint.yaml`): say which applied to how many files.
        let each: Vec<String> = run
            .context
            .configurations
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let files = run
                    .inputs
                    .iter()
                    .filter(|input| input.configuration == i)
                    .count();
                format!(
                    "{} ({} {}): {}",
                    defuse::text(c.file.as_deref().unwrap_or("built-in")),
                    defuse::text(&c.ruleset.name),
                    defuse::text(&c.ruleset.version),
                    count(files, "file", "files")
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{} {}",
            paint(color, DIM, "configurations:"),
            each.join("; ")
        );
    }
    out.push_str(&summary_line(run, color));
    out.push('\n');
    match defuse::neutralise(&out, Syntax::Text) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

/// `3 findings: 1 must, 2 should, 0 may, 0 hint (2 acknowledged, 4
/// baseline, 5 existing, 1 ignored in the document) in 2 files`, the
/// parenthesis naming only what there is. With errors it never
/// says "no findings": `nothing linted: 1 error` when no document was
/// linted, else `0 findings: … in 2 files; 1 error`.
pub fn summary_line(run: &LintRun<'_>, color: bool) -> String {
    let report = run.report;
    let s = &report.summary;
    let total = s.total();
    let files = report
        .documents
        .iter()
        .filter(|d| d.format.is_some())
        .count();
    let errors = report.errors.len();
    if errors > 0 && files == 0 && total == 0 && run.nothing_found() {
        return format!("nothing linted: {}", count(errors, "error", "errors"));
    }
    // "no findings" only when nothing was found, ignored or left out, and
    // everything could be linted.
    let mut line = if total == 0 && run.nothing_found() && errors == 0 {
        paint(color, GREEN, "no findings").to_string()
    } else {
        count(total, "finding", "findings")
    };
    let _ = write!(
        line,
        ": {} must, {} should, {} may, {} hint",
        s.must, s.should, s.may, s.hint
    );
    let settled: Vec<String> = [
        (run.acknowledged_count(), "acknowledged"),
        (run.status_count(Status::Baseline), "baseline"),
        (run.status_count(Status::Existing), "existing"),
        (s.ignored, "ignored in the document"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, words)| format!("{n} {words}"))
    .collect();
    if !settled.is_empty() {
        let _ = write!(line, " ({})", settled.join(", "));
    }
    let _ = write!(line, " in {} {}", files, plural(files, "file", "files"));
    if errors > 0 {
        let _ = write!(line, "; {}", count(errors, "error", "errors"));
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

/// The code frame of `f`: its first lines (at most [`MAX_FRAME_LINES`]),
/// escaped like every value ([`defuse::source_line`]), with carets under
/// the finding. The lines are taken by the line index, so CRLF and lone CR
/// line breaks frame like LF.
fn frame(renderer: &Renderer, text: &str, lines: &LineIndex, f: &Finding) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let first = f.range.start.line.saturating_sub(1) as usize;
    if first >= lines.line_count() {
        return None;
    }
    let last_wanted = (f.range.end.line.max(f.range.start.line).saturating_sub(1))
        .min(f.range.start.line.saturating_sub(1) + MAX_FRAME_LINES - 1)
        as usize;
    let last = last_wanted.min(lines.line_count() - 1);
    let first_line = lines.line_text(text, first);
    // Byte offsets of the finding in its first and last line.
    let from = lines
        .offset(text, f.range.start)
        .saturating_sub(lines.line_start(first))
        .min(first_line.len());
    let end_line = f.range.end.line.saturating_sub(1) as usize;
    let end_in = |line: usize| {
        lines
            .offset(text, f.range.end)
            .saturating_sub(lines.line_start(line))
            .min(lines.line_text(text, line).len())
    };
    if first_line.len() > LONG_LINE_BYTES {
        let to = if end_line == first {
            end_in(first)
        } else {
            first_line.len()
        };
        return Some(long_line_frame(renderer, first_line, first + 1, from, to));
    }
    let mut window = String::new();
    let (mut a, mut b) = (0, None);
    for l in first..=last {
        let mut at = [from, if l == end_line { end_in(l) } else { 0 }];
        let escaped = defuse::source_line(lines.line_text(text, l), &mut at);
        if l == first {
            a = window.len() + at[0];
        }
        if l == end_line && end_line >= first {
            b = Some(window.len() + at[1]);
        }
        window.push_str(&escaped);
        if l < last {
            window.push('\n');
        }
    }
    let (a, b) = caret_span(&window, a, b.unwrap_or(window.len()));
    let group = Group::with_level(Level::ERROR).element(
        Snippet::source(&window)
            .line_start(first + 1)
            .fold(false)
            .annotation(AnnotationKind::Primary.span(a..b)),
    );
    Some(renderer.render(&[group]).to_string())
}

/// The span `a..b` of `window` clamped to it; an empty one covers the next
/// character, so that it still gets a caret.
fn caret_span(window: &str, a: usize, b: usize) -> (usize, usize) {
    let a = a.min(window.len());
    let b = b.clamp(a, window.len());
    if b > a {
        return (a, b);
    }
    let next = window[a..].chars().next().map_or(0, char::len_utf8);
    (a, a + next)
}

/// A one-line frame of a window of `line` around the finding at bytes
/// `from..to`, with `…` where the line was cut.
fn long_line_frame(
    renderer: &Renderer,
    line: &str,
    line_number: usize,
    from: usize,
    to: usize,
) -> String {
    let to = to.clamp(from, line.len()).min(from + LONG_LINE_SPAN);
    let start = floor_char_boundary(line, from.saturating_sub(LONG_LINE_CONTEXT));
    let end = ceil_char_boundary(line, to + LONG_LINE_CONTEXT);
    let to = ceil_char_boundary(line, to);
    let mut window = String::new();
    if start > 0 {
        window.push('…');
    }
    let shift = window.len();
    let mut at = [from - start, to - start];
    window.push_str(&defuse::source_line(&line[start..end], &mut at));
    if end < line.len() {
        window.push('…');
    }
    let (a, b) = caret_span(&window, shift + at[0], shift + at[1]);
    let group = Group::with_level(Level::ERROR).element(
        Snippet::source(&window)
            .line_start(line_number)
            .fold(false)
            .annotation(AnnotationKind::Primary.span(a..b)),
    );
    renderer.render(&[group]).to_string()
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GREEN: Style = AnsiColor::Green.on_default();

fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Must => AnsiColor::Red,
        Severity::Should => AnsiColor::Yellow,
        Severity::May => AnsiColor::Cyan,
        Severity::Hint => AnsiColor::Blue,
    };
    color.on_default().bold()
}

/// `text` in `style` when colour is on (anstyle writes the escape codes).
fn paint(color: bool, style: Style, text: &str) -> Cow<'_, str> {
    if color {
        format!("{style}{text}{style:#}").into()
    } else {
        text.into()
    }
}

/// Byte `i` of `text` (clamped to its length) moved back to the start of
/// its character (`str::floor_char_boundary` is newer than our MSRV).
fn floor_char_boundary(text: &str, i: usize) -> usize {
    (0..=i.min(text.len()))
        .rev()
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(0)
}

/// Byte `i` of `text` (clamped to its length) moved on to the end of its
/// character.
fn ceil_char_boundary(text: &str, i: usize) -> usize {
    (i.min(text.len())..=text.len())
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_framed_as_a_window_around_the_finding() {
        let line = format!(
            "{{\"a\":\"{}\",\"bad\":1,\"b\":\"{}\"}}",
            "é".repeat(300),
            "x".repeat(300)
        );
        let from = line.find("\"bad\"").unwrap();
        let frame = long_line_frame(&Renderer::plain(), &line, 1, from, from + 5);
        let rows: Vec<&str> = frame.lines().collect();
        let source = rows.iter().find(|r| r.starts_with("1 |")).unwrap();
        let carets = rows.iter().find(|r| r.contains('^')).unwrap();
        assert!(
            source.contains("…") && source.contains("\"bad\":1"),
            "{frame}"
        );
        assert!(source.chars().count() < 200, "{frame}");
        // The carets sit under `"bad"`.
        let col = |row: &str, pat: &str| row.find(pat).map(|b| row[..b].chars().count());
        assert_eq!(col(source, "\"bad\""), col(carets, "^^^^^"), "{frame}");
    }
}
