// `@stoplight/spectral-functions`: the core functions, callable from custom
// functions. Small re-implementations of Spectral's behaviour (the rules of
// a ruleset call oaslint's native ones); `schema` validates with oaslint's
// JSON Schema validator (a host function).
import { createRulesetFunction } from "@stoplight/spectral-core";

const plain = (fn) => createRulesetFunction({ input: null, options: null }, fn);
const last = (path) => (path.length ? String(path[path.length - 1]) : "");
const quoted = (path) => `"${last(path)}" property`;
const result = (message) => [{ message }];
const print = (v) => (typeof v === "string" ? `"${v}"` : typeof v === "object" && v !== null ? (Array.isArray(v) ? "Array[]" : "Object{}") : String(v));

export const truthy = plain((input, _o, ctx) => (input ? undefined : result(`${quoted(ctx?.path ?? [])} must be truthy`)));
export const falsy = plain((input, _o, ctx) => (!input ? undefined : result(`${quoted(ctx?.path ?? [])} must be falsy`)));
export const defined = plain((input, _o, ctx) => (input !== undefined ? undefined : result(`${quoted(ctx?.path ?? [])} must be defined`)));
export const undefined_ = plain((input, _o, ctx) => (input === undefined ? undefined : result(`${quoted(ctx?.path ?? [])} must be undefined`)));
export { undefined_ as undefined };

const toRegExp = (p) => {
  if (p instanceof RegExp) return p;
  const m = /^\/(.+)\/([a-z]*)$/s.exec(p);
  return m ? new RegExp(m[1], m[2]) : new RegExp(p);
};
export const pattern = (input, opts, ctx) => {
  if (typeof input !== "string") return;
  const out = [];
  if (opts?.match !== undefined && !toRegExp(opts.match).test(input)) {
    out.push({ message: `${print(input)} must match the pattern "${opts.match}"`, path: ctx?.path });
  }
  if (opts?.notMatch !== undefined && toRegExp(opts.notMatch).test(input)) {
    out.push({ message: `${print(input)} must not match the pattern "${opts.notMatch}"`, path: ctx?.path });
  }
  return out;
};

export const enumeration = (input, opts) => {
  const values = opts?.values ?? [];
  if (input === undefined || values.includes(input)) return;
  return result(`${print(input)} must be equal to one of the allowed values: ${values.map(print).join(", ")}`);
};

export const length = (input, opts, ctx) => {
  let n;
  if (typeof input === "string" || Array.isArray(input)) n = input.length;
  else if (typeof input === "number") n = input;
  else if (typeof input === "object" && input !== null) n = Object.keys(input).length;
  else return;
  if (opts?.min !== undefined && n < opts.min) return result(`${quoted(ctx?.path ?? [])} must be longer than ${opts.min}`);
  if (opts?.max !== undefined && n > opts.max) return result(`${quoted(ctx?.path ?? [])} must be shorter than ${opts.max}`);
};

export const xor = (input, opts) => {
  if (typeof input !== "object" || input === null) return;
  const present = (opts?.properties ?? []).filter((p) => p in input);
  if (present.length !== 1) return result(`${(opts?.properties ?? []).map((p) => `"${p}"`).join(" and ")} must not be both defined or both undefined`);
};

export const alphabetical = (input, opts, ctx) => {
  if (typeof input !== "object" || input === null) return;
  const key = opts?.keyedBy;
  const items = Array.isArray(input) ? input.map((v) => (key ? v?.[key] : v)) : Object.keys(input);
  for (let i = 1; i < items.length; i++) {
    if (String(items[i - 1]).localeCompare(String(items[i])) > 0) {
      return result(`${quoted(ctx?.path ?? [])} must be sorted alphabetically`);
    }
  }
};

const CASES = {
  flat: /^[a-z][a-z0-9]*$/,
  camel: /^[a-z][a-z0-9]*(?:[A-Z0-9][a-z0-9]*)*$/,
  pascal: /^[A-Z][a-z0-9]*(?:[A-Z0-9][a-z0-9]*)*$/,
  kebab: /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
  cobol: /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/,
  snake: /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/,
  macro: /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/,
};
export const casing = (input, opts) => {
  if (typeof input !== "string" || input.length === 0) return;
  const re = CASES[opts?.type];
  if (re && !re.test(input)) return result(`must be ${opts.type} case`);
};

export const schema = (input, opts, ctx) => {
  if (input === undefined) return;
  const errors = globalThis.__oaslintSchema(JSON.stringify(input), JSON.stringify(opts?.schema ?? {}));
  return JSON.parse(errors).map((e) => ({
    message: e.message,
    path: [...(ctx?.path ?? []), ...e.path],
  }));
};

export default { truthy, falsy, defined, undefined: undefined_, pattern, enumeration, length, xor, alphabetical, casing, schema };
