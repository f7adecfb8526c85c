// oaslint's browser editor: wires the editor, the lint worker, the
// findings panel, the ruleset choice and the verdict banner together.
import type { EditorView } from "@codemirror/view";
import type { Finding, LintOptions, Report, ReportError } from "oaslint-wasm";
import { verdict } from "oaslint-wasm/helpers";
import { createEditor, detectMode, goTo, type Mode, replaceText, setMode, showDiagnostics, toDiagnostics } from "./editor";
import { FindingsPanel } from "./findings";
import { LintClient } from "./lint-client";
import { SAMPLE, SAMPLE_FILE_NAME } from "./sample";
import * as store from "./storage";
import "./style.css";

/** Quiet time after the last keystroke before linting (ms). */
const DEBOUNCE_MS = 300;
/** Quiet time before the text is saved to localStorage (ms). */
const SAVE_MS = 500;
const COMPANY = "company";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const root = document.documentElement;

const ui = {
  verdict: $<HTMLDivElement>("verdict"),
  fileName: $<HTMLSpanElement>("file-name"),
  openFile: $<HTMLButtonElement>("open-file"),
  fileInput: $<HTMLInputElement>("file-input"),
  mode: $<HTMLSelectElement>("mode"),
  ruleset: $<HTMLSelectElement>("ruleset"),
  cursor: $<HTMLSpanElement>("cursor"),
  status: $<HTMLSpanElement>("lint-status"),
  engine: $<HTMLSpanElement>("engine-version"),
  companyOpen: $<HTMLButtonElement>("company-open"),
  dialog: $<HTMLDialogElement>("company-dialog"),
  companyText: $<HTMLTextAreaElement>("company-text"),
  companyUpload: $<HTMLButtonElement>("company-upload"),
  companyFile: $<HTMLInputElement>("company-file"),
  companyFileName: $<HTMLSpanElement>("company-file-name"),
  companyFolder: $<HTMLButtonElement>("company-folder"),
  companyFolderInput: $<HTMLInputElement>("company-folder-input"),
  companyFunctions: $<HTMLParagraphElement>("company-functions"),
  openBase: $<HTMLButtonElement>("open-base"),
  baseInput: $<HTMLInputElement>("base-input"),
  baseLine: $<HTMLSpanElement>("base-line"),
  baseName: $<HTMLSpanElement>("base-name"),
  baseClear: $<HTMLButtonElement>("base-clear"),
  companyError: $<HTMLParagraphElement>("company-error"),
  companyApply: $<HTMLButtonElement>("company-apply"),
  companyRemove: $<HTMLButtonElement>("company-remove"),
  companyCancel: $<HTMLButtonElement>("company-cancel"),
};

// ---- state -----------------------------------------------------------------

let fileName = store.load("fileName") ?? SAMPLE_FILE_NAME;
const storedMode = store.load("mode");
let modeChoice: Mode | "auto" = storedMode === "yaml" || storedMode === "json" ? storedMode : "auto";
let rulesetChoice = store.load("ruleset") ?? "";
let companyText = store.load("companyRuleset");
let companyName = store.load("companyRulesetName") ?? "company-ruleset.yaml";
let companyLabel = "";
/** The company ruleset's function files, by path relative to the ruleset (`functions/x.js`). */
let companyFunctions = loadJson<Record<string, string>>("companyFunctions") ?? {};
/** The version the text is compared with (guideline 106), if the user opened one. */
let base = loadJson<{ name: string; text: string }>("base");
let currentMode: Mode;

function loadJson<T>(key: store.Key): T | null {
  try {
    return JSON.parse(store.load(key) ?? "null") as T | null;
  } catch {
    return null;
  }
}

