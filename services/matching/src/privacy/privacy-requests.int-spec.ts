import { MatchingClaimedV1, PRIVACY_ANSWERS, PrivacyRequestKind, TOPICS } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { newRequestKeyPair, openFromRequest } from '@lantern/privacy';
import { privacyRequested, testInfra, uniqueName } from '@lantern/testing';
import { MatchingFixture, people, startMatching } from '../../test/matching-fixture';

type Exported = { orders: { orderId: string }[]; lastServedBy: { socialWorkerId: string } | null; rosterEntry: { name: string; active: boolean } | null };

/**
 * Matching's part of a resident's and a social worker's export and erasure, through events.
 * Erasure forgets who served the resident (continuity) and a worker's name on the roster; the
 * cases and their intakes stay, so the order is still matched, claimed and counted.
 */
describe('matching: a resident\'s orders and continuity, a worker\'s roster entry, exported and erased', () => {
  let fx: MatchingFixture;
  let publisher: EventPublisher;
  const requestKey = newRequestKeyPair();
  const resident = uniqueName('res-privacy');

  beforeAll(async () => {
    fx = await startMatching();
    publisher = new EventPublisher(createKafka({ clientId: uniqueName('privacy-test'), brokers: testInfra().kafkaBrokers }));
    await publisher.connect();
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await fx?.stop();
  });

  async function request(kind: PrivacyRequestKind, subjectId: string): Promise<Record<string, unknown>> {
    const requested = privacyRequested(kind, subjectId, requestKey.publicKey);
    await publisher.publish(TOPICS.notifications, [requested]);
    const type = kind === 'export' ? PRIVACY_ANSWERS.matching.exported.type : PRIVACY_ANSWERS.matching.erased.type;
    const answer = await fx.probe.waitForEvent((event) => event.type === type && (event.data as { requestId: string }).requestId === requested.data.requestId, 30_000);
    return answer.data as Record<string, unknown>;
  }
  const exported = async (subjectId: string) => openFromRequest(requestKey.privateKey, (await request('export', subjectId)).part as string) as Exported;

  it('exports the resident\'s matched orders and who served them, and the worker\'s entry; erasure forgets continuity and the worker\'s name, the case stays', async () => {
    const worker = fx.workerId('sw-privacy');
    await fx.putWorker(worker);
    const orderId = await fx.placeOrder({ residentId: resident });
    await fx.offersMade(orderId);
    const claimed = await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.worker(worker, [fx.stationId]) });
    expect(claimed.status).toBe(200);
    await fx.probe.waitForEvent((event) => event.type === MatchingClaimedV1.type && event.subject === orderId);

    const { orders, lastServedBy } = await exported(resident);
    expect(orders.map((order) => order.orderId)).toEqual([orderId]);
    expect(lastServedBy).toMatchObject({ socialWorkerId: worker });
    expect((await exported(worker)).rosterEntry).toMatchObject({ name: worker, active: true });

    await request('erasure', resident);
    await request('erasure', worker);
    const after = await exported(resident);
    expect(after).toMatchObject({ orders: [{ orderId }], lastServedBy: null, rosterEntry: null });
    expect((await exported(worker)).rosterEntry).toMatchObject({ active: false });
    const matchingCase = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
    expect(matchingCase.body).toMatchObject({ status: 'CLAIMED' });
  });
});
