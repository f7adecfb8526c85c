//! The one list of built-in functions. A name registered twice makes
//! [`FunctionRegistry::builtin`] fail, which a test checks.

use super::{DuplicateFunction, FunctionRegistry};

/// Registers every built-in function.
pub(super) fn register_all(r: &mut FunctionRegistry) -> Result<(), DuplicateFunction> {
    // Spectral's core functions.
    r.register::<super::truthy::Truthy>()?;
    r.register::<super::alphabetical::Alphabetical>()?;
    r.register::<super::casing::Casing>()?;
    r.register::<super::defined::Defined>()?;
    r.register::<super::enumeration::Enumeration>()?;
    r.register::<super::falsy::Falsy>()?;
    r.register::<super::length::Length>()?;
    r.register::<super::or::Or>()?;
    r.register::<super::pattern::Pattern>()?;
    r.register::<super::schema::Schema>()?;
    r.register::<super::typed_enum::TypedEnum>()?;
    r.register::<super::undefined::Undefined>()?;
    r.register::<super::unreferenced_reusable_object::UnreferencedReusableObject>()?;
    r.register::<super::xor::Xor>()?;
    r.register::<super::zalando::closed_enums::ClosedEnums>()?;
    r.register::<super::zalando::collection_format::CollectionFormat>()?;
    r.register::<super::zalando::common_fields::CommonFields>()?;
    r.register::<super::zalando::date_time_names::DateTimeNames>()?;
    r.register::<super::zalando::default_response::DefaultResponse>()?;
    r.register::<super::zalando::enum_type::EnumType>()?;
    r.register::<super::zalando::enum_values::EnumValues>()?;
    r.register::<super::zalando::hostnames::Hostnames>()?;
    r.register::<super::zalando::media_types::MediaTypes>()?;
    r.register::<super::zalando::names::Names>()?;
    r.register::<super::zalando::number_formats::NumberFormats>()?;
    r.register::<super::zalando::openapi_schema::OpenApi>()?;
    r.register::<super::zalando::plural_names::PluralNames>()?;
    r.register::<super::zalando::plural_resources::PluralResources>()?;
    r.register::<super::zalando::problem_json::ProblemJson>()?;
    r.register::<super::zalando::proprietary_headers::ProprietaryHeaders>()?;
    r.register::<super::zalando::resource_types::ResourceTypes>()?;
    r.register::<super::zalando::scopes::Scopes>()?;
    r.register::<super::zalando::security_schemes::SecuritySchemes>()?;
    r.register::<super::zalando::status_codes::StatusCodes>()?;
    r.register::<super::zalando::sub_resources::SubResources>()?;
    r.register::<super::zalando::text::Text>()?;
    r.register::<super::guidelines::address_fields::AddressFields>()?;
    r.register::<super::guidelines::cache_headers::CacheHeaders>()?;
    r.register::<super::guidelines::case_checker::CaseChecker>()?;
    r.register::<super::guidelines::conventional_query_parameters::ConventionalQueryParameters>()?;
    r.register::<super::guidelines::deprecation_description::DeprecationDescription>()?;
    r.register::<super::guidelines::extract_base_path::ExtractBasePath>()?;
    r.register::<super::guidelines::flow_id::FlowId>()?;
    r.register::<super::guidelines::format_by_name::FormatByName>()?;
    r.register::<super::guidelines::ignore_extension::IgnoreExtension>()?;
    r.register::<super::guidelines::json_payload::JsonPayload>()?;
    r.register::<super::guidelines::money_object::MoneyObject>()?;
    r.register::<super::guidelines::nullable_type::NullableType>()?;
    r.register::<super::guidelines::numeric_bounds::NumericBounds>()?;
    r.register::<super::guidelines::page_object::PageObject>()?;
    r.register::<super::guidelines::pagination::Pagination>()?;
    r.register::<super::guidelines::pagination_links::PaginationLinks>()?;
    r.register::<super::guidelines::path_parameters::PathParameters>()?;
    r.register::<super::guidelines::response_headers::ResponseHeaders>()?;
    r.register::<super::guidelines::standard_formats::StandardFormats>()?;
    r.register::<super::guidelines::string_length_bounds::StringLengthBounds>()?;
    r.register::<super::guidelines::tag_all_operations::TagAllOperations>()?;
    r.register::<super::guidelines::total_count::TotalCount>()?;
    r.register::<super::guidelines::unused_definitions::UnusedDefinitions>()?;
    r.register::<super::guidelines::verb_free_paths::VerbFreePaths>()?;
    // Spectral's functions of its `spectral:oas` ruleset.
    r.register::<super::spectral_oas::discriminator::OasDiscriminator>()?;
    r.register::<super::spectral_oas::document_schema::OasDocumentSchema>()?;
    r.register::<super::spectral_oas::example::OasExample>()?;
    r.register::<super::spectral_oas::oas_schema::OasSchema>()?;
    r.register::<super::spectral_oas::op_form_data_consume_check::OasOpFormDataConsumeCheck>()?;
    r.register::<super::spectral_oas::op_id_unique::OasOpIdUnique>()?;
    r.register::<super::spectral_oas::op_params::OasOpParams>()?;
    r.register::<super::spectral_oas::op_success_response::OasOpSuccessResponse>()?;
    r.register::<super::spectral_oas::path_param::OasPathParam>()?;
    r.register::<super::spectral_oas::ref_siblings::RefSiblings>()?;
    r.register::<super::spectral_oas::security_defined::OasSecurityDefined>()?;
    r.register::<super::spectral_oas::server_variables::ServerVariables>()?;
    r.register::<super::spectral_oas::tag_defined::OasTagDefined>()?;
    r.register::<super::spectral_oas::uniqueness_tags::UniquenessTags>()?;
    r.register::<super::spectral_oas::unused_component::OasUnusedComponent>()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut r = FunctionRegistry::empty();
        assert_eq!(register_all(&mut r), Ok(()));
        // A second registration of any name fails.
        assert_eq!(
            register_all(&mut r).unwrap_err(),
            DuplicateFunction("truthy".into())
        );
    }

    /// A library user's function made by a closure: it holds state (a
    /// list the application loaded, a call counter) that the engine never
    /// sees, and a second registration of its name fails.
    #[test]
    fn a_registered_closure_makes_functions_that_hold_state() {
        use crate::functions::{Context, Function, Input, Outcome};
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;

        struct KnownTeam {
            teams: Arc<Vec<String>>,
            calls: Arc<AtomicUsize>,
        }
        impl Function for KnownTeam {
            fn check<'a>(&self, input: Input<'a>, _: &Context<'a>, out: &mut Vec<Outcome>) {
                self.calls.fetch_add(1, Ordering::Relaxed);
                if let Some(team) = input.as_str() {
                    if !self.teams.iter().any(|t| t == team) {
                        out.push(Outcome::new(format!("unknown team `{team}`")));
                    }
                }
            }
        }

        let teams = Arc::new(vec!["payments".to_string()]);
        let calls = Arc::new(AtomicUsize::new(0));
        let mut registry = FunctionRegistry::builtin();
        let (t, c) = (teams.clone(), calls.clone());
        registry
            .register_dyn("knownTeam", "The team must exist.", move |options| {
                if !options.is_null() {
                    return Err("takes no options".into());
                }
                Ok(Box::new(KnownTeam {
                    teams: t.clone(),
                    calls: c.clone(),
                }))
            })
            .unwrap();
        assert_eq!(
            registry
                .register_dyn("knownTeam", "", |_| Err("unused".into()))
                .unwrap_err(),
            DuplicateFunction("knownTeam".into())
        );
        assert_eq!(
            registry.info("knownTeam").unwrap().doc(),
            "The team must exist."
        );

        let files = crate::workspace::MemoryResolver::new();
        let ruleset = crate::ruleset::RulesetLoader::new(&files, &registry)
            .load_text(
                "rules.yaml",
                "rules:\n  team:\n    given: $.info.x-team\n    then: {function: knownTeam}\n",
            )
            .unwrap();
        let linter = crate::lint::Linter::new(ruleset);
        let spec = |team: &str| {
            format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: v1, x-team: {team}}}\npaths: {{}}\n"
            )
        };
        let report = linter.lint("a.yaml", spec("payments").as_str(), &files);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        let report = linter.lint("b.yaml", spec("unknown").as_str(), &files);
        assert_eq!(report.findings.len(), 1);
        // Without a rule `message` or `description`, the function's
        // message as it wrote it (as Spectral).
        assert_eq!(report.findings[0].message, "unknown team `unknown`");
        assert_eq!(report.findings[0].pointer, "/info/x-team");
        assert_eq!(calls.load(Ordering::Relaxed), 2);
    }
}
