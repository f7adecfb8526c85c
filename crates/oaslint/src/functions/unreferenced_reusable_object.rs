//! `unreferencedReusableObject`: every reusable object must be referenced.
//!
//! # What it does
//!
//! Applied to the map of reusable objects at `reusableObjectsLocation` in
//! the root document (for example `$.components.schemas`), reports each
//! member that no `$ref` anywhere in the workspace points to: not the root
//! document, not any file it references, not the member itself. The
//! finding is at the member's key. A `$ref` to a node inside a member
//! (`#/components/schemas/Pet/properties/id`) counts as a use of that
//! member. When the input is any other node, nothing is reported.
//!
//! Use it with `resolved: false`: the input must be the map itself, not a
//! copy reached through a `$ref`.
//!
//! # Options
//!
//! - `reusableObjectsLocation` (string, required): a URI fragment JSON
//!   pointer to the map in the root document, `#/definitions` or
//!   `#/components/schemas` (`~0`, `~1` and `%XX` escapes allowed).
//!
//! # Example
//!
//! ```yaml
//! unused-definition:
//!   description: Potentially unused definition has been detected.
//!   resolved: false
//!   given: $.definitions
//!   then:
//!     function: unreferencedReusableObject
//!     functionOptions:
//!       reusableObjectsLocation: "#/definitions"
//! ```
//!
//! # Compared with Spectral
//!
//! - A `$ref` into a member's subtree counts as a use; Spectral only counts
//!   a `$ref` to the member itself.
//! - Only `$ref`s that resolve count (Spectral's dependency graph is the
//!   same in practice).
//! - The message names the object's pointer (`is potentially unused: no
//!   $ref points to "#/components/schemas/Pet"`, rendered after the key as
//!   `"Pet" is potentially unused: …`); Spectral says `Potential orphaned
//!   reusable object has been detected`.
//! - When applied to a node other than the map at `reusableObjectsLocation`
//!   nothing is reported; Spectral reports the input's keys at paths under
//!   `reusableObjectsLocation` regardless.

use super::{parse_options, Context, Input, Outcome, RuleFunction};
use crate::tree::{escape_segment, Value};
use crate::workspace::{percent_decode, Loc};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    reusable_objects_location: String,
}

struct Unreferenced {
    /// The RFC 6901 pointer (decoded from the URI fragment).
    pointer: String,
}

impl RuleFunction for Unreferenced {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(cursor) = input.cursor() else {
            return;
        };
        let ws = ctx.view.ws;
        let tree = ws.tree(0);
        let Some(node) = tree.lookup(&self.pointer) else {
            return;
        };
        let at = cursor.loc();
        let container = Loc::new(0, node);
        if at != container && at != ctx.view.follow(container) {
            return;
        }
        let Value::Object(entries) = ws.value(at) else {
            return;
        };
        let members_tree = ws.tree(at.doc);
        // Subtree ranges of the members that nothing references yet.
        let mut unused: Vec<(usize, u32, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i, e.value, members_tree.node(e.value).subtree_end))
            .collect();
        for (_, target) in ws.refs() {
            if target.doc != at.doc || unused.is_empty() {
                continue;
            }
            unused.retain(|&(_, start, end)| !(start..end).contains(&target.node));
        }
        let base = format!("#{}", tree.pointer(node));
        for (i, _, _) in unused {
            let key = &entries[i].key;
            out.push(
                Outcome::new(format!(
                    "is potentially unused: no $ref points to \"{base}/{}\"",
                    escape_segment(key)
                ))
                .at(vec![key.to_string()]),
            );
        }
    }
}

