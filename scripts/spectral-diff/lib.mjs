// Shared by diff.mjs (the differential test) and measure.mjs (public
// rulesets): running both tools and comparing their findings.
//
// Findings are compared in Spectral's JSON shape (`spectral lint -f json`,
// which oaslint writes with `--format spectral-json`). Only the rules both
// tools ran count: enabled in Spectral's loaded ruleset and listed by
// `oaslint rules` for the same file.
//
// Two findings are the same finding when rule id, file and JSON path are
// equal. Of those pairs:
//   location agrees  when the start line is equal as well;
//   range agrees     when start and end (line and character) are equal;
//   message agrees   when the location agrees and the texts are identical;
//   severity agrees  when the numbers are equal.
// Percentages are of the union: pairs + findings only one tool reported.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Runs a program; returns {code, stdout, stderr, seconds, signal}. */
export function run(program, args, options = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(program, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: options.timeout ?? 600_000,
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? String(r.error) : ''),
    seconds,
  };
}

/** The Spectral CLI of the pinned install in `prefix`. */
export function spectralBin(prefix) {
  return path.join(prefix, 'node_modules', '.bin', 'spectral');
}

/** Spectral's enabled rule ids for a ruleset file, or {error}. */
export async function spectralRules(prefix, ruleset) {
  const require = createRequire(path.join(prefix, 'node_modules', 'x.js'));
  const { getRuleset } = require('@stoplight/spectral-cli/dist/services/linter/utils/getRuleset.js');
  try {
    const rs = await getRuleset(ruleset);
    return { rules: Object.values(rs.rules).filter(r => r.enabled).map(r => r.name) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

/**
 * Runs `spectral lint` on `specs` with `ruleset`. Returns {ok, results,
 * seconds, error}: `ok` false when Spectral failed (exit code 2, a crash,
 * output that is not its JSON report).
 */
export function runSpectral(prefix, ruleset, specs, cwd) {
  const r = run(spectralBin(prefix), ['lint', '-q', '-f', 'json', '-r', ruleset, ...specs], { cwd });
  if (r.code !== 0 && r.code !== 1) {
    return { ok: false, seconds: r.seconds, error: firstLines(r.stderr || r.stdout || `signal ${r.signal}`) };
  }
  try {
    return { ok: true, seconds: r.seconds, results: JSON.parse(r.stdout || '[]') };
  } catch {
    return { ok: false, seconds: r.seconds, error: firstLines(r.stdout) };
  }
}

/** oaslint's enabled rule ids for a ruleset file, or {error}. */
export function oaslintRules(bin, ruleset, roots, cwd) {
  const r = run(bin, ['rules', '-f', 'json', '-r', ruleset, ...roots.flatMap(d => ['--ref-root', d])], { cwd });
  if (r.code !== 0) return { error: firstLines(r.stderr || r.stdout) };
  const listing = JSON.parse(r.stdout);
  return { rules: listing.rules.filter(x => x.severity !== 'off').map(x => x.id) };
}

/**
 * Runs `oaslint lint --format spectral-json`. `ok` false when the exit code
 * is neither 0 nor 1 (2 is an error such as a ruleset that does not load;
 * anything else a crash); errors still give the results written.
 */
export function runOaslint(bin, ruleset, specs, roots, cwd) {
  const args = ['lint', '--no-ack', '-f', 'spectral-json', '-r', ruleset, ...roots.flatMap(d => ['--ref-root', d]), ...specs];
  const r = run(bin, args, { cwd });
  let results = [];
  try {
    results = JSON.parse(r.stdout || '[]');
  } catch {
    return { ok: false, seconds: r.seconds, error: firstLines(r.stderr || r.stdout), results };
  }
  if (r.code !== 0 && r.code !== 1) {
    return { ok: false, seconds: r.seconds, error: firstLines(r.stderr || `exit ${r.code} ${r.signal ?? ''}`), results };
  }
  return { ok: true, seconds: r.seconds, results };
}

function firstLines(text, n = 3) {
  return String(text).trim().split('\n').slice(0, n).join(' | ').slice(0, 400);
}

const pathKey = r => r.path.map(String).join('\u0000');

/**
 * Compares Spectral's and oaslint's results on the rules `common` (a Set
 * of ids). Returns counts and the list of differences (objects with
 * `kind`, `code`, `path`, `spectral`, `oaslint`).
 */
export function compare(spectral, oaslint, common) {
  const keep = r => common.has(r.code);
  const s = spectral.filter(keep);
  const o = oaslint.filter(keep);
  const groups = new Map();
  const key = r => `${r.code}\u0001${r.source}\u0001${pathKey(r)}`;
  for (const r of o) {
    const k = key(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  const stats = { spectral: s.length, oaslint: o.length, pairs: 0, location: 0, range: 0, message: 0, severity: 0 };
  const differences = [];
  const onlySpectral = [];
  for (const a of s) {
    const candidates = groups.get(key(a));
    if (!candidates || candidates.length === 0) {
      onlySpectral.push(a);
      continue;
    }
    // The best partner: same line and message, then same line.
    let best = candidates.findIndex(b => b.range.start.line === a.range.start.line && b.message === a.message);
    if (best < 0) best = candidates.findIndex(b => b.range.start.line === a.range.start.line);
    if (best < 0) best = 0;
    const b = candidates.splice(best, 1)[0];
    stats.pairs++;
    const sameLine = a.range.start.line === b.range.start.line;
    const sameRange = JSON.stringify(a.range) === JSON.stringify(b.range);
    if (sameLine) stats.location++;
    if (sameRange) stats.range++;
    if (sameLine && a.message === b.message) stats.message++;
    if (a.severity === b.severity) stats.severity++;
    if (!sameLine) differences.push({ kind: 'line', code: a.code, path: a.path, spectral: a, oaslint: b });
    else if (!sameRange) differences.push({ kind: 'range', code: a.code, path: a.path, spectral: a, oaslint: b });
    if (a.message !== b.message) differences.push({ kind: 'message', code: a.code, path: a.path, spectral: a, oaslint: b });
    if (a.severity !== b.severity) differences.push({ kind: 'severity', code: a.code, path: a.path, spectral: a, oaslint: b });
  }
  const onlyOaslint = [...groups.values()].flat();
  // A finding on a missing member: oaslint names the member, Spectral its
  // nearest existing parent. Told apart so that the list says so.
  for (const a of onlySpectral) {
    const i = onlyOaslint.findIndex(
      b => b.code === a.code && b.source === a.source && b.path.length === a.path.length + 1 && pathKey({ path: b.path.slice(0, -1) }) === pathKey(a),
    );
    if (i >= 0) {
      const b = onlyOaslint.splice(i, 1)[0];
      differences.push({ kind: 'missing-member', code: a.code, path: a.path, spectral: a, oaslint: b });
      stats.unmatchedMissingMember = (stats.unmatchedMissingMember ?? 0) + 1;
    } else {
      differences.push({ kind: 'only-spectral', code: a.code, path: a.path, spectral: a });
    }
  }
  for (const b of onlyOaslint) differences.push({ kind: 'only-oaslint', code: b.code, path: b.path, oaslint: b });
  stats.union = stats.spectral + stats.oaslint - stats.pairs;
  return { stats, differences };
}

/** `n / d` as a percentage with one decimal, `—` when `d` is 0. */
export function percent(n, d) {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`;
}

/** One line describing a difference, for people. */
export function describe(d) {
  const at = r => `${r.range.start.line + 1}:${r.range.start.character + 1}-${r.range.end.line + 1}:${r.range.end.character + 1}`;
  const p = JSON.stringify(d.path);
  switch (d.kind) {
    case 'line':
    case 'range':
      return `${d.kind} ${d.code} ${p}: Spectral ${at(d.spectral)}, oaslint ${at(d.oaslint)}`;
    case 'message':
      return `message ${d.code} ${p}: Spectral ${JSON.stringify(d.spectral.message)}, oaslint ${JSON.stringify(d.oaslint.message)}`;
    case 'severity':
      return `severity ${d.code} ${p}: Spectral ${d.spectral.severity}, oaslint ${d.oaslint.severity}`;
    case 'missing-member':
      return `missing-member ${d.code}: Spectral ${p} (${at(d.spectral)}), oaslint ${JSON.stringify(d.oaslint.path)} (${at(d.oaslint)})`;
    case 'only-spectral':
      return `only-spectral ${d.code} ${p} ${at(d.spectral)}: ${JSON.stringify(d.spectral.message)}`;
    default:
      return `only-oaslint ${d.code} ${p} ${at(d.oaslint)}: ${JSON.stringify(d.oaslint.message)}`;
  }
}

/** Splits results by `source` (absolute path). */
export function bySource(results) {
  const m = new Map();
  for (const r of results) {
    if (!m.has(r.source)) m.set(r.source, []);
    m.get(r.source).push(r);
  }
  return m;
}

/** Reads a JSON file. */
export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
