//! JavaScript (ECMAScript) regular expressions whose every evaluation is
//! bounded.
//!
//! Rulesets and JSONPath filters are written for JavaScript tools, so their
//! patterns are ECMAScript patterns. A backtracking engine runs some of them
//! in exponential time (`(a+)+$` on 28 characters took 49 s), and a ruleset
//! or a filter comes from whoever wrote it. So a pattern is translated into
//! the syntax of the Rust `regex` crate, which matches in time linear in the
//! input, whenever it has no backreference and no lookaround (nearly every
//! pattern). The rest run on `fancy-regex`, a backtracking engine with a
//! limit on backtracking steps: a step budget, not a clock, so the browser
//! build behaves the same. An evaluation that reaches the limit is *cut
//! off*: it counts as "no match" and is recorded in a per-thread log
//! ([`take_cut_offs`]), which the engine turns into an error naming the rule.
//!
//! `regress` (an ECMAScript engine) still checks the syntax, so what is a
//! valid pattern and the wording of syntax errors do not change; the
//! translation is tested against `regress` on a table of patterns and
//! inputs. Patterns the translation cannot express faithfully (set
//! operations of the `v` flag, a backreference into a group of the loop it
//! sits in, lone surrogates) are refused with an error that says why.
//!
//! What the translation preserves, since the two dialects differ:
//! - `\d`, `\w`, `\b` are ASCII in ECMAScript (with `iu`, `\w` also holds
//!   U+017F and U+212A), Unicode-aware in Rust: written out as ASCII sets.
//! - `\s` and `.` use ECMAScript's white space and line terminators
//!   (U+2028, U+2029, U+FEFF, ...): written out as explicit sets.
//! - `^`/`$` with the `m` flag treat `\r`, U+2028 and U+2029 as line ends.
//! - Ignoring case: with `u`/`v` both fold cases with Unicode simple case
//!   folding; without them ECMAScript compares upper-case forms and never
//!   maps a non-ASCII character to an ASCII one (so `/s/i` does not match
//!   `ſ`): the translation writes out each character's case variants.
//! - A backreference to a group that has not matched matches the empty
//!   string in ECMAScript and fails in `fancy-regex`: guarded.
//! - Legacy syntax (Annex B) without `u`: octal escapes, `\c` without a
//!   letter, `{` and `]` as literals, identity escapes.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

/// Backtracking steps one evaluation on the backtracking engine may take.
/// About 10-30 ms natively for typical patterns; see docs/decisions.md.
pub const BACKTRACK_LIMIT: usize = 200_000;

/// A compiled ECMAScript pattern.
pub struct JsPattern {
    /// The pattern as written (without slashes and flags).
    pattern: String,
    /// Tells patterns apart in the per-thread set of exhausted ones.
    id: u64,
    matcher: Matcher,
}

enum Matcher {
    Linear(regex::Regex),
    Backtracking(fancy_regex::Regex),
}

impl std::fmt::Debug for JsPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsPattern")
            .field("pattern", &self.pattern)
            .field("linear", &self.is_linear())
            .finish()
    }
}

