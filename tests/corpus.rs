//! Lints every real-world spec of the shared corpus with the built-in
//! ruleset: no errors, and every finding's range points at the node its
//! pointer names, checked against an independent re-parse.

use oaslint::{
    Document, FunctionRegistry, Limits, Linter, MemoryResolver, NodeRef, Position, RulesetLoader,
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

/// The node at `pointer`, else its nearest existing ancestor, with the
/// number of the pointer's segments that exist.
pub(crate) fn lookup_nearest<'d>(doc: &'d Document, pointer: &str) -> (NodeRef<'d>, usize) {
    let segments: Vec<&str> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer[1..].split('/').collect()
    };
    for n in (0..=segments.len()).rev() {
        let prefix: String = segments[..n].iter().map(|s| format!("/{s}")).collect();
        if let Some(node) = doc.lookup(&prefix) {
            return (node, n);
        }
    }
    panic!("{}: the document has no root", doc.name)
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
            let (node, matched) = lookup_nearest(&doc, &f.pointer);
            let segments = if f.pointer.is_empty() {
                0
            } else {
                f.pointer[1..].split('/').count()
            };
            let value = node.range();
            let key = node.key_range();
            if matched == segments {
                // The range is the node's value, its key, key + value, or a
                // part of the key that is written in the key
                // (`Outcome::within`: one path segment).
                let whole_key = key.is_some_and(|k| {
                    f.range.start == k.start && (f.range.end == k.end || f.range.end == value.end)
                });
                let part_of_key = !whole_key
                    && key.is_some_and(|k| k.start <= f.range.start && f.range.end <= k.end);
                assert!(
                    f.range == value || whole_key || part_of_key,
                    "{name}: {} {} at {:?} is not the node {}",
                    f.rule,
                    f.message,
                    f.range,
                    f.pointer
                );
                let at = &doc.text[offset_of(&doc, f.range.start)..];
                let k = node.key().unwrap_or_default();
                if part_of_key {
                    let part = &at[..offset_of(&doc, f.range.end) - offset_of(&doc, f.range.start)];
                    assert!(
                        !part.is_empty() && k.contains(part),
                        "{name}: {} at {:?} is not a part of key {k:?}",
                        f.rule,
                        f.range
                    );
                } else if whole_key {
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
                    f.range.start == value.start || key.is_some_and(|k| f.range.start == k.start),
                    "{name}: missing {} not reported at its parent",
                    f.pointer
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked > 100,
        "the corpus yields findings to check ({checked})"
    );
}
