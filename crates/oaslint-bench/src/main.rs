//! `cargo run --release -p oaslint-bench -- [DIR] [--runs N] [--ruleset NAME]`
//!
//! For every spec in DIR (default `../shared/corpus`), measures in a fresh
//! child process (so peak RSS is per file):
//! - parse: text → tree (best of N runs);
//! - lint: parse + `$ref` loading + every rule of the ruleset (best of N);
//! - peak RSS (`VmHWM`) of the child after one lint, before the timed runs.
//!
//! Prints a Markdown table for `docs/benchmarks.md`.
//!
//! `--diff FILE [RUNS]`: the comparison of two versions (`oaslint::diff`):
//! FILE against a copy with a few dozen edits (paths removed, types and
//! formats changed, properties renamed), best of RUNS for loading each
//! version and for the comparison.
//!
//! `--diff-copy FILE OUT`: writes that edited copy of FILE to OUT, for
//! timing `oaslint diff FILE OUT` (and other tools) on the same pair.
//!
//! `--jsonpath FILE [RUNS]`: our JSONPath evaluator on a JSON spec, query by
//! query, next to `serde_json_path` (best of RUNS); and its `$..` queries
//! one by one against one shared walk (`Evaluator::query_many`).

use oaslint::{Document, FunctionRegistry, Limits, Linter, MemoryResolver, RulesetLoader};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--one") {
        let path = PathBuf::from(&args[2]);
        let runs: usize = args[3].parse().expect("runs");
        let ruleset = &args[4];
        measure_one(&path, runs, ruleset);
        return;
    }
    if args.get(1).map(String::as_str) == Some("--diff") {
        let path = PathBuf::from(args.get(2).expect("--diff FILE [RUNS]"));
        let runs: usize = args.get(3).map_or(5, |r| r.parse().expect("RUNS"));
        diff(&path, runs);
        return;
    }
    if args.get(1).map(String::as_str) == Some("--diff-copy") {
        let path = PathBuf::from(args.get(2).expect("--diff-copy FILE OUT"));
        let out = PathBuf::from(args.get(3).expect("--diff-copy FILE OUT"));
        let text = std::fs::read_to_string(&path).expect("read spec");
        std::fs::write(&out, edited(&text)).expect("write the edited copy");
        return;
    }
    if args.get(1).map(String::as_str) == Some("--jsonpath") {
        let path = PathBuf::from(args.get(2).expect("--jsonpath FILE [RUNS]"));
        let runs: usize = args.get(3).map_or(5, |r| r.parse().expect("RUNS"));
        jsonpath(&path, runs);
        return;
    }
    let mut dir = PathBuf::from("../shared/corpus");
    let mut runs = 5usize;
    let mut ruleset = "zalando".to_string();
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--runs" => {
                runs = args[i + 1].parse().expect("--runs N");
                i += 1;
            }
            "--ruleset" => {
                ruleset = args[i + 1].clone();
                i += 1;
            }
            d => dir = PathBuf::from(d),
        }
        i += 1;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
    let me = std::env::current_exe().expect("own path");
    println!("| file | size | parse (best of {runs}) | lint (best of {runs}) | lint / parse | findings | peak RSS | RSS / size |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for f in files {
        let out = Command::new(&me)
            .args(["--one", &f.to_string_lossy(), &runs.to_string(), &ruleset])
            .output()
            .expect("run child");
        if !out.status.success() {
            eprintln!("{}: {}", f.display(), String::from_utf8_lossy(&out.stderr));
            continue;
        }
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let v = f();
        best = best.min(start.elapsed());
        last = Some(v);
    }
    (best, last.expect("at least one run"))
}

