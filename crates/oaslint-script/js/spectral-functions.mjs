// `@stoplight/spectral-functions` (1.11, Spectral 6.16): the core functions,
// callable from custom functions. Small re-implementations of Spectral's
// behaviour, written for oaslint (the rules of a ruleset call oaslint's
// native functions; these serve only custom functions that call a core
// function themselves). What each returns is what Spectral's returns:
// `undefined` when the value passes (an empty array only where Spectral
// returns one: `xor`, `or`, `schema`, `unreferencedReusableObject`), and
// result messages as Spectral's templates (`#{{print("property")}}…`),
// which oaslint fills where the result is reported, as Spectral does.
// An input of another type than the function takes gives `undefined`, as
// `createRulesetFunction` does. `schema` validates with oaslint's JSON
// Schema validator (a host function), so its messages are that
// validator's, not Ajv's.
import { createRulesetFunction } from "@stoplight/spectral-core";

// As `createRulesetFunction` wraps Spectral's: a function that takes no
// options throws unless they are `null`.
const make = (input, options, fn) => {
  let checked = fn;
  if (options === null) {
    checked = function (value, opts, context) {
      if (opts !== null) throw new Error(`"${fn.name}" function does not accept any options`);
      return fn(value, opts, context);
    };
    Object.defineProperty(checked, "name", { value: fn.name });
  }
  return createRulesetFunction({ input, options }, checked);
};
const isObject = (v) => typeof v === "object" && v !== null;
const isPlainObject = (v) => {
  if (!isObject(v) || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
};

// Spectral's `printValue` (@stoplight/spectral-runtime).
const printValue = (value) => {
  if (value === undefined) return "undefined";
  if (isObject(value) || typeof value === "function") {
    if (Array.isArray(value)) return "Array[]";
    if (value instanceof RegExp) return String(value.source);
    if (!isPlainObject(value) && "constructor" in value && typeof value.constructor?.name === "string") {
      return value.constructor.name;
    }
    return "Object{}";
  }
  return JSON.stringify(value);
};

// The type test of an `input` schema's `type` (Ajv's meaning: an object is
// neither null nor an array).
const TYPES = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number",
  boolean: (v) => typeof v === "boolean",
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: (v) => isObject(v) && !Array.isArray(v),
};
const takes = (types, fn) => {
  const checked = function (input, options, context) {
    if (!types.some((t) => TYPES[t](input))) return;
    return fn(input, options, context);
  };
  Object.defineProperty(checked, "name", { value: fn.name });
  return checked;
};

// An options object a function needs: Spectral throws its option schema's
// message when the options are not one.
const needsOptions = (name, example, options) => {
  if (!isObject(options) || Array.isArray(options)) {
    throw new Error(`"${name}" function has invalid options specified. Example valid options: ${example}`);
  }
  return options;
};

export const truthy = make(null, null, function truthy(input) {
  if (!input) return [{ message: '#{{print("property")}}must be truthy' }];
});

export const falsy = make(null, null, function falsy(input) {
  if (input) return [{ message: '#{{print("property")}}must be falsy' }];
});

export const defined = make(null, null, function defined(input) {
  if (input === undefined) return [{ message: '#{{print("property")}}must be defined' }];
});

// Inside a function named `undefined`, `undefined` is the function.
const undefined_ = make(null, null, function undefined(input) {
  if (typeof input !== "undefined") return [{ message: '#{{print("property")}}must be undefined' }];
});
export { undefined_ as undefined };

const PATTERN_EXAMPLE =
  '{ "match": "^Stoplight" }, { "notMatch": "Swagger" }, { "match": "Stoplight", "notMatch": "Swagger" }';
const regExps = new Map();
const toRegExp = (pattern) => {
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0;
    return pattern;
  }
  let re = regExps.get(pattern);
  if (re === undefined) {
    const slashed = /^\/(.+)\/([a-z]*)$/.exec(pattern);
    re = slashed === null ? new RegExp(pattern) : new RegExp(slashed[1], slashed[2]);
    regExps.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
};
export const pattern = make(
  { type: "string" },
  {},
  takes(["string"], function pattern(input, options) {
    const opts = needsOptions("pattern", PATTERN_EXAMPLE, options);
    let results;
    if ("match" in opts && !toRegExp(opts.match).test(input)) {
      results = [{ message: `#{{print("value")}} must match the pattern ${printValue(opts.match)}` }];
    }
    if ("notMatch" in opts && toRegExp(opts.notMatch).test(input)) {
      (results ??= []).push({
        message: `#{{print("value")}} must not match the pattern ${printValue(opts.notMatch)}`,
      });
    }
    return results;
  }),
);

