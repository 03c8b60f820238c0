/** Just enough of an OpenAPI 3.0 schema to build and break request bodies. */
interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(document, document.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {});
  if (schema.allOf?.length === 1) return resolve(document, schema.allOf[0]);
  return schema;
}

/** A plausible value for a schema, from its example, enum or type: what a careful client would send. */
export function exampleOf(document: OpenApiDocument, raw: Schema): unknown {
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.type === 'array' ? [schema.enum[0]] : schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, exampleOf(document, property)]));
  }
  switch (schema.type) {
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(document, schema.items ?? {}));
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'object':
      return {};
    default:
      return 'x';
  }
}

/** The JSON request body schema of an operation, if it takes one. */
export function requestBodySchema(document: OpenApiDocument, method: string, path: string): Schema | undefined {
  return document.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
}

/** A value of another JSON type than the one given. */
function mistyped(value: unknown): unknown {
  if (Array.isArray(value)) return {};
  if (value !== null && typeof value === 'object') return [];
  if (typeof value === 'string') return 7;
  return 'x';
}

/**
 * The body with one field broken at a time — left out, null, or of another JSON type — at every
 * depth: what a fuzzer tries first, and what reaches code that trusts a field it never validated.
 */
export function bodyMutations(body: unknown, path: string[] = []): { field: string; body: unknown }[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const mutations: { field: string; body: unknown }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const field = [...path, key].join('.');
    const without = { ...body } as Record<string, unknown>;
    delete without[key];
    mutations.push({ field: `${field} left out`, body: without });
    mutations.push({ field: `${field} null`, body: { ...body, [key]: null } });
    mutations.push({ field: `${field} mistyped`, body: { ...body, [key]: mistyped(value) } });
    const element = Array.isArray(value) ? value[0] : value;
    for (const nested of bodyMutations(element, [...path, key])) {
      mutations.push({ field: nested.field, body: { ...body, [key]: Array.isArray(value) ? [nested.body, ...value.slice(1)] : nested.body } });
    }
  }
  return mutations;
}
