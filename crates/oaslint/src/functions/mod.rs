//! Rule functions: the logic a rule's `then` applies to each target.
//!
//! Every Spectral core function exists here with Spectral's option names,
//! one file each, declared with [`declare_function!`](crate::declare_function)
//! and listed once in `builtin.rs`. A function is created once per rule when
//! the ruleset loads (the registry deserialises and validates its options)
//! and then called for every target the rule's `given`/`field` selects
//! ([`Function::check`]). The public face of this module is
//! [`crate::function`].

use crate::document::SpecFormat;
use crate::severity::Severity;
use crate::workspace::{Cursor, View};
use std::collections::BTreeMap;
use std::fmt;

mod ajv_messages;
mod ajv_validator;
mod alphabetical;
mod casing;
mod defined;
mod enumeration;
mod falsy;
mod length;
pub(crate) mod oas;
mod or;
mod pattern;
mod schema;
mod spectral_oas;
mod truthy;
mod typed_enum;
mod undefined;
mod unreferenced_reusable_object;
mod xor;

/// Native functions for guideline rules Zally does not automate.
pub mod guidelines;
/// Native functions for Zally's rules of the Zalando guidelines.
pub mod zalando;

mod builtin;
#[cfg(test)]
mod cases;
#[cfg(test)]
mod examples;

/// What a function is applied to.
#[derive(Clone, Copy)]
pub enum Input<'a> {
    /// A node of the document (followed through `$ref`s in a resolved view).
    Node(Cursor<'a>),
    /// An object key, when the rule's field is `@key` or its `given` ends in `~`.
    Key(&'a str),
    /// The rule's `field` names a member that does not exist.
    Undefined,
}

impl<'a> Input<'a> {
    /// The string value, if the input is a string node or a key.
    pub fn as_str(&self) -> Option<&'a str> {
        match self {
            Input::Node(c) => c.as_str(),
            Input::Key(k) => Some(k),
            Input::Undefined => None,
        }
    }

    /// The node, if the input is one (not a key, not undefined).
    pub fn cursor(&self) -> Option<Cursor<'a>> {
        match self {
            Input::Node(c) => Some(*c),
            _ => None,
        }
    }

    /// Whether the rule's `field` is missing at the match.
    pub fn is_undefined(&self) -> bool {
        matches!(self, Input::Undefined)
    }

    /// JavaScript truthiness (`undefined` is falsy).
    pub fn is_truthy(&self) -> bool {
        match self {
            Input::Node(c) => c.is_truthy(),
            Input::Key(k) => !k.is_empty(),
            Input::Undefined => false,
        }
    }

    /// The value as JSON (`None` when undefined).
    pub fn to_json(&self) -> Option<serde_json::Value> {
        match self {
            Input::Node(c) => Some(c.to_json()),
            Input::Key(k) => Some(serde_json::Value::String(k.to_string())),
            Input::Undefined => None,
        }
    }
}

/// What a function call can see besides its input.
///
/// Made by the engine, one per view for a whole lint (it also holds work
/// that functions share within one lint, and is neither `Send` nor
/// `Sync`); a function's input comes from the same view and has the same
/// lifetime `'a`.
pub struct Context<'a> {
    /// The documents as the rule sees them (`$ref`s followed or not).
    pub(crate) view: View<'a>,
    /// The format of the linted document.
    pub format: SpecFormat,
    /// Work several functions need, done once per lint (the engine keeps
    /// one context per view for the whole lint).
    pub(crate) shared: Shared<'a>,
}

impl<'a> Context<'a> {
    /// The context of a lint of `view`, a document of `format`.
    pub(crate) fn new(view: View<'a>, format: SpecFormat) -> Context<'a> {
        Context {
            view,
            format,
            shared: Shared::default(),
        }
    }
}

/// Results shared by the functions of one lint.
#[derive(Default)]
pub(crate) struct Shared<'a> {
    /// Zally's schema walk of a root member, by member key
    /// ([`oas::zally::schema_walk`]): five Zalando rules walk the same
    /// schemas and leaf properties.
    pub(crate) schema_walks: std::cell::RefCell<
        rustc_hash::FxHashMap<String, std::rc::Rc<[oas::zally::WalkedSchema<'a>]>>,
    >,
    /// The key custom JavaScript functions cache this lint's document
    /// under (`ruleset/script_functions.rs`).
    pub(crate) script_key: std::cell::OnceCell<u64>,
}

/// One problem a function found.
///
/// Made with [`Outcome::new`] and refined with [`Outcome::at`],
/// [`Outcome::within`] and [`Outcome::with_severity`] (new members may be
/// added in a minor release).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Outcome {
    /// The function's message; the rule's `message` template can embed it
    /// as `{{error}}`.
    pub message: String,
    /// Where, relative to the input: member keys / array indexes below it.
    /// Empty means the input itself.
    pub path: Vec<String>,
    /// A severity for this outcome only, overriding the rule's (for rules
    /// whose checks differ in severity, such as Zalando 150 and 224).
    pub severity: Option<Severity>,
    /// The part of the string the problem is about, as a byte range of
    /// the located string (the key, for a key target; else the string
    /// value). The finding's range covers just that part where the source
    /// spells the string as it is (plain or quoted without escapes), else
    /// the whole string. Two outcomes that differ only here are two
    /// findings (a path with the same singular segment twice).
    pub within: Option<std::ops::Range<usize>>,
    /// How many levels above the input `path` starts (Spectral's
    /// `refSiblings` reports the siblings of its input, a `$ref`).
    pub up: usize,
}

