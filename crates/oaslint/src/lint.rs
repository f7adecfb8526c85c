//! The engine: runs a ruleset over a workspace and builds the report.
//!
//! Every distinct `given` expression is evaluated once per view (raw or
//! resolved) and shared by all rules that use it; rules then apply their
//! `then` functions to the shared matches.

mod message;

use crate::document::{Document, SpecFormat, Text};
use crate::functions::{Context, Input, Outcome};
use crate::ignore::Ignores;
use crate::jsonpath::{Evaluator, JsonPath, Match};
use crate::parse::Limits;
use crate::report::{
    DocumentInfo, Finding, IgnoreSite, IgnoredFinding, Report, RulesetInfo, SpectralLocation,
    Truncation, DEFAULT_MAX_FINDINGS,
};
use crate::ruleset::{Field, FilePaths, Rule, Ruleset, Scopes};
use crate::severity::{RuleSeverity, Severity};
use crate::tree::{NodeId, Span, Value};
use crate::workspace::{Loc, Resolver, View, Workspace};
use rustc_hash::FxHashMap as HashMap;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Lints texts with one ruleset. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Linter {
    ruleset: Ruleset,
    limits: Limits,
    max_findings: usize,
    file_paths: FilePaths,
    threads: usize,
}

impl Linter {
    /// A linter for `ruleset`, with the default limits.
    pub fn new(ruleset: Ruleset) -> Linter {
        Linter {
            ruleset,
            limits: Limits::default(),
            max_findings: DEFAULT_MAX_FINDINGS,
            file_paths: FilePaths::default(),
            threads: 1,
        }
    }

    /// Runs the rules of each lint on up to `threads` threads (default 1:
    /// the calling thread only), each taking a contiguous share of the
    /// ruleset's rules; the report is the same as with one. Worth it for a
    /// single large document on an otherwise idle machine; a caller that
    /// lints many documents in parallel already keeps the cores busy.
    /// WebAssembly has no threads: there it is always 1.
    pub fn with_threads(mut self, threads: usize) -> Linter {
        self.set_threads(threads);
        self
    }

    /// [`Linter::with_threads`] on a linter already built.
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// Tells the engine where a linted document lies relative to the
    /// folder of a ruleset file, for the `files` globs of that file's
    /// `overrides` (the engine reads no file system, so it cannot know).
    ///
    /// `paths(ruleset_file, document)` gets the ruleset file's name as it
    /// was loaded (the `name` given to
    /// [`RulesetLoader::load_file`](crate::RulesetLoader::load_file), or a
    /// file it `extends`, joined to it) and a document's name as the
    /// report names it (the `file` given to [`Linter::lint`], or a `$ref`'d
    /// file relative to the same base). It returns the document's path
    /// relative to the folder holding the ruleset file, `/`-separated
    /// (e.g. `apis/orders/openapi.yaml`), or `None` when the document is
    /// not inside that folder: then none of that file's overrides applies
    /// to it. It is called at most once per document, per ruleset file
    /// with overrides and per lint, and never when the ruleset has no
    /// overrides.
    ///
    /// Without it the engine uses [`lexical_path`](crate::lexical_path),
    /// which compares the two names: right when both are relative to the
    /// same folder (or both absolute) and the ruleset name has no `..`.
    pub fn with_file_paths(
        mut self,
        paths: impl Fn(&str, &str) -> Option<String> + Send + Sync + 'static,
    ) -> Linter {
        self.file_paths = FilePaths(Arc::new(paths));
        self
    }

    /// Keeps at most `max` findings (and `max` ignored findings) per lint;
    /// the rest are only counted, by severity and rule, in
    /// [`Report::truncated`]. This bounds memory on documents with huge
    /// numbers of violations. Default [`DEFAULT_MAX_FINDINGS`].
    pub fn with_max_findings(mut self, max: usize) -> Linter {
        self.max_findings = max;
        self
    }

    /// The most findings one lint keeps.
    pub fn max_findings(&self) -> usize {
        self.max_findings
    }

    /// Replaces the parser's safety limits.
    pub fn with_limits(mut self, limits: Limits) -> Linter {
        self.limits = limits;
        self
    }

    /// The ruleset it lints with.
    pub fn ruleset(&self) -> &Ruleset {
        &self.ruleset
    }

    /// Lints the document `text` called `file`, reading `$ref`'d files
    /// through `resolver`. Problems with the input are reported in
    /// [`Report::errors`]; this never panics on bad input.
    ///
    /// `text` may be a `&str`, a `String` or an `Arc<str>`; an `Arc` is
    /// shared rather than copied.
    pub fn lint(&self, file: &str, text: impl Into<Text>, resolver: &dyn Resolver) -> Report {
        let mut report = Report::new(self.ruleset_info());
        let text: Arc<str> = text.into().0;
        let doc = match Document::parse(file, text.clone(), &self.limits) {
            Ok(d) => d,
            Err(e) => {
                report.documents.push(DocumentInfo {
                    file: file.to_string(),
                    format: None,
                    sha256: sha256_hex(&text),
                });
                report.errors.push(e);
                return report;
            }
        };
        let ws = Workspace::load(doc, resolver, &self.limits);
        self.lint_workspace(&ws, &mut report);
        report
    }

    fn ruleset_info(&self) -> RulesetInfo {
        RulesetInfo {
            name: self.ruleset.name.clone(),
            version: self.ruleset.version.clone(),
        }
    }

