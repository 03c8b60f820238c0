import { DEMO_VOLUNTEERS, demoHistory, DemoOrder, DemoStep } from '@lantern/demo-history';
import { MatchingModule, MATCHING_SERVICE, SeedDemoClaims } from '@lantern/service-matching';
import { OrdersModule, ORDERS_SERVICE, SeedDemoHistory } from '@lantern/service-orders';
import { SeedDemoVolunteers, VolunteersModule, VOLUNTEERS_SERVICE } from '@lantern/service-volunteers';
import { dropDatabases, startTestService, testInfra, TestService, tokenFor, waitFor } from '@lantern/testing';
import mongoose from 'mongoose';

type Sla = Record<'normal' | 'urgent', { claim: number }>;

const DEMO = { SEED_DEMO_DATA: 'true', SEED_DEMO_HISTORY: 'true' };
const stepOf = (order: DemoOrder, kind: DemoStep['kind']) => order.steps.find((step) => step.kind === kind);
const has = (kind: DemoStep['kind']) => (order: DemoOrder) => stepOf(order, kind) !== undefined;

/**
 * npm start's demo history (SEED_DEMO_HISTORY=true), played by orders, matching and volunteers
 * through their own handlers at past times: the town report over the last four weeks shows
 * exactly what the plan says happened — every figure computed here from the plan and the menu's
 * claim SLAs, the volunteers and their hours too — and starting the services again on the same
 * databases appends nothing and changes no figure.
 */
