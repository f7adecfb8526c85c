//! Remembers the results of a function module's pure helper functions.
//!
//! QuickJS interprets: a hot loop runs 20–100× slower than under Node's
//! JIT. Spectral functions are called once per target, and some recompute
//! the same thing on every call — azure's `readonly-in-response-schema`
//! hashes `JSON.stringify(document)` character by character each time, to
//! notice a changed document (228 calls × 194 KB on one spec). When such a
//! helper is *pure* — its result depends on nothing but its arguments —
//! and is called again with the same primitive arguments, the remembered
//! result is the result, so it need not run again.
//!
//! Purity is decided from the module's source, conservatively: a
//! top-level `function NAME(a, b) { … }` qualifies only when its body is
//! built from nothing but its parameters and block-scoped locals, literals,
//! operators, assignments to those locals, `if`/`for`/`while`/`do`
//! statements, reads of `length`, calls of side-effect-free string and
//! array methods on its own values, `Math`'s functions except `random`, and
//! calls of other qualifying functions. Anything else — `this`,
//! `arguments`, closures, `new`, object literals, regular expressions,
//! template literals, member assignment, any other identifier — and the
//! function runs as written. The name must be used only to call it.
//!
//! A qualifying function that cannot call itself (each memoized level
//! would add stack frames and halve the depth a recursion reaches) gets
//! `NAME = __oaslintMemo(NAME, arity);` appended to the module, after a
//! declaration that cannot become the body of a dangling `if (…)` (function
//! declarations are mutable bindings, hoisted, so every call in the module
//! goes through the memo). The memo (in the
//! bootstrap) remembers a result only for primitive arguments and a
//! primitive result; a throw is never remembered.
//!
//! What could still change a pure function's result is code that replaces
//! or shadows the built-ins it uses (`String.prototype.charCodeAt = …`,
//! `Object.assign(Math, …)`, `var undefined = 0`). A module that mentions
//! any means to do so ([`touches_builtins`]) is not rewritten and switches
//! the memo (and the cache of the documents' text) off for its whole
//! engine instance. Where the reader cannot tell a regular expression from
//! a division (`/` after `}` or `of`), it reads nothing. These cases come
//! from a review that tried to break the memo; each is in the tests.

/// What a module's rewrite needs to know of one qualifying function.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PureFunction {
    pub name: String,
    pub arity: usize,
}

/// The module's source with a memo installed on each pure top-level
/// function, or `None` when it has none (or cannot be read this simply).
pub(crate) fn with_memo(source: &str) -> Option<String> {
    let functions = pure_functions(source);
    if functions.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(source.len() + 64 * functions.len());
    text.push_str(source);
    // On its own line: the source may end in a `//` comment.
    text.push('\n');
    // A declaration: it cannot become the body of a dangling `if (…)`,
    // `else`, `while (…)` or label that the source ends with.
    text.push_str("const __oaslintMemoInstalled = 0;\n");
    for f in &functions {
        text.push_str(&format!(
            ";{name} = __oaslintMemo({name}, {arity});\n",
            name = f.name,
            arity = f.arity
        ));
    }
    Some(text)
}

