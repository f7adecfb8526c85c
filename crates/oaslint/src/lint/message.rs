//! Finding messages as Spectral writes them.
//!
//! A function's message is itself a template (Spectral's core functions
//! say `#{{print("property")}}must be truthy`), filled with the finding's
//! variables; a rule's `message` template is then filled with the same
//! variables, `{{error}}` being the function's filled message. Without a
//! rule `message` the message is the rule's `description`, else the
//! function's. The result is trimmed.
//!
//! The variables are those of the place the finding is reported at (the
//! nearest existing node): `property` (its key or index; for a missing
//! member the dotted path of what is missing, Spectral's way), `value`
//! (its value), `path` (Spectral's escaped URI-fragment pointer) and
//! `description` (the rule's, the word `null` when it has none).
//!
//! `{{name}}` becomes the variable as JavaScript's `String()` writes it (an
//! unknown name, or one with spaces inside the braces, becomes nothing);
//! `#{{expression}}` evaluates a small expression: `print("property")` is
//! `"<property>" property ` (`The document ` at the root),
//! `print("value")` is Spectral's short form of the value (`"text"`, `3`,
//! `Object{}`, `Array[]`), `print("<name>")` and a bare name are the
//! variable. Other expressions become nothing.

use crate::tree::{NodeId, Number, Tree, Value};

/// The variables of one finding.
pub(super) struct Vars<'a> {
    /// `{{property}}`, already computed.
    pub property: String,
    /// The reported node (`None`: the member is missing and the reported
    /// node is the document root's absence — never in practice).
    pub value: Option<(&'a Tree, NodeId)>,
    /// The key, when the finding is about an object key (`@key`, `…~`):
    /// `{{value}}` is then the key. Spectral gives the object under the
    /// key (`[object Object]`, `Object{}`), which names nothing; this is a
    /// deliberate difference (docs/spectral-compatibility.md).
    pub key: Option<&'a str>,
    /// The reported node's path (member keys, array indexes as digits).
    pub path: &'a [String],
    /// The rule's description.
    pub description: Option<&'a str>,
    /// The function's message (filled, when the rule's template is filled).
    pub error: &'a str,
}

impl Vars<'_> {
    fn variable(&self, name: &str) -> Option<String> {
        Some(match name {
            "property" => self.property.clone(),
            "error" => self.error.to_string(),
            "path" => print_pointer(self.path),
            "description" => self.description.unwrap_or("null").to_string(),
            "value" if self.key.is_some() => self.key.unwrap_or_default().to_string(),
            "value" => match self.value {
                Some((tree, node)) => js_string(tree, node),
                None => "undefined".to_string(),
            },
            _ => return None,
        })
    }

    /// `#{{…}}`: `print("…")` or a bare variable name.
    fn evaluate(&self, expression: &str) -> String {
        let e = expression.trim();
        if let Some(arg) = e
            .strip_prefix("print(")
            .and_then(|r| r.strip_suffix(')'))
            .map(str::trim)
        {
            let quoted = arg.len() >= 2
                && ((arg.starts_with('"') && arg.ends_with('"'))
                    || (arg.starts_with('\'') && arg.ends_with('\'')));
            if !quoted {
                return String::new();
            }
            return match &arg[1..arg.len() - 1] {
                "property" if self.property.is_empty() => "The document ".to_string(),
                "property" => format!("\"{}\" property ", self.property),
                "value" if self.key.is_some() => format!("\"{}\"", self.key.unwrap_or_default()),
                "value" => match self.value {
                    Some((tree, node)) => print_value(tree, node),
                    None => "undefined".to_string(),
                },
                "description" if self.description.is_none() => String::new(),
                other => self.variable(other).unwrap_or_default(),
            };
        }
        self.variable(e).unwrap_or_default()
    }
}

/// Fills `template` with `vars`, as Spectral's message replacer does.
pub(super) fn fill(template: &str, vars: &Vars<'_>) -> String {
    if !template.contains("{{") {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len());
    let bytes = template.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = template[i..].find("{{") {
        let open = i + found;
        let body_start = open + 2;
        let body_len = template[body_start..]
            .find(['}', '\n'])
            .unwrap_or(template.len() - body_start);
        let close = body_start + body_len;
        if body_len == 0 || !template[close..].starts_with("}}") {
            i = open + 1;
            continue;
        }
        let evaluate = open > copied && bytes[open - 1] == b'#';
        let start = if evaluate { open - 1 } else { open };
        out.push_str(&template[copied..start]);
        let body = &template[body_start..close];
        if evaluate {
            out.push_str(&vars.evaluate(body));
        } else if let Some(v) = vars.variable(body) {
            out.push_str(&v);
        }
        copied = close + 2;
        i = copied;
    }
    out.push_str(&template[copied..]);
    out
}

