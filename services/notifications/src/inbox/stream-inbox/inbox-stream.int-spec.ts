import { uniqueName, waitFor } from '@lantern/testing';
import { NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../../test/notifications-fixture';
import { openStream } from '../../../test/sse-client';
import { InboxRepository } from '../inbox.repository';

describe('GET /v1/inbox/stream (Server-Sent Events)', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('an SSE client receives a new inbox message within a second of the event', async () => {
    const resident = { sub: uniqueName('res'), roles: ['resident'] };
    const stream = await openStream(`${fx.service.url}/v1/inbox/stream`, { authorization: `Bearer ${await tokenOf(resident)}` });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const placed = orderPlaced(uniqueName('ord'), resident.sub);
    const publishedAt = Date.now();
    await fx.publish(placed);
    const frame = await waitFor(() => stream.text().split('\n\n').find((chunk) => chunk.includes('event: message') && chunk.includes(placed.subject)), {
      timeoutMs: 5_000,
      intervalMs: 5,
      description: 'the message on the stream',
    });
    const latencyMs = Date.now() - publishedAt;
    expect(latencyMs).toBeLessThan(1000);
    const data = JSON.parse(frame.split('\n').find((line) => line.startsWith('data: '))!.slice(6));
    expect(data).toMatchObject({ subject: placed.subject, title: '订单已提交', readAt: null });
    process.stdout.write(`event → SSE latency: ${latencyMs} ms\n`);
    await stream.close();
  });

  it('a message stored by another replica reaches the stream with the next poll', async () => {
    const resident = { sub: uniqueName('res'), roles: ['resident'] };
    const stream = await openStream(`${fx.service.url}/v1/inbox/stream`, { authorization: `Bearer ${await tokenOf(resident)}` });
    await waitFor(() => stream.text().startsWith('retry:'));

    // Stored by another replica's repository (a connection of its own to the shared database).
    const otherReplica = new InboxRepository(fx.database);
    const id = `msg_${uniqueName('other')}`;
    const storedAt = Date.now();
    await otherReplica.add({
      _id: id,
      recipientId: resident.sub,
      causeEventId: uniqueName('evt'),
      causeEventType: 'lantern.order.placed.v1',
      subject: uniqueName('ord'),
      locale: 'zh-CN',
      title: '订单已提交',
      body: '…',
      createdAt: new Date(),
      readAt: null,
    });
    await waitFor(() => stream.text().includes(`id: ${id}`), { timeoutMs: 5_000, intervalMs: 5, description: 'the polled message on the stream' });
    expect(Date.now() - storedAt).toBeLessThan(1000); // SSE_POLL_INTERVAL_MS is 200 in tests
    await stream.close();
  });

  it('without a token the stream is refused with a problem document', async () => {
    const response = await fetch(`${fx.service.url}/v1/inbox/stream`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