/** Today in this browser's time zone, `YYYY-MM-DD` (for `x-sunset` dates). */
function today(): string {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** What a company ruleset needs to load: its text, name and function files. */
function companyOptions(text: string, name: string, functions: Record<string, string>): LintOptions {
  return Object.keys(functions).length ? { rulesetText: text, rulesetName: name, files: functions } : { rulesetText: text, rulesetName: name };
}

function lintOptions(): LintOptions {
  const options: LintOptions =
    rulesetChoice === COMPANY && companyText !== null
      ? { fileName, ...companyOptions(companyText, companyName, companyFunctions) }
      : rulesetChoice
        ? { fileName, ruleset: rulesetChoice }
        : { fileName };
  if (base) options.base = { text: base.text, fileName: base.name, today: today() };
  return options;
}

// ---- editor ----------------------------------------------------------------

const initialText = store.load("text") ?? SAMPLE;
currentMode = modeChoice === "auto" ? detectMode(initialText) : modeChoice;
ui.mode.value = modeChoice;
ui.fileName.textContent = fileName;

let saveTimer: ReturnType<typeof setTimeout> | undefined;
const view: EditorView = createEditor($("editor"), initialText, currentMode, {
  onDocChanged: () => {
    markPending();
    scheduleLint();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveText, SAVE_MS);
    if (modeChoice === "auto") applyMode();
  },
  onCursor: (line, column) => {
    ui.cursor.textContent = `Ln ${line}, Col ${column}`;
    ui.cursor.dataset.line = String(line);
    ui.cursor.dataset.column = String(column);
  },
});

// A text changed just before the tab closes or reloads is not lost.
window.addEventListener("pagehide", () => {
  if (saveTimer !== undefined) saveText();
});

function saveText(): void {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  const ok = store.save("text", view.state.doc.toString());
  store.save("fileName", fileName);
  ui.status.dataset.saved = ok ? "yes" : "no";
  if (!ok) setStatus("idle", "Too large to keep in this browser's storage; it is linted but not saved.");
}

function applyMode(): void {
  const wanted = modeChoice === "auto" ? detectMode(view.state.sliceDoc(0, 4096)) : modeChoice;
  if (wanted !== currentMode) {
    currentMode = wanted;
    setMode(view, wanted);
  }
  root.dataset.mode = currentMode;
}
root.dataset.mode = currentMode;

// ---- findings panel and banner ---------------------------------------------

const panel = new FindingsPanel($("findings-list"), $("counts"), {
  onGo: (item: Finding | ReportError) => {
    if (item.range) goTo(view, item.range);
  },
});
panel.showMessage("Loading the linter…");

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function showVerdict(report: Report): void {
  const v = verdict(report);
  const s = report.summary;
  const toAck = s.should + s.may;
  const texts: Record<typeof v, [string, string]> = {
    error: [`Could not lint everything: ${plural(report.errors.length, "error", "errors")}`, "The pull-request check fails until they are fixed."],
    blocked: [
      `Blocked by ${plural(s.must, "MUST finding", "MUST findings")}`,
      `The pull-request check fails until they are fixed.${toAck ? ` ${plural(toAck, "SHOULD/MAY finding", "SHOULD/MAY findings")} also need a fix or an acknowledgement.` : ""}`,
    ],
    acknowledge: [
      `${plural(toAck, "SHOULD/MAY finding", "SHOULD/MAY findings")} to acknowledge`,
      "Fix them, or acknowledge each with a reason in the pull request (oaslint ack --write --reason \"…\").",
    ],
    clean: [report.findings.length ? "No findings to act on" : "No findings", report.findings.length ? `${plural(s.hint, "hint", "hints")} left.` : ""],
  };
  setBanner(v, ...texts[v]);
}

let lastBanner = "";

function setBanner(kind: string, title: string, detail: string): void {
  // A live region: change it only when the verdict changes, so that screen
  // readers do not repeat it after every lint.
  const text = `${kind}\n${title}\n${detail}`;
  if (lastBanner === text) return;
  lastBanner = text;
  ui.verdict.className = `verdict verdict-${kind}`;
  ui.verdict.dataset.verdict = kind;
  ui.verdict.querySelector(".verdict-title")!.textContent = title;
  ui.verdict.querySelector(".verdict-detail")!.textContent = detail;
}

function setStatus(state: string, text: string): void {
  ui.status.dataset.state = state;
  ui.status.textContent = text;
}

