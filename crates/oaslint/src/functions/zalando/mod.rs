//! Native functions of the built-in `zalando` ruleset: logic that
//! `given`/`then` data cannot express. One file per function, each
//! declared with [`declare_function!`](crate::declare_function) (its doc
//! comment, tested example and options type; its pass/fail cases are in
//! `tests/fixtures/functions/<name>.yaml`); Zally's traversals that
//! several of them share are in `functions::oas::zally`.

pub(crate) mod closed_enums;
pub(crate) mod collection_format;
pub(crate) mod common_fields;
pub(crate) mod date_time_names;
pub(crate) mod default_response;
pub(crate) mod enum_type;
pub(crate) mod enum_values;
pub(crate) mod hostnames;
pub(crate) mod media_types;
pub(crate) mod names;
pub(crate) mod number_formats;
pub(crate) mod openapi_schema;
pub(crate) mod plural_names;
pub(crate) mod plural_resources;
pub(crate) mod problem_json;
pub(crate) mod proprietary_headers;
pub(crate) mod resource_types;
pub(crate) mod scopes;
pub(crate) mod security_schemes;
pub(crate) mod status_codes;
pub(crate) mod sub_resources;
pub(crate) mod text;
mod validation;
