// Documents for warming the engine up in the worker. A WebAssembly module
// starts in V8's baseline tier; a function is optimised only after it has
// used up a budget of running time, and a call already running stays in the
// tier it started in. The first lint of a 1 MB document would pay for that
// (1.5-3x slower in tests), so the worker lints documents of some 100 KB
// (YAML and JSON) first, several times: with no rules, for the parsers, and
// then with the ruleset the page uses, for its rule functions.
//
// The documents use what most specs use — operations with parameters,
// request bodies and responses with headers, tags, security, component
// schemas with nested objects, arrays, enums and `allOf` — so that the code
// a real spec runs is the code that was warmed up.

function operations(i: number): Record<string, unknown> {
  const resource = `Item${i}`;
  return {
    parameters: [{ name: "resource_id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
    get: {
      summary: `List the items of resource ${i}`,
      description: `Returns the items of resource ${i}, a page at a time.`,
      operationId: `listItems${i}`,
      tags: ["Items"],
      security: [{ oauth2: ["items.read"] }],
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", format: "int32", minimum: 1, maximum: 100 } },
        { name: "cursor", in: "query", schema: { type: "string" } },
      ],
      responses: {
        "200": {
          description: "A page of items",
          headers: { "X-Flow-ID": { schema: { type: "string" } } },
          content: { "application/json": { schema: { $ref: `#/components/schemas/${resource}Page` } } },
        },
        default: { description: "An error", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
      },
    },
    post: {
      summary: `Add an item to resource ${i}`,
      operationId: `addItem${i}`,
      tags: ["Items"],
      requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${resource}` } } } },
      responses: {
        "201": { description: "Created", content: { "application/json": { schema: { $ref: `#/components/schemas/${resource}` } } } },
        "400": { description: "Bad request", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
      },
    },
  };
}

function schemas(i: number): Record<string, unknown> {
  return {
    [`Item${i}`]: {
      type: "object",
      description: `An item of resource ${i}.`,
      required: ["item_id", "name"],
      properties: {
        item_id: { type: "string", format: "uuid", readOnly: true },
        name: { type: "string", maxLength: 200, example: "A name" },
        status: { type: "string", enum: ["ACTIVE", "INACTIVE"] },
        created_at: { type: "string", format: "date-time" },
        price: { type: "object", properties: { amount: { type: "number", format: "decimal" }, currency: { type: "string" } } },
        tags: { type: "array", items: { type: "string" } },
      },
    },
    [`Item${i}Page`]: {
      allOf: [
        { $ref: "#/components/schemas/Page" },
        { type: "object", properties: { items: { type: "array", items: { $ref: `#/components/schemas/Item${i}` } } } },
      ],
    },
  };
}

function document(count: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const components: Record<string, unknown> = {
    Problem: { type: "object", properties: { type: { type: "string", format: "uri" }, title: { type: "string" }, status: { type: "integer", format: "int32" } } },
    Page: { type: "object", properties: { next: { type: "string", format: "uri" } } },
  };
  for (let i = 0; i < count; i++) {
    paths[`/resources-${i}/{resource_id}/items`] = operations(i);
    Object.assign(components, schemas(i));
  }
  return {
    openapi: "3.0.3",
    info: { title: "warm-up", version: "1.0.0", description: "Warms the linter up.", contact: { name: "oaslint", email: "warm-up@example.com" } },
    servers: [{ url: "https://api.example.com" }],
    tags: [{ name: "Items", description: "The items." }],
    security: [{ oauth2: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        oauth2: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example.com/token", scopes: { "items.read": "Read items" } } } },
      },
    },
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
