// Measures oaslint against Spectral on real public rulesets (issue 10,
// "Done when"): see measure.sh for the command line. For every ruleset ×
// spec pair: does the ruleset load in oaslint unchanged, does each tool
// run, how many findings, agreement on location and message (rules both
// ran), and the time of each tool. Writes OUT/results.md (tables),
// OUT/differences.md (every difference, grouped), OUT/differences.json (all
// of them, for analysis) and OUT/results.json.
//
// Findings pair up on rule id + file + JSON path (lib.mjs compare). Of the
// union (pairs + findings only one tool reported), "location" counts pairs
// whose start line is equal too, "range" pairs whose whole range (start and
// end, line and character) is equal, "message" pairs with equal start line
// and equal text. A finding reported at another path by the other tool
// (a $ref target instead of its use, a missing member instead of its parent)
// counts against all three.
//
// Spectral's result and time for a pair are kept in OUT/spectral/ and
// reused by the next run into the same OUT (Spectral takes minutes on
// the larger specs; its answer does not change): FRESH=1 runs it again.
//
// Times: oaslint's is the median of RUNS runs (default 3). Spectral's is
// one run, except where that makes oaslint less than CLOSE (default 30)
// times faster: there Spectral too runs RUNS times (the runs are kept with
// its cached result) and the median counts. A single run of a process
// that takes 0.1 s varies by tens of per cent on a shared machine.

import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compare, describe, oaslintRules, percent, run, runSpectral, spectralRules } from './lib.mjs';

/**
 * Runs `oaslint lint --format spectral-json` on one spec. Exit code 2 with
 * a JSON report is a run in which some rules failed (a custom function
 * threw, timed out, returned something unusable): the errors name rule and
 * function file on stderr and every other rule's findings are in the
 * report, so it counts as a run, with `ruleErrors`. No report is a failure.
 */
function runOaslintReport(bin, ruleset, spec, roots, cwd) {
  const r = run(bin, ['lint', '--no-ack', '-f', 'spectral-json', '-r', ruleset, ...roots.flatMap(d => ['--ref-root', d]), spec], { cwd });
  let results;
  try {
    results = JSON.parse(r.stdout);
  } catch {
    results = null;
  }
  const errors = r.stderr.split('\n').filter(l => l.trim() && !l.startsWith('warning:'));
  if (!Array.isArray(results) || ![0, 1, 2].includes(r.code)) {
    return { ok: false, seconds: r.seconds, error: errors.slice(0, 3).join(' | ').slice(0, 400) || `exit ${r.code} ${r.signal ?? ''}` };
  }
  return { ok: true, seconds: r.seconds, results, ruleErrors: r.code === 2 ? errors : [] };
}

const [prefix, oaslint, rulesetsDir, outDir, ...specArgs] = process.argv.slice(2);
if (!outDir || specArgs.length === 0) {
  console.error('usage: node measure.mjs SPECTRAL_PREFIX OASLINT_BIN RULESETS_DIR OUT_DIR SPEC…');
  process.exit(2);
}
const specs = specArgs.map(s => path.resolve(s));
const only = process.env.RULESETS ? new Set(process.env.RULESETS.split(',')) : null;
const RUNS = Math.max(1, Number(process.env.RUNS ?? 3));
const CLOSE = Number(process.env.CLOSE ?? 30);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rulesets = readdirSync(rulesetsDir, { withFileTypes: true })
  .filter(d => d.isDirectory() && existsSync(path.join(rulesetsDir, d.name, 'ruleset.yaml')))
  .map(d => d.name)
  .filter(n => !only || only.has(n))
  .sort();
mkdirSync(outDir, { recursive: true });
const cwd = mkdtempSync(path.join(os.tmpdir(), 'oaslint-measure-'));
const roots = [path.resolve(rulesetsDir), ...new Set(specs.map(s => path.dirname(s)))];

