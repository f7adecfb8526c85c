//! Links from a comment to a file and line at the pull request's source
//! commit, from the CI environment.
//!
//! - GitHub Actions: `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`; the
//!   commit is the pull request's head (`pull_request.head.sha` of the
//!   event payload at `GITHUB_EVENT_PATH`), else `GITHUB_SHA` →
//!   `<server>/<owner/name>/blob/<sha>/<path>#L<line>`.
//! - Azure Pipelines: `BUILD_REPOSITORY_URI` and
//!   `SYSTEM_PULLREQUEST_SOURCECOMMITID` →
//!   `<repository URI>?path=/<path>&version=GC<sha>&line=<line>` (a GitHub
//!   repository built by Azure Pipelines gets GitHub's form).
//!
//! The variables are checked before use: a pull request cannot set them,
//! but a hostile value must never turn into a link somewhere else. Only
//! `http`/`https` URLs of plain host names are taken, without user
//! information (Azure Repos puts `org@` in the URI: it is dropped), the
//! commit must be 40 or 64 hex digits and the repository `owner/name`.
//! Any value that fails a check: no links at all. The path is the file's
//! path in the repository, each segment percent-encoded; files outside the
//! repository and standard input get no link.

use crate::env::Env;
use std::io::Read;

/// The most of the GitHub event payload read (a pull request's payload is
/// a few hundred kilobytes at most).
const EVENT_PAYLOAD_CAP: u64 = 16 << 20;

/// Where links point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    host: Host,
    /// The commit, lower-case hex.
    sha: String,
    /// The working directory in the repository, `/`-joined segments.
    cwd: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Host {
    /// `<base>/blob/<sha>/<path>#L<line>`; `base` is `server/owner/name`.
    Github { base: String },
    /// `<uri>?path=/<path>&version=GC<sha>&line=<line>`.
    Azure { uri: String },
}

impl Links {
    /// The links the CI environment `env` allows, for a run whose working
    /// directory is `cwd_in_repository` in the repository (`None`: not in
    /// a repository, so no links).
    pub fn from_env(env: &Env, cwd_in_repository: Option<&str>) -> Option<Links> {
        let cwd = split_relative(cwd_in_repository?)?;
        if let (Some(server), Some(repo)) = (
            env.non_empty("GITHUB_SERVER_URL"),
            env.non_empty("GITHUB_REPOSITORY"),
        ) {
            let server = http_url(server)?;
            if !owner_and_name(repo) {
                return None;
            }
            let sha = env
                .non_empty("GITHUB_EVENT_PATH")
                .and_then(pull_request_head)
                .or_else(|| env.non_empty("GITHUB_SHA").map(str::to_string))
                .and_then(|s| commit(&s))?;
            return Some(Links {
                host: Host::Github {
                    base: format!("{server}/{repo}"),
                },
                sha,
                cwd,
            });
        }
        let uri = http_url(env.non_empty("BUILD_REPOSITORY_URI")?)?;
        let sha = commit(env.non_empty("SYSTEM_PULLREQUEST_SOURCECOMMITID")?)?;
        // Azure Pipelines building a GitHub repository: GitHub's links.
        let host = match uri.strip_prefix("https://github.com/") {
            Some(repo) if owner_and_name(repo.trim_end_matches(".git")) => Host::Github {
                base: uri.trim_end_matches(".git").to_string(),
            },
            _ => Host::Azure { uri },
        };
        Some(Links { host, sha, cwd })
    }

    /// The link to `line` of `file` (named as reports name files: relative
    /// to the working directory), if the file is in the repository.
    pub fn to(&self, file: &str, line: u32) -> Option<String> {
        if file.is_empty() || file.starts_with('<') || is_absolute(file) {
            return None;
        }
        let mut path = self.cwd.clone();
        for segment in file.split(separator) {
            match segment {
                "" | "." => {}
                ".." => {
                    // Above the repository's root: not in it.
                    path.pop()?;
                }
                s => path.push(s.to_string()),
            }
        }
        if path.is_empty() {
            return None;
        }
        let path: Vec<String> = path.iter().map(|s| percent_encode(s)).collect();
        let path = path.join("/");
        let line = line.max(1);
        Some(match &self.host {
            Host::Github { base } => format!("{base}/blob/{}/{path}#L{line}", self.sha),
            Host::Azure { uri } => {
                format!("{uri}?path=/{path}&version=GC{}&line={line}", self.sha)
            }
        })
    }
}

fn separator(c: char) -> bool {
    c == '/' || (cfg!(windows) && c == '\\')
}

fn is_absolute(file: &str) -> bool {
    std::path::Path::new(file).is_absolute() || file.starts_with('/')
}

/// `a/b` → `["a", "b"]`; `""` → `[]`; `None` for `..` or absolute paths.
fn split_relative(path: &str) -> Option<Vec<String>> {
    if is_absolute(path) {
        return None;
    }
    let mut out = Vec::new();
    for segment in path.split(separator) {
        match segment {
            "" | "." => {}
            ".." => return None,
            s => out.push(s.to_string()),
        }
    }
    Some(out)
}

/// `pull_request.head.sha` of the GitHub event payload at `path`.
fn pull_request_head(path: &str) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut text = Vec::new();
    file.take(EVENT_PAYLOAD_CAP).read_to_end(&mut text).ok()?;
    let event: serde_json::Value = serde_json::from_slice(&text).ok()?;
    event
        .pointer("/pull_request/head/sha")?
        .as_str()
        .map(str::to_string)
}

