use super::super::{Context, Input, NativeFunction, Outcome};
use super::is_plain_object;
use crate::tree::Value;
use crate::workspace::Cursor;
use serde::Deserialize;

/// The options of [`ServerVariables`].
#[derive(Deserialize, schemars::JsonSchema, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// Also substitute each combination of the variables' values (their
    /// `enum`, else their `default`) into the URL and report those that
    /// are not valid absolute URLs.
    #[serde(default)]
    check_substitutions: bool,
    /// Also report each used variable without a `default`.
    #[serde(default)]
    require_default: bool,
}

crate::declare_function! {
    /// A server's URL variables must be defined, used and valid.
    ///
    /// # What it does
    ///
    /// Applied to a Server Object (`servers[*]`, or a Link Object's
    /// `server`), reports:
    ///
    /// - each variable defined in `variables` that the `url` does not use,
    ///   at the variable;
    /// - the `{name}`s of the `url` that `variables` does not define, in one
    ///   finding at `variables`;
    /// - a variable's `default` that is not in its `enum`;
    /// - with `requireDefault`, a used variable without a `default`;
    /// - with `checkSubstitutions`, the URLs made by substituting every
    ///   combination of the values (`enum`, else `default`) that are not
    ///   valid absolute URLs (the first five).
    ///
    /// A server that is not an object with a string `url` and well-formed
    /// `variables` (each an object of `enum`, a list of strings, and string
    /// `default`, `description` and `examples`, plus `x-` extensions) gives
    /// one finding, `Invalid Server Object`. Spectral's `serverVariables`.
    ///
    /// # Why
    ///
    /// Clients build the base URL from the variables: an undefined one stays
    /// as `{name}` in every request, an unused one is a setting that does
    /// nothing, and a default outside the enum is a value the server says it
    /// does not accept.
    ///
    /// # Options
    ///
    /// - `checkSubstitutions` (boolean, default false): also check the
    ///   substituted URLs.
    /// - `requireDefault` (boolean, default false): also require a
    ///   `default` for each used variable.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas3-server-variables:
    ///     description: Server variables must be defined and valid and there must be no unused variables.
    ///     message: "{{error}}"
    ///     given: $.servers[*]
    ///     then:
    ///       function: serverVariables
    ///       functionOptions:
    ///         checkSubstitutions: true
    ///         requireDefault: true
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// servers:
    ///   - url: https://{region}.example.com/{version}
    ///     variables:
    ///       region: {enum: [eu, us], default: asia}
    /// paths: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// servers:
    ///   - url: https://{region}.example.com
    ///     variables:
    ///       region: {enum: [eu, us], default: eu}
    /// paths: {}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and messages. Whether a substituted URL is valid is
    /// decided by a check of the WHATWG URL rules that Spectral's `new
    /// URL()` applies (a scheme; for `http`, `https`, `ws`, `wss` and `ftp`
    /// a host without forbidden characters and a port up to 65535), not by
    /// a full URL parser: international domain names that fail IDNA
    /// processing and malformed IPv4 or IPv6 hosts may be accepted.
    #[function("serverVariables")]
    pub(crate) struct ServerVariables {
        check_substitutions: bool,
        require_default: bool,
    }
}

