import { CharityManagerAddedV1, OrderClaimedV1, TOPICS } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { countCommands, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { afterSchoolCare, familyMediation, OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { shanghaiDay } from '../reports/domain/shanghai-calendar';
import { AuditTrail } from './audit-trail';
import { AuditEntry, personLog } from './domain/audit-entry';

type Entry = { id: string; at: string; action: string; actorId: string | null; orderId: string | null; stationId: string | null; subject: string | null; details: Record<string, unknown> };

/**
 * The audit trail against real Kafka and FerretDB: one order's whole life recorded from the
 * order events (claim included), found by order, person, station and for the centre; menu and
 * charity manager changes with their actor; reads of confidential details; who may ask; bad
 * queries named; redelivered events listed once.
 */
describe('audit trail: who did what and when', () => {
  let fx: OrdersFixture;
  let orderId: string;

  const audit = async (query: string, token?: string) => fx.orders.http('GET', `/v1/audit?${query}`, { token: token ?? (await people.admin()) });
  const entriesOf = async (query: string, token?: string): Promise<Entry[]> => {
    const response = await audit(query, token);
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const until = (query: string, count: (entries: Entry[]) => boolean, description: string, token?: string) =>
    waitFor(async () => {
      const entries = await entriesOf(query, token);
      return count(entries) ? entries : undefined;
    }, { timeoutMs: 20_000, description });

  beforeAll(async () => {
    fx = await startOrders();
    orderId = await fx.place(afterSchoolCare);
    await fx.claim(orderId);
    const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } });
    expect(routed.status).toBe(200);
    const committee = await people.committeeLizhoujiao();
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: committee })).status).toBe(200);
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, { token: committee, body: { outcome: 'done', participants: [] } })).status).toBe(200);
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 5 } })).status).toBe(200);
  });
  afterAll(() => fx.stop());

  const lifeOf = (id: string) => until(`orderId=${id}`, (entries) => entries.length >= 6, 'the order’s six actions in its trail', undefined);

  it("an order's life by order: each action with its actor and station, latest first", async () => {
    const entries = await lifeOf(orderId);
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.stationId])).toEqual([
      ['order.rated', 'res-a', 'lizhoujiao-centre'],
      ['order.completed', 'com-liz', 'lizhoujiao-centre'],
      ['order.started', 'com-liz', 'lizhoujiao-centre'],
      ['order.routed', 'sw-liz', 'lizhoujiao-centre'],
      ['order.claimed', 'sw-liz', 'lizhoujiao-centre'],
      ['order.placed', 'res-a', 'lizhoujiao-centre'],
    ]);
    expect(entries[1].details).toMatchObject({ outcome: 'done', fulfiller: 'committee:lizhoujiao' });
    expect(entries.every((entry) => entry.orderId === orderId)).toBe(true);
    // The station's supervisor asks too.
    expect(await entriesOf(`orderId=${orderId}`, await people.supervisorLizhoujiao())).toEqual(entries);
  });

  it('by person, by station and for the centre over a time range; a range that holds none of it is empty', async () => {
    const ours = (entries: Entry[]) => entries.filter((entry) => entry.orderId === orderId).map((entry) => entry.action);
    const since = `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`;
    expect(ours(await entriesOf(`personId=sw-liz&${since}&limit=100`))).toEqual(['order.routed', 'order.claimed']);
    expect(ours(await entriesOf(`personId=sw-liz&${since}&limit=100`, await people.supervisorLizhoujiao()))).toEqual(['order.routed', 'order.claimed']);
    expect(ours(await entriesOf(`stationId=lizhoujiao-centre&${since}&limit=100`, await people.supervisorLizhoujiao()))).toHaveLength(6);
    expect(ours(await entriesOf(`${since}&limit=100`))).toHaveLength(6);
    const lastWeek = `from=${new Date(Date.now() - 8 * 86_400_000).toISOString()}&to=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`;
    expect(ours(await entriesOf(`stationId=lizhoujiao-centre&${lastWeek}`))).toEqual([]);
  });

  it('pages of two through the six actions: each once, then no cursor', async () => {
    const all = await lifeOf(orderId);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const response = await audit(`orderId=${orderId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('an event delivered again is listed once', async () => {
    const claimed = fx.probe.events(OrderClaimedV1.type).find((event) => event.subject === orderId)!;
    await fx.redeliver(TOPICS.orders, claimed);
    await fx.redeliver(TOPICS.orders, claimed);
    await fx.handled(claimed);
    expect((await entriesOf(`orderId=${orderId}`)).map((entry) => entry.id)).toEqual((await lifeOf(orderId)).map((entry) => entry.id));
    expect((await entriesOf(`orderId=${orderId}`)).filter((entry) => entry.action === 'order.claimed')).toHaveLength(1);
  });

  it("a resident's placement writes their day's log without looking for its end; on a day they did something already (another replica wrote it), it goes after that, once", async () => {
    const connection = fx.orders.app.get<Connection>(MONGO_CONNECTION);
    const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const resident = uniqueName('res');
    const entry = (action: string, details: AuditEntry['details']): AuditEntry => ({ id: uniqueName('evt'), at, action, actorId: resident, orderId: uniqueName('ord'), stationId: null, subject: null, details });
    const placed = entry('order.placed', { placedBy: 'resident' });
    // A replica that has seen nothing of that day: only the centre's log is looked up (one probe, it is empty).
    const counted = await countCommands(connection, (monitored) => new AuditTrail(monitored).record(placed));
    const bucket = `audit_log_${shanghaiDay(at).replace(/-/g, '')}`;
    expect(counted).toEqual([`find ${bucket}`, `insert ${bucket}`]);

    // Another replica, which has not seen the resident's log either, records their next placement and a redelivery of it.
    const later = entry('order.placed', { placedBy: 'resident' });
    const other = new AuditTrail(connection);
    await other.record(later);
    await other.record(later);
    const log = personLog(resident, shanghaiDay(at));
    expect(await new AuditTrail(connection).end(log)).toBe(2);
    expect((await other.at(log, [1, 2, 3])).map((found) => found.id)).toEqual([placed.id, later.id]);
  });

  it('menu changes name the admin who made them; charity manager changes the manager who made them', async () => {
    const admin = await tokenFor({ sub: uniqueName('admin'), roles: ['admin'] });
    const adminId = JSON.parse(Buffer.from(admin.split('.')[1], 'base64url').toString()).sub as string;
    const code = `audit-${randomUUID().slice(0, 8)}`;
    const clocks = { claim: 720, fulfil: 4320, feedback: 4320 };
    const body = { code, kind: 'regular', category: 'elderly-care', name: { 'zh-CN': '长者助餐', en: 'Meals' }, targetGroups: ['elderly'], privacy: 'restricted', sla: { normal: clocks, urgent: clocks } };
    expect((await fx.orders.http('POST', '/v1/catalogue', { token: admin, body })).status).toBe(201);
    expect((await fx.orders.http('POST', `/v1/catalogue/${code}/retire`, { token: admin })).status).toBe(200);
    expect((await fx.orders.http('POST', `/v1/catalogue/${code}/reinstate`, { token: admin })).status).toBe(200);
    const menu = await until(`personId=${adminId}`, (entries) => entries.length === 3, 'the three menu changes');
    expect(menu.map((entry) => [entry.action, entry.subject, entry.stationId])).toEqual([
      ['menu-service.reinstated', `service:${code}`, null],
      ['menu-service.retired', `service:${code}`, null],
      ['menu-service.added', `service:${code}`, null],
    ]);
    // A supervisor sees what a person did at their stations only: the menu is no station's.
    expect(await entriesOf(`personId=${adminId}`, await people.supervisorLizhoujiao())).toEqual([]);

    const manager = uniqueName('mgr');
    const campaignId = uniqueName('cmp');
    await fx.publish(CharityManagerAddedV1, campaignId, { campaignId, version: 3, managerId: 'mgr-new', addedBy: manager, addedAt: new Date().toISOString() });
    const [added] = await until(`personId=${manager}`, (entries) => entries.length === 1, 'the manager change');
    expect(added).toMatchObject({ action: 'charity.manager-added', actorId: manager, subject: `campaign:${campaignId}`, details: { managerId: 'mgr-new' }, orderId: null });
  });

  it('an order staff placed on a resident\'s behalf names the staff member as its actor', async () => {
    const placedFor = await fx.place({ ...afterSchoolCare, residentId: 'res-a' }, await people.socialWorkerLizhoujiao());
    const [placed] = await until(`orderId=${placedFor}`, (found) => found.length === 1, 'the placement');
    expect(placed).toMatchObject({ action: 'order.placed', actorId: 'sw-liz', details: { placedBy: 'staff' } });
    // The social worker's own trail holds it; the resident's does not (they did not place it).
    const since = `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&limit=100`;
    expect((await entriesOf(`personId=sw-liz&${since}`)).map((entry) => entry.id)).toContain(placed.id);
    expect((await entriesOf(`personId=res-a&${since}`)).map((entry) => entry.id)).not.toContain(placed.id);
  });

  it("a read of a confidential order's details is in its trail, with the reader", async () => {
    const confidential = await fx.place(familyMediation);
    expect((await fx.orders.http('GET', `/v1/orders/${confidential}`, { token: await people.supervisorLizhoujiao() })).status).toBe(200);
    const entries = await until(`orderId=${confidential}`, (found) => found.length === 2, 'the placement and the read');
    expect(entries.map((entry) => [entry.action, entry.stationId])).toEqual([
      ['order.details-read', 'lizhoujiao-centre'],
      ['order.placed-confidential', 'lizhoujiao-centre'],
    ]);
    expect(entries[0]).toMatchObject({ actorId: 'sup-liz', details: { readerRoles: 'supervisor' } });
    // The resident appears as the order's pseudonym, and no service is named.
    expect(entries[1].actorId).toMatch(/^rp1\./);
    expect(JSON.stringify(entries)).not.toContain('res-a');
    expect(JSON.stringify(entries)).not.toContain('family-mediation');
  });

  it('access: supervisors their stations, orders and people there; admins all; nobody else', async () => {
    const meishaOrder = await fx.place({ ...afterSchoolCare, stationId: 'meisha-centre' });
    const supervisor = await people.supervisorLizhoujiao();
    const status = async (query: string, token?: string) => (await fx.orders.http('GET', `/v1/audit?${query}`, { token })).status;
    expect(await status(`orderId=${orderId}`, await people.admin())).toBe(200);
    expect(await status('', await people.admin())).toBe(200);
    expect(await status(`orderId=${orderId}`, supervisor)).toBe(200);
    expect(await status('stationId=lizhoujiao-centre', supervisor)).toBe(200);
    expect(await status('personId=sw-liz', supervisor)).toBe(200);
    expect(await status('stationId=meisha-centre', supervisor)).toBe(403);
    expect(await status(`orderId=${meishaOrder}`, supervisor)).toBe(404);
    expect(await status('orderId=ord_nowhere', supervisor)).toBe(404);
    expect(await status('', supervisor)).toBe(403);
    for (const outsider of [people.socialWorkerLizhoujiao, people.committeeLizhoujiao, people.residentA, people.partnerSunflower, people.volunteer]) {
      expect(await status(`orderId=${orderId}`, await outsider())).toBe(403);
    }
    expect(await status(`orderId=${orderId}`)).toBe(401);
    // Never editable: there is nothing to write to — the only method is GET.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const answer = await fx.orders.http(method, '/v1/audit', { token: await people.admin(), body: {} });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('a query that is not one is a 400 problem naming the field', async () => {
    const now = Date.now();
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const cases: [string, string][] = [
      [`orderId=${orderId}&personId=sw-liz`, 'query.personId'],
      ['stationId=lizhoujiao-centre&personId=sw-liz', 'query.stationId'],
      [`from=${iso(now)}&to=${iso(now - 60_000)}`, 'query.to'],
      [`from=${iso(now - 40 * 86_400_000)}&to=${iso(now)}`, 'query.to'],
      ['from=yesterday', 'query.from'],
      ['limit=0', 'query.limit'],
      ['limit=500', 'query.limit'],
      ['personId=has%20space', 'query.personId'],
      ['cursor=not-a-cursor', 'query.cursor'],
    ];
    for (const [query, field] of cases) {
      const response = await audit(query);
      expect({ query, status: response.status, type: response.headers.get('content-type') }).toEqual({ query, status: 400, type: expect.stringContaining('application/problem+json') });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });
});
