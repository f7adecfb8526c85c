//! The pull-request comment (`--format markdown`, and the content of the
//! Azure DevOps PR thread).
//!
//! Layout: a hidden marker (so a pipeline can find and update its previous
//! comment), the verdict, a table of counts, then the findings grouped by
//! severity and rule — rule title linked to its guideline, `file:line:col`,
//! message, pointer. Long rule groups, HINTs, acknowledged findings and stale
//! acknowledgements are folded in `<details>`. Every text that comes from a
//! spec or a ruleset is escaped, so it can neither format the comment nor
//! inject HTML. The comment is kept under a size limit (GitHub's 65 536
//! characters by default) by leaving out the last entries, and a note says
//! how many of which kind were left out.

use super::defuse::{self, Syntax};
use super::CommentOptions;
use crate::run::{count, describe_ack, place, LintRun, Verdict};
use oaslint::{Finding, Severity};
use std::fmt::Write;

/// Rule groups with more findings than this are folded.
const FOLD_AT: usize = 5;

/// A titled list of entries, optionally folded.
struct Section {
    title: String,
    /// What its entries are called in the truncation note.
    noun: (&'static str, &'static str),
    folded: bool,
    intro: Option<String>,
    groups: Vec<Group>,
}

struct Group {
    header: Option<String>,
    items: Vec<String>,
}

impl Section {
    fn len(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }
}

/// Renders the comment within `opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT)` UTF-16 code units.
pub fn render(run: &LintRun<'_>, opts: &CommentOptions) -> String {
    let out = render_within_limit(run, opts);
    // Values are escaped already; this keeps a line from starting a command
    // whatever the layout does with them.
    match defuse::neutralise(&out, Syntax::Text) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(safe) => safe,
    }
}

fn render_within_limit(run: &LintRun<'_>, opts: &CommentOptions) -> String {
    let head = header(run, opts);
    let sections = sections(run);
    let foot = footer(run);
    let total: usize = sections.iter().map(Section::len).sum();
    let full = assemble(
        &head,
        &sections,
        &foot,
        total,
        opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT),
    );
    if utf16_len(&full) <= opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT) {
        return full;
    }
    // The largest number of entries that fits (the length grows with it).
    let (mut lo, mut hi) = (0, total);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if utf16_len(&assemble(
            &head,
            &sections,
            &foot,
            mid,
            opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT),
        )) <= opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT)
        {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let text = assemble(
        &head,
        &sections,
        &foot,
        lo,
        opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT),
    );
    if utf16_len(&text) <= opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT) {
        return text;
    }
    // Even without entries it is too long (a tiny limit or huge titles):
    // cut the text itself, keeping the marker at the top.
    hard_cut(&text, opts.limit.unwrap_or(super::GITHUB_COMMENT_LIMIT))
}