export const enumeration = make(
  { type: ["string", "number", "null", "boolean"] },
  {},
  takes(["string", "number", "null", "boolean"], function enumeration(input, options) {
    const { values } = needsOptions("enumeration", '{ "values": ["Berlin", "London", "Paris"] }, { "values": [2, 3, 5, 8, 13, 21] }', options);
    if (!values.includes(input)) {
      return [
        {
          message: `#{{print("value")}} must be equal to one of the allowed values: ${values.map(printValue).join(", ")}`,
        },
      ];
    }
  }),
);

export const length = make(
  { type: ["array", "object", "string", "number"] },
  {},
  takes(["array", "object", "string", "number"], function length(input, options) {
    const opts = needsOptions("length", '{ "min": 2 }, { "max": 5 }, { "min": 0, "max": 10 }', options);
    let value;
    if (isPlainObject(input)) value = Object.keys(input).length;
    else if (Array.isArray(input)) value = input.length;
    else if (typeof input === "number") value = input;
    else value = input.length;
    let results;
    if ("min" in opts && value < opts.min) {
      results = [{ message: `#{{print("property")}}must be longer than ${printValue(opts.min)}` }];
    }
    if ("max" in opts && value > opts.max) {
      (results ??= []).push({ message: `#{{print("property")}}must be shorter than ${printValue(opts.max)}` });
    }
    return results;
  }),
);

// "At least one of …" when none of `properties` is present.
const noneOf = (properties) =>
  properties.length > 4
    ? `At least one of "${properties.slice(0, 3).join('" or "')}" or ${properties.length - 3} other properties must be defined`
    : `At least one of "${properties.join('" or "')}" must be defined`;

export const xor = make(
  { type: "object" },
  {},
  takes(["object"], function xor(input, options) {
    const { properties } = needsOptions("xor", '{ "properties": ["country", "street"] }, { "properties": ["one", "two", "three"] }, etc.', options);
    if (properties.length < 2) return;
    const results = [];
    const present = Object.keys(input).filter((key) => properties.includes(key));
    if (present.length === 0) results.push({ message: noneOf(properties) });
    if (present.length > 1) results.push({ message: `Just one of "${present.join('" and "')}" must be defined` });
    return results;
  }),
);

export const or = make(
  { type: "object" },
  {},
  takes(["object"], function or(input, options) {
    const { properties } = needsOptions("or", '{ "properties": ["default", "example"] }, { "properties": ["title", "summary", "description"] }, etc.', options);
    if (properties.length < 2) return;
    const results = [];
    const present = Object.keys(input).filter((key) => properties.includes(key));
    if (present.length === 0) results.push({ message: noneOf(properties) });
    return results;
  }),
);

// Spectral's order: numbers (and strings that are numbers) by value, other
// strings by `localeCompare`.
const compare = (a, b) => {
  if ((typeof a === "number" || Number.isNaN(Number(a))) && (typeof b === "number" || !Number.isNaN(Number(b)))) {
    return Math.min(1, Math.max(-1, Number(a) - Number(b)));
  }
  if (typeof a !== "string" || typeof b !== "string") return 0;
  return a.localeCompare(b);
};
export const alphabetical = make(
  { type: ["object", "array"] },
  {},
  takes(["object", "array"], function alphabetical(input, options, context) {
    const path = context?.path ?? [];
    let items = Array.isArray(input) ? input : Object.keys(input);
    if (items.length < 2) return;
    const keyedBy = options?.keyedBy;
    if (keyedBy !== undefined) {
      const keyed = [];
      for (const item of items) {
        if (!isObject(item) && typeof item !== "function") {
          return [{ message: '#{{print("property")}}must be an object' }];
        }
        keyed.push(item[keyedBy]);
      }
      items = keyed;
    }
    if (!items.every((v) => typeof v === "string" || typeof v === "number")) {
      return [{ message: '#{{print("property")}}must be one of the allowed types: number, string' }];
    }
    for (let i = 0; i < items.length - 1; i += 1) {
      if (compare(items[i], items[i + 1]) >= 1) {
        if (keyedBy !== undefined) return [{ message: "properties must follow the alphabetical order" }];
        return [
          {
            path: [...path, Array.isArray(input) ? i : items[i]],
            message: `${printValue(items[i])} must be placed after ${printValue(items[i + 1])}`,
          },
        ];
      }
    }
  }),
);

