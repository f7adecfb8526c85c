//! Checks shared by the fuzz targets in `fuzz_targets/`.
//!
//! Every target asserts more than "no panic": a parser either succeeds or
//! returns an error located inside its input, a lint's findings and errors
//! carry positions that exist, and every output format is well-formed for
//! its format. A failed assertion is a crash to libFuzzer, which saves the
//! input under `fuzz/artifacts/<target>/`.

use oaslint::internals::ParseError;
use oaslint::{Error, ErrorKind, Range, Report};

/// The fuzz input as text; libFuzzer's bytes that are not UTF-8 are
/// skipped, because every entry point of the engine takes `&str` (the CLI
/// rejects other bytes before parsing; the output target covers that).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A parse error must point into the text it came from, at character
/// boundaries, so that the CLI can turn it into `file:line:col`.
pub fn check_parse_error(text: &str, error: &ParseError) {
    let (start, end) = (error.span.start as usize, error.span.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "parse error span {start}..{end} outside a text of {} bytes: {}",
        text.len(),
        error.message
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "parse error span {start}..{end} splits a character: {}",
        error.message
    );
    assert!(!error.message.is_empty(), "parse error without a message");
}

/// A 1-based range whose start is not after its end.
pub fn check_range(range: &Range, what: &str) {
    assert!(
        range.start.line >= 1 && range.start.column >= 1,
        "{what}: range starts before 1:1: {range:?}"
    );
    assert!(
        (range.start.line, range.start.column) <= (range.end.line, range.end.column),
        "{what}: range ends before it starts: {range:?}"
    );
}

/// An error of the engine names a file, says something, and (when it is a
/// syntax error) says where.
pub fn check_error(error: &Error) {
    assert!(!error.file.is_empty(), "error without a file: {error:?}");
    assert!(
        !error.message.is_empty(),
        "error without a message: {error:?}"
    );
    if let Some(range) = &error.range {
        check_range(range, "error");
    }
    if error.kind == ErrorKind::Parse {
        assert!(
            error.range.is_some(),
            "syntax error without a position: {error:?}"
        );
    }
}

/// Every finding and error of a report is located, and the report
/// serialises to JSON (the CLI's `--format json` contract).
pub fn check_report(report: &Report) {
    for finding in &report.findings {
        assert!(
            !finding.rule.is_empty(),
            "finding without a rule: {finding:?}"
        );
        assert!(
            !finding.file.is_empty(),
            "finding without a file: {finding:?}"
        );
        assert!(
            finding.pointer.is_empty() || finding.pointer.starts_with('/'),
            "finding pointer is not RFC 6901: {finding:?}"
        );
        check_range(&finding.range, "finding");
    }
    for error in &report.errors {
        check_error(error);
    }
    serde_json::to_string(report).expect("a report serialises to JSON");
}

pub mod output;
