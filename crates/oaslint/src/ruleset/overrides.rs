//! `overrides`: rule severities per file and per part of a file, in
//! Spectral's shape.
//!
//! ```yaml
//! overrides:
//!   - files: ["apis/billing-legacy/**/*.yaml", "apis/orders/openapi.yaml#/paths/~1v1~1orders"]
//!     rules: { "118": off, "215": should, "219": true }
//! ```
//!
//! `files` are globs relative to the folder of the ruleset file that
//! declares the override; a `#/json/pointer` after a glob limits the entry
//! to that node of the document and what is below it. An override only
//! changes severities or switches rules on or off (a full rule definition,
//! `extends` or `formats` inside one is refused). Later entries win; the
//! overrides of an extended ruleset apply before those of the file that
//! extends it.
//!
//! The engine runs every rule that is on in the ruleset or in any
//! override, and decides per finding, where findings are recorded
//! ([`Scopes::decide`]), whether it is dropped or gets another severity:
//! no rule walks a document twice, and a ruleset without overrides pays
//! nothing.

use super::load::Draft;
use super::reader::FileReader;
use super::suggest::{suggestion, unknown};
use crate::error::Error;
use crate::listing::{DUPLICATE_KEY_RULE, REMOTE_REF_RULE};
use crate::severity::{RuleSeverity, Severity};
use crate::tree::{NodeId, Value};
use crate::workspace::normalize_path;
use globset::{GlobBuilder, GlobMatcher};
use std::sync::Arc;

/// The keys of one `overrides` entry.
pub const OVERRIDE_ENTRY_KEYS: &[&str] = &["files", "rules"];

/// The ids of the checks the engine makes without a rule of the ruleset,
/// which `rules` and `overrides` may configure like rules.
pub const BUILTIN_RULE_IDS: &[&str] = &[DUPLICATE_KEY_RULE, REMOTE_REF_RULE];

/// What an override does to one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideSetting {
    /// `off` or `false`: the rule's findings are dropped.
    Off,
    /// `true`: the rule is on with the severity it was declared with.
    On,
    /// A severity: the rule's findings get it.
    Severity(Severity),
}

/// One entry of `overrides`, with the file that declared it.
#[derive(Debug, Clone)]
pub struct Override {
    ruleset_file: String,
    pointer: String,
    files: Vec<OverrideFile>,
    rules: Vec<(String, OverrideSetting)>,
}

#[derive(Debug, Clone)]
struct OverrideFile {
    written: String,
    glob: GlobMatcher,
    /// The part of the document (`None`: all of it).
    pointer: Option<String>,
}

impl Override {
    /// The ruleset file that declares the override, as it was loaded (its
    /// `files` are relative to that file's folder).
    pub fn ruleset_file(&self) -> &str {
        &self.ruleset_file
    }

    /// Where the entry is written in [`Override::ruleset_file`] (JSON
    /// pointer, e.g. `/overrides/0`).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The entries of `files` as written (`glob` or `glob#/pointer`).
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.written.as_str())
    }

    /// The rules it sets, in the order written.
    pub fn rules(&self) -> &[(String, OverrideSetting)] {
        &self.rules
    }

    /// Where in a document at `path` (relative to the folder of
    /// [`Override::ruleset_file`], `/`-separated) the override applies:
    /// one entry per matching glob, `None` for the whole document, else
    /// the JSON pointer of the node it covers (with everything below it).
    /// Empty when it does not apply to the document.
    pub fn parts_of(&self, path: &str) -> Vec<Option<&str>> {
        self.files
            .iter()
            .filter(|f| f.glob.is_match(path))
            .map(|f| f.pointer.as_deref())
            .collect()
    }

    fn setting(&self, rule: &str) -> Option<OverrideSetting> {
        // The last of a repeated key wins, as for a mapping.
        self.rules
            .iter()
            .rev()
            .find(|(id, _)| id == rule)
            .map(|(_, s)| *s)
    }
}

/// Compiles a glob of `files`, `ignore` or `overrides`: `*` and `?` stay
/// within one path segment, `**` crosses segments (as in `.gitignore`).
pub(crate) fn compile_glob(glob: &str) -> Result<GlobMatcher, String> {
    GlobBuilder::new(glob)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| e.kind().to_string())
}