/// The module's pure top-level functions (see the module documentation).
pub(crate) fn pure_functions(source: &str) -> Vec<PureFunction> {
    let Some(tokens) = tokenize(source) else {
        return Vec::new();
    };
    let mut candidates = top_level_functions(&tokens);
    // A name declared twice, or used other than by calling it, keeps its
    // function as written.
    let declared: Vec<&str> = candidates.iter().map(|c| c.name).collect();
    candidates.retain(|c| {
        declared.iter().filter(|d| **d == c.name).count() == 1
            && tokens
                .windows(2)
                .filter(|w| w[0].is_word("function") && w[1].is_word(c.name))
                .count()
                == 1
            && only_called(&tokens, c.name, c.declared_at)
    });
    let names: Vec<&str> = candidates.iter().map(|c| c.name).collect();
    let mut calls: Vec<Option<Vec<&str>>> = candidates
        .iter()
        .map(|c| body_calls(&tokens[c.body.clone()], &c.params, &names))
        .collect();
    // A function that calls one that does not qualify does not qualify.
    loop {
        let qualifying: Vec<&str> = candidates
            .iter()
            .zip(&calls)
            .filter(|(_, called)| called.is_some())
            .map(|(c, _)| c.name)
            .collect();
        let mut changed = false;
        for called in calls.iter_mut() {
            if called
                .as_ref()
                .is_some_and(|names| names.iter().any(|n| !qualifying.contains(n)))
            {
                *called = None;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    candidates
        .iter()
        .zip(&calls)
        .filter(|(c, called)| called.is_some() && c.params.len() <= MAX_ARITY)
        .filter(|(c, _)| !reaches(&names, &calls, c.name))
        .map(|(c, _)| PureFunction {
            name: c.name.to_string(),
            arity: c.params.len(),
        })
        .collect()
}

/// Whether `name` calls itself, directly or through other candidates.
fn reaches(names: &[&str], calls: &[Option<Vec<&str>>], name: &str) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let start = names.iter().position(|n| *n == name);
    let mut stack: Vec<&str> = start.and_then(|k| calls[k].clone()).unwrap_or_default();
    while let Some(n) = stack.pop() {
        if n == name {
            return true;
        }
        if seen.contains(&n) {
            continue;
        }
        seen.push(n);
        if let Some(k) = names.iter().position(|m| *m == n) {
            stack.extend(calls[k].iter().flatten().copied());
        }
    }
    false
}

/// The memo keys on at most this many arguments.
const MAX_ARITY: usize = 2;

/// Whether a module mentions a means of replacing or reaching around the
/// built-ins a pure function uses: prototypes, property definition,
/// `eval`, the global object, or an assignment to a global the functions
/// read. Read from tokens (so a name inside a string counts too, as in
/// `x["prototype"]`); an unreadable module counts as touching them.
pub(crate) fn touches_builtins(source: &str) -> bool {
    let Some(tokens) = tokenize(source) else {
        return true;
    };
    tokens.iter().enumerate().any(|(i, t)| {
        let word = match t.kind {
            Kind::Ident => t.text,
            Kind::String | Kind::Template => t.text.trim_matches(['"', '\'', '`']),
            _ => return false,
        };
        if REACH_BUILTINS.contains(&word) {
            return true;
        }
        // A pure global used other than as `Math.floor(…)` / `parseInt(…)`:
        // declared (`class Math`, `const { Math } = …`,
        // `function parseInt(s, r = 10)`), passed (`Object.assign(Math, …)`)
        // or deleted from (`delete Math.max`).
        let prev = i.checked_sub(1).map(|p| &tokens[p]);
        if t.kind == Kind::Ident
            && !prev.is_some_and(|p| p.is(".") || p.is("?."))
            && PURE_GLOBALS.iter().any(|(g, _)| *g == word)
        {
            let read = tokens.get(i + 1).is_some_and(|n| n.is("(") || n.is("."))
                && !prev.is_some_and(|p| {
                    p.is_word("function") || p.is_word("class") || p.is_word("delete")
                });
            if !read {
                return true;
            }
        }
        // `var undefined = 0`, `NaN++`: the read-only globals a pure
        // function trusts, shadowed or written.
        if t.kind == Kind::Ident && ["undefined", "NaN", "Infinity"].contains(&word) {
            let declared = prev.is_some_and(|p| {
                ["var", "let", "const", "function", "class"]
                    .iter()
                    .any(|k| p.is_word(k))
                    || p.is("++")
                    || p.is("--")
            });
            let written = assigns(&tokens, i + 1)
                || tokens.get(i + 1).is_some_and(|n| n.is("++") || n.is("--"));
            if declared || written {
                return true;
            }
        }
        // `Math = …`, `parseInt = …`, `Math.floor = …`, `Math["floor"] = …`.
        t.kind == Kind::Ident
            && (PURE_GLOBALS.iter().any(|(g, _)| *g == word)
                || ["Object", "Array", "JSON", "String", "Number"].contains(&word))
            && (assigns(&tokens, i + 1)
                || (tokens.get(i + 1).is_some_and(|t| t.is(".") || t.is("?."))
                    && assigns(&tokens, i + 3))
                || tokens.get(i + 1).is_some_and(|t| t.is("[")))
    })
}

/// Whether the token at `i` is an assignment operator.
fn assigns(tokens: &[Token<'_>], i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == Kind::Punct && ASSIGNMENT.contains(&t.text))
}

const REACH_BUILTINS: &[&str] = &[
    "prototype",
    "__proto__",
    "constructor",
    "defineProperty",
    "defineProperties",
    "setPrototypeOf",
    "getPrototypeOf",
    "__defineGetter__",
    "__defineSetter__",
    "Reflect",
    "Proxy",
    "eval",
    "Function",
    // QuickJS has no `global`, `self` or `window`: those names are a
    // function's own.
    "globalThis",
    "__oaslintMemo",
];

/// Globals a pure function may read, with the members it may use (an
/// empty list: called directly). `undefined`, `NaN` and `Infinity` are
/// read-only globals and need no entry.
const PURE_GLOBALS: &[(&str, &[&str])] = &[
    (
        "Math",
        &[
            "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil",
            "clz32", "cos", "cosh", "exp", "expm1", "floor", "fround", "hypot", "imul", "log",
            "log10", "log1p", "log2", "max", "min", "pow", "round", "sign", "sin", "sinh", "sqrt",
            "tan", "tanh", "trunc", "E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2",
            "SQRT2",
        ],
    ),
    ("String", &["fromCharCode", "fromCodePoint"]),
    (
        "Number",
        &[
            "isFinite",
            "isInteger",
            "isNaN",
            "isSafeInteger",
            "parseFloat",
            "parseInt",
            "EPSILON",
            "MAX_SAFE_INTEGER",
            "MAX_VALUE",
            "MIN_SAFE_INTEGER",
            "MIN_VALUE",
        ],
    ),
    ("parseInt", &[]),
    ("parseFloat", &[]),
    ("isNaN", &[]),
    ("isFinite", &[]),
];

/// Members a pure function may read or call on its own values (strings,
/// numbers and arrays it made): none of them changes anything or calls
/// back into code.
const PURE_MEMBERS: &[&str] = &[
    "length",
    "at",
    "charAt",
    "charCodeAt",
    "codePointAt",
    "endsWith",
    "includes",
    "indexOf",
    "lastIndexOf",
    "padEnd",
    "padStart",
    "repeat",
    "slice",
    "startsWith",
    "substring",
    "toLowerCase",
    "toUpperCase",
    "trim",
    "trimEnd",
    "trimStart",
];

/// Keywords a pure function's body may hold.
const PURE_KEYWORDS: &[&str] = &[
    "if",
    "else",
    "for",
    "while",
    "do",
    "return",
    "break",
    "continue",
    "true",
    "false",
    "null",
    "typeof",
    "void",
    "throw",
    "undefined",
    "NaN",
    "Infinity",
];

const ASSIGNMENT: &[&str] = &[
    "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=",
    "??=",
];

/// A top-level `function NAME(params) { body }`.
struct Candidate<'a> {
    name: &'a str,
    params: Vec<&'a str>,
    /// The index of the `NAME` token.
    declared_at: usize,
    /// The tokens inside the body's braces.
    body: std::ops::Range<usize>,
}

fn top_level_functions<'a>(tokens: &[Token<'a>]) -> Vec<Candidate<'a>> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.kind == Kind::Punct {
            match t.text {
                "{" | "(" | "[" => depth += 1,
                "}" | ")" | "]" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if depth == 0 && t.is_word("function") && starts_statement(tokens, i) {
            if let Some((candidate, end)) = declaration(tokens, i) {
                found.push(candidate);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Whether the `function` at `i` begins a statement (a declaration), not
/// an expression.
fn starts_statement(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return true;
    };
    if prev.is(";") || prev.is("}") || prev.is_word("export") {
        return true;
    }
    // After a complete expression on an earlier line: automatic semicolon.
    tokens[i].newline_before
        && (matches!(prev.kind, Kind::Number | Kind::String)
            || prev.is(")")
            || prev.is("]")
            || (prev.kind == Kind::Ident && !is_keyword(prev.text)))
}

/// Reads `function NAME(a, b) { … }` at `i`; returns it and the index
/// after its closing brace.
fn declaration<'a>(tokens: &[Token<'a>], i: usize) -> Option<(Candidate<'a>, usize)> {
    let name = tokens.get(i + 1).filter(|t| t.kind == Kind::Ident)?;
    if is_keyword(name.text) {
        return None;
    }
    if !tokens.get(i + 2)?.is("(") {
        return None;
    }
    let mut params = Vec::new();
    let mut j = i + 3;
    if !tokens.get(j)?.is(")") {
        loop {
            let p = tokens.get(j).filter(|t| t.kind == Kind::Ident)?;
            if is_keyword(p.text) || params.contains(&p.text) {
                return None;
            }
            params.push(p.text);
            j += 1;
            match tokens.get(j)? {
                t if t.is(",") => j += 1,
                t if t.is(")") => break,
                _ => return None,
            }
        }
    }
    j += 1;
    if !tokens.get(j)?.is("{") {
        return None;
    }
    let close = matching(tokens, j)?;
    Some((
        Candidate {
            name: name.text,
            params,
            declared_at: i + 1,
            body: j + 1..close,
        },
        close + 1,
    ))
}