thread_local! {
    static CUT_OFFS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Patterns cut off since [`start_lint`]: later evaluations are cut
    /// off at once, so one lint spends at most one step budget on each
    /// (3 600 descriptions of the Box spec each cut off took 92 s).
    static EXHAUSTED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// The patterns (as written) whose evaluation on this thread was cut off
/// since the last call, oldest first.
pub fn take_cut_offs() -> Vec<String> {
    CUT_OFFS.with(|c| std::mem::take(&mut *c.borrow_mut()))
}

/// Forgets this thread's cut-offs and exhausted patterns: a lint starts.
pub fn start_lint() {
    take_cut_offs();
    EXHAUSTED.with(|e| e.borrow_mut().clear());
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn record_cut_off(pattern: &str) {
    CUT_OFFS.with(|c| {
        let mut log = c.borrow_mut();
        // One evaluation of a rule can try a pattern many times; say it once.
        if log.last().is_none_or(|p| p != pattern) {
            log.push(pattern.to_string());
        }
    });
}

impl JsPattern {
    /// Compiles `pattern` with JavaScript `flags` (`dgimsuvy`; `g`, `d` and
    /// `y` change nothing here). The error is `regress`'s syntax error, or
    /// why the pattern cannot be run with a bound.
    pub fn new(pattern: &str, flags: &str) -> Result<JsPattern, String> {
        regress::Regex::with_flags(pattern, flags).map_err(|e| e.to_string())?;
        let flags = Flags::parse(flags);
        let matcher = match translate(pattern, flags, Target::Linear) {
            Ok(source) => match regex::RegexBuilder::new(&source).build() {
                Ok(re) => Matcher::Linear(re),
                Err(e) => return Err(format!("too large to run: {}", first_line(&e.to_string()))),
            },
            Err(Refusal::NeedsBacktracking) => {
                let source =
                    translate(pattern, flags, Target::Backtracking).map_err(|r| r.to_string())?;
                let re = fancy_regex::RegexBuilder::new(&source)
                    .backtrack_limit(BACKTRACK_LIMIT)
                    .build()
                    .map_err(|e| format!("cannot be run with a bound: {e}"))?;
                Matcher::Backtracking(re)
            }
            Err(r) => return Err(r.to_string()),
        };
        Ok(JsPattern {
            pattern: pattern.to_string(),
            id: next_id(),
            matcher,
        })
    }

    /// Whether the pattern runs in time linear in the input.
    pub fn is_linear(&self) -> bool {
        matches!(self.matcher, Matcher::Linear(_))
    }

    /// The first match starting at or after byte `start` (a char boundary),
    /// `Err(())` when the evaluation was cut off (already recorded).
    #[allow(clippy::result_unit_err)]
    pub fn find_at(&self, text: &str, start: usize) -> Result<Option<Range<usize>>, ()> {
        match &self.matcher {
            Matcher::Linear(re) => Ok(re.find_at(text, start).map(|m| m.range())),
            Matcher::Backtracking(re) => {
                if EXHAUSTED.with(|e| e.borrow().contains(&self.id)) {
                    record_cut_off(&self.pattern);
                    return Err(());
                }
                match re.find_from_pos(text, start) {
                    Ok(m) => Ok(m.map(|m| m.range())),
                    Err(_) => {
                        EXHAUSTED.with(|e| e.borrow_mut().push(self.id));
                        record_cut_off(&self.pattern);
                        Err(())
                    }
                }
            }
        }
    }

    /// Whether the pattern matches somewhere in `text`; a cut-off
    /// evaluation counts as no match and is recorded.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Linear(re) => re.is_match(text),
            Matcher::Backtracking(_) => matches!(self.find_at(text, 0), Ok(Some(_))),
        }
    }

    /// The first match, `None` also when the evaluation was cut off.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.find_at(text, 0).ok().flatten()
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

#[derive(Clone, Copy, Default)]
struct Flags {
    icase: bool,
    multiline: bool,
    dot_all: bool,
    /// `u` or `v`.
    unicode: bool,
    sets: bool,
}

impl Flags {
    fn parse(flags: &str) -> Flags {
        Flags {
            icase: flags.contains('i'),
            multiline: flags.contains('m'),
            dot_all: flags.contains('s'),
            unicode: flags.contains('u') || flags.contains('v'),
            sets: flags.contains('v'),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The `regex` crate: no lookaround, no backreference.
    Linear,
    /// `fancy-regex`.
    Backtracking,
}

#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    /// The pattern needs the backtracking engine (not an error).
    NeedsBacktracking,
    /// The pattern cannot be translated faithfully.
    Unsupported(&'static str),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NeedsBacktracking => f.write_str("needs backtracking"),
            Refusal::Unsupported(why) => write!(f, "cannot be run with a bound: {why}"),
        }
    }
}

type Ranges = Vec<(u32, u32)>;

const LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)];
const WHITE_SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
const DIGITS: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// `\w` with the `i` and `u` flags: ſ and K fold to ASCII word characters.
const WORD_UNICODE_ICASE: &[(u32, u32)] = &[
    (0x30, 0x39),
    (0x41, 0x5A),
    (0x5F, 0x5F),
    (0x61, 0x7A),
    (0x17F, 0x17F),
    (0x212A, 0x212A),
];

