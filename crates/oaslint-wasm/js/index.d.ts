// Typings of the oaslint WebAssembly package. The shapes follow the
// report contract in docs/report.schema.json (report format 1.x).

/** A finding's severity, strongest first: must > should > may > hint. */
export type Severity = "must" | "should" | "may" | "hint";

/** A rule's configured severity; `off` rules are listed but never report. */
export type RuleSeverity = Severity | "off";

/** A place in a document: 1-based line, 1-based column in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
}

/** A range in a document; `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** One rule violation at one place. */
export interface Finding {
  /** Rule id; for the zalando ruleset the guideline number. */
  rule: string;
  severity: Severity;
  message: string;
  /** The file the finding is in (`fileName`, or a `$ref`'d file). */
  file: string;
  /** RFC 6901 JSON pointer into `file`; for a missing member, the member that should exist. */
  pointer: string;
  range: Range;
  /** The guideline the rule implements. */
  link: string | null;
  /** CLI only (never from this package): set when an acknowledgement file accepts the finding. */
  acknowledged?: { reason: string; by?: string; at?: string };
  /** A change against a base version (rule `106` or `116`): the check's id, oasdiff's where it has one. */
  check?: string;
  /** A change against a base version: where the changed or removed part was in the base. */
  base?: { file: string; pointer: string; range: Range };
}

/** Why an input could not be processed (the CLI exits with 2). */
export type ReportErrorKind = "parse" | "not-openapi" | "reference" | "ruleset" | "io";

/** An input that could not be processed. */
export interface ReportError {
  kind: ReportErrorKind;
  file: string;
  pointer?: string;
  range?: Range;
  rule?: string;
  message: string;
}

/** A document that was read: the linted file or a file a `$ref` pulled in. */
export interface DocumentInfo {
  file: string;
  /** Detected format of a linted document; `null` for `$ref`'d fragments and unreadable documents. */
  format: "swagger-2.0" | "openapi-3.0" | "openapi-3.1" | (string & {}) | null;
  /** SHA-256 of the document's UTF-8 bytes, lower-case hex. */
  sha256: string;
}

/** Findings per severity, plus those suppressed by `x-zally-ignore` / `x-lint-ignore`. */
export interface Summary {
  must: number;
  should: number;
  may: number;
  hint: number;
  ignored: number;
  /** CLI only, with an acknowledgement file: findings acknowledged there (still counted by severity). */
  acknowledged?: number;
}

/** CLI only: an entry of an acknowledgement file. */
export interface AckEntry {
  rule: string;
  file: string;
  pointer: string;
  reason: string;
  by?: string;
  at?: string;
  line?: number;
}

/** The report: the same object as the CLI's `--format json` output. */
export interface Report {
  tool: { name: "oaslint"; version: string };
  ruleset: { name: string; version: string };
  /** CLI only, optional: the time of the run (RFC 3339 UTC). */
  timestamp?: string;
  /** CLI only, optional: the acknowledgement file used. */
  acknowledgements?: { file: string; sha256: string; stale: AckEntry[]; refused: AckEntry[] };
  documents: DocumentInfo[];
  /** Ordered by document, then position, then rule id. */
  findings: Finding[];
  summary: Summary;
  errors: ReportError[];
}

/** Options of {@link lint}, {@link lintJson} and {@link rules}. Unknown names are rejected. */
export interface LintOptions {
  /** The document's file name in findings (default `openapi.yaml`). */
  fileName?: string;
  /** A built-in ruleset name (`zalando`, `zalando@0.1`); default `zalando`. */
  ruleset?: string;
  /** The text of a ruleset file (YAML or JSON); wins over `ruleset`. */
  rulesetText?: string;
  /** The ruleset file's name in error messages (default `ruleset.yaml`). */
  rulesetName?: string;
  /**
   * Other files by name, for relative `$ref`s, a ruleset's relative
   * `extends` and its custom function files (`functions/<name>.js`), which
   * run in this JavaScript engine (README: "Custom JavaScript functions").
   */
  files?: Record<string, string>;
  /**
   * A base version to compare the document with, as `oaslint lint --base`
   * does: its changes for clients (guideline 106) are added to the findings,
   * located in the document.
   */
  base?: BaseVersion;
}

