//! oaslint for JavaScript: the same engine as the CLI, compiled to
//! WebAssembly with wasm-bindgen. No I/O: `$ref`'d files come in a map.
//!
//! ```js
//! import init, { lint } from "./oaslint_wasm.js";
//! await init();
//! const report = lint("openapi: 3.0.3\n…", { fileName: "api.yaml" });
//! ```
//!
//! Every function throws a JavaScript `Error` (never traps) when the input
//! options are wrong; problems with the *document* are in the report's
//! `errors`, as in the CLI's JSON report.

use oaslint::diff::{compare, Date, DiffOptions, Level, Version};
use oaslint::{
    Error, FunctionRegistry, Limits, Linter, MemoryResolver, Report, Ruleset, RulesetLoader,
    BUILTIN_RULESETS,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

mod script;

/// Options of [`lint`] / [`lint_json`].
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LintOptions {
    /// The document's file name in findings (default `openapi.yaml`).
    pub file_name: Option<String>,
    /// A built-in ruleset name (`zalando`, `zalando@0.1`); default `zalando`.
    pub ruleset: Option<String>,
    /// The text of a ruleset file (YAML or JSON); wins over `ruleset`.
    pub ruleset_text: Option<String>,
    /// The ruleset file's name in errors (default `ruleset.yaml`).
    pub ruleset_name: Option<String>,
    /// Other files by name, for relative `$ref`s and ruleset `extends`.
    pub files: Option<BTreeMap<String, String>>,
    /// A base version to compare the document with, as `oaslint lint
    /// --base` does: its changes (guideline 106) are added to the findings.
    pub base: Option<BaseOptions>,
}

/// The base version of [`LintOptions::base`].
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BaseOptions {
    /// The base version's text (YAML or JSON).
    pub text: String,
    /// Its file name in the findings' `base` locations (default: the
    /// document's `fileName`).
    pub file_name: Option<String>,
    /// The files the base version's `$ref`s name.
    pub files: Option<BTreeMap<String, String>>,
    /// The day of the comparison, `YYYY-MM-DD`, for `x-sunset` dates (the
    /// engine has no clock).
    pub today: String,
    /// Also report the changes that break nothing, as HINTs (`--changelog`).
    #[serde(default)]
    pub changelog: bool,
}

#[derive(Debug, Serialize)]
struct VersionInfo {
    tool: &'static str,
    version: &'static str,
    rulesets: Vec<BuiltinInfo>,
}

#[derive(Debug, Serialize)]
struct BuiltinInfo {
    name: &'static str,
    version: &'static str,
}

/// Installs a panic hook that prints the panic message to the console, so
/// a bug shows up as a readable message and not only as `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A value as a plain JavaScript object, through its JSON text: the same
/// serializer as `lintJson` (one instantiation of each `Serialize` impl
/// instead of a second one for a JavaScript-value serializer), and
/// `JSON.parse` builds the objects faster than calls across the boundary.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| JsError::new("the engine made JSON that JavaScript cannot parse"))
}

fn options(value: JsValue) -> Result<LintOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(LintOptions::default());
    }
    // Through JSON text and serde_json, so unknown option names are
    // rejected (`undefined` members are left out, as absent ones).
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| {
            JsError::new("invalid options: not an object that JSON.stringify can write")
        })?;
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// Loads the ruleset that `opts` names. Shared by the native tests.
pub fn load_ruleset(opts: &LintOptions, files: &MemoryResolver) -> Result<Ruleset, String> {
    let registry = FunctionRegistry::default();
    // Custom JavaScript functions (`functions`, files in `files`) run in
    // the JavaScript engine the module runs in.
    let loader =
        RulesetLoader::new(files, &registry).with_script_engine(Arc::new(script::HostEngine));
    let result = match &opts.ruleset_text {
        Some(text) => loader.load_text(
            opts.ruleset_name.as_deref().unwrap_or("ruleset.yaml"),
            text.as_str(),
        ),
        None => loader.load(opts.ruleset.as_deref().unwrap_or("zalando")),
    };
    result.map_err(|e| e.to_string())
}