/// The finding's message: the rule's template filled (`{{error}}` being
/// the function's filled message), else the rule's description, else the
/// function's filled message; trimmed.
pub(super) fn render(rule_message: Option<&str>, function_message: &str, vars: Vars<'_>) -> String {
    let error = fill(function_message, &vars);
    let message = match rule_message {
        Some(template) => {
            let vars = Vars {
                property: vars.property,
                value: vars.value,
                key: vars.key,
                path: vars.path,
                description: vars.description,
                error: &error,
            };
            fill(template, &vars)
        }
        None => match vars.description {
            Some(d) => d.to_string(),
            None => error.clone(),
        },
    };
    message.trim().to_string()
}

/// `{{property}}` of a finding reported at `path` (segments of the
/// nearest existing node). `missing` are the members below it that do not
/// exist; `via_ref` says that the reported node is a `$ref`'s target
/// reached at the place of the `$ref` itself, where Spectral forgets what
/// is missing below it.
pub(super) fn property(path: &[String], missing: &[String], via_ref: bool) -> String {
    let last = || path.last().map(|s| decode_fragment(s)).unwrap_or_default();
    if missing.is_empty() || via_ref {
        return last();
    }
    let mut segments: Vec<String> = Vec::with_capacity(missing.len() + 1);
    // Spectral prints the missing path from the last existing segment on
    // (only the last missing one at the root).
    match path.last() {
        Some(s) => {
            segments.push(decode_fragment(s));
            segments.extend(missing.iter().map(|s| decode_fragment(s)));
        }
        None => segments.extend(missing.last().map(|s| decode_fragment(s))),
    }
    print_dot_path(&segments)
}

/// Spectral's dotted path: `a.b`, `responses[500]`, `a['x y']`, `['']`.
fn print_dot_path(segments: &[String]) -> String {
    let mut out = String::new();
    for (i, s) in segments.iter().enumerate() {
        if s.is_empty() {
            out.push_str("['']");
        } else if s.chars().any(is_js_whitespace) {
            out.push_str(&format!("['{s}']"));
        } else if is_js_numeric(s) {
            out.push_str(&format!("[{s}]"));
        } else {
            if i > 0 {
                out.push('.');
            }
            out.push_str(s);
        }
    }
    decode_fragment(&out)
}

/// `~1` → `/`, `~0` → `~` (Spectral decodes path segments this way even
/// when they are plain keys).
fn decode_fragment(s: &str) -> String {
    if !s.contains('~') {
        return s.to_string();
    }
    s.replace("~1", "/").replace("~0", "~")
}

