//! Rulesets compiled into the binary (and the WASM module).
//!
//! A built-in ruleset is `rulesets/<name>/ruleset.yaml`; it may `extend`
//! further files under `rulesets/<name>/`, which are embedded too.
//!
//! The files are read from the crate's own `rulesets/` folder, so that the
//! crate packages and builds on its own (`cargo package -p oaslint`). There
//! `rulesets/zalando` is a symbolic link to the repository's top-level
//! `rulesets/zalando`, where users, docs and tests find the files; the
//! packaged crate holds copies of the files, not the link.

/// (name, version) of every built-in ruleset. The version is kept equal to
/// `version:` in the ruleset file (a test checks it).
pub const BUILTIN_RULESETS: &[(&str, &str)] = &[("zalando", "0.2.0"), ("spectral:oas", "1.23.1")];

macro_rules! embed {
    ($path:literal) => {
        ($path, include_str!(concat!("../../rulesets/", $path)))
    };
}

/// Every embedded ruleset file, by its path under `rulesets/`.
const EMBEDDED_FILES: &[(&str, &str)] = &[
    embed!("zalando/ruleset.yaml"),
    embed!("zalando/rules/meta.yaml"),
    embed!("zalando/rules/naming.yaml"),
    embed!("zalando/rules/http.yaml"),
    embed!("zalando/rules/data.yaml"),
    embed!("zalando/rules/zally.yaml"),
    embed!("zalando/rules/beyond.yaml"),
    embed!("spectral-oas/ruleset.yaml"),
];

/// Names of the built-in rulesets.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN_RULESETS.iter().map(|(n, _)| *n).collect()
}

/// The text and version of built-in ruleset `name`.
pub fn builtin_text(name: &str) -> Option<(&'static str, &'static str)> {
    let (_, version) = BUILTIN_RULESETS.iter().find(|(n, _)| *n == name)?;
    // `spectral:oas` lives in the folder `spectral-oas`.
    let folder = name.replace(':', "-");
    let text = embedded_file(&format!("{folder}/ruleset.yaml"))?;
    Some((text, version))
}

/// An embedded ruleset file by its path under `rulesets/`.
pub fn embedded_file(path: &str) -> Option<&'static str> {
    EMBEDDED_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, t)| *t)
}

/// Whether `spec` (`zalando`, `zalando@1.2`) names a built-in ruleset
/// rather than a file.
pub fn is_builtin_spec(spec: &str) -> bool {
    let name = spec.split('@').next().unwrap_or(spec);
    builtin_text(name).is_some()
}

/// Spectral's built-in rulesets for documents other than OpenAPI
/// (`spectral:asyncapi`, `spectral:arazzo`): extending one is not an
/// error, it adds no rules. The note says why, for the loader to show.
pub fn non_openapi_note(spec: &str) -> Option<String> {
    let kind = match spec {
        "spectral:asyncapi" => "AsyncAPI",
        "spectral:arazzo" => "Arazzo",
        _ => return None,
    };
    Some(format!(
        "`{spec}` checks {kind} documents; oaslint lints OpenAPI documents, so it adds no rules"
    ))
}
