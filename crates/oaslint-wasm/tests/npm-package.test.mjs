// The npm package `oaslint` as a user gets it: `npm pack`, installed from
// the tarball into an empty directory (offline, with an empty npm cache: it
// has no dependencies), its `oaslint` command run on corpus specs and on a
// hostile checkout next to the native CLI, and its JavaScript API imported.
// The package's CLI is the native CLI's own code compiled to wasm32-wasip1,
// so everything it prints must be the same bytes.
//
// Run by ./test.sh after scripts/build-npm.sh (which builds
// crates/oaslint-wasm/js/wasm/, the CLI's module included):
//   node --test crates/oaslint-wasm/tests/
// Needs the native CLI (OASLINT_BIN, default target/debug/oaslint) and
// ../shared/corpus. Outside CI (the variable CI unset) a missing package
// build or corpus skips these tests with a message; in CI it fails them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const packageDir = path.join(root, "crates/oaslint-wasm/js");
const corpus = path.resolve(root, "../shared/corpus");
const nativeBin = process.env.OASLINT_BIN ?? path.join(root, "target/debug/oaslint");
const inCI = Boolean(process.env.CI);

/** Corpus specs compared in full (JSON report, stderr, exit code): small
 * to large, YAML and JSON, Swagger 2.0 and OpenAPI 3.x. */
const CORPUS_SPECS = [
  "oai-petstore.yaml",
  "zally-api_tinbox.yaml",
  "argo-workflows-swagger.json",
  "openai-openapi.yaml",
  "github-api.github.com.json", // 13 MB
];

/** Fields of the JSON report allowed to differ between the package's CLI
 * and the native one: none. (`--version` names the commit each was built
 * from; that one line is compared with the commit masked.) */
const ALLOWED_TO_DIFFER = [];

// Every run gets the same clock (SARIF's run time) and no colour settings
// of the calling shell.
const ENV = { ...process.env, SOURCE_DATE_EPOCH: "1700000000" };
delete ENV.NO_COLOR;
delete ENV.CLICOLOR_FORCE;

function missingPrerequisite() {
  const cliModule = path.join(packageDir, "wasm/oaslint-cli.wasm");
  if (!existsSync(cliModule)) return `${cliModule} is missing: run scripts/build-npm.sh first`;
  if (!existsSync(nativeBin)) return `the native CLI ${nativeBin} is missing: cargo build -p oaslint-cli`;
  return null;
}
const missing = missingPrerequisite();
if (missing && inCI) throw new Error(`CI is set, so the npm package tests cannot be skipped: ${missing}`);
if (missing) console.log(`# skipping the npm package tests: ${missing}`);
const skip = missing ?? false;

let work; // temporary directory: the tarball, the npm cache, the app
let app; // the empty directory the tarball is installed into
let packageBin; // app/node_modules/.bin/oaslint

