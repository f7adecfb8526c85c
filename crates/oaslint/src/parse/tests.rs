//! Tests of both parsers: exact spans, scalar resolution, duplicate keys,
//! aliases and merges, limits against hostile input, error positions, and
//! the real-world corpus in `shared/corpus`.

use super::*;
use crate::source::{LineIndex, Position};
use crate::tree::NO_PARENT;
use crate::tree::{NodeId, Number, Span, Tree, Value};

fn limits() -> Limits {
    Limits::default()
}

fn json(text: &str) -> Parsed {
    parse_json(text, &limits()).unwrap_or_else(|e| panic!("JSON failed: {e:?}\n{text}"))
}

fn yaml(text: &str) -> Parsed {
    parse_yaml(text, &limits()).unwrap_or_else(|e| panic!("YAML failed: {e:?}\n{text}"))
}

fn json_err(text: &str) -> ParseError {
    match parse_json(text, &limits()) {
        Ok(_) => panic!("JSON unexpectedly parsed: {text:?}"),
        Err(e) => e,
    }
}

fn yaml_err(text: &str) -> ParseError {
    match parse_yaml(text, &limits()) {
        Ok(p) => panic!(
            "YAML unexpectedly parsed: {text:?} -> {}",
            p.tree.to_json(Tree::ROOT)
        ),
        Err(e) => e,
    }
}

fn at(p: &Parsed, pointer: &str) -> NodeId {
    p.tree
        .lookup(pointer)
        .unwrap_or_else(|| panic!("no node at {pointer:?}"))
}

fn text_of(text: &str, span: Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// The source text of the value at `pointer`.
fn value_text<'t>(text: &'t str, p: &Parsed, pointer: &str) -> &'t str {
    text_of(text, p.tree.node(at(p, pointer)).span)
}

/// The source text of the key under which the value at `pointer` sits.
fn key_text<'t>(text: &'t str, p: &Parsed, pointer: &str) -> &'t str {
    let (_, span) = p.tree.key_of(at(p, pointer)).expect("a member");
    text_of(text, span)
}

fn pos(text: &str, offset: u32) -> (u32, u32) {
    let Position { line, column } = LineIndex::new(text).position(text, offset as usize);
    (line, column)
}

/// 1-based line:column of an error's start.
fn err_pos(text: &str, e: &ParseError) -> (u32, u32) {
    pos(text, e.span.start)
}

/// Every structural invariant the rest of the linter relies on: pre-order
/// ids, contiguous subtrees, consistent parent/slot links, no unreachable
/// nodes, and pointers that resolve back to their node.
fn check_invariants(tree: &Tree) {
    let n = tree.len() as NodeId;
    assert!(n > 0, "a tree always has a root");
    let mut reached = vec![false; n as usize];
    reached[0] = true;
    for id in 0..n {
        let node = tree.node(id);
        assert!(
            node.subtree_end > id && node.subtree_end <= n,
            "subtree_end of {id}"
        );
        if id == 0 {
            assert_eq!(node.parent, NO_PARENT);
            assert_eq!(node.subtree_end, n);
        } else {
            let parent = tree.node(node.parent);
            assert!(node.parent < id, "parent before child ({id})");
            assert!(
                node.subtree_end <= parent.subtree_end,
                "nested range ({id})"
            );
            let via_slot = match &parent.value {
                Value::Array(items) => items[node.slot as usize],
                Value::Object(entries) => entries[node.slot as usize].value,
                _ => panic!("parent of {id} is a scalar"),
            };
            assert_eq!(via_slot, id, "slot of {id}");
        }
        assert!(node.span.start <= node.span.end, "span of {id}");
        let mut next = id + 1;
        for c in tree.children(id) {
            // Children tile the subtree in order.
            assert_eq!(c, next, "child order under {id}");
            next = tree.node(c).subtree_end;
            reached[c as usize] = true;
        }
        assert_eq!(next, node.subtree_end, "children fill the subtree of {id}");
    }
    assert!(reached.iter().all(|&r| r), "unreachable nodes");
    for id in 0..n {
        assert_eq!(tree.lookup(&tree.pointer(id)), Some(id), "pointer of {id}");
    }
}

// ---------------------------------------------------------------- JSON ----

