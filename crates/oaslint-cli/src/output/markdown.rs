//! The pull-request comment (`--format markdown`, and the content of the
//! Azure DevOps PR thread).
//!
//! Layout: a hidden marker (so a pipeline can find and update its previous
//! comment), the verdict, how many findings are new and how many
//! pre-existing ones do not block, a table of counts, then **every violated
//! rule** in a table (most severe first), then the findings of each rule —
//! file and line (linked to the pull request's commit when the CI says
//! where the repository is), message, pointer. Findings that do not block
//! (pre-existing, in the baseline, acknowledged), HINTs, skipped files and
//! stale entries are folded in `<details>` and come last. Every text that
//! comes from a spec or a ruleset is escaped, so it can neither format the
//! comment nor inject HTML.
//!
//! The comment is kept under a size limit (GitHub's 65 536 characters for
//! `markdown`, Azure DevOps' 150 000 for the thread) without losing a rule:
//! the rule table always lists every rule, and each rule shows its first
//! `k` findings, `k` being the largest number for which the comment fits
//! (a binary search); the room left is filled in the order of the comment.
//! A rule whose findings are cut says how many are not shown.

use super::defuse::{self, Syntax};
use super::{CommentOptions, Links, RuleCount};
use crate::run::{count, describe_ack, place, LintRun, Status, Verdict};
use oaslint::{Finding, Severity};
use std::fmt::Write;

/// Rule groups with more findings shown than this are folded.
const FOLD_AT: usize = 5;

/// A titled list of groups of entries, optionally folded.
struct Section {
    title: String,
    folded: bool,
    intro: Option<String>,
    groups: Vec<Group>,
}

/// The entries of one rule (or one kind), each a list item.
struct Group {
    header: Option<String>,
    items: Vec<String>,
    /// What its entries are called in the "not shown" notes.
    noun: (&'static str, &'static str),
}

/// How many entries of each group a comment shows: the first `per_group`
/// of every group, then `extra` more in the comment's order.
#[derive(Debug, Clone, Copy)]
struct Quota {
    per_group: usize,
    extra: usize,
}

impl Quota {
    const ALL: Quota = Quota {
        per_group: usize::MAX,
        extra: 0,
    };
}

/// Renders the comment within `opts.limit` UTF-16 code units (default:
/// GitHub's 65 536).
pub fn render(run: &LintRun<'_>, opts: &CommentOptions, links: Option<&Links>) -> String {
    render_within(run, opts, links, super::GITHUB_COMMENT_LIMIT)
}

/// Renders the comment within `opts.limit`, else `default_limit`.
pub(crate) fn render_within(
    run: &LintRun<'_>,
    opts: &CommentOptions,
    links: Option<&Links>,
    default_limit: usize,
) -> String {
    let limit = opts.limit.unwrap_or(default_limit);
    let out = render_within_limit(run, opts, links, limit);
    // Values are escaped already; this keeps a line from starting a command
    // whatever the layout does with them.
    match defuse::neutralise(&out, Syntax::Text) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(safe) => safe,
    }
}

fn render_within_limit(
    run: &LintRun<'_>,
    opts: &CommentOptions,
    links: Option<&Links>,
    limit: usize,
) -> String {
    let all: Vec<usize> = (0..run.report.findings.len()).collect();
    let counts = super::rule_counts(run, &all);
    let parts = Parts {
        head: header(run, opts),
        table: rule_table(run, &counts),
        sections: sections(run, &counts, links),
        foot: footer(run),
        limit,
    };
    let rows = parts.table.len();
    let fits = |text: &str| utf16_len(text) <= limit;
    let full = parts.assemble(rows, Quota::ALL);
    if fits(&full) {
        return full;
    }
    let none = Quota {
        per_group: 0,
        extra: 0,
    };
    let bare = parts.assemble(rows, none);
    if !fits(&bare) {
        // Even the rule table does not fit (a tiny limit or thousands of
        // rules): as many rows as fit, then the text itself is cut.
        let shown = largest(rows, |n| fits(&parts.assemble(n, none)));
        let text = parts.assemble(shown, none);
        return if fits(&text) {
            text
        } else {
            hard_cut(&text, limit)
        };
    }
    // The largest uniform quota per rule, then as many more entries as fit.
    let longest = parts
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .map(|g| g.items.len())
        .max()
        .unwrap_or(0);
    let per_group = largest(longest, |k| {
        fits(&parts.assemble(
            rows,
            Quota {
                per_group: k,
                extra: 0,
            },
        ))
    });
    let left: usize = parts
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .map(|g| g.items.len().saturating_sub(per_group))
        .sum();
    let extra = largest(left, |e| {
        fits(&parts.assemble(
            rows,
            Quota {
                per_group,
                extra: e,
            },
        ))
    });
    parts.assemble(rows, Quota { per_group, extra })
}