/// How the engine learns where a document lies relative to a ruleset
/// file's folder: see [`Linter::with_file_paths`](crate::Linter::with_file_paths).
#[derive(Clone)]
pub(crate) struct FilePaths(pub Arc<PathFn>);

/// `(ruleset file, document) -> document path relative to the ruleset
/// file's folder`.
pub(crate) type PathFn = dyn Fn(&str, &str) -> Option<String> + Send + Sync;

impl Default for FilePaths {
    fn default() -> Self {
        FilePaths(Arc::new(lexical_path))
    }
}

impl std::fmt::Debug for FilePaths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FilePaths")
    }
}

/// The path of `document` relative to the folder of `ruleset_file`,
/// computed from the two names alone: right when both are relative to the
/// same folder (or both absolute). `None` for a built-in ruleset, a
/// ruleset name with `..`, or a document outside the ruleset's folder.
pub fn lexical_path(ruleset_file: &str, document: &str) -> Option<String> {
    if ruleset_file.starts_with("builtin:") {
        return None;
    }
    let ruleset = normalize_path(ruleset_file);
    let document = normalize_path(document);
    if ruleset.starts_with('/') != document.starts_with('/') {
        return None;
    }
    let dir: Vec<&str> = ruleset.split('/').filter(|s| !s.is_empty()).collect();
    let dir = &dir[..dir.len().saturating_sub(1)];
    if dir.contains(&"..") {
        return None;
    }
    let segments: Vec<&str> = document.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() <= dir.len() || segments[..dir.len()] != *dir {
        return None;
    }
    let rest = &segments[dir.len()..];
    if rest.contains(&"..") {
        return None;
    }
    Some(rest.join("/"))
}

impl FileReader<'_, '_> {
    /// Reads `overrides` (after the file's `rules`, so that every rule it
    /// names is known).
    pub(super) fn read_overrides(
        &self,
        node: NodeId,
        rules: &[Draft],
    ) -> Result<Vec<Override>, Error> {
        let items = match self.tree().value(node) {
            Value::Array(items) => items.clone(),
            other => {
                return Err(self.err(
                    node,
                    format!("`overrides` must be a list, not {}", other.type_name()),
                ))
            }
        };
        items
            .iter()
            .map(|&i| self.read_override(i, rules))
            .collect()
    }