/// Sorted, merged, without surrogates.
fn normalize(mut r: Ranges) -> Ranges {
    r.sort_unstable();
    let mut out: Ranges = Vec::with_capacity(r.len());
    for (a, b) in r {
        match out.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    // Strings hold no surrogates: drop them from the set.
    let mut clipped = Vec::with_capacity(out.len());
    for (a, b) in out {
        if b < 0xD800 || a > 0xDFFF {
            clipped.push((a, b));
            continue;
        }
        if a < 0xD800 {
            clipped.push((a, 0xD7FF));
        }
        if b > 0xDFFF {
            clipped.push((0xE000, b));
        }
    }
    clipped
}

fn complement(r: &[(u32, u32)]) -> Ranges {
    let r = normalize(r.to_vec());
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(a, b) in &r {
        if a > next {
            out.push((next, a - 1));
        }
        next = b + 1;
    }
    if next <= 0x10FFFF {
        out.push((next, 0x10FFFF));
    }
    normalize(out)
}

/// ECMAScript's `Canonicalize` without `u`: the single-character upper-case
/// form, except that a non-ASCII character never maps to an ASCII one.
fn canonicalize_legacy(c: u32) -> u32 {
    let Some(ch) = char::from_u32(c) else {
        return c;
    };
    let mut up = ch.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) if !(c >= 128 && (u as u32) < 128) => u as u32,
        _ => c,
    }
}

/// The characters that share a legacy canonical form with another one,
/// grouped (sorted by canonical form), built on first use.
fn legacy_case_groups() -> &'static [Vec<u32>] {
    static GROUPS: OnceLock<Vec<Vec<u32>>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for c in (0..0xD800u32).chain(0xE000..=0x10FFFF) {
            let k = canonicalize_legacy(c);
            if k != c {
                pairs.push((k, c));
            }
        }
        pairs.sort_unstable();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut last = None;
        for (k, c) in pairs {
            if last != Some(k) {
                groups.push(vec![k]);
                last = Some(k);
            }
            groups.last_mut().expect("pushed").push(c);
        }
        groups
    })
}

