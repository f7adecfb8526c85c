//! JUnit XML (`--format junit`) for test-result views (Azure DevOps
//! `PublishTestResults@2`, Jenkins, GitLab).
//!
//! One `<testsuite>` per linted document, one `<testcase>` per enabled rule
//! of the ruleset. A rule with findings in the document — or in a file the
//! document's `$ref`s pulled in — fails, with one line per finding in the
//! `<failure>` text; acknowledged findings do not fail and are listed in
//! `<system-out>`; a rule limited to other formats (`formats: [oas2]`) is
//! skipped. A document that could not be processed gets an `<error>`
//! test case. The output is valid against the Jenkins JUnit schema
//! (`tests/fixtures/pipeline/junit-10.xsd`), which Azure DevOps also reads.

use super::defuse::{self, Syntax};
use crate::run::{builtin_title, describe_ack, place, LintRun};
use oaslint::{DocumentInfo, IgnoredFinding};
use oaslint::{Finding, Rule, SpecFormat};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

/// The rules of `ruleset` that are on.
fn rules_on(ruleset: &oaslint::Ruleset) -> Vec<&Rule> {
    ruleset
        .rules
        .iter()
        .filter(|r| r.level().is_some())
        .collect()
}

pub fn render(run: &LintRun<'_>) -> String {
    let report = run.report;
    // Each input is a suite of the rules of its own configuration (a
    // folder's `.oaslint.yaml` may differ from the repository's).
    let main_rules = rules_on(run.ruleset);
    let config_rules: Vec<Vec<&Rule>> = run
        .context
        .configurations
        .iter()
        .map(|c| rules_on(&c.ruleset))
        .collect();
    // Rule ids that only findings name (the engine's own checks).
    let mut extra: Vec<&str> = Vec::new();
    for f in &report.findings {
        let known = main_rules
            .iter()
            .chain(config_rules.iter().flatten())
            .any(|r| r.id == f.rule);
        if !known && !extra.contains(&f.rule.as_str()) {
            extra.push(&f.rule);
        }
    }
    let timestamp = run.time.time.to_rfc3339();
    // Indexes by file, built once: an organisation-wide scan has thousands
    // of inputs, and scanning every finding for each input and rule would
    // make the output quadratic.
    let documents: HashMap<&str, &DocumentInfo> = report
        .documents
        .iter()
        .map(|d| (d.file.as_str(), d))
        .collect();
    let mut findings_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in report.findings.iter().enumerate() {
        findings_of.entry(f.file.as_str()).or_default().push(i);
    }
    let mut ignores_of: HashMap<&str, Vec<&IgnoredFinding>> = HashMap::new();
    for (_, ig) in run.honoured_ignores() {
        ignores_of
            .entry(ig.finding.file.as_str())
            .or_default()
            .push(ig);
    }
    let mut errors_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in report.errors.iter().enumerate() {
        errors_of.entry(e.file.as_str()).or_default().push(i);
    }
    let mut suites = String::new();
    let (mut all_tests, mut all_failures, mut all_errors) = (0, 0, 0);
    for input in run.inputs {
        let configuration = run.context.configurations.get(input.configuration);
        let rules = config_rules.get(input.configuration).unwrap_or(&main_rules);
        let format = documents
            .get(input.name.as_str())
            .and_then(|d| d.format.as_deref())
            .and_then(spec_format);
        // The input's findings and ignored findings by rule, in report order
        // (a file `$ref`'d by several inputs counts for each of them).
        let mut finding_indexes: Vec<usize> = input
            .files
            .iter()
            .flat_map(|f| findings_of.get(f.as_str()).into_iter().flatten().copied())
            .collect();
        finding_indexes.sort_unstable();
        finding_indexes.dedup();
        let mut by_rule: HashMap<&str, Vec<(usize, &Finding)>> = HashMap::new();
        for i in finding_indexes {
            let f = &report.findings[i];
            by_rule.entry(f.rule.as_str()).or_default().push((i, f));
        }
        let mut ignored_by_rule: HashMap<&str, Vec<&IgnoredFinding>> = HashMap::new();
        for file in &input.files {
            for ig in ignores_of.get(file.as_str()).into_iter().flatten() {
                ignored_by_rule
                    .entry(ig.finding.rule.as_str())
                    .or_default()
                    .push(ig);
            }
        }
        let mut error_indexes: Vec<usize> = input
            .files
            .iter()
            .flat_map(|f| errors_of.get(f.as_str()).into_iter().flatten().copied())
            .collect();
        error_indexes.sort_unstable();
        error_indexes.dedup();
        let errors: Vec<&oaslint::Error> =
            error_indexes.iter().map(|&i| &report.errors[i]).collect();
        let mut cases = String::new();
        let (mut tests, mut failures, mut skipped) = (0, 0, 0);
        if !errors.is_empty() {
            tests += 1;
            let text: Vec<String> = errors.iter().map(|e| visible(&e.to_string())).collect();
            let _ = write!(
                cases,
                "    <testcase name=\"{}\" classname=\"{}\">\n      <error type=\"{}\" message=\"{}\">{}</error>\n    </testcase>\n",
                attr("oaslint could not process the document"),
                attr(&input.name),
                attr(&errors[0].kind_name()),
                attr(&errors[0].message),
                text_node(&text.join("\n")),
            );
        }
        let mut case = |id: &str, title: &str, skip: Option<String>| {
            tests += 1;
            let findings: &[(usize, &Finding)] = by_rule.get(id).map_or(&[], Vec::as_slice);
            let active: Vec<&Finding> = findings
                .iter()
                .filter(|(i, _)| !run.is_acknowledged(*i))
                .map(|(_, f)| *f)
                .collect();
            let mut acked: Vec<String> = findings
                .iter()
                .filter_map(|(i, f)| {
                    run.ack_of(*i).map(|e| {
                        format!(
                            "{} {} {} (acknowledged: {})",
                            visible(&place(f)),
                            f.severity.label(),
                            visible(&super::message_with_check(f)),
                            visible(&describe_ack(e))
                        )
                    })
                })
                .collect();
            // Findings the document ignores: listed, not failing.
            acked.extend(ignored_by_rule.get(id).into_iter().flatten().map(|ig| {
                format!(
                    "{} {} {} (ignored in the document at {})",
                    visible(&place(&ig.finding)),
                    ig.finding.severity.label(),
                    visible(&ig.finding.message),
                    visible(&super::ignore_place(&ig.ignored_by))
                )
            }));
            let name = if title.is_empty() || title == id {
                id.to_string()
            } else {
                format!("{id}: {title}")
            };
            let _ = write!(
                cases,
                "    <testcase name=\"{}\" classname=\"{}\"",
                attr(&name),
                attr(&input.name)
            );
            if active.is_empty() && acked.is_empty() && skip.is_none() {
                cases.push_str("/>\n");
                return;
            }
            cases.push_str(">\n");
            if !active.is_empty() {
                failures += 1;
                let worst = active.iter().map(|f| f.severity).min().expect("non-empty");
                let lines: Vec<String> = active
                    .iter()
                    .map(|f| {
                        let mut l = format!(
                            "{} {} {}",
                            visible(&place(f)),
                            f.severity.label(),
                            visible(&super::message_with_check(f))
                        );
                        if !f.pointer.is_empty() {
                            let _ = write!(l, " ({})", visible(&f.pointer));
                        }
                        l
                    })
                    .collect();
                let message = if active.len() == 1 {
                    super::message_with_check(active[0]).into_owned()
                } else {
                    format!("{} findings", active.len())
                };
                let _ = writeln!(
                    cases,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    worst.label(),
                    attr(&message),
                    text_node(&lines.join("\n"))
                );
            } else if let Some(why) = &skip {
                skipped += 1;
                let _ = writeln!(cases, "      <skipped message=\"{}\"/>", attr(why));
            }
            if !acked.is_empty() {
                let _ = writeln!(
                    cases,
                    "      <system-out>{}</system-out>",
                    text_node(&acked.join("\n"))
                );
            }
            cases.push_str("    </testcase>\n");
        };
        // A document that could not be read or parsed has no rule results.
        let linted = format.is_some() || errors.is_empty();
        for r in rules.iter().filter(|_| linted) {
            let skip = match format {
                Some(fmt) if !r.formats.is_empty() && !r.formats.iter().any(|f| fmt.matches(f)) => {
                    Some(format!("the rule applies to {} only", r.formats.join(", ")))
                }
                _ => None,
            };
            case(&r.id, &r.title, skip);
        }
        for id in extra.iter().filter(|_| linted) {
            case(id, builtin_title(id).unwrap_or(id), None);
        }
        all_tests += tests;
        all_failures += failures;
        all_errors += usize::from(!errors.is_empty());
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{skipped}\" timestamp=\"{}\" file=\"{}\">",
            attr(&input.name),
            usize::from(!errors.is_empty()),
            attr(&timestamp),
            attr(&input.name),
        );
        let _ = write!(
            suites,
            "    <properties>\n      <property name=\"ruleset\" value=\"{}\"/>\n      <property name=\"ruleset.version\" value=\"{}\"/>\n",
            attr(configuration.map_or(&report.ruleset.name, |c| &c.ruleset.name)),
            attr(configuration.map_or(&report.ruleset.version, |c| &c.ruleset.version))
        );
        if let Some(file) = configuration.and_then(|c| c.file.as_ref()) {
            let _ = writeln!(
                suites,
                "      <property name=\"configuration\" value=\"{}\"/>",
                attr(file)
            );
        }
        if let Some(d) = documents.get(input.name.as_str()) {
            let _ = writeln!(
                suites,
                "      <property name=\"sha256\" value=\"{}\"/>",
                attr(&d.sha256)
            );
        }
        if let Some(t) = &report.truncated {
            let _ = writeln!(
                suites,
                "      <property name=\"truncated\" value=\"{}\"/>",
                attr(&super::truncation_note(t))
            );
        }
        suites.push_str("    </properties>\n");
        suites.push_str(&cases);
        suites.push_str("  </testsuite>\n");
    }
    let out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"oaslint {}\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"{all_errors}\">\n{suites}</testsuites>\n",
        attr(&report.ruleset.name)
    );
    // `##vso[` in a value would be a command when a pipeline prints the file.
    match defuse::neutralise(&out, Syntax::Xml) {
        Cow::Borrowed(_) => out,
        Cow::Owned(safe) => safe,
    }
}