/// The index of the bracket closing the one at `open`.
fn matching(tokens: &[Token<'_>], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, t) in tokens.iter().enumerate().skip(open) {
        if t.kind != Kind::Punct {
            continue;
        }
        match t.text {
            "{" | "(" | "[" => depth += 1,
            "}" | ")" | "]" => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether every use of `name` outside its declaration calls it (or is
/// another object's member of that name).
fn only_called(tokens: &[Token<'_>], name: &str, declared_at: usize) -> bool {
    tokens.iter().enumerate().all(|(i, t)| {
        t.kind != Kind::Ident
            || t.text != name
            || i == declared_at
            || tokens.get(i + 1).is_some_and(|n| n.is("("))
            || i.checked_sub(1).is_some_and(|p| {
                tokens[p].is(".") || tokens[p].is("?.") || tokens[p].is_word("function")
            })
    })
}

/// A scope of a pure function's body: the names it declares, and whether
/// it is a `for` header waiting for (or inside) its block.
struct Scope<'a> {
    names: Vec<&'a str>,
    for_header: Option<ForHeader>,
}

#[derive(Clone, Copy, PartialEq)]
enum ForHeader {
    /// Inside `for ( … )`, at this parenthesis depth.
    Open(usize),
    /// The header is closed; its block comes next.
    Closed,
    /// In the loop's block.
    Body,
}

/// The candidates a body calls, when everything else in it is pure (see
/// the module documentation); `None` otherwise.
fn body_calls<'a>(
    body: &[Token<'a>],
    params: &[&'a str],
    names: &[&'a str],
) -> Option<Vec<&'a str>> {
    // `var` is scoped to the function, wherever it is written.
    let mut function_scope: Vec<&str> = params.to_vec();
    for (i, t) in body.iter().enumerate() {
        if t.is_word("var") {
            function_scope.push(body.get(i + 1).filter(|n| n.kind == Kind::Ident)?.text);
        }
    }
    let mut scopes = vec![Scope {
        names: function_scope,
        for_header: None,
    }];
    let mut calls = Vec::new();
    let mut parens = 0usize;
    let in_scope =
        |scopes: &[Scope<'a>], name: &str| scopes.iter().any(|s| s.names.contains(&name));
    for (i, t) in body.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &body[p]);
        let next = body.get(i + 1);
        let after_dot = prev.is_some_and(|p| p.is(".") || p.is("?."));
        match t.kind {
            Kind::Template | Kind::Regex => return None,
            Kind::Number | Kind::String => {}
            Kind::Ident if after_dot => {
                if !PURE_MEMBERS.contains(&t.text) && !global_member(body, i) {
                    return None;
                }
            }
            Kind::Ident => match t.text {
                "let" | "const" | "var" => {
                    let declared = next.filter(|n| n.kind == Kind::Ident && !is_keyword(n.text))?;
                    if t.text != "var" {
                        scopes.last_mut()?.names.push(declared.text);
                    }
                }
                "for" => {
                    if !next.is_some_and(|n| n.is("(")) {
                        return None;
                    }
                    scopes.push(Scope {
                        names: Vec::new(),
                        for_header: Some(ForHeader::Open(parens)),
                    });
                }
                word if PURE_KEYWORDS.contains(&word) => {}
                word if in_scope(&scopes, word) => {
                    if next.is_some_and(|n| n.is("(")) {
                        return None;
                    }
                    // Assigning to a local is pure, but not through it.
                    let member_after = next.is_some_and(|n| n.is(".") || n.is("["));
                    let update_before = prev.is_some_and(|p| p.is("++") || p.is("--"));
                    if update_before && member_after {
                        return None;
                    }
                }
                word if names.contains(&word) && next.is_some_and(|n| n.is("(")) => {
                    calls.push(word);
                }
                word => {
                    let (_, members) = PURE_GLOBALS.iter().find(|(g, _)| *g == word)?;
                    let member = next.is_some_and(|n| n.is("."));
                    if members.is_empty() == member {
                        return None;
                    }
                }
            },
            Kind::Punct => match t.text {
                "(" => {
                    if prev.is_some_and(|p| {
                        p.is(")")
                            || p.is("]")
                            || p.is("?.")
                            || matches!(p.kind, Kind::String | Kind::Number)
                    }) {
                        return None;
                    }
                    parens += 1
                }
                ")" => {
                    parens = parens.checked_sub(1)?;
                    if let Some(header) = scopes.last_mut().and_then(|s| s.for_header.as_mut()) {
                        if *header == ForHeader::Open(parens) {
                            *header = ForHeader::Closed;
                            if !next.is_some_and(|n| n.is("{")) {
                                return None;
                            }
                        }
                    }
                }
                "{" => {
                    // A block, never an object literal.
                    let block = prev.is_none_or(|p| {
                        p.is(")")
                            || p.is("{")
                            || p.is("}")
                            || p.is(";")
                            || p.is_word("else")
                            || p.is_word("do")
                    });
                    if !block {
                        return None;
                    }
                    match scopes.last_mut().and_then(|s| s.for_header.as_mut()) {
                        Some(header) if *header == ForHeader::Closed => *header = ForHeader::Body,
                        _ => scopes.push(Scope {
                            names: Vec::new(),
                            for_header: None,
                        }),
                    }
                }
                "}" => {
                    let closed = scopes.pop()?;
                    if scopes.is_empty()
                        || matches!(
                            closed.for_header,
                            Some(ForHeader::Open(_) | ForHeader::Closed)
                        )
                    {
                        return None;
                    }
                }
                "=>" | "..." | "@" | "#" => return None,
                op if ASSIGNMENT.contains(&op) || op == "++" || op == "--" => {
                    // The target must be a local itself: `x = …`, `x++`, not
                    // `a.b = …`, `a[i] = …`.
                    let target_is_local = prev.is_some_and(|p| {
                        p.kind == Kind::Ident
                            && in_scope(&scopes, p.text)
                            && !(i >= 2 && (body[i - 2].is(".") || body[i - 2].is("?.")))
                    });
                    let prefix_update = (op == "++" || op == "--")
                        && next.is_some_and(|n| n.kind == Kind::Ident && in_scope(&scopes, n.text));
                    if !target_is_local && !prefix_update {
                        return None;
                    }
                }
                _ => {}
            },
        }
    }
    Some(calls)
}

/// Whether the member at `i` (after a `.`) belongs to a pure global that
/// allows it: `Math.floor`, `String.fromCharCode`.
fn global_member(body: &[Token<'_>], i: usize) -> bool {
    i >= 2
        && body[i - 2].kind == Kind::Ident
        && (i < 3 || !(body[i - 3].is(".") || body[i - 3].is("?.")))
        && PURE_GLOBALS
            .iter()
            .any(|(g, members)| *g == body[i - 2].text && members.contains(&body[i].text))
}

fn is_keyword(word: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "export",
        "extends",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "let",
        "static",
        "await",
        "async",
        "of",
        "arguments",
        "true",
        "false",
        "null",
    ];
    KEYWORDS.contains(&word)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ident,
    Number,
    String,
    /// A whole template literal without substitutions, or one of its
    /// pieces.
    Template,
    Regex,
    Punct,
}

#[derive(Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    newline_before: bool,
}

impl Token<'_> {
    fn is(&self, punct: &str) -> bool {
        self.kind == Kind::Punct && self.text == punct
    }

    fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Ident && self.text == word
    }
}

const PUNCTUATORS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "**", "<<", ">>", "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%",
    "&", "|", "^", "!", "~", "?", ":", "=", ".", "@", "#",
];