describe('the demo history: weeks of orders, played through the real handlers', () => {
  const plan = demoHistory();
  let orders: TestService;
  let matching: TestService;
  let volunteers: TestService;
  let admin: string;

  const townReport = async () => {
    const to = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10);
    const response = await orders.http('GET', `/v1/reports/town?period=range&from=${from}&to=${to}`, { token: admin });
    expect(response.status).toBe(200);
    return response.body;
  };
  const counts = async (collection: string, ...databases: string[]) => {
    const connection = await mongoose.createConnection(testInfra().mongoUrl).asPromise();
    try {
      return await Promise.all(databases.map((name) => connection.useDb(name).collection(collection).countDocuments()));
    } finally {
      await connection.close();
    }
  };
  const eventCounts = () => counts('events', orders.database, matching.database, volunteers.database);
  const startOrders = (env: Record<string, string>, database?: string) => startTestService(OrdersModule, { service: ORDERS_SERVICE.service, env, database });
  const startMatching = (database?: string) => startTestService(MatchingModule, { service: MATCHING_SERVICE.service, env: DEMO, database });
  const startVolunteers = (database?: string) => startTestService(VolunteersModule, { service: VOLUNTEERS_SERVICE.service, env: DEMO, database });
  const played = () => Promise.all([orders.app.get(SeedDemoHistory).done, matching.app.get(SeedDemoClaims).done, volunteers.app.get(SeedDemoVolunteers).done]);

  beforeAll(async () => {
    admin = await tokenFor({ sub: 'admin-demo-e2e', roles: ['admin'] });
    // Each test service's consumer starts at "now" (npm start's read the whole topic): orders
    // first, to hear matching's directory; then orders again with the history, once matching
    // listens for the placements; volunteers last.
    orders = await startOrders({ SEED_DEMO_DATA: 'true' });
    matching = await startMatching();
    await waitFor(async () => ((await counts('fulfillers', orders.database))[0] > 0 ? true : undefined), { timeoutMs: 60_000, description: 'orders to hear the directory' });
    const database = orders.database;
    await orders.stop();
    orders = await startOrders(DEMO, database);
    // Then volunteers, listening before it registers the demo volunteers: orders completes the
    // team orders once it has heard the last registration, so volunteers hears those completions.
    volunteers = await startVolunteers();
    await played();
  }, 600_000);
  afterAll(async () => {
    await Promise.all([orders?.stop(), matching?.stop(), volunteers?.stop()]);
    await dropDatabases(orders.database, matching.database, volunteers.database);
  });

  it('the town report shows what the plan says happened, figure by figure', async () => {
    const menu = (await orders.http('GET', '/v1/catalogue')).body.items as { code: string; sla: Sla }[];
    const sla = Object.fromEntries(menu.map((service) => [service.code, service.sla]));
    const claimed = plan.filter((order) => has('claim')(order) || (has('escalate')(order) && has('route')(order)));
    const claimAfter = (order: DemoOrder) => (stepOf(order, 'claim') ?? stepOf(order, 'route'))!.after;
    const ratings = plan.flatMap((order) => order.steps.flatMap((step) => (step.kind === 'rate' ? [step.rating] : [])));
    const outcomes = plan.flatMap((order) => order.steps.flatMap((step) => (step.kind === 'complete' ? [step.outcome] : [])));
    const cancels = plan.flatMap((order) => order.steps.flatMap((step) => (step.kind === 'cancel' ? [step.by] : [])));
    const closedFollowUps = plan.filter(has('close-follow-up')).length;
    const lowRatings = ratings.filter((rating) => rating <= 2).length;

    const expected = {
      ordersPlaced: plan.length,
      response: {
        claimed: claimed.length,
        claimedOnTime: claimed.filter((order) => claimAfter(order) <= sla[order.serviceCode][order.urgency].claim).length,
        escalations: { supervisor: plan.filter(has('escalate')).length, committee: 0 },
      },
      resolution: {
        done: outcomes.filter((outcome) => outcome === 'done').length,
        partiallyDone: outcomes.filter((outcome) => outcome === 'partially_done').length,
        referred: outcomes.filter((outcome) => outcome === 'referred').length,
        cancelled: cancels.length,
        cancelledBy: { resident: cancels.filter((by) => by === 'resident').length, staff: cancels.filter((by) => by === 'staff').length },
      },
      satisfaction: { ratings: ratings.length, satisfied: ratings.filter((rating) => rating >= 4).length, lowRatings },
    };
    // Team orders credit their volunteers' hours (on the day they are credited: today).
    const credited = plan.flatMap((order) => order.steps.flatMap((step) => (step.kind === 'complete' ? step.participants : [])));
    const expectedVolunteers = {
      registered: DEMO_VOLUNTEERS.length,
      active: DEMO_VOLUNTEERS.length,
      withHoursInPeriod: new Set(credited.map((participant) => participant.personId)).size,
      hoursInPeriod: credited.reduce((sum, participant) => sum + participant.hours, 0),
    };
    expect(expectedVolunteers.withHoursInPeriod).toBeGreaterThan(5);
    const matches = (report: { figures: unknown; coverage?: { volunteers: unknown } }) => {
      try {
        expect(report.figures).toMatchObject(expected);
        expect(report.coverage?.volunteers).toMatchObject(expectedVolunteers);
        return true;
      } catch {
        return false;
      }
    };
    // The report projector counts each event as it arrives: wait until it has them all (or show what it has).
    const report = await waitFor(async () => {
      const current = await townReport();
      return matches(current) ? current : undefined;
    }, { timeoutMs: 60_000, description: 'the reports to have counted the whole history' }).catch(() => townReport());
    const { figures } = report;
    expect(figures).toMatchObject(expected);
    expect(report.coverage.volunteers).toMatchObject(expectedVolunteers);
    expect(report.coverage.volunteers.activeShareOfPopulation).toBeGreaterThan(0);
    // Every low rating opened a follow-up and the plan closes some; how the report splits open
    // from closed is the follow-up projector's, so here they are counted together.
    expect(figures.satisfaction.followUpsOpen + figures.satisfaction.followUpsClosed).toBe(lowRatings);
    expect(closedFollowUps).toBeGreaterThan(0);
    expect(figures.satisfaction.meanRating).toBeCloseTo(ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length, 2);
    // Spread over the weeks: the order placed longest ago is three weeks old, in the report of its day.
    const oldest = Math.max(...plan.map((order) => order.daysAgo));
    const day = new Date(Date.now() + 8 * 3_600_000 - oldest * 86_400_000).toISOString().slice(0, 10);
    const thatDay = await orders.http('GET', `/v1/reports/town?period=day&date=${day}`, { token: admin });
    expect(thatDay.body.figures.ordersPlaced).toBe(plan.filter((order) => order.daysAgo === oldest).length);
  }, 120_000);

  it('the order keeps the past times on its timeline; the closed survey has its answers', async () => {
    const order = plan.find((candidate) => has('rate')(candidate) && candidate.daysAgo >= 14)!;
    const resident = await tokenFor({ sub: order.residentId, roles: ['resident'] });
    const shown = (await orders.http('GET', `/v1/orders/ord_${order.seed}`, { token: resident })).body;
    expect(shown.status).toBe('CLOSED');
    const placedAt = Date.parse(shown.timeline[0].at);
    expect(Date.now() - placedAt).toBeGreaterThan((order.daysAgo - 1) * 86_400_000);
    expect(Date.parse(shown.timeline.at(-1).at) - placedAt).toBeGreaterThan(86_400_000);
    // Matching's claim too, though orders heard of it today: at the minute the plan claims it.
    const claimed = shown.timeline.find((entry: { status: string }) => entry.status === 'CLAIMED');
    expect(Date.parse(claimed.at) - placedAt).toBe(stepOf(order, 'claim')!.after * 60_000);
    const survey = await orders.http('GET', '/v1/surveys/svy_de30000000000001/results', { token: admin });
    expect(survey.status).toBe(200);
    expect(survey.body).toMatchObject({ status: 'CLOSED', group: 'elderly', total: { answers: 20 } });
    expect(Object.values(survey.body.byVillage).map((block) => (block as { answers: number }).answers)).toEqual([4, 4, 4, 4, 4]);
  });

  it('starting the three services again appends nothing and changes no figure', async () => {
    const [before, report] = [await eventCounts(), await townReport()];
    const [ordersDb, matchingDb, volunteersDb] = [orders.database, matching.database, volunteers.database];
    await Promise.all([orders.stop(), matching.stop(), volunteers.stop()]);
    matching = await startMatching(matchingDb);
    volunteers = await startVolunteers(volunteersDb);
    orders = await startOrders(DEMO, ordersDb);
    await played();
    expect(await eventCounts()).toEqual(before);
    expect(await townReport()).toEqual(report);
  }, 300_000);
});
