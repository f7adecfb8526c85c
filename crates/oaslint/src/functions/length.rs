use super::{Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use serde::Deserialize;

/// The options of [`Length`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The smallest allowed size (inclusive).
    min: Option<f64>,
    /// The largest allowed size (inclusive).
    max: Option<f64>,
}

crate::declare_function! {
    /// The size of a value must be within bounds.
    ///
    /// # What it does
    ///
    /// Measures the input and compares it with `min` and `max` (both
    /// inclusive):
    ///
    /// - a string or a key: its number of characters (Unicode scalar values);
    /// - an array: its number of items;
    /// - an object: its number of members;
    /// - a number: the number itself.
    ///
    /// Booleans, `null` and undefined values are skipped.
    ///
    /// # Why
    ///
    /// Bounds what a reader or a tool can cope with: a summary short enough
    /// for a menu, at least one tag per operation, not a hundred members in
    /// one object.
    ///
    /// # Options
    ///
    /// - `min` (number, optional): the smallest allowed size.
    /// - `max` (number, optional): the largest allowed size.
    ///
    /// At least one is required, and `min` must not be greater than `max`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   operation-tags-count:
    ///     description: Operations have one to three tags.
    ///     given: $.paths[*][*]
    ///     then:
    ///       field: tags
    ///       function: length
    ///       functionOptions:
    ///         min: 1
    ///         max: 3
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       tags: []
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       tags: [pets]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and messages: strings are measured in UTF-16 code
    /// units as in JavaScript (an emoji counts 2), and the messages are
    /// Spectral's (`"tags" property must be longer than 3` for `min: 3`,
    /// although a length of 3 passes; `… must be shorter than 1`). As in
    /// Spectral, `min` greater than `max` is accepted (every value fails).
    #[function("length")]
    pub(crate) struct Length {
        min: Option<f64>,
        max: Option<f64>,
    }
}

/// Which bound a value broke.
#[derive(Clone, Copy)]
enum Bound {
    Min,
    Max,
}

/// A bound as JavaScript prints it (`3`, not `3.0`).
fn show(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Spectral's message (the engine fills in the property).
fn message(bound: Bound, n: f64) -> String {
    let word = match bound {
        Bound::Min => "longer",
        Bound::Max => "shorter",
    };
    format!(
        "#{{{{print(\"property\")}}}}must be {word} than {}",
        show(n)
    )
}

impl NativeFunction for Length {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if o.min.is_none() && o.max.is_none() {
            return Err("`length` needs at least one of the options `min` and `max`".into());
        }
        Ok(Length {
            min: o.min,
            max: o.max,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let size = match input {
            Input::Key(k) => k.encode_utf16().count() as f64,
            Input::Node(c) => match c.value() {
                Value::String(s) => s.encode_utf16().count() as f64,
                Value::Array(items) => items.len() as f64,
                Value::Object(entries) => entries.len() as f64,
                Value::Number(n) => n.as_f64(),
                Value::Null | Value::Bool(_) => return,
            },
            Input::Undefined => return,
        };
        if let Some(min) = self.min {
            if size < min {
                out.push(Outcome::new(message(Bound::Min, min)));
            }
        }
        if let Some(max) = self.max {
            if size > max {
                out.push(Outcome::new(message(Bound::Max, max)));
            }
        }
    }
}
