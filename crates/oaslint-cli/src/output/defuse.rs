//! Keeps text from the pull request (specs, `$ref`'d files, rulesets,
//! acknowledgement files, file names) from forming CI logging or workflow
//! commands in oaslint's output, and from hiding or rewriting terminal
//! output.
//!
//! # How the runners find commands
//!
//! Both read a step's stdout and stderr with .NET `StreamReader.ReadLine`,
//! so a line ends at `\n`, `\r\n` or a lone `\r` (not at U+2028 or U+0085).
//!
//! - The Azure Pipelines agent (`Command.TryParse`) looks for `##vso[`
//!   *anywhere* in a line with `string.IndexOf(string)`, which compares
//!   culture-sensitively: characters the collation ignores (zero-width
//!   space and joiners, soft hyphen, BOM, variation selectors, most
//!   control characters) may sit between the characters of `##vso[` and it
//!   still matches. The command ends at the first `]` after it. Its log
//!   view also formats lines with `##[group]`, `##[error]`, `##[section]`…
//! - The GitHub runner (`ActionCommand.TryParseV2`) trims leading white
//!   space (`TrimStart`, which includes U+0085, U+2028, U+00A0…) and takes a
//!   line that then starts with `::` and has a second `::` as
//!   `::name props::data`, again with culture-sensitive `StartsWith` and
//!   `IndexOf`. When that fails, the legacy form `##[name props]data` is
//!   looked for anywhere in the line (`TryParse`). `::stop-commands::TOKEN`
//!   makes any TOKEN a command name, so the name is no defence.
//!
//! # What this module does
//!
//! - [`text`]: a value in human output is one line of visible characters:
//!   line breaks, control characters (C0, DEL, C1), bidirectional controls
//!   and characters the runners ignore are written as Rust-style escapes
//!   (`\n`, `\u{1b}`, `\u{202e}`), and the `[` of `##[` or `##vso[` gets a
//!   backslash (`##vso\[`), which no runner ignores.
//! - [`source_line`]: the same for a line of a code frame, keeping tabs and
//!   mapping byte offsets so the carets stay under the right characters.
//! - [`neutralise`]: a last pass over a whole rendered output in the
//!   format's own escaping (a backslash in text, `\u005b` in JSON, `&#91;`
//!   in XML), for what only the layout forms: a line that starts with `::`,
//!   a `##` of a value followed by a `[` of ours.
//! - [`injected_commands`]: the runners' parsing as a checker, for tests
//!   and fuzzing.

use super::Format;
use std::borrow::Cow;
use std::fmt::Write;

