import { LanternValidationPipe, ProblemException } from '@lantern/http';
import { PutFulfillerRequest } from './fulfillers/put-fulfiller.request.dto';
import { PutSocialWorkerRequest } from './social-workers/put-social-worker.request.dto';

async function fieldErrors(body: object, metatype: new () => object): Promise<string[]> {
  try {
    await new LanternValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof ProblemException) return (error.problem.errors ?? []).map((entry) => entry.field);
    throw error;
  }
  return [];
}

describe('roster requests: a flag may be left out, but null is not a boolean', () => {
  const worker = { name: '陈社工 Chen', skills: [], stations: ['lizhoujiao-centre'], capacity: 1 };

  it('PUT /v1/social-workers/{id} refuses null for active, available and supervisor, and takes them left out', async () => {
    expect(await fieldErrors({ ...worker, active: null, available: null, supervisor: null }, PutSocialWorkerRequest)).toEqual(['body.active', 'body.available', 'body.supervisor']);
    expect(await fieldErrors(worker, PutSocialWorkerRequest)).toEqual([]);
  });

  it('PUT /v1/fulfillers/{id} refuses null for active, and takes it left out', async () => {
    const fulfiller = { type: 'partner', name: { 'zh-CN': '黎洲角村民委员会', en: 'Lizhoujiao village committee' }, stations: ['lizhoujiao-centre'], categories: [] };
    expect(await fieldErrors({ ...fulfiller, active: null }, PutFulfillerRequest)).toEqual(['body.active']);
    expect(await fieldErrors(fulfiller, PutFulfillerRequest)).toEqual([]);
  });
});
