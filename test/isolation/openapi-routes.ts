/** A write route of the gateway as its OpenAPI document describes it. */
export interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. `/v1/tenants/{tenantId}/members/{memberId}` */
  path: string;
  /** the JSON body schema, resolved ($ref and allOf), when the route takes one */
  body?: JsonSchema;
  /** media types of the body the route declares */
  mediaTypes: string[];
  /** path parameters in order */
  params: string[];
}

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
  components: { schemas: Record<string, JsonSchema> };
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** Every write route under /v1 of the document, with its body schema resolved. */
export function writeRoutes(document: OpenApiDocument): WriteRoute[] {
  const routes: WriteRoute[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const method of WRITE_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const content = operation.requestBody?.content ?? {};
      const json = content['application/json'] ?? content['application/merge-patch+json'];
      routes.push({
        method: method.toUpperCase() as WriteRoute['method'],
        path,
        body: json ? resolve(document, json.schema) : undefined,
        mediaTypes: Object.keys(content),
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      });
    }
  }
  return routes;
}

/** Inlines $ref and single allOf, depth-bounded (schemas may be recursive). */
export function resolve(document: OpenApiDocument, schema: JsonSchema, depth = 0): JsonSchema {
  if (depth > 8) return { type: 'object' };
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(document, document.components.schemas[name], depth + 1);
  }
  if (schema.allOf?.length === 1)
    return resolve(document, { ...schema, allOf: undefined, ...schema.allOf[0] }, depth);
  const resolved: JsonSchema = { ...schema };
  if (schema.properties)
    resolved.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [
        key,
        resolve(document, value, depth + 1),
      ]),
    );
  if (schema.items) resolved.items = resolve(document, schema.items, depth + 1);
  if (!resolved.type && resolved.properties) resolved.type = 'object';
  return resolved;
}

/** The concrete path: each parameter from `values`, URL-encoded. */
export function fillPath(route: WriteRoute, values: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));
}
