import { MatchingClaimedV1 } from '@lantern/contracts';
import { MatchingFixture, people, startMatching } from '../../test/matching-fixture';
import { fieldKey } from './field-key';

const candidatesOf = async (fx: MatchingFixture, orderId: string) => {
  const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
  return Object.fromEntries((view.body.rounds[0].candidates as { socialWorkerId: string; reasons: string[]; eligible: boolean }[]).map((candidate) => [candidate.socialWorkerId, candidate]));
};

/**
 * A worker's document lists their claimed, unfinished orders. Between replicas, FerretDB can
 * lose one of two updates of it that land at once; what matters — a release lost, keeping the
 * worker out of offers — is repaired against the claim ledger when the worker looks full.
 */
describe('the workload of a worker', () => {
  let fx: MatchingFixture;

  beforeAll(async () => {
    fx = await startMatching();
  });
  afterAll(() => fx.stop());

  const workloads = () => fx.database.collection<{ _id: string; active: Record<string, { orderId: string; claimedAt: Date }> }>('worker_workload');

  it('a release lost between replicas does not keep a worker out: at capacity, their entries are checked against the ledger', async () => {
    const worker = fx.workerId('repaired');
    await fx.putWorker(worker, { capacity: 1 });
    // What a lost release leaves: the ledger says released, the worker's document still lists it.
    const gone = `ord_gone_${Date.now()}`;
    await fx.database.collection('active_assignments').insertOne({ _id: gone, socialWorkerId: worker, claimedAt: new Date(), releasedAt: new Date() } as never);
    await workloads().insertOne({ _id: worker, active: { [fieldKey(gone)]: { orderId: gone, claimedAt: new Date() } }, lastClaimedAt: new Date() } as never);

    const orderId = await fx.placeOrder();
    expect((await fx.offersMade(orderId)).offers.map((offer) => offer.socialWorkerId)).toEqual([worker]);
    expect((await candidatesOf(fx, orderId))[worker].reasons[0]).toBe('load 0/1 (+40)');
    expect((await workloads().findOne({ _id: worker }))?.active).toEqual({});
  });

  it('a worker whose listed work is still claimed stays at capacity', async () => {
    const busy = fx.workerId('busy');
    const spare = fx.workerId('spare');
    await fx.putWorker(busy, { capacity: 1 });
    await fx.putWorker(spare, { capacity: 1 });
    const first = await fx.placeOrder();
    await fx.offersMade(first);
    expect((await fx.matching.http('POST', `/v1/orders/${first}/claim`, { token: await people.worker(busy, [fx.stationId]) })).status).toBe(200);
    await fx.probe.waitForEvent((event) => event.type === MatchingClaimedV1.type && event.subject === first);

    const next = await fx.placeOrder();
    expect((await fx.offersMade(next)).offers.map((offer) => offer.socialWorkerId)).not.toContain(busy);
    expect((await candidatesOf(fx, next))[busy]).toMatchObject({ eligible: false, reasons: ['at capacity (1/1)'] });
    expect(Object.keys((await workloads().findOne({ _id: busy }))?.active ?? {})).toEqual([fieldKey(first)]);
  });
});
