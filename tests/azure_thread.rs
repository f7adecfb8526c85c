//! The Azure DevOps pull-request thread against an API double: its status,
//! a reviewer's resolution kept.
//!
//! The double is a `TcpListener` on 127.0.0.1 that answers the three calls
//! of the template's "Post or update the pull-request thread" step
//! (`connectionData`, list threads, create/update a thread and its first
//! comment) and keeps one pull request's threads. The step's bash script
//! and its `THREAD_FILTER` are taken from `ci-templates/azure-pipelines.yml`
//! and run as the agent would, against the body `oaslint` wrote.

use oaslint_acceptance::{fixture, oaslint_in, template_values};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

const TEMPLATE: &str = "ci-templates/azure-pipelines.yml";

/// The build identity the double says the token belongs to.
const BUILD_IDENTITY: &str = "build-service-id";

/// A thread as the double keeps it.
#[derive(Debug, Clone)]
struct Thread {
    id: u64,
    status: String,
    content: String,
    author: String,
    properties: Value,
}

impl Thread {
    /// As Azure DevOps returns it: properties typed.
    fn to_json(&self) -> Value {
        let properties: serde_json::Map<String, Value> = self
            .properties
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| {
                (
                    k.clone(),
                    json!({"$type": "System.String", "$value": v.as_str().unwrap_or_default()}),
                )
            })
            .collect();
        json!({
            "id": self.id,
            "status": self.status,
            "isDeleted": false,
            "properties": properties,
            "comments": [{
                "id": 1,
                "content": self.content,
                "author": {"id": self.author},
            }],
        })
    }
}

/// The pull request's threads and the writes the step made.
#[derive(Debug, Default)]
struct State {
    threads: Vec<Thread>,
    /// `METHOD path` of each create or update.
    writes: Vec<String>,
}

/// An Azure DevOps REST API double for one pull request.
struct AzureDevops {
    url: String,
    state: Arc<Mutex<State>>,
}

impl AzureDevops {
    fn start() -> AzureDevops {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        // The thread ends with the test binary; each test has its own port.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = answer(stream, &shared);
            }
        });
        AzureDevops { url, state }
    }

    /// The status of our thread (the only one).
    fn status(&self) -> String {
        let state = self.state.lock().unwrap();
        assert_eq!(state.threads.len(), 1, "one thread: {state:?}");
        state.threads[0].status.clone()
    }

    /// A reviewer resolves the thread.
    fn resolve(&self, status: &str) {
        self.state.lock().unwrap().threads[0].status = status.to_string();
    }

    fn writes(&self) -> Vec<String> {
        self.state.lock().unwrap().writes.clone()
    }
}

const THREADS: &str = "/project-id/_apis/git/repositories/repo-id/pullRequests/7/threads";

