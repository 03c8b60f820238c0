import { CharityVisitFulfilledV1, fundedVisitOrderId } from '@lantern/contracts';
import { tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { putFulfiller, routeOnceKnown } from './fulfiller-directory';
import { startAllServices, Stack } from './start-all-services';

/**
 * 灯火万家: lantern sales raise money, a disbursement funds two visits, each visit becomes an
 * order in the orders service, volunteers fulfil them, and the public report shows both done.
 */
describe('charity proceeds fund visits, end to end', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startAllServices();
  });
  afterAll(() => stack.stop());

  it('a disbursement funds 2 visit orders; once both are fulfilled the public report shows them done and the money adds up', async () => {
    const manager = await tokenFor({ sub: 'cm-e2e', roles: ['campaign_manager'] });
    const volunteer = await tokenFor({ sub: 'vol-e2e', roles: ['volunteer'] });
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });

    const campaign = await stack['charity-sales'].http('POST', '/v1/campaigns', {
      token: manager,
      body: {
        title: uniqueName('灯火万家'),
        purpose: 'Visits to elderly residents living alone',
        partner: { name: '东莞市慈善会', filingNumber: '53441900MJL0000000A-2027-001' },
        startsOn: '2027-01-20',
        endsOn: '2027-02-20',
      },
    });
    expect(campaign.status).toBe(201);
    const campaignId: string = campaign.body.id;
    const item = await stack['charity-sales'].http('POST', `/v1/campaigns/${campaignId}/items`, {
      token: manager,
      body: { name: 'Paper lantern', priceCents: 8000, stock: 10, madeBy: { type: 'team', id: 'lantern-association' } },
    });
    expect(item.status).toBe(201);
    expect((await stack['charity-sales'].http('POST', `/v1/campaigns/${campaignId}/open`, { token: manager })).status).toBe(200);
    const sale = await stack['charity-sales'].http('POST', `/v1/campaigns/${campaignId}/sales`, {
      token: volunteer,
      body: { channel: 'booth', lines: [{ itemId: item.body.id, quantity: 5 }] },
    });
    expect(sale.status).toBe(201);

    // A matching roster for the visits: one elderly-care worker at the station.
    await stack.matching.http('PUT', '/v1/social-workers/sw-visits', {
      token: admin,
      body: { name: 'Visits', skills: ['elderly-care'], stations: ['meisha-centre'], capacity: 5 },
    });

    const disbursed = await stack['charity-sales'].http('POST', `/v1/campaigns/${campaignId}/disbursements`, {
      token: manager,
      body: {
        amountCents: 30_000,
        visits: [1, 2].map((n) => ({ stationId: 'meisha-centre', serviceCode: 'home-visit', householdRef: `hh-meisha-${n}` })),
      },
    });
    expect(disbursed.status).toBe(201);

    const visitIds = await waitFor(async () => {
      const report = await stack['charity-sales'].http('GET', `/v1/campaigns/${campaignId}/report`);
      const visits = report.body.disbursements?.[0]?.visits as { visitId: string }[] | undefined;
      return visits?.length === 2 ? visits.map((visit) => visit.visitId) : undefined;
    }, { description: 'the disbursement in the report' });

    // The volunteer team that makes the visits: a team of the volunteers service, and the same id in
    // matching's fulfiller directory, serving the station's elderly-care orders.
    const team = await stack.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: '梅沙社区好大姐', kind: 'community_big_sisters', villageId: 'meisha', stationId: 'meisha-centre', coordinatorIds: ['coord-big-sisters'] },
    });
    expect(team.status).toBe(201);
    const visitingTeam = { type: 'volunteer_team', id: team.body.id as string } as const;
    await putFulfiller(stack, visitingTeam, { stations: ['meisha-centre'], categories: ['elderly-care'] });

    const worker = await tokenFor({ sub: 'sw-visits', roles: ['social_worker'], stations: ['meisha-centre'] });
    const coordinator = await tokenFor({ sub: 'coord-big-sisters', roles: ['coordinator'], stations: [visitingTeam.id] });
    for (const visitId of visitIds) {
      const orderId = fundedVisitOrderId(visitId);
      // The funded order exists in orders, placed by staff and carrying who pays for it.
      const order = await waitFor(async () => {
        const found = await stack.orders.http('GET', `/v1/orders/${orderId}`, { token: admin });
        return found.status === 200 ? found : undefined;
      }, { description: `funded order ${orderId}` });
      expect(order.body).toMatchObject({ placedBy: 'staff', fundedBy: expect.any(String), serviceCode: 'home-visit' });

      await waitFor(async () => (await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: worker })).status === 200, {
        description: `the offer of ${orderId} to be claimable`,
      });
      await waitFor(async () => (await stack.orders.http('GET', `/v1/orders/${orderId}`, { token: admin })).body.status === 'CLAIMED', {
        description: `${orderId} claimed in orders`,
      });
      const route = await routeOnceKnown(stack, orderId, worker, visitingTeam);
      expect(route.status).toBe(200);
      expect((await stack.orders.http('POST', `/v1/orders/${orderId}/start`, { token: coordinator })).status).toBe(200);
      const complete = await stack.orders.http('POST', `/v1/orders/${orderId}/complete`, {
        token: coordinator,
        body: { outcome: 'done', participants: [{ personId: 'vol-e2e', hours: 2 }] },
      });
      expect(complete.status).toBe(200);
    }

    const report = await waitFor(async () => {
      const current = await stack['charity-sales'].http('GET', `/v1/campaigns/${campaignId}/report`);
      const visits = current.body.disbursements[0].visits as { status: string }[];
      return visits.every((visit) => visit.status === 'FULFILLED') ? current : undefined;
    }, { description: 'both visits fulfilled in the public report' });
    const { raisedCents, refundedCents, disbursedCents, balanceCents } = report.body;
    expect(raisedCents).toBe(40_000);
    expect(disbursedCents).toBe(30_000);
    expect(raisedCents - refundedCents - disbursedCents).toBe(balanceCents);
    expect(JSON.stringify(report.body)).not.toContain('hh-meisha');

    // The campaign's manager heard of each visit done, in their inbox (charity-sales → Kafka → notifications).
    const heard = await waitFor(
      async () => {
        const items = ((await stack.notifications.http('GET', '/v1/inbox?limit=100', { token: manager })).body.items ?? []) as { causeEventType: string; body: string }[];
        const visits = items.filter((item) => item.causeEventType === CharityVisitFulfilledV1.type);
        return visits.length === 2 ? visits : undefined;
      },
      { timeoutMs: 20_000, description: 'both funded visits in the campaign manager’s inbox' },
    );
    for (const visitId of visitIds) expect(heard.some((item) => item.body.includes(fundedVisitOrderId(visitId)))).toBe(true);
  });
});
