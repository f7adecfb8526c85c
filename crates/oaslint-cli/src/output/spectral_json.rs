//! `--format spectral-json`: the report of `spectral lint -f json`
//! (Spectral 6), for dashboards and tools that already read Spectral's.
//!
//! An array of results, each `{code, path, message, severity, range,
//! source}` as Spectral writes them:
//!
//! - `path`: the finding's pointer as segments, every segment a string
//!   (Spectral writes array indices as strings too: `["tags", "0"]`);
//! - `severity`: 0 error (MUST), 1 warning (SHOULD), 2 information (MAY),
//!   3 hint;
//! - `range`: 0-based lines and characters, characters in UTF-16 code
//!   units (JavaScript string offsets), the end exclusive;
//! - `source`: the file's absolute path with `/` separators (standard
//!   input keeps its name, `<stdin>`).
//!
//! Results are de-duplicated and sorted as Spectral's runner does: equal
//! rule, path, source and message are one result; the order is by source,
//! start position, rule id (digit runs compared as numbers) and the
//! comma-joined path. Spectral compares strings with the ICU collation of
//! `localeCompare`; here letters compare case-insensitively, lower case
//! first on a tie — the same order for the file names and ids met in
//! practice.
//!
//! What Spectral's report cannot hold is left to oaslint's own formats:
//! only the findings that are new are listed (acknowledged, baseline and
//! existing ones are settled, and Spectral has no status to mark them);
//! a document that could not be parsed is one result `parser` (severity 0)
//! and an unresolvable `$ref` one result `invalid-ref`, as in Spectral;
//! other errors (an unreadable file, an invalid ruleset) are on standard
//! error only. The exit code is oaslint's.

use super::defuse::{self, Syntax};
use crate::run::{LintRun, Status};
use oaslint::{ErrorKind, Range, Severity};
use serde::Serialize;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// Renders the run as `spectral lint -f json` would, tab-indented, with a
/// final newline. `cwd` makes relative file names absolute.
pub fn render(run: &LintRun<'_>, cwd: &Path) -> String {
    let mut results = Vec::new();
    for (i, f) in run.report.findings.iter().enumerate() {
        if run.status(i) != Status::New {
            continue;
        }
        // Spectral's own place (and wording there) where it differs from
        // oaslint's: a missing member's parent, a `$ref`'d key's target.
        let (file, pointer, range, message) = match &f.spectral {
            Some(at) => (
                &at.file,
                &at.pointer,
                at.range,
                at.message.as_ref().unwrap_or(&f.message),
            ),
            None => (&f.file, &f.pointer, f.range, &f.message),
        };
        // A change found by comparing with a base version names its check.
        let message = match &f.check {
            Some(_) => super::message_with_check(f).into_owned(),
            None => message.clone(),
        };
        let result = SpectralResult {
            code: f.rule.clone(),
            path: pointer_segments(pointer),
            message,
            severity: severity_number(f.severity),
            range: SpectralRange::from(range),
            source: absolute_source(cwd, file),
        };
        // The same node reached by another path, where Spectral words the
        // message differently: one more result each.
        for also in f.spectral.iter().flat_map(|at| &at.also) {
            results.push(SpectralResult {
                path: pointer_segments(&also.pointer),
                message: also
                    .message
                    .clone()
                    .unwrap_or_else(|| result.message.clone()),
                range: SpectralRange::from(also.range),
                source: absolute_source(cwd, &also.file),
                ..result.clone()
            });
        }
        results.push(result);
    }
    for e in &run.report.errors {
        let code = match e.kind {
            ErrorKind::Parse => "parser",
            ErrorKind::Reference => "invalid-ref",
            _ => continue,
        };
        results.push(SpectralResult {
            code: code.to_string(),
            path: e
                .pointer
                .as_deref()
                .map(pointer_segments)
                .unwrap_or_default(),
            message: e.message.clone(),
            severity: 0,
            range: e.range.map(SpectralRange::from).unwrap_or_default(),
            source: absolute_source(cwd, &e.file),
        });
    }
    // Spectral's fingerprint: the range stands in for an empty path.
    let mut seen = HashSet::new();
    results.retain(|r| {
        let place = if r.path.is_empty() {
            Some((r.range.start, r.range.end))
        } else {
            None
        };
        seen.insert((
            r.code.clone(),
            r.path.clone(),
            place,
            r.source.clone(),
            r.message.clone(),
        ))
    });
    results.sort_by(compare_results);

    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"\t");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    results
        .serialize(&mut ser)
        .expect("a Spectral report serializes");
    let mut out = String::from_utf8(out).expect("serde_json writes UTF-8");
    out.push('\n');
    // `##vso[` in a string would be a command when a pipeline prints the
    // report; `\u005b` keeps the value and breaks the command.
    match defuse::neutralise(&out, Syntax::Json) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

