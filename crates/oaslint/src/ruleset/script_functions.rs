//! A ruleset's custom JavaScript functions: `functions: [name, …]` and
//! `functionsDir` (default `functions`, relative to the ruleset file).
//!
//! Each file `functionsDir/<name>.js` is read through the loader's
//! [`Resolver`](crate::Resolver) (so an application's confinement of file
//! access applies) and compiled by the loader's
//! [`ScriptEngine`](crate::script::ScriptEngine). The file's rules then
//! find the function by its name like a built-in one: the ruleset is read
//! with a registry holding the built-in functions plus these
//! ([`read_with_script_functions`]). What `createRulesetFunction` declares
//! is enforced here as Spectral does: `functionOptions` are validated
//! against the `options` schema when the rule is made, the input against
//! the `input` schema before each call.

use super::load::{Merged, RulesetLoader};
use super::reader::FileReader;
use super::Site;
use crate::error::{Error, ErrorKind};
use crate::functions::{Context, Function, Input, Outcome};
use crate::jsonpath::Match;
use crate::ruleset::Field;
use crate::script::{
    current_match, record_failure, with_current_rule, FunctionSchemas, ScriptCall, ScriptDocument,
    ScriptFailure, ScriptFunction, ScriptModule, ScriptNode, ScriptRef, COPY_LIMIT,
};
use crate::tree::{NodeId, Segment, Tree, Value};
use crate::workspace::{join_path, Cursor, Loc, View};
use serde_json::Value as Json;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// Reads the file of `reader` again with its custom functions added to the
/// registry, when it declares any (`None`: it declares none, or this is
/// that second reading).
pub(super) fn read_with_script_functions(
    reader: &FileReader<'_, '_>,
    top: &[(String, NodeId)],
    stack: &mut Vec<String>,
) -> Result<Option<Merged>, Error> {
    let get = |k: &str| top.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
    let (names_node, dir_node) = (get("functions"), get("functionsDir"));
    let loader = reader.loader;
    if names_node.is_none() && dir_node.is_none()
        || loader.scripts_of.as_deref() == Some(reader.doc.name.as_str())
    {
        return Ok(None);
    }
    let dir = match dir_node {
        Some(n) => reader.string(n, "`functionsDir`")?,
        None => "functions".to_string(),
    };
    let names = match names_node {
        Some(n) => match reader.tree().value(n) {
            Value::Array(_) => reader.strings(n, "`functions`")?,
            other => {
                return Err(reader.err(
                    n,
                    format!(
                        "`functions` must be a list of function names, not {}",
                        other.type_name()
                    ),
                ))
            }
        },
        None => Vec::new(),
    };
    let mut registry = loader.inherited.clone();
    let mut shadowing = Vec::new();
    if !names.is_empty() {
        let Some(engine) = loader.script_engine.as_deref() else {
            return Err(reader.key_err(
                names_node.unwrap_or(Tree::ROOT),
                "`functions` names JavaScript functions, and this build of oaslint has no JavaScript engine to run them (the oaslint CLI runs them; a library user supplies one with `RulesetLoader::with_script_engine`)",
            ));
        };
        let dir = dir.trim_end_matches(['/', '\\']);
        for (name, node) in &names {
            if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
                return Err(reader.err(
                    *node,
                    format!("`{name}` is not a function name: a name is the file's stem, without folders"),
                ));
            }
            let file = join_path(&reader.doc.name, &format!("{dir}/{name}.js"));
            let source = loader.resolver.read(&file).map_err(|why| {
                reader.err(
                    *node,
                    format!("cannot read the function `{name}` ({file}): {why}"),
                )
            })?;
            let compiled = engine
                .compile(ScriptModule {
                    name,
                    file: &file,
                    source: &source,
                })
                .map_err(|why| {
                    reader.err(
                        *node,
                        format!("cannot load the function `{name}` ({file}): {why}"),
                    )
                })?;
            let made = Arc::new(
                Made::new(name.clone(), file.clone(), compiled)
                    .map_err(|why| reader.err(*node, format!("the function `{name}`: {why}")))?,
            );
            // As in Spectral, a ruleset's own function may take a built-in
            // one's name; only this file's rules see it (extended
            // rulesets are read with `loader.inherited`), and the note
            // says so, since a reader of the rules would expect the
            // built-in.
            if registry.shadow_dyn(name.clone(), String::new(), move |options| {
                made.for_rule(options)
                    .map(|f| Box::new(f) as Box<dyn Function>)
            }) {
                shadowing.push(reader.key_err(
                    *node,
                    format!("the custom function `{name}` ({file}) replaces the built-in function of that name in the rules of this file"),
                ));
            }
        }
    }
    let scoped = RulesetLoader {
        resolver: loader.resolver,
        registry: &registry,
        inherited: loader.inherited,
        limits: loader.limits,
        script_engine: loader.script_engine.clone(),
        scripts_of: Some(reader.doc.name.clone()),
    };
    FileReader {
        loader: &scoped,
        doc: reader.doc,
        aliases: HashMap::new(),
        warnings: Default::default(),
        mentioned_formats: Vec::new(),
    }
    .read(stack)
    .map(|mut merged| {
        merged.warnings.extend(shadowing);
        Some(merged)
    })
}