#[test]
fn json_spans_of_keys_and_values() {
    let text = r#"{"a": 1, "b": [true, null, -2.5e3], "c": {"d é": "x\"y"}, "e": {}}"#;
    let p = json(text);
    check_invariants(&p.tree);
    assert_eq!(p.syntax, Syntax::Json);
    assert_eq!(text_of(text, p.tree.node(0).span), text);
    assert_eq!(key_text(text, &p, "/a"), r#""a""#);
    assert_eq!(value_text(text, &p, "/a"), "1");
    assert_eq!(value_text(text, &p, "/b"), "[true, null, -2.5e3]");
    assert_eq!(value_text(text, &p, "/b/0"), "true");
    assert_eq!(value_text(text, &p, "/b/1"), "null");
    assert_eq!(value_text(text, &p, "/b/2"), "-2.5e3");
    assert_eq!(key_text(text, &p, "/c/d é"), r#""d é""#);
    assert_eq!(value_text(text, &p, "/c/d é"), r#""x\"y""#);
    assert_eq!(p.tree.as_str(at(&p, "/c/d é")), Some("x\"y"));
    assert_eq!(value_text(text, &p, "/e"), "{}");
    // Byte offsets, not characters: "é" is two bytes.
    let d = p.tree.node(at(&p, "/c/d é")).span;
    assert_eq!(d, Span::new(50, 56));
    assert_eq!(
        p.tree.key_of(at(&p, "/c/d é")).unwrap().1,
        Span::new(42, 48)
    );
}

#[test]
fn json_positions_with_crlf_and_multibyte() {
    let text = "{\r\n  \"ключ\": \"значение\",\r\n  \"😀\": [1,\r\n    2]\r\n}\r\n";
    let p = json(text);
    check_invariants(&p.tree);
    let v = at(&p, "/ключ");
    assert_eq!(pos(text, p.tree.node(v).span.start), (2, 11));
    assert_eq!(pos(text, p.tree.key_of(v).unwrap().1.start), (2, 3));
    let two = at(&p, "/😀/1");
    assert_eq!(pos(text, p.tree.node(two).span.start), (4, 5));
    // The emoji is two UTF-16 units: the array starts at column 3 + 4 + 2.
    assert_eq!(pos(text, p.tree.node(at(&p, "/😀")).span.start), (3, 9));
}

#[test]
fn json_numbers() {
    let p = json("[0, -0, 12, -9223372036854775808, 9223372036854775807, 9223372036854775808, 1.5, 1e2, -1E-2, 123456789012345678901234567890]");
    let n = |i: usize| match p.tree.value(at(&p, &format!("/{i}"))) {
        Value::Number(n) => *n,
        v => panic!("{v:?}"),
    };
    assert_eq!(n(0), Number::Int(0));
    assert_eq!(n(1), Number::Int(0));
    assert_eq!(n(2), Number::Int(12));
    assert_eq!(n(3), Number::Int(i64::MIN));
    assert_eq!(n(4), Number::Int(i64::MAX));
    assert_eq!(n(5), Number::Float(9223372036854775808.0));
    assert_eq!(n(6), Number::Float(1.5));
    assert_eq!(n(7), Number::Float(100.0));
    assert_eq!(n(8), Number::Float(-0.01));
    assert_eq!(n(9), Number::Float(1.2345678901234568e29));
}

#[test]
fn json_escapes_and_surrogates() {
    let p = json(
        r#"["\"\\\/\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "a\ud800b", "\udc00", "\ud800\u0041", "\ud800"]"#,
    );
    let s = |i: usize| p.tree.as_str(at(&p, &format!("/{i}"))).unwrap().to_string();
    assert_eq!(s(0), "\"\\/\u{8}\u{c}\n\r\t");
    assert_eq!(s(1), "é€");
    assert_eq!(s(2), "😀");
    assert_eq!(s(3), "a\u{FFFD}b");
    assert_eq!(s(4), "\u{FFFD}");
    assert_eq!(s(5), "\u{FFFD}A");
    assert_eq!(s(6), "\u{FFFD}");
    // Escaped keys are decoded; the key span still covers the raw text.
    let text = r#"{"a\u0062": 1}"#;
    let p = json(text);
    assert_eq!(key_text(text, &p, "/ab"), r#""a\u0062""#);
}

#[test]
fn json_leading_bom_and_whitespace() {
    let text = "\u{feff} \n{\"a\": true}\n\t";
    let p = json(text);
    assert_eq!(p.tree.to_json(0), serde_json::json!({"a": true}));
    assert_eq!(p.tree.node(0).span, Span::new(5, 16));
    // parse() picks JSON for it too.
    assert_eq!(parse(text, &limits()).unwrap().syntax, Syntax::Json);
}

#[test]
fn json_duplicate_keys_keep_first_position_and_last_value() {
    let text = r#"{"a": {"x": [1, 2]}, "b": 2, "a": {"y": 3}, "b": 4}"#;
    let p = json(text);
    check_invariants(&p.tree);
    assert_eq!(
        p.tree.to_json(0),
        serde_json::json!({"a": {"y": 3}, "b": 4})
    );
    // Key order is that of the first occurrences.
    let keys: Vec<_> = match p.tree.value(0) {
        Value::Object(e) => e.iter().map(|e| e.key.to_string()).collect(),
        _ => unreachable!(),
    };
    assert_eq!(keys, ["a", "b"]);
    // The discarded values are gone from the arena.
    assert_eq!(p.tree.len(), 4);
    assert_eq!(
        p.duplicate_keys,
        vec![
            DuplicateKey {
                key: "a".into(),
                span: Span::new(29, 32),
                first: Span::new(1, 4),
            },
            DuplicateKey {
                key: "b".into(),
                span: Span::new(44, 47),
                first: Span::new(21, 24),
            },
        ]
    );
    // The kept entry's key span is the first occurrence's.
    assert_eq!(key_text(text, &p, "/a"), r#""a""#);
    assert_eq!(p.tree.key_of(at(&p, "/a")).unwrap().1, Span::new(1, 4));
    assert_eq!(value_text(text, &p, "/a"), r#"{"y": 3}"#);
    // Same answer as serde_json (and JSON.parse).
    let serde: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(p.tree.to_json(0), serde);
}

#[test]
fn json_many_keys_and_duplicates_in_a_large_object() {
    let mut text = String::from("{");
    for i in 0..200 {
        text.push_str(&format!("\"k{i}\": {i},"));
    }
    text.push_str("\"k7\": \"again\", \"k150\": [1]}");
    let p = json(&text);
    check_invariants(&p.tree);
    let keys: Vec<_> = p.duplicate_keys.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, ["k7", "k150"]);
    assert_eq!(p.tree.as_str(at(&p, "/k7")), Some("again"));
    assert_eq!(p.tree.node(at(&p, "/k150")).slot, 150);
}

#[test]
fn json_errors_have_messages_and_positions() {
    let cases: &[(&str, &str, (u32, u32))] = &[
        ("{\"a\": \"abc\n}", "unterminated string", (1, 7)),
        ("{\"a\": \"abc", "unterminated string", (1, 7)),
        (
            "{\"a\": 1\n \"b\": 2}",
            "expected ',' or '}' after object member",
            (2, 2),
        ),
        ("[1 2]", "expected ',' or ']' after array element", (1, 4)),
        ("[1,]", "trailing comma is not allowed in JSON", (1, 4)),
        (
            "{\"a\": 1,}",
            "trailing comma is not allowed in JSON",
            (1, 9),
        ),
        ("{\"a\" 1}", "expected ':' after object key", (1, 6)),
        ("{a: 1}", "expected a string key or '}'", (1, 2)),
        ("[\"a\\x\"]", "invalid escape '\\x' in string", (1, 4)),
        (
            "[\"\\u12G4\"]",
            "invalid escape: '\\u' must be followed by 4 hex digits",
            (1, 3),
        ),
        (
            "[\"a\tb\"]",
            "control character U+0009 in string must be escaped",
            (1, 4),
        ),
        (
            "{\"a\": [1, 2",
            "expected ',' or ']' after array element",
            (1, 12),
        ),
        (
            "{\"a\": ",
            "unexpected end of input: expected a JSON value",
            (1, 7),
        ),
        ("", "unexpected end of input: expected a JSON value", (1, 1)),
        ("{} x", "trailing characters after the JSON value", (1, 4)),
        (
            "[01]",
            "invalid number: leading zeros are not allowed",
            (1, 2),
        ),
        ("[1.]", "invalid number: expected a digit after '.'", (1, 4)),
        (
            "[1e+]",
            "invalid number: expected a digit in the exponent",
            (1, 5),
        ),
        ("[-]", "invalid number: expected a digit after '-'", (1, 3)),
        ("[+1]", "invalid number: expected '-' or a digit", (1, 2)),
        (
            "[tru]",
            "invalid literal: expected true, false or null",
            (1, 2),
        ),
        (
            "[nullx]",
            "invalid literal: expected true, false or null",
            (1, 2),
        ),
        ("['a']", "strings must use double quotes", (1, 2)),
        (
            "{\"a\": 1 // c\n}",
            "expected ',' or '}' after object member",
            (1, 9),
        ),
        ("[1, /* c */ 2]", "comments are not allowed in JSON", (1, 5)),
        ("\n\n  {\"é\": [1, }", "expected a JSON value", (3, 13)),
    ];
    for (text, message, at) in cases {
        let e = json_err(text);
        assert_eq!(&e.message, message, "{text:?}");
        assert_eq!(err_pos(text, &e), *at, "{text:?}: {e:?}");
    }
}

#[test]
fn json_depth_limit() {
    let ok = format!("{}{}", "[".repeat(512), "]".repeat(512));
    check_invariants(&json(&ok).tree);
    let deep = format!("{}{}", "[".repeat(513), "]".repeat(513));
    let e = json_err(&deep);
    assert_eq!(e.message, "nesting deeper than 512 levels");
    assert_eq!(e.span, Span::new(512, 513));
    // Hostile depth is an error, not a stack overflow.
    let e = json_err(&"[".repeat(100_000));
    assert_eq!(e.span, Span::new(512, 513));
    let e = json_err(&"{\"a\":".repeat(100_000));
    assert_eq!(e.message, "nesting deeper than 512 levels");
    assert_eq!(e.span.start, 512 * 5);
    // A caller may lower the limit.
    let small = Limits {
        max_depth: 2,
        ..Limits::default()
    };
    assert!(parse_json("[[1]]", &small).is_ok());
    assert!(parse_json("[[[1]]]", &small).is_err());
}

#[test]
fn json_scalar_documents() {
    assert_eq!(json(" \"x\" ").tree.to_json(0), serde_json::json!("x"));
    assert_eq!(json("-1").tree.to_json(0), serde_json::json!(-1));
    assert_eq!(json("null").tree.len(), 1);
}

// ---------------------------------------------------------------- YAML ----

#[test]
fn yaml_block_spans() {
    let text = "\
openapi: 3.0.0
info:
  title: Pet store
  'quoted key': \"dq\\\"v\"
paths:
  /pets:
    get:
      tags: [a, \"b\"]
      x-map: {k: v, n: 1}
empty:
last: end   # comment
";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(p.syntax, Syntax::Yaml);
    assert_eq!(key_text(text, &p, "/openapi"), "openapi");
    assert_eq!(value_text(text, &p, "/openapi"), "3.0.0");
    assert_eq!(value_text(text, &p, "/info/title"), "Pet store");
    assert_eq!(key_text(text, &p, "/info/quoted key"), "'quoted key'");
    assert_eq!(value_text(text, &p, "/info/quoted key"), "\"dq\\\"v\"");
    assert_eq!(p.tree.as_str(at(&p, "/info/quoted key")), Some("dq\"v"));
    // A block mapping runs from its first key to the end of its last value.
    assert_eq!(
        value_text(text, &p, "/info"),
        "title: Pet store\n  'quoted key': \"dq\\\"v\""
    );
    assert_eq!(value_text(text, &p, "/paths/~1pets/get/tags"), "[a, \"b\"]");
    assert_eq!(value_text(text, &p, "/paths/~1pets/get/tags/1"), "\"b\"");
    assert_eq!(
        value_text(text, &p, "/paths/~1pets/get/x-map"),
        "{k: v, n: 1}"
    );
    assert_eq!(value_text(text, &p, "/paths/~1pets/get/x-map/n"), "1");
    assert_eq!(key_text(text, &p, "/paths/~1pets"), "/pets");
    // A block mapping value starts at its first key, on the next line.
    assert_eq!(
        pos(text, p.tree.node(at(&p, "/paths/~1pets/get")).span.start),
        (8, 7)
    );
    // An empty value is an empty span right after its key's colon.
    let empty = p.tree.node(at(&p, "/empty")).span;
    assert_eq!(p.tree.value(at(&p, "/empty")).type_name(), "null");
    assert_eq!(empty.start, empty.end);
    assert_eq!(pos(text, empty.start), (10, 7));
    // Trailing comments are not part of a value.
    assert_eq!(value_text(text, &p, "/last"), "end");
    // The root mapping ends at its last value, not at the comment or EOF.
    assert!(text_of(text, p.tree.node(0).span).ends_with("last: end"));
}

#[test]
fn yaml_sequences_spans() {
    let text = "\
a:
  - x
  -   - y
      - z
b:
- m
- - n
-
c: [1, [2, 3]]
";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(value_text(text, &p, "/a"), "- x\n  -   - y\n      - z");
    assert_eq!(value_text(text, &p, "/a/1"), "- y\n      - z");
    // An indentless sequence starts at its first `-`.
    assert_eq!(value_text(text, &p, "/b"), "- m\n- - n\n-");
    assert_eq!(value_text(text, &p, "/b/1"), "- n");
    assert_eq!(p.tree.value(at(&p, "/b/2")).type_name(), "null");
    assert_eq!(value_text(text, &p, "/c/1"), "[2, 3]");
    let root_seq = "- a\n- b: 1\n  c: 2\n";
    let p = yaml(root_seq);
    assert_eq!(value_text(root_seq, &p, ""), "- a\n- b: 1\n  c: 2");
    assert_eq!(value_text(root_seq, &p, "/1"), "b: 1\n  c: 2");
}

#[test]
fn yaml_block_scalar_spans() {
    let text = "\
d: |
  lit
  more

e: >-
  folded
  # not a comment

# comment
f: !!str |+
  keep

g: &anchor |
  x
h:
- |2
   indented
i: |
j: end
";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(value_text(text, &p, "/d"), "|\n  lit\n  more");
    assert_eq!(p.tree.as_str(at(&p, "/d")), Some("lit\nmore\n"));
    assert_eq!(
        value_text(text, &p, "/e"),
        ">-\n  folded\n  # not a comment"
    );
    assert_eq!(p.tree.as_str(at(&p, "/e")), Some("folded # not a comment"));
    assert_eq!(value_text(text, &p, "/f"), "|+\n  keep");
    assert_eq!(p.tree.as_str(at(&p, "/f")), Some("keep\n\n"));
    assert_eq!(value_text(text, &p, "/g"), "|\n  x");
    assert_eq!(value_text(text, &p, "/h/0"), "|2\n   indented");
    assert_eq!(p.tree.as_str(at(&p, "/h/0")), Some(" indented\n"));
    assert_eq!(value_text(text, &p, "/h"), "- |2\n   indented");
    // An empty block scalar is just its header.
    assert_eq!(value_text(text, &p, "/i"), "|");
    assert_eq!(p.tree.as_str(at(&p, "/i")), Some(""));
}

#[test]
fn yaml_spans_with_multibyte_and_crlf() {
    let text = "ключ: значение\r\n\"😀\": [é, 'ü']\r\nz: |\r\n  блок\r\n  x\r\n";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(key_text(text, &p, "/ключ"), "ключ");
    assert_eq!(value_text(text, &p, "/ключ"), "значение");
    assert_eq!(key_text(text, &p, "/😀"), "\"😀\"");
    assert_eq!(value_text(text, &p, "/😀/1"), "'ü'");
    assert_eq!(pos(text, p.tree.node(at(&p, "/😀/1")).span.start), (2, 11));
    assert_eq!(value_text(text, &p, "/z"), "|\r\n  блок\r\n  x");
    assert_eq!(p.tree.as_str(at(&p, "/z")), Some("блок\nx\n"));
    assert_eq!(
        pos(text, p.tree.key_of(at(&p, "/z")).unwrap().1.start),
        (3, 1)
    );
    // saphyr's character index counts the bytes of directive parameters;
    // positions must not drift after a non-ASCII one.
    let directive = "%FOO éé ü\n---\nk: é\nb: x\n";
    let p = yaml(directive);
    assert_eq!(value_text(directive, &p, "/b"), "x");
    assert_eq!(value_text(directive, &p, "/k"), "é");
    // A leading byte order mark shifts every byte offset by three.
    let bom = "\u{feff}a: é\nb: c\n";
    let p = yaml(bom);
    assert_eq!(value_text(bom, &p, "/b"), "c");
    assert_eq!(key_text(bom, &p, "/a"), "a");
    assert_eq!(p.tree.node(at(&p, "/b")).span, Span::new(12, 13));
}

#[test]
fn yaml_scalar_resolution_follows_the_core_schema() {
    let cases: &[(&str, serde_json::Value)] = &[
        ("~", serde_json::Value::Null),
        ("null", serde_json::Value::Null),
        ("Null", serde_json::Value::Null),
        ("NULL", serde_json::Value::Null),
        ("", serde_json::Value::Null),
        ("nULL", "nULL".into()),
        ("true", true.into()),
        ("True", true.into()),
        ("TRUE", true.into()),
        ("false", false.into()),
        ("False", false.into()),
        ("FALSE", false.into()),
        ("tRUE", "tRUE".into()),
        ("yes", "yes".into()),
        ("no", "no".into()),
        ("on", "on".into()),
        ("off", "off".into()),
        ("y", "y".into()),
        ("0", 0.into()),
        ("-0", 0.into()),
        ("+12", 12.into()),
        ("-12", (-12).into()),
        ("0777", 777.into()),
        ("0o17", 15.into()),
        ("0x1F", 31.into()),
        ("0xff", 255.into()),
        ("0x", "0x".into()),
        ("0o8", "0o8".into()),
        ("-0x1", "-0x1".into()),
        ("1_000", "1_000".into()),
        ("9223372036854775807", i64::MAX.into()),
        ("1.5", 1.5.into()),
        ("-1.5e3", (-1500.0).into()),
        ("1e3", 1000.0.into()),
        (".5", 0.5.into()),
        ("5.", 5.0.into()),
        ("+.5E-1", 0.05.into()),
        (".", ".".into()),
        ("1.2.3", "1.2.3".into()),
        ("3.0.0", "3.0.0".into()),
        ("1e", "1e".into()),
        ("inf", "inf".into()),
        ("nan", "nan".into()),
        ("infinity", "infinity".into()),
        ("1:20", "1:20".into()),
        ("2001-12-14", "2001-12-14".into()),
        ("abc", "abc".into()),
    ];
    for (plain, expected) in cases {
        let text = format!("v: {plain}\n");
        let p = yaml(&text);
        assert_eq!(&p.tree.to_json(at(&p, "/v")), expected, "{plain:?}");
    }
    let float = |s: &str| match yaml(&format!("v: {s}\n")).tree.value(1) {
        Value::Number(Number::Float(f)) => *f,
        v => panic!("{s}: {v:?}"),
    };
    assert_eq!(float(".inf"), f64::INFINITY);
    assert_eq!(float("+.Inf"), f64::INFINITY);
    assert_eq!(float("-.INF"), f64::NEG_INFINITY);
    assert!(float(".nan").is_nan());
    assert!(float(".NaN").is_nan());
    assert!(float(".NAN").is_nan());
    assert_eq!(float("1.0"), 1.0);
    assert_eq!(float("99999999999999999999"), 1e20);
    assert!(matches!(
        yaml("v: -.nan\n").tree.value(1),
        Value::String(s) if &**s == "-.nan"
    ));
    // Quoted and block scalars are always strings.
    let p = yaml("a: '1'\nb: \"true\"\nc: |\n  null\nd: 'null'\n");
    assert_eq!(
        p.tree.to_json(0),
        serde_json::json!({"a": "1", "b": "true", "c": "null\n", "d": "null"})
    );
}

#[test]
fn yaml_tags() {
    let text = "\
a: !!str 12
b: !!int '0x10'
c: !!float 1
d: !!bool 'TRUE'
e: !!null ''
f: !!str
g: !custom 12
h: ! 12
i: !<tag:yaml.org,2002:str> true
j: !!map {k: v}
k: !!float .inf
l: !!binary abc
";
    let p = yaml(text);
    check_invariants(&p.tree);
    let v = |k: &str| p.tree.value(at(&p, &format!("/{k}"))).clone();
    assert!(matches!(v("a"), Value::String(s) if &*s == "12"));
    assert!(matches!(v("b"), Value::Number(Number::Int(16))));
    assert!(matches!(v("c"), Value::Number(Number::Float(f)) if f == 1.0));
    assert!(matches!(v("d"), Value::Bool(true)));
    assert!(matches!(v("e"), Value::Null));
    assert!(matches!(v("f"), Value::String(s) if s.is_empty()));
    // Unknown tags are ignored: the plain scalar resolves as usual.
    assert!(matches!(v("g"), Value::Number(Number::Int(12))));
    // The non-specific tag `!` makes a string.
    assert!(matches!(v("h"), Value::String(s) if &*s == "12"));
    assert!(matches!(v("i"), Value::String(s) if &*s == "true"));
    assert_eq!(p.tree.to_json(at(&p, "/j")), serde_json::json!({"k": "v"}));
    assert!(matches!(v("k"), Value::Number(Number::Float(f)) if f.is_infinite()));
    assert!(matches!(v("l"), Value::String(s) if &*s == "abc"));
    // The span of a tagged value is the value, not the tag.
    assert_eq!(value_text(text, &p, "/a"), "12");
    assert_eq!(value_text(text, &p, "/b"), "'0x10'");
    assert_eq!(value_text(text, &p, "/j"), "{k: v}");
    // A value the tag cannot take is an error at the value.
    let bad = "a: 1\nb: !!int abc\n";
    let e = yaml_err(bad);
    assert_eq!(e.message, "'abc' is not a valid !!int");
    assert_eq!(err_pos(bad, &e), (2, 10));
    assert_eq!(
        yaml_err("a: !!bool yes\n").message,
        "'yes' is not a valid !!bool"
    );
    assert_eq!(
        yaml_err("a: !!null 0\n").message,
        "'0' is not a valid !!null"
    );
}

#[test]
fn yaml_keys_are_raw_text() {
    let text = "200: ok\ntrue: t\nnull: n\n~: tilde\n1.50: f\n0x10: h\n'q': 1\n? explicit\n: e\n";
    let p = yaml(text);
    check_invariants(&p.tree);
    let keys: Vec<_> = match p.tree.value(0) {
        Value::Object(e) => e.iter().map(|e| e.key.to_string()).collect(),
        _ => unreachable!(),
    };
    assert_eq!(
        keys,
        ["200", "true", "null", "~", "1.50", "0x10", "q", "explicit"]
    );
    assert_eq!(key_text(text, &p, "/200"), "200");
    assert_eq!(key_text(text, &p, "/explicit"), "explicit");
    // Non-scalar keys are rejected where they start.
    let e = yaml_err("a: 1\n? [x, y]\n: z\n");
    assert_eq!(
        e.message,
        "mapping keys must be scalars; a mapping or sequence as a key is not supported"
    );
    assert_eq!(err_pos("a: 1\n? [x, y]\n: z\n", &e), (2, 3));
    let e = yaml_err("{[a]: b}");
    assert_eq!(e.span.start, 1);
    let e = yaml_err("x: &k {a: 1}\n*k : 2\n");
    assert_eq!(err_pos("x: &k {a: 1}\n*k : 2\n", &e), (2, 1));
}

#[test]
fn yaml_duplicate_keys_last_wins() {
    let text = "a: 1\nb:\n  x: 1\na:\n  y: [2]\nb: {z: 3}\n";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(
        p.tree.to_json(0),
        serde_json::json!({"a": {"y": [2]}, "b": {"z": 3}})
    );
    assert_eq!(p.tree.len(), 6);
    assert_eq!(p.duplicate_keys.len(), 2);
    assert_eq!(p.duplicate_keys[0].key, "a");
    assert_eq!(pos(text, p.duplicate_keys[0].span.start), (4, 1));
    assert_eq!(pos(text, p.duplicate_keys[0].first.start), (1, 1));
    assert_eq!(pos(text, p.duplicate_keys[1].span.start), (6, 1));
    assert_eq!(pos(text, p.duplicate_keys[1].first.start), (2, 1));
    // The entry keeps its first key position but points to the new value.
    assert_eq!(
        pos(text, p.tree.key_of(at(&p, "/a")).unwrap().1.start),
        (1, 1)
    );
    assert_eq!(value_text(text, &p, "/a/y"), "[2]");
    // Quoted and plain spellings of one key are the same key.
    let p = yaml("'k': 1\nk: 2\n\"k\": 3\n");
    assert_eq!(p.duplicate_keys.len(), 2);
    assert_eq!(p.tree.to_json(0), serde_json::json!({"k": 3}));
}

#[test]
fn yaml_aliases_copy_the_anchor_with_its_spans() {
    let text = "\
base: &b
  type: object
  props: [1, 2]
copy: *b
list:
  - &s hello
  - *s
";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(
        p.tree.to_json(at(&p, "/copy")),
        p.tree.to_json(at(&p, "/base"))
    );
    let orig = at(&p, "/base/props/1");
    let copy = at(&p, "/copy/props/1");
    assert_ne!(orig, copy);
    assert_eq!(p.tree.node(orig).span, p.tree.node(copy).span);
    assert_eq!(
        p.tree.key_of(at(&p, "/copy/type")).unwrap().1,
        p.tree.key_of(at(&p, "/base/type")).unwrap().1
    );
    assert_eq!(
        value_text(text, &p, "/copy"),
        "type: object\n  props: [1, 2]"
    );
    // The copy sits under its own key, whose span is the alias's key.
    assert_eq!(key_text(text, &p, "/copy"), "copy");
    assert_eq!(value_text(text, &p, "/list/1"), "hello");
    assert_eq!(value_text(text, &p, "/list/0"), "hello");
    // Anchors may be redefined; an alias takes the latest.
    let p = yaml("a: &x 1\nb: &x 2\nc: *x\n");
    assert_eq!(
        p.tree.to_json(0),
        serde_json::json!({"a": 1, "b": 2, "c": 2})
    );
    // Anchored keys can be aliased as keys or values.
    let p = yaml("&k key: 1\nother: *k\n*k : 2\n");
    assert_eq!(
        p.tree.to_json(0),
        serde_json::json!({"key": 2, "other": "key"})
    );
    assert_eq!(p.duplicate_keys.len(), 1);
}

#[test]
fn yaml_alias_errors() {
    let e = yaml_err("a: *nope\n");
    assert_eq!(e.message, "while parsing node, found unknown anchor");
    assert_eq!(err_pos("a: *nope\n", &e), (1, 4));
    let text = "a: &x\n  b: [*x]\n";
    let e = yaml_err(text);
    assert_eq!(
        e.message,
        "alias refers to a collection that contains it (recursive alias)"
    );
    assert_eq!(err_pos(text, &e), (2, 7));
}

#[test]
fn yaml_merge_keys() {
    let text = "\
defaults: &d
  a: 1
  b: 2
  n: {x: 1}
more: &m
  b: 20
  c: 30
one:
  <<: *d
  a: explicit
two:
  a: explicit
  <<: [*m, *d]
three:
  <<: {c: 300, e: 5}
  <<: *m
";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(
        p.tree.to_json(at(&p, "/one")),
        serde_json::json!({"a": "explicit", "b": 2, "n": {"x": 1}})
    );
    // Earlier sources win over later ones; explicit keys over all.
    assert_eq!(
        p.tree.to_json(at(&p, "/two")),
        serde_json::json!({"a": "explicit", "b": 20, "c": 30, "n": {"x": 1}})
    );
    assert_eq!(
        p.tree.to_json(at(&p, "/three")),
        serde_json::json!({"c": 300, "e": 5, "b": 20})
    );
    assert!(p.duplicate_keys.is_empty());
    // Merged entries keep the source's spans.
    let merged = at(&p, "/one/n/x");
    assert_eq!(
        p.tree.node(merged).span,
        p.tree.node(at(&p, "/defaults/n/x")).span
    );
    assert_eq!(key_text(text, &p, "/one/b"), "b");
    assert_eq!(
        pos(text, p.tree.key_of(at(&p, "/one/b")).unwrap().1.start),
        (3, 3)
    );
    // The inline source mapping of `three` is not part of the tree.
    assert_eq!(p.tree.get(at(&p, "/three"), "<<"), None);
    // A quoted "<<" is an ordinary key.
    let p = yaml("a: &a {x: 1}\nb:\n  '<<': *a\n");
    assert_eq!(
        p.tree.to_json(at(&p, "/b")),
        serde_json::json!({"<<": {"x": 1}})
    );
    // Merging a scalar is an error at the value.
    let bad = "a: &a 1\nb:\n  <<: *a\n";
    let e = yaml_err(bad);
    assert_eq!(
        e.message,
        "the merge key '<<' takes a mapping or a sequence of mappings"
    );
    assert_eq!(err_pos(bad, &e), (3, 7));
    assert!(parse_yaml("b:\n  <<: [{a: 1}, [x]]\n", &limits()).is_err());
    assert!(parse_yaml("b:\n  <<: 3\n", &limits()).is_err());
}

#[test]
fn yaml_merge_chains_and_nested_merges() {
    let text = "\
base: &base {type: object, x: 1}
mid: &mid
  <<: *base
  x: 2
top:
  <<: *mid
  y: 3
";
    let p = yaml(text);
    check_invariants(&p.tree);
    assert_eq!(
        p.tree.to_json(at(&p, "/top")),
        serde_json::json!({"y": 3, "x": 2, "type": "object"})
    );
}

#[test]
fn yaml_alias_bomb_fails_fast() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        let items = vec![format!("*{prev}"); 10].join(",");
        text.push_str(&format!("{name}: &{name} [{items}]\n"));
    }
    let started = std::time::Instant::now();
    let e = yaml_err(&text);
    assert_eq!(
        e.message,
        "YAML aliases expand to more than 1000000 nodes (alias bomb?)"
    );
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    // The error points at an alias.
    assert!(text_of(&text, e.span).starts_with('*'), "{e:?}");
    // A small budget trips early; within budget aliases just work.
    let tight = Limits {
        max_alias_nodes: 25,
        ..Limits::default()
    };
    let ok = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n";
    assert!(parse_yaml(ok, &tight).is_ok());
    let too_many = "a: &a [1, 2, 3]\nb: [*a, *a, *a, *a, *a, *a, *a]\n";
    assert!(parse_yaml(too_many, &tight).is_err());
    // Merges are charged too.
    let merge = "a: &a {x: 1, y: 2}\nb: {<<: *a}\nc: {<<: *a}\n";
    let two = Limits {
        max_alias_nodes: 3,
        ..Limits::default()
    };
    let e = parse_yaml(merge, &two).unwrap_err();
    assert!(e.message.starts_with("YAML aliases expand"), "{e:?}");
}

#[test]
fn yaml_deep_nesting_is_an_error_not_a_crash() {
    // Flow nesting: saphyr's own limit (255) comes first.
    let e = yaml_err(&"[".repeat(100_000));
    assert_eq!(
        e.message,
        "flow collections ('[', '{') nested deeper than 255 levels"
    );
    let e = yaml_err(&"{a: ".repeat(100_000));
    assert!(e.message.contains("deeper than 255"), "{e:?}");
    // Block sequences on one line nest without indentation growth.
    let text = format!("{}x\n", "- ".repeat(100_000));
    let e = yaml_err(&text);
    assert_eq!(e.message, "nesting deeper than 512 levels");
    assert_eq!(e.span.start, 512 * 2);
    // Nested block mappings.
    let mut text = String::new();
    for i in 0..600 {
        text.push_str(&" ".repeat(i));
        text.push_str("a:\n");
    }
    let e = yaml_err(&text);
    assert_eq!(e.message, "nesting deeper than 512 levels");
    assert_eq!(err_pos(&text, &e), (513, 513));
    // Explicit keys nest too.
    let e = yaml_err(&format!("{}x\n", "? ".repeat(100_000)));
    assert!(
        e.message.starts_with("nesting deeper") || e.message.starts_with("mapping keys"),
        "{e:?}"
    );
    // Just within the limit is fine.
    let ok = format!("{}x\n", "- ".repeat(512));
    check_invariants(&yaml(&ok).tree);
}

#[test]
fn parsers_do_not_recurse_even_with_a_huge_depth_limit() {
    // 100 000 levels on a 256 KiB stack: only an explicit stack survives.
    let run = || {
        let huge = Limits {
            max_depth: 1_000_000,
            ..Limits::default()
        };
        let n = 100_000;
        let text = format!("{}{}", "[".repeat(n), "]".repeat(n));
        let p = parse_json(&text, &huge).unwrap();
        assert_eq!(p.tree.len(), n);
        assert_eq!(p.tree.depth(n as NodeId - 1), n - 1);
        // A duplicate key deep down forces the tree to be rebuilt.
        let text = format!("{}{{\"k\": [1], \"k\": 2}}{}", "[".repeat(n), "]".repeat(n));
        let p = parse_json(&text, &huge).unwrap();
        assert_eq!(p.duplicate_keys.len(), 1);
        assert_eq!(p.tree.len(), n + 2);
        let text = format!("{}x\n", "- ".repeat(n));
        let p = parse_yaml(&text, &huge).unwrap();
        assert_eq!(p.tree.len(), n + 1);
        assert_eq!(p.tree.as_str(n as NodeId), Some("x"));
    };
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn yaml_aliases_cannot_exceed_the_depth_limit() {
    // Each level wraps the previous anchor 200 levels deeper.
    let mut text = String::new();
    text.push_str(&format!("a: &a {}1{}\n", "[".repeat(200), "]".repeat(200)));
    text.push_str(&format!("b: &b {}*a{}\n", "[".repeat(200), "]".repeat(200)));
    text.push_str(&format!("c: &c {}*b{}\n", "[".repeat(200), "]".repeat(200)));
    let e = yaml_err(&text);
    assert_eq!(e.message, "nesting deeper than 512 levels");
    assert_eq!(err_pos(&text, &e), (3, 207));
}

#[test]
fn yaml_documents() {
    // Empty streams and documents are a lone null.
    for text in ["", "# only a comment\n", "---\n", "---\n...\n", "\n\n"] {
        let p = yaml(text);
        assert_eq!(p.tree.len(), 1, "{text:?}");
        assert!(matches!(p.tree.value(0), Value::Null), "{text:?}");
    }
    let p = yaml("--- \na: 1\n...\n");
    assert_eq!(p.tree.to_json(0), serde_json::json!({"a": 1}));
    let text = "a: 1\n---\nb: 2\n";
    let e = yaml_err(text);
    assert_eq!(
        e.message,
        "multiple YAML documents in one file are not supported"
    );
    assert_eq!(err_pos(text, &e), (2, 1));
    assert_eq!(text_of(text, e.span), "---");
    // A scalar document.
    assert_eq!(
        yaml("just text\n").tree.to_json(0),
        serde_json::json!("just text")
    );
}

#[test]
fn yaml_errors_have_positions() {
    let cases: &[(&str, &str, (u32, u32))] = &[
        (
            "a:\n\tb: 1\n",
            "tabs disallowed within this context (block indentation)",
            (2, 2),
        ),
        (
            "a: [1, 2\nb: 3\n",
            "illegal placement of ':' indicator",
            (2, 2),
        ),
        (
            "a: \"abc\n",
            "while scanning a quoted scalar, found unexpected end of stream",
            (1, 4),
        ),
        (
            "é: 'x\n",
            "while scanning a quoted scalar, found unexpected end of stream",
            (1, 4),
        ),
        (
            "a: 1\n b: 2\n",
            "mapping values are not allowed in this context",
            (2, 3),
        ),
        (
            "a: \"bad \\q escape\"\n",
            "while parsing a quoted scalar, found unknown escape character",
            // saphyr points at the scalar, not at the escape.
            (1, 4),
        ),
    ];
    for (text, message, at) in cases {
        let e = yaml_err(text);
        assert_eq!(&e.message, message, "{text:?}");
        assert_eq!(err_pos(text, &e), *at, "{text:?}: {e:?}");
    }
}

// ------------------------------------------------------------ dispatch ----

#[test]
fn parse_picks_the_syntax() {
    assert_eq!(parse("{\"a\": 1}", &limits()).unwrap().syntax, Syntax::Json);
    assert_eq!(parse("  [1]", &limits()).unwrap().syntax, Syntax::Json);
    assert_eq!(parse("a: 1", &limits()).unwrap().syntax, Syntax::Yaml);
    // A YAML flow mapping is not JSON but still a document.
    let p = parse("{a: 1, b: [x]}\n", &limits()).unwrap();
    assert_eq!(p.syntax, Syntax::Yaml);
    assert_eq!(p.tree.to_json(0), serde_json::json!({"a": 1, "b": ["x"]}));
    // When both fail, the JSON error is reported.
    let e = parse("{\"a\": 1,, }", &limits()).unwrap_err();
    assert_eq!(e.message, "expected a string key after ','");
    let e = parse("[1, 2", &limits()).unwrap_err();
    assert_eq!(e.message, "expected ',' or ']' after array element");
}

// -------------------------------------------------------------- corpus ----

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
    let Ok(entries) = std::fs::read_dir(dir) else {
        // In CI the corpus is part of the checkout: its absence is a
        // failure, not a silently skipped test.
        assert!(
            std::env::var_os("CI").is_none(),
            "{dir} not found and CI is set"
        );
        println!("note: {dir} not found; corpus tests skipped");
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Decodes a key's source text the simple way: JSON strings, YAML quoted
/// strings without escapes or line breaks, and single-line plain keys.
/// `None` for anything else (those keys are checked by the parser tests).
fn simple_key_text(raw: &str) -> Option<String> {
    if raw.starts_with('"') {
        return serde_json::from_str(raw).ok();
    }
    if let Some(inner) = raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        return (!inner.contains('\n')).then(|| inner.replace("''", "'"));
    }
    (!raw.contains(['\n', '#', '&', '!', '*', '?'])).then(|| raw.to_string())
}

#[test]
fn corpus_trees_are_consistent() {
    for (name, text) in corpus() {
        let p = parse(&text, &limits()).unwrap_or_else(|e| {
            let at = LineIndex::new(&text).position(&text, e.span.start as usize);
            panic!("{name}: {} at {}:{}", e.message, at.line, at.column)
        });
        let tree = &p.tree;
        check_invariants(tree);
        let is_json = name.ends_with(".json");
        assert_eq!(p.syntax == Syntax::Json, is_json, "{name}");
        let mut keys_checked = 0;
        for id in 0..tree.len() as NodeId {
            let node = tree.node(id);
            assert!(
                text.is_char_boundary(node.span.start as usize)
                    && text.is_char_boundary(node.span.end as usize),
                "{name}: span of {}",
                tree.pointer(id)
            );
            if let Some((key, span)) = tree.key_of(id) {
                let raw = text_of(&text, span);
                if is_json {
                    let decoded: String = serde_json::from_str(raw).unwrap();
                    assert_eq!(decoded, key, "{name}: key at {}", tree.pointer(id));
                    keys_checked += 1;
                } else if let Some(decoded) = simple_key_text(raw) {
                    assert_eq!(decoded, key, "{name}: key at {}", tree.pointer(id));
                    keys_checked += 1;
                }
            }
            let raw = text_of(&text, node.span);
            match &node.value {
                Value::Array(_) | Value::Object(_) => {
                    let (open, close) = match &node.value {
                        Value::Array(_) => ('[', ']'),
                        _ => ('{', '}'),
                    };
                    if is_json {
                        assert!(raw.starts_with(open) && raw.ends_with(close), "{name}");
                    }
                    // No collection's span ends in blanks.
                    assert_eq!(raw, raw.trim_end(), "{name}: {}", tree.pointer(id));
                }
                scalar if is_json => {
                    // Every JSON scalar's text parses back to its value.
                    let back: serde_json::Value = serde_json::from_str(raw).unwrap();
                    let ours = Tree::to_json(tree, id);
                    assert!(
                        same_json(&back, &ours),
                        "{name}: {raw} vs {scalar:?} at {}",
                        tree.pointer(id)
                    );
                }
                Value::String(s) if raw.starts_with(['"', '\'']) => {
                    assert!(raw.len() >= 2 && raw.ends_with(&raw[..1]), "{name}: {raw}");
                    if !raw.contains(['\\', '\n', '\'']) {
                        assert_eq!(&raw[1..raw.len() - 1], &**s, "{name}");
                    }
                }
                Value::String(s) if raw.starts_with(['|', '>']) => {
                    assert!(!s.is_empty() || raw.len() <= 3, "{name}: {raw}");
                }
                Value::String(s) if !raw.contains('\n') && !raw.is_empty() => {
                    assert_eq!(raw, &**s, "{name}: plain scalar at {}", tree.pointer(id));
                }
                _ => {}
            }
        }
        println!(
            "{name}: {} nodes, {keys_checked} key spans checked, {} duplicate keys",
            tree.len(),
            p.duplicate_keys.len()
        );
        assert!(keys_checked > 0, "{name}");
    }
}

/// Equality of JSON values where numbers compare by value: serde_json keeps
/// integers above `i64::MAX` as `u64`, the tree as the nearest float.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same_json(vx, vy))
        }
        _ => a == b,
    }
}