/// Whether the runners' culture-sensitive comparison skips `c`: control
/// characters other than the line and white-space ones, and Unicode's
/// default-ignorable and format characters.
pub fn is_ignorable(c: char) -> bool {
    if c.is_ascii() {
        // Every character of a report passes here: ASCII decides at once.
        return c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r');
    }
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{85}'))
        || matches!(
            u,
            0xAD | 0x34F
                | 0x600..=0x605
                | 0x61C
                | 0x6DD
                | 0x70F
                | 0x890..=0x891
                | 0x8E2
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
}

/// Characters that join what comes before them into one glyph (emoji
/// sequences, Indic and Persian shaping): shown as they are after a
/// non-ASCII character, where they cannot join the ASCII of a command.
fn is_joiner(c: char) -> bool {
    matches!(c as u32,
        0x200C | 0x200D | 0xFE00..=0xFE0F | 0x180B..=0x180D | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// Whether human output shows `c` (after `prev`) as an escape: control
/// characters, bidirectional controls, characters the runners ignore (a
/// joiner only where it cannot join ASCII), line and paragraph separators.
pub fn hidden(c: char, prev: Option<char>) -> bool {
    if is_joiner(c) {
        return !prev.is_some_and(|p| !p.is_ascii() && !is_ignorable(p));
    }
    c.is_control() || is_ignorable(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `\n`, `\r`, `\t`, or `\u{hex}`.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Whether the `[` at byte `at` of `s` ends `##[` or `##vso[` written
/// together (case-insensitively: the agent's own filter ignores case).
fn ends_command_prefix(s: &str, at: usize) -> bool {
    let before = &s.as_bytes()[..at];
    before.ends_with(b"##")
        || (before.len() >= 5 && before[before.len() - 5..].eq_ignore_ascii_case(b"##vso"))
}

/// A value from the input as one line of human output (see the module
/// documentation). Borrows when nothing needs escaping.
pub fn text(s: &str) -> Cow<'_, str> {
    let clean = |s: &str| {
        let mut prev = None;
        s.char_indices().all(|(i, c)| {
            let ok = !(hidden(c, prev) || c == '[' && ends_command_prefix(s, i));
            prev = Some(c);
            ok
        })
    };
    if clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    escape_into(&mut out, s, false, &mut []);
    Cow::Owned(out)
}

/// As [`text`], but `##[` and `##vso[` stay as they are: for formats
/// whose own escaping breaks them (Markdown escapes `#` and `[`).
pub fn visible(s: &str) -> Cow<'_, str> {
    let mut prev = None;
    let clean = s.chars().all(|c| {
        let ok = !hidden(c, prev);
        prev = Some(c);
        ok
    });
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut prev = None;
    for c in s.chars() {
        if hidden(c, prev) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// One line of source for a code frame: as [`text`], but tabs stay (the
/// frame renders them) and each byte offset in `offsets` (into `line`) is
/// moved to where its character is in the result.
pub fn source_line(line: &str, offsets: &mut [usize]) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    escape_into(&mut out, line, true, offsets);
    out
}

fn escape_into(out: &mut String, s: &str, keep_tab: bool, offsets: &mut [usize]) {
    let base = out.len();
    let mut mapped = vec![false; offsets.len()];
    let mut prev = None;
    for (i, c) in s.char_indices() {
        for (k, o) in offsets.iter_mut().enumerate() {
            if !mapped[k] && *o <= i {
                *o = out.len() - base;
                mapped[k] = true;
            }
        }
        if keep_tab && c == '\t' {
            out.push(c);
        } else if hidden(c, prev) {
            push_escape(out, c);
        } else {
            if c == '[' && ends_command_prefix(s, i) {
                out.push('\\');
            }
            out.push(c);
        }
        prev = Some(c);
    }
    for (k, o) in offsets.iter_mut().enumerate() {
        if !mapped[k] {
            *o = out.len() - base;
        }
    }
}

/// A message for stderr made of our words and input values: one visible
/// line that no runner takes for a command.
pub fn line(s: &str) -> String {
    let visible = text(s);
    neutralise(&visible, Syntax::Text).into_owned()
}

/// Every line of `s` through [`text`], joined with `\n`: for messages
/// that are several lines by design (a usage error) on stderr.
pub fn lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&text(line.strip_suffix('\r').unwrap_or(line)));
    }
    neutralise(&out, Syntax::Text).into_owned()
}

/// The output syntax a [`neutralise`] pass writes its escapes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Human text and Markdown: `\[` and `\:`.
    Text,
    /// JSON: `\u005b`, `\u003a`, and `\uXXXX` for invisible characters
    /// (only strings can hold any of them, so the value stays the same).
    Json,
    /// XML: `&#91;`, `&#58;`, and `&#xX;` for invisible characters.
    Xml,
    /// GitHub workflow commands: as text, but our own `::error`,
    /// `::warning` and `::notice` lines keep their leading `::`.
    GithubCommands,
    /// Azure logging commands: as text, but our own
    /// `##vso[task.logissue …]` lines keep their `[`.
    AzureCommands,
}