    fn read_override(&self, node: NodeId, rules: &[Draft]) -> Result<Override, Error> {
        let entries = self.entries(node, "an `overrides` entry")?;
        for (key, n) in &entries {
            match key.as_str() {
                "files" | "rules" => {}
                k if k.starts_with("x-") => {}
                "extends" | "formats" => {
                    return Err(self.key_err(
                        *n,
                        format!(
                            "`{key}` inside an override is not supported; overrides can only change severities in oaslint \
                             (set `{key}` at the top level of a ruleset, or in a ruleset for those files)"
                        ),
                    ))
                }
                _ => {
                    return Err(self.key_err(
                        *n,
                        unknown(
                            &format!("unknown override key `{key}`"),
                            key,
                            OVERRIDE_ENTRY_KEYS,
                            "expected one of",
                        ),
                    ))
                }
            }
        }
        let get = |k: &str| entries.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
        let files_node = get("files").ok_or_else(|| {
            self.err(
                node,
                "an override needs `files` (globs of the documents it applies to)",
            )
        })?;
        let rules_node = get("rules")
            .ok_or_else(|| self.err(node, "an override needs `rules` (the severities it sets)"))?;

        let written = match self.tree().value(files_node) {
            Value::Array(_) => self.strings(files_node, "`files`")?,
            other => {
                return Err(self.err(
                    files_node,
                    format!("`files` must be a list of globs, not {}", other.type_name()),
                ))
            }
        };
        if written.is_empty() {
            return Err(self.err(files_node, "`files` must not be empty"));
        }
        let mut files = Vec::with_capacity(written.len());
        for (entry, n) in written {
            let (glob, pointer) = match entry.split_once('#') {
                Some((g, p)) => (g, Some(p)),
                None => (entry.as_str(), None),
            };
            let pointer = match pointer {
                None | Some("") | Some("/") => None,
                Some(p) if p.starts_with('/') => Some(p.trim_end_matches('/').to_string()),
                Some(p) => {
                    return Err(self.err(
                        n,
                        format!(
                        "the part after `#` must be a JSON pointer starting with `/`, not {p:?}"
                    ),
                    ))
                }
            };
            // `./apis/*.yaml` means `apis/*.yaml`: paths are compared
            // without a leading `./`.
            let glob = glob.strip_prefix("./").unwrap_or(glob);
            let matcher = compile_glob(glob)
                .map_err(|why| self.err(n, format!("invalid glob {glob:?}: {why}")))?;
            files.push(OverrideFile {
                written: entry.clone(),
                glob: matcher,
                pointer,
            });
        }

        let mut settings = Vec::new();
        for (id, n) in self.entries(rules_node, "`rules` of an override")? {
            if !BUILTIN_RULE_IDS.contains(&id.as_str()) && !rules.iter().any(|d| d.rule.id == id) {
                let known = rules
                    .iter()
                    .map(|d| d.rule.id.as_str())
                    .chain(BUILTIN_RULE_IDS.iter().copied());
                return Err(self
                    .key_err(
                        n,
                        format!(
                            "rule `{id}` in an override is not defined in this ruleset or the rulesets it extends{}",
                            suggestion(&id, known)
                        ),
                    )
                    .with_rule(&id));
            }
            let setting = match self.tree().value(n) {
                Value::Bool(true) => OverrideSetting::On,
                Value::Bool(false) => OverrideSetting::Off,
                Value::String(_) | Value::Number(_) => {
                    match self.severity(n, "a rule's severity in an override")? {
                        RuleSeverity::On(s) => OverrideSetting::Severity(s),
                        RuleSeverity::Off => OverrideSetting::Off,
                    }
                }
                Value::Object(_) => {
                    return Err(self
                        .err(
                            n,
                            "overrides can only change severities in oaslint; define the rule in `rules` \
                             (e.g. in a ruleset for those files) and switch it on here",
                        )
                        .with_rule(&id))
                }
                other => {
                    return Err(self
                        .err(
                            n,
                            format!(
                                "a rule in an override must be a severity or true/false, not {}",
                                other.type_name()
                            ),
                        )
                        .with_rule(&id))
                }
            };
            settings.push((id, setting));
        }
        Ok(Override {
            ruleset_file: self.doc.name.clone(),
            pointer: self.tree().pointer(node),
            files,
            rules: settings,
        })
    }
}

/// The overrides that apply to each document of one lint, found once per
/// document, and how each rule stands without them.
pub(crate) struct Scopes<'a> {
    overrides: &'a [Override],
    /// Per document: (override, the parts of the document it covers).
    by_doc: Vec<Vec<Applying<'a>>>,
    /// Per rule id: (on in the ruleset itself, on as declared).
    rules: rustc_hash::FxHashMap<&'a str, (bool, bool)>,
}