    /// Lints an already loaded workspace into `report`.
    pub fn lint_workspace(&self, ws: &Workspace, report: &mut Report) {
        let format = SpecFormat::detect(ws.root());
        for (i, d) in ws.docs().iter().enumerate() {
            report.documents.push(DocumentInfo {
                file: d.name.clone(),
                format: match (&format, i) {
                    (Ok(f), 0) => Some(f.name().to_string()),
                    _ => None,
                },
                sha256: sha256_hex(&d.text),
            });
        }
        report.errors.extend(ws.errors.iter().cloned());
        let format = match format {
            Ok(f) => f,
            Err(e) => {
                report.errors.push(e);
                return;
            }
        };
        let names: Vec<&str> = ws.docs().iter().map(|d| d.name.as_str()).collect();
        let rules = &self.ruleset.rules[..];
        let threads = if cfg!(target_family = "wasm") {
            1
        } else {
            self.threads.min(rules.len()).max(1)
        };
        // The queries of every rule in one pass, on this thread; then the
        // rules, in parts shared out to threads by how many matches each
        // part's rules have to check.
        let prefetched: Matches<'_>;
        let mut first = self.new_run(ws, format, &names);
        first.prefetch(rules);
        first.builtin_findings(&self.ruleset);
        let outputs = if threads == 1 {
            for (i, rule) in rules.iter().enumerate() {
                first.begin(i + 1);
                first.rule(rule);
            }
            vec![first.output()]
        } else {
            prefetched = std::mem::take(&mut first.matches);
            first.prefetched = Some(&prefetched);
            let mut parts = share_out(rules, &prefetched, format, threads).into_iter();
            let own = parts.next().unwrap_or_default();
            std::thread::scope(|scope| {
                let others: Vec<_> = parts
                    .map(|part| {
                        let (names, prefetched) = (&names, &prefetched);
                        scope.spawn(move || {
                            let mut run = self.new_run(ws, format, names);
                            run.prefetched = Some(prefetched);
                            for i in part {
                                run.begin(i + 1);
                                run.rule(&rules[i]);
                            }
                            run.output()
                        })
                    })
                    .collect();
                for i in own {
                    first.begin(i + 1);
                    first.rule(&rules[i]);
                }
                let mut outputs = vec![first.output()];
                for other in others {
                    outputs.push(
                        other
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    );
                }
                outputs
            })
        };
        RunOutput::merge(outputs, self.max_findings).finish(report, self.max_findings);
    }

    /// A run over `ws` on this thread, with the ruleset's overrides for
    /// its documents.
    fn new_run<'a>(&'a self, ws: &'a Workspace, format: SpecFormat, names: &[&str]) -> Run<'a> {
        let mut run = Run::new(ws, format, self.max_findings);
        run.scopes = Scopes::new(&self.ruleset, names, &self.file_paths);
        if let Some(scopes) = &run.scopes {
            run.switched_on = scopes.switched_on();
        }
        // Nothing left over from an earlier evaluation on this thread.
        crate::js_regex::start_lint();
        run
    }
}

/// `given` results by (expression, resolved).
type Matches<'a> = HashMap<(&'a str, bool), Vec<Match>>;

/// The rules (by index) each thread runs: the rules that run a ruleset's
/// JavaScript get one part of their own (they cost far more per match, and
/// each thread that runs one builds the documents for the script engine
/// first); the others are cut into consecutive parts with about equal work,
/// a rule's work counted as the matches of its `given`s times its `then`
/// entries, plus one. At most `parts` parts, none empty.
fn share_out(
    rules: &[Rule],
    prefetched: &Matches<'_>,
    format: SpecFormat,
    parts: usize,
) -> Vec<Vec<usize>> {
    let (script, native): (Vec<usize>, Vec<usize>) =
        (0..rules.len()).partition(|&i| rules[i].then.iter().any(|t| t.function.runs_script()));
    let mut out = Vec::with_capacity(parts);
    // With one kind of rule only, all of them are shared out by work.
    let rest = if !script.is_empty() && !native.is_empty() && parts > 1 {
        out.push(script);
        native
    } else {
        (0..rules.len()).collect()
    };
    let native_parts = parts - out.len();
    let work: Vec<usize> = rest
        .iter()
        .map(|&i| {
            let rule = &rules[i];
            let matches: usize = rule
                .given_for(format)
                .iter()
                .map(|g| {
                    prefetched
                        .get(&(g.source(), rule.resolved))
                        .map_or(0, Vec::len)
                })
                .sum();
            1 + matches * rule.then.len()
        })
        .collect();
    let total: usize = work.iter().sum();
    let (mut start, mut done, mut cut) = (0, 0, 0);
    for (k, w) in work.iter().enumerate() {
        done += w;
        if cut + 1 < native_parts && done * native_parts >= total * (cut + 1) {
            out.push(rest[start..k + 1].to_vec());
            start = k + 1;
            cut += 1;
        }
    }
    if start < rest.len() {
        out.push(rest[start..].to_vec());
    }
    out
}

/// What one [`Run`] found, in the order it found it: what crosses back
/// from a thread that ran a part of the rules.
struct RunOutput {
    findings: Vec<(DocKey, Finding)>,
    ignored_findings: Vec<(DocKey, IgnoredFinding)>,
    ignored: usize,
    truncated: Option<Truncation>,
    cut_offs: Vec<(crate::Error, usize)>,
    /// Where each rule's part of the three lists starts ([`Run::begin`]).
    segments: Vec<Segment>,
}

/// The start of one rule's findings, ignored findings and cut-offs in a
/// run's lists; `order` 0 is what comes before any rule (queries, the
/// engine's own findings), rule `i` is `i + 1`.
#[derive(Clone, Copy)]
struct Segment {
    order: usize,
    findings: usize,
    ignored: usize,
    cut_offs: usize,
}

