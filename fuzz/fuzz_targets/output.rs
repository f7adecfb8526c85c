//! Every output format of the CLI, run in-process as a pipeline runs it:
//! `oaslint lint - --no-ack -r echo-ruleset.yaml` with the fuzzed bytes on
//! standard input and all formats in one run (text on stdout, the others
//! written to files). The ruleset (`fuzz/echo-ruleset.yaml`) puts every key
//! and string of the spec into a finding, so all of it reaches the writers. Asserts: no panic, exit code 0, 1 or 2, both streams UTF-8, each
//! output well-formed for its format (JSON, SARIF and the PR thread parse as
//! JSON, JUnit as XML, line formats end their last line), and no logging
//! command of Azure Pipelines or GitHub Actions in any output or stream.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    oaslint_fuzz::output::check_all_formats(data);
});
