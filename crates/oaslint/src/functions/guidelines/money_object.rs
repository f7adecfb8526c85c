use crate::functions::oas::{has_type, key_of, keys, str_member, types};
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};

crate::declare_function! {
    /// Money is the common, closed money object (guideline 173).
    ///
    /// # What it does
    ///
    /// Applied to a `properties` map that has both `amount` and `currency` —
    /// a money object — reports, at the offending property:
    ///
    /// - every other property: `Money is a closed type: "discounted_amount"
    ///   must not be added to it (compose money objects instead)`;
    /// - an `amount` that is not `type: number`, or whose `format` is not
    ///   `decimal`: `"amount" must be type number with format decimal`;
    /// - a `currency` that is not `type: string`.
    ///
    /// Untyped `amount`/`currency` (for example `$ref`s that cannot be
    /// resolved) are not judged. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// One money representation lets clients handle amounts of every API with
    /// the same code; the guideline's money object is `{amount, currency}`
    /// with a decimal amount, and a closed type: "it's not meant to be used in
    /// an inheritance hierarchy", so extra fields belong in a composing object.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "173":
    ///     title: Use the common money object
    ///     description: >-
    ///       Money is the common money object `{amount, currency}` — `amount` a
    ///       number with format `decimal`, `currency` a string — and a closed
    ///       type: "it's not meant to be used in an inheritance hierarchy". An
    ///       object with `amount` and `currency` is a money object.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $..properties
    ///     then:
    ///       function: moneyObject
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Price:
    ///       type: object
    ///       properties:
    ///         amount: {type: number, format: decimal}
    ///         currency: {type: string}
    ///         discount: {type: number, format: decimal}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Price:
    ///       type: object
    ///       properties:
    ///         amount: {type: number, format: decimal}
    ///         currency: {type: string}
    /// ```
    #[function("moneyObject")]
    pub(crate) struct MoneyObject;
}

impl NativeFunction for MoneyObject {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(MoneyObject)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        let (Some(amount), Some(currency)) = (map.get("amount"), map.get("currency")) else {
            return;
        };
        for name in keys(&map) {
            if name != "amount" && name != "currency" {
                out.push(
                    Outcome::new(format!(
                        "Money is a closed type: \"{name}\" must not be added to it (compose money objects instead)"
                    ))
                    .at(vec![name.to_string()]),
                );
            }
        }
        if !types(&amount).is_empty()
            && (!has_type(&amount, "number") || str_member(&amount, "format") != Some("decimal"))
        {
            out.push(
                Outcome::new("\"amount\" must be type number with format decimal")
                    .at(vec!["amount".into()]),
            );
        }
        if !types(&currency).is_empty() && !has_type(&currency, "string") {
            out.push(
                Outcome::new("\"currency\" must be type string (an ISO 4217 code)")
                    .at(vec!["currency".into()]),
            );
        }
    }
}
