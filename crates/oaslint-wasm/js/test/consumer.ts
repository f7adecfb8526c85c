// Compiled (never run) by `npm run typecheck` in web/: the typings
// describe the API as a tool author would use it.
import { init, lint, lintJson, rules, version, verdict, LineIndex, SEVERITIES, compareSeverity, type Finding, type LintOptions, type Report, type RuleInfo, type Severity, type Verdict } from "../index.js";
import { verdict as verdict2, type Report as Report2 } from "../helpers.js";
import { initSync } from "../node.js";

export async function example(text: string): Promise<Verdict> {
  await init();
  const options: LintOptions = { fileName: "api.yaml", ruleset: "zalando", files: { "schemas/pet.yaml": "Pet: {}\n" } };
  const report: Report = lint(text, options);
  const json: string = lintJson(text, options);
  const parsed = JSON.parse(json) as Report2;
  const must: Finding[] = report.findings.filter((f) => f.severity === "must");
  const idx = new LineIndex(text);
  for (const f of must) {
    const [from, to]: [number, number] = idx.span(f.range);
    const link: string | null = f.link;
    console.log(f.rule, f.pointer, text.slice(from, to), link ?? "");
  }
  const listed: RuleInfo[] = rules({ rulesetText: "rules: {}" }).rules;
  const off = listed.filter((r) => r.severity === "off");
  const order: Severity[] = [...SEVERITIES].sort(compareSeverity);
  console.log(version().rulesets.map((r) => `${r.name}@${r.version}`), off.length, order, parsed.summary.ignored);
  return verdict(report) === verdict2(parsed) ? verdict(report) : "error";
}

export function sync(bytes: Uint8Array): void {
  initSync(bytes);
  initSync();
}

// @ts-expect-error: unknown option names are a type error (and thrown at run time)
lint("", { nope: true });
