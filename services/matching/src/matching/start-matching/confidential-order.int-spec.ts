import { MatchingWithdrawnV1 } from '@lantern/contracts';
import { commandsBetween, dbCommands } from '../../../test/db-commands';
import { MatchingFixture, people, startMatching } from '../../../test/matching-fixture';

describe('matching an order of a confidential service (told its category and station only)', () => {
  let fx: MatchingFixture;

  beforeAll(async () => {
    fx = await startMatching();
    await fx.putWorker(fx.workerId('sw-family'), { skills: ['family'] });
    await fx.putWorker(fx.workerId('sw-elderly'), { skills: ['elderly-care'] });
  });
  afterAll(() => fx.stop());

  it('offers it to the workers skilled in its category, a claim wins, and its case shows no service', async () => {
    const before = await dbCommands(fx.matching);
    const orderId = await fx.placeConfidentialOrder('family');
    const offers = await fx.offersMade(orderId);
    expect(offers.offers.map((offer) => offer.socialWorkerId)).toEqual([fx.workerId('sw-family')]);
    const claim = await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.worker(fx.workerId('sw-family'), [fx.stationId]) });
    expect(claim.status).toBe(200);
    const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
    expect(view.body).toMatchObject({ status: 'CLAIMED', serviceCode: null, category: 'family', claimSlaSeconds: 8 * 3600 });
    expect(JSON.stringify(view.body)).not.toContain('res-test');
    // Its resident is a pseudonym of this order alone: no continuity looked up or recorded.
    const continuity = Object.keys(commandsBetween(before, await dbCommands(fx.matching))).filter((key) => key.startsWith('resident_continuity '));
    expect(continuity).toEqual([]);
  });

  it('a cancelled-confidential withdraws it', async () => {
    const orderId = await fx.placeConfidentialOrder('family');
    await fx.offersMade(orderId);
    await fx.cancelConfidentialOrder(orderId);
    await fx.probe.waitForEvent((event) => event.type === MatchingWithdrawnV1.type && event.subject === orderId);
  });
});