// ---- linting in the worker ---------------------------------------------------

const client = new LintClient();
client.onWarmed = (ms, ruleset) => {
  root.dataset.warmedMs = ms.toFixed(1);
  // `builtin:zalando`, or `text:…` for a company ruleset.
  root.dataset.warmedRuleset = ruleset.startsWith("text:") ? "text" : ruleset;
};
// Not relinted at once: the same text would crash again. The next edit
// or ruleset change lints with the fresh worker.
client.onRestart = (reason) => {
  console.error(`oaslint: the lint worker was restarted: ${reason}`);
};
let ready = false;
let lintTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight = false;
let again = false;
let lintCount = 0;

function markPending(): void {
  root.dataset.lintState = "pending";
}

function scheduleLint(delay = DEBOUNCE_MS): void {
  clearTimeout(lintTimer);
  lintTimer = setTimeout(runLint, delay);
}

async function runLint(): Promise<void> {
  if (!ready) return;
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  const doc = view.state.doc;
  const options = lintOptions();
  const text = doc.toString();
  root.dataset.lintState = "linting";
  setStatus("linting", "Linting…");
  const t0 = performance.now();
  try {
    const { report, ms, waitMs, backMs, parseMs } = await client.lint(text, options);
    // The text or the options changed meanwhile: the positions are stale,
    // and the change has scheduled a newer lint.
    if (view.state.doc !== doc || JSON.stringify(lintOptions()) !== JSON.stringify(options)) {
      root.dataset.lintState = "pending";
    } else {
      const t1 = performance.now();
      showDiagnostics(view, toDiagnostics(report, doc, fileName));
      panel.render(report, fileName);
      showVerdict(report);
      const total = performance.now() - t0;
      root.dataset.renderMs = (performance.now() - t1).toFixed(1);
      lintCount++;
      root.dataset.lintMs = ms.toFixed(1);
      root.dataset.waitMs = waitMs.toFixed(1);
      root.dataset.backMs = backMs.toFixed(1);
      root.dataset.parseMs = parseMs.toFixed(1);
      root.dataset.roundtripMs = total.toFixed(1);
      root.dataset.lintChars = String(text.length);
      root.dataset.lintCount = String(lintCount);
      root.dataset.lintState = "idle";
      const kb = (text.length / 1024).toFixed(text.length < 10240 ? 1 : 0);
      setStatus("idle", `Linted ${kb} KB in ${ms.toFixed(0)} ms`);
      console.info(`oaslint: lint #${lintCount} of ${text.length} chars: ${ms.toFixed(1)} ms in the worker, ${total.toFixed(1)} ms until the markers were shown`);
    }
  } catch (e) {
    // An invalid ruleset (the document's own problems are in the report).
    const message = e instanceof Error ? e.message : String(e);
    showDiagnostics(view, []);
    panel.showMessage(`Cannot lint: ${message}`);
    setBanner("error", "Cannot lint", message);
    lintCount++;
    root.dataset.lintCount = String(lintCount);
    root.dataset.lintState = "error";
    setStatus("error", "Lint failed");
  } finally {
    inFlight = false;
    if (again) {
      again = false;
      scheduleLint(0);
    }
  }
}

function relintNow(): void {
  markPending();
  scheduleLint(0);
}

// ---- rulesets ------------------------------------------------------------------

function rebuildRulesetOptions(builtins: { name: string; version: string }[]): void {
  const options = builtins.map((r) => new Option(`${r.name} ${r.version} (built-in)`, r.name));
  if (companyText !== null) options.push(new Option(companyLabel ? `${companyLabel} (company)` : "Company ruleset", COMPANY));
  ui.ruleset.replaceChildren(...options);
  const values = options.map((o) => o.value);
  if (!values.includes(rulesetChoice)) rulesetChoice = companyText !== null ? COMPANY : (builtins[0]?.name ?? "");
  ui.ruleset.value = rulesetChoice;
}

let builtins: { name: string; version: string }[] = [];

async function describeCompany(text: string, name: string, functions: Record<string, string>): Promise<string> {
  const listing = await client.rules(companyOptions(text, name, functions));
  return `${listing.ruleset.name} ${listing.ruleset.version}`;
}

