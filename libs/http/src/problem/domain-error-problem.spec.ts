import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@lantern/errors';
import { problemForDomainError } from './problem-details.filter';

describe('domain errors at the HTTP edge (one mapping, in the problem filter)', () => {
  it('answers a missing thing as 404, naming it', () => {
    expect(problemForDomainError(new NotFoundError('Order ord_1'))).toEqual({
      type: 'https://lantern.example/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'Order ord_1 was not found',
    });
  });

  it('answers a conflict as 409 with its extensions (the current status, the action)', () => {
    expect(problemForDomainError(new ConflictError('Order ord_1 is CLOSED: it cannot be started now', { currentStatus: 'CLOSED', action: 'start' }))).toMatchObject({
      status: 409,
      detail: 'Order ord_1 is CLOSED: it cannot be started now',
      currentStatus: 'CLOSED',
      action: 'start',
    });
  });

  it('answers a refused field as 422 naming the field, and a forbidden act as 403', () => {
    const errors = [{ field: 'body.answers[0].optionIds', message: 'must name options of question q1' }];
    expect(problemForDomainError(new InvalidError('The answers do not fit the survey', errors))).toMatchObject({ status: 422, errors });
    expect(problemForDomainError(new ForbiddenError('Only the claiming worker may route it'))).toMatchObject({ status: 403 });
  });
});
