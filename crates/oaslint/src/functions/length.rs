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
    /// - Strings are measured in characters; Spectral counts UTF-16 code units,
    ///   so an emoji counts 2 there and 1 here.
    /// - Messages name the bound exactly and the unit (`must be at least 3
    ///   characters long`, `must have at most 1 item`); Spectral writes
    ///   `must be longer than 3` for `min: 3`, although a length of 3 passes.
    /// - `min` greater than `max` is a ruleset error (every value would fail).
    #[function("length")]
    pub(crate) struct Length {
        min: Option<f64>,
        max: Option<f64>,
    }
}

/// What was measured, for the message.
#[derive(Clone, Copy)]
enum Unit {
    Characters,
    Items,
    Properties,
    Number,
}

/// A bound as JavaScript prints it (`3`, not `3.0`).
fn show(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn message(unit: Unit, bound: &str, n: f64) -> String {
    let one = n == 1.0;
    let v = show(n);
    match unit {
        Unit::Characters => {
            let s = if one { "character" } else { "characters" };
            format!("must be {bound} {v} {s} long")
        }
        Unit::Items => {
            let s = if one { "item" } else { "items" };
            format!("must have {bound} {v} {s}")
        }
        Unit::Properties => {
            let s = if one { "property" } else { "properties" };
            format!("must have {bound} {v} {s}")
        }
        Unit::Number => format!("must be {bound} {v}"),
    }
}

impl NativeFunction for Length {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        match (o.min, o.max) {
            (None, None) => {
                return Err("`length` needs at least one of the options `min` and `max`".into())
            }
            (Some(min), Some(max)) if min > max => {
                return Err(format!(
                    "`min` ({}) must not be greater than `max` ({})",
                    show(min),
                    show(max)
                ))
            }
            _ => {}
        }
        Ok(Length {
            min: o.min,
            max: o.max,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let (size, unit) = match input {
            Input::Key(k) => (k.chars().count() as f64, Unit::Characters),
            Input::Node(c) => match c.value() {
                Value::String(s) => (s.chars().count() as f64, Unit::Characters),
                Value::Array(items) => (items.len() as f64, Unit::Items),
                Value::Object(entries) => (entries.len() as f64, Unit::Properties),
                Value::Number(n) => (n.as_f64(), Unit::Number),
                Value::Null | Value::Bool(_) => return,
            },
            Input::Undefined => return,
        };
        if let Some(min) = self.min {
            if size < min {
                out.push(Outcome::new(message(unit, "at least", min)));
            }
        }
        if let Some(max) = self.max {
            if size > max {
                out.push(Outcome::new(message(unit, "at most", max)));
            }
        }
    }
}
