use crate::functions::oas::{full_match, has_type, is_object, is_root_member, key_of, str_member};
use crate::functions::pattern::JsRegex;
use crate::functions::{Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use crate::workspace::Cursor;
use serde::Deserialize;

crate::declare_function! {
    /// Names and values must be written in the configured cases (Zally's
    /// `CaseChecker`, rule M010).
    ///
    /// # What it does
    ///
    /// Checks what its input is, so one rule can hand it everything Zally's
    /// M010 looks at:
    ///
    /// | Input | Checked against | Finding at |
    /// |---|---|---|
    /// | a parameter object (`in: path`/`query`/`header`) | `pathParameterNames`, `queryParameterNames`, `headerNames` | the parameter |
    /// | a `properties` map | `propertyNames`, for *leaf* properties (without own `properties`), as Zally | the property |
    /// | the root `paths` object | `pathSegments`: every segment that is not a `{variable}` | the path, one finding listing all bad segments |
    /// | a `headers` map (response headers, `components.headers`) | `headerNames` | the header |
    /// | the root `tags` array | `tagNames` for each tag's `name` | the tag |
    /// | an operation's `tags` array | `tagNames` | the array, one finding per bad tag |
    /// | a schema of `type: object` with a `discriminator` | `discriminatorValues` for the `mapping` keys and the discriminator property's `enum` | `discriminator` / the property |
    /// | a schema of `type: string` with an `enum` (not a discriminator property) | `enumValues`, one finding listing all bad values | the schema |
    ///
    /// A name passes when it fully matches any of the allowed expressions.
    /// The message is Zally's: `Property 'fooBar' does not match snake_case
    /// ('[a-z][a-z0-9]*(?:_[a-z0-9]+)*') but seems to be camelCase (…)` —
    /// "seems to be" names the `cases` that every checked input matches.
    ///
    /// # Why
    ///
    /// One spelling per kind of name makes an API predictable: clients never
    /// guess whether a field is `petName` or `pet_name`. Zally's M010 applies its
    /// configured cases to every name and value an API defines, which a company
    /// ruleset adapts with the options.
    ///
    /// # Options
    ///
    /// - `cases` (map of name → regular expression): the named cases, used in
    ///   the lists below and to describe what an input seems to be. Default:
    ///   Zally's `camelCase`, `PascalCase`, `snake_case`,
    ///   `SCREAMING_SNAKE_CASE`, `kebab-case`, `COBOL-CASE`,
    ///   `hyphenated-Camel-Case`, `Hyphenated-Pascal-Case` and `Title Case`.
    /// - `propertyNames` (default `[snake_case, _links]`), `pathSegments`
    ///   (`[kebab-case]`), `pathParameterNames` (`[kebab-case, snake_case]`),
    ///   `queryParameterNames` (`[snake_case]`), `headerNames`
    ///   (`[Hyphenated-Pascal-Case]`), `tagNames` (`[Title Case]`),
    ///   `discriminatorValues` (`[snake_case]`), `enumValues` (`[snake_case]`):
    ///   lists of allowed forms. An entry that names one of `cases` stands for
    ///   its expression; any other entry is a regular expression (JavaScript
    ///   syntax) that must match the whole input. An empty list switches that
    ///   check off.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   ZallyParameter:
    ///     - "$.paths[*].parameters[*]"
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace].parameters[*]"
    ///     - "$.components.parameters[*]"
    ///     - "$.parameters[*]"
    /// rules:
    ///   M010:
    ///     title: Check case of various terms
    ///     description: >-
    ///       Property names, path segments, path/query parameter names, header
    ///       names, tag names, discriminator values and string enum values must be
    ///       written in the configured cases (Zally's CaseChecker defaults).
    ///     message: "{{error}}"
    ///     severity: must
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#m010-check-case-of-various-terms
    ///     given:
    ///       - $..properties
    ///       - $.paths
    ///       - "#ZallyParameter"
    ///       - "$.paths[*][get,put,post,delete,options,head,patch,trace].responses[*].headers"
    ///       - $.components.headers
    ///       - $.tags
    ///       - "$.paths[*][get,put,post,delete,options,head,patch,trace].tags"
    ///       - $..discriminator^
    ///       - $..enum^
    ///     then:
    ///       function: caseChecker
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       properties:
    ///         petName: {type: string}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       properties:
    ///         pet_name: {type: string}
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// Zally collects properties into a map by name, so of two properties with
    /// the same name only one is reported; here each is. Properties inside
    /// `items` and `allOf`/`oneOf`/`anyOf` are checked too (Zally does not walk
    /// them).
    #[function("caseChecker")]
    pub(crate) struct CaseChecker {
        cases: Vec<Case>,
        property_names: Check,
        path_segments: Check,
        path_parameter_names: Check,
        query_parameter_names: Check,
        header_names: Check,
        tag_names: Check,
        discriminator_values: Check,
        enum_values: Check,
    }
}

