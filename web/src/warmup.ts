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

/** A block-style YAML rendering of plain JSON data (enough for the warm-up document). */
function yaml(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    return value.map((v) => `\n${indent}- ${yaml(v, `${indent}  `).replace(/^\n\s*/, "")}`).join("");
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value)
      .map(([k, v]) => {
        const inner = yaml(v, `${indent}  `);
        const key = /^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k);
        return `\n${indent}${key}:${inner.startsWith("\n") ? "" : " "}${inner}`;
      })
      .join("");
  }
  return JSON.stringify(value);
}

export function warmupDocuments(count = 24): { yaml: string; json: string } {
  const doc = document(count);
  return { yaml: `${yaml(doc).slice(1)}\n`, json: JSON.stringify(doc, null, 2) };
}
