import { getMetadataStorage } from 'class-validator';
import { OperationInputs } from './operation-inputs';
import { DtoClass, PropertyConstraints, validationSchemaOf } from './validation-schema';

// class-transformer publishes its metadata storage without typings for the CommonJS path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: DtoClass, property: string): { typeFunction(): unknown } | undefined };
};

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; items?: Schema; $ref?: string };
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = { operationId?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
/** The parts of an OpenAPI document this reads (OpenAPIObject fits). */
interface Document {
  paths: object;
  components?: { schemas?: object };
}

const OPERATIONS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Optional for the validator: `@IsOptional()` or a `@ValidateIf` (such as `@Omittable()`). */
function isOptional(target: DtoClass, property: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .some((metadata) => metadata.propertyName === property && metadata.type === 'conditionalValidation');
}

/** The classes nested in a DTO with `@ValidateNested()` (named by class-transformer's `@Type`). */
function nestedClasses(target: DtoClass): DtoClass[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .filter((metadata) => metadata.type === 'nestedValidation')
    .map((metadata) => defaultMetadataStorage.findTypeMetadata(target, metadata.propertyName)?.typeFunction())
    .filter((type): type is DtoClass => typeof type === 'function');
}

function applyTo(schema: Schema, constraints: PropertyConstraints): void {
  Object.assign(schema, constraints.own);
  if (Object.keys(constraints.items).length > 0) {
    schema.items ??= {};
    // An item given by reference gets its keywords beside it, which OpenAPI 3.0 ignores: wrap it.
    if (schema.items.$ref) schema.items = { allOf: [{ $ref: schema.items.$ref }] };
    Object.assign(schema.items, constraints.items);
  }
  // A validated enum says the type of its values; a declared type of the other kind would contradict it.
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'boolean')) schema.type = 'boolean';
}

/** A request body schema says what the validator enforces, and that nothing else is accepted (forbidNonWhitelisted). */
function documentClass(document: Document, target: DtoClass, seen: Set<DtoClass>): void {
  if (seen.has(target)) return;
  seen.add(target);
  const schema = (document.components?.schemas as Record<string, Schema> | undefined)?.[target.name];
  if (!schema) return;
  const properties = (schema.properties ??= {});
  const required = new Set(schema.required ?? []);
  for (const [name, constraints] of validationSchemaOf(target)) {
    applyTo((properties[name] ??= {}), constraints);
    if (isOptional(target, name)) required.delete(name);
    else required.add(name);
  }
  if (required.size > 0) schema.required = [...required];
  else delete schema.required;
  schema.additionalProperties = false;
  for (const nested of nestedClasses(target)) documentClass(document, nested, seen);
}

function documentParameters(operation: Operation, target: DtoClass, location: 'query' | 'path'): void {
  for (const [name, constraints] of validationSchemaOf(target)) {
    const parameter = operation.parameters?.find((candidate) => candidate.in === location && candidate.name === name);
    if (!parameter) continue;
    applyTo((parameter.schema ??= {}), constraints);
    parameter.required = location === 'path' || !isOptional(target, name);
  }
}

/**
 * Writes into the OpenAPI document the constraints the validation pipe enforces on each
 * operation's body, query and path objects (patterns, lengths, ranges, enums, formats, required
 * fields, no unknown fields), from the class-validator decorators themselves: the document cannot
 * say less than the server checks, and a new endpoint is covered without doing anything.
 */
export function documentValidationConstraints(document: Document, inputs: Map<string, OperationInputs>): void {
  const seen = new Set<DtoClass>();
  for (const item of Object.values(document.paths as Record<string, object>)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!OPERATIONS.has(method) || !operation.operationId) continue;
      const input = inputs.get(operation.operationId);
      if (!input) continue;
      if (input.body) documentClass(document, input.body, seen);
      for (const query of input.query) documentParameters(operation, query, 'query');
      for (const params of input.params) documentParameters(operation, params, 'path');
    }
  }
}
