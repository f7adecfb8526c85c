// Imported first, before CodeMirror: CodeMirror's background syntax parser
// works in 100 ms slices when the browser has `navigator.scheduling
// .isInputPending` (Chromium), stopping early only for pending *input*. A
// finished lint is a message from the worker, not input, so it waited for
// the slice to end: up to 100 ms added to the first lint of a large spec
// (measured with web/tests: the worker's answer arrived 55–100 ms after it
// was sent, while 100 ms parse tasks ran). Without `isInputPending`,
// CodeMirror sizes its slices by the idle callback's deadline (25–45 ms),
// which keeps the page as responsive for typing and lets lint results in
// sooner.
const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: unknown } }).scheduling;
if (scheduling?.isInputPending) {
  Object.defineProperty(navigator, "scheduling", { value: undefined, configurable: true });
}
export {};
