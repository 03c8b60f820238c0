/** A refused field: its dotted path in the request (`body.answers[0].value`) and why. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A rule of the business said no. Each kind has one meaning at the edge (HTTP: 404, 409, 403,
 * 422); a message handler that throws one has it retried and dead-lettered like any failure.
 * `extensions` travel to the caller as they are (e.g. the current status): no personal data.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'not_found' | 'conflict' | 'forbidden' | 'invalid';
  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** There is no such thing, or the caller may not know it exists (answered alike, so ids are no oracle). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(readonly what: string) {
    super(`${what} was not found`);
  }
}

/** The thing is not in a state that allows this (a journey step out of order, a duplicate). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** Well-formed input the rules refuse, field by field. */
export class InvalidError extends DomainError {
  readonly kind = 'invalid';
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message, errors.length > 0 ? { errors } : {});
  }
}