fn measure_one(path: &Path, runs: usize, ruleset: &str) {
    let text: Arc<str> = std::fs::read_to_string(path).expect("read spec").into();
    let name = path
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .to_string();
    let registry = FunctionRegistry::default();
    // A ruleset file (no `extends` of other files) or a built-in name.
    let mut ruleset_files = MemoryResolver::new();
    if let Ok(text) = std::fs::read_to_string(ruleset) {
        ruleset_files.insert(ruleset, text);
    }
    let linter = Linter::new(
        RulesetLoader::new(&ruleset_files, &registry)
            .load(ruleset)
            .expect("ruleset"),
    );
    let files = MemoryResolver::new();
    // Peak memory of one lint, as the CLI does it, before any repetition.
    let report = linter.lint(&name, text.clone(), &files);
    assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
    let rss = peak_rss_kib();
    drop(report);
    let (parse, _) = best(runs, || {
        Document::parse(&name, text.clone(), &Limits::default()).expect("parses")
    });
    let (lint, report) = best(runs, || linter.lint(&name, text.clone(), &files));
    let size = text.len() as f64;
    println!(
        "| {name} | {:.1} MB | {:.1} ms | {:.1} ms | {:.2} | {} | {:.0} MB | {:.1}× |",
        size / 1e6,
        ms(parse),
        ms(lint),
        lint.as_secs_f64() / parse.as_secs_f64(),
        report.findings.len(),
        rss as f64 / 1024.0,
        rss as f64 * 1024.0 / size,
    );
}

/// The edits of `--diff`: each text replaced in its first `n` places. Made
/// for the GitHub description (`"/emojis"` is one of its paths), 36 edits.
const DIFF_EDITS: [(&str, &str, usize); 5] = [
    ("\"/emojis\": {", "\"/emojis-v2\": {", 1),
    ("\"/meta\": {", "\"/meta-v2\": {", 1),
    ("\"type\": \"integer\"", "\"type\": \"string\"", 12),
    ("\"format\": \"date-time\"", "\"format\": \"date\"", 12),
    ("\"node_id\": {", "\"node_identifier\": {", 10),
];

/// `text` with [`DIFF_EDITS`] applied.
fn edited(text: &str) -> String {
    let mut out = text.to_string();
    for (from, to, n) in DIFF_EDITS {
        out = out.replacen(from, to, n);
    }
    out
}

fn diff(path: &Path, runs: usize) {
    use oaslint::diff::{compare, Date, DiffOptions, Level, Version};
    let base_text: Arc<str> = std::fs::read_to_string(path).expect("read spec").into();
    let head_text: Arc<str> = edited(&base_text).into();
    let name = path.file_name().expect("file name").to_string_lossy();
    let files = MemoryResolver::new();
    let load = |text: &Arc<str>| {
        Version::load(&name, text.clone(), &files, &Limits::default()).expect("loads")
    };
    let (t_base, base) = best(runs, || load(&base_text));
    let (t_head, head) = best(runs, || load(&head_text));
    let options = DiffOptions::new(Date::new(2026, 6, 1).expect("a date"));
    let (t_compare, changes) = best(runs, || compare(&base, &head, &options));
    let (t_same, same) = best(runs, || compare(&base, &base, &options));
    assert!(
        same.is_empty(),
        "a version compared with itself has changes"
    );
    let count = |l: Level| changes.iter().filter(|c| c.level == l).count();
    println!(
        "{}: {:.1} MB, best of {runs}\n\n| step | time |\n|---|---:|\n| load base (parse + `$ref`s) | {:.1} ms |\n| load HEAD | {:.1} ms |\n| compare | {:.1} ms |\n| compare with itself | {:.1} ms |\n| total (load both + compare) | {:.1} ms |\n\n{} changes: {} breaking, {} warning, {} info; peak RSS {:.0} MB",
        path.display(),
        base_text.len() as f64 / 1e6,
        ms(t_base),
        ms(t_head),
        ms(t_compare),
        ms(t_same),
        ms(t_base + t_head + t_compare),
        changes.len(),
        count(Level::Breaking),
        count(Level::Warning),
        count(Level::Info),
        peak_rss_kib() as f64 / 1024.0,
    );
    let mut by_check: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in &changes {
        *by_check.entry(c.check).or_default() += 1;
    }
    println!("by check: {by_check:?}");
}