/// A compiled function with its schemas compiled.
struct Made {
    name: String,
    file: String,
    function: Arc<dyn ScriptFunction>,
    input: Option<Arc<jsonschema::Validator>>,
    options: Option<jsonschema::Validator>,
}

impl Made {
    fn new(name: String, file: String, function: Arc<dyn ScriptFunction>) -> Result<Made, String> {
        let schemas = function.schemas().clone();
        let compile = |schema: &Json, what: &str| {
            jsonschema::draft7::new(schema)
                .map_err(|e| format!("its `{what}` schema is not a valid JSON Schema: {e}"))
        };
        let input = schemas
            .input
            .as_ref()
            .map(|s| compile(s, "input").map(Arc::new))
            .transpose()?;
        let options = schemas
            .options
            .as_ref()
            .map(|s| compile(s, "options"))
            .transpose()?;
        Ok(Made {
            name,
            file,
            function,
            input,
            options,
        })
    }

    /// The function of one rule, its options checked as
    /// `createRulesetFunction` checks them.
    fn for_rule(&self, options: &Json) -> Result<RuleFunction, String> {
        let schemas = self.function.schemas();
        if schemas.declared {
            match &self.options {
                None if !options.is_null() => {
                    return Err(format!(
                        "\"{}\" function does not accept any options",
                        self.name
                    ))
                }
                None => {}
                Some(validator) => {
                    let errors: Vec<String> = validator
                        .iter_errors(options)
                        .map(|e| option_message(&self.name, &e))
                        .collect();
                    if !errors.is_empty() {
                        return Err(errors.join("; "));
                    }
                }
            }
        }
        Ok(RuleFunction {
            name: self.name.clone(),
            file: self.file.clone(),
            function: self.function.clone(),
            input: self.input.clone(),
            invalid_input: schemas
                .error_on_invalid_input
                .then(|| invalid_input_message(schemas)),
            options: options.clone(),
            stopped: AtomicBool::new(false),
        })
    }
}