/** The function files chosen in the dialog (applied with the ruleset). */
let dialogFunctions: Record<string, string> = {};

function showDialogFunctions(): void {
  const names = Object.keys(dialogFunctions).sort();
  ui.companyFunctions.dataset.count = String(names.length);
  ui.companyFunctions.textContent = names.length ? `Function files: ${names.join(", ")}` : "";
}

const RULESET_FILE = /\.(ya?ml|json)$/i;
const SCRIPT_FILE = /\.[cm]?js$/i;

/**
 * Takes a ruleset and its function files from an upload. `pathOf` names
 * each file relative to the ruleset's folder: for files selected together,
 * a script is `functions/<name>` (functionsDir's default); for a folder,
 * its path in the folder (so another functionsDir works too). In a folder,
 * the ruleset is a YAML/JSON file at its top, `.spectral.*` or a name with
 * "ruleset" first. An upload without scripts keeps the function files
 * chosen before (they may come in a second upload).
 */
async function takeUpload(files: File[], pathOf: (f: File) => string): Promise<void> {
  const scripts = files.filter((f) => SCRIPT_FILE.test(f.name));
  const rulesets = files.filter((f) => RULESET_FILE.test(f.name) && !pathOf(f).includes("/"));
  const rank = (f: File) => (/^\.spectral\./i.test(f.name) ? 0 : /ruleset/i.test(f.name) ? 1 : 2);
  const ruleset = rulesets.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
  if (ruleset) {
    ui.companyText.value = await ruleset.text();
    ui.companyFileName.textContent = ruleset.name;
    ui.companyFileName.dataset.name = ruleset.name;
  }
  if (scripts.length) {
    dialogFunctions = {};
    for (const f of scripts) dialogFunctions[pathOf(f)] = await f.text();
  }
  showDialogFunctions();
}

ui.ruleset.addEventListener("change", () => {
  rulesetChoice = ui.ruleset.value;
  store.save("ruleset", rulesetChoice);
  relintNow();
});

ui.companyOpen.addEventListener("click", () => {
  ui.companyText.value = companyText ?? "";
  ui.companyError.textContent = "";
  ui.companyFileName.textContent = "";
  delete ui.companyFileName.dataset.name;
  dialogFunctions = { ...companyFunctions };
  showDialogFunctions();
  ui.companyRemove.disabled = companyText === null;
  ui.dialog.showModal();
  ui.companyText.focus();
});
ui.companyCancel.addEventListener("click", () => ui.dialog.close());
ui.companyUpload.addEventListener("click", () => ui.companyFile.click());
ui.companyFile.addEventListener("change", async () => {
  const files = [...(ui.companyFile.files ?? [])];
  ui.companyFile.value = "";
  if (files.length) await takeUpload(files, (f) => (SCRIPT_FILE.test(f.name) ? `functions/${f.name}` : f.name));
});
ui.companyFolder.addEventListener("click", () => ui.companyFolderInput.click());
ui.companyFolderInput.addEventListener("change", async () => {
  const files = [...(ui.companyFolderInput.files ?? [])];
  ui.companyFolderInput.value = "";
  // webkitRelativePath is "<folder>/<path>": the path below the folder.
  if (files.length) await takeUpload(files, (f) => f.webkitRelativePath.split("/").slice(1).join("/") || f.name);
});
ui.companyApply.addEventListener("click", async () => {
  const text = ui.companyText.value;
  const name = ui.companyFileName.dataset.name || companyName;
  if (!text.trim()) {
    ui.companyError.textContent = "Paste or upload a ruleset first.";
    return;
  }
  ui.companyApply.disabled = true;
  const functions = dialogFunctions;
  try {
    companyLabel = await describeCompany(text, name, functions);
  } catch (e) {
    ui.companyError.textContent = e instanceof Error ? e.message : String(e);
    return;
  } finally {
    ui.companyApply.disabled = false;
  }
  companyText = text;
  companyName = name;
  companyFunctions = functions;
  store.save("companyRuleset", text);
  store.save("companyRulesetName", name);
  store.save("companyFunctions", Object.keys(functions).length ? JSON.stringify(functions) : null);
  rulesetChoice = COMPANY;
  store.save("ruleset", COMPANY);
  rebuildRulesetOptions(builtins);
  ui.dialog.close();
  relintNow();
});
ui.companyRemove.addEventListener("click", () => {
  companyText = null;
  companyLabel = "";
  companyFunctions = {};
  store.save("companyRuleset", null);
  store.save("companyRulesetName", null);
  store.save("companyFunctions", null);
  if (rulesetChoice === COMPANY) rulesetChoice = "";
  rebuildRulesetOptions(builtins);
  store.save("ruleset", rulesetChoice);
  ui.dialog.close();
  relintNow();
});

