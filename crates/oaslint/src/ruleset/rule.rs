//! One rule of a ruleset file: a full definition (`given`, `then` and the
//! rest, validated key by key), a severity or `true`/`false` for a rule
//! the file extends, or an override of some of its keys; each `then`
//! entry's `field` and the function it calls, created once with its
//! options.
//!
//! Separate from the file reader because this is where the rule format
//! grows (new rule keys, new `then` forms) and where functions are looked
//! up in the registry.

use super::load::Draft;
use super::overrides::BUILTIN_RULE_IDS;
use super::reader::FileReader;
use super::suggest::{suggestion, unknown};
use super::{Field, Rule, Then};
use crate::error::Error;
use crate::jsonpath::JsonPath;
use crate::severity::{RuleSeverity, Severity};
use crate::tree::{NodeId, Value};
use std::sync::Arc;

/// The keys of a full rule definition in `rules` (besides `x-`
/// extensions).
pub const RULE_KEYS: &[&str] = &[
    "title",
    "description",
    "message",
    "severity",
    "given",
    "then",
    "formats",
    "resolved",
    "documentationUrl",
    "tags",
    "recommended",
    "type",
    "extensions",
];

/// The keys a rule entry without `given`/`then` may set on a rule the
/// file extends (besides `x-` extensions).
pub const RULE_OVERRIDE_KEYS: &[&str] = &[
    "title",
    "description",
    "message",
    "severity",
    "functionOptions",
    "documentationUrl",
    "tags",
    "recommended",
];

impl FileReader<'_, '_> {
    pub(super) fn read_rule(
        &self,
        id: &str,
        node: NodeId,
        formats: &[String],
        documentation_url: Option<&str>,
        rules: &mut Vec<Draft>,
    ) -> Result<(), Error> {
        let rule_err = |e: Error| e.with_rule(id);
        let existing = rules.iter().position(|d| d.rule.id == id);
        let not_defined = || {
            let known = rules
                .iter()
                .map(|d| d.rule.id.as_str())
                .chain(BUILTIN_RULE_IDS.iter().copied());
            rule_err(self.key_err(
                node,
                format!(
                    "rule `{id}` is not defined in the extended rulesets, so it needs `given` and `then`{}",
                    suggestion(id, known)
                ),
            ))
        };
        match self.tree().value(node) {
            Value::String(_) | Value::Number(_) => {
                let sev = self.severity(node, "a rule's severity").map_err(rule_err)?;
                let i = existing.ok_or_else(not_defined)?;
                rules[i].rule.severity = sev;
                rules[i].declared = sev;
                Ok(())
            }
            Value::Bool(on) => {
                let i = existing.ok_or_else(not_defined)?;
                rules[i].rule.severity = if *on {
                    rules[i].declared
                } else {
                    RuleSeverity::Off
                };
                Ok(())
            }
            Value::Object(entries) => {
                let full = entries
                    .iter()
                    .any(|e| &*e.key == "given" || &*e.key == "then");
                if full {
                    // As in Spectral (`Object.assign` onto the inherited
                    // rule), what the new definition leaves out is kept.
                    let base = existing.map(|i| &rules[i]);
                    let draft = self
                        .full_rule(id, node, formats, documentation_url, base)
                        .map_err(rule_err)?;
                    match existing {
                        Some(i) => rules[i] = draft,
                        None => rules.push(draft),
                    }
                    Ok(())
                } else {
                    let i = existing.ok_or_else(not_defined)?;
                    self.override_rule(node, &mut rules[i]).map_err(rule_err)
                }
            }
            other => Err(rule_err(self.err(
                node,
                format!(
                    "a rule must be a mapping, a severity or true/false, not {}",
                    other.type_name()
                ),
            ))),
        }
    }