thread_local! {
    /// The last ruleset loaded without extra files, by what named it: an
    /// editor lints on every pause in typing with the same ruleset, and
    /// loading `zalando` costs tens of milliseconds in wasm.
    static LAST_RULESET: std::cell::RefCell<Option<(String, Ruleset)>> = const { std::cell::RefCell::new(None) };
}

fn cached_ruleset(opts: &LintOptions, files: &MemoryResolver) -> Result<Ruleset, String> {
    if opts.files.as_ref().is_some_and(|f| !f.is_empty()) {
        // A ruleset may extend one of the files; don't guess whether.
        return load_ruleset(opts, files);
    }
    let key = format!(
        "{:?}\u{0}{:?}\u{0}{:?}",
        opts.ruleset, opts.ruleset_name, opts.ruleset_text
    );
    if let Some(hit) = LAST_RULESET.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, r)| r.clone())
    }) {
        return Ok(hit);
    }
    let ruleset = load_ruleset(opts, files)?;
    LAST_RULESET.with(|c| *c.borrow_mut() = Some((key, ruleset.clone())));
    Ok(ruleset)
}

/// Lints `text` as the CLI does and returns the report. Shared by the
/// native tests, so both builds run exactly this code.
pub fn lint_report(text: &str, opts: &LintOptions) -> Result<Report, String> {
    let mut files = MemoryResolver::new();
    for (name, content) in opts.files.iter().flatten() {
        files.insert(name, content.as_str());
    }
    let ruleset = cached_ruleset(opts, &files)?;
    let name = opts.file_name.as_deref().unwrap_or("openapi.yaml");
    let mut report = Linter::new(ruleset).lint(name, text, &files);
    if let Some(base) = &opts.base {
        add_changes(&mut report, base, name, text, &files)?;
    }
    Ok(report)
}

/// Adds the changes from `base` to the document `name` (rule 106 findings
/// at their places in the document, as `oaslint lint --base` reports them)
/// and recounts. A base version that cannot be read is an error of the
/// report, as a document's; HEAD's own errors are already in it.
fn add_changes(
    report: &mut Report,
    base: &BaseOptions,
    name: &str,
    text: &str,
    files: &MemoryResolver,
) -> Result<(), String> {
    let today = Date::parse_sunset(&base.today).ok_or_else(|| {
        format!(
            "invalid options: base.today {:?} is no YYYY-MM-DD date",
            base.today
        )
    })?;
    let mut base_files = MemoryResolver::new();
    for (file, content) in base.files.iter().flatten() {
        base_files.insert(file, content.as_str());
    }
    let base_name = base.file_name.as_deref().unwrap_or(name);
    let limits = Limits::default();
    let base_version = match Version::load(base_name, base.text.as_str(), &base_files, &limits) {
        Ok(v) => v,
        Err(e) => {
            // Without its place: the editor shows the document, not the
            // base version, so the error goes to the list only.
            let message = format!("the base version cannot be compared: {}", e);
            report.errors.push(Error::new(e.kind, base_name, message));
            return Ok(());
        }
    };
    // HEAD that cannot be read is already an error of the lint.
    let Ok(head_version) = Version::load(name, text, files, &limits) else {
        return Ok(());
    };
    let changes = compare(&base_version, &head_version, &DiffOptions::new(today));
    report.findings.extend(
        changes
            .iter()
            .filter(|c| base.changelog || c.level != Level::Info)
            .map(|c| c.to_finding()),
    );
    report.recount();
    Ok(())
}

/// Lints a YAML or JSON OpenAPI document. Returns the report object (the
/// CLI's JSON report: findings with 1-based lines and UTF-16 columns).
#[wasm_bindgen]
pub fn lint(text: &str, options_value: JsValue) -> Result<JsValue, JsError> {
    let opts = options(options_value)?;
    let report = lint_report(text, &opts).map_err(|e| JsError::new(&e))?;
    js_sys::JSON::parse(&report.to_json_pretty())
        .map_err(|_| JsError::new("the engine made JSON that JavaScript cannot parse"))
}