/// Zally's named cases (`zally-core` `reference.conf`): name, the
/// expression as Zally writes it (shown in messages), and an equivalent
/// expression that matches in linear time. Zally's `camelCase`,
/// `PascalCase` and `Title Case` nest quantifiers over overlapping
/// characters, which a backtracking engine needs exponential time to
/// reject on long inputs (`AAAAAAAAAAAAAAAAAAAAAAAAA!`).
const CASES: [(&str, &str, &str); 9] = [
    (
        "camelCase",
        "[a-z][a-z0-9]*(?:[A-Z0-9]+[a-z0-9]*)*",
        "[a-z][a-zA-Z0-9]*",
    ),
    (
        "PascalCase",
        "[A-Z]+[a-z0-9]*(?:[A-Z0-9]+[a-z0-9]*)*",
        "[A-Z][a-zA-Z0-9]*",
    ),
    (
        "snake_case",
        "[a-z][a-z0-9]*(?:_[a-z0-9]+)*",
        "[a-z][a-z0-9]*(?:_[a-z0-9]+)*",
    ),
    (
        "SCREAMING_SNAKE_CASE",
        "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*",
        "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*",
    ),
    (
        "kebab-case",
        "[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
        "[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
    ),
    (
        "COBOL-CASE",
        "[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*",
        "[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*",
    ),
    (
        "hyphenated-Camel-Case",
        "[a-z][a-z0-9]*(?:-[A-Z0-9]+[a-z0-9]*)*",
        "[a-z][a-z0-9]*(?:-[A-Z0-9]+[a-z0-9]*)*",
    ),
    (
        "Hyphenated-Pascal-Case",
        "[A-Z]+[a-z0-9]*(?:-[A-Z0-9]+[a-z0-9]*)*",
        "[A-Z]+[a-z0-9]*(?:-[A-Z0-9]+[a-z0-9]*)*",
    ),
    (
        "Title Case",
        "([A-Z][^\\s]*\\s?)+",
        "[A-Z][^\\s]*(?:\\s[A-Z][^\\s]*)*\\s?",
    ),
];

fn list(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

/// The options of [`CaseChecker`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// Named cases (name → regular expression); default: Zally's nine cases.
    cases: Option<serde_json::Map<String, serde_json::Value>>,
    /// Allowed forms of leaf property names (case names or expressions).
    #[serde(default = "default_property_names")]
    property_names: Option<Vec<String>>,
    /// Allowed forms of path segments that are not `{variables}`.
    #[serde(default = "default_path_segments")]
    path_segments: Option<Vec<String>>,
    /// Allowed forms of path parameter names.
    #[serde(default = "default_path_parameter_names")]
    path_parameter_names: Option<Vec<String>>,
    /// Allowed forms of query parameter names.
    #[serde(default = "default_snake")]
    query_parameter_names: Option<Vec<String>>,
    /// Allowed forms of header names.
    #[serde(default = "default_header_names")]
    header_names: Option<Vec<String>>,
    /// Allowed forms of tag names.
    #[serde(default = "default_tag_names")]
    tag_names: Option<Vec<String>>,
    /// Allowed forms of discriminator mapping keys and enum values.
    #[serde(default = "default_snake")]
    discriminator_values: Option<Vec<String>>,
    /// Allowed forms of string enum values.
    #[serde(default = "default_snake")]
    enum_values: Option<Vec<String>>,
}

