// Documents for warming the engine up in the worker. A WebAssembly module
// starts in V8's baseline tier; its hot functions are optimised only after
// they have run for a while. A first lint of a 1 MB document would pay for
// that (about 3× slower in tests), so the worker lints documents of some
// 100 KB (YAML and JSON) first: with no rules, for the parsers, and then
// with the ruleset the page uses, for its rule functions.

function operation(i: number): Record<string, unknown> {
  return {
    summary: `List the items of resource ${i}`,
    operationId: `listItems${i}`,
    parameters: [
      { name: "resource_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
      { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
    ],
    responses: {
      "200": { description: "A page", content: { "application/json": { schema: { $ref: `#/components/schemas/Item${i}` } } } },
      default: { description: "An error", content: { "application/problem+json": { schema: { type: "object" } } } },
    },
  };
}

function document(count: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    paths[`/resources-${i}/{resource_id}/items`] = { get: operation(i) };
    schemas[`Item${i}`] = {
      type: "object",
      required: ["item_id"],
      properties: {
        item_id: { type: "string", format: "uuid" },
        createdAt: { type: "string", format: "date-time" },
        tags: { type: "array", items: { type: "string", enum: ["a", "b"] } },
      },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: "warm-up", version: "1.0.0", contact: { name: "oaslint", email: "warm-up@example.com" } },
    paths,
    components: { schemas },
  };
}

/**
 * A plain (unquoted) YAML scalar where one reads back as the same string;
 * in a flow collection (`flow`) without braces.
 */
function scalar(value: unknown, flow = false): string {
  const plain = flow ? /^[A-Za-z_/][\w/ .-]*$/ : /^[A-Za-z_/][\w/ .{}-]*$/;
  if (typeof value === "string" && plain.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value) && !value.endsWith(" ")) {
    return value;
  }
  return JSON.stringify(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

/**
 * YAML as people write it, so that the warm-up runs the parser's code for
 * each style: block mappings and sequences, plain and quoted scalars, and
 * small flow collections (`{type: string, format: uuid}`, `[a, b]`).
 */
function yaml(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return `[${value.map((v) => scalar(v, true)).join(", ")}]`;
    return value.map((v) => `\n${indent}- ${yaml(v, `${indent}  `).replace(/^\n\s*/, "")}`).join("");
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length <= 3 && entries.every(([, v]) => isScalar(v))) {
      return `{${entries.map(([k, v]) => `${scalar(k, true)}: ${scalar(v, true)}`).join(", ")}}`;
    }
    return entries
      .map(([k, v]) => {
        const inner = yaml(v, `${indent}  `);
        return `\n${indent}${scalar(k)}:${inner.startsWith("\n") ? "" : " "}${inner}`;
      })
      .join("");
  }
  return scalar(value);
}

export function warmupDocuments(count = 24): { yaml: string; json: string } {
  const doc = document(count);
  return { yaml: `${yaml(doc).slice(1)}\n`, json: JSON.stringify(doc, null, 2) };
}
