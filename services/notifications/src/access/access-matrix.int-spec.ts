import { BroadcastSentV1, CONFIDENTIAL_ORDERS_SCOPE, OrderFollowUpRequestedV1, OrderPlacedV1, OrderRoutedV1, VolunteerLevelReachedV1 } from '@lantern/contracts';
import { Role } from '@lantern/identity';
import { countInDayBuckets, documentedOperations, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { openStream } from '../../test/sse-client';
import { startReceiver } from '../../test/webhook-receiver';
import { inboxCollectionNow } from '../../test/inbox-collections';

// The callers of the matrix. "resident" owns the personal message; "supervisor" belongs to the
// station's supervisors inbox; "coordinator" belongs to the team's inbox (its token lists the team
// and the station) and may announce to the station; "integrator" owns the webhook subscription.
// "other…" are their counterparts without any of that.
type Who = 'anonymous' | 'resident' | 'otherResident' | 'socialWorker' | 'supervisor' | 'coordinator' | 'otherCoordinator' | 'integrator' | 'otherIntegrator' | 'admin';
type Caller = Exclude<Who, 'anonymous'>;

const station = uniqueName('station');
const team = uniqueName('team');
const person = (prefix: string, roles: Role[], stations: string[] = []) => ({ sub: uniqueName(prefix), roles, stations });
const PEOPLE: Record<Caller, { sub: string; roles: Role[]; stations: string[] }> = {
  resident: person('res', ['resident']),
  otherResident: person('res-other', ['resident']),
  socialWorker: person('sw', ['social_worker'], [station]),
  supervisor: person('sup', ['supervisor'], [station]),
  coordinator: person('coord', ['coordinator'], [team, station]),
  otherCoordinator: person('coord-other', ['coordinator'], [uniqueName('team'), uniqueName('station')]),
  integrator: person('int', ['integrator']),
  otherIntegrator: person('int-other', ['integrator']),
  admin: person('admin', ['admin']),
};
const CALLERS = Object.keys(PEOPLE) as Caller[];
const STAFF: Caller[] = ['socialWorker', 'supervisor', 'coordinator'];

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Server-Sent Events: opened, its status read, closed again. */
  stream?: true;
}

/** What the set-up made for the calls to name. */
interface Context {
  personalMessage: string;
  teamGroup: string;
  teamMessage: string;
  supervisorsGroup: string;
  subscription: string;
  /** A second subscription of "integrator", for the delete row. */
  doomedSubscription: string;
  receiverUrl: string;
  usedTicket: string;
  /** An export the resident asked for. */
  privacyRequest: string;
  /** A fresh stream ticket asked for by this caller. */
  ticketOf(who: Caller): Promise<string>;
  count(collection: string, filter?: Record<string, unknown>): Promise<number>;
  /** Documents across the day buckets of an expiring kind of record (idempotency records). */
  countBuckets(base: string): Promise<number>;
  find(collection: string, id: string): Promise<Record<string, unknown> | null>;
}

/** Who calls, the status they must get, the call; `as` names a caller who is not the token's owner (a ticket holder). */
type Case = { who: Who; status: number; call: (ctx: Context) => Call | Promise<Call>; as?: string };

/** One endpoint (`METHOD /v1/path`, as in the OpenAPI document), its callers in order, and what a refused call could have written. */
interface Row {
  endpoint: string;
  variant?: string;
  cases: Case[];
  /** Read before and after every refused case: it must not change. Allowed callers must change it. */
  written?: (ctx: Context) => Promise<unknown>;
}

const each = (call: Case['call'], expected: [Who, number][]): Case[] => expected.map(([who, status]) => ({ who, status, call }));
const everyone = (status: number, except: Caller[] = []): [Who, number][] => CALLERS.filter((who) => !except.includes(who)).map((who) => [who, status]);

const announcement = (): Call => ({
  method: 'POST',
  path: '/v1/broadcasts',
  headers: { 'Idempotency-Key': uniqueName('key') },
  body: { audience: { type: 'station', id: station }, title: { 'zh-CN': '周六义诊', en: 'Health check' }, body: { 'zh-CN': '九点开始', en: 'From 9:00' } },
});
const groupPath = (groupId: string) => `/v1/inbox/groups/${encodeURIComponent(groupId)}`;
const streamWith = (ticket: string): Call => ({ method: 'GET', path: `/v1/inbox/stream?ticket=${encodeURIComponent(ticket)}`, stream: true });

