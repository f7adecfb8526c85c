//! Lints every real-world spec of the shared corpus with the built-in
//! ruleset: no errors, and every finding's range points at the node its
//! pointer names, checked against an independent re-parse.

use oaslint::{
    Document, FunctionRegistry, Limits, Linter, MemoryResolver, Position, RulesetLoader,
};
use oaslint_acceptance::corpus_dir;

/// Byte offset of a 1-based line and UTF-16 column.
fn offset_of(doc: &Document, p: Position) -> usize {
    let start = doc.lines.line_start(p.line as usize - 1);
    let line = doc.lines.line_text(&doc.text, p.line as usize - 1);
    let mut units = 1;
    for (i, c) in line.char_indices() {
        if units >= p.column {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    start + line.len()
}

#[test]
fn every_corpus_file_lints_and_every_finding_is_located() {
    let Some(dir) = corpus_dir() else {
        eprintln!("shared corpus not found; skipping");
        return;
    };
    let registry = FunctionRegistry::default();
    let files = MemoryResolver::new();
    let linter = Linter::new(
        RulesetLoader::new(&files, &registry)
            .load_builtin("zalando")
            .unwrap(),
    );
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    names.sort();
    assert!(names.len() >= 13, "the corpus has 13 specs");
    let mut checked = 0;
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let report = linter.lint(&name, &text, &files);
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
        assert!(report.documents[0].format.is_some(), "{name}");
        let doc = Document::parse(&name, text, &Limits::default()).unwrap();
        for f in &report.findings {
            assert_eq!(f.file, name);
            let (node, matched) = doc.tree.lookup_nearest(&f.pointer);
            let segments = if f.pointer.is_empty() {
                0
            } else {
                f.pointer[1..].split('/').count()
            };
            let start = offset_of(&doc, f.range.start);
            let end = offset_of(&doc, f.range.end);
            let n = doc.tree.node(node);
            let key = doc.tree.key_of(node).map(|(_, s)| s);
            if matched == segments {
                // The range is the node's value, its key, or key + value;
                // or a part of the key that is written in the key
                // (`Outcome::within`: one path segment).
                let part_of_key = key.filter(|k| {
                    start > k.start as usize && end <= k.end as usize
                        || start == k.start as usize && end < k.end as usize
                });
                if let Some((k, _)) = doc.tree.key_of(node).filter(|_| part_of_key.is_some()) {
                    assert!(
                        start < end && k.contains(&doc.text[start..end]),
                        "{name}: {} at {:?} is not a part of key {k:?}",
                        f.rule,
                        f.range
                    );
                }
                let ok = part_of_key.is_some()
                    || (start == n.span.start as usize && end == n.span.end as usize)
                    || key.is_some_and(|k| {
                        start == k.start as usize
                            && (end == k.end as usize || end == n.span.end as usize)
                    });
                assert!(
                    ok,
                    "{name}: {} {} at {:?} is not the node {}",
                    f.rule, f.message, f.range, f.pointer
                );
                if let Some((k, _)) = doc
                    .tree
                    .key_of(node)
                    .filter(|_| part_of_key.is_none())
                    .filter(|_| key.is_some_and(|k| start == k.start as usize))
                {
                    let at = &doc.text[start..];
                    let last = f.pointer.rsplit('/').next().unwrap();
                    assert_eq!(k, last.replace("~1", "/").replace("~0", "~"));
                    assert!(
                        at.starts_with(k) || at[1..].starts_with(k),
                        "{name}: range of {} starts at {:?}, not at key {k:?}",
                        f.pointer,
                        &at[..at.len().min(40)]
                    );
                }
            } else {
                // A missing member is reported at its nearest existing parent.
                assert!(
                    start == n.span.start as usize
                        || key.is_some_and(|k| start == k.start as usize),
                    "{name}: missing {} not reported at its parent",
                    f.pointer
                );
            }
            assert!(
                doc.tree.lookup(&f.pointer).is_some() || matched < segments,
                "{name}: {}",
                f.pointer
            );
            checked += 1;
        }
    }
    assert!(
        checked > 100,
        "the corpus yields findings to check ({checked})"
    );
}
