// `@stoplight/spectral-core` as custom functions use it. oaslint (Rust)
// validates `functionOptions` against `options` when the ruleset loads and
// the input against `input` before each call, from the schemas recorded
// here: the wrapper only marks the function.
export function createRulesetFunction(meta, fn) {
  if (typeof fn !== "function") {
    throw new TypeError("createRulesetFunction: the second argument must be a function");
  }
  const wrapped = function (input, options, context) {
    return fn(input, options, context);
  };
  Object.defineProperty(wrapped, "name", { value: fn.name });
  Object.defineProperty(wrapped, "__oaslintSchemas", {
    enumerable: false,
    value: {
      input: meta?.input ?? null,
      options: meta?.options ?? null,
      errorOnInvalidInput: meta?.errorOnInvalidInput === true,
    },
  });
  return wrapped;
}

export class RulesetValidationError extends Error {
  constructor(code, message, path) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

export default { createRulesetFunction, RulesetValidationError };
