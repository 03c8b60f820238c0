import { Role, ROLES } from '@lantern/identity';
import { documentedOperations, tokenFor } from '@lantern/testing';
import { campaignBody, CharityFixture, people, startCharitySales } from '../../test/charity-fixture';

/** What a call needs to name: a campaign, one of its items, one of its sales. */
type Target = { campaignId: string; itemId: string; saleId: string };
type Call = { method: 'GET' | 'POST' | 'DELETE'; path: (target: Target) => string; body?: (target: Target) => unknown };

/** Management endpoints: the campaign's own managers and admins; other campaign managers are refused by the campaign. */
const MANAGERS: Role[] = ['campaign_manager', 'admin'];
const CREATORS: Role[] = ['campaign_manager'];
const BOOTH: Role[] = ['volunteer', 'coordinator', 'campaign_manager'];

/** Every endpoint and who may call it: 'public' needs no token; otherwise the roles that pass. */
const MATRIX: { name: string; call: Call; allowed: 'public' | readonly Role[] }[] = [
  { name: 'GET /campaigns', allowed: 'public', call: { method: 'GET', path: () => '/v1/campaigns' } },
  { name: 'GET /campaigns/{id}', allowed: 'public', call: { method: 'GET', path: ({ campaignId }) => `/v1/campaigns/${campaignId}` } },
  { name: 'GET /campaigns/{id}/report', allowed: 'public', call: { method: 'GET', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/report` } },
  { name: 'GET /campaigns/{id}/ledger', allowed: 'public', call: { method: 'GET', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/ledger` } },
  {
    name: 'GET /campaigns/{id}/disclosure',
    allowed: 'public',
    call: { method: 'GET', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/disclosure?from=2020-01-01&to=2100-01-01` },
  },
  { name: 'POST /campaigns', allowed: CREATORS, call: { method: 'POST', path: () => '/v1/campaigns', body: () => campaignBody } },
  { name: 'POST /campaigns/{id}/open', allowed: MANAGERS, call: { method: 'POST', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/open` } },
  {
    name: 'POST /campaigns/{id}/managers',
    allowed: MANAGERS,
    call: { method: 'POST', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/managers`, body: () => ({ managerId: 'cm-meisha' }) },
  },
  { name: 'GET /campaigns/{id}/managers', allowed: MANAGERS, call: { method: 'GET', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/managers` } },
  {
    name: 'DELETE /campaigns/{id}/managers/{managerId}',
    allowed: MANAGERS,
    call: { method: 'DELETE', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/managers/cm-meisha` },
  },
  {
    name: 'POST /campaigns/{id}/items',
    allowed: MANAGERS,
    call: {
      method: 'POST',
      path: ({ campaignId }) => `/v1/campaigns/${campaignId}/items`,
      body: () => ({ name: 'Fish lantern', priceCents: 800, stock: 2, madeBy: { type: 'resident', id: 'res-crafter' } }),
    },
  },
  {
    name: 'POST /campaigns/{id}/items/{itemId}/stock',
    allowed: MANAGERS,
    call: { method: 'POST', path: ({ campaignId, itemId }) => `/v1/campaigns/${campaignId}/items/${itemId}/stock`, body: () => ({ add: 1 }) },
  },
  {
    name: 'POST /campaigns/{id}/sales (booth)',
    allowed: BOOTH,
    call: { method: 'POST', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/sales`, body: ({ itemId }) => ({ channel: 'booth', lines: [{ itemId, quantity: 1 }] }) },
  },
  {
    name: 'POST /campaigns/{id}/sales (online)',
    allowed: ROLES,
    call: { method: 'POST', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/sales`, body: ({ itemId }) => ({ channel: 'online', lines: [{ itemId, quantity: 1 }] }) },
  },
  {
    name: 'POST /campaigns/{id}/refunds',
    allowed: MANAGERS,
    call: { method: 'POST', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/refunds`, body: ({ saleId }) => ({ saleId, reason: 'returned' }) },
  },
  {
    name: 'POST /campaigns/{id}/corrections',
    allowed: MANAGERS,
    call: { method: 'POST', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/corrections`, body: () => ({ amountCents: 1, explanation: 'Cash count found one extra fen' }) },
  },
  {
    name: 'POST /campaigns/{id}/disbursements',
    allowed: MANAGERS,
    call: {
      method: 'POST',
      path: ({ campaignId }) => `/v1/campaigns/${campaignId}/disbursements`,
      body: () => ({ amountCents: 1, visits: [{ stationId: 'meisha-centre', serviceCode: 'home-visit', householdRef: 'hh-1' }] }),
    },
  },
  { name: 'POST /campaigns/{id}/close', allowed: MANAGERS, call: { method: 'POST', path: ({ campaignId }) => `/v1/campaigns/${campaignId}/close` } },
];

/** The management calls that write (the managers list is read-only; its ownership check is tested with removal). */
const MANAGEMENT = MATRIX.filter(({ allowed, call }) => allowed === MANAGERS && call.method !== 'GET');

/** The campaign_manager of the matrix is the one who created the campaign; ownership is tested apart. */
const tokenOf = (role: Role) => (role === 'campaign_manager' ? people.manager() : tokenFor({ sub: `u-${role}`, roles: [role] }));

describe('who may call what (role matrix of every endpoint)', () => {
  let fx: CharityFixture;
  let target: Target;

  /** An open campaign with one sale: every management call on it would write something. */
  async function openCampaignWithASale(): Promise<Target> {
    const { campaignId, itemIds } = await fx.openCampaign([{ priceCents: 1000, stock: 100 }]);
    const sale = await fx.sell(campaignId, [{ itemId: itemIds[0], quantity: 2 }]);
    return { campaignId, itemId: itemIds[0], saleId: sale.body.id };
  }

  beforeAll(async () => {
    fx = await startCharitySales();
    target = await openCampaignWithASale();
  });
  afterAll(() => fx.stop());

  it.each(MATRIX)('$name', async ({ call, allowed }) => {
    const send = async (token?: string) => fx.http(call.method, call.path(target), { token, ...(call.body ? { body: call.body(target) } : {}) });

    const anonymous = await send();
    if (allowed === 'public') {
      expect(anonymous.status).toBe(200);
      for (const role of ROLES) expect((await send(await tokenOf(role))).status).toBe(200);
      return;
    }
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
    // Allowed roles get past the door: 201/200, or the business answer (409 already refunded, closed…).
    const outcome: Record<string, number | 'passes'> = {};
    const expected: Record<string, number | 'passes'> = {};
    for (const role of ROLES) {
      const status = (await send(await tokenOf(role))).status;
      outcome[role] = status === 401 || status === 403 ? status : 'passes';
      expected[role] = allowed.includes(role) ? 'passes' : 403;
    }
    expect(outcome).toEqual(expected);
  });

  it.each(MANAGEMENT)('$name: another campaign manager gets 403 and writes nothing; an admin gets through and writes', async ({ call }) => {
    // `open` needs a draft to change anything; every other management call an open campaign.
    const own = call.path(target).endsWith('/open')
      ? await fx.draftCampaign([{ priceCents: 1000, stock: 10 }]).then(({ campaignId, itemIds }) => ({ campaignId, itemId: itemIds[0], saleId: 'sale_none' }))
      : await openCampaignWithASale();
    // Removing a manager needs one to remove (and a campaign keeps its last one).
    if (call.method === 'DELETE') await fx.http('POST', `/v1/campaigns/${own.campaignId}/managers`, { token: await people.admin(), body: { managerId: 'cm-meisha' } });
    const send = async (token: string) => fx.http(call.method, call.path(own), { token, ...(call.body ? { body: call.body(own) } : {}) });
    const ledger = async () => (await fx.http('GET', `/v1/campaigns/${own.campaignId}/ledger`)).body;
    const links = () => fx.database.collection('disbursement_links').countDocuments();
    const [eventsBefore, ledgerBefore, linksBefore] = [await fx.streamEventCount(own.campaignId), await ledger(), await links()];

    const foreign = await send(await people.otherManager());
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await fx.streamEventCount(own.campaignId)).toBe(eventsBefore);
    expect(await ledger()).toEqual(ledgerBefore);
    expect(await links()).toBe(linksBefore);

    // The very same call by an admin is not refused and appends: the 403 above really held a write back.
    const admin = await send(await people.admin());
    expect([200, 201]).toContain(admin.status);
    expect(await fx.streamEventCount(own.campaignId)).toBe(eventsBefore + 1);
  });

  it('a forbidden caller writes nothing', async () => {
    const before = await fx.storedEventCount();
    const resident = await people.resident();
    const { campaignId, itemId } = target;
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: resident, body: { amountCents: 1, visits: [] } })).status).toBe(403);
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, { token: resident, body: { channel: 'booth', lines: [{ itemId, quantity: 1 }] } })).status).toBe(403);
    expect(await fx.storedEventCount()).toBe(before);
  });

  it('the matrix covers every endpoint of the OpenAPI document, which is valid OpenAPI 3', async () => {
    const { errors, operations } = await documentedOperations(fx.http);
    expect(errors).toEqual([]);
    const inMatrix = new Set(MATRIX.map(({ name }) => name.replace(/ \(.*\)$/, '')));
    expect(operations.map((operation) => operation.replace(' /v1/', ' /'))).toEqual([...inMatrix].sort());
  });
});
