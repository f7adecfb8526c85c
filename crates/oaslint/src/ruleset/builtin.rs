//! Rulesets compiled into the binary (and the WASM module).

/// (name, version, text) of every built-in ruleset.
pub const BUILTIN_RULESETS: &[(&str, &str, &str)] = &[(
    "zalando",
    ZALANDO_VERSION,
    include_str!("../../../../rulesets/zalando/ruleset.yaml"),
)];

/// Kept equal to `version:` in `rulesets/zalando/ruleset.yaml` (a test
/// checks it).
const ZALANDO_VERSION: &str = "0.1.0";

/// Names of the built-in rulesets.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN_RULESETS.iter().map(|(n, _, _)| *n).collect()
}

/// The text and version of built-in ruleset `name`.
pub fn builtin_text(name: &str) -> Option<(&'static str, &'static str)> {
    BUILTIN_RULESETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, v, t)| (*t, *v))
}

/// Whether `spec` (`zalando`, `zalando@1.2`) names a built-in ruleset
/// rather than a file.
pub fn is_builtin_spec(spec: &str) -> bool {
    let name = spec.split('@').next().unwrap_or(spec);
    builtin_text(name).is_some()
}
