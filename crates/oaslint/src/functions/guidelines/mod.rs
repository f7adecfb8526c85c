//! Native functions for the rules of the built-in `zalando` ruleset that
//! Zally's Zalando rule set does not cover: Zally's own rule set (M008 …
//! Z001, `rules/zally.yaml`) and the guideline rules automated beyond
//! Zally (`rules/beyond.yaml`). Logic that `given`/`then` data cannot
//! express lives here, one file per function, each declared with
//! `declare_function!` (its options type and documented, tested example);
//! their pass/fail cases are in `tests/fixtures/functions/<name>.yaml`.

pub(super) mod address_fields;
pub(super) mod cache_headers;
pub(super) mod case_checker;
pub(super) mod conventional_query_parameters;
pub(super) mod deprecation_description;
pub(super) mod extract_base_path;
pub(super) mod flow_id;
pub(super) mod format_by_name;
pub(super) mod ignore_extension;
pub(super) mod json_payload;
pub(super) mod money_object;
pub(super) mod nullable_type;
pub(super) mod numeric_bounds;
pub(super) mod page_object;
pub(super) mod pagination;
pub(super) mod pagination_links;
pub(super) mod path_parameters;
pub(super) mod response_headers;
pub(super) mod standard_formats;
pub(super) mod string_length_bounds;
pub(super) mod tag_all_operations;
pub(super) mod total_count;
pub(super) mod unused_definitions;
pub(super) mod verb_free_paths;

// Only `run_with` is still used; the rest goes with `functions/testing.rs`.
