import { replayTopicsFromStart, testInfra, testKafka, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { putFulfiller, routeOnceKnown } from './fulfiller-directory';
import { startAllServices, Stack } from './start-all-services';

type Part = { service: string; status: string; data: Record<string, unknown> | null };
type PrivacyRequest = { id: string; status: string; parts: Part[] };
type ServiceName = keyof Omit<Stack, 'stop'>;

const SERVICES: ServiceName[] = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'];

/**
 * Issue 13 part 2, end to end through the five services' HTTP APIs on real Kafka and FerretDB:
 * one person who ordered a service, volunteers (signed up for an activity, member of a team),
 * bought a lantern online and gave a phone for SMS asks for their data (every service's part
 * arrives, with the messages the team's group inbox got about their order), then an admin has it erased on their
 * behalf. Afterwards none of their personal fields can be read back — from any service's API,
 * from any collection of the five databases, or from any topic replayed from the beginning —
 * while the campaign's ledger and report and the orders' counts are exactly as before.
 */
describe('a person\'s data exported from all five services, then erased everywhere while ledgers and counts stay', () => {
  let stack: Stack;
  const databases = new Map<ServiceName, Connection>();
  const marker = randomUUID().slice(0, 8);
  const person = { sub: uniqueName('res-dsr'), roles: ['resident', 'volunteer'] as const };
  const texts = {
    details: `Two children, pick-up at 16:30 from Meisha school (${marker})`,
    name: `Li Meihua ${marker}`,
    phone: `1390${String(Date.now()).slice(-7)}`,
    paymentRef: `WXPAY-${marker}-0001`,
    sms: `+86137${String(Date.now()).slice(-8)}`,
  };
  let token: string;
  let admin: string;
  let orderId: string;
  let campaignId: string;

  beforeAll(async () => {
    stack = await startAllServices();
    for (const service of SERVICES) {
      databases.set(service, await mongoose.createConnection(testInfra().mongoUrl, { dbName: stack[service].database }).asPromise());
    }
    token = await tokenFor({ sub: person.sub, roles: [...person.roles] });
    admin = await tokenFor({ sub: 'admin-dsr', roles: ['admin'] });
  });
  afterAll(async () => {
    for (const connection of databases.values()) await connection.close();
    await stack?.stop();
  });

  const ask = (body: Record<string, unknown>, as = token) => stack.notifications.http('POST', '/v1/privacy/requests', { token: as, body });
  const answered = (id: string) =>
    waitFor(
      async () => {
        const read = await stack.notifications.http('GET', `/v1/privacy/requests/${id}`, { token });
        return read.body.status === 'complete' ? (read.body as PrivacyRequest) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, description: `all five services answered privacy request ${id}` },
    );
  const partOf = (request: PrivacyRequest, service: ServiceName) => request.parts.find((part) => part.service === service)!;
  const countsAndLedgers = async () => {
    // The reports rebuilt from the orders' streams: what the counts are, not how far a projector got.
    expect((await stack.orders.http('POST', '/v1/reports/rebuild', { token: admin })).status).toBe(200);
    const order = (await stack.orders.http('GET', `/v1/orders/${orderId}`, { token })).body;
    return {
      town: (await stack.orders.http('GET', '/v1/reports/town', { token: admin })).body,
      myOrders: (await stack.orders.http('GET', '/v1/orders', { token })).body.items.map((item: { id: string; status: string }) => [item.id, item.status]),
      order: { id: order.id, status: order.status, version: order.version, serviceCode: order.serviceCode },
      campaign: (await stack['charity-sales'].http('GET', `/v1/campaigns/${campaignId}`)).body,
      ledger: (await stack['charity-sales'].http('GET', `/v1/campaigns/${campaignId}/ledger`)).body,
      report: (await stack['charity-sales'].http('GET', `/v1/campaigns/${campaignId}/report`)).body,
    };
  };

  it('export returns the person\'s data from every service; after erasure it is unreadable everywhere, and ledgers and counts are unchanged', async () => {
    // The person in each service: an order (orders, matching), a registration, an activity sign-up
    // and a team place (volunteers), an online purchase (charity-sales), an SMS number
    // (notifications; the order's message lands in their inbox, its routing in the team's group inbox).
    const station = 'lizhoujiao-centre';
    const workerId = uniqueName('sw-dsr');
    expect((await stack.matching.http('PUT', `/v1/social-workers/${workerId}`, { token: admin, body: { name: workerId, skills: ['children'], stations: [station], capacity: 5 } })).status).toBe(200);
    const worker = await tokenFor({ sub: workerId, roles: ['social_worker'], stations: [station] });
    const placed = await stack.orders.http('POST', '/v1/orders', { token, body: { serviceCode: 'after-school-care', stationId: 'lizhoujiao-centre', details: texts.details } });
    expect(placed.status).toBe(201);
    orderId = placed.body.id;
    const registered = await stack.volunteers.http('POST', '/v1/volunteers', {
      token,
      body: { name: texts.name, phone: texts.phone, consentGiven: true, consentVersion: '2026-01', villages: ['lizhoujiao'], skills: ['tutoring'], availability: ['weekend'] },
    });
    expect(registered.status).toBe(201);
    const coordinatorId = uniqueName('coord-dsr');
    const team = await stack.volunteers.http('POST', '/v1/teams', { token: admin, body: { name: uniqueName('四点半课堂队'), kind: 'other', villageId: 'lizhoujiao', stationId: station, coordinatorIds: [coordinatorId] } });
    expect(team.status).toBe(201);
    const teamId: string = team.body.id;
    const coordinator = await tokenFor({ sub: coordinatorId, roles: ['coordinator'], stations: [teamId] });
    expect((await stack.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: coordinator, body: { volunteerId: person.sub } })).status).toBe(200);
    const activity = await stack.volunteers.http('POST', '/v1/activities', {
      token: admin,
      body: { title: uniqueName('元宵灯会'), stationId: station, villageId: 'lizhoujiao', startsAt: '2027-02-11T10:00:00.000Z', endsAt: '2027-02-11T14:00:00.000Z', capacity: 5 },
    });
    expect(activity.status).toBe(201);
    expect((await stack.volunteers.http('POST', `/v1/activities/${activity.body.id}/signups`, { token, body: {} })).body.status).toBe('signed_up');
    const manager = await tokenFor({ sub: 'cm-dsr', roles: ['campaign_manager'] });
    const campaign = await stack['charity-sales'].http('POST', '/v1/campaigns', {
      token: manager,
      body: { title: uniqueName('灯火万家'), purpose: 'Visits to elderly residents living alone', partner: { name: '东莞市慈善会', filingNumber: '53441900MJL0000000A-2027-001' }, startsOn: '2027-01-20', endsOn: '2027-02-20' },
    });
    campaignId = campaign.body.id;
    const item = await stack['charity-sales'].http('POST', `/v1/campaigns/${campaignId}/items`, { token: manager, body: { name: 'Paper lantern', priceCents: 3800, stock: 10, madeBy: { type: 'team', id: 'lantern-association' } } });
    expect((await stack['charity-sales'].http('POST', `/v1/campaigns/${campaignId}/open`, { token: manager })).status).toBe(200);
    const bought = await stack['charity-sales'].http('POST', `/v1/campaigns/${campaignId}/sales`, { token, body: { channel: 'online', lines: [{ itemId: item.body.id, quantity: 2 }], paymentRef: texts.paymentRef } });
    expect(bought.status).toBe(201);
    expect((await stack.notifications.http('PUT', '/v1/recipients/me', { token, body: { locale: 'en', sms: texts.sms } })).status).toBe(200);
    await waitFor(async () => (await stack.notifications.http('GET', '/v1/inbox', { token })).body.items?.length > 0, { timeoutMs: 30_000, description: 'the order\'s message in the person\'s inbox' });

    // Matching holds the order once its placement reached it.
    await waitFor(async () => (await stack.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: admin })).status === 200, { timeoutMs: 30_000, description: 'matching has the order' });

    // A worker claims the order and routes it to the team: the team's group inbox is told.
    await putFulfiller(stack, { type: 'volunteer_team', id: teamId }, { stations: [station], categories: ['children'] });
    await waitFor(async () => (await stack.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: worker })).status === 200, { timeoutMs: 30_000, description: 'the offer to be claimable' });
    await waitFor(async () => (await stack.orders.http('GET', `/v1/orders/${orderId}`, { token: admin })).body.status === 'CLAIMED', { timeoutMs: 30_000, description: 'the claim in orders' });
    expect((await routeOnceKnown(stack, orderId, worker, { type: 'volunteer_team', id: teamId })).status).toBe(200);
    const groupInbox = `fulfiller:volunteer_team:${teamId}`;
    await waitFor(
      async () => (await stack.notifications.http('GET', `/v1/inbox/groups/${encodeURIComponent(groupInbox)}`, { token: coordinator })).body.items?.some((item: { subject: string }) => item.subject === orderId),
      { timeoutMs: 30_000, description: 'the routing in the team\'s group inbox' },
    );

    // Export: every service's part, each holding what it keeps about the person.
    const exportRequest = await ask({ kind: 'export' });
    expect(exportRequest.status).toBe(202);
    const exported = await answered(exportRequest.body.id);
    expect(exported.parts.map((part) => [part.service, part.status])).toEqual(SERVICES.map((service) => [service, 'exported']));
    expect(partOf(exported, 'orders').data).toMatchObject({ orders: [{ id: orderId, details: texts.details }] });
    expect(partOf(exported, 'matching').data).toMatchObject({ orders: [{ orderId, serviceCode: 'after-school-care' }] });
    expect(partOf(exported, 'volunteers').data).toMatchObject({
      volunteer: { name: texts.name, phone: texts.phone, status: 'active' },
      activities: [{ id: activity.body.id, title: activity.body.title, status: 'signed_up', checkedInAt: null }],
      teams: [{ id: teamId, role: 'member', villageId: 'lizhoujiao' }],
    });
    expect(partOf(exported, 'charity-sales').data).toMatchObject({ purchases: [{ saleId: bought.body.id, campaignId, amountCents: 7600, paymentRef: texts.paymentRef }] });
    expect(partOf(exported, 'notifications').data).toMatchObject({ recipient: { sms: texts.sms } });
    expect((partOf(exported, 'notifications').data?.inbox as unknown[]).length).toBeGreaterThan(0);
    expect(partOf(exported, 'notifications').data?.groupInboxes).toEqual([expect.objectContaining({ inbox: groupInbox, subject: orderId, causeEventType: 'lantern.order.routed.v1' })]);

    // Erasure, asked by an admin on the person's behalf.
    const before = await countsAndLedgers();
    const erasure = await ask({ kind: 'erasure', personId: person.sub }, admin);
    expect(erasure.status).toBe(202);
    const erased = await answered(erasure.body.id);
    expect(erased.parts.map((part) => [part.service, part.status])).toEqual(SERVICES.map((service) => [service, 'erased']));

    // Counts and ledgers: exactly as before.
    expect(await countsAndLedgers()).toEqual(before);
    expect(before.report).toMatchObject({ raisedCents: 7600, salesCount: 1 });

    // A new export: the person's records are still there (ids, statuses, amounts), their personal fields are not.
    const again = await answered((await ask({ kind: 'export' })).body.id);
    const everything = JSON.stringify(again);
    for (const [field, text] of Object.entries(texts)) expect({ field, found: everything.includes(text) }).toEqual({ field, found: false });
    expect(partOf(again, 'orders').data).toMatchObject({ orders: [{ id: orderId, status: before.order.status }] });
    expect(partOf(again, 'volunteers').data).toMatchObject({ volunteer: { name: null, phone: null, status: 'withdrawn' } });
    expect(partOf(again, 'charity-sales').data).toEqual({ purchases: [] });
    expect(partOf(again, 'notifications').data).toMatchObject({ recipient: { sms: null } });
    // The first export, read again: its parts were sealed to a key now shredded.
    expect((await answered(exportRequest.body.id)).parts.every((part) => part.data === null)).toBe(true);

    // The services' APIs.
    expect((await stack.orders.http('GET', `/v1/orders/${orderId}`, { token })).body.details).toBeUndefined();
    expect((await stack.volunteers.http('GET', `/v1/volunteers/${person.sub}`, { token: admin })).body).toMatchObject({ name: '', phoneMasked: '', status: 'withdrawn' });
    expect((await stack.notifications.http('GET', '/v1/recipients/me', { token })).body.sms).toBeNull();

    // Every collection of the five databases: none of the texts.
    for (const [service, connection] of databases) {
      for (const { name } of await connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
        const dump = JSON.stringify(await connection.collection(name).find({}).toArray());
        const found = Object.entries(texts).filter(([, text]) => dump.includes(text)).map(([field]) => field);
        expect({ service, collection: name, found }).toEqual({ service, collection: name, found: [] });
      }
    }

    // Every topic, from its first record, as a downstream system would replay it: none of the texts, ever.
    const kafkaAdmin = testKafka().admin();
    await kafkaAdmin.connect();
    const topics = (await kafkaAdmin.listTopics()).filter((topic) => topic.startsWith('lantern.'));
    await kafkaAdmin.disconnect();
    const records = await replayTopicsFromStart(topics, 60_000);
    expect(records.length).toBeGreaterThan(0);
    const leaked = records.filter((record) => Object.values(texts).some((text) => record.text.includes(text)));
    expect(leaked.map((record) => `${record.topic} ${record.key}`)).toEqual([]);
  });
});
