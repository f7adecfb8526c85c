//! Native functions: the API for writing a rule function in Rust.
//!
//! A rule's `then.function` names a function of the [`FunctionRegistry`]
//! the ruleset is loaded with. The built-in functions (Spectral's core
//! functions and those of the built-in rulesets) are in
//! [`FunctionRegistry::default`]; an application adds its own:
//!
//! - a [`NativeFunction`], declared with [`declare_function!`]: typed
//!   options (deserialised and validated by the registry, their JSON Schema
//!   generated for the docs), a name and documentation written once;
//! - or any closure with [`FunctionRegistry::register_dyn`], which may
//!   capture state (a list fetched at start-up, a cache) and hand it to the
//!   functions it makes.
//!
//! A function gets its input ([`Input`]: a node, a key, or nothing when the
//! rule's `field` is missing) and a [`Context`] (the document as seen by the
//! rule, `$ref`s followed unless the rule says `resolved: false`), and
//! pushes [`Outcome`]s: a message and the path below the input where the
//! problem is. The engine turns each outcome into a located finding.
//!
//! ```
//! use oaslint::function::{declare_function, Context, Input, NativeFunction, Outcome};
//! use oaslint::{FunctionRegistry, Linter, MemoryResolver, RulesetLoader};
//!
//! declare_function! {
//!     /// Reports a string longer than `max` characters.
//!     #[function("maxChars")]
//!     pub struct MaxChars {
//!         max: usize,
//!     }
//! }
//!
//! #[derive(serde::Deserialize, schemars::JsonSchema)]
//! pub struct MaxCharsOptions {
//!     max: usize,
//! }
//!
//! impl NativeFunction for MaxChars {
//!     type Options = MaxCharsOptions;
//!     fn new(options: MaxCharsOptions) -> Result<Self, String> {
//!         Ok(MaxChars { max: options.max })
//!     }
//!     fn check<'a>(&self, input: Input<'a>, _: &Context<'a>, out: &mut Vec<Outcome>) {
//!         if input.as_str().is_some_and(|s| s.chars().count() > self.max) {
//!             out.push(Outcome::new(format!("must be at most {} characters", self.max)));
//!         }
//!     }
//! }
//!
//! let mut registry = FunctionRegistry::default();
//! registry.register::<MaxChars>()?;
//! let files = MemoryResolver::new();
//! let ruleset = RulesetLoader::new(&files, &registry).load_text(
//!     "rules.yaml",
//!     "rules:\n  short-titles:\n    given: $.info.title\n    then:\n      function: maxChars\n      functionOptions: {max: 5}\n",
//! )?;
//! let spec = "openapi: 3.0.3\ninfo:\n  title: Pet store\n  version: v1\npaths: {}\n";
//! let report = Linter::new(ruleset).lint("pets.yaml", spec, &files);
//! assert_eq!(report.findings.len(), 1);
//! assert_eq!(report.findings[0].pointer, "/info/title");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use crate::declare_function;
pub use crate::functions::{
    Context, Described, DuplicateFunction, Function, FunctionInfo, FunctionRegistry, Input,
    NativeFunction, NoOptions, Outcome,
};
pub use crate::workspace::Cursor;