    fn full_rule(
        &self,
        id: &str,
        node: NodeId,
        formats: &[String],
        documentation_url: Option<&str>,
        base: Option<&Draft>,
    ) -> Result<Draft, Error> {
        let fields = self.entries(node, "a rule")?;
        for (key, n) in &fields {
            if !RULE_KEYS.contains(&key.as_str()) && !key.starts_with("x-") {
                return Err(self.key_err(
                    *n,
                    unknown(
                        &format!("unknown rule key `{key}`"),
                        key,
                        RULE_KEYS,
                        "expected one of",
                    ),
                ));
            }
        }
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
        let inherited = |what: &str| {
            base.map(|b| &b.rule)
                .ok_or_else(|| self.err(node, format!("a rule needs `{what}`")))
        };
        let (given, given_by_format) = match get("given") {
            Some(n) => self.given(n)?,
            None => {
                let b = inherited("given")?;
                (b.given.clone(), b.given_by_format.clone())
            }
        };
        let then = match get("then") {
            Some(then_node) => {
                let then_items: Vec<NodeId> = match self.tree().value(then_node) {
                    Value::Array(items) if !items.is_empty() => items.clone(),
                    Value::Array(_) => return Err(self.err(then_node, "`then` must not be empty")),
                    _ => vec![then_node],
                };
                then_items
                    .iter()
                    .map(|&t| self.then(t))
                    .collect::<Result<Vec<_>, _>>()?
            }
            None => inherited("then")?.then.clone(),
        };
        let severity = match (get("severity"), base) {
            (Some(n), _) => self.severity(n, "`severity`")?,
            (None, Some(b)) => b.declared,
            // Spectral's default is `warn`.
            (None, None) => RuleSeverity::On(Severity::Should),
        };
        let description = match get("description") {
            Some(n) => Some(self.string(n, "`description`")?),
            None => base.and_then(|b| b.rule.description.clone()),
        };
        let title = match get("title") {
            Some(n) => self.string(n, "`title`")?,
            None => match (base, get("description")) {
                (Some(b), None) => b.rule.title.clone(),
                _ => description
                    .as_deref()
                    .and_then(|d| d.lines().next())
                    .unwrap_or(id)
                    .to_string(),
            },
        };
        let message = match get("message") {
            Some(n) => Some(self.string(n, "`message`")?),
            None => base.and_then(|b| b.rule.message.clone()),
        };
        let rule_formats = match (get("formats"), base) {
            (Some(n), _) => self.formats(n)?,
            (None, Some(b)) => b.rule.formats.clone(),
            (None, None) => formats.to_vec(),
        };
        let resolved = match get("resolved") {
            Some(n) => self.bool(n, "`resolved`")?,
            None => base.is_none_or(|b| b.rule.resolved),
        };
        let recommended = match get("recommended") {
            Some(n) => self.bool(n, "`recommended`")?,
            None => base.is_none_or(|b| b.rule.recommended),
        };
        if let Some(n) = get("formats") {
            if !rule_formats.is_empty()
                && !rule_formats
                    .iter()
                    .any(|f| super::reader::is_openapi_format(f))
            {
                self.warn(
                    n,
                    format!(
                        "rule `{id}` is skipped: it is for {} documents only, and oaslint lints OpenAPI documents",
                        rule_formats.join(", ")
                    ),
                );
            }
        }
        let link = match get("documentationUrl") {
            Some(n) => Some(self.string(n, "`documentationUrl`")?),
            None => match base {
                Some(b) => b.rule.link.clone(),
                None => documentation_url.map(|base| format!("{base}#{id}")),
            },
        };
        let tags = match get("tags") {
            Some(n) => self
                .strings(n, "`tags`")?
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            None => base.map(|b| b.rule.tags.clone()).unwrap_or_default(),
        };
        if let Some(n) = get("type") {
            let t = self.string(n, "`type`")?;
            if t != "style" && t != "validation" {
                return Err(self.err(n, "`type` must be style or validation"));
            }
        }
        Ok(Draft {
            rule: Rule {
                id: id.to_string(),
                title,
                description,
                message,
                // As in Spectral, a rule a ruleset defines with
                // `recommended: false` is off in that ruleset (and in one
                // that extends it, unless with `all`).
                severity: if recommended {
                    severity
                } else {
                    RuleSeverity::Off
                },
                given,
                given_by_format,
                then,
                formats: rule_formats,
                resolved,
                link,
                tags,
                recommended,
                declared: severity,
            },
            declared: severity,
        })
    }

    /// The compiled expressions of a rule's `given` (and, when it uses
    /// aliases with per-format targets, those of each format).
    #[allow(clippy::type_complexity)]
    fn given(
        &self,
        given_node: NodeId,
    ) -> Result<
        (
            Vec<JsonPath>,
            Vec<(crate::document::SpecFormat, Vec<JsonPath>)>,
        ),
        Error,
    > {
        let mut given = Vec::new();
        let given_list = self.strings(given_node, "`given`")?;
        if given_list.is_empty() {
            return Err(self.err(given_node, "`given` must not be empty"));
        }
        let mut scoped = false;
        for (expr, n) in &given_list {
            if !expr.starts_with('$') && !expr.starts_with('#') {
                return Err(self.err(*n, format!("`given` must be a JSONPath starting with `$` or an alias starting with `#`, not {expr:?}")));
            }
            if self.uses_scoped_alias(expr, 0) {
                scoped = true;
                // Every target's expressions must compile, whichever
                // format a document has.
                let mut all = Vec::new();
                self.all_alias_expressions(expr, *n, 0, &mut all)?;
                for e in all {
                    self.json_path(&e, *n)?;
                }
            } else {
                for e in self.expand_given(expr, *n, 0, None)? {
                    given.push(self.json_path(&e, *n)?);
                }
            }
        }
        let mut given_by_format = Vec::new();
        if scoped {
            for format in super::aliases::LINTED_FORMATS {
                let mut paths = Vec::new();
                for (expr, n) in &given_list {
                    for e in self.expand_given(expr, *n, 0, Some(format))? {
                        paths.push(self.json_path(&e, *n)?);
                    }
                }
                given_by_format.push((format, paths));
            }
        }

        Ok((given, given_by_format))
    }