impl<'a> Scopes<'a> {
    /// `None` when the ruleset has no overrides (nothing to decide).
    pub(crate) fn new(
        ruleset: &'a super::Ruleset,
        documents: &[&str],
        paths: &FilePaths,
    ) -> Option<Scopes<'a>> {
        if ruleset.overrides.is_empty() {
            return None;
        }
        let overrides = &ruleset.overrides[..];
        let mut by_doc = Vec::with_capacity(documents.len());
        for document in documents {
            // One path per document and declaring ruleset file.
            let mut known: Vec<(&str, Option<String>)> = Vec::new();
            let mut applying = Vec::new();
            for (i, o) in overrides.iter().enumerate() {
                let path = match known.iter().find(|(f, _)| *f == o.ruleset_file) {
                    Some((_, p)) => p.clone(),
                    None => {
                        let p = (paths.0)(&o.ruleset_file, document).map(|p| normalize_path(&p));
                        known.push((&o.ruleset_file, p.clone()));
                        p
                    }
                };
                let Some(path) = path else { continue };
                let parts = o.parts_of(&path);
                if !parts.is_empty() {
                    applying.push((i, parts));
                }
            }
            by_doc.push(applying);
        }
        let mut rules = rustc_hash::FxHashMap::default();
        for r in &ruleset.rules {
            rules.insert(
                r.id.as_str(),
                (r.severity.level().is_some(), r.declared.level().is_some()),
            );
        }
        rules.insert(
            DUPLICATE_KEY_RULE,
            (ruleset.duplicate_keys.level().is_some(), true),
        );
        rules.insert(
            REMOTE_REF_RULE,
            (ruleset.remote_refs.level().is_some(), true),
        );
        Some(Scopes {
            overrides,
            by_doc,
            rules,
        })
    }

    /// The ids of the rules (built-in checks included) that an override
    /// applying to some document of this lint switches on: they must run
    /// even when they are off in the ruleset.
    pub(crate) fn switched_on(&self) -> rustc_hash::FxHashSet<&'a str> {
        let mut ids = rustc_hash::FxHashSet::default();
        let mut seen = vec![false; self.overrides.len()];
        for (i, _) in self.by_doc.iter().flatten() {
            if std::mem::replace(&mut seen[*i], true) {
                continue;
            }
            for (id, setting) in &self.overrides[*i].rules {
                if *setting != OverrideSetting::Off {
                    ids.insert(id.as_str());
                }
            }
        }
        ids
    }

    /// The severity of a finding of `rule` in document `doc` at `pointer`
    /// whose severity without overrides would be `natural`; `None` when
    /// the rule is off there.
    pub(crate) fn decide(
        &self,
        rule: &str,
        doc: u32,
        pointer: &str,
        natural: Severity,
    ) -> Option<Severity> {
        let (base_on, declared_on) = self.rules.get(rule).copied().unwrap_or((true, true));
        let mut severity = base_on.then_some(natural);
        for (i, parts) in &self.by_doc[doc as usize] {
            let Some(setting) = self.overrides[*i].setting(rule) else {
                continue;
            };
            if !parts.iter().any(|p| covers(*p, pointer)) {
                continue;
            }
            severity = match setting {
                OverrideSetting::Off => None,
                OverrideSetting::On => declared_on.then_some(natural),
                OverrideSetting::Severity(s) => Some(s),
            };
        }
        severity
    }
}

/// An override that applies to a document: its index and the parts of
/// the document it covers (`None`: all of it).
type Applying<'a> = (usize, Vec<Option<&'a str>>);

