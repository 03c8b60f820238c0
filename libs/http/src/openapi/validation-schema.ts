import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { openApiPattern } from './openapi-pattern';

/** A class the validation pipe checks (a DTO). */
export type DtoClass = abstract new (...args: never[]) => unknown;

/** The JSON-schema keywords (OpenAPI 3.0 dialect) that say what the validator enforces. */
export type ConstraintSchema = Record<string, unknown>;

export interface PropertyConstraints {
  /** Keywords of the property itself. */
  own: ConstraintSchema;
  /** Keywords of each element, for constraints declared with `{ each: true }`. */
  items: ConstraintSchema;
  /** Constraints this mapping does not know: a test fails on them, so none slips through undocumented. */
  unknown: string[];
}

/** Constraints that decide whether a value is checked at all, or that a schema already says by its shape. */
const SHAPE_ONLY = new Set(['isOptional', 'isDefined', 'isObject', 'nestedValidation', 'whitelistValidation', 'conditionalValidation', 'allow']);

const TYPES: Record<string, string> = { isString: 'string', isInt: 'integer', isNumber: 'number', isBoolean: 'boolean', isArray: 'array' };

const enumValues = (entity: object) =>
  Object.entries(entity)
    .filter(([key]) => !/^\d+$/.test(key)) // numeric enums map values back to names too
    .map(([, value]) => value);

/** What one class-validator constraint says in schema keywords, or undefined when it has no schema form. */
function keywordsOf(metadata: ValidationMetadata): ConstraintSchema | undefined {
  const [first, second] = metadata.constraints ?? [];
  const name = metadata.name ?? metadata.type;
  if (TYPES[name]) return { type: TYPES[name] };
  switch (name) {
    case 'matches':
      return { pattern: openApiPattern(first instanceof RegExp ? first : new RegExp(String(first), second)) };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'isLength':
      return second === undefined ? { minLength: first } : { minLength: first, maxLength: second };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'isPositive':
      return { minimum: 0, exclusiveMinimum: true };
    case 'isIn':
      return { enum: [...(first as unknown[])] };
    case 'isEnum':
      return { enum: enumValues(first as object) };
    case 'equals':
      return { enum: [first] };
    case 'notEquals':
      return { not: { enum: [first] } };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayNotEmpty':
      return { minItems: 1 };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'isDateString':
    case 'isIso8601':
      // ISO 8601 with or without the time: `2026-05-01` and `2026-05-01T08:00:00Z` both pass.
      return { anyOf: [{ format: 'date' }, { format: 'date-time' }] };
    case 'isCalendarDate':
      return { format: 'date' };
    case 'isHundredths':
      return { type: 'number', multipleOf: 0.01 };
    case 'isEmail':
      return { format: 'email' };
    case 'isUrl':
      return { format: 'uri' };
    case 'isUUID':
      return { format: 'uuid' };
    default:
      return undefined;
  }
}

/**
 * What the validator enforces on each property of a DTO class (its parents' decorators included),
 * in schema keywords. The one mapping from class-validator to OpenAPI: the documents are enriched
 * with it, and the test that compares them with the validator fails on a constraint it lacks.
 */
export function validationSchemaOf(target: DtoClass): Map<string, PropertyConstraints> {
  const properties = new Map<string, PropertyConstraints>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const entry = properties.get(metadata.propertyName) ?? { own: {}, items: {}, unknown: [] };
    properties.set(metadata.propertyName, entry);
    const name = metadata.name ?? metadata.type;
    if (SHAPE_ONLY.has(name) || SHAPE_ONLY.has(metadata.type)) continue;
    const keywords = keywordsOf(metadata);
    if (!keywords) entry.unknown.push(name);
    else Object.assign(metadata.each ? entry.items : entry.own, keywords);
  }
  return properties;
}

/** Every class class-validator holds constraints for (the DTOs of all loaded modules). */
export function validatedClasses(): DtoClass[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, unknown> };
  return [...storage.validationMetadatas.keys()];
}
