use crate::document::SpecFormat;
use crate::functions::oas::is_root_member;
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};

crate::declare_function! {
    /// A prefix shared by all paths could move to the server URLs (Zally's rule
    /// H001).
    ///
    /// # What it does
    ///
    /// Applied to the `paths` object, computes the longest prefix of whole
    /// segments that all paths share, stopping at the first `{variable}`
    /// segment (Zally's `findCommonPrefix`). With at least two paths and a
    /// non-empty prefix it reports, at `paths`: `All paths start with prefix
    /// '/api' which could be part of servers' urls.` (OpenAPI 3) or `… which
    /// could be part of basePath.` (Swagger 2.0). Members that are not paths
    /// (`x-…` extensions) are ignored. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// A prefix that every path repeats (`/api/v1/…`) is the API's base path:
    /// written once in the server URLs (or Swagger's `basePath`) it keeps the
    /// paths short and lets a deployment move the API without editing them.
    /// Zally's H001 gives this hint.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   H001:
    ///     title: Base path can be extracted
    ///     description: A prefix that all paths share could be part of the server URLs (or `basePath`).
    ///     message: "{{error}}"
    ///     severity: hint
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#h001-base-path-can-be-extracted
    ///     given: $.paths
    ///     then:
    ///       function: extractBasePath
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /shop/pets:
    ///     get:
    ///       responses: {"200": {description: OK}}
    ///   /shop/orders:
    ///     get:
    ///       responses: {"200": {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// servers:
    ///   - url: https://api.example.com/shop
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {"200": {description: OK}}
    ///   /orders:
    ///     get:
    ///       responses: {"200": {description: OK}}
    /// ```
    #[function("extractBasePath")]
    pub(crate) struct ExtractBasePath;
}

/// The common leading segments of two paths, joined by `/`.
fn common_prefix(a: &str, b: &str) -> String {
    a.split('/')
        .zip(b.split('/'))
        .take_while(|(x, y)| !x.starts_with('{') && x == y)
        .map(|(x, _)| x)
        .collect::<Vec<_>>()
        .join("/")
}

impl NativeFunction for ExtractBasePath {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(ExtractBasePath)
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        let keys: Vec<&str> = paths
            .entries()
            .map(|(k, _)| k)
            .filter(|k| !k.starts_with("x-"))
            .collect();
        if keys.len() < 2 {
            return;
        }
        let prefix = keys[1..]
            .iter()
            .fold(keys[0].to_string(), |acc, k| common_prefix(&acc, k));
        if prefix.is_empty() {
            return;
        }
        let target = match ctx.format {
            SpecFormat::Swagger2 => "basePath",
            _ => "servers' urls",
        };
        out.push(Outcome::new(format!(
            "All paths start with prefix '{prefix}' which could be part of {target}."
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_prefixes() {
        assert_eq!(common_prefix("/a/b/c", "/a/b/d"), "/a/b");
        assert_eq!(common_prefix("/a", "/b"), "");
    }
}