#[test]
fn corpus_json_matches_serde_json() {
    for (name, text) in corpus() {
        if !name.ends_with(".json") {
            continue;
        }
        let p = json(&text);
        let ours = p.tree.to_json(Tree::ROOT);
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Exact equality: same key order (serde_json's `preserve_order`),
        // same integers, bit-identical floats.
        assert!(ours == theirs, "{name} differs from serde_json");
    }
}

#[test]
fn corpus_yaml_structure_counts() {
    // Counted by hand (awk over the indentation of the files, then checked
    // against PyYAML once), so the test needs no second YAML reader. Twilio
    // has explicit `? key`s whose `:` lines the awk count also matched.

    let expected: &[(&str, &str, usize, &str, usize)] = &[
        (
            "argo-workflows-executor-swagger.yml",
            "/paths",
            1,
            "/definitions",
            228,
        ),
        ("oai-petstore.yaml", "/paths", 2, "/components/schemas", 3),
        ("oai-uspto.yaml", "/paths", 3, "/components/schemas", 1),
        (
            "openai-openapi.yaml",
            "/paths",
            182,
            "/components/schemas",
            1422,
        ),
        (
            "redocly-museum-openapi.yaml",
            "/paths",
            5,
            "/components/schemas",
            22,
        ),
        (
            "stripe-spec3.yaml",
            "/paths",
            318,
            "/components/schemas",
            819,
        ),
        (
            "twilio-twilio_api_v2010.yaml",
            "/paths",
            121,
            "/components/schemas",
            148,
        ),
        ("zally-api_tinbox.yaml", "/paths", 11, "/definitions", 32),
    ];
    let files = corpus();
    if files.is_empty() {
        return;
    }
    let count = |p: &Parsed, ptr: &str| match p.tree.lookup(ptr).map(|id| p.tree.value(id)) {
        Some(Value::Object(e)) => e.len(),
        other => panic!("{ptr}: {other:?}"),
    };
    for (file, a, na, b, nb) in expected {
        let Some((_, text)) = files.iter().find(|(n, _)| n == file) else {
            println!("note: {file} not in the corpus");
            continue;
        };
        let p = yaml(text);
        assert_eq!(count(&p, a), *na, "{file} {a}");
        assert_eq!(count(&p, b), *nb, "{file} {b}");
        // YAML → tree → JSON text → our JSON parser gives the same tree.
        let json_text = serde_json::to_string(&p.tree.to_json(Tree::ROOT)).unwrap();
        let back = json(&json_text);
        assert!(
            same_json(&back.tree.to_json(Tree::ROOT), &p.tree.to_json(Tree::ROOT)),
            "{file}"
        );
    }
    let stripe = files.iter().find(|(n, _)| n == "stripe-spec3.yaml");
    if let Some((_, text)) = stripe {
        let p = yaml(text);
        assert_eq!(
            p.tree.as_str(p.tree.lookup("/openapi").expect("openapi")),
            Some("3.0.0")
        );
    }
}