impl Outcome {
    /// A problem with `message`, at the input itself.
    pub fn new(message: impl Into<String>) -> Outcome {
        Outcome {
            message: message.into(),
            path: Vec::new(),
            severity: None,
            within: None,
            up: 0,
        }
    }

    /// The problem `levels` above the input (then at [`Outcome::at`]'s
    /// path below that node): the parent is one level up.
    pub fn above(mut self, levels: usize) -> Outcome {
        self.up = levels;
        self
    }

    /// The problem is about the bytes `range` of the located string only.
    pub fn within(mut self, range: std::ops::Range<usize>) -> Outcome {
        self.within = Some(range);
        self
    }

    /// The problem at `path` below the input (member keys, array indexes).
    pub fn at(mut self, path: Vec<String>) -> Outcome {
        self.path = path;
        self
    }

    /// The problem with its own severity instead of the rule's.
    pub fn with_severity(mut self, severity: Severity) -> Outcome {
        self.severity = Some(severity);
        self
    }
}

/// A function ready to run, with its options validated and compiled.
///
/// The engine creates one per rule when the ruleset loads and calls
/// [`Function::check`] for every target of the rule, possibly from several
/// threads: a function may hold state (compiled patterns, a library user's
/// lookup tables), but shared mutable state needs its own synchronisation.
pub trait Function: Send + Sync {
    /// Checks `input` and pushes one [`Outcome`] per problem onto `out`.
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>);

    /// Whether it runs a ruleset's JavaScript (a custom function): such
    /// rules cost far more per target, and each thread that runs one first
    /// builds the documents for the script engine, so a lint shared out to
    /// threads gives them a thread of their own.
    fn runs_script(&self) -> bool {
        false
    }
}

/// The name and documentation of a native function, written once by
/// [`declare_function!`](crate::declare_function).
pub trait Described {
    /// The name rulesets call it by (`then.function`).
    const NAME: &'static str;
    /// Its documentation in Markdown: what it does, why, its options and an
    /// example (a ruleset, a failing document and its fix), tested.
    const DOC: &'static str;
}

/// A native function with typed options: the way every built-in function is
/// written, and the easiest for applications.
///
/// The options are deserialised from the rule's `functionOptions` (absent
/// means `{}`), then [`NativeFunction::new`] validates what serde cannot
/// (a pattern that must compile, a range that must be ordered). The JSON
/// Schema of `Options` documents them in `oaslint functions` and
/// `docs/functions.md`.
pub trait NativeFunction: Described + Send + Sync + Sized + 'static {
    /// The `functionOptions` type; [`NoOptions`] when there are none.
    type Options: serde::de::DeserializeOwned + schemars::JsonSchema + 'static;
    /// Builds the function from its options; `Err` says what is wrong.
    fn new(options: Self::Options) -> Result<Self, String>;
    /// Checks `input` and pushes one [`Outcome`] per problem onto `out`.
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>);

    /// Whether it runs a ruleset's JavaScript (a custom function): such
    /// rules cost far more per target, and each thread that runs one first
    /// builds the documents for the script engine, so a lint shared out to
    /// threads gives them a thread of their own.
    fn runs_script(&self) -> bool {
        false
    }
}

impl<T: NativeFunction> Function for T {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        NativeFunction::check(self, input, ctx, out)
    }
}

/// The options of a function that takes none: only a missing, `null` or
/// empty `functionOptions` is accepted.
#[derive(Debug, Default, Clone, Copy, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NoOptions {}

