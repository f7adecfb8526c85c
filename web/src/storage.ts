// Everything the page keeps lives in this browser's localStorage; nothing
// is sent anywhere.
const PREFIX = "oaslint.";

export type Key =
  | "text"
  | "fileName"
  | "mode"
  | "ruleset"
  | "companyRuleset"
  | "companyRulesetName"
  /** The company ruleset's custom function files: JSON `{path: text}`, paths relative to the ruleset. */
  | "companyFunctions"
  /** The base version the text is compared with: JSON `{name, text}`. */
  | "base";

export function load(key: Key): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

/** Returns false when the browser refused (storage full or disabled). */
export function save(key: Key, value: string | null): boolean {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
    return true;
  } catch {
    return false;
  }
}
