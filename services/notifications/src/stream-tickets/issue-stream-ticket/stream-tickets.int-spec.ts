import { uniqueName, waitFor } from '@lantern/testing';
import { createHash } from 'node:crypto';
import { logCommands } from '../../../test/command-log';
import { NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../../test/notifications-fixture';
import { openStream } from '../../../test/sse-client';

describe('stream tickets: SSE for browsers, whose EventSource cannot send a header', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    // Short enough for the expiry test to wait on, long enough for the others to use a ticket.
    fx = await startNotifications({ SSE_TICKET_TTL_MS: '1500' });
  });
  afterAll(() => fx.stop());

  const person = () => ({ sub: uniqueName('res'), roles: ['resident'] });

  async function ticketFor(who: { sub: string; roles: string[] }): Promise<{ ticket: string; expiresAt: string }> {
    const issued = await fx.service.http('POST', '/v1/inbox/stream-tickets', { token: await tokenOf(who) });
    expect(issued.status).toBe(201);
    return issued.body;
  }

  const withTicket = (ticket: string) => openStream(`${fx.service.url}/v1/inbox/stream?ticket=${encodeURIComponent(ticket)}`);

  it('a ticket opens my stream once; the second use is a 401 problem that does not echo the ticket', async () => {
    const resident = person();
    const before = Date.now();
    const { ticket, expiresAt } = await ticketFor(resident);
    expect(Buffer.from(ticket.replace(/^stk_/, ''), 'base64url').length).toBeGreaterThanOrEqual(16); // ≥ 128 random bits
    expect(Date.parse(expiresAt) - before).toBeGreaterThan(1000);
    expect(Date.parse(expiresAt) - before).toBeLessThanOrEqual(1500 + 1000);
    // Only a hash is stored.
    expect(JSON.stringify(await fx.database.collection('stream_tickets').find().toArray())).not.toContain(ticket.slice(4));

    const stream = await withTicket(ticket);
    expect(stream.response.status).toBe(200);
    const placed = orderPlaced(uniqueName('ord'), resident.sub);
    await fx.publish(placed);
    await waitFor(() => stream.text().includes(placed.subject), { timeoutMs: 10_000, description: 'my message on the ticket-opened stream' });

    const again = await withTicket(ticket);
    expect(again.response.status).toBe(401);
    expect(again.response.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = (await again.response.json()) as { instance: string };
    expect(problem.instance).toBe('/v1/inbox/stream?ticket=[redacted]');
    expect(JSON.stringify(problem)).not.toContain(ticket);
    await stream.close();
  });

  it('an expired ticket is 401', async () => {
    const { ticket, expiresAt } = await ticketFor(person());
    await waitFor(() => Date.now() > Date.parse(expiresAt), { timeoutMs: 5_000, intervalMs: 20, description: 'the ticket to expire' });
    const late = await withTicket(ticket);
    expect(late.response.status).toBe(401);
    expect(late.response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('a ticket nobody redeemed is deleted by _id by the replica that issued it, once expired: no sweep by expiry after the first', async () => {
    await ticketFor(person()); // this replica's first issue has swept whatever expired before it
    const commands = logCommands(fx.service.app);
    const { ticket, expiresAt } = await ticketFor(person());
    await waitFor(() => Date.now() > Date.parse(expiresAt), { timeoutMs: 5_000, intervalMs: 20, description: 'the ticket to expire' });
    await ticketFor(person()); // the next issue clears what expired
    const id = createHash('sha256').update(ticket).digest('hex');
    await waitFor(async () => ((await fx.database.collection('stream_tickets').countDocuments({ _id: id as never })) === 0 ? true : undefined), {
      description: 'the expired ticket deleted',
    });
    commands.stop();
    expect(commands.on('stream_tickets', id)).toEqual(['insert', 'delete']);
    expect(commands.on('stream_tickets', undefined)).not.toContain('delete'); // every delete names its _id
  });

  it("A's ticket opens A's stream: B's messages never appear on it", async () => {
    const [a, b] = [person(), person()];
    const { ticket } = await ticketFor(a);
    const stream = await withTicket(ticket);
    expect(stream.response.status).toBe(200);
    // One order, so one partition: B's message is handled before A's.
    const orderId = uniqueName('ord');
    const toB = orderPlaced(orderId, b.sub);
    const toA = orderPlaced(orderId, a.sub);
    await fx.publish(toB, toA);
    await waitFor(() => stream.text().includes(`"subject":"${orderId}"`), { timeoutMs: 10_000, description: "A's message on A's stream" });
    await fx.waitForMessage(b.sub, toB.id);
    const frames = stream.text().split('\n\n').filter((frame) => frame.includes('event: message'));
    expect(frames).toHaveLength(1);
    expect((await fx.inbox(a.sub)).items.map((item) => item.id)).toEqual([frames[0].match(/^id: (\S+)/m)![1]]);
    await stream.close();
  });

  it('two browsers racing to open a stream with one ticket: exactly one gets it, the other 401', async () => {
    for (let round = 0; round < 5; round++) {
      const { ticket } = await ticketFor(person());
      const streams = await Promise.all([withTicket(ticket), withTicket(ticket)]);
      expect(streams.map((stream) => stream.response.status).sort()).toEqual([200, 401]);
      await Promise.all(streams.map((stream) => stream.close()));
    }
  });

  it('an unknown ticket is 401, a ticket with a bearer token 400, a bad bearer token 401; asking for a ticket needs a token', async () => {
    expect((await withTicket('stk_not-a-ticket-we-issued')).response.status).toBe(401);
    const resident = person();
    const { ticket } = await ticketFor(resident);
    const both = await openStream(`${fx.service.url}/v1/inbox/stream?ticket=${ticket}`, { authorization: `Bearer ${await tokenOf(resident)}` });
    expect(both.response.status).toBe(400);
    expect((await openStream(`${fx.service.url}/v1/inbox/stream`, { authorization: 'Bearer not.a.token' })).response.status).toBe(401);
    const anonymous = await fx.service.http('POST', '/v1/inbox/stream-tickets');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
