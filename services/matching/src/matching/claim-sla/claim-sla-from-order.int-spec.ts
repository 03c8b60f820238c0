import { MatchingFixture, people, startMatching } from '../../../test/matching-fixture';

/**
 * The claim clock comes with the order: matching times the offers with the minutes the placed
 * event carries (the menu's claim SLA at placement), not with a copy of the menu — and an order
 * placed before the event carried them gets the default clock.
 */
describe('the claim SLA comes with the placed order', () => {
  let fx: MatchingFixture;

  beforeAll(async () => {
    fx = await startMatching();
    await fx.putWorker(fx.workerId('sw-a'), { skills: ['elderly-care', 'family'] });
  });
  afterAll(() => fx.stop());

  const offerWindowMinutes = (offers: { offeredAt: string; offers: { expiresAt: string }[] }) => (Date.parse(offers.offers[0].expiresAt) - Date.parse(offers.offeredAt)) / 60_000;
  const caseView = async (orderId: string) => (await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() })).body;

  it('a service matching has never heard of is offered for the minutes its placement carries', async () => {
    // A service code no table anywhere knows: only the event can tell matching its clock.
    const orderId = await fx.placeOrder({ serviceCode: 'newly-added-service', claimSlaMinutes: 7 });
    expect(offerWindowMinutes(await fx.offersMade(orderId))).toBe(7);
    expect(await caseView(orderId)).toMatchObject({ claimSlaSeconds: 7 * 60 });
  });

  it('an order placed before the event carried its SLA gets the default clock for its urgency', async () => {
    const orderId = await fx.placeOrder({ urgency: 'urgent' });
    expect(offerWindowMinutes(await fx.offersMade(orderId))).toBe(60);
    expect(await caseView(orderId)).toMatchObject({ claimSlaSeconds: 3600 });
  });

  it('a confidential order brings its clock too, though not its service', async () => {
    const orderId = await fx.placeConfidentialOrder('family', { claimSlaMinutes: 25 });
    expect(offerWindowMinutes(await fx.offersMade(orderId))).toBe(25);
    expect(await caseView(orderId)).toMatchObject({ serviceCode: null, claimSlaSeconds: 25 * 60 });
  });
});
