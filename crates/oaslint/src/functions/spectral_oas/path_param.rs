use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::{is_object, is_plain_object, js_string};
use crate::tree::Value;
use crate::workspace::Cursor;

crate::declare_function! {
    /// Path templates and path parameters must match.
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, reports:
    ///
    /// - two paths that are the same once their templates are ignored
    ///   (`/pets/{id}` and `/pets/{name}`), at the later path;
    /// - a path that uses the same template twice (`/a/{id}/b/{id}`);
    /// - a path parameter (`in: path` with a `name`) without `required:
    ///   true`, and one defined twice in the same list, at the parameter;
    /// - for each operation, a path parameter of the operation or of its
    ///   path item that the path does not use, at the parameter, and a
    ///   template of the path that no parameter defines, at the operation.
    ///
    /// A template is `{name}` with a name of letters, digits, `_` and `-`
    /// (and Spectral's `;`, `?` and `*` decorations). Spectral's
    /// `oasPathParam`.
    ///
    /// # Why
    ///
    /// A template without a parameter cannot be filled in by a client, and
    /// a parameter the path does not use is never sent; servers route
    /// `/pets/{id}` and `/pets/{name}` to the same handler, so one of the two
    /// is unreachable.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   path-params:
    ///     description: Path parameters must be defined and valid.
    ///     message: "{{error}}"
    ///     given: $.paths
    ///     then:
    ///       function: oasPathParam
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets/{id}:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets/{id}:
    ///     parameters:
    ///       - {name: id, in: path, required: true, schema: {type: string}}
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and messages (`Paths "/a/{x}" and "/a/{y}" must not be
    /// equivalent.`, `Path "…" must not use parameter "{id}" multiple
    /// times.`, `Path parameter "id" must have "required" property that is
    /// set to "true".`, `Path parameter "id" must not be defined multiple
    /// times.`, `Parameter "id" must be used in path "…".`, `Operation must
    /// define parameter "{id}" as expected by path "…".`).
    #[function("oasPathParam")]
    pub(crate) struct OasPathParam;
}

/// The operations Spectral checks in a path item.
const OPERATIONS: [&str; 8] = [
    "get", "head", "post", "put", "patch", "delete", "options", "trace",
];

/// The byte ranges of the path templates in `path`: `{`, an optional `;`
/// and `?`, a name of ASCII letters, digits, `_` or `-`, an optional `*`,
/// `}`.
fn templates(path: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        for optional in [b';', b'?'] {
            if bytes.get(j) == Some(&optional) {
                j += 1;
            }
        }
        let name_start = j;
        while bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        {
            j += 1;
        }
        if j > name_start {
            if bytes.get(j) == Some(&b'*') {
                j += 1;
            }
            if bytes.get(j) == Some(&b'}') {
                out.push(i..j + 1);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Path parameters by name, in the order they were defined, each with the
/// path (below `paths`) of its definition.
type Defined = Vec<(String, Vec<String>)>;

fn position(defined: &Defined, name: &str) -> Option<usize> {
    defined.iter().position(|(n, _)| n == name)
}

/// Checks one `parameters` list and adds its named path parameters to
/// `defined` (Spectral's `isUnknownNamedPathParam`).
fn collect_path_params(
    parameters: Option<Cursor<'_>>,
    at: &[String],
    defined: &mut Defined,
    out: &mut Vec<Outcome>,
) {
    let Some(parameters) = parameters.filter(|p| matches!(p.value(), Value::Array(_))) else {
        return;
    };
    for (i, p) in parameters.items().enumerate() {
        if !is_object(&p) {
            continue;
        }
        let (Some(name), true) = (
            p.get("name"),
            p.get("in").and_then(|l| l.as_str()) == Some("path"),
        ) else {
            continue;
        };
        let name = js_string(&name);
        let mut path = at.to_vec();
        path.extend(["parameters".to_string(), i.to_string()]);
        if p.get("required").and_then(|r| r.as_bool()) != Some(true) {
            out.push(
                Outcome::new(format!(
                    "Path parameter \"{name}\" must have \"required\" property that is set to \"true\"."
                ))
                .at(path.clone()),
            );
        }
        if position(defined, &name).is_some() {
            out.push(
                Outcome::new(format!(
                    "Path parameter \"{name}\" must not be defined multiple times."
                ))
                .at(path),
            );
            continue;
        }
        defined.push((name, path));
    }
}

impl NativeFunction for OasPathParam {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasPathParam)
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor().filter(is_plain_object) else {
            return;
        };
        // Normalised path → the first path that normalises to it.
        let mut unique: Vec<(String, &str)> = Vec::new();
        for (path, item) in paths.entries() {
            if !is_object(&item) {
                continue;
            }
            let found = templates(path);
            let mut normalized = String::new();
            let mut last = 0;
            for t in &found {
                normalized.push_str(&path[last..t.start]);
                normalized.push('%');
                last = t.end;
            }
            normalized.push_str(&path[last..]);
            match unique.iter().find(|(n, _)| *n == normalized) {
                Some((_, first)) => out.push(
                    Outcome::new(format!(
                        "Paths \"{first}\" and \"{path}\" must not be equivalent."
                    ))
                    .at(vec![path.to_string()]),
                ),
                None => unique.push((normalized, path)),
            }

            let mut elements: Vec<String> = Vec::new();
            for t in &found {
                let name: String = path[t.clone()]
                    .chars()
                    .filter(|c| !matches!(c, '{' | '}' | '?' | '*' | ';'))
                    .collect();
                if elements.contains(&name) {
                    out.push(
                        Outcome::new(format!(
                            "Path \"{path}\" must not use parameter \"{{{name}}}\" multiple times."
                        ))
                        .at(vec![path.to_string()]),
                    );
                } else {
                    elements.push(name);
                }
            }

            let item_path = vec![path.to_string()];
            let mut top: Defined = Vec::new();
            collect_path_params(item.get("parameters"), &item_path, &mut top, out);

            for (method, operation) in item.entries() {
                if !is_object(&operation) || !OPERATIONS.contains(&method) {
                    continue;
                }
                let operation_path = vec![path.to_string(), method.to_string()];
                let mut own: Defined = Vec::new();
                collect_path_params(operation.get("parameters"), &operation_path, &mut own, out);
                // `{...top, ...own}`: the operation's definition wins, in
                // the place of the path item's.
                let mut defined = top.clone();
                for (name, at) in own {
                    match position(&defined, &name) {
                        Some(i) => defined[i].1 = at,
                        None => defined.push((name, at)),
                    }
                }
                for (name, at) in &defined {
                    if !elements.contains(name) {
                        out.push(
                            Outcome::new(format!(
                                "Parameter \"{name}\" must be used in path \"{path}\"."
                            ))
                            .at(at.clone()),
                        );
                    }
                }
                for name in &elements {
                    if position(&defined, name).is_none() {
                        out.push(
                            Outcome::new(format!(
                                "Operation must define parameter \"{{{name}}}\" as expected by path \"{path}\"."
                            ))
                            .at(operation_path.clone()),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::templates;

    #[test]
    fn templates_are_found_as_spectral_finds_them() {
        let path = "/a/{id}/{;x*}/{?q}/{}/{a b}/{ok-1_2}";
        let found: Vec<&str> = templates(path).into_iter().map(|r| &path[r]).collect();
        assert_eq!(found, ["{id}", "{;x*}", "{?q}", "{ok-1_2}"]);
    }
}