/** The base version of {@link LintOptions.base}. Unknown names are rejected. */
export interface BaseVersion {
  /** The base version's text (YAML or JSON). */
  text: string;
  /** Its file name in the findings' `base` locations (default: `fileName`). */
  fileName?: string;
  /** The files the base version's `$ref`s name. */
  files?: Record<string, string>;
  /** The day of the comparison, `YYYY-MM-DD`, for `x-sunset` dates (the engine has no clock). */
  today: string;
  /** Also report changes that break nothing, as hints (the CLI's `--changelog`). */
  changelog?: boolean;
}

/** A rule as {@link rules} lists it. */
export interface RuleInfo {
  id: string;
  severity: RuleSeverity;
  title: string;
  description: string | null;
  link: string | null;
  /** The document formats the rule applies to (`oas2`, `oas3`, …); empty: every format. */
  formats: string[];
  tags: string[];
}

/**
 * A ruleset's rules, sorted by id (numeric ids numerically): the same JSON
 * as `oaslint rules --format json`.
 */
export interface RulesetListing {
  ruleset: { name: string; version: string };
  rules: RuleInfo[];
}

/** A built-in ruleset. */
export interface BuiltinRuleset {
  name: string;
  version: string;
}

/** What {@link version} returns. */
export interface VersionInfo {
  tool: "oaslint";
  version: string;
  rulesets: BuiltinRuleset[];
}

/**
 * The outcome a pull-request check reports (with the default `--fail-on must`):
 * `error` — an input could not be processed; `blocked` — MUST findings;
 * `acknowledge` — SHOULD/MAY findings to fix or acknowledge; `clean` — nothing
 * to act on (HINTs may remain).
 */
export type Verdict = "error" | "blocked" | "acknowledge" | "clean";

/** What to load the WebAssembly module from. */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | Promise<string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module>;

/**
 * Loads and instantiates the WebAssembly module; call (and await) it once
 * before anything else. Without an argument it fetches `oaslint_wasm_bg.wasm`
 * next to the package's JavaScript (in Node.js: reads it from disk). Calling
 * it again returns the same promise.
 */
export function init(input?: InitInput): Promise<void>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;

/** Whether {@link init} or {@link initSync} has finished. */
export function isReady(): boolean;

/**
 * Lints a YAML or JSON OpenAPI document. Problems with the document are in
 * the report's `errors`; wrong options or an invalid ruleset throw an `Error`.
 */
export function lint(text: string, options?: LintOptions): Report;

/** Like {@link lint}, but returns the exact JSON text the CLI's `--format json` prints. */
export function lintJson(text: string, options?: LintOptions): string;

/** The rules of a ruleset (`options.ruleset` / `options.rulesetText`). Throws on an invalid ruleset. */
export function rules(options?: LintOptions): RulesetListing;

/** The engine's version and its built-in rulesets. */
export function version(): VersionInfo;

/** The severities, strongest first. */
export const SEVERITIES: readonly ["must", "should", "may", "hint"];

/** The upper-case label the CLI prints: `MUST`, `SHOULD`, `MAY`, `HINT`. */
export function severityLabel(severity: Severity): string;

/** Sorts severities strongest first: negative when `a` is stronger than `b`. */
export function compareSeverity(a: Severity, b: Severity): number;

/** The verdict of a pull-request check for this report (see {@link Verdict}). */
export function verdict(report: Report): Verdict;

/**
 * Maps 1-based lines and UTF-16 columns of one text to offsets (UTF-16 code
 * units, as JavaScript strings, CodeMirror and Monaco count). Line breaks are
 * `\n`, `\r\n` or `\r`. Positions past a line's end or the text's end are clamped.
 */
export class LineIndex {
  constructor(text: string);
  /** Number of lines (a text ending in a line break has an empty last line). */
  readonly lineCount: number;
  /** Offset of a position. */
  offset(position: Position): number;
  /** `[from, to]` offsets of a range, `from <= to`. */
  span(range: Range): [number, number];
  /** 1-based line and UTF-16 column of an offset. */
  position(offset: number): Position;
}