const rows = [];
const allDifferences = [];
for (const name of rulesets) {
  const ruleset = path.resolve(rulesetsDir, name, 'ruleset.yaml');
  const sRules = await spectralRules(prefix, ruleset);
  const oRules = oaslintRules(oaslint, ruleset, roots, cwd);
  const common = new Set((sRules.rules ?? []).filter(r => (oRules.rules ?? []).includes(r)));
  console.error(`${name}: Spectral ${sRules.rules?.length ?? 'error'} rules, oaslint ${oRules.rules?.length ?? 'does not load'}${oRules.error ? ` (${oRules.error})` : ''}`);
  for (const spec of specs) {
    const cached = path.join(outDir, 'spectral', `${name}__${path.basename(spec)}.json`);
    let s;
    if (existsSync(cached) && !process.env.FRESH) {
      s = JSON.parse(readFileSync(cached, 'utf8'));
    } else {
      s = runSpectral(prefix, ruleset, [spec], cwd);
      mkdirSync(path.dirname(cached), { recursive: true });
      writeFileSync(cached, JSON.stringify(s));
    }
    const o = oRules.error ? null : runOaslintReport(oaslint, ruleset, spec, roots, cwd);
    if (o) {
      const times = [o.seconds];
      for (let i = 1; i < RUNS; i++) times.push(runOaslintReport(oaslint, ruleset, spec, roots, cwd).seconds);
      o.seconds = median(times);
    }
    if (o?.ok && s.ok && s.seconds / o.seconds < CLOSE) {
      s.times ??= [s.seconds];
      if (s.times.length < RUNS) {
        while (s.times.length < RUNS) s.times.push(runSpectral(prefix, ruleset, [spec], cwd).seconds);
        writeFileSync(cached, JSON.stringify(s));
      }
    }
    if (s.times) s.seconds = median(s.times.slice(0, RUNS));
    const row = {
      ruleset: name,
      spec: path.basename(spec),
      loads: !oRules.error,
      loadError: oRules.error,
      spectralRules: sRules.rules?.length ?? 0,
      oaslintRules: oRules.rules?.length ?? 0,
      commonRules: common.size,
      spectralOk: s.ok,
      spectralError: s.error,
      spectralSeconds: s.seconds,
      oaslintOk: o ? o.ok : false,
      oaslintError: o?.error,
      oaslintRuleErrors: o?.ruleErrors ?? [],
      oaslintSeconds: o?.seconds,
      spectralFindings: s.results?.length,
      oaslintFindings: o?.results?.length,
    };
    if (s.ok && o && o.results) {
      const { stats, differences } = compare(s.results, o.results, common);
      row.stats = stats;
      for (const d of differences) allDifferences.push({ ruleset: name, spec: row.spec, ...d });
    }
    rows.push(row);
    console.error(
      `  ${row.spec}: Spectral ${s.ok ? `${row.spectralFindings} findings` : `FAILED (${s.error})`} ${s.seconds.toFixed(2)} s; ` +
        `oaslint ${o ? (o.ok ? `${row.oaslintFindings} findings${o.ruleErrors.length ? ` and ${o.ruleErrors.length} rule errors (${o.ruleErrors[0].slice(0, 300)})` : ''}` : `FAILED (${o.error})`) : 'not run'} ${o ? o.seconds.toFixed(2) + ' s' : ''}` +
        (row.stats
          ? `; location ${percent(row.stats.location, row.stats.union)}, range ${percent(row.stats.range, row.stats.union)}, message ${percent(row.stats.message, row.stats.union)}`
          : '') +
        (row.spectralOk && o?.ok ? `; ${(s.seconds / o.seconds).toFixed(0)}× faster` : ''),
    );
  }
}

writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ specs, rows }, null, 1));

