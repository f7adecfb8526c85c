// The findings panel: errors first, then findings grouped by severity with
// counts. Arrow keys move between findings (one tab stop for the whole
// list); Enter or a click puts the editor's cursor on the finding;
// ArrowRight reaches its guideline link.
import type { Finding, Report, ReportError, Severity } from "oaslint-wasm";
import { SEVERITIES, severityLabel } from "oaslint-wasm/helpers";

/** Findings rendered per group before a "Show all" button. */
const PAGE = 200;

export interface FindingsCallbacks {
  onGo: (item: Finding | ReportError) => void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function rangeAttr(item: Finding | ReportError): string {
  const r = item.range;
  return r ? `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}` : "";
}

export class FindingsPanel {
  readonly #list: HTMLElement;
  readonly #counts: HTMLElement;
  readonly #cb: FindingsCallbacks;
  #fileName = "";

  constructor(list: HTMLElement, counts: HTMLElement, cb: FindingsCallbacks) {
    this.#list = list;
    this.#counts = counts;
    this.#cb = cb;
    list.addEventListener("keydown", (e) => this.#onKey(e));
    list.addEventListener("focusin", (e) => {
      const t = e.target as HTMLElement;
      if (t.classList.contains("finding-go")) this.#setTabStop(t);
    });
  }

  showMessage(text: string): void {
    this.#counts.textContent = "";
    this.#list.replaceChildren(el("p", { class: "empty" }, text));
  }

  render(report: Report, fileName: string): void {
    this.#fileName = fileName;
    const s = report.summary;
    const counts = this.#counts;
    for (const sev of SEVERITIES) counts.dataset[sev] = String(s[sev]);
    counts.dataset.ignored = String(s.ignored);
    counts.dataset.errors = String(report.errors.length);
    const parts = SEVERITIES.map((sev) => `${s[sev]} ${severityLabel(sev)}`);
    if (s.ignored) parts.push(`${s.ignored} ignored`);
    if (report.errors.length) parts.unshift(`${report.errors.length} error${report.errors.length === 1 ? "" : "s"}`);
    counts.textContent = `${parts.join(" · ")} — ruleset ${report.ruleset.name} ${report.ruleset.version}`;

    const frag = document.createDocumentFragment();
    if (report.errors.length) frag.append(this.#group("error", "Errors", report.errors));
    for (const sev of SEVERITIES) {
      const items = report.findings.filter((f) => f.severity === sev);
      if (items.length) frag.append(this.#group(sev, severityLabel(sev), items));
    }
    if (!report.errors.length && !report.findings.length) {
      frag.append(el("p", { class: "empty" }, "No findings. This document follows the ruleset."));
    }
    this.#list.replaceChildren(frag);
    const first = this.#buttons()[0];
    if (first) first.tabIndex = 0;
  }

  #group(kind: Severity | "error", label: string, items: (Finding | ReportError)[]): HTMLElement {
    const id = `group-${kind}`;
    const summary = el(
      "summary",
      { id },
      el("span", { class: `badge badge-${kind}` }, label),
      " ",
      el("span", { class: "group-count", "aria-label": `${items.length} ${items.length === 1 ? "item" : "items"}` }, String(items.length)),
    );
    const ul = el("ul", { class: "finding-items", "aria-labelledby": id });
    const details = el("details", { class: `group group-${kind}`, open: "", "data-severity": kind }, summary, ul);
    this.#fill(ul, items, 0);
    return details;
  }

  #fill(ul: HTMLElement, items: (Finding | ReportError)[], start: number, all = false): void {
    const end = all ? items.length : Math.min(items.length, start + PAGE);
    for (let i = start; i < end; i++) ul.append(this.#item(items[i]));
    if (end < items.length) {
      const more = el("button", { type: "button", class: "btn show-more" }, `Show all ${items.length}`);
      more.addEventListener("click", () => {
        const li = more.parentElement;
        li?.remove();
        this.#fill(ul, items, end, true);
        (ul.children[end] as HTMLElement | undefined)?.querySelector<HTMLElement>(".finding-go")?.focus();
      });
      ul.append(el("li", { class: "more" }, more));
    }
  }

  #item(item: Finding | ReportError): HTMLElement {
    const isFinding = "severity" in item;
    const here = item.file === this.#fileName;
    const where = item.range ? `${item.range.start.line}:${item.range.start.column}` : "—";
    const rule = isFinding ? item.rule : item.kind;
    const go = el(
      "button",
      { type: "button", class: "finding-go", tabindex: "-1" },
      el("span", { class: "finding-head" }, el("span", { class: "finding-loc" }, here ? `Ln ${where}` : `${item.file}:${where}`), " ", el("span", { class: "finding-rule" }, isFinding && item.check ? `${rule} ${item.check}` : rule)),
      el("span", { class: "finding-msg" }, item.message),
    );
    if (item.pointer) go.append(el("code", { class: "finding-pointer" }, item.pointer));
    if (!here || !item.range) {
      go.setAttribute("aria-disabled", "true");
      go.title = here ? "No position in the document" : `In ${item.file}, not in the editor`;
    }
    go.addEventListener("click", () => {
      if (go.getAttribute("aria-disabled") !== "true") this.#cb.onGo(item);
    });
    const li = el("li", {
      class: `finding finding-${isFinding ? item.severity : "error"}`,
      "data-rule": rule,
      "data-pointer": item.pointer ?? "",
      "data-file": item.file,
      "data-range": rangeAttr(item),
      "data-severity": isFinding ? item.severity : "error",
      ...(isFinding && item.check ? { "data-check": item.check } : {}),
    }, go);
    if (isFinding && item.link) {
      li.append(el("a", { class: "finding-link", href: item.link, target: "_blank", rel: "noopener noreferrer", tabindex: "-1", "aria-label": `Guideline for rule ${item.rule} (opens in a new tab)` }, "Guideline ↗"));
    }
    return li;
  }

  #buttons(): HTMLElement[] {
    // Only findings that are visible: those in open groups.
    return Array.from(this.#list.querySelectorAll<HTMLElement>("details[open] .finding-go"));
  }

  #setTabStop(target: HTMLElement): void {
    for (const b of this.#list.querySelectorAll<HTMLElement>(".finding-go[tabindex='0']")) if (b !== target) b.tabIndex = -1;
    target.tabIndex = 0;
  }

  #onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    const buttons = this.#buttons();
    const current = t.classList.contains("finding-go") ? t : t.closest(".finding")?.querySelector<HTMLElement>(".finding-go");
    if (!current) return;
    const i = buttons.indexOf(current);
    let next: HTMLElement | undefined;
    switch (e.key) {
      case "ArrowDown":
        next = buttons[Math.min(i + 1, buttons.length - 1)];
        break;
      case "ArrowUp":
        next = buttons[Math.max(i - 1, 0)];
        break;
      case "Home":
        next = buttons[0];
        break;
      case "End":
        next = buttons[buttons.length - 1];
        break;
      case "ArrowRight": {
        const link = current.parentElement?.querySelector<HTMLElement>(".finding-link");
        if (link && t !== link) {
          e.preventDefault();
          link.focus();
        }
        return;
      }
      case "ArrowLeft":
        if (t !== current) {
          e.preventDefault();
          current.focus();
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next) {
      this.#setTabStop(next);
      next.focus();
    }
  }
}