/// Spectral's wording of an invalid `functionOptions`
/// (`RulesetFunctionValidationError`).
fn option_message(function: &str, error: &jsonschema::ValidationError<'_>) -> String {
    use jsonschema::error::{TypeKind, ValidationErrorKind as K};
    let instance: Vec<String> = error
        .instance_path()
        .as_str()
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let dotted = |extra: Option<&str>| {
        let mut parts = instance.clone();
        parts.extend(extra.map(str::to_string));
        parts.join(".")
    };
    match error.kind() {
        K::Type { kind } => {
            let names: Vec<&str> = match kind {
                TypeKind::Single(t) => vec![t.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            format!(
                "\"{function}\" function and its \"{}\" option accepts only the following types: {}",
                dotted(None),
                names.join(", ")
            )
        }
        K::Required { property } => format!(
            "\"{function}\" function is missing \"{}\" option",
            dotted(Some(property.as_str().unwrap_or_default()))
        ),
        K::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|p| {
                format!(
                    "\"{function}\" function does not support \"{}\" option",
                    dotted(Some(p))
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        K::Enum { options } => {
            let values: Vec<String> = match &**options {
                Json::Array(items) => items.iter().map(|v| v.to_string()).collect(),
                other => vec![other.to_string()],
            };
            format!(
                "\"{function}\" function and its \"{}\" option accepts only the following values: {}",
                dotted(None),
                values.join(", ")
            )
        }
        _ => error.to_string(),
    }
}

/// The message for an input that does not match the `input` schema when
/// `errorOnInvalidInput` is set: the schema's `errorMessage` (ajv-errors),
/// else Spectral's "invalid input".
fn invalid_input_message(schemas: &FunctionSchemas) -> String {
    schemas
        .input
        .as_ref()
        .and_then(|s| s.get("errorMessage"))
        .and_then(Json::as_str)
        .unwrap_or("invalid input")
        .to_string()
}

/// A custom function as one rule calls it.
struct RuleFunction {
    name: String,
    file: String,
    function: Arc<dyn ScriptFunction>,
    input: Option<Arc<jsonschema::Validator>>,
    /// `Some(message)`: an invalid input is a result with this message.
    invalid_input: Option<String>,
    options: Json,
    /// A call hit a limit: the function is not called again.
    stopped: AtomicBool,
}

impl RuleFunction {
    fn fail(&self, message: String, stops: bool) {
        if stops {
            self.stopped.store(true, Ordering::Relaxed);
        }
        record_failure(ScriptFailure {
            file: self.file.clone(),
            function: self.name.clone(),
            message,
            stops,
        });
    }
}

impl Function for RuleFunction {
    fn runs_script(&self) -> bool {
        true
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        if self.stopped.load(Ordering::Relaxed) {
            return;
        }
        let cursor = input.cursor();
        let container = cursor.filter(|c| matches!(c.value(), Value::Object(_) | Value::Array(_)));
        // An object or array is copied only for an engine that takes
        // copies, or to check it against the function's `input` schema.
        let copy = match container {
            Some(c) if self.input.is_some() || !self.function.takes_nodes() => {
                match copy_value(c, COPY_LIMIT) {
                    Some(v) => Some(v),
                    None => {
                        let loc = c.loc();
                        let doc = ctx.view.ws.doc(loc.doc);
                        let start = doc.value_range(loc.node).start;
                        self.fail(
                            format!(
                                "the value at {}:{}:{} has more than {COPY_LIMIT} nodes once its `$ref`s are inlined: too large to copy for the function",
                                doc.name, start.line, start.column
                            ),
                            false,
                        );
                        return;
                    }
                }
            }
            Some(_) => None,
            None => input.to_json(),
        };
        if let Some(validator) = &self.input {
            if !validator.is_valid(copy.as_ref().unwrap_or(&Json::Null)) {
                if let Some(message) = &self.invalid_input {
                    out.push(Outcome::new(message.clone()));
                }
                return;
            }
        }
        let document = DocumentOf { ctx, of: self };
        let view = ctx.view;
        // Where the target is: its node (for a key, the value under it),
        // and its path in its own document.
        let here = cursor
            .map(|c| c.loc())
            .or_else(|| key_value_loc(view, &input));
        let own_path: Option<Vec<Json>> = here.map(|loc| physical_path(view, loc));
        let node = match (container, &own_path) {
            (Some(c), Some(path)) if self.function.takes_nodes() => Some(ScriptNode {
                doc: c.loc().doc,
                path,
                resolved: view.resolved,
            }),
            _ => None,
        };
        let target = if node.is_some() { None } else { copy.as_ref() };
        let result = with_current_rule(|rule| {
            // `context.path`: as the rule reached the target.
            let traversed = match current_match() {
                Some((m, then)) => {
                    let field = rule.fields.get(then).and_then(Option::as_ref);
                    reached_path(&document, &m, field, &input)
                }
                None => own_path.clone().unwrap_or_default(),
            };
            let outcome = self.function.call(&ScriptCall {
                target,
                node,
                options: &self.options,
                path: &traversed,
                rule: &rule.id,
                rule_info: &rule.info,
                document: &document,
            });
            (outcome, traversed)
        });
        match result {
            (Ok(results), traversed) => {
                for r in results {
                    let mut outcome = Outcome::new(r.message);
                    if let (Some(path), Some(here), Some(own)) = (&r.path, here, &own_path) {
                        outcome = place(view, path, &traversed, here, own, outcome);
                    }
                    out.push(outcome);
                }
            }
            (Err(e), _) => self.fail(e.message, e.stops),
        }
    }
}

/// The node under a key target (`@key`, `given: …~`): where the linter
/// reports it.
fn key_value_loc(view: View<'_>, input: &Input<'_>) -> Option<Loc> {
    let Input::Key(key) = input else {
        return None;
    };
    let (m, _) = current_match()?;
    if m.key {
        let (parent, slot) = m.parent?;
        return match view.value(parent) {
            Value::Object(entries) => entries
                .get(slot as usize)
                .map(|e| Loc::new(parent.doc, e.value)),
            _ => None,
        };
    }
    view.tree(m.loc.doc)
        .get(m.loc.node, key)
        .map(|n| Loc::new(m.loc.doc, n))
}

/// Places a result's absolute `path` relative to the target (`here`, whose
/// path is `traversed` as the rule reached it and `own` in its document):
/// below the target when the path extends `traversed`; else from the
/// linted document's root (the linter follows `$ref`s along it, as
/// Spectral maps a path of its resolved document to where it is written);
/// for a target in another file, relative to `own`.
fn place(
    view: View<'_>,
    path: &[Json],
    traversed: &[Json],
    here: Loc,
    own: &[Json],
    outcome: Outcome,
) -> Outcome {
    let segments: Vec<String> = path.iter().map(segment_text).collect();
    let traversed: Vec<String> = traversed.iter().map(segment_text).collect();
    if segments.starts_with(&traversed) {
        return outcome.at(segments[traversed.len()..].to_vec());
    }
    if here.doc == 0 {
        let depth = view.tree(0).depth(here.node);
        return outcome.above(depth).at(segments);
    }
    let own: Vec<String> = own.iter().map(segment_text).collect();
    let common = own
        .iter()
        .zip(&segments)
        .take_while(|(a, b)| a == b)
        .count();
    outcome
        .above(own.len() - common)
        .at(segments[common..].to_vec())
}

/// `context.path` of a target: the path by which the rule's `given`
/// reached it, through the `$ref`s it followed (Spectral walks its resolved
/// document and passes the path of the walk), then the `field`: the match's
/// key below the container it was reached from, after a path of that
/// container ([`path_into`]). oaslint visits a node reached by several
/// paths once; Spectral calls the function once per path, so this is one
/// of its calls' paths.
fn reached_path(
    document: &DocumentOf<'_, '_>,
    m: &Match,
    field: Option<&Field>,
    input: &Input<'_>,
) -> Vec<Json> {
    let view = document.ctx.view;
    let mut path = match m.parent {
        None => path_into(document, m.loc),
        Some((parent, slot)) => {
            let mut path = path_into(document, parent);
            match view.value(parent) {
                Value::Object(entries) => {
                    if let Some(e) = entries.get(slot as usize) {
                        path.push(Json::from(&*e.key));
                    }
                }
                _ => path.push(Json::from(slot)),
            }
            path
        }
    };
    let container = matches!(view.value(m.loc), Value::Object(_) | Value::Array(_));
    if m.key || !container {
        return path;
    }
    match (field, input) {
        (Some(Field::Keys), Input::Key(key)) => path.push(Json::from(*key)),
        (Some(Field::Path(segments)), _) => {
            path.extend(segments.iter().map(|s| Json::from(s.as_str())));
        }
        (Some(Field::Query(_)), Input::Node(c)) if c.loc().doc == m.loc.doc => {
            let start = physical_path(view, m.loc);
            let at = physical_path(view, c.loc());
            if at.starts_with(&start) {
                path.extend(at[start.len()..].iter().cloned());
            }
        }
        _ => {}
    }
    path
}

/// A path of Spectral's walk of the resolved document that reaches `loc`:
/// its own path in the linted document (the walk reaches every node there
/// where it is written, whatever other `$ref` uses lead to it too); for a
/// node of another file, the path by which the walk first reaches it
/// (depth first from the root, members in JavaScript's key order, into
/// each `$ref`'s target where it is used).
fn path_into(document: &DocumentOf<'_, '_>, loc: Loc) -> Vec<Json> {
    let view = document.ctx.view;
    if loc.doc == 0 || !view.resolved {
        return physical_path(view, loc);
    }
    let first = document.first_reached();
    let mut path = Vec::new();
    let mut at = loc;
    while let Some((parent, segment)) = first.get(&at) {
        path.push(segment.clone());
        at = *parent;
    }
    if at != view.root() {
        return physical_path(view, loc);
    }
    path.reverse();
    path
}

/// The path of `loc` in its own document, as functions see paths (keys as
/// strings, indexes as numbers).
fn physical_path(view: View<'_>, loc: Loc) -> Vec<Json> {
    view.tree(loc.doc)
        .segments(loc.node)
        .into_iter()
        .map(|s| match s {
            Segment::Key(k) => Json::String(k.to_string()),
            Segment::Index(i) => Json::from(i),
        })
        .collect()
}

/// The value under `cursor` as JSON, `$ref`s inlined as the cursor's view
/// follows them; a `$ref` cycle is cut (the repeated node becomes `{}`).
/// `None` when it has more than `limit` nodes.
fn copy_value(cursor: Cursor<'_>, limit: usize) -> Option<Json> {
    fn copy(c: Cursor<'_>, on_path: &mut Vec<Loc>, left: &mut usize) -> Option<Json> {
        if *left == 0 {
            return None;
        }
        *left -= 1;
        let loc = c.loc();
        if on_path.contains(&loc) {
            return Some(Json::Object(Default::default()));
        }
        on_path.push(loc);
        let value = match c.value() {
            Value::Array(_) => Json::Array(
                c.items()
                    .map(|item| copy(item, on_path, left))
                    .collect::<Option<_>>()?,
            ),
            Value::Object(_) => Json::Object(
                c.entries()
                    .map(|(k, v)| Some((k.to_string(), copy(v, on_path, left)?)))
                    .collect::<Option<_>>()?,
            ),
            _ => c.view().tree(loc.doc).to_json(loc.node),
        };
        on_path.pop();
        Some(value)
    }
    copy(cursor, &mut Vec::new(), &mut { limit })
}

/// A path segment as text (array indexes may come as numbers or strings).
fn segment_text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The document of one lint as custom functions see it.
struct DocumentOf<'c, 'a> {
    ctx: &'c Context<'a>,
    /// The function that asks (a document too large to copy is its error).
    of: &'c RuleFunction,
}

/// Each object or array of the resolved documents and where Spectral's
/// walk first reaches it: the container it is reached from and the key or
/// index there.
type FirstReached = Rc<HashMap<Loc, (Loc, Json)>>;

thread_local! {
    /// [`FirstReached`] of the lint of a key ([`ScriptDocument::key`]).
    static FIRST_REACHED: RefCell<Option<(u64, FirstReached)>> = const { RefCell::new(None) };
}

impl DocumentOf<'_, '_> {
    /// [`FirstReached`], made once per lint and thread.
    fn first_reached(&self) -> FirstReached {
        let key = self.key();
        FIRST_REACHED.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((k, first)) = &*cache {
                if *k == key {
                    return first.clone();
                }
            }
            let first = Rc::new(walk_first(self.ctx.view));
            *cache = Some((key, first.clone()));
            first
        })
    }
}

/// [`FirstReached`] of `view`: a depth-first walk from the root that
/// enters each container once.
fn walk_first(view: View<'_>) -> HashMap<Loc, (Loc, Json)> {
    let root = view.root();
    let mut first: HashMap<Loc, (Loc, Json)> = HashMap::new();
    // Each container being walked and its members still to visit.
    let mut stack: Vec<(Loc, std::vec::IntoIter<(Json, NodeId)>)> =
        vec![(root, members_in_js_order(view, root).into_iter())];
    while let Some((at, members)) = stack.last_mut() {
        let at = *at;
        let Some((segment, raw)) = members.next() else {
            stack.pop();
            continue;
        };
        let child = view.follow(Loc::new(at.doc, raw));
        let container = matches!(view.value(child), Value::Object(_) | Value::Array(_));
        if container && child != root && !first.contains_key(&child) {
            first.insert(child, (at, segment));
            stack.push((child, members_in_js_order(view, child).into_iter()));
        }
    }
    first
}

/// The members of a container as JavaScript orders them: array items by
/// index; an object's integer keys ascending, then the other keys as
/// written.
fn members_in_js_order(view: View<'_>, at: Loc) -> Vec<(Json, NodeId)> {
    match view.value(at) {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, &n)| (Json::from(i), n))
            .collect(),
        Value::Object(entries) => {
            let index = |k: &str| {
                k.parse::<u32>()
                    .ok()
                    .filter(|i| *i < u32::MAX && i.to_string() == k)
            };
            let mut members: Vec<(Option<u32>, &str, NodeId)> = entries
                .iter()
                .map(|e| (index(&e.key), &*e.key, e.value))
                .collect();
            // Stable: keys that are not indexes keep their order.
            members.sort_by_key(|(i, _, _)| i.map_or((1, 0), |i| (0, i)));
            members
                .into_iter()
                .map(|(_, k, n)| (Json::from(k), n))
                .collect()
        }
        _ => Vec::new(),
    }
}