/// Whether a part of a document (`None`: all of it) holds `pointer`.
fn covers(part: Option<&str>, pointer: &str) -> bool {
    match part {
        None => true,
        Some(p) => {
            pointer == p
                || (pointer.starts_with(p) && pointer.as_bytes().get(p.len()) == Some(&b'/'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FilePaths, Scopes};
    use crate::severity::{RuleSeverity, Severity};
    use crate::{FunctionRegistry, Linter, MemoryResolver, Report, Ruleset, RulesetLoader};

    /// Two rules on `info` (`t` must have a title: MUST, `d` a
    /// description: SHOULD) and one off (`c`: contact).
    const BASE: &str =
        "rules:\n  t: {given: $.info, severity: must, then: {field: title, function: truthy}}\n  \
         d: {given: $.info, then: {field: description, function: truthy}}\n  \
         c: {given: $.info, severity: off, then: {field: contact, function: truthy}}\n";

    fn load(files: &[(&str, &str)], name: &str) -> Result<Ruleset, crate::Error> {
        let mut resolver = MemoryResolver::new();
        for (n, t) in files {
            resolver.insert(n, *t);
        }
        RulesetLoader::new(&resolver, &FunctionRegistry::default()).load_file(name)
    }

    fn overrides(text: &str) -> Ruleset {
        load(&[("base.yaml", BASE), ("cfg.yaml", text)], "cfg.yaml").unwrap()
    }

    /// `(rule, severity, pointer)` of each finding in `doc` of a lint of
    /// `root` (a spec without `info.title`, `description` or `contact`,
    /// whose path `/a` is in `frag.yaml`).
    fn findings(linter: &Linter, root: &str, doc: &str) -> Vec<(String, &'static str, String)> {
        let mut files = MemoryResolver::new();
        let spec = "openapi: 3.0.3\ninfo: {version: v}\npaths:\n  /a: {$ref: 'frag.yaml'}\n";
        files.insert(root, spec);
        let dir = root.rfind('/').map_or("", |i| &root[..=i]);
        files.insert(
            &format!("{dir}frag.yaml"),
            "info: {version: v}\nx: {$ref: '#/info'}\n",
        );
        let report: Report = linter.lint(root, spec, &files);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        report
            .findings
            .iter()
            .filter(|f| f.file == doc)
            .map(|f| (f.rule.clone(), f.severity.as_str(), f.pointer.clone()))
            .collect()
    }

    fn rules_at(linter: &Linter, root: &str) -> Vec<String> {
        findings(linter, root, root)
            .into_iter()
            .map(|(r, s, _)| format!("{r}:{s}"))
            .collect()
    }

    #[test]
    fn overrides_switch_rules_by_file() {
        let ruleset = overrides(
            "extends: base.yaml\noverrides:\n  - files: ['./legacy/**/*.yaml']\n    x-why: legacy\n    rules: {t: off, d: hint, c: true}\n",
        );
        let linter = Linter::new(ruleset);
        let table: &[(&str, &[&str])] = &[
            ("api.yaml", &["d:should", "t:must"]),
            ("legacy/api.yaml", &["d:hint"]),
            ("legacy/v1/api.yaml", &["d:hint"]),
            ("./legacy/api.yaml", &["d:hint"]),
            ("other/legacy/api.yaml", &["d:should", "t:must"]),
        ];
        for (file, want) in table {
            let mut got = rules_at(&linter, file);
            got.sort();
            assert_eq!(got, *want, "{file}");
        }
    }

    #[test]
    fn an_override_switches_on_a_rule_that_is_off() {
        let ruleset = overrides(
            "extends: base.yaml\noverrides:\n  - files: ['new/*.yaml']\n    rules: {c: may}\n",
        );
        let linter = Linter::new(ruleset);
        assert!(!rules_at(&linter, "api.yaml").contains(&"c:may".to_string()));
        assert!(rules_at(&linter, "new/api.yaml").contains(&"c:may".to_string()));
    }

    #[test]
    fn a_rule_switched_on_elsewhere_does_not_run_here() {
        let ruleset = overrides(
            "extends: base.yaml\noverrides:\n  - files: ['new/*.yaml']\n    rules: {c: may}\n",
        );
        let mut files = MemoryResolver::new();
        files.insert(
            "api.yaml",
            "openapi: 3.0.3\ninfo: {version: v}\npaths: {}\n",
        );
        let ruleset_ref = &ruleset;
        let scopes = |doc: &str| {
            Scopes::new(ruleset_ref, &[doc], &FilePaths::default())
                .unwrap()
                .switched_on()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert!(scopes("api.yaml").is_empty());
        assert_eq!(scopes("new/api.yaml"), ["c"]);
    }

    #[test]
    fn pointer_override_only_below_pointer() {
        // `frag.yaml` has an `info` of its own (at `/info`, reached through
        // `/x` of the root's `/paths/~1a`): only the root's is under
        // the pointer.
        let ruleset = overrides(
            "extends: base.yaml\noverrides:\n  - files: ['*.yaml#/info']\n    rules: {t: should}\n",
        );
        let linter = Linter::new(ruleset);
        let mut got = rules_at(&linter, "api.yaml");
        got.sort();
        assert_eq!(got, ["d:should", "t:should"]);
        let ruleset = overrides(
            "extends: base.yaml\noverrides:\n  - files: ['*.yaml#/paths']\n    rules: {t: off}\n",
        );
        let mut got = rules_at(&Linter::new(ruleset), "api.yaml");
        got.sort();
        assert_eq!(got, ["d:should", "t:must"]);
    }

    #[test]
    fn later_overrides_win_and_extended_ones_apply_first() {
        let ruleset = overrides(
            "extends: base.yaml\noverrides:\n  - files: ['**']\n    rules: {t: hint}\n  \
             - files: ['api.yaml']\n    rules: {t: may}\n",
        );
        let linter = Linter::new(ruleset);
        assert!(rules_at(&linter, "api.yaml").contains(&"t:may".to_string()));
        assert!(rules_at(&linter, "b.yaml").contains(&"t:hint".to_string()));

        // The base's override switches `t` off; the extending file's turns
        // it back on, at its declared severity.
        let base = format!("{BASE}overrides:\n  - files: ['**']\n    rules: {{t: off, d: off}}\n");
        let ruleset = load(
            &[
                ("base.yaml", &base),
                (
                    "cfg.yaml",
                    "extends: base.yaml\noverrides:\n  - files: ['**']\n    rules: {t: true}\n",
                ),
            ],
            "cfg.yaml",
        )
        .unwrap();
        assert_eq!(ruleset.overrides().len(), 2);
        assert_eq!(ruleset.overrides()[0].ruleset_file(), "base.yaml");
        assert_eq!(rules_at(&Linter::new(ruleset), "api.yaml"), ["t:must"]);
    }

    #[test]
    fn globs_are_relative_to_the_folder_of_the_declaring_file() {
        let ruleset = load(
            &[
                ("base.yaml", BASE),
                (
                    "apis/legacy/.oaslint.yaml",
                    "extends: ../../base.yaml\noverrides:\n  - files: ['*.yaml']\n    rules: {t: off}\n",
                ),
            ],
            "apis/legacy/.oaslint.yaml",
        )
        .unwrap();
        let linter = Linter::new(ruleset);
        assert_eq!(rules_at(&linter, "apis/legacy/api.yaml"), ["d:should"]);
        // Outside the folder: no override applies.
        assert_eq!(rules_at(&linter, "apis/api.yaml").len(), 2);
        // A hook that knows better (the CLI's file system view).
        let linter = linter.with_file_paths(|ruleset, document| {
            assert_eq!(ruleset, "apis/legacy/.oaslint.yaml");
            Some(document.rsplit('/').next().unwrap().to_string())
        });
        assert_eq!(rules_at(&linter, "elsewhere/api.yaml"), ["d:should"]);
    }

    #[test]
    fn severity_in_a_document_counts_whole_document_overrides() {
        let ruleset = overrides(
            "extends: base.yaml\noverrides:\n  - files: ['legacy/**']\n    rules: {t: off, c: true, remote-ref: must}\n  \
             - files: ['legacy/a.yaml#/info']\n    rules: {d: off}\n",
        );
        let at = |file: &'static str| move |_: &str| Some(file.to_string());
        let severity = |rule, file| ruleset.severity_in(rule, &at(file));
        assert_eq!(
            severity("t", "a.yaml"),
            Some(RuleSeverity::On(Severity::Must))
        );
        assert_eq!(severity("t", "legacy/a.yaml"), Some(RuleSeverity::Off));
        assert_eq!(
            severity("c", "legacy/a.yaml"),
            Some(RuleSeverity::Off),
            "declared off"
        );
        assert_eq!(
            severity("d", "legacy/a.yaml"),
            Some(RuleSeverity::On(Severity::Should))
        );
        assert_eq!(
            severity("remote-ref", "legacy/a.yaml"),
            Some(RuleSeverity::On(Severity::Must))
        );
        assert_eq!(
            severity("remote-ref", "a.yaml"),
            Some(RuleSeverity::On(Severity::Hint))
        );
        assert_eq!(severity("nope", "a.yaml"), None);
    }

    #[test]
    fn built_in_checks_take_overrides() {
        let ruleset = overrides(
            "extends: base.yaml\nrules: {remote-ref: off}\noverrides:\n  - files: ['new/**']\n    rules: {remote-ref: must, duplicate-key: off}\n",
        );
        let linter = Linter::new(ruleset);
        let spec = "openapi: 3.0.3\ninfo: {title: t, description: d, version: v}\ninfo: {title: t, description: d, version: v}\npaths:\n  /a: {$ref: 'https://example.com/a.yaml'}\n";
        let rules = |file: &str| -> Vec<String> {
            linter
                .lint(file, spec, &MemoryResolver::new())
                .findings
                .iter()
                .map(|f| format!("{}:{}", f.rule, f.severity.as_str()))
                .collect()
        };
        assert_eq!(rules("api.yaml"), ["duplicate-key:must"]);
        assert_eq!(rules("new/api.yaml"), ["remote-ref:must"]);
    }

    #[test]
    fn override_errors_are_located_and_explained() {
        let cases: &[(&str, &str)] = &[
            ("full definition", "  - files: ['a.yaml']\n    rules: {t: {given: $.info, then: {function: truthy}}}\n"),
            ("extends inside", "  - files: ['a.yaml']\n    extends: zalando\n    rules: {t: off}\n"),
            ("formats inside", "  - files: ['a.yaml']\n    formats: [oas3]\n    rules: {t: off}\n"),
            ("no files", "  - rules: {t: off}\n"),
            ("empty files", "  - files: []\n    rules: {t: off}\n"),
            ("files not a list", "  - files: a.yaml\n    rules: {t: off}\n"),
            ("no rules", "  - files: ['a.yaml']\n"),
            ("bad glob", "  - files: ['apis/[a.yaml']\n    rules: {t: off}\n"),
            ("bad pointer", "  - files: ['a.yaml#paths']\n    rules: {t: off}\n"),
            ("undefined rule", "  - files: ['a.yaml']\n    rules: {tt: off}\n"),
            ("misspelt built-in", "  - files: ['a.yaml']\n    rules: {remote-refs: off}\n"),
            ("bad severity", "  - files: ['a.yaml']\n    rules: {t: loud}\n"),
            ("unknown key", "  - files: ['a.yaml']\n    rulse: {t: off}\n"),
            ("not a list", "  files: ['a.yaml']\n"),
        ];
        let mut out = String::new();
        for (what, entries) in cases {
            let text = format!("extends: base.yaml\noverrides:\n{entries}");
            let err =
                load(&[("base.yaml", BASE), ("cfg.yaml", &text)], "cfg.yaml").expect_err(what);
            assert!(err.range.is_some(), "{what}: {err}");
            out.push_str(&format!("{what}: {err}\n"));
        }
        insta::assert_snapshot!(out);
    }
}

#[cfg(test)]
mod paths {
    use super::*;

    #[test]
    fn documents_are_placed_relative_to_the_ruleset_folder() {
        let table: &[(&str, &str, Option<&str>)] = &[
            (
                ".oaslint.yaml",
                "apis/a/openapi.yaml",
                Some("apis/a/openapi.yaml"),
            ),
            ("./.oaslint.yaml", "./apis/a.yaml", Some("apis/a.yaml")),
            (
                "apis/legacy/.oaslint.yaml",
                "apis/legacy/openapi.yaml",
                Some("openapi.yaml"),
            ),
            (
                "apis/legacy/.oaslint.yaml",
                "apis/orders/openapi.yaml",
                None,
            ),
            ("rulesets/acme.yaml", "apis/a.yaml", None),
            ("../x/.oaslint.yaml", "../x/a.yaml", None),
            ("/r/.oaslint.yaml", "/r/apis/a.yaml", Some("apis/a.yaml")),
            ("/r/.oaslint.yaml", "apis/a.yaml", None),
            ("builtin:zalando/ruleset.yaml", "a.yaml", None),
            (".oaslint.yaml", "../a.yaml", None),
            ("a\\.oaslint.yaml", "a\\b.yaml", Some("b.yaml")),
        ];
        for (ruleset, document, want) in table {
            assert_eq!(
                lexical_path(ruleset, document).as_deref(),
                *want,
                "{ruleset} {document}"
            );
        }
    }

    #[test]
    fn a_part_covers_its_node_and_what_is_below() {
        assert!(covers(None, ""));
        assert!(covers(Some("/paths/~1a"), "/paths/~1a"));
        assert!(covers(Some("/paths/~1a"), "/paths/~1a/get"));
        assert!(!covers(Some("/paths/~1a"), "/paths/~1ab"));
        assert!(!covers(Some("/paths/~1a"), "/paths"));
    }

    #[test]
    fn globs_keep_single_stars_in_one_segment() {
        let g = compile_glob("apis/*.yaml").unwrap();
        assert!(g.is_match("apis/a.yaml"));
        assert!(!g.is_match("apis/x/a.yaml"));
        let g = compile_glob("apis/**/*.yaml").unwrap();
        assert!(g.is_match("apis/a.yaml"));
        assert!(g.is_match("apis/x/y/a.yaml"));
        assert!(compile_glob("apis/[a.yaml").is_err());
    }
}