/// The module's tokens, comments left out; `None` where the text is not
/// JavaScript this reader follows (an unclosed string or comment, a
/// character it does not know).
fn tokenize(src: &str) -> Option<Vec<Token<'_>>> {
    let bytes = src.as_bytes();
    let mut tokens: Vec<Token<'_>> = Vec::new();
    // The brace depths at which template substitutions (`${`) opened.
    let mut templates: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    let mut heads: Vec<bool> = Vec::new();
    let mut closed_head = false;
    let mut i = 0;
    let mut newline = false;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b'\n' | b'\r' => {
                newline = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | 0x0b | 0x0c => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = src[i + 2..].find("*/")? + i + 4;
                newline |= src[i..end].contains('\n');
                i = end;
                continue;
            }
            b'"' | b'\'' => {
                i = string_end(bytes, i, c)?;
                push(&mut tokens, Kind::String, &src[start..i], &mut newline);
                continue;
            }
            b'`' => {
                i = template_end(bytes, i + 1)?;
                if src[..i].ends_with("${") {
                    templates.push(braces);
                }
                push(&mut tokens, Kind::Template, &src[start..i], &mut newline);
                continue;
            }
            b'}' if templates.last() == Some(&braces) => {
                templates.pop();
                i = template_end(bytes, i + 1)?;
                if src[..i].ends_with("${") {
                    templates.push(braces);
                }
                push(&mut tokens, Kind::Template, &src[start..i], &mut newline);
                continue;
            }
            // After a block's `}` a `/` starts a regular expression, after an
            // object literal's it divides: not told apart here.
            b'/' if tokens.last().is_some_and(|t| t.is("}")) => return None,
            // `of`, `yield` and `await` are keywords or names by context:
            // `/` after them may divide or start a regular expression.
            b'/' if tokens
                .last()
                .is_some_and(|t| t.is_word("of") || t.is_word("yield") || t.is_word("await")) =>
            {
                return None
            }
            b'/' if regex_allowed(tokens.last())
                || (tokens.last().is_some_and(|t| t.is(")")) && closed_head) =>
            {
                i = regex_end(bytes, i + 1)?;
                push(&mut tokens, Kind::Regex, &src[start..i], &mut newline);
                continue;
            }
            b'0'..=b'9' => {
                i += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || bytes[i] == b'_'
                        || (bytes[i] == b'.' && !src[start..i].contains('.'))
                        || ((bytes[i] == b'+' || bytes[i] == b'-')
                            && matches!(bytes[i - 1], b'e' | b'E')
                            && !src[start..i].to_ascii_lowercase().starts_with("0x")))
                {
                    i += 1;
                }
                push(&mut tokens, Kind::Number, &src[start..i], &mut newline);
                continue;
            }
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i += 1;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                push(&mut tokens, Kind::Number, &src[start..i], &mut newline);
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$')
                {
                    i += 1;
                }
                if i < bytes.len() && !bytes[i].is_ascii() {
                    // A name with letters beyond ASCII: not followed here.
                    return None;
                }
                push(&mut tokens, Kind::Ident, &src[start..i], &mut newline);
                continue;
            }
            _ => {}
        }
        let punct = PUNCTUATORS.iter().find(|p| src[i..].starts_with(**p))?;
        // `?.5` is `?` then `.5`.
        let punct = if *punct == "?." && bytes.get(i + 2).is_some_and(u8::is_ascii_digit) {
            "?"
        } else {
            punct
        };
        match punct {
            "{" => braces += 1,
            "}" => braces = braces.checked_sub(1)?,
            // `if (…) /re/`: the parentheses of a statement's head.
            "(" => heads.push(
                tokens
                    .last()
                    .is_some_and(|t| ["if", "while", "for", "with"].iter().any(|w| t.is_word(w))),
            ),
            ")" => closed_head = heads.pop().unwrap_or(false),
            _ => {}
        }
        i += punct.len();
        push(&mut tokens, Kind::Punct, &src[start..i], &mut newline);
    }
    templates.is_empty().then_some(tokens)
}