fn assemble(head: &str, sections: &[Section], foot: &str, shown: usize, limit: usize) -> String {
    let mut out = String::from(head);
    let mut left = shown;
    let mut cut: Vec<(usize, (&str, &str))> = Vec::new();
    for s in sections {
        let n = s.len();
        let take = n.min(left);
        left -= take;
        if take < n {
            cut.push((n - take, s.noun));
        }
        if take == 0 {
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
        let mut budget = take;
        for g in &s.groups {
            if budget == 0 {
                break;
            }
            let items = &g.items[..g.items.len().min(budget)];
            budget -= items.len();
            if let Some(h) = &g.header {
                let _ = write!(out, "{h}\n\n");
            }
            let fold = !s.folded && g.items.len() > FOLD_AT;
            if fold {
                let _ = write!(
                    out,
                    "<details><summary>{}</summary>\n\n",
                    count(g.items.len(), "finding", "findings")
                );
            }
            for item in items {
                let _ = writeln!(out, "- {item}");
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
             The pipeline log and its SARIF and JUnit results list everything.\n\n",
            thousands(limit),
            join_and(&what)
        );
    }
    out.push_str(foot);
    out
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
    let mut parts = vec![
        format!("oaslint {}", escape_text(&run.report.tool.version)),
        format!(
            "ruleset {} {}",
            escape_text(&run.report.ruleset.name),
            escape_text(&run.report.ruleset.version)
        ),
        format!("{} linted", count(run.linted_files(), "file", "files")),
    ];
    parts.push(match run.fail_on {
        Some(l) => format!("fails on {} and above", l.label()),
        None => "does not fail on findings".into(),
    });
    if let Some(ack) = run.ack.filter(|a| a.sha256.is_some()) {
        parts.push(format!("acknowledgements from {}", code_span(&ack.display)));
    }
    if let Some(t) = run.time.explicit() {
        parts.push(t.to_rfc3339());
    }
    format!("<sub>{}</sub>\n", parts.join(" · "))
}

fn sections(run: &LintRun<'_>) -> Vec<Section> {
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
            noun: ("error", "errors"),
            folded: false,
            intro: None,
            groups: vec![Group {
                header: None,
                items,
            }],
        });
    }
    for sev in Severity::ALL {
        let findings: Vec<(usize, &Finding)> =
            run.active().filter(|(_, f)| f.severity == sev).collect();
        if findings.is_empty() {
            continue;
        }
        out.push(Section {
            title: format!("{} ({})", sev.label(), findings.len()),
            noun: noun(sev),
            folded: sev == Severity::Hint,
            intro: None,
            groups: by_rule(run, &findings, |i, f| {
                let mut item = finding_item(f);
                if let Some(site) = run.refused_ignore_of(i) {
                    let _ = write!(
                        item,
                        " — *ignore at {} refused: MUST findings are only ignored with* `--allow-must-ignore`",
                        code_span(&super::ignore_place(site))
                    );
                }
                item
            }),
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
            noun: ("ignored finding", "ignored findings"),
            folded: false,
            intro: Some(
                "The document hides these findings from the pipeline with `x-zally-ignore` (or `x-lint-ignore`); reviewers decide whether that is right."
                    .into(),
            ),
            groups: vec![Group {
                header: None,
                items: ignored,
            }],
        });
    }
    let acked: Vec<(usize, &Finding)> = run.acknowledged().collect();
    if !acked.is_empty() {
        let mut groups = Vec::new();
        for sev in Severity::ALL {
            let of_sev: Vec<(usize, &Finding)> = acked
                .iter()
                .filter(|(_, f)| f.severity == sev)
                .copied()
                .collect();
            let mut g = by_rule(run, &of_sev, |i, f| {
                let why = run.ack_of(i).map(describe_ack).unwrap_or_default();
                format!(
                    "{} — *acknowledged:* {}",
                    finding_item(f),
                    escape_text(&why)
                )
            });
            for group in &mut g {
                if let Some(h) = &mut group.header {
                    *h = format!("**{}** · {h}", sev.label());
                }
            }
            groups.extend(g);
        }
        out.push(Section {
            title: format!("Acknowledged ({})", acked.len()),
            noun: ("acknowledged finding", "acknowledged findings"),
            folded: true,
            intro: Some(format!(
                "Accepted in {}; they do not fail the pipeline.",
                code_span(run.ack_display())
            )),
            groups,
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
            noun: ("refused acknowledgement", "refused acknowledgements"),
            folded: true,
            intro: Some(
                "These entries name MUST findings, which only a pipeline that passes `--allow-must-ack` accepts; the findings are listed above."
                    .into(),
            ),
            groups: vec![Group {
                header: None,
                items: refused,
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
            noun: ("stale acknowledgement", "stale acknowledgements"),
            folded: true,
            intro: Some(
                "These entries match no finding any more; `oaslint ack --write` removes them."
                    .into(),
            ),
            groups: vec![Group {
                header: None,
                items: stale,
            }],
        });
    }
    out
}

fn noun(sev: Severity) -> (&'static str, &'static str) {
    match sev {
        Severity::Must => ("MUST finding", "MUST findings"),
        Severity::Should => ("SHOULD finding", "SHOULD findings"),
        Severity::May => ("MAY finding", "MAY findings"),
        Severity::Hint => ("HINT", "HINTs"),
    }
}

/// Groups findings (with their indices in the report) by rule, sorted by
/// rule id so that the comment is stable; findings keep report order.
fn by_rule(
    run: &LintRun<'_>,
    findings: &[(usize, &Finding)],
    item: impl Fn(usize, &Finding) -> String,
) -> Vec<Group> {
    let mut rules: Vec<&str> = findings.iter().map(|(_, f)| f.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
        .into_iter()
        .map(|rule| {
            let of_rule: Vec<&(usize, &Finding)> =
                findings.iter().filter(|(_, f)| f.rule == rule).collect();
            let title = escape_text(&run.rule_title(rule));
            let title = match of_rule.first().and_then(|(_, f)| run.rule_link(f)) {
                Some(url) => link(&title, &url),
                None => title,
            };
            Group {
                header: Some(format!(
                    "**{title}** · {} · {}",
                    code_span(rule),
                    count(of_rule.len(), "finding", "findings")
                )),
                items: of_rule.iter().map(|(i, f)| item(*i, f)).collect(),
            }
        })
        .collect()
}

fn finding_item(f: &Finding) -> String {
    let mut s = format!("{} {}", code_span(&place(f)), inline(&f.message));
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
    fn hard_cut_respects_the_limit() {
        let text = "<!-- m -->\n".to_string() + &"😀".repeat(500);
        let cut = hard_cut(&text, 200);
        assert!(utf16_len(&cut) <= 200);
        assert!(cut.starts_with("<!-- m -->"));
    }
}
