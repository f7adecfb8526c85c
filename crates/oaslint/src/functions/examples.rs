//! Runs the example of every built-in function's documentation: the
//! `yaml ruleset` block must load, the `yaml fail` document must give at
//! least one finding and the `yaml pass` document none. The documentation
//! must also have the sections `oaslint functions` and `docs/functions.md`
//! show.

use super::FunctionRegistry;
use crate::lint::Linter;
use crate::ruleset::RulesetLoader;
use crate::workspace::MemoryResolver;

/// The fenced blocks of `doc` whose info string is `yaml <kind>`.
pub(crate) fn blocks(doc: &str, kind: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut lines = doc.lines();
    let opening = format!("```yaml {kind}");
    while let Some(line) = lines.next() {
        if line.trim_end() == opening {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| l.trim_end() != "```")
                .collect();
            found.push(body.join("\n") + "\n");
        }
    }
    found
}

#[test]
fn documented_examples_behave_as_documented() {
    let registry = FunctionRegistry::builtin();
    let files = MemoryResolver::new();
    let mut undocumented = Vec::new();
    for info in registry.functions() {
        let doc = info.doc();
        if doc.is_empty() {
            // Not yet declared with `declare_function!`.
            undocumented.push(info.name().to_string());
            continue;
        }
        let name = info.name();
        for section in ["# What it does", "# Why", "# Options", "# Example"] {
            assert!(
                doc.lines().any(|l| l.trim_end() == section),
                "`{name}`: no `{section}` section"
            );
        }
        let rulesets = blocks(&doc, "ruleset");
        let fails = blocks(&doc, "fail");
        let passes = blocks(&doc, "pass");
        assert!(
            rulesets.len() == 1 && !fails.is_empty() && !passes.is_empty(),
            "`{name}`: the example needs one `yaml ruleset` block and `yaml fail` and `yaml pass` blocks"
        );
        let ruleset = RulesetLoader::new(&files, &registry)
            .load_text("ruleset.yaml", &rulesets[0])
            .unwrap_or_else(|e| panic!("`{name}`: the example ruleset does not load: {e}"));
        assert!(
            ruleset
                .rules
                .iter()
                .any(|r| r.then.iter().any(|t| t.function_name == name)),
            "`{name}`: the example ruleset does not call it"
        );
        let linter = Linter::new(ruleset);
        for (i, text) in fails.iter().enumerate() {
            let report = linter.lint("fail.yaml", text.as_str(), &files);
            assert!(
                report.errors.is_empty(),
                "`{name}` fail {i}: {:?}",
                report.errors
            );
            assert!(
                !report.findings.is_empty(),
                "`{name}`: the failing example passes"
            );
        }
        for (i, text) in passes.iter().enumerate() {
            let report = linter.lint("pass.yaml", text.as_str(), &files);
            assert!(
                report.errors.is_empty(),
                "`{name}` pass {i}: {:?}",
                report.errors
            );
            assert!(
                report.findings.is_empty(),
                "`{name}`: the fixed example fails: {:?}",
                report.findings
            );
        }
    }
    eprintln!("not yet declared: {undocumented:?}");
}
