use super::{Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use crate::workspace::{percent_decode, Loc};
use serde::Deserialize;

/// The options of [`UnreferencedReusableObject`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// A URI fragment JSON pointer to the map of reusable objects in the
    /// root document (`#/components/schemas`).
    reusable_objects_location: String,
}

crate::declare_function! {
    /// Every reusable object must be referenced.
    ///
    /// # What it does
    ///
    /// Applied to the map of reusable objects at `reusableObjectsLocation` in
    /// the root document (for example `$.components.schemas`), reports each
    /// member that no `$ref` anywhere in the workspace points to: not the root
    /// document, not any file it references, not the member itself. The
    /// finding is at the member's key. A `$ref` to a node inside a member
    /// (`#/components/schemas/Pet/properties/id`) counts as a use of that
    /// member. When the input is any other node, nothing is reported.
    ///
    /// Use it with `resolved: false`: the input must be the map itself, not a
    /// copy reached through a `$ref`.
    ///
    /// # Why
    ///
    /// A schema or parameter nothing refers to is dead weight: it is documented
    /// and published, yet no operation uses it, and it often marks a leftover
    /// from a rename or a forgotten `$ref`.
    ///
    /// # Options
    ///
    /// - `reusableObjectsLocation` (string, required): a URI fragment JSON
    ///   pointer to the map in the root document, `#/definitions` or
    ///   `#/components/schemas` (`~0`, `~1` and `%XX` escapes allowed).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   unused-definition:
    ///     description: Potentially unused definition has been detected.
    ///     resolved: false
    ///     given: $.definitions
    ///     then:
    ///       function: unreferencedReusableObject
    ///       functionOptions:
    ///         reusableObjectsLocation: "#/definitions"
    /// ```
    ///
    /// ```yaml fail
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, schema: {$ref: '#/definitions/Pet'}}
    /// definitions:
    ///   Pet: {type: object}
    ///   Tag: {type: object}
    /// ```
    ///
    /// ```yaml pass
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, schema: {$ref: '#/definitions/Pet'}}
    /// definitions:
    ///   Pet: {type: object}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// - A `$ref` into a member's subtree counts as a use; Spectral only counts
    ///   a `$ref` to the member itself.
    /// - Only `$ref`s that resolve count (Spectral's dependency graph is the
    ///   same in practice).
    /// - The message is Spectral's (`Potential orphaned reusable object has
    ///   been detected`), at the unused member.
    /// - When applied to a node other than the map at `reusableObjectsLocation`
    ///   nothing is reported; Spectral reports the input's keys at paths under
    ///   `reusableObjectsLocation` regardless.
    #[function("unreferencedReusableObject")]
    pub(crate) struct UnreferencedReusableObject {
        /// The RFC 6901 pointer (decoded from the URI fragment).
        pointer: String,
    }
}

impl NativeFunction for UnreferencedReusableObject {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(UnreferencedReusableObject {
            pointer: parse_location(&o.reusable_objects_location)?,
        })
    }

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
        for (i, _, _) in unused {
            let key = &entries[i].key;
            out.push(
                Outcome::new("Potential orphaned reusable object has been detected")
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

#[cfg(test)]
mod tests {
    use super::parse_location;

    #[test]
    fn parse_location_decodes_the_fragment() {
        assert!(parse_location("#").is_ok());
        assert_eq!(parse_location("#/a%20b/c~1d").unwrap(), "/a b/c~1d");
    }
}
