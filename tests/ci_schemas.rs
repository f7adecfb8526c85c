//! The CI files users copy or call are valid against the public schemas of
//! their platforms: `action.yml` against SchemaStore's GitHub Action schema,
//! the GitHub workflows (the template and this repository's own) against
//! SchemaStore's workflow schema, and the Azure Pipelines files against
//! Microsoft's Azure Pipelines schema. The schemas are vendored in
//! `tests/fixtures/install/schemas` (sources in its `SOURCE.md`).

use oaslint::{Document, Limits};
use oaslint_acceptance::root;
use serde_json::Value;
use std::sync::OnceLock;

fn schema_value(name: &str) -> Value {
    let path = root().join("tests/fixtures/install/schemas").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&schema_value(name))
        .unwrap_or_else(|e| panic!("{name} compiles as a JSON Schema: {e}"))
}

/// The Azure schema (1.6 MB), compiled once for the tests that use it.
///
/// Azure Pipelines reads every YAML scalar as a string, and the schema is
/// written for that: its own `boolean` is a string `true`, `yes`, `on`, ….
/// Only the task inputs say `"type": "boolean"` (674 places) or
/// `"integer"` (10), which the Azure Pipelines language server checks
/// against the text of the scalar; here those become strings of that form.
fn azure() -> &'static jsonschema::Validator {
    fn scalar_types_as_text(schema: &mut Value) {
        match schema {
            Value::Object(members) => {
                let pattern = match members.get("type").and_then(Value::as_str) {
                    Some("boolean") => Some("^(true|false|True|False|TRUE|FALSE)$"),
                    Some("integer") => Some("^-?[0-9]+$"),
                    _ => None,
                };
                if let Some(pattern) = pattern {
                    members.insert("type".into(), "string".into());
                    members.insert("pattern".into(), pattern.into());
                }
                members.values_mut().for_each(scalar_types_as_text);
            }
            Value::Array(items) => items.iter_mut().for_each(scalar_types_as_text),
            _ => {}
        }
    }
    static AZURE: OnceLock<jsonschema::Validator> = OnceLock::new();
    AZURE.get_or_init(|| {
        let mut schema = schema_value("service-schema.json");
        scalar_types_as_text(&mut schema);
        jsonschema::validator_for(&schema).expect("the Azure Pipelines schema compiles")
    })
}

/// An Azure Pipelines file as Azure reads it: every scalar a string, and
/// the template expressions' conditional insertions (`- ${{ if … }}:` in a
/// list, `${{ if … }}:` in a mapping), which the schema does not describe,
/// expanded as if their condition held.
fn azure_yaml(rel: &str) -> Value {
    fn is_expression(key: &str) -> bool {
        key.starts_with("${{") && key.ends_with("}}")
    }
    fn read_as_azure(value: Value) -> Value {
        match value {
            Value::Null => Value::String(String::new()),
            Value::Bool(b) => Value::String(b.to_string()),
            Value::Number(n) => Value::String(n.to_string()),
            Value::String(s) => Value::String(s),
            Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::Object(m) if m.len() == 1 && m.keys().all(|k| is_expression(k)) => {
                            match read_as_azure(m.into_iter().next().unwrap().1) {
                                Value::Array(inserted) => out.extend(inserted),
                                other => out.push(other),
                            }
                        }
                        item => out.push(read_as_azure(item)),
                    }
                }
                Value::Array(out)
            }
            Value::Object(members) => {
                let mut out = serde_json::Map::new();
                for (key, value) in members {
                    match read_as_azure(value) {
                        Value::Object(inserted) if is_expression(&key) => out.extend(inserted),
                        value => {
                            out.insert(key, value);
                        }
                    }
                }
                Value::Object(out)
            }
        }
    }
    read_as_azure(yaml(rel))
}

/// A YAML file of the repository as JSON, read with oaslint's YAML parser
/// (YAML 1.2: `on:` stays a string key, as GitHub reads it).
fn yaml(rel: &str) -> Value {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    let doc = Document::parse(rel, text, &Limits::default())
        .unwrap_or_else(|e| panic!("{rel} parses: {e}"));
    doc.root().expect("a document").to_json()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, rel: &str) {
    let errors = errors(validator, &yaml(rel));
    assert!(errors.is_empty(), "{rel}: {errors:#?}");
}

/// The `.yml` files under `dir` (repository-relative).
fn yml_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yml") || name.ends_with(".yaml"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    files.sort();
    files
}

#[test]
fn action_yml_is_valid_against_the_github_action_schema() {
    let schema = validator("github-action.json");
    assert_valid(&schema, "action.yml");
    // The schema is not a formality: a composite action without steps, and
    // an input with an unknown key, are refused.
    let mut broken = yaml("action.yml");
    broken["runs"].as_object_mut().unwrap().remove("steps");
    assert!(!errors(&schema, &broken).is_empty());
    let mut broken = yaml("action.yml");
    broken["inputs"]["specs"]["requird"] = Value::Bool(true);
    assert!(!errors(&schema, &broken).is_empty());
}

#[test]
fn the_github_workflows_are_valid_against_the_workflow_schema() {
    let schema = validator("github-workflow.json");
    let mut files = vec!["ci-templates/github-actions.yml".to_string()];
    files.extend(yml_files(".github/workflows"));
    assert!(files.contains(&".github/workflows/release.yml".to_string()));
    for file in &files {
        assert_valid(&schema, file);
    }
    // A job without `runs-on`, and a misspelt step key, are refused.
    let mut broken = yaml(".github/workflows/release.yml");
    broken["jobs"]["build"]
        .as_object_mut()
        .unwrap()
        .remove("runs-on");
    assert!(!errors(&schema, &broken).is_empty());
    let mut broken = yaml("ci-templates/github-actions.yml");
    broken["jobs"]["oaslint"]["steps"][1]["with_"] = Value::Null;
    assert!(!errors(&schema, &broken).is_empty());
}

#[test]
fn the_azure_pipelines_files_are_valid_against_the_azure_pipelines_schema() {
    for file in [
        "ci-templates/azure-pipelines.yml",
        ".azure/release-pipeline.yml",
    ] {
        let errors = errors(azure(), &azure_yaml(file));
        assert!(errors.is_empty(), "{file}: {errors:#?}");
    }
    // Not a formality: a misspelt step key, a task input of the wrong form
    // and a conditional step with an unknown key are refused.
    let template = azure_yaml("ci-templates/azure-pipelines.yml");
    let mut broken = template.clone();
    broken["steps"][0]["displayNme"] = Value::String("x".into());
    assert!(!errors(azure(), &broken).is_empty());
    let publish_tests = template["steps"]
        .as_array()
        .unwrap()
        .iter()
        .position(|step| step["task"] == "PublishTestResults@2")
        .expect("the template publishes JUnit");
    let mut broken = template.clone();
    broken["steps"][publish_tests]["inputs"]["failTaskOnFailedTests"] = "maybe".into();
    assert!(!errors(azure(), &broken).is_empty());
    let release = azure_yaml(".azure/release-pipeline.yml");
    let mut broken = release.clone();
    broken["stages"][1]["jobs"][0]["steps"][4]["inputs"]["tagSourc"] = "gitTag".into();
    assert!(release["stages"][1]["jobs"][0]["steps"][4]["task"] == "GitHubRelease@1");
    assert!(!errors(azure(), &broken).is_empty());
}