fn default_property_names() -> Option<Vec<String>> {
    list(&["snake_case", "_links"])
}
fn default_path_segments() -> Option<Vec<String>> {
    list(&["kebab-case"])
}
fn default_path_parameter_names() -> Option<Vec<String>> {
    list(&["kebab-case", "snake_case"])
}
fn default_snake() -> Option<Vec<String>> {
    list(&["snake_case"])
}
fn default_header_names() -> Option<Vec<String>> {
    list(&["Hyphenated-Pascal-Case"])
}
fn default_tag_names() -> Option<Vec<String>> {
    list(&["Title Case"])
}

/// A named case.
struct Case {
    name: String,
    /// The expression as messages show it.
    source: String,
    regex: JsRegex,
}

/// An allowed form: the expression as messages show it, and its matcher.
struct Allowed {
    source: String,
    regex: JsRegex,
}

/// The allowed forms of one kind of input; empty = not checked.
struct Check {
    allow: Vec<Allowed>,
}

impl CaseChecker {
    /// `Property 'x' does not match …` for the inputs `check` rejects, or
    /// `None` when all pass (Zally's `CaseChecker.check`).
    fn check(
        &self,
        prefix: &str,
        prefixes: &str,
        check: &Check,
        inputs: &[&str],
    ) -> Option<String> {
        if check.allow.is_empty() || inputs.is_empty() {
            return None;
        }
        let mismatches: Vec<&str> = inputs
            .iter()
            .copied()
            .filter(|i| !check.allow.iter().any(|a| a.regex.is_match(i)))
            .collect();
        if mismatches.is_empty() {
            return None;
        }
        let quoted: Vec<String> = mismatches.iter().map(|m| format!("'{m}'")).collect();
        let mut message = format!(
            "{} {} {} ",
            if mismatches.len() == 1 {
                prefix
            } else {
                prefixes
            },
            quoted.join(", "),
            if mismatches.len() == 1 {
                "does not match"
            } else {
                "do not match"
            }
        );
        if check.allow.len() > 1 {
            message.push_str("any of ");
        }
        let described: Vec<String> = check
            .allow
            .iter()
            .map(|a| self.describe(&a.source))
            .collect();
        message.push_str(&described.join(", "));
        // The cases every input matches.
        let mut suggestions: Vec<String> = self
            .cases
            .iter()
            .filter(|c| c.regex.is_match(inputs[0]))
            .map(|c| self.describe(&c.source))
            .collect();
        for input in &inputs[1..] {
            if suggestions.is_empty() {
                break;
            }
            suggestions.retain(|s| {
                self.cases
                    .iter()
                    .any(|c| c.regex.is_match(input) && &self.describe(&c.source) == s)
            });
        }
        suggestions.dedup();
        match suggestions.len() {
            0 => {}
            1 => {
                message.push_str(" but seems to be ");
                message.push_str(&suggestions[0]);
            }
            _ => {
                message.push_str(" but seems to be one of ");
                message.push_str(&suggestions.join(", "));
            }
        }
        Some(message)
    }

    /// `snake_case ('[a-z]…')` for an expression of a named case, else
    /// `'expression'`.
    fn describe(&self, source: &str) -> String {
        match self.cases.iter().find(|c| c.source == source) {
            Some(c) => format!("{} ('{}')", c.name, source),
            None => format!("'{source}'"),
        }
    }

    fn parameter(&self, param: &Cursor<'_>, out: &mut Vec<Outcome>) {
        let (Some(location), Some(name)) = (str_member(param, "in"), str_member(param, "name"))
        else {
            return;
        };
        let found = match location {
            "path" => self.check(
                "Path parameter",
                "Path parameters",
                &self.path_parameter_names,
                &[name],
            ),
            "query" => self.check(
                "Query parameter",
                "Query parameters",
                &self.query_parameter_names,
                &[name],
            ),
            "header" => self.check("Header", "Headers", &self.header_names, &[name]),
            _ => None,
        };
        out.extend(found.map(Outcome::new));
    }

    fn properties(&self, map: &Cursor<'_>, out: &mut Vec<Outcome>) {
        for (name, schema) in map.entries() {
            let leaf = match schema.get("properties").map(|p| p.value()) {
                Some(Value::Object(entries)) => entries.is_empty(),
                _ => true,
            };
            if !leaf {
                continue;
            }
            if let Some(m) = self.check("Property", "Properties", &self.property_names, &[name]) {
                out.push(Outcome::new(m).at(vec![name.to_string()]));
            }
        }
    }