impl<'de> serde::Deserialize<'de> for NoOptions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = NoOptions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("no functionOptions")
            }
            fn visit_unit<E>(self) -> Result<NoOptions, E> {
                Ok(NoOptions {})
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<NoOptions, A::Error> {
                match map.next_key::<serde::de::IgnoredAny>()? {
                    None => Ok(NoOptions {}),
                    Some(_) => Err(serde::de::Error::custom(
                        "this function takes no functionOptions",
                    )),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Declares a native function: its doc comment (Markdown: *What it does*,
/// *Why*, *Options*, and an *Example* with three fenced blocks `yaml
/// ruleset`, `yaml fail` and `yaml pass`, which a test runs), the name
/// rulesets call it by, and the struct that holds its compiled options.
/// Implement [`NativeFunction`] for the struct next to it, and add it to
/// the registry's list.
///
/// ```
/// use oaslint::function::{declare_function, Context, Input, NativeFunction, NoOptions, Outcome};
///
/// declare_function! {
///     /// Reports strings that are empty.
///     #[function("notEmpty")]
///     pub struct NotEmpty;
/// }
///
/// impl NativeFunction for NotEmpty {
///     type Options = NoOptions;
///     fn new(_: NoOptions) -> Result<Self, String> {
///         Ok(NotEmpty)
///     }
///     fn check<'a>(&self, input: Input<'a>, _: &Context<'a>, out: &mut Vec<Outcome>) {
///         if input.as_str() == Some("") {
///             out.push(Outcome::new("must not be empty"));
///         }
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_function {
    (
        $(#[doc = $doc:literal])*
        #[function($name:literal)]
        $vis:vis struct $type:ident $($rest:tt)*
    ) => {
        $(#[doc = $doc])*
        $vis struct $type $($rest)*

        impl $crate::function::Described for $type {
            const NAME: &'static str = $name;
            const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}

/// Makes a function from its `functionOptions` (`Null` when absent); `Err`
/// explains what is wrong with the options.
type DynFactory = dyn Fn(&serde_json::Value) -> Result<Box<dyn Function>, String> + Send + Sync;

/// Deserializes options into a typed struct, turning serde's message into
/// one that names the option.
pub fn parse_options<T: serde::de::DeserializeOwned>(
    options: &serde_json::Value,
) -> Result<T, String> {
    let value = if options.is_null() {
        serde_json::Value::Object(Default::default())
    } else {
        options.clone()
    };
    serde_json::from_value::<T>(value.clone()).map_err(|e| name_failing_option::<T>(&value, e))
}

/// serde reports a wrong *type* without saying which member had it
/// ("invalid type: integer `5`, expected a string"). Finds the member by
/// deserializing each one alone: the member whose lone error is about
/// something other than a missing field is the culprit.
fn name_failing_option<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    error: serde_json::Error,
) -> String {
    let message = error.to_string();
    if message.starts_with("missing field") || message.starts_with("unknown field") {
        return message;
    }
    if let serde_json::Value::Object(map) = value {
        for (key, member) in map {
            let alone =
                serde_json::Value::Object(std::iter::once((key.clone(), member.clone())).collect());
            if let Err(e) = serde_json::from_value::<T>(alone) {
                let m = e.to_string();
                if !m.starts_with("missing field") && !m.starts_with("unknown field") {
                    return format!("`{key}`: {m}");
                }
            }
        }
    }
    message
}

/// Prints a value inside a message the way Spectral's `printValue` does:
/// scalars as JSON (`"a"`, `1`, `null`), arrays as `Array[]`, objects as
/// `Object{}`.
pub fn print_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Array(_) => "Array[]".into(),
        serde_json::Value::Object(_) => "Object{}".into(),
        serde_json::Value::Number(n) => match n.as_f64() {
            // JavaScript prints integral floats without a fraction.
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => {
                format!("{}", f as i64)
            }
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// Accepts only a missing/`null` options value.
pub fn no_options(name: &str, options: &serde_json::Value) -> Result<(), String> {
    match options {
        serde_json::Value::Null => Ok(()),
        serde_json::Value::Object(m) if m.is_empty() => Ok(()),
        _ => Err(format!("`{name}` takes no functionOptions")),
    }
}

/// What the registry knows about a function besides how to make it.
#[derive(Clone, Debug)]
pub struct FunctionInfo {
    name: std::borrow::Cow<'static, str>,
    doc: std::borrow::Cow<'static, str>,
    options_schema: Option<fn() -> serde_json::Value>,
}

impl FunctionInfo {
    /// The name rulesets call it by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its documentation in Markdown (the doc comment, without the one
    /// space each `///` line starts with); empty without the `docs`
    /// feature.
    pub fn doc(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first paragraph of [`FunctionInfo::doc`], on one line.
    pub fn summary(&self) -> String {
        let doc = self.doc();
        doc.split("\n\n")
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The JSON Schema of its `functionOptions`, when it is a
    /// [`NativeFunction`] and the `docs` feature is on.
    pub fn options_schema(&self) -> Option<serde_json::Value> {
        self.options_schema.map(|f| f())
    }
}

/// A name registered twice in a [`FunctionRegistry`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateFunction(pub String);

impl fmt::Display for DuplicateFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a function named `{}` is already registered", self.0)
    }
}

impl std::error::Error for DuplicateFunction {}

#[derive(Clone)]
struct Entry {
    info: FunctionInfo,
    factory: std::sync::Arc<DynFactory>,
}

/// Every function a ruleset may call, by name.
///
/// [`FunctionRegistry::default`] holds the built-in functions (Spectral's
/// core functions and those of the built-in rulesets); applications add
/// their own with [`FunctionRegistry::register`] (a [`NativeFunction`]) or
/// [`FunctionRegistry::register_dyn`] (any closure, which may capture
/// state). A name can be registered only once.
#[derive(Clone)]
pub struct FunctionRegistry {
    entries: BTreeMap<String, Entry>,
}

impl fmt::Debug for FunctionRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.entries.keys()).finish()
    }
}

impl Default for FunctionRegistry {
    fn default() -> Self {
        Self::builtin()
    }
}

/// Creates a [`NativeFunction`] from a rule's `functionOptions`.
pub(crate) fn create_native<F: NativeFunction>(
    options: &serde_json::Value,
) -> Result<Box<dyn Function>, String> {
    if std::any::TypeId::of::<F::Options>() == std::any::TypeId::of::<NoOptions>() {
        no_options(F::NAME, options)?;
    }
    let options: F::Options = parse_options(options)?;
    F::new(options).map(|f| Box::new(f) as Box<dyn Function>)
}

fn options_schema_of<F: NativeFunction>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(F::Options)).unwrap_or_default()
}

impl FunctionRegistry {
    /// An empty registry.
    pub fn empty() -> Self {
        FunctionRegistry {
            entries: BTreeMap::new(),
        }
    }

    /// The built-in functions: Spectral's core functions and the native
    /// functions of the built-in rulesets.
    pub fn builtin() -> Self {
        let mut r = Self::empty();
        builtin::register_all(&mut r).expect("built-in function names are unique");
        r
    }

    /// Adds a [`NativeFunction`] under its declared name.
    pub fn register<F: NativeFunction>(&mut self) -> Result<&mut Self, DuplicateFunction> {
        self.insert(
            FunctionInfo {
                name: F::NAME.into(),
                doc: if cfg!(feature = "docs") {
                    F::DOC.into()
                } else {
                    "".into()
                },
                options_schema: if cfg!(feature = "docs") {
                    Some(options_schema_of::<F>)
                } else {
                    None
                },
            },
            std::sync::Arc::new(create_native::<F>),
        )
    }

    /// Adds a function made by `factory` from a rule's `functionOptions`
    /// (`null` when the rule has none). The factory may capture state, and
    /// the functions it makes may hold it.
    pub fn register_dyn(
        &mut self,
        name: impl Into<String>,
        doc: impl Into<String>,
        factory: impl Fn(&serde_json::Value) -> Result<Box<dyn Function>, String>
            + Send
            + Sync
            + 'static,
    ) -> Result<&mut Self, DuplicateFunction> {
        self.insert(
            FunctionInfo {
                name: std::borrow::Cow::Owned(name.into()),
                doc: std::borrow::Cow::Owned(doc.into()),
                options_schema: None,
            },
            std::sync::Arc::new(factory),
        )
    }

    /// Registers `factory` under `name` like [`register_dyn`](Self::register_dyn),
    /// replacing a function of that name if there is one (then `true`).
    pub(crate) fn shadow_dyn(
        &mut self,
        name: impl Into<String>,
        doc: impl Into<String>,
        factory: impl Fn(&serde_json::Value) -> Result<Box<dyn Function>, String>
            + Send
            + Sync
            + 'static,
    ) -> bool {
        let name = name.into();
        let replaced = self.entries.remove(&name).is_some();
        let inserted = self.register_dyn(name, doc, factory);
        debug_assert!(inserted.is_ok(), "the name was free");
        replaced
    }

    fn insert(
        &mut self,
        info: FunctionInfo,
        factory: std::sync::Arc<DynFactory>,
    ) -> Result<&mut Self, DuplicateFunction> {
        let name = info.name.to_string();
        if self.entries.contains_key(&name) {
            return Err(DuplicateFunction(name));
        }
        self.entries.insert(name, Entry { info, factory });
        Ok(self)
    }

    /// Makes the function `name` from `options`: `None` when there is no
    /// such function, `Some(Err)` when the options are wrong.
    pub fn create(
        &self,
        name: &str,
        options: &serde_json::Value,
    ) -> Option<Result<Box<dyn Function>, String>> {
        self.entries.get(name).map(|e| (e.factory)(options))
    }

    /// Whether a function is registered under `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The registered names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(|k| k.as_str())
    }

    /// What is known about each registered function, sorted by name.
    pub fn functions(&self) -> impl Iterator<Item = &FunctionInfo> {
        self.entries.values().map(|e| &e.info)
    }

    /// What is known about the function `name`.
    pub fn info(&self, name: &str) -> Option<&FunctionInfo> {
        self.entries.get(name).map(|e| &e.info)
    }
}
