import { PRIVACY_ANSWERS, PrivacyRequestedV1, PrivacyRequestKind } from '@lantern/contracts';
import { newRequestKeyPair, openFromRequest } from '@lantern/privacy';
import { replayTopicsFromStart, testKafka } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { afterSchoolCare, familyMediation, OrdersFixture, people, startOrders } from '../../test/orders-fixture';

/**
 * A resident's export and erasure in the orders service, through events only: the request on
 * Kafka, the answer on the orders topic. After erasure their details and comments cannot be read
 * back from the store, the streams, the views or any topic read from the beginning, while their
 * orders, statuses and the reports' counts stay exactly as they were.
 */
describe('orders: a resident\'s data exported, then erased by deleting their key', () => {
  let fx: OrdersFixture;
  const marker = randomUUID().slice(0, 8);
  const texts = {
    details: `Two children, pick-up 16:30, call 139${marker.replace(/\D/g, '0').slice(0, 8)} (${marker})`,
    confidential: `Dispute with in-laws, 3 Meisha Road (${marker})`,
    comment: `The volunteer was kind (${marker})`,
    bystander: `Someone else's details (${marker})`,
  };
  const orderIds: string[] = [];
  let bystanderOrder: string;
  const requestKey = newRequestKeyPair();

  beforeAll(async () => {
    fx = await startOrders();
    const resident = await people.residentA();
    orderIds.push(await fx.place({ ...afterSchoolCare, details: texts.details }, resident));
    orderIds.push(await fx.place({ ...familyMediation, details: texts.confidential }, resident));
    const rated = await fx.fulfilled({ ...afterSchoolCare, details: texts.details });
    const feedback = await fx.orders.http('POST', `/v1/orders/${rated}/feedback`, { token: resident, body: { rating: 4, comment: texts.comment } });
    expect(feedback.status).toBe(200);
    orderIds.push(rated);
    bystanderOrder = await fx.place({ ...afterSchoolCare, details: texts.bystander }, await people.residentB());
    await fx.caughtUp();
  });
  afterAll(() => fx?.stop());

  async function request(kind: PrivacyRequestKind): Promise<{ requestId: string; answer: Record<string, unknown> }> {
    const requestId = `prq_${randomUUID().replace(/-/g, '')}`;
    await fx.publish(PrivacyRequestedV1, requestId, {
      requestId,
      version: 1,
      kind,
      subjectId: 'res-a',
      requestedBy: 'admin-1',
      ...(kind === 'export' ? { exportKey: requestKey.publicKey } : {}),
      requestedAt: new Date().toISOString(),
    });
    const type = kind === 'export' ? PRIVACY_ANSWERS.orders.exported.type : PRIVACY_ANSWERS.orders.erased.type;
    const answer = await fx.probe.waitForEvent((event) => event.type === type && (event.data as { requestId: string }).requestId === requestId, 20_000);
    return { requestId, answer: answer.data as Record<string, unknown> };
  }

  const exportedOrders = async () => {
    const { answer } = await request('export');
    expect(JSON.stringify(answer)).not.toContain(marker);
    return (openFromRequest(requestKey.privateKey, answer.part as string) as { orders: { id: string; details?: string; comment?: string; status: string; version: number }[] }).orders;
  };
  const snapshot = async () => {
    const admin = await people.admin();
    const supervisor = await people.supervisorLizhoujiao();
    const orders = await Promise.all(orderIds.map(async (id) => (await fx.orders.http('GET', `/v1/orders/${id}`, { token: supervisor })).body));
    const town = (await fx.orders.http('GET', '/v1/reports/town', { token: admin })).body;
    return { statuses: orders.map(({ id, status, version, residentId, serviceCode }) => ({ id, status, version, residentId, serviceCode })), town };
  };

  it('exports every order of the resident with its details and comment, sealed on the topic to the request\'s key; then erasure makes them unreadable everywhere while orders and counts stay', async () => {
    const exported = await exportedOrders();
    expect(exported.map((order) => order.id).sort()).toEqual([...orderIds].sort());
    const byId = new Map(exported.map((order) => [order.id, order]));
    expect(byId.get(orderIds[0])?.details).toBe(texts.details);
    expect(byId.get(orderIds[1])?.details).toBe(texts.confidential);
    expect(byId.get(orderIds[2])?.comment).toBe(texts.comment);

    const before = await snapshot();
    await request('erasure');

    // The stores: no document of the orders database holds any of the resident's texts in clear,
    // and their key is gone. The other resident's details are untouched.
    const collections = await fx.database.db!.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      const dump = JSON.stringify(await fx.database.collection(name).find({}).toArray());
      for (const text of [texts.details, texts.confidential, texts.comment, marker]) expect({ collection: name, found: dump.includes(text) }).toEqual({ collection: name, found: false });
    }
    expect(await fx.database.collection('person_keys').countDocuments({ _id: 'res-a' as never })).toBe(0);
    const bystander = await fx.orders.http('GET', `/v1/orders/${bystanderOrder}`, { token: await people.residentB() });
    expect(bystander.body.details).toBe(texts.bystander);

    // The API and a fresh export (the streams and views read again): orders and statuses, no texts.
    for (const id of orderIds) {
      const read = await fx.orders.http('GET', `/v1/orders/${id}`, { token: await people.residentA() });
      expect(read.status).toBe(200);
      expect(read.body.details).toBeUndefined();
      expect(read.body.comment).toBeUndefined();
    }
    const afterwards = await exportedOrders();
    expect(afterwards.map((order) => order.id).sort()).toEqual([...orderIds].sort());
    expect(afterwards.every((order) => order.details === undefined && order.comment === undefined)).toBe(true);

    // Streams, statuses and counts unchanged, also when the reports are rebuilt from the streams.
    await fx.caughtUp();
    expect(await snapshot()).toEqual(before);
    const rebuilt = await fx.orders.http('POST', '/v1/reports/rebuild', { token: await people.admin() });
    expect(rebuilt.status).toBe(200);
    expect((await snapshot()).town).toEqual(before.town);

    // Every topic, read from its first record as a downstream system would: none of the texts, ever.
    const admin = testKafka().admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith('lantern.'));
    await admin.disconnect();
    const records = await replayTopicsFromStart(topics);
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((record) => record.text.includes(marker)).map((record) => record.topic)).toEqual([]);
  });
});
