import { MatchingClaimedV1, MatchingOffersMadeV1, MatchingWithdrawnV1, OrderPlacedV1 } from '@lantern/contracts';
import { orderPlacedData, waitFor } from '@lantern/testing';
import { commandsBetween, dbCommands } from '../../test/db-commands';
import { MatchingFixture, people, startMatching } from '../../test/matching-fixture';
import { StartMatchingHandler } from './start-matching/start-matching.handler';

/**
 * The facts an order was placed with (its intake, with round 1's evaluation) go with the event
 * that opens its case, not into a document of their own: a replica that did not place the order
 * reads them with the case. Only a case opened by its withdrawal keeps its intake in
 * `order_intakes`.
 */
describe('the intake kept with the case, on two replicas', () => {
  let fx: MatchingFixture;
  let worker: string;

  beforeAll(async () => {
    fx = await startMatching({}, 2);
    worker = fx.workerId('sw');
    await fx.putWorker(worker);
  });
  afterAll(() => fx.stop());

  const viewOn = async (replica: number, orderId: string) => fx.instances[replica].http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });

  it('both replicas show the case with its first round and take the claim; no intake document is written or read', async () => {
    // The counter is per process: it counts both replicas.
    const before = await dbCommands(fx.matching);
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    await fx.handled(OrderPlacedV1.type, orderId);
    for (const replica of [0, 1]) {
      const view = await viewOn(replica, orderId);
      expect({ replica, status: view.status, body: view.body }).toMatchObject({ replica, status: 200, body: { status: 'OFFERED', stationId: fx.stationId, villageId: fx.villageId, rounds: [{ round: 1 }] } });
      expect(view.body.rounds[0].candidates.map((candidate: { socialWorkerId: string }) => candidate.socialWorkerId)).toContain(worker);
    }
    const token = await people.worker(worker, [fx.stationId]);
    // The second is the same claim retried, on the other replica: 200 again, nothing appended.
    for (const replica of [1, 0]) expect((await fx.instances[replica].http('POST', `/v1/orders/${orderId}/claim`, { token })).status).toBe(200);
    await fx.probe.waitForEvent((event) => event.type === MatchingClaimedV1.type && event.subject === orderId);
    expect(await fx.storedTypes(orderId)).toEqual(['lantern.matching.offers-made.v1', MatchingClaimedV1.type]);
    const intakeCommands = Object.keys(commandsBetween(before, await dbCommands(fx.matching))).filter((key) => key.startsWith('order_intakes '));
    expect(intakeCommands).toEqual([]);
  });

  it('a case opened by its withdrawal keeps the late placement’s intake apart, and both replicas show it', async () => {
    const orderId = `ord_late_${Date.now()}`;
    await fx.cancelOrder(orderId);
    await waitFor(async () => (await fx.storedTypes(orderId)).includes(MatchingWithdrawnV1.type), { description: 'the withdrawal' });
    await fx.placeOrder({ orderId });
    await fx.handled(OrderPlacedV1.type, orderId);
    expect(await fx.database.collection('order_intakes').countDocuments({ _id: orderId } as never)).toBe(1);
    for (const replica of [0, 1]) {
      const view = await viewOn(replica, orderId);
      expect({ replica, status: view.status, body: view.body }).toMatchObject({ replica, status: 200, body: { status: 'WITHDRAWN', stationId: fx.stationId, offers: [] } });
    }
  });

  it('two replicas opening one case at once (a placement handled by both): one offers-made, and both show the winner’s first round', async () => {
    const orderId = `ord_both_${Date.now()}`;
    const placed = { ...orderPlacedData(orderId, { villageId: fx.villageId, stationId: fx.stationId }), version: 1 };
    await Promise.all(fx.instances.map((replica) => replica.app.get(StartMatchingHandler).execute(placed)));
    await waitFor(async () => (await fx.distinctOnTopic(orderId, MatchingOffersMadeV1.type)).length > 0, { description: 'the offers on the topic' });
    expect(await fx.storedTypes(orderId)).toEqual([MatchingOffersMadeV1.type]);
    // Each replica computed an evaluation of its own (its own time); only the winner's is shown, by both.
    const [first, second] = await Promise.all([viewOn(0, orderId), viewOn(1, orderId)]);
    expect(first.body.rounds).toHaveLength(1);
    expect(second.body.rounds).toEqual(first.body.rounds);
    expect(await fx.distinctOnTopic(orderId, MatchingOffersMadeV1.type)).toHaveLength(1);
  });
});