// The matrix of services/notifications/README.md. Group inboxes and webhook subscriptions that
// are not yours do not exist (404); a role that never may is refused (403).
const MATRIX: Row[] = [
  {
    endpoint: 'GET /v1/recipients/me',
    cases: each(() => ({ method: 'GET', path: '/v1/recipients/me' }), [['anonymous', 401], ...everyone(200)]),
  },
  {
    endpoint: 'PUT /v1/recipients/me',
    cases: each(() => ({ method: 'PUT', path: '/v1/recipients/me', body: { locale: 'en' } }), [['anonymous', 401], ...everyone(200)]),
    written: (ctx) => ctx.count('recipients'),
  },
  {
    endpoint: 'GET /v1/inbox',
    cases: each(() => ({ method: 'GET', path: '/v1/inbox' }), [['anonymous', 401], ...everyone(200)]),
  },
  {
    endpoint: 'GET /v1/inbox/groups',
    cases: each(() => ({ method: 'GET', path: '/v1/inbox/groups' }), [['anonymous', 401], ...everyone(200)]),
  },
  {
    endpoint: 'GET /v1/inbox/groups/{groupId}',
    variant: 'a volunteer team',
    cases: each((ctx) => ({ method: 'GET', path: groupPath(ctx.teamGroup) }), [['anonymous', 401], ...everyone(404, ['coordinator', 'admin']), ['coordinator', 200], ['admin', 200]]),
  },
  {
    endpoint: 'GET /v1/inbox/groups/{groupId}',
    variant: "a station's supervisors",
    cases: each((ctx) => ({ method: 'GET', path: groupPath(ctx.supervisorsGroup) }), [['anonymous', 401], ...everyone(404, ['supervisor', 'admin']), ['supervisor', 200], ['admin', 200]]),
  },
  {
    endpoint: 'GET /v1/inbox/groups/{groupId}',
    variant: "a person's inbox is no group",
    cases: each(() => ({ method: 'GET', path: groupPath(PEOPLE.resident.sub) }), [['otherResident', 404], ['admin', 404], ['resident', 404]]),
  },
  {
    endpoint: 'POST /v1/inbox/messages/{id}/read',
    variant: "a resident's message",
    cases: each((ctx) => ({ method: 'POST', path: `/v1/inbox/messages/${ctx.personalMessage}/read` }), [
      ['anonymous', 401], ...everyone(404, ['resident']), ['resident', 200], ['resident', 200],
    ]),
    written: async (ctx) => (await ctx.find(inboxCollectionNow('inbox_entries'), ctx.personalMessage))?.readAt,
  },
  {
    endpoint: 'POST /v1/inbox/messages/{id}/read',
    variant: "a volunteer team's message",
    cases: each((ctx) => ({ method: 'POST', path: `/v1/inbox/messages/${ctx.teamMessage}/read` }), [
      ['anonymous', 401], ...everyone(404, ['coordinator', 'admin']), ['admin', 403], ['coordinator', 200],
    ]),
    written: async (ctx) => (await ctx.find(inboxCollectionNow('inbox_entries'), ctx.teamMessage))?.readAt,
  },
  {
    endpoint: 'POST /v1/inbox/stream-tickets',
    cases: each(() => ({ method: 'POST', path: '/v1/inbox/stream-tickets' }), [['anonymous', 401], ...everyone(201)]),
    written: (ctx) => ctx.count('stream_tickets'),
  },
  {
    endpoint: 'GET /v1/inbox/stream',
    variant: 'bearer token',
    cases: each(() => ({ method: 'GET', path: '/v1/inbox/stream', stream: true }), [['anonymous', 401], ...everyone(200)]),
  },
  {
    endpoint: 'GET /v1/inbox/stream',
    variant: 'stream ticket',
    cases: [
      { who: 'anonymous', as: 'unknown ticket', status: 401, call: () => streamWith('not-a-ticket') },
      { who: 'anonymous', as: 'used ticket', status: 401, call: (ctx) => streamWith(ctx.usedTicket) },
      { who: 'otherResident', as: "otherResident's token with resident's ticket", status: 400, call: async (ctx) => streamWith(await ctx.ticketOf('resident')) },
      { who: 'anonymous', as: "resident's ticket", status: 200, call: async (ctx) => streamWith(await ctx.ticketOf('resident')) },
    ],
  },
  {
    endpoint: 'POST /v1/webhooks',
    cases: each((ctx) => ({ method: 'POST', path: '/v1/webhooks', headers: { 'Idempotency-Key': uniqueName('key') }, body: { url: ctx.receiverUrl, eventTypes: [VolunteerLevelReachedV1.type] } }), [
      ['anonymous', 401], ['resident', 403], ...STAFF.map((who): [Who, number] => [who, 403]), ['otherIntegrator', 201], ['admin', 201],
    ]),
    written: async (ctx) => [await ctx.count('webhook_subscriptions'), await ctx.countBuckets('idempotency_records')],
  },
  {
    endpoint: 'GET /v1/webhooks',
    cases: each(() => ({ method: 'GET', path: '/v1/webhooks' }), [
      ['anonymous', 401], ['resident', 403], ...STAFF.map((who): [Who, number] => [who, 403]), ['integrator', 200], ['otherIntegrator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'GET /v1/webhooks/{id}/deliveries',
    cases: each((ctx) => ({ method: 'GET', path: `/v1/webhooks/${ctx.subscription}/deliveries` }), [
      ['anonymous', 401], ['resident', 403], ...STAFF.map((who): [Who, number] => [who, 403]), ['otherIntegrator', 404], ['integrator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'POST /v1/webhooks/{id}/enable',
    cases: each((ctx) => ({ method: 'POST', path: `/v1/webhooks/${ctx.subscription}/enable` }), [
      ['anonymous', 401], ['resident', 403], ...STAFF.map((who): [Who, number] => [who, 403]), ['otherIntegrator', 404], ['integrator', 200], ['admin', 200],
    ]),
    written: async (ctx) => {
      const subscription = await ctx.find('webhook_subscriptions', ctx.subscription);
      return { status: subscription?.status, enabledAt: subscription?.enabledAt ?? null };
    },
  },
  {
    endpoint: 'POST /v1/webhooks/{id}/disable',
    cases: each((ctx) => ({ method: 'POST', path: `/v1/webhooks/${ctx.subscription}/disable` }), [
      ['anonymous', 401], ['resident', 403], ...STAFF.map((who): [Who, number] => [who, 403]), ['otherIntegrator', 404], ['integrator', 200], ['admin', 200],
    ]),
    written: async (ctx) => {
      const subscription = await ctx.find('webhook_subscriptions', ctx.subscription);
      return { status: subscription?.status, disabledBecause: subscription?.disabledBecause ?? null };
    },
  },
  {
    endpoint: 'PUT /v1/webhooks/{id}/scopes',
    // Granting orders:confidential is an admin's decision, never the integrator's own.
    cases: each((ctx) => ({ method: 'PUT', path: `/v1/webhooks/${ctx.subscription}/scopes`, body: { scopes: [CONFIDENTIAL_ORDERS_SCOPE] } }), [
      ['anonymous', 401], ['resident', 403], ...STAFF.map((who): [Who, number] => [who, 403]), ['otherIntegrator', 403], ['integrator', 403], ['admin', 200],
    ]),
    written: async (ctx) => (await ctx.find('webhook_subscriptions', ctx.subscription))?.scopes,
  },
  {
    endpoint: 'DELETE /v1/webhooks/{id}',
    cases: each((ctx) => ({ method: 'DELETE', path: `/v1/webhooks/${ctx.doomedSubscription}` }), [
      ['anonymous', 401], ['resident', 403], ...STAFF.map((who): [Who, number] => [who, 403]), ['otherIntegrator', 404], ['integrator', 204], ['admin', 404],
    ]),
    written: async (ctx) => (await ctx.find('webhook_subscriptions', ctx.doomedSubscription))?.status,
  },
  {
    endpoint: 'POST /v1/broadcasts',
    cases: each(announcement, [
      ['anonymous', 401], ['resident', 403], ['socialWorker', 403], ['integrator', 403], ['otherCoordinator', 403], ['coordinator', 202], ['supervisor', 202], ['admin', 202],
    ]),
    written: async (ctx) => [await ctx.count('events', { type: BroadcastSentV1.type }), await ctx.countBuckets('idempotency_records')],
  },
  {
    endpoint: 'POST /v1/privacy/requests',
    variant: 'for oneself',
    cases: each(() => ({ method: 'POST', path: '/v1/privacy/requests', headers: { 'Idempotency-Key': uniqueName('key') }, body: { kind: 'export' } }), [['anonymous', 401], ...everyone(202)]),
    written: (ctx) => ctx.count('privacy_requests'),
  },
  {
    endpoint: 'POST /v1/privacy/requests',
    variant: 'on behalf of someone else',
    cases: each(() => ({ method: 'POST', path: '/v1/privacy/requests', body: { kind: 'export', personId: PEOPLE.resident.sub } }), [
      ['anonymous', 401], ...everyone(403, ['resident', 'admin']), ['resident', 202], ['admin', 202],
    ]),
    written: (ctx) => ctx.count('privacy_requests'),
  },
  {
    endpoint: 'GET /v1/privacy/requests/{id}',
    cases: each((ctx) => ({ method: 'GET', path: `/v1/privacy/requests/${ctx.privacyRequest}` }), [['anonymous', 401], ...everyone(404, ['resident', 'admin']), ['resident', 200], ['admin', 200]]),
  },
  {
    endpoint: 'GET /v1/admin/outgoing',
    cases: each(() => ({ method: 'GET', path: '/v1/admin/outgoing' }), [['anonymous', 401], ...everyone(403, ['admin']), ['admin', 200]]),
  },
];

const label = (row: Row) => `${row.endpoint}${row.variant ? ` (${row.variant})` : ''}`;
const outcome = ({ who, status, as }: Pick<Case, 'who' | 'status' | 'as'>) => `${as ?? who} ${status}`;

describe('who may call what: the role and ownership matrix of every notifications endpoint', () => {
  let fx: NotificationsFixture;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let ctx: Context;
  const tokens = new Map<Who, string>();

  const get = (path: string, who: Caller) => fx.service.http('GET', path, { token: tokens.get(who) });

  /** Sends a call as a caller and reads what came back (a stream is opened and closed). */
  async function send(call: Call, who: Who): Promise<{ status: number; contentType: string }> {
    const token = tokens.get(who);
    if (!call.stream) {
      const response = await fx.service.http(call.method, call.path, { token, body: call.body, headers: call.headers });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '' };
    }
    const stream = await openStream(`${fx.service.url}${call.path}`, { ...call.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) });
    await stream.close();
    return { status: stream.response.status, contentType: stream.response.headers.get('content-type') ?? '' };
  }

  beforeAll(async () => {
    fx = await startNotifications();
    receiver = await startReceiver(() => 500);
    for (const who of CALLERS) tokens.set(who, await tokenFor(PEOPLE[who]));

    // A subscription whose receiver keeps failing: two failed deliveries disable it (FAST_WEBHOOKS).
    const subscribed = await fx.service.http('POST', '/v1/webhooks', { token: tokens.get('integrator'), body: { url: receiver.url, eventTypes: [OrderPlacedV1.type] } });
    expect(subscribed.status).toBe(201);
    const doomed = await fx.service.http('POST', '/v1/webhooks', { token: tokens.get('integrator'), body: { url: receiver.url, eventTypes: [VolunteerLevelReachedV1.type] } });
    expect(doomed.status).toBe(201);
    const placed = [orderPlaced(uniqueName('ord'), PEOPLE.resident.sub, { stationId: station }), orderPlaced(uniqueName('ord'), PEOPLE.resident.sub, { stationId: station })];
    const orderId = placed[0].data.orderId;
    const routed = cloudEvent(OrderRoutedV1, orderId, {
      orderId,
      version: 4,
      fulfiller: { type: 'volunteer_team', id: team },
      routedBy: uniqueName('sw'),
      stationId: station,
      villageId: 'meisha',
      serviceCode: 'home-visit',
      fulfilDeadline: '2026-12-03T08:00:00.000Z',
      routedAt: now(),
    });
    // Nobody at the station has registered as a supervisor yet: the follow-up goes to their group inbox.
    const followUp = cloudEvent(OrderFollowUpRequestedV1, orderId, { orderId, version: 8, stationId: station, rating: 1, requestedAt: now() });
    await fx.publish(...placed, routed, followUp);

    const teamGroup = `fulfiller:volunteer_team:${team}`;
    const supervisorsGroup = `station-supervisors:${station}`;
    const firstOf = (groupId: string, member: Caller) =>
      waitFor(async () => (await get(groupPath(groupId), member)).body.items?.[0]?.id as string | undefined, { timeoutMs: 20_000, description: `a message in ${groupId}` });
    const personalMessage = (await fx.waitForMessage(PEOPLE.resident, placed[0].id)).id;
    const teamMessage = await firstOf(teamGroup, 'coordinator');
    await firstOf(supervisorsGroup, 'supervisor');
    await waitFor(async () => (await get('/v1/webhooks', 'integrator')).body.find((hook: { id: string }) => hook.id === subscribed.body.id)?.status === 'disabled', {
      timeoutMs: 30_000,
      description: 'the failing subscription disabled',
    });

    const ticketOf = async (who: Caller) => {
      const issued = await fx.service.http('POST', '/v1/inbox/stream-tickets', { token: tokens.get(who) });
      if (issued.status !== 201) throw new Error(`POST /v1/inbox/stream-tickets answered ${issued.status}`);
      return issued.body.ticket as string;
    };
    const usedTicket = await ticketOf('resident');
    const used = await openStream(`${fx.service.url}${streamWith(usedTicket).path}`);
    await used.close();
    expect(used.response.status).toBe(200);

    const privacyRequest = await fx.service.http('POST', '/v1/privacy/requests', { token: tokens.get('resident'), body: { kind: 'export' } });
    expect(privacyRequest.status).toBe(202);

    ctx = {
      privacyRequest: privacyRequest.body.id,
      personalMessage,
      teamGroup,
      teamMessage,
      supervisorsGroup,
      subscription: subscribed.body.id,
      doomedSubscription: doomed.body.id,
      receiverUrl: receiver.url,
      usedTicket,
      ticketOf,
      count: (collection, filter = {}) => fx.database.collection(collection).countDocuments(filter),
      countBuckets: (base) => countInDayBuckets(fx.database, base),
      find: (collection, id) => fx.database.collection<{ _id: string }>(collection).findOne({ _id: id }),
    };
  });
  afterAll(async () => {
    await fx.stop();
    await receiver.stop();
  });

  for (const row of MATRIX) {
    it(`${label(row)}: ${row.cases.map(outcome).join(', ')}`, async () => {
      const seen: string[] = [];
      const initially = await row.written?.(ctx);
      for (const { who, call: callOf, as } of row.cases) {
        const call = await callOf(ctx);
        const before = await row.written?.(ctx);
        const { status, contentType } = await send(call, who);
        seen.push(outcome({ who, status, as }));
        if (status >= 400) expect(`${as ?? who}: ${contentType}`).toMatch(/: application\/problem\+json/);
        if (status === 200 && call.stream) expect(contentType).toMatch(/^text\/event-stream/);
        // A refused caller leaves no trace.
        if (status >= 400 && row.written) expect({ [`${as ?? who} ${status}`]: await row.written(ctx) }).toEqual({ [`${as ?? who} ${status}`]: before });
      }
      expect(seen).toEqual(row.cases.map(outcome));
      // ...and the probe would have seen a write: the allowed callers' calls changed it.
      if (row.written) expect(await row.written(ctx)).not.toEqual(initially);
    });
  }

  it('what a caller is shown is theirs: a personal inbox, the groups of their token, their own subscriptions', async () => {
    const inboxIds = async (who: Caller) => (await get('/v1/inbox?limit=100', who)).body.items.map((item: { id: string }) => item.id);
    expect(await inboxIds('resident')).toContain(ctx.personalMessage);
    for (const who of ['otherResident', 'coordinator', 'admin'] as const) expect(await inboxIds(who)).not.toContain(ctx.personalMessage);
    expect(await inboxIds('coordinator')).not.toContain(ctx.teamMessage);

    const groupIds = async (who: Caller) => (await get('/v1/inbox/groups', who)).body.map((group: { id: string }) => group.id);
    // A coordinator's token scopes are all read as team ids (the station too, naming a team that never gets work).
    expect(await groupIds('coordinator')).toContain(ctx.teamGroup);
    expect(await groupIds('supervisor')).toEqual([ctx.supervisorsGroup]);
    // Admins read the centre's backstop inbox (the committee level's final alert), nothing else.
    expect(await groupIds('admin')).toEqual(['centre-admins']);
    for (const who of ['resident', 'socialWorker'] as const) expect(await groupIds(who)).toEqual([]);
    expect(await groupIds('otherCoordinator')).not.toContain(ctx.teamGroup);

    const hookIds = async (who: Caller) => (await get('/v1/webhooks', who)).body.map((hook: { id: string }) => hook.id);
    expect(await hookIds('integrator')).toEqual([ctx.subscription]);
    for (const who of ['otherIntegrator', 'admin'] as const) expect(await hookIds(who)).not.toContain(ctx.subscription);
    const log = await get(`/v1/webhooks/${ctx.subscription}/deliveries`, 'admin');
    expect(log.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('the matrix covers every operation of the OpenAPI document, which is valid OpenAPI 3, each with a caller refused for no token and one let through', async () => {
    const { errors, operations } = await documentedOperations(fx.service.http);
    expect(errors).toEqual([]);
    expect(operations).toEqual([...new Set(MATRIX.map((row) => row.endpoint))].sort());
    for (const operation of operations) {
      const cases = MATRIX.filter((row) => row.endpoint === operation).flatMap((row) => row.cases);
      expect({ operation, anonymous: cases.some((c) => c.who === 'anonymous' && !c.as && c.status === 401), allowed: cases.some((c) => c.status < 300) }).toEqual({
        operation,
        anonymous: true,
        allowed: true,
      });
    }
  });
});