impl NativeFunction for ServerVariables {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(ServerVariables {
            check_substitutions: o.check_substitutions,
            require_default: o.require_default,
        })
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let server = input.cursor();
        let Some((server, url)) = server.filter(|s| is_valid_server(s)).and_then(|s| {
            let url = s.get("url")?.as_str()?;
            Some((s, url))
        }) else {
            out.push(Outcome::new("Invalid Server Object"));
            return;
        };
        let found = url_variables(url);
        let variables = server.get("variables");
        let defined: Vec<&str> = variables
            .iter()
            .flat_map(|v| super::super::oas::keys(v).collect::<Vec<_>>())
            .collect();
        let at = |rest: &[&str]| {
            let mut path = vec!["variables".to_string()];
            path.extend(rest.iter().map(|s| s.to_string()));
            path
        };
        for name in defined.iter().filter(|d| !found.contains(d)) {
            out.push(
                Outcome::new(format!(
                    "Server's \"variables\" object has unused defined \"{name}\" url variable."
                ))
                .at(at(&[name])),
            );
        }
        if found.is_empty() {
            return;
        }
        let missing: Vec<&str> = found
            .iter()
            .copied()
            .filter(|f| !defined.contains(f))
            .collect();
        if !missing.is_empty() {
            out.push(
                Outcome::new(format!(
                    "Not all server's variables are described with \"variables\" object. Missed: {}.",
                    missing.join(", ")
                ))
                .at(at(&[])),
            );
        }
        let Some(variables) = variables else {
            return;
        };
        let mut values: Vec<(&str, Vec<&str>)> = Vec::new();
        for (name, variable) in variables.entries() {
            if !found.contains(&name) {
                continue;
            }
            let default = variable.get("default").and_then(|d| d.as_str());
            if let Some(options) = variable.get("enum") {
                let options: Vec<&str> = options.items().filter_map(|o| o.as_str()).collect();
                if default.is_some_and(|d| !options.contains(&d)) {
                    out.push(
                        Outcome::new(format!(
                            "Server Variable \"{name}\" has a default not listed in the enum."
                        ))
                        .at(at(&[name, "default"])),
                    );
                }
                values.push((name, options));
            } else {
                values.push((name, default.into_iter().collect()));
            }
            if default.is_none() && self.require_default {
                out.push(
                    Outcome::new(format!("Server Variable \"{name}\" has a missing default."))
                        .at(at(&[name])),
                );
            }
        }
        if self.check_substitutions && !values.is_empty() {
            let invalid = invalid_substitutions(url, &values, 5);
            if invalid.len() == 5 {
                out.push(
                    Outcome::new(format!(
                        "At least 5 substitutions of server variables resulted in invalid URLs: {} and more",
                        invalid.join(", ")
                    ))
                    .at(at(&[])),
                );
            } else if !invalid.is_empty() {
                out.push(
                    Outcome::new(format!(
                        "A few substitutions of server variables resulted in invalid URLs: {}",
                        invalid.join(", ")
                    ))
                    .at(at(&[])),
                );
            }
        }
    }
}

/// Whether `server` has the shape Spectral validates before checking it.
fn is_valid_server(server: &Cursor<'_>) -> bool {
    if !is_plain_object(server) || server.get("url").and_then(|u| u.as_str()).is_none() {
        return false;
    }
    let Some(variables) = server.get("variables") else {
        return true;
    };
    if !is_plain_object(&variables) {
        return false;
    }
    variables.entries().all(|(_, variable)| {
        is_plain_object(&variable)
            && variable.entries().all(|(key, value)| match key {
                "enum" => {
                    matches!(value.value(), Value::Array(_))
                        && value.items().all(|i| i.as_str().is_some())
                }
                "default" | "description" | "examples" => value.as_str().is_some(),
                other => other.starts_with("x-"),
            })
    })
}

/// The variable names a server URL uses, in order, repeats included:
/// each `{` up to the next `}` on the same line, with at least one
/// character between.
fn url_variables(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let mut chars = after.char_indices();
        let first = chars.next();
        let end = match first {
            Some((_, c)) if !is_line_break(c) => chars
                .take_while(|&(_, c)| !is_line_break(c))
                .find(|&(_, c)| c == '}')
                .map(|(i, _)| i),
            _ => None,
        };
        match end {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => rest = after,
        }
    }
    out
}

/// The characters JavaScript's `.` does not match.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The URLs made by substituting each combination of `values` (in order:
/// the first variable's values vary slowest) that are not valid, at most
/// `limit` of them. A variable with no values makes no URL at all.
fn invalid_substitutions(url: &str, values: &[(&str, Vec<&str>)], limit: usize) -> Vec<String> {
    let mut invalid = Vec::new();
    let mut stack: Vec<(usize, String)> = vec![(0, url.to_string())];
    // Depth first, in order: push the values of each level in reverse.
    while let Some((level, text)) = stack.pop() {
        if level == values.len() {
            if !is_valid_absolute_url(&text) {
                invalid.push(text);
                if invalid.len() == limit {
                    break;
                }
            }
            continue;
        }
        let (name, options) = &values[level];
        let template = format!("{{{name}}}");
        for value in options.iter().rev() {
            stack.push((level + 1, text.replace(&template, &encode_uri(value))));
        }
    }
    invalid
}