fn contains(set: &[(u32, u32)], c: u32) -> bool {
    set.binary_search_by(|&(a, b)| {
        if b < c {
            std::cmp::Ordering::Less
        } else if a > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// Closes `set` under legacy (non-`u`) case-insensitive equivalence.
fn legacy_case_closure(set: Ranges) -> Ranges {
    let set = normalize(set);
    let mut out = set.clone();
    for &(a, b) in &set {
        // ASCII letters pair with each other only.
        for (lo, hi, delta) in [(0x41u32, 0x5Au32, 32i64), (0x61, 0x7A, -32)] {
            let (x, y) = (a.max(lo), b.min(hi));
            if x <= y {
                out.push(((x as i64 + delta) as u32, (y as i64 + delta) as u32));
            }
        }
    }
    if set.iter().any(|&(_, b)| b >= 128) {
        for group in legacy_case_groups() {
            if group.iter().any(|&c| c >= 128) && group.iter().any(|&c| contains(&set, c)) {
                out.extend(group.iter().map(|&c| (c, c)));
            }
        }
    }
    normalize(out)
}

/// Counts capturing groups and collects group names, in order.
fn scan_groups(p: &[char]) -> (u32, Vec<String>) {
    let (mut count, mut names) = (0, Vec::new());
    let (mut i, mut in_class) = (0, false);
    while i < p.len() {
        match p[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if p.get(i + 1) != Some(&'?') {
                    count += 1;
                } else if p.get(i + 2) == Some(&'<') && !matches!(p.get(i + 3), Some('=' | '!')) {
                    count += 1;
                    let end = p[i + 3..]
                        .iter()
                        .position(|&c| c == '>')
                        .map_or(p.len(), |e| i + 3 + e);
                    names.push(p[i + 3..end].iter().collect());
                }
            }
            _ => {}
        }
        i += 1;
    }
    (count, names)
}

/// Translates an ECMAScript pattern (already checked by `regress`) into the
/// syntax of `target`.
fn translate(pattern: &str, flags: Flags, target: Target) -> Result<String, Refusal> {
    let chars: Vec<char> = pattern.chars().collect();
    let (group_count, names) = scan_groups(&chars);
    let mut t = Translator {
        p: chars,
        i: 0,
        flags,
        target,
        group_count,
        names,
        next_group: 0,
        open_groups: Vec::new(),
        loops: Vec::new(),
        out: String::with_capacity(pattern.len() * 2),
    };
    if flags.icase && flags.unicode {
        t.out.push_str("(?i)");
    }
    t.disjunction()?;
    if t.i != t.p.len() {
        return Err(Refusal::Unsupported("unbalanced parenthesis"));
    }
    Ok(t.out)
}

struct Translator {
    p: Vec<char>,
    i: usize,
    flags: Flags,
    target: Target,
    group_count: u32,
    names: Vec<String>,
    next_group: u32,
    /// Capturing groups open at the current position.
    open_groups: Vec<u32>,
    /// For each quantified group open at the current position, the number
    /// of the first capturing group inside it.
    loops: Vec<u32>,
    out: String,
}

/// A parsed class atom: one character or a set (`\d`, `\p{L}`, ...).
enum ClassAtom {
    Char(u32),
    Set(Ranges),
    Property(String),
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.p.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.p.get(self.i + k).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.peek_at(k) == Some(c))
    }

    fn backtracking(&self) -> Result<(), Refusal> {
        match self.target {
            Target::Linear => Err(Refusal::NeedsBacktracking),
            Target::Backtracking => Ok(()),
        }
    }

    fn disjunction(&mut self) -> Result<(), Refusal> {
        self.alternative()?;
        while self.eat('|') {
            self.out.push('|');
            self.alternative()?;
        }
        Ok(())
    }

    fn alternative(&mut self) -> Result<(), Refusal> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.term()?;
        }
        Ok(())
    }

    fn term(&mut self) -> Result<(), Refusal> {
        let c = self.peek().expect("term at a character");
        match c {
            '^' => {
                self.i += 1;
                if self.flags.multiline {
                    self.backtracking()?;
                    self.out.push_str(r"(?:^|(?<=[\n\r\x{2028}\x{2029}]))");
                } else {
                    self.out.push('^');
                }
                return Ok(());
            }
            '$' => {
                self.i += 1;
                if self.flags.multiline {
                    self.backtracking()?;
                    self.out.push_str(r"(?:$|(?=[\n\r\x{2028}\x{2029}]))");
                } else {
                    self.out.push('$');
                }
                return Ok(());
            }
            '\\' if matches!(self.peek_at(1), Some('b' | 'B')) => {
                let invert = self.peek_at(1) == Some('B');
                self.i += 2;
                return self.word_boundary(invert);
            }
            '(' if self.starts_with("(?=")
                || self.starts_with("(?!")
                || self.starts_with("(?<=")
                || self.starts_with("(?<!") =>
            {
                self.backtracking()?;
                let behind = self.peek_at(2) == Some('<');
                let head: String = self.p[self.i..self.i + if behind { 4 } else { 3 }]
                    .iter()
                    .collect();
                self.i += head.len();
                let start = self.out.len();
                self.out.push_str(&head);
                self.disjunction()?;
                if !self.eat(')') {
                    return Err(Refusal::Unsupported("unclosed group"));
                }
                self.out.push(')');
                if behind && self.out[start..].contains("(?(") {
                    return Err(Refusal::Unsupported("a backreference inside a lookbehind"));
                }
                // Annex B: a lookahead may carry a quantifier. Its body
                // matches empty, so the loop stops after the required
                // iterations: none (drop the assertion) or one (keep it).
                if let Some(len) = self.quantifier_at(self.i) {
                    let optional = matches!(self.p[self.i], '*' | '?')
                        || self.p[self.i + 1..].starts_with(&['0', '}'])
                        || self.p[self.i + 1..].starts_with(&['0', ',']);
                    if optional {
                        self.out.truncate(start);
                    }
                    self.i += len;
                }
                return Ok(());
            }
            _ => {}
        }
        let first_group = self.next_group + 1;
        let is_group = c == '(';
        if is_group && self.quantifier_after_group() {
            self.loops.push(first_group);
            self.atom()?;
            self.loops.pop();
        } else {
            self.atom()?;
        }
        if self.quantifier_ahead() {
            self.quantifier()?;
        }
        Ok(())
    }

    /// Whether the group starting here is followed by a quantifier.
    fn quantifier_after_group(&self) -> bool {
        let mut depth = 0;
        let mut k = self.i;
        let mut in_class = false;
        while k < self.p.len() {
            match self.p[k] {
                '\\' => k += 1,
                '[' if !in_class => in_class = true,
                ']' if in_class => in_class = false,
                '(' if !in_class => depth += 1,
                ')' if !in_class => {
                    depth -= 1;
                    if depth == 0 {
                        return self.quantifier_at(k + 1).is_some();
                    }
                }
                _ => {}
            }
            k += 1;
        }
        false
    }

    fn quantifier_ahead(&self) -> bool {
        self.quantifier_at(self.i).is_some()
    }

    /// The length of the quantifier at `k` (with its lazy `?`), if any.
    fn quantifier_at(&self, k: usize) -> Option<usize> {
        let len = match self.p.get(k)? {
            '*' | '+' | '?' => 1,
            '{' => {
                let mut j = k + 1;
                let digits = |j: &mut usize| {
                    let s = *j;
                    while self.p.get(*j).is_some_and(|c| c.is_ascii_digit()) {
                        *j += 1;
                    }
                    *j > s
                };
                if !digits(&mut j) {
                    return None;
                }
                if self.p.get(j) == Some(&',') {
                    j += 1;
                    digits(&mut j);
                }
                if self.p.get(j) != Some(&'}') {
                    return None;
                }
                j + 1 - k
            }
            _ => return None,
        };
        Some(if self.p.get(k + len) == Some(&'?') {
            len + 1
        } else {
            len
        })
    }

    fn quantifier(&mut self) -> Result<(), Refusal> {
        let len = self.quantifier_at(self.i).expect("a quantifier");
        let q: String = self.p[self.i..self.i + len].iter().collect();
        self.i += len;
        if q.starts_with('{') {
            // Counts beyond u32 (ECMAScript allows them) mean "unbounded".
            let body = &q[1..q.find('}').expect("closing brace")];
            let mut parts = body.splitn(2, ',');
            let min = parts.next().unwrap_or("");
            let max = parts.next();
            let small = |s: &str| s.parse::<u32>().ok().filter(|n| *n <= 100_000);
            let min_n =
                small(min).ok_or(Refusal::Unsupported("a repetition count above 100000"))?;
            self.out.push('{');
            let _ = write!(self.out, "{min_n}");
            match max {
                None => {}
                Some("") => self.out.push(','),
                Some(m) => match small(m) {
                    Some(n) => {
                        let _ = write!(self.out, ",{n}");
                    }
                    None => self.out.push(','),
                },
            }
            self.out.push('}');
            if q.ends_with('?') {
                self.out.push('?');
            }
        } else {
            self.out.push_str(&q);
        }
        Ok(())
    }

    fn word_boundary(&mut self, invert: bool) -> Result<(), Refusal> {
        let unicode_icase = self.flags.icase && self.flags.unicode;
        if self.target == Target::Linear && !unicode_icase {
            self.out
                .push_str(if invert { r"(?-u:\B)" } else { r"(?-u:\b)" });
            return Ok(());
        }
        self.backtracking()?;
        let word = class_source(
            if unicode_icase {
                WORD_UNICODE_ICASE
            } else {
                WORD
            },
            &[],
            false,
        );
        if invert {
            let _ = write!(self.out, "(?:(?<={word})(?={word})|(?<!{word})(?!{word}))");
        } else {
            let _ = write!(self.out, "(?:(?<={word})(?!{word})|(?<!{word})(?={word}))");
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), Refusal> {
        let c = self.peek().expect("atom at a character");
        self.i += 1;
        match c {
            '.' => {
                let set = if self.flags.dot_all {
                    vec![(0, 0x10FFFF)]
                } else {
                    complement(LINE_TERMINATORS)
                };
                self.out.push_str(&class_source(&set, &[], false));
            }
            '(' => self.group()?,
            '[' => self.class()?,
            '\\' => self.atom_escape()?,
            c => self.literal(c as u32)?,
        }
        Ok(())
    }

    fn group(&mut self) -> Result<(), Refusal> {
        let capturing = if self.eat('?') {
            if self.eat(':') {
                false
            } else if self.eat('<') {
                while self.peek().is_some_and(|c| c != '>') {
                    self.i += 1;
                }
                self.i += 1;
                true
            } else {
                return Err(Refusal::Unsupported("inline modifier groups"));
            }
        } else {
            true
        };
        if capturing {
            self.next_group += 1;
            self.open_groups.push(self.next_group);
            self.out.push('(');
        } else {
            self.out.push_str("(?:");
        }
        self.disjunction()?;
        if !self.eat(')') {
            return Err(Refusal::Unsupported("unclosed group"));
        }
        if capturing {
            self.open_groups.pop();
        }
        self.out.push(')');
        Ok(())
    }

    fn literal(&mut self, c: u32) -> Result<(), Refusal> {
        if (0xD800..=0xDFFF).contains(&c) {
            return Err(Refusal::Unsupported("a lone surrogate"));
        }
        if self.flags.icase && !self.flags.unicode {
            let set = legacy_case_closure(vec![(c, c)]);
            if set.len() > 1 || set[0].0 != set[0].1 {
                self.out.push_str(&class_source(&set, &[], false));
                return Ok(());
            }
        }
        push_char(&mut self.out, c);
        Ok(())
    }

    fn backreference(&mut self, group: u32) -> Result<(), Refusal> {
        self.backtracking()?;
        if self.open_groups.contains(&group) {
            // Inside its own group the group has not matched yet: ECMAScript
            // matches the empty string.
            self.out.push_str("(?:)");
            return Ok(());
        }
        if self.loops.iter().any(|&first| group >= first) {
            // ECMAScript clears a loop's captures on every iteration.
            return Err(Refusal::Unsupported(
                "a backreference to a group of the loop it is in",
            ));
        }
        // A group that has not matched matches the empty string. Literals
        // without `u` carry their case variants; a backreference needs the
        // engine's case-insensitive comparison.
        let flag = if self.flags.icase && !self.flags.unicode {
            "(?i)"
        } else {
            ""
        };
        let _ = write!(self.out, "(?:{flag}(?({group})\\{group}|))");
        Ok(())
    }

    fn atom_escape(&mut self) -> Result<(), Refusal> {
        let Some(c) = self.peek() else {
            return Err(Refusal::Unsupported("a trailing backslash"));
        };
        // Backreferences.
        if c.is_ascii_digit() && c != '0' {
            let start = self.i;
            let mut n: u64 = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                n = (n * 10 + d as u64).min(u64::from(u32::MAX));
                self.i += 1;
            }
            if n <= u64::from(self.group_count) {
                return self.backreference(n as u32);
            }
            self.i = start;
            if self.flags.unicode {
                return Err(Refusal::Unsupported("a backreference to a missing group"));
            }
            let v = self.legacy_octal_or_identity();
            return self.literal(v);
        }
        if c == 'k' && (self.flags.unicode || !self.names.is_empty()) {
            self.i += 1;
            if !self.eat('<') {
                return Err(Refusal::Unsupported("`\\k` without a name"));
            }
            let start = self.i;
            while self.peek().is_some_and(|c| c != '>') {
                self.i += 1;
            }
            let name: String = self.p[start..self.i].iter().collect();
            self.i += 1;
            let positions: Vec<usize> = self
                .names
                .iter()
                .enumerate()
                .filter(|(_, n)| **n == name)
                .map(|(k, _)| k)
                .collect();
            if positions.len() != 1 {
                return Err(Refusal::Unsupported("a duplicate or missing group name"));
            }
            let group = self.group_number_of_name(positions[0]);
            return self.backreference(group);
        }
        match self.class_escape(false)? {
            ClassAtom::Char(v) => self.literal(v),
            ClassAtom::Set(set) => {
                let set = if self.flags.icase && !self.flags.unicode {
                    legacy_case_closure(set)
                } else {
                    set
                };
                self.out.push_str(&class_source(&set, &[], false));
                Ok(())
            }
            ClassAtom::Property(p) => {
                self.out.push_str(&p);
                Ok(())
            }
        }
    }

    /// The number of the `k`-th named group.
    fn group_number_of_name(&self, k: usize) -> u32 {
        let (mut count, mut seen) = (0, 0);
        let (mut i, mut in_class) = (0, false);
        while i < self.p.len() {
            match self.p[i] {
                '\\' => i += 1,
                '[' => in_class = true,
                ']' => in_class = false,
                '(' if !in_class => {
                    if self.p.get(i + 1) != Some(&'?') {
                        count += 1;
                    } else if self.p.get(i + 2) == Some(&'<')
                        && !matches!(self.p.get(i + 3), Some('=' | '!'))
                    {
                        count += 1;
                        if seen == k {
                            return count;
                        }
                        seen += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        count
    }

    /// Annex B: `\` followed by digits that are not a backreference.
    fn legacy_octal_or_identity(&mut self) -> u32 {
        let first = self.peek().expect("a digit");
        if first == '8' || first == '9' {
            self.i += 1;
            return first as u32;
        }
        let max_len = if first <= '3' { 3 } else { 2 };
        let mut v = 0;
        let mut len = 0;
        while len < max_len {
            match self.peek().and_then(|c| c.to_digit(8)) {
                Some(d) => {
                    v = v * 8 + d;
                    self.i += 1;
                    len += 1;
                }
                None => break,
            }
        }
        v
    }

    /// An escape after `\` (the backslash consumed) that stands for a
    /// character or a set; `in_class` selects the class-only forms.
    fn class_escape(&mut self, in_class: bool) -> Result<ClassAtom, Refusal> {
        let c = self.peek().expect("checked by the caller");
        self.i += 1;
        let u = self.flags.unicode;
        Ok(match c {
            'd' => ClassAtom::Set(DIGITS.to_vec()),
            'D' => ClassAtom::Set(complement(DIGITS)),
            's' => ClassAtom::Set(WHITE_SPACE.to_vec()),
            'S' => ClassAtom::Set(complement(WHITE_SPACE)),
            'w' | 'W' => {
                let word = if self.flags.icase && u {
                    WORD_UNICODE_ICASE
                } else {
                    WORD
                };
                ClassAtom::Set(if c == 'w' {
                    word.to_vec()
                } else {
                    complement(word)
                })
            }
            'p' | 'P' if u => {
                if !self.eat('{') {
                    return Err(Refusal::Unsupported("`\\p` without a property"));
                }
                let start = self.i;
                while self.peek().is_some_and(|c| c != '}') {
                    self.i += 1;
                }
                let name: String = self.p[start..self.i].iter().collect();
                self.i += 1;
                if !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=')
                {
                    return Err(Refusal::Unsupported("an unusual property name"));
                }
                ClassAtom::Property(format!("\\{c}{{{name}}}"))
            }
            'b' if in_class => ClassAtom::Char(0x08),
            '-' if in_class => ClassAtom::Char('-' as u32),
            'f' => ClassAtom::Char(0x0C),
            'n' => ClassAtom::Char(0x0A),
            'r' => ClassAtom::Char(0x0D),
            't' => ClassAtom::Char(0x09),
            'v' => ClassAtom::Char(0x0B),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.i += 1;
                    ClassAtom::Char(l as u32 % 32)
                }
                Some(l) if in_class && !u && (l.is_ascii_digit() || l == '_') => {
                    self.i += 1;
                    ClassAtom::Char(l as u32 % 32)
                }
                // Annex B: a backslash, and `c` read next.
                _ => {
                    self.i -= 1;
                    ClassAtom::Char('\\' as u32)
                }
            },
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => ClassAtom::Char(0),
            '0'..='9' => {
                if u {
                    return Err(Refusal::Unsupported("a decimal escape"));
                }
                self.i -= 1;
                ClassAtom::Char(self.legacy_octal_or_identity())
            }
            'x' => match self.hex(2) {
                Some(v) => ClassAtom::Char(v),
                None => ClassAtom::Char('x' as u32),
            },
            'u' => {
                if u && self.eat('{') {
                    let start = self.i;
                    while self.peek().is_some_and(|c| c != '}') {
                        self.i += 1;
                    }
                    let hex: String = self.p[start..self.i].iter().collect();
                    self.i += 1;
                    let v = u32::from_str_radix(&hex, 16)
                        .map_err(|_| Refusal::Unsupported("a bad code point"))?;
                    ClassAtom::Char(v)
                } else {
                    match self.hex(4) {
                        Some(lead) if u && (0xD800..=0xDBFF).contains(&lead) => {
                            if self.starts_with("\\u") {
                                let save = self.i;
                                self.i += 2;
                                match self.hex(4) {
                                    Some(trail) if (0xDC00..=0xDFFF).contains(&trail) => {
                                        ClassAtom::Char(
                                            0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00),
                                        )
                                    }
                                    _ => {
                                        self.i = save;
                                        ClassAtom::Char(lead)
                                    }
                                }
                            } else {
                                ClassAtom::Char(lead)
                            }
                        }
                        Some(v) => ClassAtom::Char(v),
                        None => ClassAtom::Char('u' as u32),
                    }
                }
            }
            other => ClassAtom::Char(other as u32),
        })
    }

    fn hex(&mut self, n: usize) -> Option<u32> {
        let digits: String = self.p.get(self.i..self.i + n)?.iter().collect();
        if digits.len() != n || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.i += n;
        u32::from_str_radix(&digits, 16).ok()
    }

    fn class_atom(&mut self) -> Result<ClassAtom, Refusal> {
        let c = self
            .peek()
            .ok_or(Refusal::Unsupported("an unclosed class"))?;
        self.i += 1;
        if c == '\\' {
            if self.peek().is_none() {
                return Err(Refusal::Unsupported("a trailing backslash"));
            }
            if self.flags.sets && self.peek() == Some('q') {
                return Err(Refusal::Unsupported("`\\q{}` strings in a class"));
            }
            return self.class_escape(true);
        }
        if self.flags.sets && (c == '[' || ((c == '-' || c == '&') && self.peek() == Some(c))) {
            return Err(Refusal::Unsupported("set operations of the `v` flag"));
        }
        Ok(ClassAtom::Char(c as u32))
    }

    fn class(&mut self) -> Result<(), Refusal> {
        let negated = self.eat('^');
        let mut set: Ranges = Vec::new();
        let mut props: Vec<String> = Vec::new();
        loop {
            match self.peek() {
                None => return Err(Refusal::Unsupported("an unclosed class")),
                Some(']') => {
                    self.i += 1;
                    break;
                }
                Some(_) => {}
            }
            let a = self.class_atom()?;
            let is_range = self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']');
            if is_range {
                if let ClassAtom::Char(lo) = a {
                    self.i += 1;
                    match self.class_atom()? {
                        ClassAtom::Char(hi) => {
                            set.push((lo, hi));
                            continue;
                        }
                        // Annex B: `[a-\d]` is `a`, `-` and `\d`.
                        other => {
                            set.push((lo, lo));
                            set.push(('-' as u32, '-' as u32));
                            add(&mut set, &mut props, other);
                            continue;
                        }
                    }
                }
            }
            add(&mut set, &mut props, a);
        }
        if self.flags.icase && !self.flags.unicode {
            set = legacy_case_closure(set);
        }
        self.out.push_str(&class_source(&set, &props, negated));
        Ok(())
    }
}

fn add(set: &mut Ranges, props: &mut Vec<String>, a: ClassAtom) {
    match a {
        ClassAtom::Char(c) => set.push((c, c)),
        ClassAtom::Set(s) => set.extend(s),
        ClassAtom::Property(p) => props.push(p),
    }
}

fn push_char(out: &mut String, c: u32) {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() => out.push(ch),
        _ => {
            let _ = write!(out, "\\x{{{c:X}}}");
        }
    }
}

/// A bracketed class in the syntax both engines share. An empty set
/// matches nothing.
fn class_source(set: &[(u32, u32)], props: &[String], negated: bool) -> String {
    let set = normalize(set.to_vec());
    if set.is_empty() && props.is_empty() {
        return if negated {
            r"[\x{0}-\x{10FFFF}]".to_string()
        } else {
            r"[^\x{0}-\x{10FFFF}]".to_string()
        };
    }
    let mut s = String::from(if negated { "[^" } else { "[" });
    for &(a, b) in &set {
        push_char(&mut s, a);
        if b > a {
            s.push('-');
            push_char(&mut s, b);
        }
    }
    for p in props {
        s.push_str(p);
    }
    s.push(']');
    s
}

#[cfg(test)]
mod tests;