/// Queries of the kinds rulesets use, on the unresolved and resolved view.
const QUERIES: [&str; 10] = [
    "$..properties[*]",
    "$..description",
    "$.paths[*][*]",
    "$..parameters[*]",
    "$..[?@.type == 'object']",
    "$.paths[*][*].responses[?!@.description]",
    "$..properties[*]~",
    "$..[?(@property === '$ref')]",
    "$..*",
    "$..responses[*]",
];

fn jsonpath(path: &Path, runs: usize) {
    use oaslint::internals::{Evaluator, JsonPath, Workspace};
    let text = std::fs::read_to_string(path).expect("read spec");
    let value: serde_json::Value = serde_json::from_str(&text).expect("a JSON spec");
    let raw = Workspace::single(Document::from_json("api.json", &value));
    let resolved = Workspace::load(
        Document::from_json("api.json", &value),
        &MemoryResolver::new(),
        &Limits::default(),
    );
    println!(
        "{}: {} bytes, {} nodes, {} resolved `$ref`s; best of {runs}\n",
        path.display(),
        text.len(),
        raw.tree(0).len(),
        resolved.refs().count()
    );
    println!("| query | matches | ours | ours + pointers | ours, resolved | serde_json_path | serde_json_path + pointers |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let tree = raw.tree(0);
    for q in QUERIES {
        let ours = JsonPath::parse(q).expect("our syntax");
        let view = raw.view(false);
        let (t, n) = best(runs, || ours.query(&view, view.root()).len());
        let (t_ptr, _) = best(runs, || {
            ours.query(&view, view.root())
                .iter()
                .map(|m| tree.pointer(m.loc.node))
                .collect::<Vec<_>>()
        });
        let rview = resolved.view(true);
        let (t_res, _) = best(runs, || ours.query(&rview, rview.root()).len());
        // serde_json_path knows RFC 9535 only (no `~`, no `@property`).
        let (sjp, sjp_ptr) = match serde_json_path::JsonPath::parse(q) {
            Ok(p) => (
                format!("{:.2} ms", ms(best(runs, || p.query(&value).len()).0)),
                format!(
                    "{:.2} ms",
                    ms(best(runs, || {
                        p.query_located(&value)
                            .iter()
                            .map(|n| n.location().to_json_pointer())
                            .collect::<Vec<_>>()
                    })
                    .0)
                ),
            ),
            Err(_) => ("n/a".into(), "n/a".into()),
        };
        println!(
            "| `{q}` | {n} | {:.2} ms | {:.2} ms | {:.2} ms | {sjp} | {sjp_ptr} |",
            ms(t),
            ms(t_ptr),
            ms(t_res)
        );
    }
    let many: Vec<JsonPath> = QUERIES
        .iter()
        .filter(|q| q.starts_with("$.."))
        .map(|q| JsonPath::parse(q).expect("our syntax"))
        .collect();
    let refs: Vec<&JsonPath> = many.iter().collect();
    for (name, ws, resolved) in [("unresolved", &raw, false), ("resolved", &resolved, true)] {
        let view = ws.view(resolved);
        let ev = Evaluator::new(view);
        let (one_by_one, n) = best(runs, || {
            refs.iter()
                .map(|p| ev.query(p, view.root()).len())
                .sum::<usize>()
        });
        let (shared, _) = best(runs, || {
            ev.query_many(&refs, view.root())
                .iter()
                .map(Vec::len)
                .sum::<usize>()
        });
        println!(
            "\n{} `$..` queries, {name}: one by one {:.2} ms, in one walk (`query_many`) {:.2} ms ({n} matches)",
            refs.len(),
            ms(one_by_one),
            ms(shared)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Peak resident set size of this process in KiB (Linux `VmHWM`).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