    fn json_path(&self, expr: &str, node: NodeId) -> Result<JsonPath, Error> {
        JsonPath::parse_in(expr, self.json_path_dialect()?).map_err(|e| {
            let mut err = self.err(
                node,
                format!(
                    "invalid JSONPath {expr:?}: {} (at character {})",
                    e.message,
                    e.offset + 1
                ),
            );
            // Point at the offending character when the text is written
            // plainly on one line.
            let span = self.tree().node(node).span;
            let raw = &self.doc.text[span.start as usize..span.end as usize];
            let quote = usize::from(raw.starts_with(['"', '\'']));
            if raw.get(quote..).is_some_and(|r| r.starts_with(expr)) && !raw.contains('\n') {
                let at = span.start as usize + quote + e.offset;
                err.range = Some(self.doc.lines.range(&self.doc.text, at, at + 1));
            }
            err
        })
    }

    /// This file's top-level `jsonPathDialect` (JSONPath-Plus, Spectral's,
    /// unless it says `rfc9535`; see `jsonpath/mod.rs`).
    fn json_path_dialect(&self) -> Result<crate::jsonpath::Dialect, Error> {
        let Value::Object(top) = self.tree().value(crate::tree::Tree::ROOT) else {
            return Ok(Default::default());
        };
        let Some(entry) = top.iter().find(|e| e.is("jsonPathDialect")) else {
            return Ok(Default::default());
        };
        let name = self.string(entry.value, "`jsonPathDialect`")?;
        crate::jsonpath::Dialect::from_name(&name).ok_or_else(|| {
            self.err(
                entry.value,
                format!("`jsonPathDialect` must be jsonpath-plus or rfc9535, not {name:?}"),
            )
        })
    }

    fn then(&self, node: NodeId) -> Result<Then, Error> {
        let fields = self.entries(node, "a `then` entry")?;
        for (key, n) in &fields {
            if !matches!(key.as_str(), "field" | "function" | "functionOptions")
                && !key.starts_with("x-")
            {
                // Spectral ignores other keys (`then.message` is a common
                // mistake): accepted, with a note that it does nothing.
                self.warn(
                    *n,
                    unknown(
                        &format!("`then` key `{key}` is ignored (as Spectral does)"),
                        key,
                        &["field", "function", "functionOptions"],
                        "a `then` entry has",
                    ),
                );
            }
        }
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
        let field = match get("field") {
            Some(n) => {
                let f = self.string(n, "`field`")?;
                Some(if f == "@key" {
                    Field::Keys
                } else if f == "$" || f.starts_with("$.") || f.starts_with("$[") {
                    Field::Query(self.json_path(&f, n)?)
                } else if f.starts_with('$') {
                    // Spectral runs any field starting with `$` as a query,
                    // and JSONPath-Plus reads `$ref` as the member `$ref`:
                    // the same member, but when it is absent the function
                    // gets `undefined` at the given node (not a missing
                    // member), which its message shows.
                    let segments = split_lodash_path(&f)
                        .ok_or_else(|| self.err(n, format!("invalid field path {f:?}")))?;
                    let query: String = std::iter::once("$".to_string())
                        .chain(segments.iter().map(|s| {
                            format!("['{}']", s.replace('\\', "\\\\").replace('\'', "\\'"))
                        }))
                        .collect();
                    Field::Query(self.json_path(&query, n)?)
                } else {
                    Field::Path(
                        split_lodash_path(&f)
                            .ok_or_else(|| self.err(n, format!("invalid field path {f:?}")))?,
                    )
                })
            }
            None => None,
        };
        let function_node =
            get("function").ok_or_else(|| self.err(node, "a `then` entry needs `function`"))?;
        let function_name = self.string(function_node, "`function`")?;
        let options_node = get("functionOptions");
        let mut function_options = options_node
            .map(|n| self.tree().to_json(n))
            .unwrap_or(serde_json::Value::Null);
        if let (Some(n), "schema") = (options_node, function_name.as_str()) {
            self.bundle_schema_refs(&mut function_options, n)?;
        }
        let function = self.make_function(
            &function_name,
            &function_options,
            function_node,
            options_node,
        )?;
        let mut option_strings = Vec::new();
        if let Some(n) = options_node {
            self.collect_strings(n, &mut option_strings);
        }
        Ok(Then {
            field,
            function_name,
            function_options,
            function,
            site: Some(self.site(function_node)),
            option_strings,
        })
    }