fn is_js_whitespace(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether JavaScript's `Number(s)` is a number (not `NaN`) for a
/// non-empty string without white space.
fn is_js_numeric(s: &str) -> bool {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    if t == "Infinity" {
        return true;
    }
    if s.starts_with(['+', '-'])
        && (t.starts_with("0x") || t.starts_with("0o") || t.starts_with("0b"))
    {
        return false;
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = s.strip_prefix(prefix) {
            return !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
        }
    }
    // Decimal literal: digits with one optional point, optional exponent.
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = digits(int)
        && frac.is_none_or(digits)
        && !(int.is_empty() && frac.is_none_or(str::is_empty));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// Spectral's `{{path}}`: `#/paths/~1pets/get`, each segment
/// pointer-escaped and then URI-encoded as `@stoplight/json` does.
pub(super) fn print_pointer(path: &[String]) -> String {
    if path.is_empty() {
        return "#".to_string();
    }
    let mut out = String::from("#");
    for s in path {
        out.push('/');
        let decoded = decode_fragment(&decode_fragment(s));
        let escaped = decoded.replace('~', "~0").replace('/', "~1");
        uri_encode(&escaped, &mut out);
    }
    out
}

/// `encodeURIComponent` of every character but letters, digits and
/// `_.!~*'()/-` (and `–`, which `@stoplight/json`'s pattern lets through).
fn uri_encode(s: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "_.!~*'()/-\u{2013}".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
}

/// JavaScript's `String(value)`.
pub(super) fn js_string(tree: &Tree, node: NodeId) -> String {
    match tree.value(node) {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => js_number(*n),
        Value::String(s) => s.to_string(),
        // `Array.prototype.toString`: items joined by commas, `null` as
        // nothing.
        Value::Array(items) => items
            .iter()
            .map(|&i| match tree.value(i) {
                Value::Null => String::new(),
                _ => js_string(tree, i),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".to_string(),
    }
}

/// Spectral's `printValue`: JSON for a scalar, `Object{}` / `Array[]`.
pub(super) fn print_value(tree: &Tree, node: NodeId) -> String {
    match tree.value(node) {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => js_number(*n),
        Value::String(s) => serde_json::to_string(&**s).unwrap_or_default(),
        Value::Array(_) => "Array[]".to_string(),
        Value::Object(_) => "Object{}".to_string(),
    }
}

/// A number as JavaScript prints it.
fn js_number(n: Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        Number::Float(x) if x.is_nan() => "NaN".to_string(),
        Number::Float(x) if x.is_infinite() => {
            if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
        }
        Number::Float(x) if x == x.trunc() && x.abs() < 1e21 => format!("{x:.0}"),
        Number::Float(x) if x.abs() >= 1e21 || (x != 0.0 && x.abs() < 1e-6) => {
            // Exponent form: `1e+21`, `1.5e-7`.
            let s = format!("{x:e}");
            match s.split_once('e') {
                Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
                _ => s,
            }
        }
        Number::Float(x) => x.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::parse::Limits;

    fn with_value<T>(yaml: &str, f: impl FnOnce(&Tree, NodeId) -> T) -> T {
        let doc = Document::parse("v.yaml", format!("v: {yaml}\n"), &Limits::default()).unwrap();
        let node = doc.tree.get(Tree::ROOT, "v").unwrap();
        f(&doc.tree, node)
    }

    fn vars<'a>(path: &'a [String], value: Option<(&'a Tree, NodeId)>) -> Vars<'a> {
        Vars {
            property: path.last().cloned().unwrap_or_default(),
            value,
            key: None,
            path,
            description: None,
            error: "",
        }
    }

    #[test]
    fn print_value_is_spectrals() {
        assert_eq!(with_value("\"a\\\"b\"", print_value), r#""a\"b""#);
        assert_eq!(with_value("[1]", print_value), "Array[]");
        assert_eq!(with_value("{a: 1}", print_value), "Object{}");
        assert_eq!(with_value("null", print_value), "null");
        assert_eq!(with_value("2.50", print_value), "2.5");
        assert_eq!(with_value("1.0", print_value), "1");
    }

    #[test]
    fn js_string_is_javascripts() {
        assert_eq!(with_value("[a, null, 2, [b, c]]", js_string), "a,,2,b,c");
        assert_eq!(with_value("{a: 1}", js_string), "[object Object]");
        assert_eq!(with_value("v1", js_string), "v1");
    }

    #[test]
    fn templates_fill_as_spectrals_replacer() {
        let path = vec!["info".to_string(), "title".to_string()];
        let v = vars(&path, None);
        assert_eq!(
            fill("#{{print(\"property\")}}must be truthy", &v),
            "\"title\" property must be truthy"
        );
        assert_eq!(
            fill("{{property}}|{{ property }}|{{nope}}|{{path}}", &v),
            "title|||#/info/title"
        );
        assert_eq!(fill("{{description}}", &v), "null");
        assert_eq!(fill("#{{print('value')}} x", &v), "undefined x");
        assert_eq!(fill("a {{ b", &v), "a {{ b");
        assert_eq!(fill("{{}} {{a\nb}}", &v), "{{}} {{a\nb}}");
        let root: Vec<String> = Vec::new();
        assert_eq!(
            fill(
                "#{{print(\"property\")}}must be defined",
                &vars(&root, None)
            ),
            "The document must be defined"
        );
    }

    #[test]
    fn rule_message_wraps_the_functions() {
        let path = vec!["a".to_string()];
        let v = vars(&path, None);
        assert_eq!(
            render(Some(" E={{error}} "), "#{{print(\"property\")}}bad", v),
            "E=\"a\" property bad"
        );
        let mut v = vars(&path, None);
        v.description = Some("Described.");
        assert_eq!(render(None, "bad", v), "Described.");
    }

    #[test]
    fn properties_and_paths_print_as_spectrals() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            property(&s(&["info"]), &s(&["contact", "name"]), false),
            "info.contact.name"
        );
        assert_eq!(
            property(
                &s(&["paths", "/a", "get", "responses"]),
                &s(&["500", "description"]),
                false
            ),
            "responses[500].description"
        );
        assert_eq!(property(&s(&[]), &s(&["a", "security"]), false), "security");
        assert_eq!(property(&s(&["x", "Err"]), &s(&["content"]), true), "Err");
        assert_eq!(property(&s(&["a", "b c"]), &s(&[""]), false), "['b c']['']");
        assert_eq!(
            print_pointer(&s(&["paths", "/pets/{id}", "get"])),
            "#/paths/~1pets~1%7Bid%7D/get"
        );
        assert_eq!(print_pointer(&s(&[])), "#");
        assert!(
            is_js_numeric("500")
                && is_js_numeric("1e3")
                && is_js_numeric("0x1F")
                && is_js_numeric(".5")
        );
        assert!(!is_js_numeric("2xx") && !is_js_numeric("e3") && !is_js_numeric("."));
    }
}
