use crate::functions::oas::{has_type, int_member, is_leaf_property, key_of, str_member};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// String properties should declare valid length bounds (Zally's rule
    /// S007).
    ///
    /// # What it does
    ///
    /// Applied to a `properties` map, checks every leaf property (one without
    /// own `properties`) of type `string`, unless its `format` is in
    /// `formatWhitelist`, it has a `pattern` (when `patternImpliesLimits`), or
    /// it has an `enum`. Reports, at the property, with Zally's messages:
    ///
    /// - `minLength > maxLength is invalid` when both are set and inverted;
    /// - `No minLength defined` / `Negative minLength is invalid`;
    /// - `No maxLength defined` / `Negative maxLength is invalid`.
    ///
    /// Other inputs are skipped.
    ///
    /// # Why
    ///
    /// Length bounds tell clients what a server stores and accepts, so they can
    /// validate input early and size storage; Zally's S007 asks every string
    /// property whose length no format, pattern or enum implies for a
    /// `minLength` and a `maxLength`.
    ///
    /// # Options
    ///
    /// - `formatWhitelist` (list of strings, default `[date, date-time, uuid,
    ///   ipv4, ipv6]`): formats whose length is implied.
    /// - `patternImpliesLimits` (boolean, default `true`): a `pattern` counts
    ///   as a bound.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   S007:
    ///     title: Define bounds for lengths of string properties
    ///     description: >-
    ///       String properties should declare `minLength` and `maxLength` (unless a
    ///       format, pattern or enum implies them).
    ///     message: "{{error}}"
    ///     severity: should
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#s007-define-bounds-for-lengths-of-string-properties
    ///     given: $..properties
    ///     then:
    ///       function: stringLengthBounds
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         note: {type: string}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         note: {type: string, minLength: 0, maxLength: 500}
    /// ```
    #[function("stringLengthBounds")]
    pub(crate) struct StringLengthBounds {
        options: Options,
    }
}

/// The options of [`StringLengthBounds`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// Formats whose length is implied.
    #[serde(default = "default_whitelist")]
    format_whitelist: Vec<String>,
    /// Whether a `pattern` counts as a bound.
    #[serde(default = "default_true")]
    pattern_implies_limits: bool,
}

fn default_whitelist() -> Vec<String> {
    ["date", "date-time", "uuid", "ipv4", "ipv6"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn default_true() -> bool {
    true
}

impl NativeFunction for StringLengthBounds {
    type Options = Options;

    fn new(options: Options) -> Result<Self, String> {
        Ok(StringLengthBounds { options })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        for (name, schema) in map.entries() {
            if !is_leaf_property(&schema) || !has_type(&schema, "string") {
                continue;
            }
            let whitelisted = str_member(&schema, "format")
                .is_some_and(|f| self.options.format_whitelist.iter().any(|w| w == f));
            if whitelisted
                || (schema.get("pattern").is_some() && self.options.pattern_implies_limits)
                || schema.get("enum").is_some()
            {
                continue;
            }
            let at = || vec![name.to_string()];
            let min = int_member(&schema, "minLength");
            let max = int_member(&schema, "maxLength");
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    out.push(Outcome::new("minLength > maxLength is invalid").at(at()));
                }
            }
            for (bound, value) in [("minLength", min), ("maxLength", max)] {
                match value {
                    None => out.push(Outcome::new(format!("No {bound} defined")).at(at())),
                    Some(v) if v < 0 => {
                        out.push(Outcome::new(format!("Negative {bound} is invalid")).at(at()))
                    }
                    Some(_) => {}
                }
            }
        }
    }
}