/// Like [`lint`], but returns the report as the exact JSON text the CLI's
/// `--format json` prints.
#[wasm_bindgen(js_name = lintJson)]
pub fn lint_json(text: &str, options_value: JsValue) -> Result<String, JsError> {
    let opts = options(options_value)?;
    let report = lint_report(text, &opts).map_err(|e| JsError::new(&e))?;
    Ok(report.to_json_pretty())
}

/// The rules of a ruleset (`options.ruleset` / `options.rulesetText`, as
/// for [`lint`]), as `oaslint rules --format json` prints them:
/// `{ruleset: {name, version}, rules: [{id, severity, title, description,
/// link, formats, tags}]}`.
#[wasm_bindgen]
pub fn rules(options_value: JsValue) -> Result<JsValue, JsError> {
    let opts = options(options_value)?;
    let mut files = MemoryResolver::new();
    for (name, content) in opts.files.iter().flatten() {
        files.insert(name, content.as_str());
    }
    let ruleset = load_ruleset(&opts, &files).map_err(|e| JsError::new(&e))?;
    to_js(&ruleset.listing())
}

/// `{tool, version, rulesets: [{name, version}]}`.
#[wasm_bindgen]
pub fn version() -> Result<JsValue, JsError> {
    to_js(&VersionInfo {
        tool: "oaslint",
        version: env!("CARGO_PKG_VERSION"),
        rulesets: BUILTIN_RULESETS
            .iter()
            .map(|(name, version)| BuiltinInfo { name, version })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_report_uses_files_and_ruleset_text() {
        let opts = LintOptions {
            file_name: Some("api.yaml".into()),
            ruleset_text: Some(
                "rules:\n  version:\n    severity: should\n    given: $.info\n    then: {field: version, function: pattern, functionOptions: {match: '^[0-9]'}}\n  \
                 props:\n    severity: must\n    given: $..properties\n    then: {field: '@key', function: casing, functionOptions: {type: snake}}\n"
                    .into(),
            ),
            files: Some(BTreeMap::from([(
                "pet.yaml".to_string(),
                "Pet:\n  type: object\n  properties:\n    petName: {type: string}\n".to_string(),
            )])),
            ..Default::default()
        };
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: v1}\npaths: {}\ncomponents:\n  schemas:\n    P: {$ref: 'pet.yaml#/Pet'}\n";
        let report = lint_report(spec, &opts).unwrap();
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let v = report
            .findings
            .iter()
            .find(|f| f.rule == "version")
            .unwrap();
        assert_eq!(v.severity, oaslint::Severity::Should);
        let p = report.findings.iter().find(|f| f.rule == "props").unwrap();
        assert_eq!(
            (p.file.as_str(), p.pointer.as_str()),
            ("pet.yaml", "/Pet/properties/petName")
        );
    }

    #[test]
    fn a_bad_ruleset_is_an_error_message() {
        let opts = LintOptions {
            ruleset_text: Some("rules: {x: {given: '$[', then: {function: truthy}}}\n".into()),
            ..Default::default()
        };
        let err = lint_report("openapi: 3.0.3\n", &opts).unwrap_err();
        assert!(err.starts_with("ruleset.yaml:1:"), "{err}");
    }

    #[test]
    fn rules_lists_as_the_cli_does() {
        let ruleset = load_ruleset(&LintOptions::default(), &MemoryResolver::new()).unwrap();
        let listing = serde_json::to_value(ruleset.listing()).unwrap();
        assert_eq!(listing["ruleset"]["name"], "zalando");
        let rules = listing["rules"].as_array().unwrap();
        assert!(!rules.is_empty());
        let numeric: Vec<u64> = rules
            .iter()
            .filter_map(|r| r["id"].as_str()?.parse().ok())
            .collect();
        assert!(numeric.windows(2).all(|w| w[0] < w[1]), "{numeric:?}");
    }
}