/// The last pass over a rendered output (see the module documentation).
/// Borrows when nothing is changed, which is the case for any output whose
/// values went through [`text`] and whose layout keeps them off the start
/// of a line. Linear in the size of `out`.
pub fn neutralise(out: &str, syntax: Syntax) -> Cow<'_, str> {
    let bracket = match syntax {
        Syntax::Json => "\\u005b",
        Syntax::Xml => "&#91;",
        _ => "\\[",
    };
    let colon = match syntax {
        Syntax::Json => "\\u003a",
        Syntax::Xml => "&#58;",
        _ => "\\:",
    };
    // Byte offsets to rewrite, with what to write instead of the char.
    let mut edits: Vec<(usize, Cow<'static, str>)> = Vec::new();
    let mut line_start = true;
    // Bytes before this offset belong to our own command prefix.
    let mut own_until = 0;
    let mut prev = None;
    for (at, c) in out.char_indices() {
        if line_start {
            line_start = false;
            let own = match syntax {
                Syntax::GithubCommands => ["::error ", "::warning ", "::notice "]
                    .iter()
                    .any(|p| out[at..].starts_with(p)),
                Syntax::AzureCommands => out[at..].starts_with("##vso[task.logissue "),
                _ => false,
            };
            if own {
                own_until = at
                    + if syntax == Syntax::AzureCommands {
                        6
                    } else {
                        2
                    };
            } else if let Some(first) = leading_double_colon(out, at) {
                edits.push((first, colon.into()));
            }
        }
        if at >= own_until {
            match c {
                '\n' | '\r' => line_start = true,
                '#' => {
                    if let Some(b) = command_bracket(out, at) {
                        edits.push((b, bracket.into()));
                    }
                }
                c if matches!(syntax, Syntax::Json | Syntax::Xml)
                    && !matches!(c, '\n' | '\r' | '\t')
                    && hidden(c, prev) =>
                {
                    edits.push((at, numeric_escape(c, syntax).into()));
                }
                _ => {}
            }
        }
        prev = Some(c);
    }
    if edits.is_empty() {
        return Cow::Borrowed(out);
    }
    edits.sort_by_key(|(at, _)| *at);
    edits.dedup_by_key(|(at, _)| *at);
    let mut result = String::with_capacity(out.len() + edits.len() * 6);
    let mut last = 0;
    for (at, with) in edits {
        result.push_str(&out[last..at]);
        result.push_str(&with);
        last = at + char_at(out, at).map_or(0, char::len_utf8);
    }
    result.push_str(&out[last..]);
    Cow::Owned(result)
}

fn numeric_escape(c: char, syntax: Syntax) -> String {
    if syntax == Syntax::Xml {
        return format!("&#x{:X};", c as u32);
    }
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units)
        .iter()
        .map(|u| format!("\\u{u:04x}"))
        .collect()
}

fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..)?.chars().next()
}

/// The byte offset after the ignorable characters at `at`.
fn skip_ignorable(s: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(s, at).filter(|&c| is_ignorable(c)) {
        at += c.len_utf8();
    }
    at
}

/// The offset of the first `:` when the line starting at `at` is, for the
/// GitHub runner, a `::` after white space and ignorable characters.
fn leading_double_colon(s: &str, mut at: usize) -> Option<usize> {
    while let Some(c) = char_at(s, at).filter(|&c| is_trimmed(c)) {
        at += c.len_utf8();
    }
    (char_at(s, at)? == ':').then_some(())?;
    (char_at(s, skip_ignorable(s, at + 1))? == ':').then_some(at)
}

/// What `TrimStart` and a culture-sensitive `StartsWith` pass over.
fn is_trimmed(c: char) -> bool {
    (c.is_whitespace() && !matches!(c, '\n' | '\r')) || is_ignorable(c)
}

/// For a `#` at `at`: the offset of the `[` that makes `##[` or `##vso[`
/// with it, ignorable characters allowed in between.
fn command_bracket(s: &str, at: usize) -> Option<usize> {
    let mut i = skip_ignorable(s, at + 1);
    (char_at(s, i)? == '#').then_some(())?;
    i = skip_ignorable(s, i + 1);
    if char_at(s, i)? == '[' {
        return Some(i);
    }
    for want in ['v', 's', 'o'] {
        char_at(s, i)?.eq_ignore_ascii_case(&want).then_some(())?;
        i = skip_ignorable(s, i + 1);
    }
    (char_at(s, i)? == '[').then_some(i)
}

