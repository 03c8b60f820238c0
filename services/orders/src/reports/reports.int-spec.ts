import { MatchingClaimedV1, MatchingEscalatedV1, MatchingReassignedV1, OrderCompletedV1, OrderFollowUpClosedV1, OrderHandedBackV1, OrderPlacedV1, OrderReassignedV1, TOPICS } from '@lantern/contracts';
import { tokenFor, waitFor } from '@lantern/testing';
import { afterSchoolCare, OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { shanghaiDay } from './domain/shanghai-calendar';

const MINUTE = 60_000;
const CLAIM_SLA_MINUTES = 24 * 60; // after-school care, normal urgency (catalogue seed)

/**
 * Six orders at the Lizhoujiao centre whose figures are computed by hand below:
 *   A res-a  claimed +5 min (on time)   → done,           rated 5
 *   B res-b  claimed +SLA+10 min (late) → partially done, rated 2 (a follow-up)
 *   C res-a  cancelled by the resident
 *   D res-a  escalated to the supervisors, cancelled by the supervisor
 *   E res-a  claimed +1 min (on time)   → referred,       rated 4
 *   G res-a  claimed +2 min (on time)   → done,           not rated
 */
describe('manager reports: the three rates from the order events', () => {
  let fx: OrdersFixture;
  let period: string;
  const ids: Record<string, string> = {};

  const report = async (path: string, token: string, extra = '') => fx.orders.http('GET', `/v1/reports/${path}?${period}${extra}`, { token });

  async function placedAt(orderId: string): Promise<number> {
    const order = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.admin() });
    return Date.parse(order.body.placedAt);
  }

  async function claimAfter(orderId: string, minutes: number): Promise<void> {
    const claimedAt = new Date((await placedAt(orderId)) + minutes * MINUTE).toISOString();
    await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId: 'sw-liz', stationId: 'lizhoujiao-centre', claimedAt });
    await fx.waitForOrder(orderId, await people.admin(), (order) => order.status === 'CLAIMED', 'the claim');
  }

  async function fulfil(orderId: string, outcome: string): Promise<void> {
    const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } });
    expect(routed.status).toBe(200);
    const committee = await people.committeeLizhoujiao();
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: committee })).status).toBe(200);
    const completed = await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, { token: committee, body: { outcome, participants: [] } });
    expect(completed.status).toBe(200);
  }

  const rate = async (orderId: string, rating: number, token: string) =>
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token, body: { rating } })).status).toBe(200);

  beforeAll(async () => {
    // Shards rotate every 2 writes here (50 by default): every report below is read across rotated shards.
    fx = await startOrders({ REPORT_DAY_SHARD_WRITES: '2' });
    const [resA, resB] = [await people.residentA(), await people.residentB()];
    for (const [name, token] of [['A', resA], ['B', resB], ['C', resA], ['D', resA], ['E', resA], ['G', resA]] as const) ids[name] = await fx.place(afterSchoolCare, token);
    // The days the orders were placed on (one, unless the test straddles midnight in Shanghai).
    period = `period=range&from=${shanghaiDay(new Date(await placedAt(ids.A)))}&to=${shanghaiDay(new Date())}`;

    await claimAfter(ids.A, 5);
    await fulfil(ids.A, 'done');
    await rate(ids.A, 5, resA);

    await claimAfter(ids.B, CLAIM_SLA_MINUTES + 10);
    await fulfil(ids.B, 'partially_done');
    await rate(ids.B, 2, resB);

    expect((await fx.orders.http('POST', `/v1/orders/${ids.C}/cancel`, { token: resA, body: { reason: 'no_longer_needed' } })).status).toBe(200);

    await fx.publish(MatchingEscalatedV1, ids.D, { orderId: ids.D, version: 1, level: 'supervisor', stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', assignees: ['sup-liz'], escalatedAt: new Date().toISOString() });
    await fx.waitForOrder(ids.D, await people.admin(), (order) => order.status === 'ESCALATED', 'the escalation');
    expect((await fx.orders.http('POST', `/v1/orders/${ids.D}/cancel`, { token: await people.supervisorLizhoujiao(), body: { reason: 'duplicate' } })).status).toBe(200);

    await claimAfter(ids.E, 1);
    await fulfil(ids.E, 'referred');
    await rate(ids.E, 4, resA);

    await claimAfter(ids.G, 2);
    await fulfil(ids.G, 'done');
  });
  afterAll(() => fx.stop());

  const expectedFigures = {
    ordersPlaced: 6,
    response: {
      claimedOnTime: 3,
      claimed: 4,
      rate: 0.5,
      // Minutes to claim, sorted: 1, 2, 5, SLA+10 — nearest rank: p50 is the 2nd, p90 the 4th.
      medianMinutesToClaim: 2,
      p90MinutesToClaim: CLAIM_SLA_MINUTES + 10,
      escalations: { supervisor: 1, committee: 0 },
    },
    resolution: { ended: 6, fulfilled: 3, rate: 0.5, done: 2, partiallyDone: 1, referred: 1, cancelled: 2, cancelledBy: { resident: 1, staff: 1 } },
    satisfaction: { ratings: 3, satisfied: 2, rate: 0.6667, meanRating: 3.67, lowRatings: 1, followUpsOpen: 1, followUpsClosed: 0, followUpsClosedOnTime: 0, followUpOutcomes: {} },
    fulfilment: { completedAfterRoute: 4, completedDirectly: 0, onTime: 4, rate: 1 },
    handBacks: { orders: 0, total: 0, byReason: {} },
    reassignments: { orders: 0, total: 0 },
    byService: { 'after-school-care': 6 },
    byCategory: { children: 6 },
    byKind: { regular: 6 },
    byUrgency: { normal: 6 },
    workload: { socialWorkers: { 'sw-liz': 4 }, fulfillers: { 'committee:lizhoujiao': 4 } },
  };

  const settled = async (path: string) =>
    waitFor(
      async () => {
        const response = await report(path, await people.admin());
        const figures = response.body.figures;
        return figures?.resolution.ended === 6 && figures.satisfaction.ratings === 3 && figures.workload.fulfillers['committee:lizhoujiao'] === 4 ? response.body : undefined;
      },
      { timeoutMs: 20_000, description: `the ${path} report to count all six orders` },
    );

  it('a station, its village and the town show the hand-computed rates; the village counts distinct residents served', async () => {
    const station = await settled('stations/lizhoujiao-centre');
    expect(station.figures).toEqual(expectedFigures);
    expect(station.coverage).toBeUndefined();
    const village = await settled('villages/lizhoujiao');
    expect(village.figures).toEqual(expectedFigures);
    // A, G (res-a) and B (res-b) served their residents; E was referred, C and D cancelled.
    expect(village.coverage).toMatchObject({ servedResidents: 2, population: 6200, rate: 0.0003 });
    expect((await settled('town')).figures).toEqual(expectedFigures);
  });

  it('costs at most 1 database command per counted event, by _id: the entry in its village day and the fact, in one ordered update', async () => {
    await settled('town');
    // Counted events: A 5 (placed, claimed, routed, completed, rated), B 6 (+ follow-up), C 2
    // (placed, cancelled), D 3 (placed, escalated, cancelled), E 5, G 4 (not rated) = 25.
    const metrics = (await fx.orders.http('GET', '/metrics')).body as string;
    const count = (collection: string, command: string) =>
      Number(new RegExp(`^lantern_db_commands_total\\{(?=[^}]*collection="${collection}")(?=[^}]*command="${command}")[^}]*\\} (\\S+)$`, 'm').exec(metrics)?.[1] ?? 0);
    // Fewer when events queue behind one another (their writes share a command); a redelivery
    // (a rebalance under load) changes nothing and writes nothing.
    const writes = count('report_days', 'update');
    expect(writes).toBeGreaterThanOrEqual(6);
    expect(writes).toBeLessThanOrEqual(25);
    expect(count('report_order_facts', 'update') + count('report_order_facts', 'find')).toBe(0);
  });

  it('a redelivered event and a late (out-of-order) placement change no figure', async () => {
    const before = await settled('stations/lizhoujiao-centre');
    const completed = fx.probe.events(OrderCompletedV1.type).find((event) => event.subject === ids.A)!;
    const placed = fx.probe.events(OrderPlacedV1.type).find((event) => event.subject === ids.B)!;
    await fx.redeliver(TOPICS.orders, completed);
    await fx.redeliver(TOPICS.orders, placed);
    await fx.redeliver(TOPICS.orders, completed);
    await Promise.all([fx.handled(completed), fx.handled(placed)]);
    expect((await report('stations/lizhoujiao-centre', await people.admin())).body).toEqual(before);
    expect((await report('villages/lizhoujiao', await people.admin())).body.coverage.servedResidents).toBe(2);
  });

  it('the figures do not change when the reports are rebuilt from the order streams', async () => {
    const before = await Promise.all(['stations/lizhoujiao-centre', 'villages/lizhoujiao', 'town'].map(settled));
    const rebuilt = await fx.orders.http('POST', '/v1/reports/rebuild', { token: await people.admin() });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.eventsApplied).toBeGreaterThanOrEqual(6 + 4 + 3 + 4 + 4 + 3 + 1); // placed, claimed, cancelled+escalated, routed, completed, rated, follow-up
    for (const [index, path] of ['stations/lizhoujiao-centre', 'villages/lizhoujiao', 'town'].entries()) {
      expect((await report(path, await people.admin())).body).toEqual(before[index]);
    }
    expect((await fx.orders.http('POST', '/v1/reports/rebuild', { token: await people.supervisorLizhoujiao() })).status).toBe(403);
  });

  it('a period without these orders is empty: the day before they were placed, in the Shanghai calendar', async () => {
    const dayBefore = shanghaiDay(new Date((await placedAt(ids.A)) - 24 * 60 * MINUTE));
    const response = await fx.orders.http('GET', `/v1/reports/stations/lizhoujiao-centre?period=day&date=${dayBefore}`, { token: await people.admin() });
    expect(response.status).toBe(200);
    expect(response.body.period).toEqual({ kind: 'day', from: dayBefore, to: dayBefore, timeZone: 'Asia/Shanghai' });
    expect(response.body.figures).toMatchObject({ ordersPlaced: 0, response: { rate: null }, resolution: { rate: null }, satisfaction: { rate: null } });
  });

  it('who may see which report: supervisors their stations, committee members their village, admins all', async () => {
    const [supervisor, committee, committeeMeisha, worker, resident] = await Promise.all([
      people.supervisorLizhoujiao(),
      people.committeeLizhoujiao(),
      people.committeeMeisha(),
      people.socialWorkerLizhoujiao(),
      people.residentA(),
    ]);
    const status = async (path: string, token: string) => (await report(path, token)).status;
    expect(await status('stations/lizhoujiao-centre', supervisor)).toBe(200);
    expect(await status('stations/lizhoujiao-east', supervisor)).toBe(403);
    expect(await status('villages/lizhoujiao', supervisor)).toBe(403);
    expect(await status('town', supervisor)).toBe(403);
    expect(await status('villages/lizhoujiao', committee)).toBe(200);
    expect(await status('stations/lizhoujiao-east', committee)).toBe(200);
    expect(await status('villages/meisha', committee)).toBe(403);
    expect(await status('stations/lizhoujiao-centre', committeeMeisha)).toBe(403);
    expect(await status('stations/lizhoujiao-centre', worker)).toBe(403);
    expect(await status('stations/lizhoujiao-centre', resident)).toBe(403);
    expect(await status('town', committee)).toBe(403);
    expect(await status('stations/nowhere', supervisor)).toBe(404);
    expect(await status('villages/nowhere', committee)).toBe(404);
    expect((await fx.orders.http('GET', '/v1/reports/town')).status).toBe(401);
  });

  it('a period that is not one is a 400 naming the field', async () => {
    const admin = await people.admin();
    const cases: [string, string][] = [
      ['period=year', 'query.period'],
      ['period=day&date=2026-02-30', 'query.date'],
      ['period=range&from=2026-01-01', 'query.to'],
      ['period=range&from=2026-03-01&to=2026-02-01', 'query.to'],
      ['period=range&from=2024-01-01&to=2026-01-01', 'query.to'],
      ['period=month&from=2026-01-01', 'query.from'],
    ];
    for (const [query, field] of cases) {
      const response = await fx.orders.http('GET', `/v1/reports/town?${query}`, { token: admin });
      expect({ query, status: response.status, type: response.headers.get('content-type') }).toEqual({ query, status: 400, type: expect.stringContaining('application/problem+json') });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('the same report as CSV with zh-CN or en headings, ready for a spreadsheet', async () => {
    await settled('villages/lizhoujiao');
    const token = await people.committeeLizhoujiao();
    const zh = await fx.orders.http('GET', `/v1/reports/villages/lizhoujiao?${period}`, { token, headers: { accept: 'text/csv', 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const zhLines = (zh.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(zhLines[0]).toBe('范围,开始日期,结束日期,指标,分项,数值');
    expect(zhLines).toContain(`village:lizhoujiao,${period.match(/from=([\d-]+)/)![1]},${period.match(/to=([\d-]+)/)![1]},响应率,,0.5`);
    expect(zhLines.some((line) => line.endsWith(',满意率,,0.6667'))).toBe(true);

    const en = await fx.orders.http('GET', `/v1/reports/villages/lizhoujiao?${period}&lang=en`, { token, headers: { accept: 'text/csv' } });
    const enLines = (en.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(enLines[0]).toBe('Scope,From,To,Metric,Breakdown,Value');
    expect(enLines.some((line) => line.endsWith(',Resolution rate,,0.5'))).toBe(true);
    expect(enLines.some((line) => line.endsWith(',Distinct residents served,,2'))).toBe(true);
    expect(enLines.some((line) => line.endsWith(',Workload per social worker,sw-liz,4'))).toBe(true);
    expect(enLines.every((line) => line.split(',').length === 6)).toBe(true);
  });
  // Last: its two orders at the Lizhoujiao East station join the village's and the town's figures.
  it('hand-backs and reassignments count per order, by reason, once however often delivered; the workload follows the claim', async () => {
    const east = { ...afterSchoolCare, stationId: 'lizhoujiao-east' };
    const [H, R] = [await fx.place(east), await fx.place(east)];
    for (const orderId of [H, R]) await fx.claim(orderId, 'sw-liz', 'lizhoujiao-east');
    const worker = await people.socialWorkerLizhoujiao();
    const committee = await tokenFor({ sub: 'com-liz', roles: ['committee'], stations: ['lizhoujiao-east'] });
    const route = async (fulfiller: Record<string, string>) =>
      expect((await fx.orders.http('POST', `/v1/orders/${H}/route`, { token: worker, body: { fulfiller } })).status).toBe(200);
    const handBack = async (reason: string, token: string) => expect((await fx.orders.http('POST', `/v1/orders/${H}/hand-back`, { token, body: { reason } })).status).toBe(200);
    // H: handed back twice (no capacity, then not qualified), then done by the committee.
    await route({ type: 'committee', id: 'lizhoujiao' });
    await handBack('no_capacity', committee);
    await route({ type: 'partner', id: 'org-sunflower' });
    await handBack('not_qualified', await people.partnerSunflower());
    await route({ type: 'committee', id: 'lizhoujiao' });
    expect((await fx.orders.http('POST', `/v1/orders/${H}/start`, { token: committee })).status).toBe(200);
    expect((await fx.orders.http('POST', `/v1/orders/${H}/complete`, { token: committee, body: { outcome: 'done', participants: [] } })).status).toBe(200);
    // R: its claim moves from sw-liz to sw-liz-2 (matching decides; orders reflects it).
    await fx.publish(MatchingReassignedV1, R, { orderId: R, version: 2, fromSocialWorkerId: 'sw-liz', toSocialWorkerId: 'sw-liz-2', reassignedBy: 'sw-liz', stationId: 'lizhoujiao-east', reassignedAt: new Date().toISOString() });
    const eastReport = () =>
      waitFor(
        async () => {
          const figures = (await report('stations/lizhoujiao-east', await people.admin())).body.figures;
          return figures?.reassignments.total === 1 && figures.resolution.done === 1 ? figures : undefined;
        },
        { timeoutMs: 20_000, description: 'the hand-backs and the reassignment in the Lizhoujiao East report' },
      );
    const expected = {
      ordersPlaced: 2,
      handBacks: { orders: 1, total: 2, byReason: { no_capacity: 1, not_qualified: 1 } },
      reassignments: { orders: 1, total: 1 },
      workload: { socialWorkers: { 'sw-liz': 1, 'sw-liz-2': 1 }, fulfillers: { 'committee:lizhoujiao': 1 } },
      fulfilment: { completedAfterRoute: 1, onTime: 1, rate: 1 },
    };
    expect(await eastReport()).toMatchObject(expected);
    // Delivered again: nothing moves.
    const handedBack = fx.probe.events(OrderHandedBackV1.type).find((event) => event.subject === H)!;
    const reassigned = await waitFor(async () => fx.probe.events(OrderReassignedV1.type).find((event) => event.subject === R), { timeoutMs: 10_000, description: 'order.reassigned' });
    await fx.redeliver(TOPICS.orders, handedBack);
    await fx.redeliver(TOPICS.orders, reassigned);
    await Promise.all([fx.handled(handedBack), fx.handled(reassigned)]);
    expect(await eastReport()).toMatchObject(expected);
    const en = await fx.orders.http('GET', `/v1/reports/stations/lizhoujiao-east?${period}&lang=en`, { token: await people.admin(), headers: { accept: 'text/csv' } });
    const lines = (en.body as string).trimEnd().split('\r\n');
    expect(lines.filter((line) => /,(Orders handed back|Hand-backs|Orders reassigned|Reassignments),/.test(line)).map((line) => line.split(',').slice(3).join(','))).toEqual([
      'Orders handed back,,1',
      'Hand-backs,,2',
      'Hand-backs,no_capacity,1',
      'Hand-backs,not_qualified,1',
      'Orders reassigned,,1',
      'Reassignments,,1',
    ]);
  });

  // After the Lizhoujiao East orders above: two more there, both rated 1; one follow-up closed.
  it('low ratings and whether their follow-up was closed: by outcome and by the case deadline, once however often delivered', async () => {
    const east = { ...afterSchoolCare, stationId: 'lizhoujiao-east' };
    const resident = await people.residentB();
    const committee = await tokenFor({ sub: 'com-liz', roles: ['committee'], stations: ['lizhoujiao-east'] });
    const [closedCase, openCase] = [await fx.place(east, resident), await fx.place(east, resident)];
    for (const orderId of [closedCase, openCase]) {
      await fx.claim(orderId, 'sw-liz', 'lizhoujiao-east');
      expect((await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } })).status).toBe(200);
      expect((await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: committee })).status).toBe(200);
      expect((await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, { token: committee, body: { outcome: 'done', participants: [] } })).status).toBe(200);
      await rate(orderId, 1, resident);
    }
    const supervisor = await tokenFor({ sub: 'sup-liz-east', roles: ['supervisor'], stations: ['lizhoujiao-east'] });
    const close = await fx.orders.http('POST', `/v1/orders/${closedCase}/follow-up/close`, { token: supervisor, body: { outcome: 'explained' } });
    expect(close.status).toBe(200);
    const expected = { lowRatings: 2, followUpsOpen: 1, followUpsClosed: 1, followUpsClosedOnTime: 1, followUpOutcomes: { explained: 1 } };
    const eastSatisfaction = () =>
      waitFor(
        async () => {
          const figures = (await report('stations/lizhoujiao-east', await people.admin())).body.figures;
          return figures?.satisfaction.lowRatings === 2 && figures.satisfaction.followUpsClosed === 1 && figures.satisfaction.followUpsOpen === 1 ? figures.satisfaction : undefined;
        },
        { timeoutMs: 20_000, description: 'the closed follow-up in the Lizhoujiao East report' },
      );
    expect(await eastSatisfaction()).toMatchObject(expected);
    // Delivered again: nothing moves.
    const closed = await waitFor(async () => fx.probe.events(OrderFollowUpClosedV1.type).find((event) => event.subject === closedCase), { timeoutMs: 10_000, description: 'order.follow-up-closed' });
    await fx.redeliver(TOPICS.orders, closed);
    await fx.handled(closed);
    expect(await eastSatisfaction()).toMatchObject(expected);
    const en = await fx.orders.http('GET', `/v1/reports/stations/lizhoujiao-east?${period}&lang=en`, { token: await people.admin(), headers: { accept: 'text/csv' } });
    const lines = (en.body as string).trimEnd().split('\r\n');
    expect(lines.filter((line) => /,(Low ratings \(1–2\)|Low-rating follow-ups|Follow-up outcome),/.test(line)).map((line) => line.split(',').slice(3).join(','))).toEqual([
      'Low ratings (1–2),,2',
      'Low-rating follow-ups,open,1',
      'Low-rating follow-ups,closed,1',
      'Low-rating follow-ups,closed_on_time,1',
      'Follow-up outcome,explained,1',
    ]);
  });
});