/// Checks a URI-fragment JSON pointer and returns it decoded (`#/a%20b` →
/// `/a b`).
fn parse_location(location: &str) -> Result<String, String> {
    let bad = |why: &str| {
        Err(format!(
            "`reusableObjectsLocation` must be a JSON pointer fragment such as \"#/components/schemas\"; {location:?} {why}"
        ))
    };
    let Some(rest) = location.strip_prefix('#') else {
        return bad("does not start with '#'");
    };
    let pointer = percent_decode(rest);
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return bad("does not continue with '/' after '#'");
    }
    for segment in pointer.split('/').skip(1) {
        let mut chars = segment.chars();
        while let Some(c) = chars.next() {
            if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
                return bad("has a '~' that is not followed by '0' or '1'");
            }
        }
    }
    Ok(pointer)
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(Unreferenced {
        pointer: parse_location(&o.reusable_objects_location)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn defs() -> serde_json::Value {
        json!({"reusableObjectsLocation": "#/definitions"})
    }

    /// As a rule would run it: on `#/definitions` of a root document that is
    /// the input itself.
    fn run_on_root(options: serde_json::Value, root: serde_json::Value) -> Vec<Outcome> {
        let pointer = parse_location(options["reusableObjectsLocation"].as_str().unwrap()).unwrap();
        testing::run_at(create, options, &root, &[], &pointer, false)
    }

    /// Pass and fail tables run on whole documents, since references live
    /// outside the input.
    fn pass_table() -> Vec<Pass> {
        vec![
            (
                defs(),
                Some(json!({
                    "paths": {"/a": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/A"}}}}}},
                    "definitions": {"A": {"properties": {"b": {"$ref": "#/definitions/B"}}}, "B": {}},
                })),
            ),
            (defs(), Some(json!({"definitions": {}}))),
            // A $ref into a member's subtree uses the member.
            (
                defs(),
                Some(json!({
                    "x": {"$ref": "#/definitions/A/properties/id"},
                    "definitions": {"A": {"properties": {"id": {}}}},
                })),
            ),
            // Escaped keys.
            (
                json!({"reusableObjectsLocation": "#/components/schemas"}),
                Some(json!({
                    "x": {"$ref": "#/components/schemas/a~1b"},
                    "y": {"$ref": "#/components/schemas/with%20space"},
                    "components": {"schemas": {"a/b": {}, "with space": {}}},
                })),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                defs(),
                Some(json!({
                    "paths": {"/a": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/A"}}}}}},
                    "definitions": {"A": {}, "NotHooked": {}, "Self": {"items": {"$ref": "#/definitions/Self"}}},
                })),
                vec![outcome(
                    r##"is potentially unused: no $ref points to "#/definitions/NotHooked""##,
                    &["NotHooked"],
                )],
            ),
            (
                json!({"reusableObjectsLocation": "#/components/schemas"}),
                Some(json!({
                    "components": {"schemas": {"a/b": {}, "Used": {}, "Unused": {"$ref": "#/components/schemas/Used"}}},
                })),
                vec![
                    outcome(
                        r##"is potentially unused: no $ref points to "#/components/schemas/a~1b""##,
                        &["a/b"],
                    ),
                    outcome(
                        r##"is potentially unused: no $ref points to "#/components/schemas/Unused""##,
                        &["Unused"],
                    ),
                ],
            ),
        ]
    }

    #[test]
    fn pass() {
        for (i, (options, root)) in pass_table().into_iter().enumerate() {
            let got = run_on_root(options, root.unwrap());
            assert!(got.is_empty(), "pass row {i}: {got:#?}");
        }
    }

    #[test]
    fn fail() {
        let mut rows = Vec::new();
        for (i, (options, root, expected)) in fail_table().into_iter().enumerate() {
            let got = run_on_root(options.clone(), root.clone().unwrap());
            assert_eq!(got, expected, "fail row {i}");
            rows.push(json!({
                "options": options,
                "input": root,
                "outcomes": testing::outcomes_json(&got),
            }));
        }
        insta::assert_yaml_snapshot!(rows);
    }

    #[test]
    fn refs_from_other_files_count() {
        let root = json!({
            "paths": {"/a": {"$ref": "paths.json#/a"}},
            "definitions": {"Pet": {}, "Tag": {}},
        });
        let paths = r##"{"a": {"get": {"responses": {"200": {"schema": {"$ref": "root.json#/definitions/Pet"}}}}}}"##;
        let got = testing::run_at(
            create,
            defs(),
            &root,
            &[("paths.json", paths)],
            "/definitions",
            false,
        );
        assert_eq!(
            got,
            vec![outcome(
                r##"is potentially unused: no $ref points to "#/definitions/Tag""##,
                &["Tag"]
            )]
        );
    }

    #[test]
    fn other_inputs_are_skipped() {
        let root = json!({"definitions": {"A": {}}, "other": {"B": {}}});
        assert!(testing::run_at(create, defs(), &root, &[], "/other", false).is_empty());
        assert!(testing::run_key(create, defs(), "A").is_empty());
        assert!(testing::run(create, defs(), None).is_empty());
        // The location does not exist.
        let root = json!({"components": {"schemas": {"A": {}}}});
        assert!(
            testing::run_at(create, defs(), &root, &[], "/components/schemas", false).is_empty()
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(err(json!(null)), "missing field `reusableObjectsLocation`");
        assert_eq!(
            err(json!({"reusableObjectsLocation": "/definitions"})),
            r##"`reusableObjectsLocation` must be a JSON pointer fragment such as "#/components/schemas"; "/definitions" does not start with '#'"##
        );
        assert!(err(json!({"reusableObjectsLocation": "#definitions"}))
            .ends_with("does not continue with '/' after '#'"));
        assert!(err(json!({"reusableObjectsLocation": "#/a~2b"}))
            .ends_with("has a '~' that is not followed by '0' or '1'"));
        assert_eq!(
            err(json!({"reusableObjectsLocation": 1})),
            "`reusableObjectsLocation`: invalid type: integer `1`, expected a string"
        );
        assert!(parse_location("#").is_ok());
        assert_eq!(parse_location("#/a%20b/c~1d").unwrap(), "/a b/c~1d");
    }
}
