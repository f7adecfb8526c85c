// `@stoplight/spectral-formats`: each format is a test of a document.
const isObj = (d) => typeof d === "object" && d !== null;
const version = (d, key, re) => isObj(d) && typeof d[key] === "string" && re.test(d[key]);
export const oas2 = (d) => isObj(d) && (d.swagger === "2.0" || d.swagger === 2);
export const oas3 = (d) => version(d, "openapi", /^3\./);
export const oas3_0 = (d) => version(d, "openapi", /^3\.0(\.|$)/);
export const oas3_1 = (d) => version(d, "openapi", /^3\.1(\.|$)/);
export const oas3_2 = (d) => version(d, "openapi", /^3\.2(\.|$)/);
export const jsonSchema = (d) => isObj(d) && typeof d.$schema === "string";
export const jsonSchemaLoose = (d) => isObj(d) && ("$schema" in d || "type" in d || "properties" in d);
// Not OpenAPI: never true of a document oaslint lints.
const never = () => false;
export { never as asyncapi2, never as aas2, never as asyncapi3, never as aas3, never as arazzo1_0 };
oas2.displayName = "OpenAPI 2.0 (Swagger)";
oas3.displayName = "OpenAPI 3.x";
oas3_0.displayName = "OpenAPI 3.0.x";
oas3_1.displayName = "OpenAPI 3.1.x";
oas3_2.displayName = "OpenAPI 3.2.x";