/// JavaScript's `encodeURI`: percent-encodes UTF-8 bytes except letters,
/// digits and `;,/?:@&=+$-_.!~*'()#`.
fn encode_uri(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() || ";,/?:@&=+$-_.!~*'()#".contains(ch) {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The schemes the WHATWG URL standard gives an authority with a host.
const SPECIAL_SCHEMES: [&str; 5] = ["http", "https", "ws", "wss", "ftp"];

/// Whether `new URL(text)` (no base) would accept `text`, by the WHATWG
/// URL rules that matter for server URLs.
fn is_valid_absolute_url(text: &str) -> bool {
    let text: String = text
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = text.find(':') else {
        return false;
    };
    let scheme = &text[..colon];
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    let scheme = scheme.to_ascii_lowercase();
    let rest = &text[colon + 1..];
    let special = SPECIAL_SCHEMES.contains(&scheme.as_str());
    let authority = if special {
        rest.trim_start_matches(['/', '\\'])
    } else if let Some(after) = rest.strip_prefix("//") {
        after
    } else {
        // `mailto:x`, `file:` and other URLs without an authority.
        return true;
    };
    let end = authority
        .find(|c: char| matches!(c, '/' | '?' | '#') || (special && c == '\\'))
        .unwrap_or(authority.len());
    let authority = &authority[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match host_port.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, after)) => {
                if address.is_empty()
                    || !address
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
                {
                    return false;
                }
                match after {
                    "" => (address, None),
                    p => match p.strip_prefix(':') {
                        Some(port) => (address, Some(port)),
                        None => return false,
                    },
                }
            }
            None => return false,
        },
        None => match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        },
    };
    if let Some(port) = port {
        let valid_port = port.is_empty()
            || (port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| p <= 65535));
        if !valid_port {
            return false;
        }
    }
    if host_port.starts_with('[') {
        return true;
    }
    if special && host.is_empty() {
        return false;
    }
    let forbidden = |c: char| {
        c <= ' '
            || matches!(
                c,
                '#' | '/' | ':' | '<' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '|' | '\u{7f}'
            )
            || (special && c == '%')
    };
    let decoded = crate::workspace::percent_decode(host);
    let checked = if special { decoded.as_str() } else { host };
    !checked.chars().any(forbidden) && (!special || ipv4_ok(checked))
}

/// A host whose last label is a number is an IPv4 address, which must be
/// one (`1.2.3.999` is not a valid host).
fn ipv4_ok(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let parts: Vec<&str> = host.split('.').collect();
    let number = |p: &str| -> Option<u64> {
        if let Some(hex) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            return if hex.is_empty() {
                Some(0)
            } else {
                u64::from_str_radix(hex, 16).ok()
            };
        }
        if p.len() > 1 && p.starts_with('0') {
            return u64::from_str_radix(&p[1..], 8).ok();
        }
        (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let last = parts.last().copied().unwrap_or_default();
    let last_is_number = !last.is_empty()
        && (last.bytes().all(|b| b.is_ascii_digit())
            || ((last.starts_with("0x") || last.starts_with("0X"))
                && last[2..].bytes().all(|b| b.is_ascii_hexdigit())));
    if !last_is_number {
        return true;
    }
    if parts.len() > 4 {
        return false;
    }
    let Some(numbers) = parts
        .iter()
        .map(|p| number(p))
        .collect::<Option<Vec<u64>>>()
    else {
        return false;
    };
    let (head, tail) = numbers.split_at(numbers.len() - 1);
    head.iter().all(|&n| n <= 255) && tail[0] < 256u64.pow(5 - numbers.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_read_as_spectral_reads_them() {
        assert_eq!(url_variables("https://{a}.x/{b}/{a}"), ["a", "b", "a"]);
        assert_eq!(url_variables("https://x/{}/{{c}"), ["}/{{c"]);
        assert_eq!(url_variables("{open"), Vec::<&str>::new());
    }

    #[test]
    fn urls_are_checked_as_new_url_does() {
        for ok in [
            "https://api.example.com/v1",
            "http://localhost:8080",
            "https:///v1",
            "https://{region}.example.com",
            "ws://[::1]:80/x",
            "mailto:someone",
            "custom://",
            "https://1.2.3.4",
            "https://exa_mple.com",
        ] {
            assert!(is_valid_absolute_url(ok), "{ok}");
        }
        for bad in [
            "/v1",
            "api.example.com",
            "https://",
            "https://host:99999",
            "https://ho st",
            "https://a%20b",
            "1http://x",
            "https://1.2.3.999",
        ] {
            assert!(!is_valid_absolute_url(bad), "{bad}");
        }
        assert_eq!(encode_uri("a b/é"), "a%20b/%C3%A9");
    }

    #[test]
    fn substitutions_vary_the_last_variable_fastest() {
        let values = [("a", vec!["1", "2"]), ("b", vec!["x", "y"])];
        let all = invalid_substitutions("{a}{b}", &values, 10);
        assert_eq!(all, ["1x", "1y", "2x", "2y"]);
    }
}
