//! The translation against `regress` (an ECMAScript engine): same match,
//! same span, on a table of patterns and inputs.

use super::*;

/// Inputs with the characters where the dialects differ: ASCII and
/// Unicode word characters, every kind of line end and white space,
/// characters whose case forms cross ASCII (ſ, K) or differ between
/// upper-casing and case folding (ß/ẞ, ς/σ/Σ, ϴ/θ), astral characters.
const INPUTS: &[&str] = &[
    "",
    "a",
    "A",
    "abc",
    "ABC",
    "aBc",
    "aaaa",
    "aaab",
    "x-rate",
    "X-Rate-Limit",
    "snake_case",
    "kebab-case",
    "camelCase",
    "PascalCase",
    "/pets/{pet-id}",
    "/pets/",
    "//",
    "v1",
    "1.2.3",
    "v1.2.3-beta",
    "12345",
    "٣",
    "a b",
    "a\tb",
    "a\nb",
    "a\rb",
    "a\r\nb",
    "a\u{2028}b",
    "a\u{2029}b",
    "a\u{a0}b",
    "a\u{feff}b",
    "a\u{3000}b",
    "a\u{85}b",
    "\n",
    "x\n",
    "s",
    "S",
    "ſ",
    "k",
    "K",
    "\u{212a}",
    "é",
    "É",
    "straße",
    "STRASSE",
    "ẞ",
    "ß",
    "ς",
    "σ",
    "Σ",
    "θ",
    "ϴ",
    "ǅ",
    "ǆ",
    "😀",
    "a😀b",
    "Ω",
    "\u{2126}",
    "ω",
    "application/json",
    "application/problem+json",
    "application/vnd.api+json;version=2",
    "\u{0}",
    "\u{8}",
    "\u{1}",
    "\\",
    "a-z",
    "]",
    "{",
    "a{1",
    "a{",
    "'quoted'",
    "\"dq\"",
    "abab",
    "abcabc",
    "aa",
    "aA",
    "word word",
    "wordy",
    "_x_",
    "é_é",
];