/// The largest `n` in `0..=max` for which `fits(n)` holds, `fits` being
/// monotonic (true up to some `n`, false above); 0 if none.
fn largest(max: usize, fits: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, max);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// The comment's parts, assembled for a number of table rows and a quota.
struct Parts {
    head: String,
    /// The rule table's rows (the header is added when there is a row).
    table: Vec<String>,
    sections: Vec<Section>,
    foot: String,
    limit: usize,
}

impl Parts {
    fn assemble(&self, rows: usize, quota: Quota) -> String {
        let mut out = String::from(&self.head);
        if !self.table.is_empty() {
            let _ = write!(
                out,
                "#### Rules violated ({})\n\n| Severity | Rule | New | Pre-existing | Acknowledged |\n|---|---|---:|---:|---:|\n",
                self.table.len()
            );
            for row in &self.table[..rows.min(self.table.len())] {
                out.push_str(row);
                out.push('\n');
            }
            out.push('\n');
            if rows < self.table.len() {
                let _ = write!(
                    out,
                    "> ✂️ {} more not shown, to keep this comment under {} characters.\n\n",
                    count(self.table.len() - rows, "rule", "rules"),
                    thousands(self.limit)
                );
            }
        }
        let mut extra = quota.extra;
        let mut cut: Vec<(usize, (&str, &str))> = Vec::new();
        for s in &self.sections {
            let shown: Vec<usize> = s
                .groups
                .iter()
                .map(|g| {
                    let base = g.items.len().min(quota.per_group);
                    let more = (g.items.len() - base).min(extra);
                    extra -= more;
                    base + more
                })
                .collect();
            if shown.iter().all(|&n| n == 0) {
                for (g, _) in s.groups.iter().zip(&shown) {
                    add_cut(&mut cut, g.items.len(), g.noun);
                }
                continue;
            }
            if s.folded {
                let _ = write!(
                    out,
                    "<details><summary><strong>{}</strong></summary>\n\n",
                    s.title
                );
            } else {
                let _ = write!(out, "#### {}\n\n", s.title);
            }
            if let Some(intro) = &s.intro {
                let _ = write!(out, "{intro}\n\n");
            }
            for (g, &n) in s.groups.iter().zip(&shown) {
                let hidden = g.items.len() - n;
                add_cut(&mut cut, hidden, g.noun);
                if let Some(h) = &g.header {
                    let _ = write!(out, "{h}\n\n");
                }
                if n == 0 {
                    let _ = write!(
                        out,
                        "- *{} not shown*\n\n",
                        count(hidden, g.noun.0, g.noun.1)
                    );
                    continue;
                }
                let fold = !s.folded && n > FOLD_AT;
                if fold {
                    let _ = write!(
                        out,
                        "<details><summary>{}</summary>\n\n",
                        count(g.items.len(), g.noun.0, g.noun.1)
                    );
                }
                for item in &g.items[..n] {
                    let _ = writeln!(out, "- {item}");
                }
                if hidden > 0 {
                    let _ = writeln!(out, "- *… and {} more*", hidden);
                }
                out.push('\n');
                if fold {
                    out.push_str("</details>\n\n");
                }
            }
            if s.folded {
                out.push_str("</details>\n\n");
            }
        }
        if !cut.is_empty() {
            let what: Vec<String> = cut
                .iter()
                .map(|(n, (one, many))| count(*n, one, many))
                .collect();
            let _ = write!(
                out,
                "> ✂️ **Not shown**, to keep this comment under {} characters: {}. \
                 Every rule is counted above; the pipeline log and its SARIF, JUnit and JSON results list every finding.\n\n",
                thousands(self.limit),
                join_and(&what)
            );
        }
        out.push_str(&self.foot);
        out
    }
}

/// Adds `n` entries called `noun` to the "not shown" tally.
fn add_cut<'a>(cut: &mut Vec<(usize, (&'a str, &'a str))>, n: usize, noun: (&'a str, &'a str)) {
    if n == 0 {
        return;
    }
    match cut.iter_mut().find(|(_, k)| *k == noun) {
        Some((total, _)) => *total += n,
        None => cut.push((n, noun)),
    }
}

