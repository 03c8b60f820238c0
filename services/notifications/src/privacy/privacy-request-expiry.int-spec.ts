import { PRIVACY_ANSWERS } from '@lantern/contracts';
import { Deadlines } from '@lantern/deadlines';
import { uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../test/notifications-fixture';
import { PRIVACY_REQUEST_EXPIRY } from './expire-privacy-request.deadline-handler';

const HOUR_MS = 60 * 60 * 1000;

/**
 * A privacy request, the services' answers and the export's private key are kept for
 * PRIVACY_REQUEST_RETENTION_MS (here one hour) and then deleted. The test does not wait an hour:
 * it checks that the expiry deadline is set for requestedAt + the window, then brings that
 * deadline forward through the Deadlines API the service uses — the same firing as when its time comes.
 */
describe('notifications: a privacy request and its export expire after their window', () => {
  let fx: NotificationsFixture;
  const resident = { sub: uniqueName('res'), roles: ['resident'] };

  beforeAll(async () => {
    fx = await startNotifications({ PRIVACY_REQUEST_RETENTION_MS: String(HOUR_MS) });
    const placed = orderPlaced(uniqueName('ord'), resident.sub);
    await fx.publish(placed);
    await fx.waitForMessage(resident, placed.id);
  });
  afterAll(() => fx?.stop());

  const read = async (id: string) => fx.service.http('GET', `/v1/privacy/requests/${id}`, { token: await tokenOf(resident) });
  const recordsOf = async (id: string) => ({
    requests: await fx.database.collection('privacy_requests').countDocuments({ _id: id as never }),
    answers: await fx.database.collection('privacy_answers').countDocuments({ requestId: id }),
  });

  it('the request says when it expires; when that time comes the request, its answers and its private key are gone (404), and an answer arriving later is not kept', async () => {
    const asked = await fx.service.http('POST', '/v1/privacy/requests', { token: await tokenOf(resident), body: { kind: 'export' } });
    expect(asked.status).toBe(202);
    const id = asked.body.id as string;
    expect(Date.parse(asked.body.expiresAt) - Date.parse(asked.body.requestedAt)).toBe(HOUR_MS);
    await waitFor(async () => ((await read(id)).body.parts as { service: string; status: string }[]).find((part) => part.service === 'notifications')?.status === 'exported', {
      timeoutMs: 30_000,
      description: `notifications' export part of ${id}`,
    });
    expect(await recordsOf(id)).toEqual({ requests: 1, answers: 1 });

    const deadlines = fx.service.app.get(Deadlines);
    const expiry = await waitFor(() => deadlines.find(`privacy-expiry:${id}`), { timeoutMs: 5000, description: 'the expiry deadline' });
    expect(expiry).toMatchObject({ kind: PRIVACY_REQUEST_EXPIRY, aggregateId: id });
    expect(expiry.dueAt.toISOString()).toBe(asked.body.expiresAt);

    // The hour is up.
    await deadlines.cancel(expiry._id);
    await deadlines.schedule({ id: expiry._id, kind: expiry.kind, aggregateId: id, dueAt: new Date() });
    await waitFor(async () => (await read(id)).status === 404, { timeoutMs: 30_000, description: `request ${id} gone` });
    await waitFor(async () => (await deadlines.find(expiry._id)) === null, { timeoutMs: 10_000, description: 'the expiry deadline fired' });
    expect(await recordsOf(id)).toEqual({ requests: 0, answers: 0 });

    // A service answering after the window (it was down, or its answer came again) leaves nothing behind.
    // The order placed after it on the same partition (same Kafka key) tells when it was handled.
    await fx.publish(cloudEvent(PRIVACY_ANSWERS.orders.erased, id, { requestId: id, version: 1, service: 'orders', kind: 'erasure', erasedAt: new Date().toISOString() }));
    const sentinelResident = uniqueName('res');
    const sentinel = { ...orderPlaced(uniqueName('ord'), sentinelResident), subject: id };
    await fx.publish(sentinel);
    await fx.waitForMessage(sentinelResident, sentinel.id);
    expect(await recordsOf(id)).toEqual({ requests: 0, answers: 0 });
  });
});
