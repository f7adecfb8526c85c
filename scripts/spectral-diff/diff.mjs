// The differential test against Spectral (issue 10, part 7); run.sh is
// its command line. For each ruleset written for the test
// (tests/fixtures/spectral-diff/*.yaml) it lints the specs with the pinned
// Spectral and with `oaslint lint --format spectral-json`, compares the
// findings of the rules both ran per ruleset × file (lib.mjs says how),
// prints the agreement and every difference, and checks the result against
// the committed expectations (a ratchet):
//
// - it fails when Spectral cannot run a ruleset (the test is broken);
// - when oaslint fails (exit code 2, a crash) on a ruleset Spectral runs,
//   unless the expectations list that ruleset as a known failure;
// - when agreement on location or on message text of a pair drops below
//   its expected percentage.
//
// `--update` writes the measured numbers as the new expectations (after a
// change that raises them; review the diff of expectations.json).

import { readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { bySource, compare, describe, oaslintRules, percent, readJson, runOaslint, runSpectral, spectralRules } from './lib.mjs';

const args = process.argv.slice(2);
const update = args.includes('--update');
const [prefix, oaslint, fixtures, expectationsFile, ...specArgs] = args.filter(a => a !== '--update');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const specs = specArgs.map(s => path.resolve(s));
const roots = [...new Set([path.resolve(fixtures), ...specs.map(s => path.dirname(s))])];
const expected = existsSync(expectationsFile) ? readJson(expectationsFile) : { rulesets: {}, pairs: {} };
const measured = { rulesets: {}, pairs: {} };
const failures = [];
const notes = [];
// Percentages are compared at one decimal, as written.
const pct = (n, d) => (d === 0 ? 100 : Math.floor((1000 * n) / d) / 10);
const name = file => {
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? path.basename(file) : rel;
};

const rulesets = readdirSync(fixtures)
  .filter(f => /\.ya?ml$/.test(f))
  .sort();
let total = { union: 0, location: 0, message: 0, spectral: 0, oaslint: 0 };
for (const file of rulesets) {
  const ruleset = path.resolve(fixtures, file);
  const s = runSpectral(prefix, ruleset, specs, root);
  if (!s.ok) {
    failures.push(`${file}: Spectral fails: ${s.error}`);
    continue;
  }
  const sRules = await spectralRules(prefix, ruleset);
  const oRules = oaslintRules(oaslint, ruleset, roots, root);
  const o = oRules.error ? { ok: false, error: oRules.error, results: [] } : runOaslint(oaslint, ruleset, specs, roots, root);
  const status = o.ok ? 'ok' : 'error';
  measured.rulesets[file] = status;
  const known = expected.rulesets[file];
  console.log(`\n== ${file}: Spectral ${s.results.length} findings (${s.seconds.toFixed(1)} s); oaslint ${o.ok ? `${o.results.length} findings (${o.seconds.toFixed(2)} s)` : `FAILS: ${o.error}`}`);
  if (!o.ok) {
    if (known === 'error') notes.push(`${file}: oaslint fails, a known failure (expectations.json): ${o.error}`);
    else failures.push(`${file}: oaslint fails where Spectral runs: ${o.error}`);
    continue;
  }
  if (known === 'error') notes.push(`${file}: now runs in oaslint — record it with --update`);
  const common = new Set((sRules.rules ?? []).filter(r => (oRules.rules ?? []).includes(r)));
  const sBy = bySource(s.results);
  const oBy = bySource(o.results);
  const sources = [...new Set([...sBy.keys(), ...oBy.keys(), ...specs])].sort();
  for (const source of sources) {
    const { stats, differences } = compare(sBy.get(source) ?? [], oBy.get(source) ?? [], common);
    if (stats.union === 0) continue;
    const key = `${file} × ${name(source)}`;
    const now = { location: pct(stats.location, stats.union), message: pct(stats.message, stats.union) };
    measured.pairs[key] = now;
    for (const f of ['union', 'location', 'message', 'spectral', 'oaslint']) total[f] += stats[f];
    const before = expected.pairs[key];
    let verdict = '';
    if (before) {
      for (const what of ['location', 'message']) {
        if (now[what] < before[what]) {
          failures.push(`${key}: agreement on ${what} ${now[what]} % is below the expected ${before[what]} %`);
          verdict += ` BELOW expected ${what} ${before[what]} %`;
        } else if (now[what] > before[what]) {
          verdict += ` (${what} up from ${before[what]} %: --update)`;
        }
      }
    }
    console.log(
      `${key}: ${stats.spectral} Spectral / ${stats.oaslint} oaslint findings of rules both ran; ` +
        `location ${percent(stats.location, stats.union)}, message ${percent(stats.message, stats.union)}, ` +
        `exact range ${percent(stats.range, stats.union)}${verdict}`,
    );
    for (const d of differences) console.log(`  ${describe(d)}`);
  }
}
console.log(
  `\nAll pairs: ${total.spectral} Spectral / ${total.oaslint} oaslint findings of rules both ran; ` +
    `location agrees on ${percent(total.location, total.union)}, message on ${percent(total.message, total.union)}`,
);
for (const n of notes) console.log(`note: ${n}`);
if (update) {
  writeFileSync(expectationsFile, JSON.stringify(measured, null, 2) + '\n');
  console.log(`wrote ${expectationsFile}`);
} else if (failures.length > 0) {
  console.log(`\nspectral-diff FAILED:\n${failures.map(f => `  ${f}`).join('\n')}`);
  process.exit(1);
}
