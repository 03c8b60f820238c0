import { LanternValidationPipe, ProblemException } from '@lantern/http';
import { RecordTrainingRequest } from './record-training.request.dto';

async function fieldErrors(body: object): Promise<string[]> {
  try {
    await new LanternValidationPipe().transform(body, { type: 'body', metatype: RecordTrainingRequest });
  } catch (error) {
    if (error instanceof ProblemException) return (error.problem.errors ?? []).map((entry) => entry.field);
    throw error;
  }
  return [];
}

describe('POST /v1/volunteers/{id}/training', () => {
  const training = { courseCode: 'first-aid', completedOn: '2026-03-01', trainingHours: 8 };

  it('validUntil may be left out (the training does not expire), but null is not a date', async () => {
    expect(await fieldErrors({ ...training, validUntil: null })).toEqual(['body.validUntil']);
    expect(await fieldErrors(training)).toEqual([]);
    expect(await fieldErrors({ ...training, validUntil: '2028-03-01' })).toEqual([]);
  });
});
