//! `conventionalQueryParameters`: query parameters for searching,
//! sorting, filtering and paginating use the conventional names
//! (guideline 137).
//!
//! # What it does
//!
//! Applied to a parameter object with `in: query`, reports its `name` when
//! it is a known synonym of a conventional name: `Query parameter
//! "page_size" should be "limit" (the conventional name for its purpose)`.
//! Names are compared without case and separators, so `pageSize`,
//! `page_size` and `page-size` are the same. The finding is at `name`.
//! Other inputs are skipped.
//!
//! # Options
//!
//! - `names` (map of conventional name → list of synonyms). Default:
//!   `q` ← query, search, search_query, search_term, keywords;
//!   `sort` ← sort_by, order_by, sorting, sort_order;
//!   `fields` ← select, include_fields, fieldset;
//!   `embed` ← expand, include, embedded;
//!   `offset` ← skip, start_index;
//!   `cursor` ← page_token, next_page_token, continuation_token,
//!   next_token, starting_after, page_cursor, marker;
//!   `limit` ← page_size, per_page, max_results, max_items, top, page_limit.
//!
//! # Example
//!
//! ```yaml
//! "137":
//!   given: "$.paths[*][*].parameters[?(@.in == 'query')]"
//!   then:
//!     function: conventionalQueryParameters
//!     functionOptions:
//!       names:
//!         limit: [page_size, per_page, size]
//! ```

use super::oas::{squash, str_member};
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    names: Option<serde_json::Map<String, serde_json::Value>>,
}

const DEFAULT: [(&str, &[&str]); 7] = [
    (
        "q",
        &["query", "search", "search_query", "search_term", "keywords"],
    ),
    ("sort", &["sort_by", "order_by", "sorting", "sort_order"]),
    ("fields", &["select", "include_fields", "fieldset"]),
    ("embed", &["expand", "include", "embedded"]),
    ("offset", &["skip", "start_index"]),
    (
        "cursor",
        &[
            "page_token",
            "next_page_token",
            "continuation_token",
            "next_token",
            "starting_after",
            "page_cursor",
            "marker",
        ],
    ),
    (
        "limit",
        &[
            "page_size",
            "per_page",
            "max_results",
            "max_items",
            "top",
            "page_limit",
        ],
    ),
];

struct ConventionalQueryParameters {
    /// (squashed synonym, conventional name).
    synonyms: Vec<(String, String)>,
}

impl RuleFunction for ConventionalQueryParameters {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(p) = input.cursor() else { return };
        if str_member(&p, "in") != Some("query") {
            return;
        }
        let Some(name) = str_member(&p, "name") else {
            return;
        };
        let key = squash(name);
        if let Some((_, conventional)) = self.synonyms.iter().find(|(s, _)| *s == key) {
            out.push(
                Outcome::new(format!(
                    "Query parameter \"{name}\" should be \"{conventional}\" (the conventional name for its purpose)"
                ))
                .at(vec!["name".into()]),
            );
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let mut synonyms = Vec::new();
    match o.names {
        Some(map) => {
            for (conventional, list) in map {
                let list = list
                    .as_array()
                    .ok_or_else(|| format!("`names.{conventional}` must be a list of synonyms"))?;
                for s in list {
                    let s = s.as_str().ok_or_else(|| {
                        format!("`names.{conventional}` must be a list of strings")
                    })?;
                    synonyms.push((squash(s), conventional.clone()));
                }
            }
        }
        None => {
            for (conventional, list) in DEFAULT {
                for s in list {
                    synonyms.push((squash(s), conventional.to_string()));
                }
            }
        }
    }
    Ok(Box::new(ConventionalQueryParameters { synonyms }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
p:
  - {name: limit, in: query}
  - {name: pageSize, in: query}
  - {name: page_token, in: query}
  - {name: expand, in: query}
  - {name: page_size, in: header}
  - {name: sort-by, in: query}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), SPEC, "/p/0"),
            (json!(null), SPEC, "/p/4"),
            (json!({"names": {"limit": ["size"]}}), SPEC, "/p/1"),
            (json!(null), SPEC, "/p"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let at = &["name"];
        vec![
            (json!(null), SPEC, "/p/1", vec![outcome("Query parameter \"pageSize\" should be \"limit\" (the conventional name for its purpose)", at)]),
            (json!(null), SPEC, "/p/2", vec![outcome("Query parameter \"page_token\" should be \"cursor\" (the conventional name for its purpose)", at)]),
            (json!(null), SPEC, "/p/3", vec![outcome("Query parameter \"expand\" should be \"embed\" (the conventional name for its purpose)", at)]),
            (json!(null), SPEC, "/p/5", vec![outcome("Query parameter \"sort-by\" should be \"sort\" (the conventional name for its purpose)", at)]),
            (json!({"names": {"limit": ["page-size"]}}), SPEC, "/p/1", vec![outcome("Query parameter \"pageSize\" should be \"limit\" (the conventional name for its purpose)", at)]),
        ]
    }

    #[test]
    fn pass() {
        testing::assert_passes(create, &pass_table());
    }

    #[test]
    fn fail() {
        insta::assert_yaml_snapshot!(testing::assert_fails(create, &fail_table()));
    }

    #[test]
    fn options() {
        assert_eq!(
            create(&json!({"names": {"limit": "size"}})).err().unwrap(),
            "`names.limit` must be a list of synonyms"
        );
    }
}