impl RunOutput {
    /// The outputs of runs over consecutive parts of the rules as one run
    /// over all of them would have made them: each keeps at most
    /// `max_findings` findings (and ignored findings), in rule order, so
    /// the later parts' findings past the limit are counted as omitted
    /// there, as one run counts what it finds past the limit.
    fn merge(outputs: Vec<RunOutput>, max_findings: usize) -> RunOutput {
        let mut merged = RunOutput {
            findings: Vec::new(),
            ignored_findings: Vec::new(),
            ignored: 0,
            truncated: None,
            cut_offs: Vec::new(),
            segments: Vec::new(),
        };
        // Every run's segments in rule order; each run found its rules'
        // findings in that order too, and kept the first `max_findings`.
        let mut pieces: Vec<(usize, usize, Segment, Segment)> = Vec::new();
        for (k, output) in outputs.iter().enumerate() {
            let end = Segment {
                order: usize::MAX,
                findings: output.findings.len(),
                ignored: output.ignored_findings.len(),
                cut_offs: output.cut_offs.len(),
            };
            for (n, seg) in output.segments.iter().enumerate() {
                let next = output.segments.get(n + 1).copied().unwrap_or(end);
                pieces.push((seg.order, k, *seg, next));
            }
        }
        pieces.sort_by_key(|(order, k, _, _)| (*order, *k));
        let mut findings: Vec<Vec<Option<(DocKey, Finding)>>> = Vec::new();
        let mut ignored: Vec<Vec<Option<(DocKey, IgnoredFinding)>>> = Vec::new();
        let mut cut_offs: Vec<Vec<Option<(crate::Error, usize)>>> = Vec::new();
        for output in outputs {
            findings.push(output.findings.into_iter().map(Some).collect());
            ignored.push(output.ignored_findings.into_iter().map(Some).collect());
            cut_offs.push(output.cut_offs.into_iter().map(Some).collect());
            merged.ignored += output.ignored;
            if let Some(part) = output.truncated {
                let t = merged.truncated.get_or_insert_with(Truncation::default);
                t.omitted.merge(&part.omitted);
                for (rule, n) in part.omitted_by_rule {
                    *t.omitted_by_rule.entry(rule).or_default() += n;
                }
                t.omitted_ignored_must += part.omitted_ignored_must;
            }
        }
        for (_, k, from, to) in pieces {
            for slot in &mut findings[k][from.findings..to.findings] {
                let Some((key, f)) = slot.take() else {
                    continue;
                };
                if merged.findings.len() < max_findings {
                    merged.findings.push((key, f));
                } else {
                    let t = merged.truncated.get_or_insert_with(Truncation::default);
                    t.omitted.add(f.severity);
                    *t.omitted_by_rule.entry(f.rule).or_default() += 1;
                }
            }
            for slot in &mut ignored[k][from.ignored..to.ignored] {
                let Some((key, f)) = slot.take() else {
                    continue;
                };
                if merged.ignored_findings.len() < max_findings {
                    merged.ignored_findings.push((key, f));
                } else {
                    let t = merged.truncated.get_or_insert_with(Truncation::default);
                    t.omitted.ignored += 1;
                    if f.finding.severity == Severity::Must {
                        t.omitted_ignored_must += 1;
                    }
                }
            }
            for slot in &mut cut_offs[k][from.cut_offs..to.cut_offs] {
                if let Some(c) = slot.take() {
                    merged.cut_offs.push(c);
                }
            }
        }
        merged
    }
}

/// State of one lint run.
struct Run<'a> {
    ws: &'a Workspace,
    format: SpecFormat,
    /// `given` results by (expression, resolved), evaluated by this run.
    matches: Matches<'a>,
    /// `given` results evaluated by the run whose rules this one shares
    /// (read-only, looked up before `matches`).
    prefetched: Option<&'a Matches<'a>>,
    /// Where each rule's findings start ([`Run::begin`]).
    segments: Vec<Segment>,
    ignores: Vec<Ignores>,
    findings: Vec<(DocKey, Finding)>,
    /// Indexes into `findings` by (rule, document, pointer, message): the
    /// same problem reached twice (two `given`s match one node) is reported
    /// once. The table holds each finding's hash and index, not copies of
    /// its strings.
    seen: hashbrown::HashTable<(u64, usize)>,
    ignored: usize,
    /// Ignored findings with their ignore site, up to `max_findings`.
    ignored_findings: Vec<(DocKey, IgnoredFinding)>,
    /// The most findings kept; beyond it they are counted in `truncated`.
    max_findings: usize,
    truncated: Option<Truncation>,
    outcomes: Vec<Outcome>,
    /// Errors of regular expressions cut off by their step limit, one per
    /// rule and pattern, with how many more evaluations were cut off.
    cut_offs: Vec<(crate::Error, usize)>,
    /// The functions' context for the raw and the resolved view, kept for
    /// the whole lint so that work they share is done once.
    contexts: [Context<'a>; 2],
    /// The ruleset's overrides for this workspace's documents (`None`
    /// without overrides: every finding keeps its severity).
    scopes: Option<Scopes<'a>>,
    /// The root document's `$ref`s by final target, computed on first
    /// use: where Spectral also reaches a node (see [`Run::spectral_also`]).
    root_refs: std::cell::OnceCell<RootRefs>,
    /// Rules off in the ruleset that an override applying to a document
    /// of this lint switches on: they run, and [`Scopes::decide`] keeps
    /// their findings where it is on.
    switched_on: rustc_hash::FxHashSet<&'a str>,
}

/// Sort key: document, then start offset.
type DocKey = (u32, u32);

/// Where a function's input is and how to name it.
struct Target<'a> {
    input: Input<'a>,
    /// The node the finding is about (the nearest existing one when the
    /// input is a missing member).
    loc: Loc,
    /// Report the key's span rather than the value's.
    on_key: bool,
    /// Segments below `loc` that do not exist (for a missing member).
    missing: Vec<String>,
    /// `loc` is the target of a `$ref` reached at the place of the `$ref`
    /// (Spectral then names the target in `{{property}}`, not what is
    /// missing below it).
    via_ref: bool,
}

