// Helpers that need no WebAssembly (see index.d.ts for the documentation).
export { SEVERITIES, severityLabel, compareSeverity, verdict, LineIndex } from "./index.js";
export type {
  Severity,
  RuleSeverity,
  Position,
  Range,
  Finding,
  ReportError,
  ReportErrorKind,
  DocumentInfo,
  Summary,
  AckEntry,
  Report,
  LintOptions,
  RuleInfo,
  RulesetListing,
  BuiltinRuleset,
  VersionInfo,
  Verdict,
} from "./index.js";
