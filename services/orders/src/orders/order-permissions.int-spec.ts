import { MatchingClaimedV1, MatchingEscalatedV1, OrderCompletedV1, OrderCompletedV2, OrderRoutedV1 } from '@lantern/contracts';
import { documentedOperations, statusesWithoutToken, tokenFor } from '@lantern/testing';
import { afterSchoolCare, familyMediation, OrdersFixture, people, startOrders } from '../../test/orders-fixture';

/**
 * Who may do what to an order. An order the caller may not see answers 404, exactly like a
 * missing one; one they may see but not act on answers 403; the journey itself answers 409.
 */
/**
 * Where the role and ownership matrix of each documented operation is tested. A new endpoint
 * fails the coverage test below until it is added here, with its tests.
 */
const MATRIX_OF: Record<string, string> = {
  'GET /v1/catalogue': 'public',
  'POST /v1/catalogue': 'catalogue/manage-catalogue.int-spec.ts',
  'POST /v1/catalogue/{code}/retire': 'catalogue/manage-catalogue.int-spec.ts',
  'POST /v1/catalogue/{code}/reinstate': 'catalogue/manage-catalogue.int-spec.ts',
  'GET /v1/stations': 'public',
  'POST /v1/orders': 'orders/place-order/place-order.int-spec.ts',
  'GET /v1/orders': 'orders/get-order/order-access.int-spec.ts',
  'GET /v1/orders/{id}': 'this file, and orders/get-order/order-access.int-spec.ts',
  'POST /v1/orders/{id}/cancel': 'this file',
  'POST /v1/orders/{id}/route': 'this file',
  'POST /v1/orders/{id}/hand-back': 'this file',
  'POST /v1/orders/{id}/start': 'this file',
  'POST /v1/orders/{id}/complete': 'this file',
  'POST /v1/orders/{id}/feedback': 'this file',
  'POST /v1/orders/{id}/follow-up/close': 'orders/close-follow-up/follow-up-case.int-spec.ts',
  // Villages, reports and surveys: their matrices are in their own tests.
  'GET /v1/villages': 'public',
  'PUT /v1/villages/{villageId}/population': 'reports/coverage.int-spec.ts',
  'GET /v1/reports/stations/{stationId}': 'reports/reports.int-spec.ts',
  'GET /v1/reports/villages/{villageId}': 'reports/reports.int-spec.ts',
  'GET /v1/reports/town': 'reports/reports.int-spec.ts',
  'POST /v1/reports/rebuild': 'reports/reports.int-spec.ts',
  // Needs surveys and the menu's link to their findings.
  'POST /v1/surveys': 'surveys/surveys.int-spec.ts',
  'GET /v1/surveys/{id}': 'surveys/surveys.int-spec.ts',
  'POST /v1/surveys/{id}/open': 'surveys/surveys.int-spec.ts',
  'POST /v1/surveys/{id}/close': 'surveys/surveys.int-spec.ts',
  'POST /v1/surveys/{id}/answers': 'surveys/surveys.int-spec.ts',
  'GET /v1/surveys/{id}/results': 'surveys/surveys.int-spec.ts',
  'PUT /v1/catalogue/{code}/needs': 'surveys/surveys.int-spec.ts',
  // Who did what and when.
  'GET /v1/audit': 'audit/audit-trail.int-spec.ts',
};