const PATTERNS: &[(&str, &str)] = &[
    ("", ""),
    ("a", ""),
    ("^a", ""),
    ("a$", ""),
    ("^$", ""),
    ("^[a-z]+$", ""),
    ("^[a-z]+$", "i"),
    ("^[a-z]+$", "iu"),
    ("^[A-Z][a-z]*$", "i"),
    ("^[^a-z]+$", "i"),
    ("^[^a-z]+$", "iu"),
    ("^[é]$", "i"),
    ("^[à-ÿ]+$", "i"),
    ("^[à-ÿ]+$", "iu"),
    ("^s$", "i"),
    ("^s$", "iu"),
    ("^k$", "i"),
    ("^k$", "iu"),
    ("^ß$", "i"),
    ("^ß$", "iu"),
    ("^σ$", "i"),
    ("^σ$", "iu"),
    ("^θ$", "i"),
    ("^θ$", "iu"),
    ("^ǅ$", "i"),
    ("^ω$", "i"),
    ("^ω$", "iu"),
    ("^\\w+$", ""),
    ("^\\w+$", "i"),
    ("^\\w+$", "iu"),
    ("^\\W+$", "iu"),
    ("^\\W+$", "i"),
    ("\\d", ""),
    ("^\\d+$", "u"),
    ("\\D", ""),
    ("\\s", ""),
    ("\\S", ""),
    ("^\\S+$", ""),
    ("[\\s\\S]", ""),
    ("[^\\s]", ""),
    ("[\\w-]+", ""),
    ("[\\d-z]", ""),
    ("^.$", ""),
    ("^.$", "s"),
    ("^.$", "u"),
    ("^..$", ""),
    ("a.b", ""),
    ("a.b", "s"),
    ("^b", "m"),
    ("a$", "m"),
    ("^$", "m"),
    ("\\bword\\b", ""),
    ("\\bword\\b", "i"),
    ("\\Bor", ""),
    ("\\bx", "iu"),
    ("\\B", "iu"),
    ("\\b", ""),
    ("(a+)+$", ""),
    ("^(a|aa)+$", ""),
    ("^(?:a|b)*c?$", ""),
    ("a{2}", ""),
    ("a{2,}", ""),
    ("^a{1,2}$", ""),
    ("^a{0}$", ""),
    ("a{", ""),
    ("a{1", ""),
    ("a{1,", ""),
    ("{", ""),
    ("]", ""),
    ("}", ""),
    ("a+?", ""),
    ("a*?b", ""),
    ("a??", ""),
    ("(?<name>a)b", ""),
    ("(?<name>a)\\k<name>", ""),
    ("\\k", ""),
    ("\\k<x>", ""),
    ("(a)\\1", ""),
    ("(a)\\1", "i"),
    ("(a)\\1", "iu"),
    ("(['\"]).*\\1", ""),
    ("\\1(a)", ""),
    ("(a\\1)", ""),
    ("(a)|\\1b", ""),
    ("\\1", ""),
    ("\\2(a)", ""),
    ("\\8", ""),
    ("\\12", ""),
    ("\\0", ""),
    ("\\01", ""),
    ("\\101", ""),
    ("\\400", ""),
    ("[\\1]", ""),
    ("[\\8]", ""),
    ("\\x41", ""),
    ("\\x4", ""),
    ("\\u0041", ""),
    ("\\u004", ""),
    ("\\u{1F600}", "u"),
    ("\\u{41}", ""),
    ("\\uD83D\\uDE00", "u"),
    ("[\\uD83D\\uDE00]", "u"),
    ("\\cA", ""),
    ("\\c1", ""),
    ("[\\c1]", ""),
    ("[\\c_]", ""),
    ("\\c", ""),
    ("[\\b]", ""),
    ("\\t\\n\\v\\f\\r", ""),
    ("\\/", ""),
    ("\\-", ""),
    ("\\a", ""),
    ("\\e", ""),
    ("\\p{L}", ""),
    ("^\\p{L}+$", "u"),
    ("^\\P{L}+$", "u"),
    ("^[\\p{Lu}\\d]+$", "u"),
    ("^\\p{Lu}$", "iu"),
    ("^\\p{Script=Greek}+$", "u"),
    ("^\\p{sc=Latin}+$", "u"),
    ("^\\p{ASCII}+$", "u"),
    ("[]", ""),
    ("[^]", ""),
    ("^[^]$", ""),
    ("[a-]", ""),
    ("[-a]", ""),
    ("[a\\-z]", ""),
    ("[\\]]", ""),
    ("[\\\\]", ""),
    ("x(?=y)", ""),
    ("x(?!y)", ""),
    ("(?<=a)b", ""),
    ("(?<!a)b", ""),
    ("(?<=a+)b", ""),
    ("^(?!x-).+$", ""),
    ("^(?=.*\\d)(?=.*[a-z]).{6,}$", ""),
    ("(?=a)*b", ""),
    ("(?=a){2}b", ""),
    ("^(?!(get|set)).*$", "i"),
    ("^(a)(?=\\1)", ""),
    ("^x-", "i"),
    ("^X-", "i"),
    ("^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", ""),
    ("^([A-Z][a-z0-9]*)+(-[A-Z][a-z0-9]*)*$", ""),
    ("^[a-z_][a-z_0-9]*$", ""),
    ("^(application|text)/(json|[^;]+\\+json)(;.*)?$", ""),
    ("^v[0-9]+$", ""),
    ("^[0-9]+\\.[0-9]+\\.[0-9]+$", ""),
    ("^/[a-z0-9-/{}]*$", ""),
    ("^(?:a|ab)(?:c|bcd)$", ""),
    ("a|b|", ""),
    ("(|a)+b", ""),
    ("(a*)*b", ""),
    ("(a*)+$", ""),
    ("^(a?){3}a{3}$", ""),
    ("[😀]", "u"),
    ("^[^😀]$", "u"),
    ("\\u{10FFFF}", "u"),
    ("[\\s-a]", ""),
    ("[a-\\s]", ""),
    ("a/b", ""),
    ("^\\$", ""),
    ("\\^", ""),
    ("[\\^]", ""),
    ("[$^]", ""),
    ("\\.", ""),
    ("[.]", ""),
    ("(?:)", ""),
    ("()", ""),
    ("(?<a>x)|(?<b>y)", ""),
    ("^\\w+$", "v"),
    ("^[a-z]+$", "v"),
    ("^[\\p{L}]+$", "v"),
];

fn regress_find(pattern: &str, flags: &str, text: &str) -> Option<(usize, usize)> {
    let re = regress::Regex::with_flags(pattern, flags).expect("valid pattern");
    re.find(text).map(|m| (m.start(), m.end()))
}

/// Where `regress` departs from ECMAScript (checked against the
/// specification in [`where_regress_departs_from_ecmascript`]): without
/// `u`, ignoring case never maps a non-ASCII character to an ASCII one
/// (`Canonicalize`), and `\u{41}` is `u` repeated 41 times.
fn regress_differs_from_ecmascript(pattern: &str, flags: &str, text: &str) -> bool {
    let legacy_icase = flags.contains('i') && !flags.contains('u') && !flags.contains('v');
    (legacy_icase && text.contains(['ſ', '\u{212a}']))
        || (pattern.contains("\\u{") && !flags.contains('u'))
}

