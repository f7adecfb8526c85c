//! The table of every change the comparison reports: its id, its level and
//! whether oasdiff has the same check under the same id.
//!
//! Ids are oasdiff's wherever oasdiff detects the same change, so a team
//! moving from oasdiff keeps its vocabulary (and its `--fail-on` habits);
//! levels are oasdiff's too, except where the check is ours. For a check of
//! ours the table says why it exists. This table is the only place ids and
//! levels are written: the comparison looks a change up here and reports
//! nothing for an id that is not in it.

/// How much a change matters to clients of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Breaks clients (oasdiff's ERR): a MUST finding of guideline 106.
    Breaking,
    /// Probably breaks clients (oasdiff's WARN): a SHOULD finding.
    Warning,
    /// Does not break clients (oasdiff's INFO): a changelog entry, a HINT
    /// finding with `--changelog`.
    Info,
}

impl Level {
    /// The severity of a finding at this level.
    pub fn severity(self) -> crate::Severity {
        match self {
            Level::Breaking => crate::Severity::Must,
            Level::Warning => crate::Severity::Should,
            Level::Info => crate::Severity::Hint,
        }
    }

    /// `breaking`, `warning`, `info`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One check of the comparison.
#[derive(Debug, Clone, Copy)]
pub struct CheckInfo {
    /// The id, as findings carry it in their `check` field.
    pub id: &'static str,
    /// Its level.
    pub level: Level,
    /// The guideline it belongs to: `106` (backward compatibility) or `116`
    /// (the version says what changed).
    pub rule: &'static str,
    /// oasdiff's level for the same check under this id; `None` for a
    /// check of ours.
    pub oasdiff: Option<Level>,
    /// For a check of ours, why it exists; for one whose level is not
    /// oasdiff's, why.
    pub why: Option<&'static str>,
    /// What the check reports, in a few words.
    pub summary: &'static str,
}

const fn check(id: &'static str, level: Level, summary: &'static str) -> CheckInfo {
    CheckInfo {
        id,
        level,
        rule: "106",
        oasdiff: Some(level),
        why: None,
        summary,
    }
}

const fn ours(
    id: &'static str,
    level: Level,
    summary: &'static str,
    why: &'static str,
) -> CheckInfo {
    CheckInfo {
        id,
        level,
        rule: "106",
        oasdiff: None,
        why: Some(why),
        summary,
    }
}

const fn version(id: &'static str, summary: &'static str) -> CheckInfo {
    CheckInfo {
        id,
        level: Level::Breaking,
        rule: "116",
        oasdiff: Some(Level::Info),
        why: Some(
            "breaking here (oasdiff: INFO, for teams to raise): guideline 116 requires the MAJOR version to grow with an incompatible change",
        ),
        summary,
    }
}

use Level::{Breaking as ERR, Info as INFO, Warning as WARN};

const PROPERTY_DEPRECATION: &str = "the issue's deprecation rules apply to every part of an API; oasdiff applies them to operations and parameters only";

const ADDITIONAL_BOOLEAN: &str = "oasdiff compares additionalProperties only when it is a schema; `false` set in a request rejects members clients may send, and dropped in a response lets members appear that a strict client rejects";

/// Every check, grouped by area.
pub const CHECKS: &[CheckInfo] = &[
    // Paths and operations (paths.rs).
    check("endpoint-added", INFO, "an operation was added"),
    check("api-path-removed-without-deprecation", ERR, "a path was removed that was never deprecated"),
    check("api-path-removed-before-sunset", ERR, "a deprecated path was removed before its sunset date"),
    check("api-path-removed-with-deprecation", INFO, "a deprecated path was removed after its sunset (or it had none)"),
    check("api-removed-without-deprecation", ERR, "an operation was removed that was never deprecated"),
    check("api-removed-before-sunset", ERR, "a deprecated operation was removed before its sunset date"),
    check("api-removed-with-deprecation", INFO, "a deprecated operation was removed after its sunset (or it had none)"),
    check("api-path-sunset-parse", ERR, "a removed operation's x-sunset is not a date"),
    check("api-operation-id-removed", INFO, "the operationId was removed or changed"),
    check("api-operation-id-added", INFO, "an operationId was added"),
    check("endpoint-deprecated", INFO, "an operation was deprecated without a sunset date"),
    check("endpoint-deprecated-with-sunset", INFO, "an operation was deprecated with a sunset date"),
    check("endpoint-reactivated", INFO, "an operation is no longer deprecated"),
    check("api-deprecated-sunset-parse", ERR, "a deprecated operation's x-sunset is not a date"),
    check("sunset-deleted", ERR, "x-sunset was removed from an operation that stays deprecated"),
    check("api-sunset-date-changed-too-small", ERR, "an operation's sunset date was moved earlier"),
    check("api-stability-decreased", ERR, "an operation's x-stability-level was lowered"),
    check("api-stability-increased", INFO, "an operation's x-stability-level was raised"),
    check("api-invalid-stability-level", ERR, "x-stability-level is not draft, alpha, beta or stable"),
    // OpenAPI 3.1 webhooks (paths.rs).
    check("webhook-added", INFO, "a webhook was added"),
    check("webhook-removed", ERR, "a webhook was removed"),
    // Parameters (parameters.rs).
    check("new-required-request-parameter", ERR, "a required parameter was added"),
    check("new-optional-request-parameter", INFO, "an optional parameter was added"),
    check("new-request-path-parameter", ERR, "a path parameter was added"),
    check("request-parameter-removed", WARN, "a parameter was removed that was never deprecated"),
    check("request-parameter-removed-before-sunset", ERR, "a deprecated parameter was removed before its sunset date"),
    check("request-parameter-removed-with-deprecation", INFO, "a deprecated parameter was removed after its sunset (or it had none)"),
    check("request-parameter-sunset-parse", ERR, "a removed parameter's x-sunset is not a date"),
    check("request-parameter-became-required", ERR, "a parameter became required"),
    check("request-parameter-became-optional", INFO, "a parameter became optional"),
    ours("request-parameter-location-changed", ERR, "a parameter moved to another location (query, header, path, cookie)", "oasdiff reports a moved parameter as removed (WARN) and added (ERR only if required); a client sending an optional parameter in its old place is silently ignored, so the move is reported once, as breaking"),
    check("request-parameter-deprecated", INFO, "a parameter was deprecated"),
    check("request-parameter-reactivated", INFO, "a parameter is no longer deprecated"),
    check("request-parameter-type-changed", ERR, "a parameter's type or format changed"),
    check("request-parameter-type-generalized", INFO, "a parameter's type was widened (integer to number, format dropped)"),
    check("request-parameter-enum-value-removed", ERR, "a value was removed from a parameter's enum"),
    check("request-parameter-enum-value-added", INFO, "a value was added to a parameter's enum"),
    check("request-parameter-became-enum", ERR, "a parameter was restricted to an enum"),
    check("request-parameter-x-extensible-enum-value-removed", ERR, "a value was removed from a parameter's x-extensible-enum"),
    check("request-parameter-max-decreased", ERR, "a parameter's maximum was lowered"),
    check("request-parameter-max-increased", INFO, "a parameter's maximum was raised"),
    check("request-parameter-max-set", WARN, "a parameter got a maximum"),
    check("request-parameter-min-increased", ERR, "a parameter's minimum was raised"),
    check("request-parameter-min-decreased", INFO, "a parameter's minimum was lowered"),
    check("request-parameter-min-set", WARN, "a parameter got a minimum"),
    check("request-parameter-exclusive-max-decreased", ERR, "a parameter's exclusiveMaximum was lowered"),
    check("request-parameter-exclusive-max-set", WARN, "a parameter got an exclusiveMaximum"),
    check("request-parameter-exclusive-min-increased", ERR, "a parameter's exclusiveMinimum was raised"),
    check("request-parameter-exclusive-min-set", WARN, "a parameter got an exclusiveMinimum"),
    check("request-parameter-max-length-decreased", ERR, "a parameter's maxLength was lowered"),
    check("request-parameter-max-length-increased", INFO, "a parameter's maxLength was raised"),
    check("request-parameter-max-length-set", WARN, "a parameter got a maxLength"),
    check("request-parameter-min-length-increased", ERR, "a parameter's minLength was raised"),
    check("request-parameter-min-length-decreased", INFO, "a parameter's minLength was lowered"),
    check("request-parameter-max-items-decreased", ERR, "a parameter's maxItems was lowered"),
    check("request-parameter-min-items-increased", ERR, "a parameter's minItems was raised"),
    check("request-parameter-pattern-added", ERR, "a parameter got a pattern"),
    check("request-parameter-pattern-changed", WARN, "a parameter's pattern changed"),
    check("request-parameter-pattern-removed", INFO, "a parameter's pattern was removed"),
    check("request-parameter-default-value-added", ERR, "a parameter got a default value"),
    check("request-parameter-default-value-changed", ERR, "a parameter's default value changed"),
    check("request-parameter-default-value-removed", ERR, "a parameter's default value was removed"),
    // Request bodies (request_body.rs) and their schemas (schema.rs).
    check("request-body-added-required", ERR, "a required request body was added"),
    check("request-body-added-optional", INFO, "an optional request body was added"),
    check("request-body-removed", ERR, "the request body was removed"),
    check("request-body-became-required", ERR, "the request body became required"),
    check("request-body-became-optional", INFO, "the request body became optional"),
    check("request-body-media-type-added", INFO, "a request media type was added"),
    check("request-body-media-type-removed", ERR, "a request media type was removed"),
    check("request-body-type-changed", ERR, "the request body's type or format changed"),
    check("request-body-type-generalized", INFO, "the request body's type was widened"),
    check("request-body-enum-value-removed", ERR, "a value was removed from the request body's enum"),
    check("request-body-became-enum", ERR, "the request body was restricted to an enum"),
    check("request-body-max-decreased", ERR, "the request body's maximum was lowered"),
    check("request-body-max-length-decreased", ERR, "the request body's maxLength was lowered"),
    check("request-body-min-increased", ERR, "the request body's minimum was raised"),
    check("request-body-min-length-increased", ERR, "the request body's minLength was raised"),
    check("request-body-min-items-increased", ERR, "the request body's minItems was raised"),
    check("request-body-one-of-added", INFO, "an alternative was added to the request body's oneOf"),
    check("request-body-one-of-removed", ERR, "an alternative was removed from the request body's oneOf"),
    check("new-required-request-property", ERR, "a required request property was added"),
    check("new-optional-request-property", INFO, "an optional request property was added"),
    check("request-property-removed", WARN, "a request property was removed that was never deprecated"),
    ours("request-property-removed-with-deprecation", INFO, "a deprecated request property was removed after its sunset (or it had none)", PROPERTY_DEPRECATION),
    ours("request-property-removed-before-sunset", ERR, "a deprecated request property was removed before its sunset date", PROPERTY_DEPRECATION),
    ours("request-property-sunset-parse", ERR, "a removed request property's x-sunset is not a date", PROPERTY_DEPRECATION),
    check("request-property-became-required", ERR, "a request property became required"),
    check("request-property-became-optional", INFO, "a request property became optional"),
    check("request-property-type-changed", ERR, "a request property's type or format changed"),
    check("request-property-type-generalized", INFO, "a request property's type was widened"),
    check("request-property-enum-value-removed", ERR, "a value was removed from a request property's enum"),
    check("request-property-enum-value-added", INFO, "a value was added to a request property's enum"),
    check("request-property-became-enum", ERR, "a request property was restricted to an enum"),
    check("request-property-x-extensible-enum-value-removed", ERR, "a value was removed from a request property's x-extensible-enum"),
    check("request-property-became-not-nullable", ERR, "a request property is no longer nullable"),
    check("request-property-became-nullable", INFO, "a request property became nullable"),
    check("request-property-max-decreased", ERR, "a request property's maximum was lowered"),
    check("request-property-max-increased", INFO, "a request property's maximum was raised"),
    check("request-property-max-set", WARN, "a request property got a maximum"),
    check("request-property-min-increased", ERR, "a request property's minimum was raised"),
    check("request-property-min-decreased", INFO, "a request property's minimum was lowered"),
    check("request-property-min-set", WARN, "a request property got a minimum"),
    check("request-property-exclusive-max-decreased", ERR, "a request property's exclusiveMaximum was lowered"),
    check("request-property-exclusive-max-increased", INFO, "a request property's exclusiveMaximum was raised"),
    check("request-property-exclusive-max-set", WARN, "a request property got an exclusiveMaximum"),
    check("request-property-exclusive-min-increased", ERR, "a request property's exclusiveMinimum was raised"),
    check("request-property-exclusive-min-decreased", INFO, "a request property's exclusiveMinimum was lowered"),
    check("request-property-max-length-decreased", ERR, "a request property's maxLength was lowered"),
    check("request-property-max-length-increased", INFO, "a request property's maxLength was raised"),
    check("request-property-max-length-set", WARN, "a request property got a maxLength"),
    check("request-property-min-length-increased", ERR, "a request property's minLength was raised"),
    check("request-property-min-length-decreased", INFO, "a request property's minLength was lowered"),
    check("request-property-min-items-increased", ERR, "a request property's minItems was raised"),
    check("request-property-pattern-added", ERR, "a request property got a pattern"),
    check("request-property-pattern-changed", WARN, "a request property's pattern changed"),
    check("request-property-pattern-removed", INFO, "a request property's pattern was removed"),
    check("request-property-const-added", ERR, "a request property got a const"),
    check("request-property-const-changed", ERR, "a request property's const changed"),
    check("request-property-const-removed", INFO, "a request property's const was removed"),
    check("request-property-default-value-added", INFO, "a request property got a default value"),
    check("request-property-default-value-changed", INFO, "a request property's default value changed"),
    check("request-property-default-value-removed", INFO, "a request property's default value was removed"),
    check("request-property-one-of-added", INFO, "an alternative was added to a request property's oneOf"),
    check("request-property-one-of-removed", ERR, "an alternative was removed from a request property's oneOf"),
    check("request-property-any-of-added", INFO, "an alternative was added to a request property's anyOf"),
    check("request-property-any-of-removed", ERR, "an alternative was removed from a request property's anyOf"),
    check("request-property-deprecated", INFO, "a request property was deprecated"),
    check("request-property-reactivated", INFO, "a request property is no longer deprecated"),
    check("request-property-stability-decreased", ERR, "a request property's x-stability-level was lowered"),
    // Responses (responses.rs) and their schemas (schema.rs).
    check("response-success-status-added", INFO, "a success (2xx) status was added"),
    check("response-success-status-removed", ERR, "a success (2xx) status was removed"),
    check("response-non-success-status-added", INFO, "a non-success status was added"),
    check("response-non-success-status-removed", INFO, "a non-success status was removed"),
    check("response-media-type-added", INFO, "a response media type was added"),
    check("response-media-type-removed", ERR, "a response media type was removed"),
    check("response-header-added", INFO, "a response header was added"),
    check("required-response-header-removed", ERR, "a required response header was removed"),
    check("optional-response-header-removed", WARN, "an optional response header was removed"),
    check("response-header-became-optional", ERR, "a response header became optional"),
    check("response-header-type-changed", ERR, "a response header's type or format changed"),
    check("response-header-type-specialized", INFO, "a response header's type was narrowed"),
    check("response-header-became-nullable", ERR, "a response header became nullable"),
    check("response-body-type-changed", ERR, "the response body's type or format changed"),
    check("response-body-type-specialized", INFO, "the response body's type was narrowed (number to integer, format added)"),
    ours("response-body-enum-value-added", WARN, "a value was added to the response body's enum", "oasdiff reports new enum values in responses only for properties; a top-level enum value surprises clients the same way"),
    check("response-mediatype-enum-value-removed", INFO, "a value was removed from the response body's enum"),
    check("response-body-became-nullable", ERR, "the response body became nullable"),
    check("response-body-max-increased", ERR, "the response body's maximum was raised"),
    check("response-body-max-length-increased", ERR, "the response body's maxLength was raised"),
    check("response-body-min-decreased", ERR, "the response body's minimum was lowered"),
    check("response-body-exclusive-max-increased", ERR, "the response body's exclusiveMaximum was raised"),
    check("response-body-min-length-decreased", ERR, "the response body's minLength was lowered"),
    check("response-body-one-of-added", ERR, "an alternative was added to the response body's oneOf"),
    check("response-body-one-of-removed", INFO, "an alternative was removed from the response body's oneOf"),
    check("response-required-property-added", INFO, "a required response property was added"),
    check("response-optional-property-added", INFO, "an optional response property was added"),
    check("response-required-property-removed", ERR, "a required response property was removed that was never deprecated"),
    check("response-optional-property-removed", WARN, "an optional response property was removed that was never deprecated"),
    ours("response-property-removed-with-deprecation", INFO, "a deprecated response property was removed after its sunset (or it had none)", PROPERTY_DEPRECATION),
    ours("response-property-removed-before-sunset", ERR, "a deprecated response property was removed before its sunset date", PROPERTY_DEPRECATION),
    ours("response-property-sunset-parse", ERR, "a removed response property's x-sunset is not a date", PROPERTY_DEPRECATION),
    check("response-property-became-optional", ERR, "a response property became optional"),
    check("response-property-became-required", INFO, "a response property became required"),
    check("response-property-type-changed", ERR, "a response property's type or format changed"),
    check("response-property-type-specialized", INFO, "a response property's type was narrowed"),
    check("response-property-enum-value-added", WARN, "a value was added to a response property's enum (not x-extensible-enum)"),
    check("response-property-enum-value-removed", INFO, "a value was removed from a response property's enum"),
    ours("response-property-x-extensible-enum-value-added", INFO, "a value was added to a response property's x-extensible-enum", "guideline 112: clients must accept new x-extensible-enum values, so adding one is a changelog entry, not response-property-enum-value-added"),
    check("response-property-became-nullable", ERR, "a response property became nullable"),
    check("response-property-became-not-nullable", INFO, "a response property is no longer nullable"),
    check("response-property-max-increased", ERR, "a response property's maximum was raised"),
    check("response-property-min-decreased", ERR, "a response property's minimum was lowered"),
    check("response-property-exclusive-max-increased", ERR, "a response property's exclusiveMaximum was raised"),
    check("response-property-exclusive-min-decreased", ERR, "a response property's exclusiveMinimum was lowered"),
    check("response-property-max-length-increased", ERR, "a response property's maxLength was raised"),
    check("response-property-max-length-unset", ERR, "a response property's maxLength was removed"),
    check("response-property-min-length-decreased", ERR, "a response property's minLength was lowered"),
    check("response-property-min-items-decreased", ERR, "a response property's minItems was lowered"),
    check("response-property-pattern-added", INFO, "a response property got a pattern"),
    check("response-property-pattern-changed", INFO, "a response property's pattern changed"),
    check("response-property-pattern-removed", INFO, "a response property's pattern was removed"),
    check("response-property-const-added", INFO, "a response property got a const"),
    check("response-property-const-removed", ERR, "a response property's const was removed"),
    check("response-property-const-changed", ERR, "a response property's const changed"),
    check("response-property-default-value-added", INFO, "a response property got a default value"),
    check("response-property-default-value-changed", INFO, "a response property's default value changed"),
    check("response-property-default-value-removed", INFO, "a response property's default value was removed"),
    check("response-property-one-of-added", ERR, "an alternative was added to a response property's oneOf"),
    check("response-property-one-of-removed", INFO, "an alternative was removed from a response property's oneOf"),
    check("response-property-any-of-added", INFO, "an alternative was added to a response property's anyOf"),
    check("response-property-any-of-removed", INFO, "an alternative was removed from a response property's anyOf"),
    check("response-property-deprecated", INFO, "a response property was deprecated"),
    check("response-property-reactivated", INFO, "a response property is no longer deprecated"),
    check("response-property-stability-decreased", ERR, "a response property's x-stability-level was lowered"),
    // `additionalProperties: false` set or dropped (schema.rs).
    ours("request-body-additional-properties-disallowed", ERR, "the request body got additionalProperties: false", ADDITIONAL_BOOLEAN),
    ours("request-property-additional-properties-disallowed", ERR, "a request property got additionalProperties: false", ADDITIONAL_BOOLEAN),
    ours("response-body-additional-properties-allowed", WARN, "the response body's additionalProperties: false was dropped", ADDITIONAL_BOOLEAN),
    ours("response-property-additional-properties-allowed", WARN, "a response property's additionalProperties: false was dropped", ADDITIONAL_BOOLEAN),
    // Security (security.rs).
    ours("api-security-narrowed", ERR, "a client that met the operation's security requirements before no longer does", "oasdiff lists security requirements added and removed at INFO; whether that locks clients out depends on the alternatives (a new alternative does not, a new scope or a first requirement does), so this check says when it does"),
    check("api-security-added", INFO, "a security requirement was added to an operation"),
    check("api-security-removed", INFO, "a security requirement was removed from an operation"),
    check("api-security-scope-added", INFO, "a scope was added to an operation's security requirement"),
    check("api-security-scope-removed", INFO, "a scope was removed from an operation's security requirement"),
    check("api-global-security-added", INFO, "a security requirement was added to the root security"),
    check("api-global-security-removed", INFO, "a security requirement was removed from the root security"),
    // info.version (version.rs).
    version("api-version-not-bumped", "a breaking change, and info.version did not change"),
    version("api-version-decreased", "a breaking change, and info.version went down"),
    version("api-major-version-not-bumped", "a breaking change, and the MAJOR version (MINOR below 1.0) did not grow"),
];

/// The check `id`, if the table has it.
pub fn check_info(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for c in CHECKS {
            assert!(seen.insert(c.id), "{} twice", c.id);
            assert!(
                c.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                c.id
            );
        }
    }
}