describe('the role and ownership matrix of every orders endpoint', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  const post = async (orderId: string, action: string, token: string, body?: unknown) => (await fx.orders.http('POST', `/v1/orders/${orderId}/${action}`, { token, body })).status;
  const get = async (orderId: string, token: string) => fx.orders.http('GET', `/v1/orders/${orderId}`, { token });

  it("GET: resident A cannot read resident B's order; the claiming social worker reads a confidential order's details, a colleague who did not claim it does not even see it", async () => {
    const orderOfB = await fx.place(afterSchoolCare, await people.residentB());
    expect((await get(orderOfB, await people.residentA())).status).toBe(404);
    expect((await get(orderOfB, await people.residentB())).status).toBe(200);

    const confidential = await fx.place(familyMediation);
    await fx.claim(confidential, 'sw-liz');
    const claimer = await get(confidential, await people.socialWorkerLizhoujiao());
    expect(claimer.body.details).toBe(familyMediation.details);
    const colleague = await get(confidential, await people.otherSocialWorkerLizhoujiao());
    expect(colleague.status).toBe(404);
    expect(colleague.body.details).toBeUndefined();
    expect((await get(confidential, await people.socialWorkerMeisha())).status).toBe(404);
    expect((await get(confidential, await people.partnerSunflower())).status).toBe(404);
    expect((await get(confidential, await people.volunteer())).status).toBe(404);
  });

  it('cancel: the resident or staff of the station; not another resident, not staff elsewhere, not a volunteer', async () => {
    const orderId = await fx.place();
    expect(await post(orderId, 'cancel', await people.residentB(), { reason: 'other' })).toBe(404);
    expect(await post(orderId, 'cancel', await people.socialWorkerMeisha(), { reason: 'other' })).toBe(404);
    expect(await post(orderId, 'cancel', await people.volunteer(), { reason: 'other' })).toBe(403);
    expect(await post(orderId, 'cancel', await people.residentA(), { reason: 'resident_request' })).toBe(200);

    const byStaff = await fx.place();
    expect(await post(byStaff, 'cancel', await people.otherSocialWorkerLizhoujiao(), { reason: 'duplicate' })).toBe(200);
  });

  it('route: only the social worker who claimed it — not a colleague, not a supervisor while it is claimed, not the resident', async () => {
    const orderId = await fx.place();
    await fx.claim(orderId, 'sw-liz');
    const fulfiller = { fulfiller: { type: 'committee', id: 'lizhoujiao' } };
    expect(await post(orderId, 'route', await people.otherSocialWorkerLizhoujiao(), fulfiller)).toBe(403);
    expect(await post(orderId, 'route', await people.supervisorLizhoujiao(), fulfiller)).toBe(403);
    expect(await post(orderId, 'route', await people.socialWorkerMeisha(), fulfiller)).toBe(404);
    expect(await post(orderId, 'route', await people.residentA(), fulfiller)).toBe(403);
    expect(await post(orderId, 'route', await people.committeeLizhoujiao(), fulfiller)).toBe(403);
    expect(await post(orderId, 'route', await people.socialWorkerLizhoujiao(), fulfiller)).toBe(200);
  });

  it('route: when nobody claimed in time (ESCALATED), a supervisor of the station routes it as backstop', async () => {
    const orderId = await fx.place();
    await fx.publish(MatchingEscalatedV1, orderId, {
      orderId,
      version: 1,
      level: 'supervisor',
      stationId: 'lizhoujiao-centre',
      villageId: 'lizhoujiao',
      assignees: ['sup-liz'],
      escalatedAt: new Date().toISOString(),
    });
    await fx.waitForOrder(orderId, await people.admin(), (order) => order.status === 'ESCALATED');
    const fulfiller = { fulfiller: { type: 'volunteer_team', id: 'team-lanterns' } };
    expect(await post(orderId, 'route', await people.socialWorkerLizhoujiao(), fulfiller)).toBe(403);
    const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.supervisorLizhoujiao(), body: fulfiller });
    expect(routed.status).toBe(200);
    expect(routed.body.timeline.at(-1)).toMatchObject({ status: 'ROUTED', actor: 'sup-liz' });
  });

  it('route: a supervisor or committee member who took the escalated order holds the claim and routes it; a colleague does not', async () => {
    for (const [claimedAs, taker, colleague] of [
      ['supervisor', people.supervisorLizhoujiao, people.committeeLizhoujiao],
      ['committee', people.committeeLizhoujiao, people.supervisorLizhoujiao],
    ] as const) {
      const orderId = await fx.place();
      const takerId = claimedAs === 'supervisor' ? 'sup-liz' : 'com-liz';
      await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId: takerId, stationId: 'lizhoujiao-centre', claimedAt: new Date().toISOString(), claimedAs });
      const claimed = await fx.waitForOrder(orderId, await people.admin(), (order) => order.status === 'CLAIMED');
      expect(claimed).toMatchObject({ claimedBy: takerId, claimedAs });
      const fulfiller = { fulfiller: { type: 'committee', id: 'lizhoujiao' } };
      expect(await post(orderId, 'route', await colleague(), fulfiller)).toBe(403);
      expect(await post(orderId, 'route', await people.socialWorkerLizhoujiao(), fulfiller)).toBe(403);
      expect(await post(orderId, 'route', await taker(), fulfiller)).toBe(200);
    }
  });

  it('route: once escalated to the committee, a committee member of the station routes it as backstop (taking it); not one of another station', async () => {
    const orderId = await fx.place();
    for (const level of ['supervisor', 'committee'] as const) {
      await fx.publish(MatchingEscalatedV1, orderId, {
        orderId,
        version: level === 'supervisor' ? 1 : 2,
        level,
        stationId: 'lizhoujiao-centre',
        villageId: 'lizhoujiao',
        assignees: [level === 'supervisor' ? 'sup-liz' : 'lizhoujiao'],
        escalatedAt: new Date().toISOString(),
      });
      await fx.waitForOrder(orderId, await people.admin(), (order) => order.escalationLevel === level);
      if (level === 'supervisor') expect(await post(orderId, 'route', await people.committeeLizhoujiao(), { fulfiller: { type: 'committee', id: 'lizhoujiao' } })).toBe(403);
    }
    const fulfiller = { fulfiller: { type: 'committee', id: 'lizhoujiao' } };
    expect(await post(orderId, 'route', await people.committeeMeisha(), fulfiller)).toBe(404);
    const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.committeeLizhoujiao(), body: fulfiller });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ status: 'ROUTED', claimedBy: 'com-liz' });
  });

  it('start and complete: only a member of the fulfiller it was routed to (committee of its station, the partner organisation, the volunteer team)', async () => {
    const toCommittee = await fx.routedToCommittee();
    expect(await post(toCommittee, 'start', await people.committeeMeisha())).toBe(404);
    expect(await post(toCommittee, 'start', await people.socialWorkerLizhoujiao())).toBe(403);
    expect(await post(toCommittee, 'start', await people.residentA())).toBe(403);
    expect(await post(toCommittee, 'start', await people.partnerSunflower())).toBe(404);
    expect(await post(toCommittee, 'start', await people.committeeLizhoujiao())).toBe(200);
    const done = { outcome: 'done', participants: [] };
    expect(await post(toCommittee, 'complete', await people.committeeMeisha(), done)).toBe(404);
    expect(await post(toCommittee, 'complete', await people.committeeLizhoujiao(), done)).toBe(200);

    const toPartner = await fx.place();
    await fx.claim(toPartner);
    expect(await post(toPartner, 'route', await people.socialWorkerLizhoujiao(), { fulfiller: { type: 'partner', id: 'org-sunflower' } })).toBe(200);
    // The committee of the station sees the order, but it is not theirs to fulfil.
    expect(await post(toPartner, 'start', await people.committeeLizhoujiao())).toBe(403);
    expect(await post(toPartner, 'start', await people.partnerOther())).toBe(404);
    const partnerView = await get(toPartner, await people.partnerSunflower());
    expect(partnerView.status).toBe(200);
    expect(partnerView.body.details).toBeUndefined();
    expect(await post(toPartner, 'start', await people.partnerSunflower())).toBe(200);
    expect(await post(toPartner, 'complete', await people.partnerSunflower(), { outcome: 'partially_done', participants: [{ personId: 'partner-sun', hours: 3 }] })).toBe(200);

    const toTeam = await fx.place();
    await fx.claim(toTeam);
    expect(await post(toTeam, 'route', await people.socialWorkerLizhoujiao(), { fulfiller: { type: 'volunteer_team', id: 'team-lanterns' } })).toBe(200);
    expect(await post(toTeam, 'start', await people.volunteer())).toBe(403);
    expect(await post(toTeam, 'start', await people.coordinatorLanterns())).toBe(200);
    expect(await post(toTeam, 'complete', await people.coordinatorLanterns(), { outcome: 'done', participants: [{ personId: 'vol-1', hours: 2 }] })).toBe(200);
  });

  it('start directly (the committee as backstop): the committee member who took the escalated order, or at the committee level while nobody holds it a member of its station’s committee; nobody else', async () => {
    const escalate = async (orderId: string, level: 'supervisor' | 'committee', version: number) => {
      const assignees = [level === 'supervisor' ? 'sup-liz' : 'lizhoujiao'];
      await fx.publish(MatchingEscalatedV1, orderId, { orderId, version, level, stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', assignees, escalatedAt: new Date().toISOString() });
      await fx.waitForOrder(orderId, await people.admin(), (order) => order.escalationLevel === level);
    };
    const colleague = await tokenFor({ sub: 'com-liz-2', roles: ['committee'], stations: ['lizhoujiao-centre'] });

    // Taken by a committee member (matching's claim, as the committee).
    const taken = await fx.place();
    await fx.publish(MatchingClaimedV1, taken, { orderId: taken, version: 1, socialWorkerId: 'com-liz', stationId: 'lizhoujiao-centre', claimedAt: new Date().toISOString(), claimedAs: 'committee' });
    await fx.waitForOrder(taken, await people.admin(), (order) => order.status === 'CLAIMED');
    expect(await post(taken, 'start', await people.committeeMeisha())).toBe(404);
    expect(await post(taken, 'start', await people.supervisorLizhoujiao())).toBe(403);
    expect(await post(taken, 'start', await people.socialWorkerLizhoujiao())).toBe(403);
    expect(await post(taken, 'start', colleague)).toBe(409);
    const started = await fx.orders.http('POST', `/v1/orders/${taken}/start`, { token: await people.committeeLizhoujiao() });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'IN_PROGRESS', fulfiller: { type: 'committee', id: 'lizhoujiao' }, claimedBy: 'com-liz', claimedAs: 'committee' });
    expect(started.body.timeline.slice(-2)).toMatchObject([
      { status: 'ROUTED', actor: 'com-liz' },
      { status: 'IN_PROGRESS', actor: 'com-liz' },
    ]);
    expect(started.body.fulfilDeadline).toEqual(expect.any(String));

    // At the supervisors' level the committee may not; at its own level, a member takes it by starting it.
    const waiting = await fx.place();
    await escalate(waiting, 'supervisor', 1);
    expect(await post(waiting, 'start', await people.committeeLizhoujiao())).toBe(409);
    await escalate(waiting, 'committee', 2);
    expect(await post(waiting, 'start', await people.committeeMeisha())).toBe(404);
    const direct = await fx.orders.http('POST', `/v1/orders/${waiting}/start`, { token: colleague });
    expect(direct.status).toBe(200);
    expect(direct.body).toMatchObject({ status: 'IN_PROGRESS', claimedBy: 'com-liz-2', claimedAs: 'committee', fulfiller: { type: 'committee', id: 'lizhoujiao' } });
    const routed = await fx.probe.waitForEvent((event) => event.subject === waiting && event.type === OrderRoutedV1.type);
    expect(routed.data).toMatchObject({ takenAs: 'committee', routedBy: 'com-liz-2', fulfiller: { type: 'committee', id: 'lizhoujiao' } });

    // Held by a social worker or a supervisor: not the committee's to start.
    const heldBySupervisor = await fx.place();
    await fx.publish(MatchingClaimedV1, heldBySupervisor, { orderId: heldBySupervisor, version: 1, socialWorkerId: 'sup-liz', stationId: 'lizhoujiao-centre', claimedAt: new Date().toISOString(), claimedAs: 'supervisor' });
    await fx.waitForOrder(heldBySupervisor, await people.admin(), (order) => order.status === 'CLAIMED');
    expect(await post(heldBySupervisor, 'start', await people.committeeLizhoujiao())).toBe(409);
  });

  it('complete directly (the station fulfils it): only the supervisor who took the escalated order, from CLAIMED; published as order.completed.v2', async () => {
    const held = await fx.place();
    await fx.publish(MatchingClaimedV1, held, { orderId: held, version: 1, socialWorkerId: 'sup-liz', stationId: 'lizhoujiao-centre', claimedAt: new Date().toISOString(), claimedAs: 'supervisor' });
    await fx.waitForOrder(held, await people.admin(), (order) => order.status === 'CLAIMED');
    const done = { outcome: 'done', participants: [] };
    const colleague = await tokenFor({ sub: 'sup-liz-2', roles: ['supervisor'], stations: ['lizhoujiao-centre'] });
    const elsewhere = await tokenFor({ sub: 'sup-mei', roles: ['supervisor'], stations: ['meisha-centre'] });
    expect(await post(held, 'complete', await people.socialWorkerLizhoujiao(), done)).toBe(403);
    expect(await post(held, 'complete', await people.residentA(), done)).toBe(403);
    expect(await post(held, 'complete', elsewhere, done)).toBe(404);
    // Another supervisor of the station, or its committee: not theirs — the journey refuses (not routed).
    expect(await post(held, 'complete', colleague, done)).toBe(409);
    expect(await post(held, 'complete', await people.committeeLizhoujiao(), done)).toBe(409);
    const completed = await fx.orders.http('POST', `/v1/orders/${held}/complete`, { token: await people.supervisorLizhoujiao(), body: done });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'FULFILLED', fulfiller: { type: 'station', id: 'lizhoujiao-centre' }, claimedBy: 'sup-liz', claimedAs: 'supervisor' });
    expect(completed.body.timeline.slice(-2).map((entry: { status: string; actor: string }) => [entry.status, entry.actor])).toEqual([
      ['CLAIMED', 'sup-liz'],
      ['FULFILLED', 'sup-liz'],
    ]);
    const event = await fx.probe.waitForEvent((candidate) => candidate.subject === held && candidate.type === OrderCompletedV2.type);
    expect(event.data).toMatchObject({ fulfiller: { type: 'station', id: 'lizhoujiao-centre' }, completedBy: 'sup-liz', outcome: 'done' });
    expect(fx.probe.events(OrderCompletedV1.type).filter((candidate) => candidate.subject === held)).toEqual([]);
    // The resident rates it as any other.
    expect(await post(held, 'feedback', await people.residentA(), { rating: 5 })).toBe(200);

    // A claim a social worker won is routed as usual: the supervisor may not complete it directly.
    const byWorker = await fx.place();
    await fx.claim(byWorker);
    expect(await post(byWorker, 'complete', await people.supervisorLizhoujiao(), done)).toBe(409);
  });

  it('hand-back: only a member of the fulfiller it was routed to, and only while routed or in progress', async () => {
    const orderId = await fx.routedToCommittee();
    const reason = { reason: 'cannot_reach_resident' };
    expect(await post(orderId, 'hand-back', await people.committeeMeisha(), reason)).toBe(404);
    expect(await post(orderId, 'hand-back', await people.socialWorkerLizhoujiao(), reason)).toBe(403);
    expect(await post(orderId, 'hand-back', await people.supervisorLizhoujiao(), reason)).toBe(403);
    expect(await post(orderId, 'hand-back', await people.residentA(), reason)).toBe(403);
    expect(await post(orderId, 'hand-back', await people.partnerSunflower(), reason)).toBe(404);
    expect(await post(orderId, 'hand-back', await people.committeeLizhoujiao(), { reason: 'bad' })).toBe(400);
    expect(await post(orderId, 'hand-back', await people.committeeLizhoujiao(), reason)).toBe(200);
    // Back with the claiming worker: nobody may hand it back again until it is routed anew.
    expect(await post(orderId, 'hand-back', await people.committeeLizhoujiao(), reason)).toBe(409);
  });

  it('cancel once started: a supervisor of the station or an admin, nobody else', async () => {
    const orderId = await fx.routedToCommittee();
    expect(await post(orderId, 'start', await people.committeeLizhoujiao())).toBe(200);
    for (const caller of [people.residentA, people.socialWorkerLizhoujiao, people.committeeLizhoujiao]) expect(await post(orderId, 'cancel', await caller(), { reason: 'other' })).toBe(409);
    expect(await post(orderId, 'cancel', await people.supervisorLizhoujiao(), { reason: 'other' })).toBe(200);
    const byAdmin = await fx.routedToCommittee();
    expect(await post(byAdmin, 'start', await people.committeeLizhoujiao())).toBe(200);
    expect(await post(byAdmin, 'cancel', await people.admin(), { reason: 'duplicate' })).toBe(200);
  });

  it('feedback: only the resident the order was for', async () => {
    const orderId = await fx.fulfilled();
    expect(await post(orderId, 'feedback', await people.residentB(), { rating: 5 })).toBe(404);
    expect(await post(orderId, 'feedback', await people.socialWorkerLizhoujiao(), { rating: 5 })).toBe(403);
    expect(await post(orderId, 'feedback', await people.committeeLizhoujiao(), { rating: 5 })).toBe(403);
    expect(await post(orderId, 'feedback', await people.admin(), { rating: 5 })).toBe(403);
    expect(await post(orderId, 'feedback', await people.residentA(), { rating: 4 })).toBe(200);
  });

  it('no token is 401 on every command, and nothing is written', async () => {
    const orderId = await fx.place();
    await fx.claim(orderId);
    const before = await fx.streamTypes(orderId);
    for (const action of ['cancel', 'route', 'start', 'complete', 'feedback']) {
      const response = await fx.orders.http('POST', `/v1/orders/${orderId}/${action}`, { body: {} });
      expect(response.status).toBe(401);
    }
    expect(await fx.streamTypes(orderId)).toEqual(before);
  });

  it('every operation of the OpenAPI document (valid OpenAPI 3) has its matrix; without a token only the public ones answer', async () => {
    const { errors, operations } = await documentedOperations(fx.orders.http);
    expect(errors).toEqual([]);
    expect(operations).toEqual(Object.keys(MATRIX_OF).sort());
    const expected = Object.fromEntries(operations.map((operation) => [operation, MATRIX_OF[operation] === 'public' ? 200 : 401]));
    expect(await statusesWithoutToken(fx.orders.http, operations)).toEqual(expected);
  });
});