fn push<'a>(tokens: &mut Vec<Token<'a>>, kind: Kind, text: &'a str, newline: &mut bool) {
    tokens.push(Token {
        kind,
        text,
        newline_before: std::mem::take(newline),
    });
}

/// After the closing quote of the string opened at `open`.
fn string_end(bytes: &[u8], open: usize, quote: u8) -> Option<usize> {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' => return None,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// After the end of a template piece starting at `i`: its closing
/// backtick, or the `${` of a substitution.
fn template_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => return Some(i + 1),
            b'$' if bytes.get(i + 1) == Some(&b'{') => return Some(i + 2),
            _ => i += 1,
        }
    }
    None
}

/// After a regular expression literal whose body starts at `i`.
fn regex_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' => return None,
            b'[' => class = true,
            b']' => class = false,
            b'/' if !class => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return Some(i);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether a `/` after `prev` starts a regular expression rather than
/// dividing.
fn regex_allowed(prev: Option<&Token<'_>>) -> bool {
    match prev {
        None => true,
        Some(t) => match t.kind {
            Kind::Number | Kind::String | Kind::Regex => false,
            Kind::Template => t.text.ends_with("${"),
            Kind::Ident => {
                is_keyword(t.text)
                    && !matches!(
                        t.text,
                        // `let`, `static` and `async` are also plain names
                        // in sloppy code; as keywords no `/` follows them.
                        "this"
                            | "super"
                            | "true"
                            | "false"
                            | "null"
                            | "arguments"
                            | "let"
                            | "static"
                            | "async"
                    )
            }
            Kind::Punct => !matches!(t.text, ")" | "]" | "}" | "++" | "--"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<String> {
        pure_functions(source).into_iter().map(|f| f.name).collect()
    }

    /// Functions whose results may be remembered.
    const PASS: &[&str] = &[
        // azure's readonly-in-response-schema.js, as written there.
        "function hashCode(str) {\n  let hash = 0;\n  for (let i = 0; i < str.length; i += 1) {\n    /* eslint-disable no-bitwise */\n    hash = ((hash << 5) - hash) + str.charCodeAt(i);\n    hash |= 0; // Convert to 32bit integer\n  }\n  return hash;\n}\nmodule.exports = (s) => hashCode(JSON.stringify(s));",
        "function f(a, b) { if (a > b) { return a - b; } else { return Math.max(a, b) * 2; } }",
        "function f(s) { var n = 0; while (n < s.length && s.charAt(n) === ' ') n++; return s.slice(n).toLowerCase(); }",
        "function g(x) { return x * 2; }\nfunction f(x) { return g(x) + 1; }",
        "export function f(s) { const parts = [s, s]; return parts.length + parts.indexOf(s); }",
        "function f() { return String.fromCharCode(65) + Number.MAX_SAFE_INTEGER; }",
        "function f(s) { do { s = s.slice(1); } while (s.length > 3); return s; }",
        "const x = 1\nfunction f(s) { return typeof s === 'string' ? s.trim() : String.fromCharCode(s); }",
    ];

    /// Functions that run as written, each for one reason.
    const FAIL: &[&str] = &[
        // Reads a module variable.
        "let n = 0;\nfunction f(x) { return x + n; }",
        // Writes one.
        "let n = 0;\nfunction f(x) { n = x; return x; }",
        // Undeclared assignment creates a global.
        "function f(x) { y = x; return y; }",
        // Member assignment.
        "function f(x) { const a = []; a[0] = x; return a.length; }",
        "function f(x) { const a = [x]; a.y = 1; return a.length; }",
        // Calls a method that is not on the list (mutates, or calls back).
        "function f(x) { const a = []; a.push(x); return a.length; }",
        "function f(s) { return s.replace('a', 'b'); }",
        // Random, time, other globals.
        "function f(x) { return x + Math.random(); }",
        "function f(x) { return x + Date.now(); }",
        "function f(x) { return console.log(x); }",
        // this, arguments, new, closures, object literals, regexps, templates.
        "function f(x) { return this.x + x; }",
        "function f(x) { return arguments.length; }",
        "function f(x) { return new Array(x).length; }",
        "function f(x) { const g = (y) => y; return g(x); }",
        "function f(x) { return { x }.x; }",
        "function f(s) { return /a/.test(s); }",
        "function f(s) { return `${s}!`; }",
        "function f(...s) { return s.length; }",
        "function f(s = 1) { return s; }",
        // A block-scoped local read outside its block.
        "function f(s) { if (s) { let t = 1; } return t; }",
        "function f(s) { for (let i = 0; i < 2; i++) { } return i; }",
        // Its name is used other than by a call.
        "function f(x) { return x; }\nmodule.exports = f;",
        "function f(x) { return x; }\nf.cache = 1;",
        // Declared twice.
        "function f(x) { return x; }\nfunction f(x) { return x + 1; }",
        // Calls a function that does not qualify.
        "let n = 0;\nfunction g(x) { return x + n; }\nfunction f(x) { return g(x); }",
        // Recursive: the memo's frames would halve the depth it can reach.
        "function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); }",
        "function g(n) { return n < 1 ? 0 : f(n - 1); }\nfunction f(n) { return g(n); }",
        // A second declaration that is no candidate is the real binding.
        "let n = 0;\nfunction f(x) { return x; }\nfunction f(x, y = 1) { return x + n++; }",
        "let n = 0;\nfunction f(x) { return x * 2; }\nif (true) { function f(x) { return x + n++; } }",
        // A regular expression after `if (…)` hides impure code from a
        // reader that takes `/` for division.
        "let n = 0;\nfunction f(x) {\n  var r;\n  if (x) /'/.test(x); r = n++; // '\n  return r;\n}",
        // A number token must not swallow what follows it.
        "let n = 0;\nfunction f(s) { return 0XE+n; }",
        // Calls through values: a local called, a call's result called.
        "function f(s) { const k = 'con' + 'structor'; return s[k][k]('return 1')(); }",
        // More arguments than the memo keys on.
        "function f(a, b, c) { return a + b + c; }",
        // Not at the top level, or an expression.
        "module.exports = function f(x) { return x; };",
        "function outer() { function f(x) { return x; } return f(1); }",
    ];

    #[test]
    fn pure_functions_are_found() {
        for source in PASS {
            assert!(!names(source).is_empty(), "not found pure: {source}");
        }
        assert_eq!(names(PASS[0]), ["hashCode"]);
        assert_eq!(names(PASS[3]), ["g", "f"]);
    }

    #[test]
    fn other_functions_are_left_as_written() {
        for source in FAIL {
            let found = names(source);
            assert!(!found.contains(&"f".to_string()), "found pure: {source}");
        }
    }

    #[test]
    fn the_memo_is_installed_after_the_source() {
        let text = with_memo("function f(x) { return x; } // the end").unwrap();
        // A declaration first: it cannot become the body of an `if (…)`
        // the source ends with, so a broken source stays broken.
        assert_eq!(
            text,
            "function f(x) { return x; } // the end\nconst __oaslintMemoInstalled = 0;\n;f = __oaslintMemo(f, 1);\n"
        );
        assert_eq!(with_memo("module.exports = (x) => x;"), None);
    }

    #[test]
    fn a_module_that_can_replace_builtins_is_recognised() {
        let touching = [
            "String.prototype.charCodeAt = () => 1;",
            "Object.defineProperty(String.prototype, 'trim', {});",
            "const p = ''['__proto__'];",
            "Math.floor = (x) => x;",
            "Math['floor'] = (x) => x;",
            "parseInt = () => 1;",
            "globalThis.x = 1;",
            "eval('1');",
            "const s = `unclosed",
            "let n = 0; Object.assign(Math, { floor: () => n++ });",
            "delete Math.max;",
            "function parseInt(s, radix = 10) { return 1; }",
            "class Math {}",
            "var undefined = 0;",
            "NaN++;",
            "const of = 4; const y = of / 2;",
        ];
        for source in touching {
            assert!(touches_builtins(source), "{source}");
        }
        let harmless = [
            "module.exports = (t) => [{ message: t.x.prototypeName }];",
            "const floor = Math.floor(2.5); const n = parseInt('1', 10);",
            "if (a == Math.PI) {}",
        ];
        for source in harmless {
            assert!(!touches_builtins(source), "{source}");
        }
    }

    #[test]
    fn tokens_follow_strings_comments_templates_and_regexps() {
        let tokens =
            tokenize("a = /}{/g; b = `x${ {c: 1}.c }y`; // }\n/* { */ d = 'q\\'}'; e = 4 / 2 / 1")
                .unwrap();
        let kinds: Vec<(Kind, &str)> = tokens.iter().map(|t| (t.kind, t.text)).collect();
        assert!(kinds.contains(&(Kind::Regex, "/}{/g")), "{kinds:?}");
        assert!(kinds.contains(&(Kind::Template, "`x${")), "{kinds:?}");
        assert!(kinds.contains(&(Kind::Template, "}y`")), "{kinds:?}");
        assert!(kinds.contains(&(Kind::String, "'q\\'}'")), "{kinds:?}");
        assert_eq!(
            kinds.iter().filter(|k| k.0 == Kind::Regex).count(),
            1,
            "{kinds:?}"
        );
        assert!(tokenize("'unclosed").is_none());
        assert_eq!(tokenize("/* unclosed").map(|t| t.len()), None);
    }
}