/// One result of Spectral's JSON report, fields in Spectral's order.
#[derive(Serialize, Clone)]
struct SpectralResult {
    code: String,
    path: Vec<String>,
    message: String,
    severity: u8,
    range: SpectralRange,
    source: String,
}

#[derive(Serialize, Default, Clone, Copy)]
struct SpectralRange {
    start: SpectralPosition,
    end: SpectralPosition,
}

/// 0-based line and UTF-16 character, as Spectral counts them.
#[derive(Serialize, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct SpectralPosition {
    line: u32,
    character: u32,
}

impl From<Range> for SpectralRange {
    fn from(r: Range) -> SpectralRange {
        let position = |p: oaslint::Position| SpectralPosition {
            line: p.line.saturating_sub(1),
            character: p.column.saturating_sub(1),
        };
        SpectralRange {
            start: position(r.start),
            end: position(r.end),
        }
    }
}

/// Spectral's `DiagnosticSeverity`: error 0, warning 1, information 2,
/// hint 3.
fn severity_number(s: Severity) -> u8 {
    match s {
        Severity::Must => 0,
        Severity::Should => 1,
        Severity::May => 2,
        Severity::Hint => 3,
    }
}

/// The unescaped segments of an RFC 6901 pointer (`""` is none).
fn pointer_segments(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// `file` as Spectral names a linted file: absolute, `.` and `..` folded,
/// `/`-separated. Names that are not paths (`<stdin>`) stay as they are.
fn absolute_source(cwd: &Path, file: &str) -> String {
    if file.starts_with('<') {
        return file.to_string();
    }
    let joined = cwd.join(file);
    let mut normal = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal.to_string_lossy().replace('\\', "/")
}

/// Spectral's result order: source, start position, code, path.
fn compare_results(a: &SpectralResult, b: &SpectralResult) -> Ordering {
    // Equal text is equal in any locale: most results share their source
    // and many their code, and the locale comparison walks the text.
    let compare = |x: &str, y: &str, numeric: bool| {
        if x == y {
            Ordering::Equal
        } else {
            locale_compare(x, y, numeric)
        }
    };
    compare(&a.source, &b.source, false)
        .then_with(|| a.range.start.cmp(&b.range.start))
        .then_with(|| compare(&a.code, &b.code, true))
        .then_with(|| {
            if a.path == b.path {
                Ordering::Equal
            } else {
                locale_compare(&a.path.join(","), &b.path.join(","), false)
            }
        })
}

/// An approximation of JavaScript's `localeCompare` (ICU root collation):
/// letters case-insensitively first, lower case before upper case on a
/// tie; with `numeric`, runs of digits compare by their value.
fn locale_compare(a: &str, b: &str, numeric: bool) -> Ordering {
    let primary = if numeric {
        natural_compare(&a.to_lowercase(), &b.to_lowercase())
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    };
    primary.then_with(|| {
        // Lower case sorts first: invert the case before comparing bytes.
        let swap = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if c.is_lowercase() {
                        c.to_uppercase().next().unwrap_or(c)
                    } else {
                        c.to_lowercase().next().unwrap_or(c)
                    }
                })
                .collect()
        };
        swap(a).cmp(&swap(b))
    })
}

/// Compares digit runs by value and everything else by characters.
fn natural_compare(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut run = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        run.push(c);
                        it.next();
                    }
                    run
                };
                let (ra, rb) = (take(&mut a), take(&mut b));
                let (ta, tb) = (ra.trim_start_matches('0'), rb.trim_start_matches('0'));
                let by_value = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb));
                if by_value != Ordering::Equal {
                    return by_value;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_string_segments() {
        assert_eq!(pointer_segments(""), Vec::<String>::new());
        assert_eq!(
            pointer_segments("/paths/~1pets~0x/get/tags/0"),
            ["paths", "/pets~x", "get", "tags", "0"]
        );
    }

    #[test]
    fn sources_are_absolute_and_folded() {
        let cwd = Path::new("/work/api");
        assert_eq!(
            absolute_source(cwd, "specs/a.yaml"),
            "/work/api/specs/a.yaml"
        );
        assert_eq!(absolute_source(cwd, "../x/./b.yaml"), "/work/x/b.yaml");
        assert_eq!(absolute_source(cwd, "/abs/c.json"), "/abs/c.json");
        assert_eq!(absolute_source(cwd, "<stdin>"), "<stdin>");
    }

    #[test]
    fn codes_compare_as_spectral_compares_them() {
        assert_eq!(
            locale_compare("oas3-schema", "oas2-schema", true),
            Ordering::Greater
        );
        assert_eq!(locale_compare("rule-10", "rule-9", true), Ordering::Greater);
        assert_eq!(locale_compare("B-rule", "a-rule", true), Ordering::Greater);
        assert_eq!(locale_compare("a", "A", false), Ordering::Less);
    }
}