/// A value from the input in a multi-line text node: one visible line.
fn visible(s: &str) -> String {
    defuse::text(s).into_owned()
}

trait KindName {
    fn kind_name(&self) -> String;
}

impl KindName for oaslint::Error {
    fn kind_name(&self) -> String {
        serde_json::to_value(self.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "error".into())
    }
}

/// The format of a linted document from its report name.
fn spec_format(name: &str) -> Option<SpecFormat> {
    match name {
        "swagger-2.0" => Some(SpecFormat::Swagger2),
        "openapi-3.0" => Some(SpecFormat::OpenApi30),
        "openapi-3.1" => Some(SpecFormat::OpenApi31),
        _ => None,
    }
}

/// Escapes an attribute value; line breaks and tabs as character
/// references so they survive attribute-value normalisation.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => push_xml_char(&mut out, c),
        }
    }
    out
}

/// Escapes character data.
pub fn text_node(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            c => push_xml_char(&mut out, c),
        }
    }
    out
}

/// XML 1.0 cannot carry most control characters, not even as references:
/// they become U+FFFD.
fn push_xml_char(out: &mut String, c: char) {
    let ok = matches!(c as u32, 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF);
    out.push(if ok { c } else { '\u{FFFD}' });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            attr("a<b>&\"'\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;&apos;&#10;\u{FFFD}"
        );
        assert_eq!(text_node("a<b>&\"\n]]>"), "a&lt;b&gt;&amp;\"\n]]&gt;");
    }
}