#[test]
fn where_regress_departs_from_ecmascript() {
    for (pattern, flags, text, matches) in [
        ("^s$", "i", "ſ", false),
        ("^k$", "i", "\u{212a}", false),
        ("^[a-z]$", "i", "ſ", false),
        ("^\\w$", "i", "ſ", false),
        ("^\\W$", "i", "ſ", true),
        ("^s$", "iu", "ſ", true),
        ("^\\w$", "iu", "\u{212a}", true),
        ("^\\u{2}$", "", "uu", true),
        ("^\\u{41}$", "", "A", false),
        ("^\\u{41}$", "u", "A", true),
    ] {
        let p = JsPattern::new(pattern, flags).unwrap();
        assert_eq!(p.is_match(text), matches, "/{pattern}/{flags} on {text:?}");
    }
}

#[test]
fn translation_agrees_with_regress() {
    let mut failures = Vec::new();
    for &(pattern, flags) in PATTERNS {
        let ours = match JsPattern::new(pattern, flags) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("/{pattern}/{flags}: {e}"));
                continue;
            }
        };
        for text in INPUTS {
            if regress_differs_from_ecmascript(pattern, flags, text) {
                continue;
            }
            let want = regress_find(pattern, flags, text);
            let got = ours.find(text).map(|r| (r.start, r.end));
            if want != got {
                failures.push(format!(
                    "/{pattern}/{flags} on {text:?}: regress {want:?}, ours {got:?} (linear: {})",
                    ours.is_linear()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn patterns_without_lookaround_or_backreference_are_linear() {
    for &(pattern, flags) in PATTERNS {
        let Ok(p) = JsPattern::new(pattern, flags) else {
            continue;
        };
        let fancy = pattern.contains("(?=")
            || pattern.contains("(?!")
            || pattern.contains("(?<=")
            || pattern.contains("(?<!")
            || pattern.contains("\\k<")
            || flags.contains('m')
            || (flags.contains('i') && flags.contains('u') && pattern.contains("\\b"))
            || (flags.contains('i') && flags.contains('u') && pattern.contains("\\B"))
            || p.pattern
                .chars()
                .zip(p.pattern.chars().skip(1))
                .any(|(a, b)| a == '\\' && b.is_ascii_digit() && b != '0');
        if !fancy {
            assert!(p.is_linear(), "/{pattern}/{flags} should be linear");
        }
    }
}

#[test]
fn catastrophic_pattern_is_linear() {
    let p = JsPattern::new("(a+)+$", "").unwrap();
    assert!(p.is_linear());
    let text = format!("{}!", "a".repeat(10_000));
    assert!(!p.is_match(&text));
    assert!(take_cut_offs().is_empty());
}

#[test]
fn backtracking_pattern_is_cut_off_and_recorded() {
    // A backreference forces the backtracking engine; the nested
    // quantifier makes it exponential without a limit.
    let p = JsPattern::new("^(a)(?:\\1?a+)+$", "").unwrap();
    assert!(!p.is_linear());
    let text = format!("{}!", "a".repeat(64));
    assert!(!p.is_match(&text));
    assert_eq!(take_cut_offs(), vec!["^(a)(?:\\1?a+)+$".to_string()]);
    assert!(take_cut_offs().is_empty());
    // Once cut off, the pattern is not run again in this lint.
    assert!(!p.is_match("aaa"));
    assert_eq!(take_cut_offs().len(), 1);
    // A new lint runs it again: short input, no cut-off, the right answer.
    start_lint();
    assert!(p.is_match("aaa"));
    assert!(take_cut_offs().is_empty());
}

#[test]
fn refused_patterns_say_why() {
    for (pattern, flags, why) in [
        ("[[a-z]--[aeiou]]", "v", "set operations"),
        ("[\\q{abc}]", "v", "strings in a class"),
        ("(?:(a)|b\\1)+", "", "loop it is in"),
        ("\\uD83D", "", "lone surrogate"),
    ] {
        let e = JsPattern::new(pattern, flags).unwrap_err();
        assert!(e.contains(why), "/{pattern}/{flags}: {e}");
    }
}

#[test]
fn syntax_errors_are_regress_errors() {
    let e = JsPattern::new("(", "").unwrap_err();
    let want = regress::Regex::new("(").unwrap_err().to_string();
    assert_eq!(e, want);
}