impl ScriptDocument for DocumentOf<'_, '_> {
    fn key(&self) -> u64 {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        *self
            .ctx
            .shared
            .script_key
            .get_or_init(|| NEXT.fetch_add(1, Ordering::Relaxed))
    }

    fn source(&self) -> &str {
        &self.ctx.view.ws.root().name
    }

    fn data(&self) -> Json {
        self.ctx.view.ws.tree(0).to_json(Tree::ROOT)
    }

    fn resolved(&self) -> Json {
        let mut resolved = self.ctx.view;
        resolved.resolved = true;
        let root = resolved.cursor(resolved.root());
        copy_value(root, COPY_LIMIT).unwrap_or_else(|| {
            self.of.fail(
                format!("the resolved document has more than {COPY_LIMIT} nodes once its `$ref`s are inlined: too large to copy for the function, which was given only the document's first {COPY_LIMIT} nodes as `context.documentInventory.resolved`"),
                false,
            );
            root.to_json_limited(COPY_LIMIT)
        })
    }

    fn names(&self) -> Vec<String> {
        self.ctx
            .view
            .ws
            .docs()
            .iter()
            .map(|d| d.name.clone())
            .collect()
    }

    fn data_text(&self, doc: u32) -> String {
        let ws = self.ctx.view.ws;
        let mut out = String::new();
        if (doc as usize) < ws.docs().len() {
            write_json(ws.tree(doc), Tree::ROOT, &mut out);
        }
        out
    }