    fn paths(&self, paths: &Cursor<'_>, out: &mut Vec<Outcome>) {
        for (path, _) in paths.entries() {
            if path.starts_with("x-") {
                continue;
            }
            let segments: Vec<&str> = path
                .split('/')
                .filter(|s| !s.is_empty() && !is_path_variable(s))
                .collect();
            if let Some(m) = self.check(
                "Path segment",
                "Path segments",
                &self.path_segments,
                &segments,
            ) {
                out.push(Outcome::new(m).at(vec![path.to_string()]));
            }
        }
    }

    fn headers(&self, map: &Cursor<'_>, out: &mut Vec<Outcome>) {
        for (name, _) in map.entries() {
            if let Some(m) = self.check("Header", "Headers", &self.header_names, &[name]) {
                out.push(Outcome::new(m).at(vec![name.to_string()]));
            }
        }
    }

    fn tags(&self, tags: &Cursor<'_>, root: bool, out: &mut Vec<Outcome>) {
        for (i, tag) in tags.items().enumerate() {
            let (name, path) = if root {
                (str_member(&tag, "name"), vec![i.to_string()])
            } else {
                (tag.as_str(), Vec::new())
            };
            let Some(name) = name else { continue };
            if let Some(m) = self.check("Tag", "Tags", &self.tag_names, &[name]) {
                out.push(Outcome::new(m).at(path));
            }
        }
    }

    fn discriminator(&self, schema: &Cursor<'_>, out: &mut Vec<Outcome>) {
        let Some(d) = schema.get("discriminator") else {
            return;
        };
        if !has_type(schema, "object") {
            return;
        }
        if let Some(mapping) = d.get("mapping") {
            let keys: Vec<&str> = mapping.entries().map(|(k, _)| k).collect();
            if let Some(m) = self.check(
                "Discriminator value",
                "Discriminator values",
                &self.discriminator_values,
                &keys,
            ) {
                out.push(Outcome::new(m).at(vec!["discriminator".into()]));
            }
        }
        let property = d.as_str().or_else(|| str_member(&d, "propertyName"));
        let Some(property) = property else { return };
        let Some(prop_schema) = schema.get("properties").and_then(|p| p.get(property)) else {
            return;
        };
        let Some(values) = enum_texts(&prop_schema) else {
            return;
        };
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        if let Some(m) = self.check(
            "Discriminator property enum value",
            "Discriminator property enums",
            &self.discriminator_values,
            &values,
        ) {
            out.push(Outcome::new(m).at(vec!["properties".into(), property.to_string()]));
        }
    }

    fn enumeration(&self, schema: &Cursor<'_>, out: &mut Vec<Outcome>) {
        if !has_type(schema, "string") || is_discriminator_property(schema) {
            return;
        }
        let Some(values) = enum_texts(schema) else {
            return;
        };
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        if let Some(m) = self.check("Enum value", "Enum values", &self.enum_values, &values) {
            out.push(Outcome::new(m));
        }
    }
}