/// The commit if it is 40 (SHA-1) or 64 (SHA-256) hex digits, lower-cased.
fn commit(sha: &str) -> Option<String> {
    let ok = matches!(sha.len(), 40 | 64) && sha.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| sha.to_ascii_lowercase())
}

/// `owner/name` of a GitHub repository.
fn owner_and_name(repo: &str) -> bool {
    let Some((owner, name)) = repo.split_once('/') else {
        return false;
    };
    let owner_ok = !owner.is_empty()
        && owner.len() <= 100
        && owner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let name_ok = !name.is_empty()
        && name.len() <= 100
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    owner_ok && name_ok
}

/// `url` without a trailing `/` and without user information, if it is an
/// `http`/`https` URL of a plain host (letters, digits, `.`, `-`, an
/// optional port) with a plain path (unreserved characters, `/`, valid
/// `%XX`), and no query or fragment.
fn http_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    // `org@dev.azure.com`: the user part is dropped.
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (name, port) = match host.split_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (host, None),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 253
        && !name.starts_with(['.', '-'])
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if !name_ok || !port_ok || !plain_path(path) {
        return None;
    }
    let path = path.trim_end_matches('/');
    Some(format!("{scheme}://{host}{path}"))
}

fn plain_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                i += 3;
                continue;
            }
            b if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') => {}
            _ => return false,
        }
        i += 1;
    }
    // No `..` segment: the link must stay below the repository's URL.
    !path.split('/').any(|s| s == ".." || s == ".")
}

/// Every byte but the unreserved characters as `%XX`.
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

    fn github(server: &str, repo: &str, sha: &str) -> Env {
        Env::empty()
            .with("GITHUB_SERVER_URL", server)
            .with("GITHUB_REPOSITORY", repo)
            .with("GITHUB_SHA", sha)
    }

    #[test]
    fn github_links_name_the_file_at_the_commit() {
        let links = Links::from_env(&github("https://github.com", "acme/apis", SHA), Some(""))
            .expect("links");
        assert_eq!(
            links.to("apis/orders/openapi.yaml", 12).as_deref(),
            Some(
                "https://github.com/acme/apis/blob/0123456789abcdef0123456789abcdef01234567/apis/orders/openapi.yaml#L12"
            )
        );
        // Paths are relative to the repository's root, segments encoded.
        let links = Links::from_env(
            &github("https://github.com/", "acme/apis", SHA),
            Some("sub"),
        )
        .unwrap();
        assert_eq!(
            links.to("./a b/../c#d.yaml", 1).as_deref(),
            Some(&*format!(
                "https://github.com/acme/apis/blob/{SHA}/sub/c%23d.yaml#L1"
            ))
        );
        assert_eq!(links.to("../../x.yaml", 1), None);
        assert_eq!(links.to("<stdin>", 1), None);
        assert_eq!(links.to("/etc/x.yaml", 1), None);
    }

    #[test]
    fn azure_links_use_the_query_form() {
        let env = Env::empty()
            .with(
                "BUILD_REPOSITORY_URI",
                "https://acme@dev.azure.com/acme/Api%20Platform/_git/apis",
            )
            .with("SYSTEM_PULLREQUEST_SOURCECOMMITID", SHA);
        let links = Links::from_env(&env, Some("")).unwrap();
        assert_eq!(
            links.to("apis/ä.yaml", 3).as_deref(),
            Some(&*format!(
                "https://dev.azure.com/acme/Api%20Platform/_git/apis?path=/apis/%C3%A4.yaml&version=GC{SHA}&line=3"
            ))
        );
    }

    #[test]
    fn hostile_values_make_no_link() {
        let bad = [
            github("javascript:alert(1)//", "acme/apis", SHA),
            github("https://github.com", "acme/apis/../x", SHA),
            github("https://github.com", "acme", SHA),
            github("https://github.com", "acme/a)b", SHA),
            github("https://github.com", "acme/apis", "main"),
            github("https://github.com", "acme/apis", &SHA[..39]),
            github("https://gith ub.com", "acme/apis", SHA),
            github("https://github.com/x?y", "acme/apis", SHA),
            github("https://github.com/../x", "acme/apis", SHA),
            github("https://github.com)[x](y", "acme/apis", SHA),
            Env::empty()
                .with("BUILD_REPOSITORY_URI", "file:///etc/passwd")
                .with("SYSTEM_PULLREQUEST_SOURCECOMMITID", SHA),
            Env::empty()
                .with("BUILD_REPOSITORY_URI", "https://dev.azure.com/a/_git/b")
                .with("SYSTEM_PULLREQUEST_SOURCECOMMITID", "$(x)"),
        ];
        for env in bad {
            assert_eq!(Links::from_env(&env, Some("")), None, "{env:?}");
        }
        // Not in a repository: no links.
        let env = github("https://github.com", "acme/apis", SHA);
        assert_eq!(Links::from_env(&env, None), None);
    }

    #[test]
    fn the_event_payload_names_the_head_commit() {
        let dir = tempfile::tempdir().unwrap();
        let event = dir.path().join("event.json");
        let head = "fedcba9876543210fedcba9876543210fedcba98";
        std::fs::write(
            &event,
            format!("{{\"pull_request\": {{\"head\": {{\"sha\": \"{head}\"}}}}}}"),
        )
        .unwrap();
        let env = github("https://github.com", "acme/apis", SHA)
            .with("GITHUB_EVENT_PATH", event.to_str().unwrap());
        let links = Links::from_env(&env, Some("")).unwrap();
        assert!(links.to("a.yaml", 1).unwrap().contains(head));
    }
}
