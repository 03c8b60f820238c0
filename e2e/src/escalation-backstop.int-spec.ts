import { MatchingBackstopOverdueV1, MatchingClaimedV1, OrderClaimedV1, OrderCompletedV1, OrderCompletedV2, TOPICS } from '@lantern/contracts';
import { EventProbe, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { putFulfiller } from './fulfiller-directory';
import { startAllServices, Stack } from './start-all-services';
import { waitForOrder as waitForOrderAs } from './wait-for-order';

/**
 * The backstop (兜底) ends in someone's hands, across the real services and through REST only:
 * an order nobody claims widens, goes to the station supervisor, then to the village committee,
 * and whoever takes it at each level can carry it to FULFILLED; when the committee's own clock
 * runs out too, the centre's admins get the final alert — once.
 */
describe('escalation that ends in someone’s hands, end to end', () => {
  let stack: Stack;
  let probe: EventProbe;
  const village = 'xiahui';
  const station = `${village}-centre`;
  const workers = ['sw-esc-a', 'sw-esc-b'];
  const supervisorId = 'sup-esc';

  const admin = () => tokenFor({ sub: 'admin-esc', roles: ['admin'] });
  const supervisor = () => tokenFor({ sub: supervisorId, roles: ['supervisor'], stations: [station] });
  const committeeMember = () => tokenFor({ sub: 'com-esc', roles: ['committee'], stations: [station] });
  const worker = (id: string) => tokenFor({ sub: id, roles: ['social_worker'], stations: [station] });
  let supervisorTakes: Placed;
  let committeeTakes: Placed;
  let nobodyTakes: Placed;
  let stationFulfils: Placed;

  beforeAll(async () => {
    // One worker per round, two rounds, three seconds a stage: the whole ladder within a test.
    stack = await startAllServices({ matching: { MATCHING_CLAIM_SLA_SECONDS: '3', MATCHING_OFFERS_PER_ROUND: '1', MATCHING_OFFER_ROUNDS: '2' } });
    probe = await EventProbe.start([TOPICS.orders, TOPICS.matching]);
    for (const id of workers) {
      const put = await stack.matching.http('PUT', `/v1/social-workers/${id}`, { token: await admin(), body: { name: id, skills: ['children'], stations: [station], capacity: 5 } });
      expect(put.status).toBe(200);
    }
    const sup = await stack.matching.http('PUT', `/v1/social-workers/${supervisorId}`, {
      token: await admin(),
      body: { name: supervisorId, skills: [], stations: [station], capacity: 5, supervisor: true },
    });
    expect(sup.status).toBe(200);
    // The village committee in matching's fulfiller directory; orders replicates it from the
    // event in well under the seconds every order here takes to escalate.
    await putFulfiller(stack, { type: 'committee', id: village }, { stations: [station], categories: ['children'] });
    // Each test's order, placed at once: their ladders climb side by side (twelve seconds in all)
    // instead of one after the other's. Each test waits for the stage its own order has reached.
    [supervisorTakes, committeeTakes, nobodyTakes, stationFulfils] = await Promise.all([place(), place(), place(), place()]);
  });
  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  type Placed = { orderId: string; resident: string };
  async function place(): Promise<Placed> {
    const resident = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    const placed = await stack.orders.http('POST', '/v1/orders', { token: resident, body: { serviceCode: 'after-school-care', stationId: station } });
    expect(placed.status).toBe(201);
    return { orderId: placed.body.id, resident };
  }

  /** The matching case, as an admin reads it, once it satisfies `match`. */
  const waitForCase = (orderId: string, match: (view: { status: string; round: number; escalations: { level: string }[] }) => boolean, description: string) =>
    waitFor(
      async () => {
        const view = await stack.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await admin() });
        return view.status === 200 && match(view.body) ? view.body : undefined;
      },
      { timeoutMs: 30_000, description },
    );

  const waitForOrder = async (orderId: string, match: (order: Record<string, unknown>) => boolean, description: string) =>
    waitForOrderAs(stack, orderId, await admin(), match, description);

  const post = (orderId: string, action: string, token: string, body?: unknown) => stack.orders.http('POST', `/v1/orders/${orderId}/${action}`, { token, body });

  async function startAndComplete(orderId: string, token: string) {
    expect((await post(orderId, 'start', token)).status).toBe(200);
    const completed = await post(orderId, 'complete', token, { outcome: 'done', participants: [] });
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('FULFILLED');
    return completed.body;
  }

  it('unclaimed → widened → escalated to the supervisor, who takes it, routes it, and it is fulfilled', async () => {
    const { orderId } = supervisorTakes;
    const escalated = await waitForCase(orderId, (view) => view.status === 'ESCALATED', 'the case to reach the supervisor');
    // Widened first: the second round went to the other worker.
    expect(escalated.round).toBe(2);
    expect(escalated.escalations[0].level).toBe('supervisor');
    // The supervisor was told, in their own inbox.
    await waitFor(
      async () => (await stack.notifications.http('GET', '/v1/inbox', { token: await supervisor() })).body.items?.some((item: { subject: string }) => item.subject === orderId),
      { description: 'the escalation notice in the supervisor’s inbox' },
    );
    // A committee member may not take it while it is the supervisor's (unless it moved on meanwhile).
    const early = await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await committeeMember() });
    const takeover = await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await supervisor() });
    if (early.status === 200) throw new Error('the committee took the order before the supervisor could: the stage clock is too short for this machine');
    expect(takeover.status).toBe(200);

    const claimed = await waitForOrder(orderId, (order) => order.status === 'CLAIMED', 'the supervisor’s claim reflected in orders');
    expect(claimed).toMatchObject({ claimedBy: supervisorId, claimedAs: 'supervisor' });
    // The claim is the supervisor's now: a worker of the station may not route it; the supervisor does.
    const fulfiller = { fulfiller: { type: 'committee', id: village } };
    expect((await post(orderId, 'route', await worker(workers[0]), fulfiller)).status).toBe(403);
    const routed = await post(orderId, 'route', await supervisor(), fulfiller);
    expect(routed.status).toBe(200);
    expect(routed.body.timeline.at(-1)).toMatchObject({ status: 'ROUTED', actor: supervisorId });

    const done = await startAndComplete(orderId, await committeeMember());
    expect(done.timeline.map((entry: { status: string }) => entry.status)).toEqual(expect.arrayContaining(['OFFERED', 'ESCALATED', 'CLAIMED', 'ROUTED', 'IN_PROGRESS', 'FULFILLED']));
    // Taken once: one claim on the matching topic, by the supervisor, as the supervisor.
    const claims = probe.events(MatchingClaimedV1.type).filter((event) => event.subject === orderId);
    expect(new Set(claims.map((event) => event.id)).size).toBe(1);
    expect(claims[0].data).toMatchObject({ socialWorkerId: supervisorId, claimedAs: 'supervisor' });
  });

  it('unclaimed → escalated to the supervisor, who takes it and has the station do it: fulfilled directly, the station as fulfiller', async () => {
    const { orderId, resident } = stationFulfils;
    await waitForCase(orderId, (view) => view.status === 'ESCALATED', 'the case to reach the supervisor');
    const takeover = await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await supervisor() });
    if (takeover.status !== 200) throw new Error(`the supervisor could not take the order (${takeover.status}): the stage clock may be too short for this machine`);
    await waitForOrder(orderId, (order) => order.status === 'CLAIMED' && order.claimedAs === 'supervisor', 'the supervisor’s claim reflected in orders');

    // Neither a worker nor the committee completes an order nobody routed; the supervisor who holds it does.
    const done = { outcome: 'done', participants: [] };
    expect((await post(orderId, 'complete', await worker(workers[0]), done)).status).toBe(403);
    expect((await post(orderId, 'complete', await committeeMember(), done)).status).toBe(409);
    const completed = await post(orderId, 'complete', await supervisor(), done);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'FULFILLED', fulfiller: { type: 'station', id: station }, claimedBy: supervisorId, claimedAs: 'supervisor' });
    expect(completed.body.timeline.map((entry: { status: string }) => entry.status)).toEqual(expect.arrayContaining(['OFFERED', 'ESCALATED', 'CLAIMED', 'FULFILLED']));
    expect(completed.body.timeline.map((entry: { status: string }) => entry.status)).not.toContain('ROUTED');

    // On Kafka: the completion as .v2 (a .v1 cannot name a station), with ids only.
    const event = await probe.waitForEvent((candidate) => candidate.type === OrderCompletedV2.type && candidate.subject === orderId, 15_000);
    expect(event.data).toMatchObject({ fulfiller: { type: 'station', id: station }, completedBy: supervisorId, stationId: station });
    expect(probe.events(OrderCompletedV1.type).filter((candidate) => candidate.subject === orderId)).toEqual([]);
    // The resident heard it was done, and may rate it.
    await waitFor(
      async () => (await stack.notifications.http('GET', '/v1/inbox', { token: resident })).body.items?.some((item: { causeEventType: string; subject: string }) => item.causeEventType === OrderCompletedV2.type && item.subject === orderId),
      { description: 'the resident told the order was completed' },
    );
    expect((await post(orderId, 'feedback', resident, { rating: 5 })).status).toBe(200);
  });

  it('unclaimed → committee: a member of the village committee takes it and fulfils it directly', async () => {
    const { orderId, resident } = committeeTakes;
    await waitForCase(orderId, (view) => view.escalations.some((escalation) => escalation.level === 'committee'), 'the case to reach the committee');
    // The committee's group inbox was told.
    await waitFor(
      async () =>
        (await stack.notifications.http('GET', `/v1/inbox/groups/fulfiller:committee:${village}`, { token: await committeeMember() })).body.items?.some(
          (item: { subject: string }) => item.subject === orderId,
        ),
      { description: 'the escalation notice in the committee’s inbox' },
    );
    // A worker whose offer expired cannot take it; a committee member of another village cannot see it.
    expect((await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await worker(workers[0]) })).status).toBe(409);
    const elsewhere = await tokenFor({ sub: 'com-other', roles: ['committee'], stations: ['meisha-centre'] });
    expect((await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: elsewhere })).status).toBe(404);
    const taken = await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await committeeMember() });
    expect(taken.status).toBe(200);

    const claimed = await waitForOrder(orderId, (order) => order.status === 'CLAIMED', 'the committee’s claim reflected in orders');
    expect(claimed).toMatchObject({ claimedBy: 'com-esc', claimedAs: 'committee' });
    // Fulfils it directly: no routing step — starting it routes it to its own committee.
    const done = await startAndComplete(orderId, await committeeMember());
    expect(done).toMatchObject({ fulfiller: { type: 'committee', id: village }, claimedBy: 'com-esc', claimedAs: 'committee' });
    expect(done.timeline.slice(-3).map((entry: { status: string; actor: string }) => [entry.status, entry.actor])).toEqual([
      ['ROUTED', 'com-esc'],
      ['IN_PROGRESS', 'com-esc'],
      ['FULFILLED', 'com-esc'],
    ]);
    // The resident heard that someone took it.
    await waitFor(
      async () => (await stack.notifications.http('GET', '/v1/inbox', { token: resident })).body.items?.some((item: { causeEventType: string }) => item.causeEventType === OrderClaimedV1.type),
      { description: 'the resident told the order was taken' },
    );
  });

  it('nobody takes it at the committee either: the admins get the final alert once; a committee member who then routes it settles the case', async () => {
    const { orderId } = nobodyTakes;
    const alert = await probe.waitForEvent((event) => event.type === MatchingBackstopOverdueV1.type && event.subject === orderId, 30_000);
    expect(alert.data).toMatchObject({ stationId: station, villageId: village });
    await waitFor(
      async () => (await stack.notifications.http('GET', '/v1/inbox/groups/centre-admins', { token: await admin() })).body.items?.some((item: { subject: string }) => item.subject === orderId),
      { description: 'the final alert in the centre admins’ inbox' },
    );
    const overdue = await waitForCase(orderId, (view) => (view as { backstopOverdueAt?: string | null }).backstopOverdueAt != null, 'the case to record the alert');
    expect(overdue.status).toBe('ESCALATED');

    // Still actionable: a committee member routes it straight away, which takes it.
    const routed = await post(orderId, 'route', await committeeMember(), { fulfiller: { type: 'committee', id: village } });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ status: 'ROUTED', claimedBy: 'com-esc' });
    const settled = await waitForCase(orderId, (view) => view.status === 'CLAIMED', 'matching to record the taking');
    expect(settled).toMatchObject({ claimedBy: 'com-esc' });
    // One alert, however many replicas or redeliveries.
    expect(new Set(probe.events(MatchingBackstopOverdueV1.type).filter((event) => event.subject === orderId).map((event) => event.id)).size).toBe(1);
    await startAndComplete(orderId, await committeeMember());
  });
});