/// A whole-segment path variable such as `{order-id}` (Zally's
/// `PatternUtil.isPathVariable`).
fn is_path_variable(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// The values of a schema's `enum` as text (Java `toString()`: strings as
/// they are, numbers and booleans as written, `null` as `null`).
fn enum_texts(schema: &Cursor<'_>) -> Option<Vec<String>> {
    let e = schema.get("enum")?;
    if !matches!(e.value(), Value::Array(_)) {
        return None;
    }
    Some(
        e.items()
            .filter_map(|v| match v.value() {
                Value::String(s) => Some(s.to_string()),
                Value::Null => Some("null".to_string()),
                Value::Bool(b) => Some(b.to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
    )
}

/// Whether the schema is the discriminator property of the schema whose
/// `properties` hold it (Zally leaves those to the discriminator check).
fn is_discriminator_property(schema: &Cursor<'_>) -> bool {
    let view = schema.view();
    let loc = schema.loc();
    let tree = view.tree(loc.doc);
    let Some((name, _)) = tree.key_of(loc.node) else {
        return false;
    };
    let Some(map) = tree.parent(loc.node) else {
        return false;
    };
    if tree.key_of(map).map(|(k, _)| k) != Some("properties") {
        return false;
    }
    let Some(owner) = tree.parent(map) else {
        return false;
    };
    let Some(d) = tree.get(owner, "discriminator") else {
        return false;
    };
    let property = tree
        .as_str(d)
        .or_else(|| tree.get(d, "propertyName").and_then(|p| tree.as_str(p)));
    property == Some(name)
}

impl NativeFunction for CaseChecker {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        let mut cases = Vec::new();
        match &o.cases {
            Some(map) => {
                for (name, v) in map {
                    let pattern = v.as_str().ok_or_else(|| {
                        format!("`cases.{name}` must be a regular expression string")
                    })?;
                    cases.push(Case {
                        name: name.clone(),
                        source: pattern.to_string(),
                        regex: full_match(&format!("cases.{name}"), pattern)?,
                    });
                }
            }
            None => {
                for (name, shown, linear) in CASES {
                    cases.push(Case {
                        name: name.to_string(),
                        source: shown.to_string(),
                        regex: full_match(name, linear)?,
                    });
                }
            }
        }
        let make = |option: &str, allow: &Option<Vec<String>>| -> Result<Check, String> {
            let mut out = Vec::new();
            for entry in allow.iter().flatten() {
                out.push(match cases.iter().find(|c| &c.name == entry) {
                    Some(c) => Allowed {
                        source: c.source.clone(),
                        regex: full_match(option, &c.regex.source)?,
                    },
                    None => Allowed {
                        source: entry.clone(),
                        regex: full_match(option, entry)?,
                    },
                });
            }
            Ok(Check { allow: out })
        };
        Ok(CaseChecker {
            property_names: make("propertyNames", &o.property_names)?,
            path_segments: make("pathSegments", &o.path_segments)?,
            path_parameter_names: make("pathParameterNames", &o.path_parameter_names)?,
            query_parameter_names: make("queryParameterNames", &o.query_parameter_names)?,
            header_names: make("headerNames", &o.header_names)?,
            tag_names: make("tagNames", &o.tag_names)?,
            discriminator_values: make("discriminatorValues", &o.discriminator_values)?,
            enum_values: make("enumValues", &o.enum_values)?,
            cases,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(c) = input.cursor() else {
            return;
        };
        match c.value() {
            Value::Array(_) if key_of(&c) == Some("tags") => {
                self.tags(&c, is_root_member(&c, "tags"), out);
            }
            Value::Array(_) => {}
            Value::Object(_) => {
                if is_root_member(&c, "paths") {
                    self.paths(&c, out);
                    return;
                }
                match key_of(&c) {
                    Some("properties") => self.properties(&c, out),
                    Some("headers") => self.headers(&c, out),
                    _ => {}
                }
                if str_member(&c, "in").is_some() {
                    self.parameter(&c, out);
                }
                if c.get("discriminator").is_some() {
                    self.discriminator(&c, out);
                }
                if c.get("enum").is_some() && is_object(&c) {
                    self.enumeration(&c, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Zally's expressions would take exponential time on these.
    #[test]
    fn long_inputs_are_fast() {
        let f = crate::functions::create_native::<CaseChecker>(&json!({})).unwrap();
        let long = format!("{}!", "A1".repeat(40));
        let yaml = format!("openapi: 3.0.3\ntags:\n  - name: '{long}'\nx:\n  type: string\n  enum: ['{long}', 'a{long}']\n");
        let start = std::time::Instant::now();
        let _ = crate::functions::cases::check_at(f.as_ref(), &yaml, "/tags");
        let _ = crate::functions::cases::check_at(f.as_ref(), &yaml, "/x");
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
        // The linear forms accept what Zally's accept.
        for (name, shown, linear) in CASES {
            let a = full_match(name, shown).unwrap();
            let b = full_match(name, linear).unwrap();
            for input in [
                "fooBar", "FooBar", "foo_bar", "FOO_BAR", "foo-bar", "FOO-BAR", "foo-Bar",
                "Foo-Bar", "Foo Bar", "Foo  Bar", "Foo Bar ", "a1B2", "ABc", "AbC", "x", "X", "9a",
                "", "Foo bar",
            ] {
                assert_eq!(a.is_match(input), b.is_match(input), "{name} on {input:?}");
            }
        }
    }
}
