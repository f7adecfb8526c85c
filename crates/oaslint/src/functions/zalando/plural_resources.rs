use super::super::{Context, Input, NativeFunction, Outcome};
use super::plural_names::default_whitelist;
use crate::functions::oas::zally::{is_path_variable, is_plural};
use crate::js_regex::JsPattern;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    #[serde(default = "default_path_whitelist")]
    path_whitelist: Vec<String>,
    #[serde(default = "default_whitelist")]
    whitelist: Vec<String>,
}

fn default_path_whitelist() -> Vec<String> {
    vec!["/api/".into(), "/kpis/".into()]
}

/// The most segments of one path reported one by one; the rest are
/// counted in one more finding. Every finding carries the path in its
/// pointer, so one finding per segment of an 80 KB path key made the
/// report quadratic in the path's length (the corpus has at most 10
/// segments in a path).
const MAX_SEGMENT_FINDINGS: usize = 16;

crate::declare_function! {
    /// Resource names in paths must be plurals
    /// (Zalando 134).
    ///
    /// # What it does
    ///
    /// Tests a path key (`given: $.paths[*]~`), as Zally does: the path is
    /// wrapped in slashes, every match of a `pathWhitelist` pattern is replaced
    /// by `/`, and each remaining segment that is not a `{variable}` and not a
    /// plural English noun is reported: `Resource '<segment>' appears to be
    /// singular`, one finding per segment for the first 16 and then one
    /// finding for the rest (`<n> more resources in this path appear to be
    /// singular`: each finding carries the path in its pointer, so a finding
    /// per segment of a huge path key is quadratic). Each finding's range is
    /// its segment in the key, so a path naming the same singular resource
    /// twice (`/item/{id}/item`) has two findings. A word counts as plural when it is
    /// in `whitelist` or pluralising it changes nothing (`cruet`, looking at the
    /// last word of a `kebab-case` segment).
    ///
    /// # Why
    ///
    /// A resource path names a collection (`/orders/{id}` is one of the
    /// orders); plural names make that structure readable and consistent across
    /// APIs.
    ///
    /// # Options
    ///
    /// - `pathWhitelist` (list of regular expressions, default Zally's
    ///   `[/api/, /kpis/]`): parts of paths that are not resources.
    /// - `whitelist` (list of strings, default Zally's `[vat, apis, self]`):
    ///   words accepted as plural.
    ///
    /// For example `functionOptions: {pathWhitelist: [/api/, /kpis/, /health$]}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "134":
    ///     title: Pluralize resource names
    ///     description: Resource names (path segments that are not parameters) must be plurals.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $.paths[*]~
    ///     then:
    ///       function: zalandoPluralResources
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /order/{id}: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders/{id}: {}
    /// ```
    #[function("zalandoPluralResources")]
    pub(crate) struct PluralResources {
        path_whitelist: Vec<JsPattern>,
        whitelist: Vec<String>,
    }
}

/// Finds the segments left after whitelisting in the path as written, in
/// order, so that each finding points at its own segment (a path may name
/// the same singular resource twice).
struct SegmentFinder<'a> {
    path: &'a str,
    /// Where the search for the next segment starts.
    from: usize,
}

impl<'a> SegmentFinder<'a> {
    fn new(path: &'a str) -> Self {
        SegmentFinder { path, from: 0 }
    }

    /// The byte range of `segment` in the path: the next whole segment equal
    /// to it, else (a whitelist pattern cut a segment) the next occurrence
    /// of its text.
    fn next(&mut self, segment: &str) -> Option<std::ops::Range<usize>> {
        let rest = &self.path[self.from..];
        let mut offset = self.from;
        let mut whole = None;
        for part in rest.split('/') {
            if part == segment {
                whole = Some(offset);
                break;
            }
            offset += part.len() + 1;
        }
        let start = whole.or_else(|| rest.find(segment).map(|i| self.from + i))?;
        self.from = start + segment.len();
        Some(start..self.from)
    }
}

/// Collapses runs of `/` into one.
fn squash_slashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// Replaces every match of `re` in `s` by `/`.
/// A cut-off evaluation (see [`crate::js_regex`]) ends the replacing.
fn replace_all(re: &JsPattern, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut at = 0;
    while let Ok(Some(m)) = re.find_at(s, at) {
        if m.is_empty() {
            // Step over the character, as JavaScript's global matching does.
            match s[m.end..].chars().next() {
                Some(c) => at = m.end + c.len_utf8(),
                None => break,
            }
            continue;
        }
        out.push_str(&s[last..m.start]);
        out.push('/');
        last = m.end;
        at = m.end;
    }
    out.push_str(&s[last..]);
    out
}

impl NativeFunction for PluralResources {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        let path_whitelist = o
            .path_whitelist
            .iter()
            .map(|p| {
                JsPattern::new(p, "").map_err(|e| {
                    format!("`pathWhitelist` is not a valid regular expression: '{p}': {e}")
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(PluralResources {
            path_whitelist,
            whitelist: o.whitelist,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(path) = input.as_str() else { return };
        let before = out.len();
        let mut sanitized = squash_slashes(&format!("/{path}/"));
        for re in &self.path_whitelist {
            sanitized = replace_all(re, &sanitized);
        }
        let mut more = 0;
        let mut found = SegmentFinder::new(path);
        for segment in sanitized.split('/').filter(|s| !s.is_empty()) {
            if !is_path_variable(segment) && !is_plural(segment, &self.whitelist) {
                if out.len() - before < MAX_SEGMENT_FINDINGS {
                    let outcome =
                        Outcome::new(format!("Resource '{segment}' appears to be singular"));
                    out.push(match found.next(segment) {
                        Some(range) => outcome.within(range),
                        None => outcome,
                    });
                } else {
                    more += 1;
                }
            }
        }
        if more > 0 {
            out.push(Outcome::new(format!(
                "{more} more resources in this path appear to be singular"
            )));
        }
    }
}