const CASES = {
  flat: "[a-z][a-z{__DIGITS__}]*",
  camel: "[a-z][a-z{__DIGITS__}]*(?:[A-Z{__DIGITS__}](?:[a-z{__DIGITS__}]+|$))*",
  pascal: "[A-Z][a-z{__DIGITS__}]*(?:[A-Z{__DIGITS__}](?:[a-z{__DIGITS__}]+|$))*",
  kebab: "[a-z][a-z{__DIGITS__}]*(?:-[a-z{__DIGITS__}]+)*",
  cobol: "[A-Z][A-Z{__DIGITS__}]*(?:-[A-Z{__DIGITS__}]+)*",
  snake: "[a-z][a-z{__DIGITS__}]*(?:_[a-z{__DIGITS__}]+)*",
  macro: "[A-Z][A-Z{__DIGITS__}]*(?:_[A-Z{__DIGITS__}]+)*",
};
const escapeRegExp = (s) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
export const casing = make(
  { type: "string", minLength: 1 },
  {},
  takes(["string"], function casing(input, options) {
    const opts = needsOptions("casing", '{ "type": "camel" }, { "type": "pascal", "disallowDigits": true }', options);
    if (input.length === 0) return;
    const separator = opts.separator;
    if (input.length === 1 && separator !== undefined && separator.allowLeading === true && input === separator.char) {
      return;
    }
    const base = (CASES[opts.type] ?? "").replace(/\{__DIGITS__\}/g, opts.disallowDigits === true ? "" : "0-9");
    let re;
    if (separator === undefined) {
      re = new RegExp(`^${base}$`);
    } else {
      const sep = `[${escapeRegExp(separator.char)}]`;
      re = new RegExp(`^${separator.allowLeading === true ? `${sep}?` : ""}${base}(?:${sep}${base})*$`);
    }
    if (!re.test(input)) return [{ message: `must be ${opts.type} case` }];
  }),
);

export const schema = make(null, {}, function schema(input, options, context) {
  const path = context?.path ?? [];
  if (input === undefined) return [{ path, message: '#{{print("property")}}must exist' }];
  const opts = needsOptions("schema", '{ "schema": { /* any JSON Schema can be defined here */ } , { "schema": { "type": "object" }, "dialect": "auto" }', options);
  let text;
  try {
    text = JSON.stringify(input);
  } catch (e) {
    throw new Error(`oaslint's \`schema\` stand-in cannot validate this value (${e.message}): a value with a $ref cycle cannot be passed to oaslint's validator`);
  }
  const errors = globalThis.__oaslintSchema(text, JSON.stringify(opts.schema ?? {}));
  return JSON.parse(errors).map((e) => ({ message: e.message, path: [...path, ...e.path] }));
});

// RFC 6901 decoding of a URI fragment pointer, as `decodePointer` of
// @stoplight/json does.
const decodePointer = (pointer) => {
  let decoded = pointer;
  try {
    decoded = decodeURIComponent(pointer);
  } catch {}
  return decoded.replace(/~1/g, "/").replace(/~0/g, "~");
};
export const unreferencedReusableObject = make(
  { type: "object" },
  {},
  takes(["object"], function unreferencedReusableObject(input, options, context) {
    const { reusableObjectsLocation } = needsOptions("unreferencedReusableObject", '{ "reusableObjectsLocation": "#/components/schemas" }, { "reusableObjectsLocation": "#/$defs" }', options);
    const graph = context?.documentInventory?.graph;
    if (graph === null || graph === undefined) throw new Error("unreferencedReusableObject requires dependency graph");
    const source = context.document?.source ?? "";
    const referenced = new Set(graph.overallOrder().map(decodePointer));
    return Object.keys(input)
      .map((name) => `${source}${reusableObjectsLocation}/${name}`)
      .filter((node) => !referenced.has(node))
      .map((node) => {
        const hash = node.indexOf("#");
        const fragment = hash === -1 ? "" : node.slice(hash + 1);
        return {
          message: "Potential orphaned reusable object has been detected",
          path: fragment.split("/").slice(1).map(decodePointer),
        };
      });
  }),
);

export default {
  alphabetical,
  casing,
  defined,
  enumeration,
  falsy,
  length,
  or,
  pattern,
  schema,
  truthy,
  undefined: undefined_,
  unreferencedReusableObject,
  xor,
};