fn header(run: &LintRun<'_>, opts: &CommentOptions) -> String {
    let mut out = format!("<!-- {} -->\n", comment_safe(&opts.marker));
    let fail_label = run.fail_on.map(Severity::label).unwrap_or("MUST");
    let to_ack = run.to_acknowledge().count();
    let (icon, headline, advice) = match run.verdict() {
        Verdict::Error(n) => (
            "❌",
            format!("oaslint could not lint everything: {}", count(n, "error", "errors")),
            "The errors are listed first; the pipeline fails until they are fixed.".to_string(),
        ),
        Verdict::Blocked(n) => {
            let what = if run.fail_on == Some(Severity::Must) {
                count(n, "MUST finding", "MUST findings")
            } else {
                format!("{} at {fail_label} or above", count(n, "finding", "findings"))
            };
            let mut advice = format!(
                "The pipeline fails until {} fixed.",
                if n == 1 { "it is" } else { "they are" }
            );
            if to_ack > 0 && run.fail_on == Some(Severity::Must) {
                let _ = write!(
                    advice,
                    " {} also {} a fix or an acknowledgement.",
                    count(to_ack, "SHOULD/MAY finding", "SHOULD/MAY findings"),
                    if to_ack == 1 { "needs" } else { "need" }
                );
            }
            ("❌", format!("oaslint: blocked by {what}"), advice)
        }
        Verdict::Unenforced(n) => (
            "⚠️",
            format!("oaslint: {} (not enforced)", count(n, "MUST finding", "MUST findings")),
            "This run does not fail on findings (`--fail-on none`).".to_string(),
        ),
        Verdict::Acknowledge(n) => (
            "⚠️",
            format!(
                "oaslint: {} to acknowledge",
                count(n, "SHOULD/MAY finding", "SHOULD/MAY findings")
            ),
            format!(
                "Fix them, or acknowledge each with a reason in {} (`oaslint ack --write --reason \"…\"`).",
                code_span(run.ack_display())
            ),
        ),
        Verdict::Clean if run.nothing_found() => {
            ("✅", "oaslint: no findings".to_string(), String::new())
        }
        // Findings the document hides are never a green "no findings".
        Verdict::Clean if run.honoured_ignores().next().is_some() || run.report.summary.ignored > 0 => {
            let n = run.honoured_ignores().count().max(run.report.summary.ignored);
            (
                "⚠️",
                format!(
                    "oaslint: {} ignored in the document",
                    count(n, "finding", "findings")
                ),
                "Nothing fails the pipeline, but the document hides these findings from it with `x-zally-ignore`; they are listed below with the ignore.".to_string(),
            )
        }
        Verdict::Clean => ("✅", "oaslint: no findings to act on".to_string(), String::new()),
    };
    let _ = write!(out, "### {icon} {headline}\n\n");
    if !advice.is_empty() {
        let _ = write!(out, "{advice}\n\n");
    }
    let existing = run.status_count(Status::Existing);
    let baseline = run.status_count(Status::Baseline);
    let new = run.status_count(Status::New);
    if run.context.base.is_some() {
        let pre = existing + baseline;
        let _ = write!(
            out,
            "**{} introduced by this pull request**; {}{} {} not block.\n\n",
            count(new, "finding", "findings"),
            count(pre, "pre-existing finding", "pre-existing findings"),
            if baseline > 0 {
                format!(" ({baseline} in the baseline)")
            } else {
                String::new()
            },
            if pre == 1 { "does" } else { "do" },
        );
    } else if baseline > 0 {
        let _ = write!(
            out,
            "**{}**; {} in the baseline {} not block.\n\n",
            count(new, "new finding", "new findings"),
            count(baseline, "finding", "findings"),
            if baseline == 1 { "does" } else { "do" }
        );
    }
    if let Some(changes) = &run.context.changes {
        let of = |severity: Severity| {
            run.active()
                .filter(|(_, f)| f.check.is_some() && f.severity == severity)
                .count()
        };
        let mut what: Vec<String> = [
            (of(Severity::Must), "breaking"),
            (of(Severity::Should), "probably breaking"),
            (of(Severity::Hint), "not breaking"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, words)| format!("{n} {words}"))
        .collect();
        if what.is_empty() {
            what.push("none for clients".into());
        }
        if !changes.new.is_empty() {
            what.push(count(changes.new.len(), "new document", "new documents"));
        }
        if !changes.removed.is_empty() {
            what.push(count(
                changes.removed.len(),
                "deleted document",
                "deleted documents",
            ));
        }
        let _ = write!(
            out,
            "**API changes** since {}: {}.\n\n",
            compared_with(changes),
            what.join(", ")
        );
    }
    if let Some(t) = &run.report.truncated {
        let _ = write!(
            out,
            "> ✂️ **Findings list cut**: {}. The counts include every finding.\n\n",
            escape_text(&super::truncation_note(t))
        );
    }
    let _ = write!(
        out,
        "| MUST | SHOULD | MAY | HINT | Acknowledged |\n|---:|---:|---:|---:|---:|\n| {} | {} | {} | {} | {} |\n\n",
        run.active_count(Severity::Must),
        run.active_count(Severity::Should),
        run.active_count(Severity::May),
        run.active_count(Severity::Hint),
        run.acknowledged_count(),
    );
    out
}