/// The commands a CI runner would find in `output` that `format` does not
/// write by design, each described with its line number. The design: the
/// `github` format writes `::error`, `::warning` and `::notice` lines with
/// no Azure syntax in them, `azure-devops` writes `##vso[task.logissue …]`
/// lines with no other command syntax in them, and every other format
/// writes no command at all. Lines are split as the runners split them.
pub fn injected_commands(format: Format, output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in runner_lines(output).enumerate() {
        let mut report = |what: &str, from: usize| {
            let snippet: String = line[from..].chars().take(60).collect();
            found.push(format!("line {}: {what}: {snippet:?}", n + 1));
        };
        // Where the runners may find a command other than ours.
        let own = match format {
            Format::Github => own_github_line(line),
            Format::AzureDevops => own_azure_line(line),
            _ => None,
        };
        if own.is_none() {
            if let Some(first) = leading_double_colon(line, 0) {
                if has_colon_pair(line, skip_ignorable(line, first + 1) + 1) {
                    report("GitHub workflow command", first);
                }
            }
        }
        for (at, c) in line
            .char_indices()
            .skip_while(|(at, _)| *at < own.unwrap_or(0))
        {
            if c != '#' {
                continue;
            }
            if let Some(b) = command_bracket(line, at) {
                let second = skip_ignorable(line, at + 1);
                let vso = b > skip_ignorable(line, second + 1);
                report(
                    if vso {
                        "Azure logging command"
                    } else {
                        "`##[` command"
                    },
                    at,
                );
            }
        }
    }
    found
}

/// What a reader must not meet in `output` written as `format`: the
/// [`injected_commands`], and in the formats a person or a CI log reads as
/// they are (text, Markdown, github, azure-devops) every raw character that
/// [`hidden`] says is shown escaped. The check the fuzz targets and the
/// regression tests apply to every output.
pub fn unsafe_output(format: Format, output: &str) -> Vec<String> {
    let mut found = injected_commands(format, output);
    if matches!(
        format,
        Format::Text | Format::Markdown | Format::Github | Format::AzureDevops
    ) {
        let mut prev = None;
        for (at, c) in output.char_indices() {
            if c != '\n' && hidden(c, prev) {
                found.push(format!("raw {c:?} at byte {at}"));
            }
            prev = Some(c);
        }
    }
    found
}

/// Whether `line[from..]` has a `::` (ignorable characters allowed
/// between the colons).
fn has_colon_pair(line: &str, from: usize) -> bool {
    line.get(from..).is_some_and(|rest| {
        rest.char_indices().any(|(i, c)| {
            c == ':' && char_at(line, skip_ignorable(line, from + i + 1)) == Some(':')
        })
    })
}

/// Lines as .NET `ReadLine` returns them.
fn runner_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            usize::from(end < rest.len())
        };
        rest = &rest[end + skip..];
        Some(line)
    })
}

/// The length of our own annotation prefix `::level props::` when `line`
/// is one of the `github` format's annotations.
fn own_github_line(line: &str) -> Option<usize> {
    let level = ["error", "warning", "notice"].into_iter().find(|l| {
        line.strip_prefix("::")
            .is_some_and(|r| r.starts_with(&format!("{l} ")))
    })?;
    let props_end = line[2..].find("::")? + 2;
    let props = &line[3 + level.len()..props_end];
    let known = ["file", "line", "endLine", "col", "endColumn", "title"];
    let ok = props.split(',').all(|p| {
        p.split_once('=')
            .is_some_and(|(k, v)| known.contains(&k) && !v.contains([':', ',']))
    });
    // The properties are checked for Azure syntax like the data.
    ok.then_some(3 + level.len())
}

