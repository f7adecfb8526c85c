// Imported by editor.ts before CodeMirror, whose language package reads
// `navigator.scheduling` once, when it is evaluated. CodeMirror's background syntax parser
// works in 100 ms slices when the browser has `navigator.scheduling
// .isInputPending` (Chromium), stopping early only for pending *input*. A
// finished lint is a message from the worker, not input, so it waited for
// the slice to end: up to 100 ms added to the first lint of a large spec
// (measured with web/tests: the worker's answer arrived 55–100 ms after it
// was sent, while 100 ms parse tasks ran). Without `isInputPending`,
// CodeMirror sizes its slices by the idle callback's deadline (25–45 ms):
// a lint result waits for at most that, and so does a keystroke, which
// isInputPending let in at once (keystrokes still showed in 50–110 ms in
// the test). Only this page's `navigator.scheduling` is hidden; nothing
// else here uses it.
const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: unknown } }).scheduling;
if (scheduling?.isInputPending) {
  Object.defineProperty(navigator, "scheduling", { value: undefined, configurable: true });
}
export {};