fn footer(run: &LintRun<'_>) -> String {
    let mut parts = vec![format!("oaslint {}", escape_text(&run.report.tool.version))];
    let configurations = &run.context.configurations;
    if configurations.len() > 1 || configurations.iter().any(|c| c.file.is_some()) {
        let each: Vec<String> = configurations.iter().map(configuration).collect();
        parts.push(format!(
            "{}: {}",
            if each.len() == 1 {
                "configuration".to_string()
            } else {
                format!("{} configurations", each.len())
            },
            each.join(", ")
        ));
    } else {
        parts.push(format!(
            "ruleset {} {}",
            escape_text(&run.report.ruleset.name),
            escape_text(&run.report.ruleset.version)
        ));
    }
    match &run.context.changes {
        // `oaslint diff`: nothing is linted; say which two files were
        // compared.
        Some(c) if c.revision.is_none() => {
            for (head, base) in &c.compared {
                parts.push(format!(
                    "{} compared with {}",
                    code_span(head),
                    code_span(base)
                ));
            }
        }
        _ => parts.push(format!(
            "{} linted",
            count(run.linted_files(), "file", "files")
        )),
    }
    if let Some(rev) = run
        .context
        .changes
        .as_ref()
        .and_then(|c| c.revision.as_ref())
    {
        parts.push(format!(
            "API changes against {} ({})",
            code_span(&rev.rev),
            code_span(rev.commit.get(..12).unwrap_or(&rev.commit))
        ));
    }
    parts.push(match run.fail_on {
        Some(l) => format!("fails on {} and above", l.label()),
        None => "does not fail on findings".into(),
    });
    if let Some(ack) = run.ack.filter(|a| a.sha256.is_some()) {
        parts.push(format!("acknowledgements from {}", code_span(&ack.display)));
    }
    if let Some(b) = &run.context.baseline {
        parts.push(format!("baseline {}", code_span(&b.file)));
    }
    if let Some(base) = &run.context.base {
        parts.push(format!(
            "new findings compared with {} ({})",
            code_span(&base.rev),
            code_span(base.commit.get(..12).unwrap_or(&base.commit))
        ));
    }
    if let Some(t) = run.time.explicit() {
        parts.push(t.to_rfc3339());
    }
    format!("<sub>{}</sub>\n", parts.join(" · "))
}

