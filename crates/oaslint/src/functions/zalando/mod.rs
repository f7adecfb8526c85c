//! Native functions of the built-in `zalando` ruleset: logic that
//! `given`/`then` data cannot express. One file per function, each with
//! its options type, doc comment and pass/fail tables; `util` holds Zally's
//! traversals that several of them share.

use super::FunctionRegistry;

mod closed_enums;
mod collection_format;
mod common_fields;
mod date_time_names;
mod default_response;
mod enum_type;
mod enum_values;
mod hostnames;
mod media_types;
mod names;
mod number_formats;
mod openapi_schema;
mod plural_names;
mod plural_resources;
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
    registry.register("zalandoClosedEnums", closed_enums::create);
    registry.register("zalandoCollectionFormat", collection_format::create);
    registry.register("zalandoCommonFields", common_fields::create);
    registry.register("zalandoDateTimeNames", date_time_names::create);
    registry.register("zalandoDefaultResponse", default_response::create);
    registry.register("zalandoEnumType", enum_type::create);
    registry.register("zalandoEnumValues", enum_values::create);
    registry.register("zalandoHostnames", hostnames::create);
    registry.register("zalandoMediaTypes", media_types::create);
    registry.register("zalandoNames", names::create);
    registry.register("zalandoNumberFormats", number_formats::create);
    registry.register("zalandoOpenApi", openapi_schema::create);
    registry.register("zalandoPluralNames", plural_names::create);
    registry.register("zalandoPluralResources", plural_resources::create);
    registry.register("zalandoProblemJson", problem_json::create);
    registry.register("zalandoProprietaryHeaders", proprietary_headers::create);
    registry.register("zalandoResourceTypes", resource_types::create);
    registry.register("zalandoScopes", scopes::create);
    registry.register("zalandoSecuritySchemes", security_schemes::create);
    registry.register("zalandoStatusCodes", status_codes::create);
    registry.register("zalandoSubResources", sub_resources::create);
    registry.register("zalandoText", text::create);
}
