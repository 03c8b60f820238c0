import { VolunteerRegisteredV1, VolunteerSuspendedV1 } from '@lantern/contracts';
import { tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { afterSchoolCare, OrdersFixture, people, startTwoOrders } from '../../test/orders-fixture';
import { shanghaiDay } from './domain/shanghai-calendar';
import { RebuildReportsHandler } from './rebuild-reports/rebuild-reports.handler';

const ORDERS = 60;

/**
 * Two replicas count the same day at once: each consumes its share of the order partitions and
 * writes the entries of its orders into the same scopes' day — the town's, the village's, the
 * station's. FerretDB applies each update by reading the document and writing it back, so with one
 * document per day two replicas lost entries (58 of 60 counted); with one shard per replica
 * (WriterShards) every placement counts, once. The same holds for the other documents every
 * replica adds to: a roster of volunteers, a survey's results in a village.
 */
describe('the reports with two replicas writing the same documents', () => {
  let fx: OrdersFixture & { second: OrdersFixture['orders'] };
  let admin: string;

  beforeAll(async () => {
    fx = await startTwoOrders();
    admin = await people.admin();
  });
  afterAll(() => fx.stop());

  const placedToday = async (scope: string) =>
    (await fx.orders.http('GET', `/v1/reports/${scope}?period=day&date=${shanghaiDay(new Date())}`, { token: admin })).body.figures.ordersPlaced as number;

  it('counts every order placed through either replica, in the town, village and station alike — and again after a rebuild', async () => {
    const before = await Promise.all(['town', 'villages/lizhoujiao', 'stations/lizhoujiao-centre'].map(placedToday));
    const residents = await Promise.all(Array.from({ length: ORDERS }, (_, i) => tokenFor({ sub: `res-two-replicas-${i}`, roles: ['resident'] })));
    const replicas = [fx.orders, fx.second];
    await Promise.all(
      residents.map(async (token, i) => {
        const placed = await replicas[i % 2].http('POST', '/v1/orders', { token, body: afterSchoolCare });
        expect(placed.status).toBe(201);
      }),
    );
    const counted = async () => (await Promise.all(['town', 'villages/lizhoujiao', 'stations/lizhoujiao-centre'].map(placedToday))).map((figure, i) => figure - before[i]);
    const all = [ORDERS, ORDERS, ORDERS];
    await waitFor(async () => ((await counted()).every((figure, i) => figure === all[i]) ? true : undefined), { timeoutMs: 60_000, description: 'every placement in the reports' }).catch(() => undefined);
    expect(await counted()).toEqual(all);

    // Both replicas had written the day; a rebuild on one deletes every shard. The other, writing
    // next, finds its shard gone and claims again instead of writing nowhere.
    await fx.orders.app.get(RebuildReportsHandler).execute();
    const late = await fx.second.http('POST', '/v1/orders', { token: residents[1], body: afterSchoolCare });
    expect(late.status).toBe(201);
    await waitFor(async () => ((await counted())[0] === ORDERS + 1 ? true : undefined), { timeoutMs: 30_000, description: 'the late placement in the reports' }).catch(() => undefined);
    expect(await counted()).toEqual([ORDERS + 1, ORDERS + 1, ORDERS + 1]);
  });

  it('counts every volunteer registered (and suspended) while two replicas share the volunteers topic', async () => {
    const town = async () => (await fx.orders.http('GET', `/v1/reports/town?period=day&date=${shanghaiDay(new Date())}`, { token: admin })).body.coverage.volunteers as { registered: number; active: number };
    const before = await town();
    const volunteers = Array.from({ length: 40 }, () => uniqueName('vol-two'));
    const at = new Date().toISOString();
    await Promise.all(volunteers.map((volunteerId) => fx.publish(VolunteerRegisteredV1, volunteerId, { volunteerId, version: 1, villages: ['lizhoujiao'], skills: [], consentVersion: 'v1', registeredBy: volunteerId, registeredAt: at })));
    await Promise.all(volunteers.slice(0, 10).map((volunteerId) => fx.publish(VolunteerSuspendedV1, volunteerId, { volunteerId, version: 2, reason: 'inactive', suspendedBy: 'admin-1', suspendedAt: at })));
    const expected = { registered: before.registered + 40, active: before.active + 30 };
    const seen = await waitFor(async () => { const now = await town(); return now.registered === expected.registered && now.active === expected.active ? now : undefined; }, { timeoutMs: 60_000, description: 'every volunteer in the town roster' }).catch(() => town());
    expect(seen).toMatchObject(expected);
  });

  it('counts every answer to a survey given through either replica', async () => {
    const text = (en: string) => ({ 'zh-CN': en, en });
    const options = ['meals', 'company'].map((optionId) => ({ optionId, text: text(optionId) }));
    const created = await fx.orders.http('POST', '/v1/surveys', {
      token: admin,
      body: { title: text('Two replicas'), group: 'elderly', villageIds: ['lizhoujiao'], anonymous: true, questions: [{ questionId: 'q1', kind: 'single_choice', text: text('Most needed'), options }] },
    });
    expect(created.status).toBe(201);
    const surveyId = created.body.id as string;
    expect((await fx.orders.http('POST', `/v1/surveys/${surveyId}/open`, { token: admin })).status).toBe(200);
    const replicas = [fx.orders, fx.second];
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const token = await tokenFor({ sub: `res-two-survey-${i}`, roles: ['resident'] });
        const answered = await replicas[i % 2].http('POST', `/v1/surveys/${surveyId}/answers`, { token, body: { villageId: 'lizhoujiao', answers: [{ questionId: 'q1', optionIds: ['meals'] }] } });
        expect(answered.status).toBe(201);
      }),
    );
    const answers = async () => (await fx.second.http('GET', `/v1/surveys/${surveyId}/results`, { token: admin })).body.total.answers as number;
    await waitFor(async () => ((await answers()) === 40 ? true : undefined), { timeoutMs: 60_000, description: 'every answer in the results' }).catch(() => undefined);
    expect(await answers()).toBe(40);
  });
});
