//! The acceptance tests, one module per topic, in one test binary:
//! `cargo test -p oaslint-acceptance --test acceptance MODULE::` runs one
//! topic (e.g. `rules::`).

mod adoption;
mod azure_thread;
mod big_results;
mod bounds;
mod breaking_changes;
mod ci_schemas;
mod cli;
mod company_ruleset;
mod confinement;
mod corpus;
mod custom_functions;
mod example_repo;
mod fuzz_regressions;
mod gate;
mod guideline_rules;
mod hostile;
mod injection;
mod inputs;
mod install;
mod per_path_config;
mod pipeline;
mod release_files;
mod rules;
mod rulesets;
mod schemas;
mod self_description;
mod spectral_json;
mod spectral_oas;
mod spectral_semantics;
