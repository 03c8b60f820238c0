import { MatchingClaimedV1, TOPICS } from '@lantern/contracts';
import { EventProbe, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { startAllServices, Stack } from './start-all-services';

/** Invariant 1 across services: one winner, and orders agrees with matching about who it is. */
describe('claim races, end to end', () => {
  const station = 'yaojun-centre';
  const workers = Array.from({ length: 50 }, (_, index) => `sw-yaojun-${index + 1}`);
  let stack: Stack;
  let probe: EventProbe;

  beforeAll(async () => {
    // Offer each order to all 50 at once, so that all 50 may claim.
    stack = await startAllServices({ matching: { MATCHING_OFFERS_PER_ROUND: '50', MATCHING_CLAIM_SLA_SECONDS: '120' } });
    probe = await EventProbe.start([TOPICS.orders, TOPICS.matching]);
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    for (const id of workers) {
      const put = await stack.matching.http('PUT', `/v1/social-workers/${id}`, {
        token: admin,
        body: { name: id, skills: ['elderly-care'], stations: [station], capacity: 10 },
      });
      expect(put.status).toBe(200);
    }
  });
  afterAll(async () => {
    await probe.stop();
    await stack.stop();
  });

  const workerToken = (id: string) => tokenFor({ sub: id, roles: ['social_worker'], stations: [station] });

  async function placeAndWaitForOffers(resident: string): Promise<string> {
    const placed = await stack.orders.http('POST', '/v1/orders', {
      token: await tokenFor({ sub: resident, roles: ['resident'] }),
      body: { serviceCode: 'home-visit', stationId: station },
    });
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.id;
    const last = await workerToken(workers[workers.length - 1]);
    await waitFor(async () => {
      const offers = await stack.matching.http('GET', '/v1/offers?limit=100', { token: last });
      return offers.body.items?.some((offer: { orderId: string }) => offer.orderId === orderId);
    }, { description: 'the offer to reach the 50th worker' });
    return orderId;
  }

  it('50 social workers claim one order at once: one 200, 49 × 409, one claimed event, and orders shows that worker', async () => {
    const resident = uniqueName('res');
    const orderId = await placeAndWaitForOffers(resident);
    const tokens = await Promise.all(workers.map(workerToken));
    const responses = await Promise.all(tokens.map((token) => stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token })));

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = workers[statuses.indexOf(200)];
    for (const lost of responses.filter((response) => response.status === 409)) {
      expect(lost.headers.get('content-type')).toMatch(/problem\+json/);
    }

    const order = await waitFor(async () => {
      const current = await stack.orders.http('GET', `/v1/orders/${orderId}`, { token: await tokenFor({ sub: resident, roles: ['resident'] }) });
      return current.body.status === 'CLAIMED' ? current : undefined;
    }, { description: 'orders to reflect the claim' });
    expect(order.body.claimedBy).toBe(winner);
    const claimedEvents = new Set(probe.events(MatchingClaimedV1.type).filter((event) => event.subject === orderId).map((event) => event.id));
    expect(claimedEvents.size).toBe(1);
    const orderClaimed = new Set(probe.events('lantern.order.claimed.v1').filter((event) => event.subject === orderId).map((event) => event.id));
    expect(orderClaimed.size).toBe(1);
  });

  it('a claim racing a cancellation ends in one consistent outcome on both services', async () => {
    const resident = uniqueName('res');
    const residentToken = await tokenFor({ sub: resident, roles: ['resident'] });
    const orderId = await placeAndWaitForOffers(resident);
    const [claim, cancel] = await Promise.all([
      stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await workerToken(workers[0]) }),
      stack.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: residentToken, body: { reason: 'no_longer_needed' } }),
    ]);
    // The resident may cancel a claimed order, so the cancellation always stands…
    expect(cancel.status).toBe(200);
    expect([200, 409]).toContain(claim.status);
    // …and matching ends withdrawn whichever came first: a won claim is voided.
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    await waitFor(async () => (await stack.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: admin })).body.status === 'WITHDRAWN', {
      description: 'matching to withdraw',
    });
    const order = await stack.orders.http('GET', `/v1/orders/${orderId}`, { token: residentToken });
    expect(order.body.status).toBe('CANCELLED');
    // Nobody can act on it any more.
    expect((await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await workerToken(workers[1]) })).status).toBe(409);
  });
});
