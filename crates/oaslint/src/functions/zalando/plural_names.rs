//! `zalandoPluralNames`: the name of an array property should be a plural
//! (Zalando 120).
//!
//! # What it does
//!
//! Tests a key (the rule's `given` ends in `~`, or `field: "@key"`): when
//! the name is not a plural English noun it reports `Array property name
//! appears to be singular: <name>`. A name counts as plural when it is in
//! `whitelist` or pluralising it changes nothing (the `cruet` inflector,
//! which looks at the last word of `snake_case` and `kebab-case` names).
//! Other inputs are skipped.
//!
//! # Options
//!
//! - `whitelist` (list of strings, default Zally's `[vat, apis, self]`):
//!   names accepted as plural.
//!
//! # Example
//!
//! ```yaml
//! "120":
//!   message: "{{error}}"
//!   given: "$.components.schemas[*].properties[?(@.type == 'array')]~"
//!   then:
//!     function: zalandoPluralNames
//! ```
//!
//! # Compared with Zally
//!
//! Zally decides with javatools' `PlingStemmer`; `cruet` agrees on regular
//! nouns, `-ies`/`-ses` forms, irregular plurals (`people`, `children`) and
//! uncountables (`data`, `information`) but may differ on rare words —
//! add those to `whitelist`.

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::is_plural;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_whitelist")]
    whitelist: Vec<String>,
}

pub(crate) fn default_whitelist() -> Vec<String> {
    vec!["vat".into(), "apis".into(), "self".into()]
}

struct PluralNames {
    whitelist: Vec<String>,
}

impl RuleFunction for PluralNames {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Input::Key(name) = input else { return };
        if !is_plural(name, &self.whitelist) {
            out.push(Outcome::new(format!(
                "Array property name appears to be singular: {name}"
            )));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(PluralNames {
        whitelist: o.whitelist,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome};
    use super::*;
    use serde_json::json;

    #[test]
    fn pass() {
        for name in [
            "items",
            "order_items",
            "people",
            "children",
            "data",
            "vat",
            "self",
            "addresses",
        ] {
            assert!(
                testing::run_key(create, json!(null), name).is_empty(),
                "{name}"
            );
        }
        assert!(testing::run_key(create, json!({"whitelist": ["stuff"]}), "stuff").is_empty());
        // Only keys are checked.
        assert!(testing::run(create, json!(null), Some(json!("item"))).is_empty());
    }

    #[test]
    fn fail() {
        let rows: Vec<_> = [
            "item",
            "order_item",
            "person",
            "status",
            "vat_rate",
            "address",
        ]
        .iter()
        .map(|name| {
            let got = testing::run_key(create, json!(null), name);
            assert_eq!(
                got,
                vec![outcome(
                    &format!("Array property name appears to be singular: {name}"),
                    &[]
                )]
            );
            json!({"input": name, "outcomes": testing::outcomes_json(&got)})
        })
        .collect();
        insta::assert_yaml_snapshot!(rows);
    }

    #[test]
    fn options() {
        assert!(testing::options_error(create, json!({"whitelist": "vat"})).contains("`whitelist`"));
    }
}