/// Answers one HTTP/1.1 request and closes the connection.
fn answer(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut length = 0;
    let mut authorized = false;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? <= 2 {
            break;
        }
        let lower = header.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if lower.starts_with("authorization: bearer token") {
            authorized = true;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default();
    let path = target.split('?').next().unwrap_or_default().to_string();
    let mut state = state.lock().unwrap();
    let reply = if !authorized {
        None
    } else if method == "GET" && path == "/_apis/connectionData" {
        Some(json!({"authenticatedUser": {"id": BUILD_IDENTITY}}))
    } else if method == "GET" && path == THREADS {
        Some(json!({"value": state.threads.iter().map(Thread::to_json).collect::<Vec<_>>()}))
    } else if method == "POST" && path == THREADS {
        state.writes.push(format!("POST {path}"));
        let thread = Thread {
            id: state.threads.len() as u64 + 1,
            status: body["status"].as_str().unwrap_or("active").to_string(),
            content: body["comments"][0]["content"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            author: BUILD_IDENTITY.to_string(),
            properties: body["properties"].clone(),
        };
        let reply = thread.to_json();
        state.threads.push(thread);
        Some(reply)
    } else if method == "PATCH" {
        state.writes.push(format!("PATCH {path}"));
        let rest = path.strip_prefix(THREADS).unwrap_or_default();
        let ids: Vec<u64> = rest.split('/').filter_map(|p| p.parse().ok()).collect();
        let thread = state
            .threads
            .iter_mut()
            .find(|t| ids.first() == Some(&t.id));
        match (thread, rest.contains("/comments/")) {
            (Some(t), true) => {
                t.content = body["content"].as_str().unwrap_or_default().to_string();
                Some(json!({"id": 1}))
            }
            (Some(t), false) => {
                if let Some(s) = body["status"].as_str() {
                    t.status = s.to_string();
                }
                if body["properties"].is_object() {
                    t.properties = body["properties"].clone();
                }
                Some(t.to_json())
            }
            (None, _) => None,
        }
    } else {
        None
    };
    let mut stream = stream;
    let (status, text) = match reply {
        Some(v) => ("200 OK", v.to_string()),
        None => ("404 Not Found", "{\"message\": \"not found\"}".to_string()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

/// Whether bash, curl and jq are here; outside CI a test without them
/// checks nothing (in CI they must be).
fn tools_present() -> bool {
    let missing: Vec<&str> = ["bash", "curl", "jq"]
        .into_iter()
        .filter(|tool| {
            Command::new(tool)
                .arg("--version")
                .output()
                .map_or(true, |o| !o.status.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{missing:?} needed in CI to test the Azure DevOps thread step"
    );
    eprintln!("{missing:?} not installed: the thread step is not run");
    false
}

/// A pull request's checkout: the pinned starter ruleset and `spec.yaml`.
struct Checkout {
    dir: tempfile::TempDir,
}

impl Checkout {
    fn new() -> Checkout {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            fixture("rulesets/starter.yaml"),
            dir.path().join("starter.yaml"),
        )
        .unwrap();
        Checkout { dir }
    }

    /// Writes `spec.yaml` with `info.version: VERSION` and the given paths.
    fn spec(&self, version: &str, paths: &[&str]) {
        let mut spec = format!(
            "openapi: 3.0.3\ninfo:\n  title: Pets\n  description: d\n  version: {version}\n  \
             contact: {{name: n, url: 'https://x.example', email: a@x.example}}\npaths:\n"
        );
        if paths.is_empty() {
            spec.push_str("  {}\n");
        }
        for p in paths {
            spec.push_str(&format!("  {p}: {{}}\n"));
        }
        std::fs::write(self.dir.path().join("spec.yaml"), spec).unwrap();
    }

    /// The lint step (its thread body only), then the thread step against
    /// `api`; the lint's exit code.
    fn pipeline(&self, api: &AzureDevops) -> u8 {
        self.pipeline_with(api, &[])
    }

    /// [`Checkout::pipeline`] with more arguments for the lint step.
    fn pipeline_with(&self, api: &AzureDevops, more: &[&str]) -> u8 {
        let staging = self.dir.path().join("staging");
        let body = staging.join("oaslint/pr-thread.json");
        let mut args = vec![
            "lint",
            "-r",
            "starter.yaml",
            "-f",
            "azure-pr-thread",
            "-o",
            body.to_str().unwrap(),
            "spec.yaml",
        ];
        args.extend_from_slice(more);
        let out = oaslint_in(self.dir.path(), &args, "");
        assert!(out.code < 2, "{}", out.stderr);
        run_thread_step(&api.url, &staging);
        out.code
    }
}

/// Runs the template's thread step with the agent's variables.
fn run_thread_step(collection: &str, staging: &Path) {
    let script = template_values(TEMPLATE, "bash")
        .into_iter()
        .find(|s| s.contains("THREAD_FILTER"))
        .expect("the thread step");
    let filter = template_values(TEMPLATE, "THREAD_FILTER")
        .pop()
        .expect("THREAD_FILTER");
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SYSTEM_COLLECTIONURI", collection)
        .env("SYSTEM_TEAMPROJECTID", "project-id")
        .env("BUILD_REPOSITORY_ID", "repo-id")
        .env("SYSTEM_PULLREQUEST_PULLREQUESTID", "7")
        .env("SYSTEM_ACCESSTOKEN", "token")
        .env("BUILD_ARTIFACTSTAGINGDIRECTORY", staging)
        .env("THREAD_FILTER", filter)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "the thread step failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A MUST finding blocks the pull request: the thread is created active,
/// so "Check for comment resolution" holds the PR too.
#[test]
fn blocked_thread_is_active() {
    if !tools_present() {
        return;
    }
    let api = AzureDevops::start();
    let pr = Checkout::new();
    pr.spec("v1", &["/pets"]);
    assert_eq!(pr.pipeline(&api), 1);
    assert_eq!(api.status(), "active");
    assert_eq!(api.writes(), [format!("POST {THREADS}")]);
}

/// A reviewer resolves the thread as "won't fix"; the next run with the
/// same findings updates the comment but keeps the resolution.
#[test]
fn reviewer_wontfix_survives_unchanged_rerun() {
    if !tools_present() {
        return;
    }
    let api = AzureDevops::start();
    let pr = Checkout::new();
    pr.spec("v1", &["/pets"]);
    pr.pipeline(&api);
    api.resolve("wontFix");
    assert_eq!(pr.pipeline(&api), 1);
    assert_eq!(api.status(), "wontFix");
    let writes = api.writes();
    assert_eq!(writes.len(), 3, "{writes:?}");
    assert!(writes[1].ends_with("/threads/1/comments/1"), "{writes:?}");
}

/// Without a gate (`--fail-on none`) a MUST finding's thread is created
/// closed; a reviewer's "won't fix" then stays on an unchanged re-run, whose
/// own status would be `closed` again.
#[test]
fn reviewer_resolution_survives_an_unchanged_closed_rerun() {
    if !tools_present() {
        return;
    }
    let api = AzureDevops::start();
    let pr = Checkout::new();
    pr.spec("v1", &["/pets"]);
    assert_eq!(pr.pipeline_with(&api, &["--fail-on", "none"]), 0);
    assert_eq!(api.status(), "closed");
    api.resolve("wontFix");
    assert_eq!(pr.pipeline_with(&api, &["--fail-on", "none"]), 0);
    assert_eq!(api.status(), "wontFix");
}

/// New findings after a resolution re-open the thread.
#[test]
fn changed_findings_reopen() {
    if !tools_present() {
        return;
    }
    let api = AzureDevops::start();
    let pr = Checkout::new();
    pr.spec("v1", &["/pets"]);
    pr.pipeline(&api);
    api.resolve("byDesign");
    pr.spec("v1", &["/pets", "/Owners"]);
    assert_eq!(pr.pipeline(&api), 1);
    assert_eq!(api.status(), "active");
}

/// Fixing everything closes the active thread; a clean pull request
/// without a thread gets none.
#[test]
fn clean_run_closes_active_thread() {
    if !tools_present() {
        return;
    }
    let api = AzureDevops::start();
    let pr = Checkout::new();
    pr.spec("v1", &["/pets"]);
    pr.pipeline(&api);
    assert_eq!(api.status(), "active");
    pr.spec("1.0.0", &["/pets"]);
    assert_eq!(pr.pipeline(&api), 0);
    assert_eq!(api.status(), "closed");

    let quiet = AzureDevops::start();
    pr.pipeline(&quiet);
    assert!(quiet.writes().is_empty(), "{:?}", quiet.writes());
}