    fn refs(&self) -> Vec<ScriptRef> {
        let view = self.ctx.view;
        let mut refs: Vec<(Loc, Loc)> = view.ws.refs().collect();
        refs.sort_unstable();
        let circular = circular_refs(view, &refs);
        refs.into_iter()
            .zip(circular)
            .map(|((at, target), circular)| ScriptRef {
                doc: at.doc,
                path: physical_path(view, at),
                target_doc: target.doc,
                target_path: physical_path(view, target),
                circular,
            })
            .collect()
    }
}

/// Which of `refs` (`$ref` object, target) Spectral's resolver leaves as
/// they are, so that its resolved document has no cycles: a `$ref` whose
/// target holds it, and a `$ref` on a cycle of `$ref`s — from the nearest
/// target above it (or its file's root) to its own target and, through
/// further `$ref`s, back. (Checked against Spectral 6.16.3: with A.b -> B,
/// B.a -> A, A.c -> C, C.d -> A and a path -> B, only the path's `$ref` is
/// replaced.)
fn circular_refs(view: View<'_>, refs: &[(Loc, Loc)]) -> Vec<bool> {
    let targets: std::collections::HashSet<Loc> = refs.iter().map(|&(_, t)| t).collect();
    let within = |node: Loc, above: Loc| {
        let tree = view.tree(node.doc);
        let mut at = Some(node.node);
        while let Some(n) = at {
            if Loc::new(node.doc, n) == above {
                return true;
            }
            at = tree.parent(n);
        }
        false
    };
    let owner = |site: Loc| {
        let tree = view.tree(site.doc);
        let mut at = Some(site.node);
        while let Some(n) = at {
            if targets.contains(&Loc::new(site.doc, n)) {
                return Loc::new(site.doc, n);
            }
            at = tree.parent(n);
        }
        Loc::new(site.doc, Tree::ROOT)
    };
    // The graph: each owner and target a vertex, each `$ref` an edge.
    let mut index: HashMap<Loc, usize> = HashMap::new();
    let vertex = |loc: Loc, index: &mut HashMap<Loc, usize>| {
        let next = index.len();
        *index.entry(loc).or_insert(next)
    };
    let edges: Vec<(usize, usize)> = refs
        .iter()
        .map(|&(site, target)| (vertex(owner(site), &mut index), vertex(target, &mut index)))
        .collect();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); index.len()];
    for &(from, to) in &edges {
        out[from].push(to);
    }
    let component = strongly_connected(&out);
    refs.iter()
        .zip(&edges)
        .map(|(&(site, target), &(from, to))| {
            within(site, target) || component[from] == component[to]
        })
        .collect()
}