impl<'a> Run<'a> {
    fn new(ws: &'a Workspace, format: SpecFormat, max_findings: usize) -> Run<'a> {
        Run {
            ws,
            format,
            matches: HashMap::default(),
            prefetched: None,
            // Before any rule: the queries' cut-offs, the engine's findings.
            segments: vec![Segment {
                order: 0,
                findings: 0,
                ignored: 0,
                cut_offs: 0,
            }],
            ignores: ws
                .docs()
                .iter()
                .map(|d| Ignores::collect(&d.tree))
                .collect(),
            findings: Vec::new(),
            seen: hashbrown::HashTable::new(),
            ignored: 0,
            ignored_findings: Vec::new(),
            max_findings,
            truncated: None,
            outcomes: Vec::new(),
            cut_offs: Vec::new(),
            contexts: [
                Context::new(ws.view(false), format),
                Context::new(ws.view(true), format),
            ],
            scopes: None,
            switched_on: Default::default(),
            root_refs: std::cell::OnceCell::new(),
        }
    }

    /// The severity a rule's findings get where no override says
    /// otherwise; for a rule off in the ruleset (run because an override
    /// switches it on) the severity it was declared with.
    fn run_level(&self, rule: &Rule) -> Option<Severity> {
        rule.level().or_else(|| {
            self.switched_on
                .contains(rule.id.as_str())
                .then(|| rule.declared.level().unwrap_or(Severity::Should))
        })
    }

    /// Findings the engine itself makes: duplicate keys and remote `$ref`s.
    fn builtin_findings(&mut self, ruleset: &Ruleset) {
        let level = |configured: RuleSeverity, id: &str, default: Severity| match configured {
            RuleSeverity::On(s) => Some(s),
            RuleSeverity::Off => self.switched_on.contains(id).then_some(default),
        };
        let remote_refs = level(
            ruleset.remote_refs,
            crate::listing::REMOTE_REF_RULE,
            Severity::Hint,
        );
        if let Some(sev) = level(
            ruleset.duplicate_keys,
            crate::listing::DUPLICATE_KEY_RULE,
            Severity::Must,
        ) {
            for (d, doc) in self.ws.docs().iter().enumerate() {
                if doc.duplicate_keys.is_empty() {
                    continue;
                }
                let by_key = self.nodes_by_key_start(d as u32);
                for dup in &doc.duplicate_keys {
                    let first = doc.range(dup.first).start;
                    let message = format!(
                        "duplicate key `{}` (first defined at line {}); the later value is used",
                        dup.key, first.line
                    );
                    let node = by_key
                        .get(&dup.span.start)
                        .or_else(|| by_key.get(&dup.first.start))
                        .copied();
                    let pointer = match node {
                        Some(n) => doc.tree.pointer(n),
                        None => String::new(),
                    };
                    self.push(
                        crate::listing::DUPLICATE_KEY_RULE,
                        sev,
                        message,
                        d as u32,
                        node.unwrap_or(0),
                        (dup.span, false),
                        pointer,
                        None,
                        None,
                    );
                }
            }
        }
        let Some(remote_refs) = remote_refs else {
            return;
        };
        for r in &self.ws.remote_refs {
            let doc = self.ws.doc(r.at.doc);
            let node = doc.tree.get(r.at.node, "$ref").unwrap_or(r.at.node);
            let message = format!(
                "remote reference `{}` was not fetched, so what it points at was not linted (oaslint never fetches URLs)",
                r.target
            );
            let span = doc.node_span(node);
            let pointer = doc.tree.pointer(node);
            self.push(
                crate::listing::REMOTE_REF_RULE,
                remote_refs,
                message,
                r.at.doc,
                node,
                (span, false),
                pointer,
                None,
                None,
            );
        }
    }

    /// Member nodes by the start of their key (duplicate keys carry only
    /// spans; whichever of the two keys kept its entry names the node).
    fn nodes_by_key_start(&self, doc: u32) -> HashMap<u32, NodeId> {
        let mut out = HashMap::default();
        for n in self.ws.tree(doc).nodes() {
            if let Value::Object(entries) = &n.value {
                for e in entries {
                    out.insert(e.key_span.start, e.value);
                }
            }
        }
        out
    }

    fn runs(&self, rule: &Rule) -> bool {
        self.run_level(rule).is_some()
            && (rule.formats.is_empty() || rule.formats.iter().any(|f| self.format.matches(f)))
    }

    /// Evaluates every distinct `given` of the rules that will run, per
    /// view, in one pass: queries that start with `..` share one walk of
    /// the tree.
    fn prefetch(&mut self, rules: &'a [Rule]) {
        let format = self.format;
        for resolved in [false, true] {
            let mut paths: Vec<&'a JsonPath> = Vec::new();
            for rule in rules
                .iter()
                .filter(|r| r.resolved == resolved && self.runs(r))
            {
                for g in rule.given_for(self.format) {
                    if !paths.iter().any(|p| p.source() == g.source()) {
                        paths.push(g);
                    }
                }
            }
            if paths.is_empty() {
                continue;
            }
            let view = self.ws.view(resolved);
            let results = Evaluator::new(view).query_many(&paths, view.root());
            for (p, found) in paths.iter().zip(results) {
                self.matches.insert((p.source(), resolved), found);
            }
            // A filter's pattern cut off: name each rule whose `given` has it.
            for pattern in crate::js_regex::take_cut_offs() {
                for rule in rules.iter().filter(|r| {
                    r.resolved == resolved
                        && r.given_for(format)
                            .iter()
                            .any(|g| g.source().contains(&pattern))
                }) {
                    if let Some(then) = rule.then.first() {
                        self.cut_off(
                            rule,
                            then,
                            &pattern,
                            "a value tested by a JSONPath filter of `given`",
                        );
                    }
                }
            }
        }
    }

    fn rule(&mut self, rule: &'a Rule) {
        if !self.runs(rule) {
            return;
        }
        let Some(severity) = self.run_level(rule) else {
            return;
        };
        crate::script::set_current_rule(rule);
        let view = self.ws.view(rule.resolved);
        let root = view.root();
        for given in rule.given_for(self.format) {
            let key = (given.source(), rule.resolved);
            let everywhere = rule.resolved && reaches_every_place(given.source());
            let shared = self.prefetched.and_then(|p| p.get(&key));
            let owned = shared.is_none().then(|| {
                std::mem::take(
                    self.matches
                        .entry(key)
                        .or_insert_with(|| given.query(&view, root)),
                )
            });
            let matches: &[Match] = shared.or(owned.as_ref()).map_or(&[], Vec::as_slice);
            for m in matches {
                for (then_index, then) in rule.then.iter().enumerate() {
                    crate::script::set_current_match(m, then_index);
                    for target in targets(&view, m, then.field.as_ref()) {
                        let mut outcomes = std::mem::take(&mut self.outcomes);
                        outcomes.clear();
                        let ctx = &self.contexts[usize::from(rule.resolved)];
                        then.function.check(target.input, ctx, &mut outcomes);
                        let cut = crate::js_regex::take_cut_offs();
                        if !cut.is_empty() {
                            // The outcomes rest on a non-answer: drop them.
                            outcomes.clear();
                            let value = self.value_place(target.loc);
                            for pattern in cut {
                                self.cut_off(rule, then, &pattern, &value);
                            }
                        }
                        for failure in crate::script::take_failures() {
                            let value = self.value_place(target.loc);
                            let site = then.site.as_ref();
                            crate::ruleset::script_functions::record_script_failure(
                                &mut self.cut_offs,
                                &rule.id,
                                site,
                                failure,
                                &value,
                            );
                        }
                        // Where the `given` matches the node at every place
                        // Spectral reaches it (`$..[?(…)]`), the match.
                        let reached = everywhere.then_some(m.loc);
                        for o in outcomes.drain(..) {
                            self.finding(rule, severity, &view, &target, o, reached);
                        }
                        self.outcomes = outcomes;
                    }
                }
            }
            if let Some(owned) = owned {
                self.matches.insert(key, owned);
            }
        }
    }

    /// Marks where the findings of the part numbered `order` start
    /// ([`Segment`]).
    fn begin(&mut self, order: usize) {
        self.segments.push(Segment {
            order,
            findings: self.findings.len(),
            ignored: self.ignored_findings.len(),
            cut_offs: self.cut_offs.len(),
        });
    }

    /// What this run found, for [`RunOutput::merge`].
    fn output(self) -> RunOutput {
        RunOutput {
            findings: self.findings,
            ignored_findings: self.ignored_findings,
            ignored: self.ignored,
            truncated: self.truncated,
            cut_offs: self.cut_offs,
            segments: self.segments,
        }
    }

    /// `file:line:col` of a node of the linted documents.
    fn value_place(&self, loc: Loc) -> String {
        let doc = self.ws.doc(loc.doc);
        let start = doc.value_range(loc.node).start;
        format!("the value at {}:{}:{}", doc.name, start.line, start.column)
    }

    /// Records that `pattern` of `rule` was cut off by its step limit on
    /// `value`. The error points at the pattern in the ruleset (else at the
    /// rule's `function`).
    fn cut_off(&mut self, rule: &Rule, then: &crate::ruleset::Then, pattern: &str, value: &str) {
        let known = self.cut_offs.iter_mut().find(|(e, _)| {
            e.rule.as_deref() == Some(rule.id.as_str())
                && e.message.contains(&format!("'{pattern}'"))
        });
        if let Some((_, more)) = known {
            *more += 1;
            return;
        }
        let strings = &then.option_strings;
        let site = strings
            .iter()
            .find(|(s, _)| s == pattern)
            .or_else(|| strings.iter().find(|(s, _)| s.contains(pattern)))
            .or_else(|| {
                strings
                    .iter()
                    .find(|(s, _)| !s.is_empty() && pattern.contains(s.as_str()))
            })
            .map(|(_, site)| site)
            .or(then.site.as_ref());
        let message = format!(
            "the regular expression '{pattern}' was stopped after {} backtracking steps on {value}; \
             the rule's result there is unknown (rewrite the pattern without nested repetition)",
            crate::js_regex::BACKTRACK_LIMIT
        );
        let mut error = match site {
            Some(s) => crate::Error::new(crate::ErrorKind::Ruleset, &s.file, message)
                .at(s.range)
                .with_pointer(&s.pointer),
            None => crate::Error::new(crate::ErrorKind::Ruleset, "", message),
        };
        error = error.with_rule(&rule.id);
        self.cut_offs.push((error, 0));
    }

    fn finding(
        &mut self,
        rule: &Rule,
        severity: Severity,
        view: &View<'_>,
        target: &Target<'_>,
        outcome: Outcome,
        reached_everywhere: Option<Loc>,
    ) {
        let directly_missing = outcome.path.is_empty() && outcome.up == 0;
        let mut loc = target.loc;
        let mut missing = target.missing.clone();
        let mut on_key = target.on_key;
        // An outcome about a node above the input starts there.
        for _ in 0..outcome.up {
            if let Some(parent) = view.tree(loc.doc).parent(loc.node) {
                loc = Loc::new(loc.doc, parent);
                on_key = false;
            }
        }
        let mut via_ref = target.via_ref && outcome.path.is_empty() && outcome.up == 0;
        // Walk the outcome's path below the input, as far as it exists.
        for (i, seg) in outcome.path.iter().enumerate() {
            if !missing.is_empty() {
                missing.push(seg.clone());
                continue;
            }
            let tree = view.tree(loc.doc);
            let next = match tree.value(loc.node) {
                Value::Object(_) => tree.get(loc.node, seg),
                Value::Array(_) => seg.parse().ok().and_then(|i| tree.index(loc.node, i)),
                _ => None,
            };
            match next {
                Some(n) => {
                    let raw = Loc::new(loc.doc, n);
                    loc = view.follow(raw);
                    via_ref = loc != raw;
                    // A `$ref` followed into another node: keep the key of
                    // the last step only when it was not followed.
                    on_key = false;
                }
                None => {
                    missing.extend(outcome.path[i..].iter().cloned());
                    break;
                }
            }
        }
        let doc = self.ws.doc(loc.doc);
        let pointer = doc.tree.pointer(loc.node);
        let span = if on_key && missing.is_empty() {
            doc.tree
                .key_of(loc.node)
                .map(|(_, s)| s)
                .unwrap_or_else(|| doc.node_span(loc.node))
        } else {
            doc.node_span(loc.node)
        };
        // A part of the string: only where the source spells it as it is.
        let part = match &outcome.within {
            Some(within) if missing.is_empty() => {
                let string = if on_key {
                    doc.tree.key_of(loc.node).map(|(k, _)| k)
                } else {
                    doc.tree.as_str(loc.node)
                };
                string.and_then(|s| part_of(&doc.text, span, s, within.clone()))
            }
            _ => None,
        };
        let span = part.unwrap_or(span);
        let path: Vec<String> = pointer_segments(&pointer);
        // The finding's pointer names the missing member itself (more
        // precise than Spectral, which stops at the nearest existing node,
        // and stable for baselines and acknowledgements); its range is that
        // node's, as in Spectral (docs/spectral-compatibility.md).
        let mut pointer = pointer;
        for seg in &missing {
            pointer.push('/');
            pointer.push_str(&crate::tree::escape_segment(seg));
        }
        let vars = message::Vars {
            property: message::property(&path, &missing, via_ref),
            value: Some((&doc.tree, loc.node)),
            key: if on_key && missing.is_empty() {
                doc.tree.key_of(loc.node).map(|(k, _)| k)
            } else {
                None
            },
            path: &path,
            description: rule.description.as_deref(),
            error: "",
        };
        let message = message::render(rule.message.as_deref(), &outcome.message, vars);
        // Where the `given` reaches the node at every place Spectral's walk
        // does, Spectral may report it more than once (see `also`).
        let also = if directly_missing && reached_everywhere == Some(loc) {
            self.spectral_also(rule, &outcome, loc, &path, &missing)
        } else {
            Vec::new()
        };
        let spectral = if !missing.is_empty() {
            // Spectral stops at the nearest existing node.
            let mut at = SpectralLocation {
                file: doc.name.clone(),
                pointer: doc.tree.pointer(loc.node),
                range: doc.range(span),
                message: None,
                also,
            };
            if directly_missing && reached_everywhere == Some(loc) {
                // Spectral words a missing member reached where it is
                // written `"Price.maximum"`, whichever place oaslint met
                // first.
                let direct = self.render_at(rule, &outcome, loc, &path, &missing, false);
                let pointer = &at.pointer;
                at.also
                    .retain(|a| a.pointer != *pointer || a.message.as_ref() != Some(&direct));
                if direct != message {
                    at.message = Some(direct);
                }
            }
            Some(at)
        } else if !also.is_empty() {
            Some(SpectralLocation {
                file: doc.name.clone(),
                pointer: doc.tree.pointer(loc.node),
                range: doc.range(span),
                message: None,
                also,
            })
        } else if on_key {
            // A key whose value is a `$ref`: Spectral maps the path through
            // the `$ref` and reports (and names) its target.
            let target = view.follow(loc);
            (target != loc).then(|| {
                let t = self.ws.doc(target.doc);
                let pointer = t.tree.pointer(target.node);
                let path = pointer_segments(&pointer);
                let vars = message::Vars {
                    property: message::property(&path, &[], false),
                    value: Some((&t.tree, target.node)),
                    key: doc.tree.key_of(loc.node).map(|(k, _)| k),
                    path: &path,
                    description: rule.description.as_deref(),
                    error: "",
                };
                let there = message::render(rule.message.as_deref(), &outcome.message, vars);
                SpectralLocation {
                    file: t.name.clone(),
                    range: t.node_range(target.node),
                    pointer,
                    message: (there != message).then_some(there),
                    also: Vec::new(),
                }
            })
        } else {
            None
        };
        let severity = outcome.severity.unwrap_or(severity);
        self.push(
            &rule.id,
            severity,
            message,
            loc.doc,
            loc.node,
            (span, part.is_some()),
            pointer,
            rule.link.clone(),
            spectral.map(Box::new),
        );
    }

    /// A finding's message with `{{path}}`/`{{property}}` of `path` (the
    /// segments of `loc`) and `missing` below it.
    fn render_at(
        &self,
        rule: &Rule,
        outcome: &Outcome,
        loc: Loc,
        path: &[String],
        missing: &[String],
        via_ref: bool,
    ) -> String {
        let doc = self.ws.doc(loc.doc);
        let vars = message::Vars {
            property: message::property(path, missing, via_ref),
            value: Some((&doc.tree, loc.node)),
            key: None,
            path,
            description: rule.description.as_deref(),
            error: "",
        };
        message::render(rule.message.as_deref(), &outcome.message, vars)
    }

    /// The results Spectral adds for a finding at `loc` (a node of the
    /// root document that the `given` matches wherever Spectral's walk of
    /// the resolved document reaches it), besides the one where it is
    /// written. Spectral's `findAssociatedItemForPath` walks each reached
    /// path in the document as written: when the whole path exists and
    /// ends at a `$ref`-only object, it reports at the target and forgets
    /// what is missing below it (`"Price"` for `"Price.maximum"`); when it
    /// ends at a `$ref` with sibling keys it reports at that object.
    fn spectral_also(
        &self,
        rule: &Rule,
        outcome: &Outcome,
        loc: Loc,
        path: &[String],
        missing: &[String],
    ) -> Vec<SpectralLocation> {
        if loc.doc != 0 {
            return Vec::new();
        }
        let ws = self.ws;
        let refs = self.root_refs.get_or_init(|| {
            let tree = ws.tree(0);
            let mut refs = RootRefs::default();
            for (at, _) in ws.refs().filter(|(at, _)| at.doc == 0) {
                let target = ws.follow(at);
                match tree.value(at.node) {
                    Value::Object(e) if e.len() == 1 => {
                        refs.ref_only.insert(target);
                    }
                    Value::Object(_) => refs.with_siblings.entry(target).or_default().push(at),
                    _ => {}
                }
            }
            refs
        });
        let doc = ws.doc(0);
        let mut also = Vec::new();
        if !missing.is_empty() && refs.ref_only.contains(&loc) {
            also.push(SpectralLocation {
                file: doc.name.clone(),
                pointer: doc.tree.pointer(loc.node),
                range: doc.range(doc.node_span(loc.node)),
                message: Some(self.render_at(rule, outcome, loc, path, missing, true)),
                also: Vec::new(),
            });
        }
        for &place in refs.with_siblings.get(&loc).into_iter().flatten() {
            let pointer = doc.tree.pointer(place.node);
            let place_path = pointer_segments(&pointer);
            also.push(SpectralLocation {
                file: doc.name.clone(),
                range: doc.range(doc.node_span(place.node)),
                message: Some(self.render_at(rule, outcome, place, &place_path, missing, false)),
                pointer,
                also: Vec::new(),
            });
        }
        also
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &str,
        severity: Severity,
        message: String,
        doc: u32,
        node: NodeId,
        (span, is_part): (Span, bool),
        pointer: String,
        link: Option<String>,
        spectral: Option<Box<SpectralLocation>>,
    ) {
        let severity = match &self.scopes {
            None => severity,
            Some(scopes) => match scopes.decide(rule, doc, &pointer, severity) {
                Some(s) => s,
                None => return,
            },
        };
        let d = self.ws.doc(doc);
        // Its own document's ignores, else (for a `$ref`'d file) the root
        // document's top-level list, which covers the bundled spec.
        let ignored_at = match self.ignores[doc as usize].ignored_by(&d.tree, node, rule) {
            Some(site) => Some((doc, site)),
            None if doc != 0 => self.ignores[0].at_top_level(rule).map(|site| (0, site)),
            None => None,
        };
        if ignored_at.is_some() {
            // Every hit is counted and listed, as before ignores were listed.
            self.ignored += 1;
            if self.ignored_findings.len() >= self.max_findings {
                let t = self.truncated.get_or_insert_with(Truncation::default);
                t.omitted.ignored += 1;
                if severity == Severity::Must {
                    t.omitted_ignored_must += 1;
                }
                return;
            }
        } else {
            // A finding on a part of a string is told apart by where the
            // part starts; any other by rule, place and message only.
            let part_start = is_part.then_some(span.start);
            let hash = finding_hash(rule, doc, &pointer, &message, part_start);
            let findings = &self.findings;
            // Past the limit only hashes are kept (index `usize::MAX`):
            // enough to count each distinct finding once without keeping it.
            let same = |&(h, i): &(u64, usize)| {
                if i == usize::MAX {
                    return h == hash;
                }
                let ((d, start), f) = &findings[i];
                h == hash
                    && *d == doc
                    && part_start.is_none_or(|p| p == *start)
                    && f.rule == rule
                    && f.pointer == pointer
                    && f.message == message
            };
            if self.seen.find(hash, same).is_some() {
                return;
            }
            if findings.len() >= self.max_findings {
                self.seen
                    .insert_unique(hash, (hash, usize::MAX), |&(h, _)| h);
                let t = self.truncated.get_or_insert_with(Truncation::default);
                t.omitted.add(severity);
                *t.omitted_by_rule.entry(rule.to_string()).or_default() += 1;
                return;
            }
            self.seen
                .insert_unique(hash, (hash, findings.len()), |&(h, _)| h);
        }
        let finding = Finding {
            rule: rule.to_string(),
            severity,
            message,
            file: d.name.clone(),
            pointer,
            range: d.range(span),
            link,
            spectral,
            check: None,
            base: None,
        };
        let key = (doc, span.start);
        match ignored_at {
            Some((site_doc, site)) => {
                let s = self.ws.doc(site_doc);
                let ignored_by = IgnoreSite {
                    file: s.name.clone(),
                    pointer: s.tree.pointer(site),
                    range: s.range(s.node_span(site)),
                };
                let ignored = IgnoredFinding {
                    finding,
                    ignored_by,
                };
                self.ignored_findings.push((key, ignored));
            }
            None => self.findings.push((key, finding)),
        }
    }
}

impl RunOutput {
    fn finish(mut self, report: &mut Report, max_findings: usize) {
        self.findings.sort_by(|(ka, a), (kb, b)| {
            ka.0.cmp(&kb.0)
                .then(a.range.start.cmp(&b.range.start))
                .then(a.severity.cmp(&b.severity))
                .then(a.rule.cmp(&b.rule))
                .then(a.message.cmp(&b.message))
                .then(a.pointer.cmp(&b.pointer))
        });
        report
            .findings
            .extend(self.findings.into_iter().map(|(_, f)| f));
        self.ignored_findings.sort_by(|(ka, a), (kb, b)| {
            ka.0.cmp(&kb.0)
                .then(a.finding.range.start.cmp(&b.finding.range.start))
                .then(a.finding.rule.cmp(&b.finding.rule))
                .then(a.finding.message.cmp(&b.finding.message))
        });
        report
            .ignored
            .extend(self.ignored_findings.into_iter().map(|(_, f)| f));
        if let Some(mut t) = self.truncated {
            t.limit = max_findings;
            report.truncated = Some(t);
        }
        report.summary.ignored += self.ignored;
        for (mut e, more) in self.cut_offs {
            if more > 0 {
                e.message
                    .push_str(&format!(" ({more} more values of this rule were stopped)"));
            }
            report.errors.push(e);
        }
        report.recount();
    }
}

/// The hash of a finding's identity for [`Run::seen`].
fn finding_hash(rule: &str, doc: u32, pointer: &str, message: &str, part: Option<u32>) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((rule, doc, pointer, message, part))
}

