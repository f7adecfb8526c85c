// A deterministic OpenAPI 3.0 document of about `bytes` bytes (YAML), for
// timing the first lint of a large spec in the page.
export function largeSpec(bytes = 1024 * 1024) {
  const head = `openapi: 3.0.3
info:
  title: Large generated API
  description: Generated for oaslint's browser timing test.
  version: 1.0.0
  contact: {name: Team Large, url: https://large.example.com, email: large@example.com}
  x-api-id: 0b6d6c43-5f0e-4c8e-9d1e-6a2f1b3c4d5e
  x-audience: company-internal
paths:
`;
  const paths = [];
  const schemas = [];
  let size = head.length + 40;
  for (let i = 0; size < bytes; i++) {
    const p = `  /resources-${i}/{resource_id}/items:
    get:
      summary: List the items of resource ${i}
      description: Returns the items of resource ${i}, a page at a time.
      operationId: listItems${i}
      parameters:
        - name: resource_id
          in: path
          required: true
          schema: {type: string, format: uuid}
        - name: pageSize
          in: query
          schema: {type: integer, minimum: 1, maximum: 100}
      responses:
        "200":
          description: A page of items
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/ItemPage${i}"
        default:
          description: An error
          content:
            application/problem+json:
              schema: {type: object}
    post:
      summary: Add an item to resource ${i}
      requestBody:
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Item${i}"
      responses:
        "201":
          description: Created
`;
    const s = `    Item${i}:
      type: object
      required: [item_id, name]
      properties:
        item_id: {type: string, format: uuid}
        name: {type: string, maxLength: 200}
        createdAt: {type: string, format: date-time}
        price_amount: {type: number, format: decimal}
        tags:
          type: array
          items: {type: string}
    ItemPage${i}:
      type: object
      properties:
        items:
          type: array
          items:
            $ref: "#/components/schemas/Item${i}"
        next_cursor: {type: string}
`;
    paths.push(p);
    schemas.push(s);
    size += p.length + s.length;
  }
  return `${head}${paths.join("")}components:\n  schemas:\n${schemas.join("")}`;
}