// ---- opening files ---------------------------------------------------------------

async function openFile(file: File): Promise<void> {
  const text = await file.text();
  fileName = file.name;
  ui.fileName.textContent = fileName;
  replaceText(view, text);
  saveText();
  view.focus();
}

ui.openFile.addEventListener("click", () => ui.fileInput.click());
ui.fileInput.addEventListener("change", () => {
  const file = ui.fileInput.files?.[0];
  if (file) void openFile(file);
  ui.fileInput.value = "";
});
// Dropping a file on the editor opens it (instead of CodeMirror inserting
// its text at the drop point): handled in the capture phase, before it.
$("editor").addEventListener(
  "dragover",
  (e) => {
    if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
  },
  true,
);
$("editor").addEventListener(
  "drop",
  (e) => {
    const file = e.dataTransfer?.files[0];
    if (file) {
      e.preventDefault();
      e.stopPropagation();
      void openFile(file);
    }
  },
  true,
);

// ---- the base version (breaking changes, guideline 106) ----------------------------

function showBase(): void {
  ui.baseLine.hidden = base === null;
  ui.baseName.textContent = base?.name ?? "";
}
showBase();

ui.openBase.addEventListener("click", () => ui.baseInput.click());
ui.baseInput.addEventListener("change", async () => {
  const file = ui.baseInput.files?.[0];
  ui.baseInput.value = "";
  if (!file) return;
  base = { name: file.name, text: await file.text() };
  if (!store.save("base", JSON.stringify(base))) console.warn("oaslint: the base version is too large to keep in this browser's storage");
  showBase();
  relintNow();
});
ui.baseClear.addEventListener("click", () => {
  base = null;
  store.save("base", null);
  showBase();
  relintNow();
});

ui.mode.addEventListener("change", () => {
  modeChoice = ui.mode.value as Mode | "auto";
  store.save("mode", modeChoice);
  applyMode();
});

// ---- start ---------------------------------------------------------------------------

setStatus("loading", "Loading the linter…");
client.ready.then(
  async (r) => {
    ready = true;
    builtins = r.version.rulesets;
    root.dataset.wasmInitMs = r.initMs.toFixed(1);
    root.dataset.warmupMs = r.warmupMs.toFixed(1);
    ui.engine.textContent = `oaslint ${r.version.version}`;
    console.info(`oaslint: engine ${r.version.version} loaded in ${r.initMs.toFixed(1)} ms, warm-up lint ${r.warmupMs.toFixed(1)} ms`);
    if (companyText !== null) {
      try {
        companyLabel = await describeCompany(companyText, companyName, companyFunctions);
      } catch {
        companyLabel = "";
      }
    }
    rebuildRulesetOptions(builtins);
    root.dataset.ready = "true";
    relintNow();
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    setBanner("error", "The linter could not be loaded", message);
    setStatus("error", "Linter unavailable");
    panel.showMessage(`The linter could not be loaded: ${message}`);
    root.dataset.ready = "false";
  },
);

// Offline use once loaded: a small service worker keeps this site's own files.
if ("serviceWorker" in navigator && import.meta.env.PROD && location.protocol !== "file:") {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("./sw.js").catch((e: unknown) => console.warn("oaslint: no offline support:", e));
  });
}
