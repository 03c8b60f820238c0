import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { badRequest, FieldError } from '../problem/problem';

/**
 * Constraints about what a value is, rather than how big or long: when one of these fails, the
 * others of the field say nothing useful ("limit must not be greater than 100" for `limit=abc`).
 */
const KIND_CONSTRAINTS = new Set([
  'isDefined', 'isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isDate',
  'isDateString', 'isIso8601', 'isCalendarDate', 'isEnum', 'isIn', 'whitelistValidation', 'nestedValidation',
]);

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const failed = Object.entries(error.constraints ?? {});
    const kinds = failed.filter(([constraint]) => KIND_CONSTRAINTS.has(constraint));
    // "must be an object" says it; "nested property must be either object or array" repeats it less clearly.
    const kindFailures = kinds.length > 1 ? kinds.filter(([constraint]) => constraint !== 'nestedValidation') : kinds;
    const own = (kindFailures.length > 0 ? kindFailures : failed).map(([, message]) => ({ field, message }));
    // Not an object (or array) at all: what its elements or properties would have to be is beside the point.
    const notAContainer = kinds.some(([constraint]) => constraint === 'isObject' || constraint === 'isArray');
    return [...own, ...(notAContainer ? [] : flatten(error.children ?? [], field))];
  });
}

/** Carries raw validation errors out of the factory so the pipe can prefix them with their location. */
class RawValidationErrors extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('validation failed');
  }
}

/**
 * class-validator on every body, query and path parameter. Unknown fields are rejected, not
 * silently dropped, and every failure names its field (`body.rating`, `query.limit`).
 */
export class LanternValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      // Every constraint runs, so the message can be chosen by what failed, not decorator order.
      stopAtFirstError: false,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RawValidationErrors(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const location = metadata.type === 'custom' ? 'body' : metadata.type;
    const validated = metadata.metatype !== undefined && this.toValidate(metadata);
    if (validated && metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw badRequest('The request body must be a JSON object', [{ field: 'body', message: 'must be a JSON object' }]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof RawValidationErrors)) throw error;
      const fieldErrors = flatten(error.errors, location);
      const fields = new Set(fieldErrors.map((fieldError) => fieldError.field)).size;
      throw badRequest(`The request has ${fields} invalid field(s)`, fieldErrors);
    }
  }
}
