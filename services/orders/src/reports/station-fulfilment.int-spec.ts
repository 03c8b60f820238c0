import { MatchingClaimedV1, MatchingEscalatedV1, OrderCompletedConfidentialV2, OrderCompletedV2, TOPICS } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { afterSchoolCare, familyMediation, OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { shanghaiDay } from './domain/shanghai-calendar';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** After-school care's fulfil SLA, normal urgency (catalogue seed). */
const AFTER_SCHOOL_FULFIL = 7 * DAY;

/**
 * Orders a station supervisor took when they were escalated and fulfilled with the station's own
 * staff (order.completed.v2, the station as fulfiller) count in the workload per fulfiller and in
 * on-time fulfilment, judged by the fulfil SLA from when the station took them. Six orders at the
 * Lizhoujiao centre, figures by hand:
 *   P  sw-liz claims, routes to the committee, which completes it done        → committee, after route, on time
 *   S1 sup-liz takes it (claimed +2 min), completes it done                   → station, on time (due +7 days from the claim)
 *   S2 sup-liz takes it — matching says 8 days before (its fulfil SLA is 7),
 *      completes it partially done                                            → station, late
 *   S3 escalated; sup-liz routes it to the committee (taking it), which hands
 *      it back (no capacity); sup-liz completes it done                       → station (not the committee), on time
 *   S4 sup-liz takes it, has not completed it                                → no fulfiller yet
 *   S5 a confidential service (family mediation): sup-liz takes it, completes
 *      it done (order.completed-confidential.v2)                              → station, on time
 */
describe('reports: orders the station fulfilled itself count per fulfiller and in on-time fulfilment', () => {
  let fx: OrdersFixture;
  let period: string;
  const ids: Record<string, string> = {};
  const paths = ['stations/lizhoujiao-centre', 'villages/lizhoujiao', 'town'];

  const report = async (path: string, extra = '', headers?: Record<string, string>) =>
    fx.orders.http('GET', `/v1/reports/${path}?${period}${extra}`, { token: await people.admin(), headers });
  const placedAt = async (orderId: string) => Date.parse((await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.supervisorLizhoujiao() })).body.placedAt);

  /** The supervisor takes the order in matching (claimedAs supervisor), at the time matching says. */
  async function supervisorTakes(orderId: string, claimedAt: Date): Promise<void> {
    await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId: 'sup-liz', stationId: 'lizhoujiao-centre', claimedAt: claimedAt.toISOString(), claimedAs: 'supervisor' });
    await fx.waitForOrder(orderId, await people.supervisorLizhoujiao(), (order) => order.status === 'CLAIMED' && order.claimedBy === 'sup-liz', 'the supervisor’s claim');
  }

  const post = async (orderId: string, action: string, token: string, body?: unknown) => {
    const response = await fx.orders.http('POST', `/v1/orders/${orderId}/${action}`, { token, body });
    expect({ action, status: response.status }).toEqual({ action, status: 200 });
    return response.body;
  };
  const completeDirectly = async (orderId: string, outcome: string) => post(orderId, 'complete', await people.supervisorLizhoujiao(), { outcome, participants: [] });

  beforeAll(async () => {
    fx = await startOrders();
    const [supervisor, committee, worker] = [await people.supervisorLizhoujiao(), await people.committeeLizhoujiao(), await people.socialWorkerLizhoujiao()];
    for (const name of ['P', 'S1', 'S2', 'S3', 'S4']) ids[name] = await fx.place(afterSchoolCare);
    ids.S5 = await fx.place(familyMediation);
    period = `period=range&from=${shanghaiDay(new Date(await placedAt(ids.P)))}&to=${shanghaiDay(new Date())}`;

    await fx.claim(ids.P);
    await post(ids.P, 'route', worker, { fulfiller: { type: 'committee', id: 'lizhoujiao' } });
    await post(ids.P, 'start', committee);
    await post(ids.P, 'complete', committee, { outcome: 'done', participants: [] });

    await supervisorTakes(ids.S1, new Date((await placedAt(ids.S1)) + 2 * MINUTE));
    await completeDirectly(ids.S1, 'done');

    await supervisorTakes(ids.S2, new Date((await placedAt(ids.S2)) - 8 * DAY));
    await completeDirectly(ids.S2, 'partially_done');

    await fx.publish(MatchingEscalatedV1, ids.S3, { orderId: ids.S3, version: 1, level: 'supervisor', stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', assignees: ['sup-liz'], escalatedAt: new Date().toISOString() });
    await fx.waitForOrder(ids.S3, supervisor, (order) => order.status === 'ESCALATED', 'the escalation');
    expect(await post(ids.S3, 'route', supervisor, { fulfiller: { type: 'committee', id: 'lizhoujiao' } })).toMatchObject({ claimedBy: 'sup-liz', claimedAs: 'supervisor' });
    await post(ids.S3, 'hand-back', committee, { reason: 'no_capacity' });
    await completeDirectly(ids.S3, 'done');

    await supervisorTakes(ids.S4, new Date((await placedAt(ids.S4)) + 3 * MINUTE));

    await supervisorTakes(ids.S5, new Date((await placedAt(ids.S5)) + 1 * MINUTE));
    await completeDirectly(ids.S5, 'done');
  });
  afterAll(() => fx.stop());

  const expected = {
    ordersPlaced: 6,
    resolution: { ended: 5, fulfilled: 5, rate: 1, done: 4, partiallyDone: 1, referred: 0, cancelled: 0, cancelledBy: { resident: 0, staff: 0 } },
    // P after its route; S1, S2, S3, S5 by the station; on time: all but S2. 4 ÷ 5.
    fulfilment: { completedAfterRoute: 1, completedDirectly: 4, onTime: 4, rate: 0.8 },
    handBacks: { orders: 1, total: 1, byReason: { no_capacity: 1 } },
    workload: { socialWorkers: { 'sup-liz': 5, 'sw-liz': 1 }, fulfillers: { 'committee:lizhoujiao': 1, 'station:lizhoujiao-centre': 4 } },
  };

  const settled = (path: string) =>
    waitFor(
      async () => {
        const body = (await report(path)).body;
        return body.figures?.resolution.ended === 5 && body.figures.handBacks.total === 1 && body.figures.response.claimed === 6 ? body : undefined;
      },
      { timeoutMs: 20_000, description: `the ${path} report to count the six orders` },
    );

  it('the station, its village and the town count the station as the fulfiller of what it did itself, judged by its own fulfil deadline', async () => {
    for (const path of paths) {
      const figures = (await settled(path)).figures;
      expect({ path, figures }).toMatchObject({ path, figures: expected });
      expect(figures.response.escalations).toEqual({ supervisor: 1, committee: 0 });
    }
  });

  it('the station’s completion carries its deadline: the service’s fulfil SLA from when the station took the order; a confidential one too', async () => {
    const completion = await fx.probe.waitForEvent((event) => event.type === OrderCompletedV2.type && event.subject === ids.S1);
    expect(completion.data).toMatchObject({ fulfiller: { type: 'station', id: 'lizhoujiao-centre' }, fulfilDeadline: new Date((await placedAt(ids.S1)) + 2 * MINUTE + AFTER_SCHOOL_FULFIL).toISOString() });
    const order = await fx.waitForOrder(ids.S1, await people.supervisorLizhoujiao(), (candidate) => candidate.status === 'FULFILLED');
    expect(order.fulfilDeadline).toBe((completion.data as { fulfilDeadline: string }).fulfilDeadline);
    const confidential = await fx.probe.waitForEvent((event) => event.type === OrderCompletedConfidentialV2.type && event.subject === ids.S5);
    expect(confidential.data).toMatchObject({ fulfiller: { type: 'station', id: 'lizhoujiao-centre' }, fulfilDeadline: expect.any(String) });
  });

  it('a redelivered completion changes no figure; a rebuild from the order streams gives the same figures', async () => {
    const before = await Promise.all(paths.map(settled));
    const completion = fx.probe.events(OrderCompletedV2.type).find((event) => event.subject === ids.S2)!;
    await fx.redeliver(TOPICS.orders, completion);
    await fx.handled(completion);
    for (const [index, path] of paths.entries()) expect((await report(path)).body).toEqual(before[index]);

    const rebuilt = await fx.orders.http('POST', '/v1/reports/rebuild', { token: await people.admin() });
    expect(rebuilt.status).toBe(200);
    for (const [index, path] of paths.entries()) expect((await report(path)).body).toEqual(before[index]);
  });

  it('the CSV has the station’s completions and its workload', async () => {
    await settled('stations/lizhoujiao-centre');
    const csv = (await report('stations/lizhoujiao-centre', '&lang=en', { accept: 'text/csv' })).body as string;
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(',').slice(3).join(','));
    expect(rows.filter((row) => /^(On-time fulfilment rate|Completed after routing|Completed by the station itself|Completed on time|Workload per fulfiller),/.test(row))).toEqual([
      'On-time fulfilment rate,,0.8',
      'Completed after routing,,1',
      'Completed by the station itself,,4',
      'Completed on time,,4',
      'Workload per fulfiller,committee:lizhoujiao,1',
      'Workload per fulfiller,station:lizhoujiao-centre,4',
    ]);
  });
});