before(() => {
  if (skip) return;
  work = mkdtempSync(path.join(os.tmpdir(), "oaslint-npm-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: packageDir, encoding: "utf8" }),
  );
  const tarball = path.join(work, packed[0].filename);
  app = path.join(work, "app");
  mkdirSync(app);
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--cache", path.join(work, "npm-cache"), tarball],
    { cwd: app, stdio: ["ignore", "ignore", "inherit"] },
  );
  packageBin = path.join(app, "node_modules/.bin/oaslint");
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs `command args` in `cwd`; exit code, stdout and stderr as text. */
function run(command, args, { cwd, input } = {}) {
  const r = spawnSync(command, args, { cwd, input, env: ENV, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

/** The installed package's CLI and the native one on the same arguments. */
function both(args, options) {
  return { npm: run(packageBin, args, options), native: run(nativeBin, args, options) };
}

function assertSame({ npm, native }, what) {
  assert.equal(npm.stderr, native.stderr, `${what}: stderr`);
  assert.equal(npm.stdout, native.stdout, `${what}: stdout`);
  assert.equal(npm.code, native.code, `${what}: exit code`);
}

test("the package's metadata: name, bin, types, exports, engines, license, repository", { skip }, () => {
  const installed = path.join(app, "node_modules/oaslint");
  const pkg = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
  assert.equal(pkg.name, "oaslint");
  assert.equal(pkg.bin.oaslint, "bin/oaslint.js");
  assert.equal(pkg.types, "./index.d.ts");
  assert.ok(pkg.exports["."].node.types && pkg.exports["."].default && pkg.exports["./helpers"]);
  assert.match(pkg.engines.node, /^>=20/); // node:wasi preview1
  assert.equal(pkg.license, "MIT OR Apache-2.0");
  // The project's home is set once, in Cargo.toml's [workspace.package].
  const home = /^repository = "(.*)"$/m.exec(readFileSync(path.join(root, "Cargo.toml"), "utf8"))[1];
  assert.equal(pkg.repository.url, `git+${home}.git`);
  assert.equal(pkg.homepage, `${home}#readme`);
  const cargoVersion = /^version = "(.*)"$/m.exec(readFileSync(path.join(root, "Cargo.toml"), "utf8"))[1];
  assert.equal(pkg.version, cargoVersion, "the package's version is the workspace's");
  for (const file of pkg.files) assert.ok(existsSync(path.join(installed, file)), `installed ${file}`);
  // Copies of the repository's licence texts (npm packs no symlinks).
  for (const licence of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.equal(
      readFileSync(path.join(installed, licence), "utf8"),
      readFileSync(path.join(root, licence), "utf8"),
      `${licence} in crates/oaslint-wasm/js is a copy of the repository's`,
    );
  }
  assert.ok(existsSync(packageBin), "npm linked node_modules/.bin/oaslint");
});

for (const spec of CORPUS_SPECS) {
  test(`the package's CLI equals the native one on ${spec} (--format json)`, { skip }, (t) => {
    if (!existsSync(corpus)) {
      if (inCI) assert.fail(`the shared corpus is missing at ${corpus} (CI is set)`);
      return t.skip(`shared corpus not found at ${corpus}`);
    }
    const r = both(["lint", "--format", "json", spec], { cwd: corpus });
    assert.deepEqual(ALLOWED_TO_DIFFER, []);
    assertSame(r, spec);
    assert.ok(JSON.parse(r.npm.stdout).findings.length > 0, "the report has findings");
    assert.equal(r.npm.code, 1, "MUST findings fail the run");
  });
}

test("npx oaslint runs the installed package", { skip }, () => {
  const spec = path.join(root, "tests/fixtures/specs/pets-api.yaml");
  const npx = run("npx", ["--offline", "--no", "oaslint", "lint", "--format", "json", spec], { cwd: app });
  const native = run(nativeBin, ["lint", "--format", "json", spec], { cwd: app });
  assertSame({ npm: npx, native }, "npx oaslint");
});

test("text on stdout, SARIF and JSON to files (--output), one run", { skip }, () => {
  const dir = path.join(root, "tests/fixtures/specs");
  const outputs = {};
  for (const side of ["npm", "native"]) {
    const out = path.join(work, `out-${side}`);
    const args = ["lint", "-f", "sarif", "-o", path.join(out, "report.sarif"), "-f", "json", "-o", path.join(out, "report.json"), "-f", "text", "pets-api.yaml"];
    outputs[side] = run(side === "npm" ? packageBin : nativeBin, args, { cwd: dir });
    outputs[side].sarif = readFileSync(path.join(out, "report.sarif"), "utf8");
    outputs[side].json = readFileSync(path.join(out, "report.json"), "utf8");
  }
  assertSame(outputs, "text");
  assert.match(outputs.npm.stdout, /pets-api\.yaml:\d+:\d+ MUST/);
  assert.doesNotMatch(outputs.npm.stdout, /\x1b\[/, "no colour when stdout is not a terminal");
  assert.equal(outputs.npm.sarif, outputs.native.sarif, "SARIF");
  assert.equal(outputs.npm.json, outputs.native.json, "JSON");
  assert.ok(JSON.parse(outputs.npm.sarif).runs[0].results.length > 0);
});

test("colour on a terminal, as natively (script(1) provides the terminal)", { skip }, (t) => {
  if (spawnSync("script", ["--version"]).status !== 0) return t.skip("no script(1) here");
  const dir = path.join(root, "tests/fixtures/specs");
  const inTerminal = (bin) =>
    run("script", ["-qec", `'${bin}' lint clean.yaml`, "/dev/null"], { cwd: dir }).stdout;
  const npm = inTerminal(packageBin);
  // Bold red, as anstyle writes it: bold and colour as two sequences.
  assert.match(npm, /\x1b\[1m\x1b\[31mMUST/, "coloured severity");
  assert.equal(npm, inTerminal(nativeBin));
});

test("a spec on standard input (-)", { skip }, () => {
  const input = readFileSync(path.join(root, "tests/fixtures/specs/clean.yaml"));
  const r = both(["lint", "--format", "json", "-"], { cwd: work, input });
  assertSame(r, "stdin");
  assert.equal(JSON.parse(r.npm.stdout).documents[0].file, "<stdin>");
});

test("exit codes: 0 below the fail level, 2 for broken YAML and for a usage error, same messages", { skip }, () => {
  writeFileSync(path.join(work, "broken.yaml"), "openapi: 3.0.3\ninfo: [\n");
  const clean = both(["lint", "--fail-on", "none", path.join(root, "tests/fixtures/specs/clean.yaml")], { cwd: work });
  assertSame(clean, "--fail-on none");
  assert.equal(clean.npm.code, 0);
  const broken = both(["lint", "broken.yaml"], { cwd: work });
  assertSame(broken, "broken YAML");
  assert.equal(broken.npm.code, 2);
  assert.match(broken.npm.stderr, /^broken\.yaml:3:1: /);
  const usage = both(["lint", "--no-such-flag", "x.yaml"], { cwd: work });
  assertSame(usage, "usage error");
  assert.equal(usage.npm.code, 2);
  assert.doesNotMatch(usage.npm.stderr, /ExperimentalWarning|WASI/, "node:wasi's warning is not printed");
});

test("--help, rules and --version are the native CLI's", { skip }, () => {
  assertSame(both(["lint", "--help"], { cwd: work }), "lint --help");
  assertSame(both(["rules", "--format", "json"], { cwd: work }), "rules");
  const version = both(["--version"], { cwd: work });
  // The one value allowed to differ: the commit each binary was built from.
  const masked = (s) => s.replace(/\((?:[0-9a-f]{7}|unknown)\)/, "(commit)");
  assert.equal(masked(version.npm.stdout), masked(version.native.stdout));
  assert.equal(version.npm.code, 0);
});

// The pull request writes every file of the checkout; the agent keeps a
// secret next to it. The package's CLI must refuse what the native one
// refuses, with the same words (issue #9's confinement, tests/confinement.rs).
const SECRET = "SECRET-TOKEN-npm-7d2e";

function specWithRef(target) {
  return `openapi: 3.0.3\ninfo:\n  title: Leak\n  version: 1.0.0\npaths: {}\ncomponents:\n  schemas:\n    Leak:\n      enum:\n        - $ref: '${target}'\n`;
}

/** outer/secret.yaml, outer/config/there.yaml and the checkout outer/repo
 * (a git work tree) holding hostile specs and symlinks. */
function hostileCheckout() {
  const outer = path.join(work, "agent");
  const repo = path.join(outer, "repo");
  mkdirSync(path.join(repo, ".git"), { recursive: true });
  mkdirSync(path.join(outer, "config"));
  writeFileSync(path.join(outer, "secret.yaml"), `token: ${SECRET}\nlist: [${SECRET}]\n`);
  writeFileSync(path.join(outer, "config/there.yaml"), `token: ${SECRET}\n`);
  const refs = {
    "relative.yaml": "../secret.yaml#/token",
    "absolute.yaml": `${path.join(outer, "secret.yaml")}#/list`,
    "file-link.yaml": "there.yaml",
    "dir-link.yaml": "config/there.yaml",
    "dangling-out.yaml": "gone.yaml",
    "dangling-in.yaml": "dangling.yaml",
  };
  for (const [file, target] of Object.entries(refs)) writeFileSync(path.join(repo, file), specWithRef(target));
  symlinkSync("../secret.yaml", path.join(repo, "there.yaml"));
  symlinkSync("../config", path.join(repo, "config"));
  symlinkSync("../no-such-file.yaml", path.join(repo, "gone.yaml"));
  symlinkSync("missing.yaml", path.join(repo, "dangling.yaml"));
  return { repo, specs: Object.keys(refs) };
}

const OUTSIDE = /outside the root: .*--ref-root DIR/;

test("$refs and symlinks out of the checkout are refused (exit 2), as natively, and never printed", { skip }, () => {
  const { repo, specs } = hostileCheckout();
  for (const spec of specs) {
    const r = both(["lint", "-f", "text", "-f", "json", "-o", `../out-${spec}.json`, spec], { cwd: repo });
    assertSame(r, spec);
    assert.equal(r.npm.code, 2, spec);
    const line = r.npm.stderr.split("\n").find((l) => l.startsWith(`${spec}:10:11: cannot read `));
    assert.ok(line, `${spec}: a located error in\n${r.npm.stderr}`);
    if (spec === "dangling-in.yaml") assert.match(line, /: no such file$/);
    else assert.match(line, OUTSIDE, spec);
    const written = readFileSync(path.join(repo, `../out-${spec}.json`), "utf8");
    assert.ok(!(r.npm.stdout + r.npm.stderr + written).includes(SECRET), `${spec}: the secret was printed`);
  }
  // A symlink named on the command line, and one matched by a glob.
  for (const args of [["lint", "there.yaml"], ["lint", "*.yaml"]]) {
    const r = both(args, { cwd: repo });
    assertSame(r, args.join(" "));
    assert.equal(r.npm.code, 2);
    assert.match(r.npm.stderr, OUTSIDE);
    assert.ok(!(r.npm.stdout + r.npm.stderr).includes(SECRET));
  }
});

test("a symlink loop is an error, not a hang", { skip }, () => {
  const repo = path.join(work, "loop");
  mkdirSync(path.join(repo, ".git"), { recursive: true });
  symlinkSync("loop-b", path.join(repo, "loop-a"));
  symlinkSync("loop-a", path.join(repo, "loop-b"));
  writeFileSync(path.join(repo, "api.yaml"), specWithRef("loop-a"));
  const r = both(["lint", "api.yaml"], { cwd: repo });
  assert.equal(r.npm.code, 2);
  assert.equal(r.npm.code, r.native.code);
  // The one text allowed to differ: the OS's own error message ("Too many
  // levels of symbolic links (os error 40)" natively; WASI has no errno
  // text of its own for the loop oaslint detects itself).
  const masked = (s) => s.replace(/too many levels of symbolic links( \(os error \d+\))?/i, "<loop>");
  assert.equal(masked(r.npm.stderr), masked(r.native.stderr));
  assert.match(r.npm.stderr, /<loop>|symbolic links/i);
});

test("the JavaScript API imported from the installed package lints a spec as the CLI does", { skip }, () => {
  const spec = path.join(root, "tests/fixtures/specs/clean.yaml");
  writeFileSync(
    path.join(app, "api.mjs"),
    `import { readFileSync } from "node:fs";
import { init, lint, lintJson, verdict, version } from "oaslint";
import { SEVERITIES } from "oaslint/helpers";
await init();
const text = readFileSync(process.argv[2], "utf8");
const report = lint(text, { fileName: "clean.yaml" });
console.log(JSON.stringify({ verdict: verdict(report), count: report.findings.length, tool: version().tool, severities: SEVERITIES }));
console.log(lintJson(text, { fileName: "clean.yaml" }));
`,
  );
  const api = run(process.execPath, ["api.mjs", spec], { cwd: app });
  assert.equal(api.code, 0, api.stderr);
  const [summary, ...json] = api.stdout.trimEnd().split("\n");
  const { verdict, count, tool, severities } = JSON.parse(summary);
  assert.equal(tool, "oaslint");
  assert.deepEqual(severities, ["must", "should", "may", "hint"]);
  const native = run(nativeBin, ["lint", "--format", "json", "clean.yaml"], { cwd: path.dirname(spec) });
  const nativeReport = JSON.parse(native.stdout);
  assert.equal(count, nativeReport.findings.length);
  assert.equal(verdict, "blocked"); // MUST findings: the CLI exits 1
  assert.equal(native.code, 1);
  // `blocking` and `status` are the CLI gate's (report format 1.1); the
  // library reports the engine's findings.
  const engineFindings = nativeReport.findings.map(({ blocking, status, ...finding }) => finding);
  assert.deepEqual(JSON.parse(json.join("\n")).findings, engineFindings);
});
