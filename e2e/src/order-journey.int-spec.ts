import { MatchingClaimedV1, TOPICS } from '@lantern/contracts';
import { EventProbe, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { putFulfiller, routeOnceKnown } from './fulfiller-directory';
import { startAllServices, Stack } from './start-all-services';

/**
 * The heart of Lantern through REST only, across the real services: a resident's order is
 * offered to the right social workers, claimed, routed to the village committee, fulfilled
 * and rated — with exactly one event per transition on the topics.
 */
describe('the order journey, end to end', () => {
  let stack: Stack;
  let probe: EventProbe;
  const village = 'meisha';
  const station = `${village}-centre`;

  beforeAll(async () => {
    // Each stack has databases of its own, so this roster is the whole roster.
    stack = await startAllServices({ matching: { MATCHING_CLAIM_SLA_SECONDS: '60' } });
    probe = await EventProbe.start([TOPICS.orders, TOPICS.matching]);
  });
  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  const centreWorker = (id: string) => tokenFor({ sub: id, roles: ['social_worker'], stations: [station] });

  it('place → offered → claim → route → start → complete → rate → CLOSED', async () => {
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    // Two family workers at the station, and an elderly-care worker who must not be offered a mediation.
    for (const [id, skills] of [['sw-fam-1', ['family']], ['sw-fam-2', ['family', 'mental-health']], ['sw-eld-1', ['elderly-care']]] as const) {
      const put = await stack.matching.http('PUT', `/v1/social-workers/${id}`, { token: admin, body: { name: id, skills, stations: [station], capacity: 5 } });
      expect(put.status).toBe(200);
    }

    const residentId = uniqueName('res');
    const resident = await tokenFor({ sub: residentId, roles: ['resident'] });
    const placed = await stack.orders.http('POST', '/v1/orders', {
      token: resident,
      body: { serviceCode: 'family-mediation', stationId: station, details: 'Dispute with in-laws' },
    });
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.id;

    // Offered to the two family workers, not to the elderly-care one.
    const offers = await waitFor(async () => {
      const page = await stack.matching.http('GET', '/v1/offers', { token: await centreWorker('sw-fam-1') });
      return page.body.items?.find((offer: { orderId: string }) => offer.orderId === orderId);
    }, { description: 'the offer to sw-fam-1' });
    expect(offers.stationId).toBe(station);
    const elderly = await stack.matching.http('GET', '/v1/offers', { token: await centreWorker('sw-eld-1') });
    expect(elderly.body.items.some((offer: { orderId: string }) => offer.orderId === orderId)).toBe(false);

    const matching = await stack.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: admin });
    expect(matching.status).toBe(200);

    // Claim: one wins, the other gets 409.
    const [first, second] = await Promise.all([
      stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await centreWorker('sw-fam-1') }),
      stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await centreWorker('sw-fam-2') }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? 'sw-fam-1' : 'sw-fam-2';

    // Orders reflects the claim.
    const claimed = await waitFor(async () => {
      const order = await stack.orders.http('GET', `/v1/orders/${orderId}`, { token: resident });
      return order.body.status === 'CLAIMED' ? order : undefined;
    }, { description: 'the order to be CLAIMED' });
    expect(claimed.body.claimedBy ?? claimed.body.timeline.at(-1).actor).toBe(winner);

    // The loser cannot route it — a confidential order is not even visible to a worker who did not claim it (404); the winner routes it to the village committee.
    const loser = winner === 'sw-fam-1' ? 'sw-fam-2' : 'sw-fam-1';
    const committee = { fulfiller: { type: 'committee', id: village } } as const;
    expect((await stack.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await centreWorker(loser), body: committee })).status).toBe(404);
    // The committee is in matching's directory, which orders replicates from its events.
    await putFulfiller(stack, committee.fulfiller, { stations: [station], categories: ['family'] });
    const routed = await routeOnceKnown(stack, orderId, await centreWorker(winner), committee.fulfiller);
    expect(routed.status).toBe(200);
    expect(routed.body.status).toBe('ROUTED');

    const member = await tokenFor({ sub: 'committee-meisha-1', roles: ['committee'], stations: [station] });
    expect((await stack.orders.http('POST', `/v1/orders/${orderId}/start`, { token: member })).body.status).toBe('IN_PROGRESS');
    // Too late to cancel now.
    expect((await stack.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: resident, body: { reason: 'no_longer_needed' } })).status).toBe(409);
    const completed = await stack.orders.http('POST', `/v1/orders/${orderId}/complete`, {
      token: member,
      body: { outcome: 'done', participants: [{ personId: 'committee-meisha-1', hours: 2 }] },
    });
    expect(completed.body.status).toBe('FULFILLED');
    const rated = await stack.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: resident, body: { rating: 5, comment: 'Thank you' } });
    expect(rated.status).toBe(200);
    expect(rated.body.status).toBe('CLOSED');

    const statuses = rated.body.timeline.map((entry: { status: string }) => entry.status);
    expect(statuses).toEqual(['PLACED', 'OFFERED', 'CLAIMED', 'ROUTED', 'IN_PROGRESS', 'FULFILLED', 'FULFILLED', 'CLOSED']);

    // Exactly one event per transition on the orders topic (copies share an id; count ids).
    // Family mediation is confidential: placed, routed and completed publish their -confidential twins.
    const expected = ['placed-confidential', 'offered', 'claimed', 'routed-confidential', 'started', 'completed-confidential', 'rated', 'closed'].map(
      (fact) => `lantern.order.${fact}.v1`,
    );
    await waitFor(() => expected.every((type) => probe.events(type).some((event) => event.subject === orderId)), { description: 'every order event' });
    for (const type of expected) {
      const ids = new Set(probe.events(type).filter((event) => event.subject === orderId).map((event) => event.id));
      expect({ type, count: ids.size }).toEqual({ type, count: 1 });
    }
    const claims = new Set(probe.events(MatchingClaimedV1.type).filter((event) => event.subject === orderId).map((event) => event.id));
    expect(claims.size).toBe(1);

    // The resident heard about it in the inbox, and their confidential details never left orders.
    const inbox = await waitFor(async () => {
      const page = await stack.notifications.http('GET', '/v1/inbox', { token: resident });
      return page.body.items?.length >= 2 ? page : undefined;
    }, { description: 'journey notifications' });
    expect(inbox.body.items.every((item: { subject: string }) => item.subject === orderId)).toBe(true);
    expect(JSON.stringify(probe.records)).not.toContain('in-laws');
    // Nor who ordered it, nor what: the topics name the resident by a pseudonym and the category only.
    const aboutTheOrder = JSON.stringify(probe.records.filter((record) => record.key === orderId));
    for (const secret of [residentId, 'family-mediation', '家庭矛盾调解']) expect(aboutTheOrder).not.toContain(secret);
  });
});
