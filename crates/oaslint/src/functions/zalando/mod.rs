//! Native functions of the built-in `zalando` ruleset: logic that
//! `given`/`then` data cannot express. One file per function, each with
//! its options type, doc comment and pass/fail tables; `util` holds Zally's
//! traversals that several of them share.

use super::FunctionRegistry;

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
mod problem_json;
mod proprietary_headers;
mod resource_types;
mod scopes;
mod security_schemes;
mod status_codes;
mod sub_resources;
mod text;
pub(crate) mod util;
mod validation;

/// Adds this module's functions to `registry`.
pub fn register(registry: &mut FunctionRegistry) {
    registry.register_factory("zalandoProblemJson", problem_json::create);
    registry.register_factory("zalandoProprietaryHeaders", proprietary_headers::create);
    registry.register_factory("zalandoResourceTypes", resource_types::create);
    registry.register_factory("zalandoScopes", scopes::create);
    registry.register_factory("zalandoSecuritySchemes", security_schemes::create);
    registry.register_factory("zalandoStatusCodes", status_codes::create);
    registry.register_factory("zalandoSubResources", sub_resources::create);
    registry.register_factory("zalandoText", text::create);
}
