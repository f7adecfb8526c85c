// The CodeMirror 6 editor: YAML/JSON modes and oaslint's findings as lint
// markers (underlines and gutter icons) at their exact ranges.
// First, before any CodeMirror module is evaluated (see the file).
import "./idle-parsing";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, type Extension, type Text } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type ViewUpdate,
} from "@codemirror/view";
import type { Finding, Position, Range, Report, ReportError, Severity } from "oaslint-wasm";
import { severityLabel } from "oaslint-wasm/helpers";

export type Mode = "yaml" | "json";

const language = new Compartment();

function languageFor(mode: Mode): Extension {
  return mode === "json" ? json() : yaml();
}

/** As the engine decides: JSON when the first non-blank character is `{` or `[`. */
export function detectMode(text: string): Mode {
  const m = /^[\uFEFF \t\r\n]*(.)/.exec(text.slice(0, 4096));
  return m && (m[1] === "{" || m[1] === "[") ? "json" : "yaml";
}

// Squiggles and gutter icons with at least 3:1 contrast on white (WCAG
// 1.4.11), one colour and one shape per severity.
const COLORS: Record<Severity, string> = { must: "#b3261e", should: "#9a4f00", may: "#1a5fb4", hint: "#595959" };

function svgUrl(content: string, attrs: string): string {
  return `url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${encodeURIComponent(content)}</svg>')`;
}

function squiggle(color: string): string {
  return svgUrl(
    `<path d="m0 2.5 l2 -1.5 l1 0 l2 1.5 l1 0" stroke="${color}" fill="none" stroke-width="1"/>`,
    `width="6" height="3"`,
  );
}

const ICONS: Record<Severity, string> = {
  must: `<circle cx="20" cy="20" r="16" fill="${COLORS.must}"/><path d="M20 10v12M20 27v3" stroke="#fff" stroke-width="5" stroke-linecap="round"/>`,
  should: `<path d="M20 4L37 35H3Z" fill="${COLORS.should}" stroke-linejoin="round"/><path d="M20 15v9M20 29v1" stroke="#fff" stroke-width="4.5" stroke-linecap="round"/>`,
  may: `<rect x="4" y="4" width="32" height="32" rx="6" fill="${COLORS.may}"/><path d="M20 18v11M20 11v1" stroke="#fff" stroke-width="5" stroke-linecap="round"/>`,
  hint: `<circle cx="20" cy="20" r="14" fill="none" stroke="${COLORS.hint}" stroke-width="5"/>`,
};

const CM_SEVERITY = { must: "error", should: "warning", may: "info", hint: "hint" } as const;

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px", backgroundColor: "#fff", color: "#1f1f1f" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace" },
  ".cm-content": { caretColor: "#000" },
  "&.cm-focused": { outline: "2px solid #1a5fb4", outlineOffset: "-2px" },
  ".cm-gutters": { backgroundColor: "#f4f4f4", color: "#545454", borderRight: "1px solid #d0d0d0" },
  ".cm-activeLine": { backgroundColor: "#eef3fb" },
  ".cm-activeLineGutter": { backgroundColor: "#dfe7f5", color: "#1f1f1f" },
  ".cm-lintRange-error": { backgroundImage: squiggle(COLORS.must) },
  ".cm-lintRange-warning": { backgroundImage: squiggle(COLORS.should) },
  ".cm-lintRange-info": { backgroundImage: squiggle(COLORS.may) },
  ".cm-lintRange-hint": { backgroundImage: squiggle(COLORS.hint) },
  ".cm-lintRange": { paddingBottom: "1px" },
  ".cm-lintRange.oas-span": { backgroundImage: "none", paddingBottom: "0" },
  ".cm-lintPoint:after": { borderBottomColor: COLORS.must },
  ".cm-lintPoint-warning:after": { borderBottomColor: COLORS.should },
  ".cm-lintPoint-info:after": { borderBottomColor: COLORS.may },
  ".cm-lintPoint-hint:after": { borderBottomColor: COLORS.hint },
  ".cm-diagnostic-error": { borderLeft: `5px solid ${COLORS.must}` },
  ".cm-diagnostic-warning": { borderLeft: `5px solid ${COLORS.should}` },
  ".cm-diagnostic-info": { borderLeft: `5px solid ${COLORS.may}` },
  ".cm-diagnostic-hint": { borderLeft: `5px solid ${COLORS.hint}` },
  ".cm-lint-marker-error": { content: svgUrl(ICONS.must, `viewBox="0 0 40 40"`) },
  ".cm-lint-marker-warning": { content: svgUrl(ICONS.should, `viewBox="0 0 40 40"`) },
  ".cm-lint-marker-info": { content: svgUrl(ICONS.may, `viewBox="0 0 40 40"`) },
  ".cm-lint-marker-hint": { content: svgUrl(ICONS.hint, `viewBox="0 0 40 40"`) },
  ".cm-tooltip": { backgroundColor: "#fff", color: "#1f1f1f", border: "1px solid #8a8a8a" },
  ".oas-diag-rule": { fontWeight: "600" },
  ".oas-diag-link": { color: "#0b57d0", marginLeft: "0.5em" },
});

