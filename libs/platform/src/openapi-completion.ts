import { IDEMPOTENCY_KEY_SCHEMA, PUBLIC_OPERATION_EXTENSION, problemResponse, ROLES_OPERATION_EXTENSION } from '@lantern/http';
import { OpenAPIObject } from '@nestjs/swagger';

const OPERATIONS = new Set(['get', 'put', 'post', 'delete', 'patch']);

type Operation = {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; name?: string; schema?: object }[];
  responses?: Record<string, unknown>;
  [extension: string]: unknown;
};

/** `PlaceOrderHttpController_place` → "Place order: place", for an operation nobody summarised. */
function summaryFrom(operationId: string): string {
  const [controller, method] = operationId.split('_');
  const words = controller.replace(/(Http)?Controller$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${method ? `: ${method}` : ''}`;
}

/** OpenAPI 3.0 wants a type beside `nullable`; a nullable object (`allOf` of a reference) gets `object`. */
function typeNullables(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true && !schema.type && !schema.enum) schema.type = 'object';
  for (const value of Object.values(schema)) typeNullables(value);
}

/**
 * What the platform's own decorators mean for the document: @Public() operations need no token
 * (`security: []`), @Roles() operations answer 403 to other roles, operations on a resource named
 * in the path answer 404 (it does not exist, or is not the caller's to see) and 403 (not the
 * caller's to change); every operation gets a summary.
 */
export function completeOperations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!OPERATIONS.has(method)) continue;
      const responses = (operation.responses ??= {});
      if (operation[PUBLIC_OPERATION_EXTENSION]) operation.security = [];
      const roles = operation[ROLES_OPERATION_EXTENSION] as string[] | undefined;
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      const onResource = operation.parameters?.some((parameter) => parameter.in === 'path') ?? false;
      if (roles) responses['403'] ??= problemResponse(`The caller has none of the roles ${roles.join(', ')}, or may not act on this resource`);
      else if (!isPublic && onResource) responses['403'] ??= problemResponse('The caller may not act on this resource');
      if (onResource) responses['404'] ??= problemResponse('Nothing with this id exists (or the caller may not know of it)');
      // The Idempotency-Key each controller documents is refused (400) outside what the interceptor accepts.
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key') parameter.schema = { ...IDEMPOTENCY_KEY_SCHEMA };
      }
      if (!operation.summary && operation.operationId) operation.summary = summaryFrom(operation.operationId);
      delete operation[PUBLIC_OPERATION_EXTENSION];
      delete operation[ROLES_OPERATION_EXTENSION];
    }
  }
  typeNullables(document.components?.schemas);
  typeNullables(document.paths);
}
