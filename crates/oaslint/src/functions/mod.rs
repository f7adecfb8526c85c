//! Rule functions: the logic a rule's `then` applies to each target.
//!
//! Every Spectral core function exists here with Spectral's option names,
//! one file each. A function is created once per rule when the ruleset
//! loads ([`Factory`], which validates the options) and then called for every
//! target the rule's `given`/`field` selects ([`RuleFunction::check`]).
//! Applications can add native functions with [`FunctionRegistry::register`].

use crate::document::SpecFormat;
use crate::severity::Severity;
use crate::workspace::{Cursor, View};
use std::collections::BTreeMap;
use std::fmt;

mod alphabetical;
mod casing;
mod defined;
mod enumeration;
mod falsy;
mod length;
mod or;
mod pattern;
mod schema;
mod truthy;
mod typed_enum;
mod undefined;
mod unreferenced_reusable_object;
mod xor;

/// Native functions for guideline rules Zally does not automate.
pub mod guidelines;
/// Native functions for Zally's rules of the Zalando guidelines.
pub mod zalando;

#[cfg(test)]
pub(crate) mod testing;

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

    pub fn cursor(&self) -> Option<Cursor<'a>> {
        match self {
            Input::Node(c) => Some(*c),
            _ => None,
        }
    }

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
/// Made with [`Context::new`] (it also holds work that functions share
/// within one lint, which is why it cannot be built field by field, and is
/// neither `Send` nor `Sync`). The engine makes one per view for a whole
/// lint; a function's input comes from the same view and has the same
/// lifetime `'a`.
pub struct Context<'a> {
    pub view: View<'a>,
    pub format: SpecFormat,
    /// Work several functions need, done once per lint (the engine keeps
    /// one context per view for the whole lint).
    pub(crate) shared: Shared<'a>,
}

impl<'a> Context<'a> {
    pub fn new(view: View<'a>, format: SpecFormat) -> Context<'a> {
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
    /// ([`zalando::util::schema_walk`]): five Zalando rules walk the same
    /// schemas and leaf properties.
    pub(crate) schema_walks: std::cell::RefCell<
        rustc_hash::FxHashMap<String, std::rc::Rc<[zalando::util::WalkedSchema<'a>]>>,
    >,
}

/// One problem a function found.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Outcome {
    pub fn new(message: impl Into<String>) -> Outcome {
        Outcome {
            message: message.into(),
            path: Vec::new(),
            severity: None,
        }
    }

    pub fn at(mut self, path: Vec<String>) -> Outcome {
        self.path = path;
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Outcome {
        self.severity = Some(severity);
        self
    }
}

/// A function ready to run, with its options validated and compiled.
pub trait RuleFunction: Send + Sync {
    /// Checks `input` and pushes one [`Outcome`] per problem onto `out`.
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>);
}

/// Creates a function from its `functionOptions` (`Null` when absent);
/// `Err` explains what is wrong with the options.
pub type Factory = fn(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String>;

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

/// Name → factory for every function a ruleset may use.
#[derive(Clone)]
pub struct FunctionRegistry {
    factories: BTreeMap<String, Factory>,
}

impl fmt::Debug for FunctionRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.factories.keys()).finish()
    }
}

impl Default for FunctionRegistry {
    fn default() -> Self {
        Self::with_core_functions()
    }
}

impl FunctionRegistry {
    /// An empty registry.
    pub fn empty() -> Self {
        FunctionRegistry {
            factories: BTreeMap::new(),
        }
    }

    /// Spectral's core functions.
    pub fn with_core_functions() -> Self {
        let mut r = Self::empty();
        r.register("alphabetical", alphabetical::create);
        r.register("casing", casing::create);
        r.register("defined", defined::create);
        r.register("enumeration", enumeration::create);
        r.register("falsy", falsy::create);
        r.register("length", length::create);
        r.register("or", or::create);
        r.register("pattern", pattern::create);
        r.register("schema", schema::create);
        r.register("truthy", truthy::create);
        r.register("typedEnum", typed_enum::create);
        r.register("undefined", undefined::create);
        r.register(
            "unreferencedReusableObject",
            unreferenced_reusable_object::create,
        );
        r.register("xor", xor::create);
        zalando::register(&mut r);
        guidelines::register(&mut r);
        r
    }

    /// Adds (or replaces) a function.
    pub fn register(&mut self, name: &str, factory: Factory) -> &mut Self {
        self.factories.insert(name.to_string(), factory);
        self
    }

    pub fn get(&self, name: &str) -> Option<Factory> {
        self.factories.get(name).copied()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.factories.keys().map(|k| k.as_str())
    }
}

/// Formats a value for messages the way Spectral prints it.
pub fn describe(input: &Input<'_>) -> String {
    match input {
        Input::Undefined => "undefined".into(),
        Input::Key(k) => format!("\"{k}\""),
        Input::Node(c) => {
            // A few dozen nodes are plenty for an 80-character preview; a
            // whole document is not converted for one message.
            let v = c.to_json_limited(64);
            match &v {
                serde_json::Value::String(s) => format!("\"{s}\""),
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                    let s = v.to_string();
                    if s.len() > 80 {
                        format!("{}…", &s[..crate::source::floor_char_boundary(&s, 77)])
                    } else {
                        s
                    }
                }
                other => other.to_string(),
            }
        }
    }
}