    fn make_function(
        &self,
        name: &str,
        options: &serde_json::Value,
        function_node: NodeId,
        options_node: Option<NodeId>,
    ) -> Result<Arc<dyn crate::functions::Function>, Error> {
        let made = self.loader.registry.create(name, options).ok_or_else(|| {
            self.err(
                function_node,
                unknown(
                    &format!("unknown function `{name}`"),
                    name,
                    &self.loader.registry.names().collect::<Vec<_>>(),
                    "available functions",
                ),
            )
        })?;
        made.map(Arc::from).map_err(|why| {
            self.err(
                options_node.unwrap_or(function_node),
                format!("invalid functionOptions for `{name}`: {why}"),
            )
        })
    }

    fn override_rule(&self, node: NodeId, draft: &mut Draft) -> Result<(), Error> {
        for (key, n) in self.entries(node, "a rule override")? {
            match key.as_str() {
                "severity" => {
                    let s = self.severity(n, "`severity`")?;
                    draft.rule.severity = s;
                    draft.declared = s;
                }
                "functionOptions" => {
                    let patch = self.tree().to_json(n);
                    if !patch.is_object() {
                        return Err(self.err(n, "`functionOptions` in a rule override must be a mapping"));
                    }
                    for then in &mut draft.rule.then {
                        let merged = merge_options(&then.function_options, &patch);
                        let function = self.make_function(&then.function_name, &merged, n, Some(n))?;
                        then.function = function;
                        then.function_options = merged;
                        // The override's strings first: they replace the
                        // rule's own.
                        let mut strings = Vec::new();
                        self.collect_strings(n, &mut strings);
                        strings.append(&mut then.option_strings);
                        then.option_strings = strings;
                    }
                }
                "message" => draft.rule.message = Some(self.string(n, "`message`")?),
                "description" => draft.rule.description = Some(self.string(n, "`description`")?),
                "title" => draft.rule.title = self.string(n, "`title`")?,
                "documentationUrl" => draft.rule.link = Some(self.string(n, "`documentationUrl`")?),
                "tags" => draft.rule.tags = self.strings(n, "`tags`")?.into_iter().map(|(t, _)| t).collect(),
                "recommended" => draft.rule.recommended = self.bool(n, "`recommended`")?,
                k if k.starts_with("x-") => {}
                _ => {
                    return Err(self.key_err(
                        n,
                        format!(
                            "`{key}` cannot be overridden on its own{}; a rule override may set {} — or give `given` and `then` to replace the rule",
                            suggestion(&key, RULE_OVERRIDE_KEYS.iter().copied()),
                            RULE_OVERRIDE_KEYS.join(", ")
                        ),
                    ))
                }
            }
        }
        Ok(())
    }
}

/// Shallow merge: keys of `patch` replace those of `base`.
fn merge_options(base: &serde_json::Value, patch: &serde_json::Value) -> serde_json::Value {
    let mut out = match base {
        serde_json::Value::Object(m) => m.clone(),
        _ => serde_json::Map::new(),
    };
    if let serde_json::Value::Object(p) = patch {
        for (k, v) in p {
            out.insert(k.clone(), v.clone());
        }
    }
    serde_json::Value::Object(out)
}

/// Splits `a.b[0].c` / `a['x.y']` into segments.
pub(crate) fn split_lodash_path(path: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                let quote = match chars.peek() {
                    Some(&q @ ('\'' | '"')) => {
                        chars.next();
                        Some(q)
                    }
                    _ => None,
                };
                let mut seg = String::new();
                loop {
                    match chars.next() {
                        Some(q) if Some(q) == quote => {
                            if chars.next() != Some(']') {
                                return None;
                            }
                            break;
                        }
                        Some(']') if quote.is_none() => break,
                        Some(ch) => seg.push(ch),
                        None => return None,
                    }
                }
                out.push(seg);
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lodash_paths_split() {
        assert_eq!(
            split_lodash_path("info.contact").unwrap(),
            ["info", "contact"]
        );
        assert_eq!(split_lodash_path("a[0].b").unwrap(), ["a", "0", "b"]);
        assert_eq!(split_lodash_path("a['x.y'].z").unwrap(), ["a", "x.y", "z"]);
        assert_eq!(split_lodash_path("a['x"), None);
    }
}