/// The strongly connected component of each vertex (Tarjan's algorithm,
/// without recursion).
fn strongly_connected(out: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = out.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut counter, mut components) = (0, 0);
    for start in 0..n {
        if order[start] != UNSEEN {
            continue;
        }
        // (vertex, next edge to look at)
        let mut calls = vec![(start, 0)];
        order[start] = counter;
        low[start] = counter;
        counter += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut next)) = calls.last_mut() {
            if let Some(&w) = out[v].get(*next) {
                *next += 1;
                if order[w] == UNSEEN {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

/// Writes the subtree at `node` as JSON text (depth is bounded by the
/// parser's nesting limit).
fn write_json(tree: &Tree, node: NodeId, out: &mut String) {
    match tree.value(node) {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_json().to_string()),
        Value::String(s) => out.push_str(&Json::from(&**s).to_string()),
        Value::Array(items) => {
            out.push('[');
            for (i, &item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(tree, item, out);
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, e) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Json::from(&*e.key).to_string());
                out.push(':');
                write_json(tree, e.value, out);
            }
            out.push('}');
        }
    }
}

/// Records a failed call of a custom function as an error of the lint,
/// located at the rule's `function` (one per rule and function file: the
/// first failure says what went wrong).
pub(crate) fn record_script_failure(
    errors: &mut Vec<(Error, usize)>,
    rule: &str,
    site: Option<&Site>,
    failure: ScriptFailure,
    value: &str,
) {
    let tag = format!("the function `{}` ({})", failure.function, failure.file);
    if errors
        .iter()
        .any(|(e, _)| e.rule.as_deref() == Some(rule) && e.message.starts_with(&tag))
    {
        return;
    }
    let what = if failure.stops {
        "was stopped"
    } else {
        "failed"
    };
    let mut message = format!("{tag} {what} on {value}: {}", failure.message);
    if failure.stops {
        message.push_str(
            "; it is not called again in this run, and the rule's results are incomplete",
        );
    }
    let error = match site {
        Some(s) => Error::new(ErrorKind::Ruleset, &s.file, message)
            .at(s.range)
            .with_pointer(&s.pointer),
        None => Error::new(ErrorKind::Ruleset, "", message),
    };
    errors.push((error.with_rule(rule), 0));
}