/// The span of bytes `within` of `string`, whose whole source is `span`
/// of `text`: when the source is the string itself (a plain scalar) or the
/// string in quotes without escapes. `None` otherwise, or when `within`
/// is not a range of `string` on character boundaries.
fn part_of(text: &str, span: Span, string: &str, within: std::ops::Range<usize>) -> Option<Span> {
    string.get(within.clone())?;
    let source = text.get(span.start as usize..span.end as usize)?;
    let offset = if source == string {
        0
    } else if source.len() == string.len() + 2
        && (source.starts_with('"') || source.starts_with('\''))
        && source.ends_with(&source[..1])
        && &source[1..source.len() - 1] == string
    {
        1
    } else {
        return None;
    };
    let start = span.start as usize + offset;
    Some(Span::new(start + within.start, start + within.end))
}

/// The inputs a `then` entry selects from one `given` match, as
/// Spectral's runner selects them: a `field` applies only to an object or
/// an array match (on a scalar the function gets the scalar itself), and a
/// `field` query that selects nothing calls the function once with
/// nothing, at the match.
fn targets<'a>(view: &View<'a>, m: &Match, field: Option<&Field>) -> Vec<Target<'a>> {
    let tree = view.tree(m.loc.doc);
    // Whether the match was reached by following a `$ref` at its place.
    let via_ref = |from: Option<(Loc, u32)>, at: Loc| -> bool {
        let Some((p, slot)) = from else {
            return false;
        };
        let raw = match view.value(p) {
            Value::Object(entries) => entries.get(slot as usize).map(|e| e.value),
            Value::Array(items) => items.get(slot as usize).copied(),
            _ => None,
        };
        raw.is_some_and(|n| Loc::new(p.doc, n) != at)
    };
    if m.key {
        // `given: …~` selects the key itself.
        let (name, loc): (&'a str, Loc) = match m.parent {
            Some((p, slot)) => match view.value(p) {
                Value::Object(entries) => {
                    let e = &entries[slot as usize];
                    (&e.key, Loc::new(p.doc, e.value))
                }
                _ => return Vec::new(),
            },
            None => return Vec::new(),
        };
        return vec![Target {
            input: Input::Key(name),
            loc,
            on_key: true,
            missing: Vec::new(),
            via_ref: false,
        }];
    }
    let whole = || Target {
        input: Input::Node(view.cursor(m.loc)),
        loc: m.loc,
        on_key: false,
        missing: Vec::new(),
        via_ref: via_ref(m.parent, m.loc),
    };
    let container = matches!(tree.value(m.loc.node), Value::Object(_) | Value::Array(_));
    match field {
        None => vec![whole()],
        Some(_) if !container => vec![whole()],
        Some(Field::Keys) => match tree.value(m.loc.node) {
            Value::Object(entries) => entries
                .iter()
                .map(|e| Target {
                    input: Input::Key(&e.key),
                    loc: Loc::new(m.loc.doc, e.value),
                    on_key: true,
                    missing: Vec::new(),
                    via_ref: false,
                })
                .collect(),
            _ => Vec::new(),
        },
        Some(Field::Path(segments)) => {
            let mut loc = m.loc;
            let mut followed = via_ref(m.parent, m.loc);
            for (i, seg) in segments.iter().enumerate() {
                let t = view.tree(loc.doc);
                let next = match t.value(loc.node) {
                    Value::Object(_) => t.get(loc.node, seg),
                    Value::Array(_) => seg.parse().ok().and_then(|i| t.index(loc.node, i)),
                    _ => None,
                };
                match next {
                    Some(n) => {
                        let raw = Loc::new(loc.doc, n);
                        loc = view.follow(raw);
                        followed = loc != raw;
                    }
                    None => {
                        return vec![Target {
                            input: Input::Undefined,
                            loc,
                            on_key: false,
                            missing: segments[i..].to_vec(),
                            via_ref: followed,
                        }]
                    }
                }
            }
            vec![Target {
                input: Input::Node(view.cursor(loc)),
                loc,
                on_key: false,
                missing: Vec::new(),
                via_ref: followed,
            }]
        }
        Some(Field::Query(path)) => {
            let found: Vec<Target<'a>> = path
                .query(view, m.loc)
                .into_iter()
                .map(|r| {
                    if r.key {
                        let name: &'a str = match r.parent.map(|(p, slot)| (view.value(p), slot)) {
                            Some((Value::Object(entries), slot)) => &entries[slot as usize].key,
                            _ => "",
                        };
                        Target {
                            input: Input::Key(name),
                            loc: r.loc,
                            on_key: true,
                            missing: Vec::new(),
                            via_ref: false,
                        }
                    } else {
                        Target {
                            input: Input::Node(view.cursor(r.loc)),
                            loc: r.loc,
                            on_key: false,
                            missing: Vec::new(),
                            via_ref: via_ref(r.parent, r.loc),
                        }
                    }
                })
                .collect();
            if found.is_empty() {
                vec![Target {
                    input: Input::Undefined,
                    loc: m.loc,
                    on_key: false,
                    missing: Vec::new(),
                    via_ref: via_ref(m.parent, m.loc),
                }]
            } else {
                found
            }
        }
    }
}

/// The root document's `$ref` objects by the node they lead to (followed
/// to the end of a chain).
#[derive(Default)]
struct RootRefs {
    /// Targets of `$ref`-only objects.
    ref_only: rustc_hash::FxHashSet<Loc>,
    /// `$ref` objects with sibling keys, by target.
    with_siblings: HashMap<Loc, Vec<Loc>>,
}

/// Whether a `given` selects a node at every place Spectral's walk of the
/// resolved document reaches it: a descent from the root to a filter that
/// tests the value only (not the key or path it is reached by).
fn reaches_every_place(given: &str) -> bool {
    let Some(filter) = given
        .strip_prefix("$..[?(")
        .and_then(|f| f.strip_suffix(")]"))
    else {
        return false;
    };
    !filter.contains("@property")
        && !filter.contains("@parent")
        && !filter.contains("@path")
        && !filter.contains(")]")
}

/// The member keys and array indexes of a JSON pointer.
fn pointer_segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| crate::tree::unescape_segment(s).into_owned())
        .collect()
}

/// Lower-case hex SHA-256 of a text.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
