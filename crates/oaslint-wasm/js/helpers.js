// Helpers that need no WebAssembly: import "oaslint-wasm/helpers" where the
// module is not loaded (e.g. a page whose linting runs in a Web Worker).

export const SEVERITIES = Object.freeze(["must", "should", "may", "hint"]);

const RANK = { must: 0, should: 1, may: 2, hint: 3 };

export function severityLabel(severity) {
  return String(severity).toUpperCase();
}

export function compareSeverity(a, b) {
  return (RANK[a] ?? 4) - (RANK[b] ?? 4);
}

// As the CLI's PR check with the default `--fail-on must`.
export function verdict(report) {
  if (report.errors.length > 0) return "error";
  if (report.findings.some((f) => f.severity === "must")) return "blocked";
  if (report.findings.some((f) => f.severity === "should" || f.severity === "may")) return "acknowledge";
  return "clean";
}

export class LineIndex {
  #starts; // offset where each line starts
  #ends; // offset where each line's content ends (before its line break)
  #length;

  constructor(text) {
    const s = String(text);
    const starts = [0];
    const ends = [];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 10 || c === 13) {
        ends.push(i);
        if (c === 13 && s.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    ends.push(s.length);
    this.#starts = starts;
    this.#ends = ends;
    this.#length = s.length;
  }

  get lineCount() {
    return this.#starts.length;
  }

  offset(position) {
    const line = Math.floor(Number(position.line));
    if (!(line >= 1)) return 0;
    if (line > this.#starts.length) return this.#length;
    const column = Math.max(1, Math.floor(Number(position.column)) || 1);
    return Math.min(this.#starts[line - 1] + column - 1, this.#ends[line - 1]);
  }

  span(range) {
    const from = this.offset(range.start);
    const to = this.offset(range.end);
    return [from, Math.max(from, to)];
  }

  position(offset) {
    const o = Math.max(0, Math.min(Math.floor(Number(offset)) || 0, this.#length));
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.min(o, this.#ends[lo]) - this.#starts[lo] + 1 };
  }
}
