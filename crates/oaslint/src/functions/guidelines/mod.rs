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
mod conventional_query_parameters;
mod deprecation_description;
mod extract_base_path;
mod flow_id;
mod format_by_name;
mod ignore_extension;
mod json_payload;
mod money_object;
mod nullable_type;
mod numeric_bounds;
pub(crate) mod oas;
mod page_object;
mod pagination;
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
    (
        "conventionalQueryParameters",
        conventional_query_parameters::create,
    ),
    ("deprecationDescription", deprecation_description::create),
    ("extractBasePath", extract_base_path::create),
    ("flowId", flow_id::create),
    ("formatByName", format_by_name::create),
    ("ignoreExtension", ignore_extension::create),
    ("jsonPayload", json_payload::create),
    ("moneyObject", money_object::create),
    ("nullableType", nullable_type::create),
    ("numericBounds", numeric_bounds::create),
    ("pageObject", page_object::create),
    ("pagination", pagination::create),
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