/// `` `.oaslint.yaml` (acme-api-guidelines 1.2.0 ← zalando 0.2.0) ``.
fn configuration(c: &crate::run::Configuration) -> String {
    let mut names = vec![format!("{} {}", c.ruleset.name, c.ruleset.version)];
    for r in &c.ruleset.chain {
        // The configuration file itself is named before the parenthesis.
        if r.name.is_none() && r.file.is_some() && r.file == c.file {
            continue;
        }
        let name = match (&r.name, &r.version, &r.file) {
            (Some(n), Some(v), _) => format!("{n} {v}"),
            (Some(n), None, _) => n.clone(),
            (None, _, Some(f)) => f.clone(),
            (None, _, None) => continue,
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let chain = escape_text(&names.join(" ← "));
    match &c.file {
        Some(f) => format!("{} ({chain})", code_span(f)),
        None => chain,
    }
}

/// One row per violated rule: severity, rule (id and linked title), new
/// (bold when it blocks), pre-existing (existing + baseline), acknowledged.
fn rule_table(run: &LintRun<'_>, counts: &[RuleCount]) -> Vec<String> {
    counts
        .iter()
        .map(|c| {
            let new = if c.blocking > 0 {
                format!("**{}**", c.new)
            } else {
                c.new.to_string()
            };
            format!(
                "| {} | {} {} | {new} | {} | {} |",
                c.severity.label(),
                code_span(&c.rule),
                rule_title(run, c),
                c.existing + c.baseline,
                c.acknowledged
            )
        })
        .collect()
}

/// The rule's title, linked to its guideline.
fn rule_title(run: &LintRun<'_>, c: &RuleCount) -> String {
    let title = escape_text(&run.rule_title(&c.rule));
    let first = c.findings.first().map(|&i| &run.report.findings[i]);
    match first.and_then(|f| run.rule_link(f)) {
        Some(url) => link(&title, &url),
        None => title,
    }
}

fn sections(run: &LintRun<'_>, counts: &[RuleCount], links: Option<&Links>) -> Vec<Section> {
    let mut out = Vec::new();
    if !run.report.errors.is_empty() {
        let items = run
            .report
            .errors
            .iter()
            .map(|e| {
                let at = match &e.range {
                    Some(r) => format!("{}:{}:{}", e.file, r.start.line, r.start.column),
                    None => e.file.clone(),
                };
                format!("{} {}", code_span(&at), inline(&e.message))
            })
            .collect();
        out.push(Section {
            title: format!("Errors ({})", run.report.errors.len()),
            folded: false,
            intro: None,
            groups: vec![Group {
                header: None,
                items,
                noun: ("error", "errors"),
            }],
        });
    }
    out.extend(api_changes(run, links));
    // New findings, rule by rule in the table's order; HINTs folded. The
    // changes found by comparing with a base version are in their own
    // section.
    let new_groups = |hints: bool| -> Vec<Group> {
        counts
            .iter()
            .filter(|c| c.new > 0 && (c.severity == Severity::Hint) == hints)
            .filter_map(|c| {
                let items: Vec<String> = c
                    .findings
                    .iter()
                    .filter(|&&i| {
                        run.status(i) == Status::New && run.report.findings[i].check.is_none()
                    })
                    .map(|&i| {
                        let f = &run.report.findings[i];
                        let mut item = finding_item(f, links);
                        if let Some(site) = run.refused_ignore_of(i) {
                            let _ = write!(
                                item,
                                " — *ignore at {} refused: MUST findings are only ignored with* `--allow-must-ignore`",
                                code_span(&super::ignore_place(site))
                            );
                        }
                        item
                    })
                    .collect();
                if items.is_empty() {
                    return None;
                }
                Some(Group {
                    header: Some(format!(
                        "**{}** · **{}** · {} · {}",
                        c.severity.label(),
                        rule_title(run, c),
                        code_span(&c.rule),
                        count(items.len(), "finding", "findings")
                    )),
                    items,
                    noun: noun(c.severity),
                })
            })
            .collect()
    };
    let findings = new_groups(false);
    if !findings.is_empty() {
        let n: usize = findings.iter().map(|g| g.items.len()).sum();
        out.push(Section {
            title: format!("Findings ({n})"),
            folded: false,
            intro: None,
            groups: findings,
        });
    }
    let hints = new_groups(true);
    if !hints.is_empty() {
        let n: usize = hints.iter().map(|g| g.items.len()).sum();
        out.push(Section {
            title: format!("HINT ({n})"),
            folded: true,
            intro: None,
            groups: hints,
        });
    }
    let ignored: Vec<String> = run
        .honoured_ignores()
        .map(|(_, ig)| {
            format!(
                "{} {} {} — *ignored at* {}",
                code_span(&place(&ig.finding)),
                ig.finding.severity.label(),
                code_span(&ig.finding.rule),
                code_span(&super::ignore_place(&ig.ignored_by)),
            ) + &format!(" · {}", inline(&ig.finding.message))
        })
        .collect();
    if !ignored.is_empty() {
        out.push(Section {
            title: format!("Ignored in the document ({})", ignored.len()),
            folded: false,
            intro: Some(
                "The document hides these findings from the pipeline with `x-zally-ignore` (or `x-lint-ignore`); reviewers decide whether that is right."
                    .into(),
            ),
            groups: vec![Group {
                header: None,
                items: ignored,
                noun: ("ignored finding", "ignored findings"),
            }],
        });
    }
    // Findings that do not block: pre-existing, baseline, acknowledged.
    let kept: Vec<Group> = counts
        .iter()
        .filter(|c| c.new < c.findings.len())
        .map(|c| {
            let items: Vec<String> = c
                .findings
                .iter()
                .filter(|&&i| run.status(i) != Status::New)
                .map(|&i| {
                    let f = &run.report.findings[i];
                    let why = match run.status(i) {
                        Status::Acknowledged => format!(
                            "*acknowledged:* {}",
                            escape_text(&run.ack_of(i).map(describe_ack).unwrap_or_default())
                        ),
                        Status::Baseline => "*in the baseline*".to_string(),
                        _ => "*existing: also in the base revision*".to_string(),
                    };
                    format!("{} — {why}", finding_item(f, links))
                })
                .collect();
            let n = items.len();
            Group {
                header: Some(format!(
                    "**{}** · **{}** · {} · {}",
                    c.severity.label(),
                    rule_title(run, c),
                    code_span(&c.rule),
                    count(n, "finding", "findings")
                )),
                items,
                noun: ("finding that does not block", "findings that do not block"),
            }
        })
        .collect();
    if !kept.is_empty() {
        let n: usize = kept.iter().map(|g| g.items.len()).sum();
        let mut why = Vec::new();
        let acked = run.acknowledged_count();
        if acked > 0 {
            why.push(format!("acknowledged in {}", code_span(run.ack_display())));
        }
        if let Some(b) = &run.context.baseline {
            why.push(format!("in the baseline {}", code_span(&b.file)));
        }
        if let Some(base) = &run.context.base {
            why.push(format!(
                "also found in {} (pre-existing)",
                code_span(&base.rev)
            ));
        }
        out.push(Section {
            title: format!("Not blocking ({n})"),
            folded: true,
            intro: Some(format!(
                "These findings are {}; they do not fail the pipeline.",
                if why.is_empty() {
                    "accepted".to_string()
                } else {
                    join_or(&why)
                }
            )),
            groups: kept,
        });
    }
    let refused: Vec<String> = run
        .refused()
        .map(|(e, f)| {
            format!(
                "{} {} at {} — MUST findings cannot be acknowledged",
                code_span(&format!("{}:{}", run.ack_display(), e.line.unwrap_or(0))),
                code_span(&f.rule),
                code_span(&place(f)),
            )
        })
        .collect();
    if !refused.is_empty() {
        out.push(Section {
            title: format!("Refused acknowledgements ({})", refused.len()),
            folded: true,
            intro: Some(
                "These entries name MUST findings, which only a pipeline that passes `--allow-must-ack` accepts; the findings are listed above."
                    .into(),
            ),
            groups: vec![Group {
                header: None,
                items: refused,
                noun: ("refused acknowledgement", "refused acknowledgements"),
            }],
        });
    }
    let stale: Vec<String> = run
        .stale()
        .map(|e| {
            format!(
                "{} {} at {} {}",
                code_span(&format!("{}:{}", run.ack_display(), e.line.unwrap_or(0))),
                code_span(&e.rule),
                code_span(&e.file),
                code_span(&e.pointer),
            )
        })
        .collect();
    if !stale.is_empty() {
        out.push(Section {
            title: format!("Stale acknowledgements ({})", stale.len()),
            folded: true,
            intro: Some(
                "These entries match no finding any more; `oaslint ack --write` removes them."
                    .into(),
            ),
            groups: vec![Group {
                header: None,
                items: stale,
                noun: ("stale acknowledgement", "stale acknowledgements"),
            }],
        });
    }
    if let Some(b) = run
        .context
        .baseline
        .as_ref()
        .filter(|b| !b.stale.is_empty())
    {
        let items = b
            .stale
            .iter()
            .map(|e| {
                let at = match e.line {
                    Some(line) => format!("{}:{line}", b.file),
                    None => b.file.clone(),
                };
                format!(
                    "{} {} at {} {}",
                    code_span(&at),
                    code_span(&e.rule),
                    code_span(&e.file),
                    code_span(&e.pointer)
                )
            })
            .collect();
        out.push(Section {
            title: format!("Stale baseline entries ({})", b.stale.len()),
            folded: true,
            intro: Some(
                "These baseline entries match no finding any more (fixed, or moved); `oaslint baseline --write` removes them."
                    .into(),
            ),
            groups: vec![Group {
                header: None,
                items,
                noun: ("stale baseline entry", "stale baseline entries"),
            }],
        });
    }
    let skipped = &run.context.skipped;
    if !skipped.is_empty() {
        out.push(Section {
            title: format!("Skipped files ({})", skipped.len()),
            folded: true,
            intro: Some(format!(
                "Not linted: {}.",
                escape_text(&super::skipped_reasons(skipped))
            )),
            groups: vec![Group {
                header: None,
                items: skipped
                    .iter()
                    .map(|s| format!("{} ({})", code_span(&s.file), s.reason.as_str()))
                    .collect(),
                noun: ("skipped file", "skipped files"),
            }],
        });
    }
    out
}

/// The "API changes" sections: the new changes found by comparing with a
/// base version that break (MUST) or probably break (SHOULD) clients, with
/// where they are in HEAD and in the base, breaking ones first; then the
/// changelog (HINT, with `--changelog`) folded.
fn api_changes(run: &LintRun<'_>, links: Option<&Links>) -> Vec<Section> {
    let Some(changes) = &run.context.changes else {
        return Vec::new();
    };
    let new_changes = |severity: Severity| -> Vec<String> {
        run.active()
            .filter(|(_, f)| f.check.is_some() && f.severity == severity)
            .map(|(_, f)| change_item(f, links))
            .collect()
    };
    let mut groups = Vec::new();
    for (severity, title, noun) in [
        (
            Severity::Must,
            "Breaking",
            ("breaking change", "breaking changes"),
        ),
        (
            Severity::Should,
            "Probably breaking",
            ("probably breaking change", "probably breaking changes"),
        ),
        (Severity::May, "Other", ("change", "changes")),
    ] {
        let items = new_changes(severity);
        if !items.is_empty() {
            groups.push(Group {
                header: Some(format!(
                    "**{title}** · {}",
                    count(items.len(), noun.0, noun.1)
                )),
                items,
                noun,
            });
        }
    }
    let mut out = Vec::new();
    let n: usize = groups.iter().map(|g| g.items.len()).sum();
    if n > 0 {
        out.push(Section {
            title: format!("API changes ({n})"),
            folded: false,
            intro: Some(format!(
                "What changed for clients since {} (guideline 106; `docs/breaking-changes.md` lists the checks).",
                compared_with(changes)
            )),
            groups,
        });
    }
    let changelog = new_changes(Severity::Hint);
    if !changelog.is_empty() {
        out.push(Section {
            title: format!("Changelog ({})", changelog.len()),
            folded: true,
            intro: Some("Changes that do not break clients.".into()),
            groups: vec![Group {
                header: None,
                items: changelog,
                noun: ("changelog entry", "changelog entries"),
            }],
        });
    }
    out
}

/// What the changes are compared with: `` `origin/main` (`1234abcd5678`) ``
/// or the base file(s).
fn compared_with(changes: &crate::changes::ApiChanges) -> String {
    match &changes.revision {
        Some(r) => format!(
            "{} ({})",
            code_span(&r.rev),
            code_span(r.commit.get(..12).unwrap_or(&r.commit))
        ),
        None => {
            let bases: Vec<String> = changes
                .compared
                .iter()
                .map(|(_, base)| code_span(base))
                .collect();
            join_and(&bases)
        }
    }
}

/// A change: where it is in HEAD (linked), what changed, its check, and
/// where the part is in the base when the message does not say so.
fn change_item(f: &Finding, links: Option<&Links>) -> String {
    let mut s = finding_item(f, links);
    if let Some(check) = &f.check {
        let _ = write!(s, " · {}", code_span(check));
    }
    if let Some(b) = f.base.as_ref().filter(|b| !names_base(f, b)) {
        let _ = write!(s, " · base {}", code_span(&super::base_place(b)));
    }
    s
}

/// Whether a change's message already names where the part was in the
/// base (a removal's does: `(base: file:line pointer)`).
fn names_base(f: &Finding, b: &oaslint::BaseLocation) -> bool {
    f.message
        .contains(&format!("(base: {}:{} ", b.file, b.range.start.line))
}

fn noun(sev: Severity) -> (&'static str, &'static str) {
    match sev {
        Severity::Must => ("MUST finding", "MUST findings"),
        Severity::Should => ("SHOULD finding", "SHOULD findings"),
        Severity::May => ("MAY finding", "MAY findings"),
        Severity::Hint => ("HINT", "HINTs"),
    }
}

/// `file:line:col` (linked to the line when the CI says where the
/// repository is), the message and the pointer.
fn finding_item(f: &Finding, links: Option<&Links>) -> String {
    let at = code_span(&place(f));
    let at = match links.and_then(|l| l.to(&f.file, f.range.start.line)) {
        Some(url) => link(&at, &url),
        None => at,
    };
    let mut s = format!("{at} {}", inline(&f.message));
    if !f.pointer.is_empty() {
        let _ = write!(s, " · {}", code_span(&f.pointer));
    }
    s
}

/// Escapes text so Markdown and HTML take it literally: `&`, `<`, `>` as
/// entities (no HTML), with a backslash the punctuation that formats inline
/// text on GitHub and Azure DevOps (emphasis, code, links, tables,
/// strikethrough, math, emoji `:name:`), line breaks and other invisible
/// characters as visible escapes ([`defuse::visible`], so text never starts
/// a line or a CI command). Mentions (`@name`, e-mail addresses), issue and
/// pull-request references (`#12`, `!12`) and autolinks (`www.`, `://`) are
/// broken by an empty HTML comment after `@`, `#`, `!`, `www` or `:`: it
/// renders as nothing, but splits the text the renderers search.
pub fn escape_text(s: &str) -> String {
    let s = defuse::visible(s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = |k: usize| chars.get(i + k).copied();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' | ':' | '@' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        let breaks = match c {
            '@' => true,
            '#' | '!' => next(1).is_some_and(|n| n.is_ascii_digit()),
            ':' => next(1) == Some('/') && next(2) == Some('/'),
            'w' | 'W' => {
                next(1) == Some('.')
                    && i >= 2
                    && chars[i - 2..i].iter().all(|p| p.eq_ignore_ascii_case(&'w'))
            }
            _ => false,
        };
        if breaks {
            out.push_str(EMPTY_COMMENT);
        }
    }
    out
}

/// Renders as nothing; separates what a mention or autolink needs together.
const EMPTY_COMMENT: &str = "<!-- -->";

/// A code span that shows `s` literally, whatever backticks it contains.
/// Code spans are never mentions or links; invisible characters and line
/// breaks are shown escaped and `##vso[` gets a backslash ([`defuse::text`]:
/// a code span cannot hold an entity).
pub fn code_span(s: &str) -> String {
    let s = defuse::text(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.starts_with(' ') && s.ends_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A message: text between paired backticks becomes a code span (rule
/// messages quote names that way), everything else is escaped.
pub fn inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unpaired backtick: nothing is code.
        return escape_text(s);
    }
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(&escape_text(part));
        } else if part.trim().is_empty() {
            out.push_str(&escape_text(&format!("`{part}`")));
        } else {
            out.push_str(&code_span(part));
        }
    }
    out
}

