//! Native functions for the rules of the built-in `zalando` ruleset that
//! Zally's Zalando rule set does not cover: Zally's own rule set (M008 …
//! Z001, `rules/zally.yaml`) and the guideline rules automated beyond
//! Zally (`rules/beyond.yaml`). Logic that `given`/`then` data cannot
//! express lives here, one file per function, each with its options type,
//! doc comment and pass/fail tables.

use super::FunctionRegistry;

pub(super) mod address_fields;
pub(super) mod cache_headers;
pub(super) mod case_checker;
mod collections;
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
pub(crate) mod oas;
pub(super) mod page_object;
pub(super) mod pagination;
mod pagination_links;
mod path_parameters;
mod response_headers;
mod standard_formats;
mod string_length_bounds;
mod tag_all_operations;
mod total_count;
mod unused_definitions;
mod verb_free_paths;

#[cfg(test)]
mod testing;

/// (name, factory) of every function of this module.
const FUNCTIONS: &[(&str, super::Factory)] = &[
    ("paginationLinks", pagination_links::create),
    ("pathParameters", path_parameters::create),
    ("responseHeaders", response_headers::create),
    ("standardFormats", standard_formats::create),
    ("stringLengthBounds", string_length_bounds::create),
    ("tagAllOperations", tag_all_operations::create),
    ("totalCount", total_count::create),
    ("unusedDefinitions", unused_definitions::create),
    ("verbFreePaths", verb_free_paths::create),
];

/// Adds this module's functions to `registry`.
pub fn register(registry: &mut FunctionRegistry) {
    for (name, factory) in FUNCTIONS {
        registry.register_factory(name, *factory);
    }
}