// results.md: one table per ruleset summary, then per pair.
const md = [];
const sum = (rs, f) => rs.reduce((a, r) => a + (r.stats ? r.stats[f] : 0), 0);
md.push(
  'Findings pair up on rule id, file and JSON path. Of the union (pairs + findings one tool alone reported): ' +
    '*location* = same start line too, *range* = same start and end (line and character), ' +
    '*message* = same start line and same text. Rules both ran only. Times are wall-clock per ruleset × spec pair.',
  '',
);
md.push('| ruleset | loads unchanged | runs (pairs) | Spectral fails | both fail | oaslint fails where Spectral does not | rules both ran | findings Spectral / oaslint (common rules) | location | range | message | Spectral s / oaslint s (sum) | slowest speed-up (Spectral s / oaslint s) |');
md.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const name of rulesets) {
  const rs = rows.filter(r => r.ruleset === name);
  const loads = rs[0].loads ? 'yes' : `no: ${rs[0].loadError.replace(/\|/g, '\\|')}`;
  const withErrors = rs.filter(r => r.oaslintOk && r.oaslintRuleErrors.length).length;
  const runs = `${rs.filter(r => r.oaslintOk).length}/${rs.length}${withErrors ? ` (${withErrors} with rule errors)` : ''}`;
  const sFail = rs.filter(r => !r.spectralOk).length;
  const oFail = rs.filter(r => r.spectralOk && r.loads && !r.oaslintOk).length;
  const bothFail = rs.filter(r => !r.spectralOk && !r.oaslintOk).length;
  const seconds = f => rs.reduce((a, r) => a + (r[f] ?? 0), 0).toFixed(1);
  const union = sum(rs, 'union');
  const speed = rs
    .filter(r => r.oaslintOk && r.spectralOk)
    .map(r => r.spectralSeconds / r.oaslintSeconds);
  md.push(
    `| ${name} | ${loads} | ${runs} | ${sFail} | ${bothFail} | ${oFail} | ${rs[0].commonRules} of ${rs[0].spectralRules} | ${sum(rs, 'spectral')} / ${sum(rs, 'oaslint')} | ${percent(sum(rs, 'location'), union)} | ${percent(sum(rs, 'range'), union)} | ${percent(sum(rs, 'message'), union)} | ${seconds('spectralSeconds')} / ${seconds('oaslintSeconds')} | ${speed.length ? Math.min(...speed).toFixed(1) + '×' : '—'} |`,
  );
}
const all = rows;
const union = sum(all, 'union');
md.push('');
md.push(
  `All pairs: ${rulesets.filter(n => rows.find(r => r.ruleset === n).loads).length} of ${rulesets.length} rulesets load unchanged; ` +
    `on rules both ran ${sum(all, 'spectral')} Spectral / ${sum(all, 'oaslint')} oaslint findings, ` +
    `location agrees on ${percent(sum(all, 'location'), union)}, message on ${percent(sum(all, 'message'), union)}, ` +
    `exact range on ${percent(sum(all, 'range'), union)}, severity on ${percent(sum(all, 'severity'), sum(all, 'pairs'))} of pairs.`,
);
md.push('');
md.push('| ruleset | spec | Spectral | oaslint | findings S / O (common rules) | location | range | message | Spectral s | oaslint s | speed-up |');
md.push('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const st = r.stats;
  md.push(
    `| ${r.ruleset} | ${r.spec} | ${r.spectralOk ? 'ok' : 'fails: ' + String(r.spectralError).replace(/\|/g, '\\|').slice(0, 120)} | ${!r.loads ? 'does not load' : r.oaslintOk ? (r.oaslintRuleErrors.length ? `ok, ${r.oaslintRuleErrors.length} rule errors: ` + r.oaslintRuleErrors[0].replace(/\|/g, '\\|').slice(0, 160) : 'ok') : 'fails: ' + String(r.oaslintError).replace(/\|/g, '\\|').slice(0, 120)} | ${st ? `${st.spectral} / ${st.oaslint}` : '—'} | ${st ? percent(st.location, st.union) : '—'} | ${st ? percent(st.range, st.union) : '—'} | ${st ? percent(st.message, st.union) : '—'} | ${r.spectralSeconds.toFixed(2)} | ${r.oaslintSeconds != null ? r.oaslintSeconds.toFixed(2) : '—'} | ${r.oaslintOk && r.spectralOk ? (r.spectralSeconds / r.oaslintSeconds).toFixed(0) + '×' : '—'} |`,
  );
}
writeFileSync(path.join(outDir, 'results.md'), md.join('\n') + '\n');

// differences.md: grouped by kind and rule, counts and three examples.
const groups = new Map();
for (const d of allDifferences) {
  const k = `${d.kind}\u0000${d.code}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(d);
}
const dm = ['# Differences between Spectral 6.16.3 and oaslint on the public rulesets', ''];
dm.push('Grouped by kind (line, range, message, severity, missing-member, only-spectral, only-oaslint) and rule; three examples each.', '');
for (const [k, ds] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) {
  const [kind, code] = k.split('\u0000');
  const rulesetsOf = [...new Set(ds.map(d => d.ruleset))].join(', ');
  dm.push(`## ${kind} ${code} — ${ds.length} (${rulesetsOf})`, '');
  for (const d of ds.slice(0, 3)) dm.push(`- ${d.spec}: ${describe(d)}`);
  dm.push('');
}
writeFileSync(path.join(outDir, 'differences.md'), dm.join('\n'));
writeFileSync(path.join(outDir, 'differences.json'), JSON.stringify(allDifferences));
console.error(`wrote ${outDir}/results.md, differences.md, results.json`);