/// `[text](url)` for http(s) URLs (text already escaped); other schemes are
/// not linked.
fn link(text: &str, url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return text.to_string();
    }
    let mut dest = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '<' | '>' | '(' | ')' | '"' | '\'' | '\\' | '`' | '[' | ']' | '{' | '}' | '|'
            | '^' => {
                let _ = write!(dest, "%{:02X}", c as u32);
            }
            c if c.is_control() => {}
            c if defuse::hidden(c, None) => {
                for b in c.to_string().bytes() {
                    let _ = write!(dest, "%{b:02X}");
                }
            }
            c => dest.push(c),
        }
    }
    format!("[{text}]({dest})")
}

/// A marker cannot end the HTML comment early.
fn comment_safe(s: &str) -> String {
    s.replace("--", "- -").replace('>', "")
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn hard_cut(text: &str, limit: usize) -> String {
    const NOTE: &str = "\n\n> ✂️ Cut to fit the comment size limit.\n";
    let budget = limit.saturating_sub(utf16_len(NOTE));
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("{}{NOTE}", &text[..end])
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("<b>x</b> | *y* [z](u) @team #1 100% $x$ :+1: ~~s~~\nnext"),
            "&lt;b&gt;x&lt;/b&gt; \\| \\*y\\* \\[z\\](u) \\@<!-- -->team \\#<!-- -->1 100% \\$x\\$ \\:+1\\: \\~\\~s\\~\\~\\\\nnext"
        );
        assert_eq!(
            escape_text("a@b.example www.x.example http://y !7 #x"),
            "a\\@<!-- -->b.example www<!-- -->.x.example http\\:<!-- -->//y !<!-- -->7 \\#x"
        );
        assert_eq!(
            escape_text("a\u{202e}b ##vso[x]"),
            "a\\\\u{202e}b \\#\\#vso\\[x\\]"
        );
        assert_eq!(
            escape_text("<!-- oaslint-report -->"),
            "&lt;!-- oaslint-report --&gt;"
        );
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code_span("a.yaml:1:2"), "`a.yaml:1:2`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
        assert_eq!(code_span("x\ny"), "`x\\ny`");
        assert_eq!(code_span("##vso[a.b]c"), "`##vso\\[a.b]c`");
    }

    #[test]
    fn messages_keep_their_code_spans() {
        assert_eq!(
            inline("`info.version` must match '^[0-9]+$'"),
            "`info.version` must match '^\\[0-9\\]+\\$'"
        );
        assert_eq!(inline("one ` tick"), "one \\` tick");
        assert_eq!(inline("a `<script>` b"), "a `<script>` b");
    }

    #[test]
    fn links_are_http_only_and_encoded() {
        assert_eq!(
            link("t", "https://x.test/a b(c)"),
            "[t](https://x.test/a%20b%28c%29)"
        );
        assert_eq!(link("t", "javascript:alert(1)"), "t");
    }

    #[test]
    fn numbers_and_lists_read_well() {
        assert_eq!(thousands(65_536), "65,536");
        assert_eq!(thousands(999), "999");
        assert_eq!(
            join_and(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }

    #[test]
    fn the_largest_fitting_number_is_found() {
        for limit in [0, 1, 7, 99, 100] {
            assert_eq!(largest(100, |n| n <= limit), limit);
        }
        assert_eq!(largest(0, |_| true), 0);
        assert_eq!(largest(5, |n| n == 0), 0);
    }

    #[test]
    fn hard_cut_respects_the_limit() {
        let text = "<!-- m -->\n".to_string() + &"😀".repeat(500);
        let cut = hard_cut(&text, 200);
        assert!(utf16_len(&cut) <= 200);
        assert!(cut.starts_with("<!-- m -->"));
    }
}
