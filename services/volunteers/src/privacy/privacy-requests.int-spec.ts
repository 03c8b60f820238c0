import { PRIVACY_ANSWERS, PrivacyRequestKind, TOPICS, VolunteerConsentWithdrawnV1 } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { newRequestKeyPair, openFromRequest } from '@lantern/privacy';
import { privacyRequested, testInfra, uniqueName } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { activityAt, ID_NUMBER, NAME, people, PHONE, registerVolunteers, startVolunteers, uniqueId, VolunteersFixture } from '../../test/volunteers-fixture';

type Exported = { volunteer: { name: string | null; phone: string | null; idNumber: string | null; status: string; hours: { total: number; entries: { hours: number; reason: string | null }[] } } | null };

/**
 * A volunteer's export, consent withdrawal and erasure in the volunteers service, through events:
 * the request on Kafka, the answer on the volunteers topic. Withdrawal stops sign-ups and leaves
 * the hours; erasure makes name, phone, ID number and hours reasons unreadable in every collection.
 */
describe('volunteers: a volunteer\'s data exported, their consent withdrawn, their data erased', () => {
  let fx: VolunteersFixture;
  let publisher: EventPublisher;
  const requestKey = newRequestKeyPair();
  const reason = `Typhoon relief night shift (${randomUUID().slice(0, 8)})`;

  beforeAll(async () => {
    fx = await startVolunteers();
    publisher = new EventPublisher(createKafka({ clientId: uniqueName('privacy-test'), brokers: testInfra().kafkaBrokers }));
    await publisher.connect();
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await fx?.stop();
  });

  async function request(kind: PrivacyRequestKind, subjectId: string): Promise<Record<string, unknown>> {
    const requested = privacyRequested(kind, subjectId, requestKey.publicKey);
    const { requestId } = requested.data;
    await publisher.publish(TOPICS.notifications, [requested]);
    const type = kind === 'export' ? PRIVACY_ANSWERS.volunteers.exported.type : PRIVACY_ANSWERS.volunteers.erased.type;
    const answer = await fx.probe.waitForEvent((event) => event.type === type && (event.data as { requestId: string }).requestId === requestId, 30_000);
    return answer.data as Record<string, unknown>;
  }
  const exported = async (volunteerId: string) => openFromRequest(requestKey.privateKey, (await request('export', volunteerId)).part as string) as Exported;

  it('export holds the name, phone, ID number and hours with their reasons; consent withdrawal stops sign-ups and keeps the hours', async () => {
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);
    const granted = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: await people.admin(), body: { hours: 3, reason } });
    expect(granted.status).toBeLessThan(300);

    const before = await exported(volunteerId);
    expect(before.volunteer).toMatchObject({ name: NAME, phone: PHONE, idNumber: ID_NUMBER, status: 'active', hours: { total: 3, entries: [{ hours: 3, reason }] } });
    expect(await exported(uniqueId('res'))).toEqual({ volunteer: null, activities: [], teams: [] });

    await request('consent-withdrawal', volunteerId);
    const withdrawn = await fx.probe.waitForEvent((event) => event.type === VolunteerConsentWithdrawnV1.type && event.subject === volunteerId, 30_000);
    expect((withdrawn.data as { reason: string }).reason).toBe('consent-withdrawal');
    const read = await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}`, { token: await people.admin() });
    expect(read.body).toMatchObject({ status: 'withdrawn', name: '', phoneMasked: '', totalHours: 3 });

    const activity = await fx.volunteers.http('POST', '/v1/activities', { token: await people.admin(), body: activityAt('lizhoujiao-centre') });
    expect(activity.status).toBe(201);
    const signUp = await fx.volunteers.http('POST', `/v1/activities/${activity.body.id}/signups`, { token: await people.volunteer(volunteerId), body: {} });
    expect(signUp.status).toBe(409);
    expect(signUp.body.reason).toBe('volunteer_withdrawn');
    expect((await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/reinstate`, { token: await people.admin() })).status).toBe(409);
  });

  it('erasure: name, phone, ID number and the hours\' reasons are in no collection any more; the hours ledger and total stay', async () => {
    const marker = randomUUID().slice(0, 8);
    const erasedReason = `Flood clean-up, carried the neighbours' things (${marker})`;
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')], { name: `Erased ${marker}`, phone: '13700001111' });
    await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: await people.admin(), body: { hours: 2, reason: erasedReason } });
    await request('erasure', volunteerId);

    const after = await exported(volunteerId);
    expect(after.volunteer).toMatchObject({ name: null, phone: null, idNumber: null, status: 'withdrawn', hours: { total: 2, entries: [{ hours: 2, reason: null }] } });
    expect(await fx.database.collection('person_keys').countDocuments({ _id: volunteerId as never })).toBe(0);
    const collections = await fx.database.db!.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      const dump = JSON.stringify(await fx.database.collection(name).find({}).toArray());
      expect({ collection: name, found: ['13700001111', marker].filter((text) => dump.includes(text)) }).toEqual({ collection: name, found: [] });
    }
  });
});