export interface EditorCallbacks {
  onDocChanged: (update: ViewUpdate) => void;
  onCursor: (line: number, column: number) => void;
}

export function createEditor(parent: HTMLElement, text: string, mode: Mode, cb: EditorCallbacks): EditorView {
  const state = EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      lintGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      syntaxHighlighting(defaultHighlightStyle),
      EditorState.tabSize.of(2),
      language.of(languageFor(mode)),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
      EditorView.contentAttributes.of({ "aria-label": "OpenAPI document", spellcheck: "false", autocorrect: "off", autocapitalize: "off" }),
      theme,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) cb.onDocChanged(update);
        if (update.docChanged || update.selectionSet) {
          const head = update.state.selection.main.head;
          const line = update.state.doc.lineAt(head);
          cb.onCursor(line.number, head - line.from + 1);
        }
      }),
    ],
  });
  return new EditorView({ state, parent });
}

export function setMode(view: EditorView, mode: Mode): void {
  view.dispatch({ effects: language.reconfigure(languageFor(mode)) });
}

/** Offset of a 1-based line and 1-based UTF-16 column (CodeMirror counts UTF-16 code units too). */
export function toOffset(doc: Text, pos: Position): number {
  if (!(pos.line >= 1)) return 0;
  if (pos.line > doc.lines) return doc.length;
  const line = doc.line(pos.line);
  return Math.min(line.from + Math.max(pos.column, 1) - 1, line.to);
}

export function toSpan(doc: Text, range: Range): [number, number] {
  const from = toOffset(doc, range.start);
  return [from, Math.max(from, toOffset(doc, range.end))];
}

function diagnosticMessage(label: string, text: string, link: string | null): (view: EditorView) => Node {
  return () => {
    const root = document.createElement("span");
    const rule = document.createElement("span");
    rule.className = "oas-diag-rule";
    rule.textContent = label;
    root.append(rule, " ", text);
    if (link) {
      const a = document.createElement("a");
      a.className = "oas-diag-link";
      a.href = link;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = "Guideline";
      root.append(a);
    }
    return root;
  };
}

/** The report's findings and errors in `fileName` as CodeMirror diagnostics. */
export function toDiagnostics(report: Report, doc: Text, fileName: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of report.errors as ReportError[]) {
    if (e.file !== fileName) continue;
    const [from, to] = e.range ? toSpan(doc, e.range) : [0, 0];
    const label = `${e.kind} error${e.rule ? ` (${e.rule})` : ""}:`;
    out.push({ from, to, severity: "error", source: "oaslint", message: `${label} ${e.message}`, renderMessage: diagnosticMessage(label, e.message, null) });
  }
  for (const f of report.findings as Finding[]) {
    if (f.file !== fileName) continue;
    const [from, to] = toSpan(doc, f.range);
    // A change against the base version names its check (as oasdiff does).
    const label = `${severityLabel(f.severity)} ${f.rule}${f.check ? ` ${f.check}` : ""}:`;
    // A range over several lines (a whole object, e.g. the document for a
    // missing top-level member) keeps its exact extent for hovering and F8,
    // but is not underlined: its gutter icon marks the first line.
    const span = f.range.end.line > f.range.start.line ? " oas-span" : "";
    out.push({
      from,
      to,
      severity: CM_SEVERITY[f.severity],
      markClass: `oas-${f.severity}${span}`,
      source: `oaslint ${f.rule}`,
      message: `${label} ${f.message}`,
      renderMessage: diagnosticMessage(label, f.message, f.link),
    });
  }
  return out;
}

export function showDiagnostics(view: EditorView, diagnostics: Diagnostic[]): void {
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Puts the cursor at `range`'s start, scrolls it into the middle and focuses the editor. */
export function goTo(view: EditorView, range: Range): void {
  const [from] = toSpan(view.state.doc, range);
  view.dispatch({ selection: EditorSelection.cursor(from), effects: EditorView.scrollIntoView(from, { y: "center" }) });
  view.focus();
}

export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: EditorSelection.cursor(0), scrollIntoView: true });
}