/// The length of `##vso[` when `line` is one of the `azure-devops`
/// format's `task.logissue` commands.
fn own_azure_line(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("##vso[task.logissue ")?;
    let props = &rest[..rest.find(']')?];
    let known = ["type", "sourcepath", "linenumber", "columnnumber", "code"];
    let ok = props
        .split(';')
        .filter(|p| !p.is_empty())
        .all(|p| p.split_once('=').is_some_and(|(k, _)| known.contains(&k)));
    ok.then_some("##vso[".len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_one_visible_line() {
        assert_eq!(text("plain é 😀"), "plain é 😀");
        assert!(matches!(text("plain"), Cow::Borrowed(_)));
        assert_eq!(text("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(text("\u{1b}]52;c;eA==\u{7}"), "\\u{1b}]52;c;eA==\\u{7}");
        assert_eq!(text("x\u{202e}y\u{2066}"), "x\\u{202e}y\\u{2066}");
        assert_eq!(text("#\u{200b}#vso[x]"), "#\\u{200b}#vso[x]");
        assert_eq!(
            text("##vso[task.x]y ##[group]z"),
            "##vso\\[task.x]y ##\\[group]z"
        );
        assert_eq!(text("##VSO[a.b]"), "##VSO\\[a.b]");
        assert_eq!(
            text("\u{85}\u{2028}\u{ad}\u{9b}"),
            "\\u{85}\\u{2028}\\u{ad}\\u{9b}"
        );
        // Emoji sequences keep their joiners and variation selectors.
        assert_eq!(text("👩\u{200d}💻 ⚠\u{fe0f}"), "👩\u{200d}💻 ⚠\u{fe0f}");
        assert_eq!(text("#\u{200d}#"), "#\\u{200d}#");
    }

    #[test]
    fn source_lines_keep_tabs_and_map_offsets() {
        let line = "\ta: \u{1b}[2K ##vso[x] é";
        let mut at = [0, 1, line.find('é').unwrap(), line.len()];
        let out = source_line(line, &mut at);
        assert_eq!(out, "\ta: \\u{1b}[2K ##vso\\[x] é");
        assert_eq!(&out[at[2]..at[3]], "é");
        assert_eq!(at[1], 1);
    }

    #[test]
    fn the_checker_reads_lines_like_the_runners() {
        let found = |f, s| injected_commands(f, s);
        assert_eq!(found(Format::Text, "ok\nfine ## [x]\n").len(), 0);
        assert_eq!(
            found(Format::Text, "a ##vso[task.setvariable variable=x]y").len(),
            1
        );
        assert_eq!(
            found(Format::Text, "a #\u{200b}#\u{ad}vso[task.x]y").len(),
            1
        );
        assert_eq!(found(Format::Text, "a\r##[group]x").len(), 1);
        assert_eq!(found(Format::Text, "\u{2028} \u{200b}::error::x").len(), 1);
        assert_eq!(found(Format::Text, "::add-mask::x").len(), 1);
        assert_eq!(found(Format::Text, "x ::error::x").len(), 0);
        assert_eq!(found(Format::Text, "::just text").len(), 0);
        let gh = "::error file=a.yaml,line=1,title=t::msg%0Amore\n";
        assert_eq!(found(Format::Github, gh).len(), 0);
        assert_eq!(found(Format::Text, gh).len(), 1);
        assert_eq!(
            found(Format::Github, "::error file=a::m ##vso[a.b]").len(),
            1
        );
        let az = "##vso[task.logissue type=error;sourcepath=a.yaml;code=1;]m ::x::y\n";
        assert_eq!(found(Format::AzureDevops, az).len(), 0);
        assert_eq!(
            found(Format::AzureDevops, "##vso[task.setvariable variable=a]b").len(),
            1
        );
        assert_eq!(
            found(
                Format::AzureDevops,
                "##vso[task.logissue type=error;]m ##[group]x"
            )
            .len(),
            1
        );
    }

    #[test]
    fn neutralise_breaks_commands_in_each_syntax() {
        assert_eq!(
            neutralise(" ::error::x\n::y", Syntax::Text),
            " \\::error::x\n\\::y"
        );
        assert_eq!(neutralise("a ##vso[b", Syntax::Text), "a ##vso\\[b");
        assert_eq!(
            neutralise("\"#\u{200b}#vso[\"", Syntax::Json),
            "\"#\\u200b#vso\\u005b\""
        );
        assert_eq!(neutralise("<a>##[x</a>", Syntax::Xml), "<a>##&#91;x</a>");
        assert_eq!(
            neutralise("\"\u{1f600}\u{202e}\"", Syntax::Json),
            "\"\u{1f600}\\u202e\""
        );
        let gh = "::error file=a::m\n::warning x::##[y\n";
        assert_eq!(
            neutralise(gh, Syntax::GithubCommands),
            "::error file=a::m\n::warning x::##\\[y\n"
        );
        let az = "##vso[task.logissue type=error;]##vso[x\n";
        assert_eq!(
            neutralise(az, Syntax::AzureCommands),
            "##vso[task.logissue type=error;]##vso\\[x\n"
        );
        assert!(matches!(
            neutralise("no commands ## here", Syntax::Text),
            Cow::Borrowed(_)
        ));
    }
}
