//! Native functions of the built-in `zalando` ruleset: logic that
//! `given`/`then` data cannot express. One file per function, each with
//! its options type, doc comment and pass/fail tables.

use super::FunctionRegistry;

/// Adds this module's functions to `registry`.
pub fn register(registry: &mut FunctionRegistry) {
    let _ = registry;
}
