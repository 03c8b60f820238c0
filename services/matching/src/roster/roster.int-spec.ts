import { CloudEvent, EventData, FulfillerChangedV1 } from '@lantern/contracts';
import { dropDatabases, EventProbe, startTestService, TestService, waitFor } from '@lantern/testing';
import { MatchingModule } from '../matching.module';
import { MatchingFixture, people, startMatching } from '../../test/matching-fixture';

const entryOf = (event: CloudEvent) => event.data as EventData<typeof FulfillerChangedV1>;

describe('the roster: social workers and the fulfiller directory', () => {
  let fx: MatchingFixture;

  beforeAll(async () => {
    fx = await startMatching();
  });
  afterAll(() => fx.stop());

  it('PUT /v1/social-workers/{id} creates, then replaces, the entry; GET lists it', async () => {
    const id = fx.workerId('sw-put');
    const token = await people.admin();
    const created = await fx.matching.http('PUT', `/v1/social-workers/${id}`, {
      token,
      body: { name: 'Chen', skills: ['family', 'mental-health'], stations: [fx.stationId], capacity: 4 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id, skills: ['family', 'mental-health'], capacity: 4, active: true, available: true, supervisor: false, updatedBy: 'admin-1' });
    const replaced = await fx.matching.http('PUT', `/v1/social-workers/${id}`, {
      token,
      body: { name: 'Chen', skills: ['family'], stations: [fx.stationId], capacity: 2, available: false },
    });
    expect(replaced.body).toMatchObject({ skills: ['family'], capacity: 2, available: false });
    const listed = await fx.matching.http('GET', `/v1/social-workers?stationId=${fx.stationId}`, { token });
    expect(listed.body.items).toEqual([expect.objectContaining({ id, capacity: 2, available: false })]);
  });

  it('a bad roster body is 400 naming each field: unknown skill, no station, capacity outside 1..50, unknown field', async () => {
    const token = await people.admin();
    const response = await fx.matching.http('PUT', `/v1/social-workers/${fx.workerId('sw-bad')}`, {
      token,
      body: { name: 'X', skills: ['astrology'], stations: [], capacity: 51, salary: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect((response.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(['body.capacity', 'body.salary', 'body.skills', 'body.stations']);
    const zero = await fx.matching.http('PUT', `/v1/social-workers/${fx.workerId('sw-bad')}`, { token, body: { name: 'X', skills: [], stations: [fx.stationId], capacity: 0 } });
    expect(zero.body.errors).toEqual([expect.objectContaining({ field: 'body.capacity' })]);
    const badId = await fx.matching.http('PUT', '/v1/social-workers/has%20space', { token, body: { name: 'X', skills: [], stations: [fx.stationId], capacity: 1 } });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].field).toBe('param.id');
    const fulfiller = await fx.matching.http('PUT', `/v1/fulfillers/${fx.workerId('f-bad')}`, { token, body: { type: 'guild', name: { en: 'x' }, stations: [], categories: ['magic'] } });
    expect(fulfiller.status).toBe(400);
    expect((fulfiller.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(['body.categories', 'body.name.zh-CN', 'body.stations', 'body.type']);
  });

  it('concurrent first PUTs of one entry all succeed (the losers of the insert replace the winner), for workers and fulfillers', async () => {
    const token = await people.admin();
    const worker = fx.workerId('sw-race');
    const fulfiller = fx.workerId('f-race');
    const responses = await Promise.all([
      ...Array.from({ length: 12 }, (_, capacity) =>
        fx.matching.http('PUT', `/v1/social-workers/${worker}`, { token, body: { name: 'Race', skills: ['family'], stations: [fx.stationId], capacity: capacity + 1 } }),
      ),
      ...Array.from({ length: 12 }, () =>
        fx.matching.http('PUT', `/v1/fulfillers/${fulfiller}`, { token, body: { type: 'partner', name: { 'zh-CN': '赛跑', en: 'Race' }, stations: [fx.stationId], categories: ['family'] } }),
      ),
    ]);
    expect(responses.map((response) => response.status)).toEqual(Array(24).fill(200));
  });

  it('a fulfiller without a name, or with a name that is not an object, is 400 naming body.name (it was a 500)', async () => {
    const token = await people.admin();
    const valid = { type: 'partner', name: { 'zh-CN': '向日葵社工', en: 'Sunflower' }, stations: [fx.stationId], categories: ['family'] };
    for (const name of [undefined, null, 'Sunflower', ['Sunflower']]) {
      const response = await fx.matching.http('PUT', `/v1/fulfillers/${fx.workerId('f-nameless')}`, { token, body: { ...valid, name } });
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.name' })]);
    }
  });

  it('the directory is replicated by events: each PUT that changes an entry announces the whole entry, version by version; a repeated PUT announces nothing', async () => {
    const token = await people.admin();
    const id = fx.workerId('f-announced');
    const body = (categories: string[]) => ({ type: 'partner', name: { 'zh-CN': '向日葵社工', en: 'Sunflower' }, stations: [fx.stationId], categories });
    for (const categories of [['family'], ['family'], ['family', 'health']]) {
      expect((await fx.matching.http('PUT', `/v1/fulfillers/${id}`, { token, body: body(categories) })).status).toBe(200);
    }
    const announced = await waitFor(
      () => {
        const events = fx.probe.events(FulfillerChangedV1.type).filter((event) => event.subject === `fulfiller:${id}`);
        return events.length >= 2 ? events : undefined;
      },
      { timeoutMs: 10_000, description: 'two fulfiller.changed events' },
    );
    expect(announced.map((event) => event.data)).toEqual([
      expect.objectContaining({ fulfillerId: id, version: 1, type: 'partner', stations: [fx.stationId], categories: ['family'], active: true, changedBy: 'admin-1' }),
      expect.objectContaining({ fulfillerId: id, version: 2, categories: ['family', 'health'] }),
    ]);
    // Deactivating is a change like any other: replicas learn the entry is inactive.
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${id}`, { token, body: { ...body(['family', 'health']), active: false } })).status).toBe(200);
    await waitFor(() => fx.probe.events(FulfillerChangedV1.type).find((event) => event.subject === `fulfiller:${id}` && entryOf(event).version === 3 && !entryOf(event).active), {
      timeoutMs: 10_000,
      description: 'the deactivation announced',
    });
    expect(new Set(fx.probe.events(FulfillerChangedV1.type).filter((event) => event.subject === `fulfiller:${id}`).map((event) => entryOf(event).version))).toEqual(new Set([1, 2, 3]));
  });

  it('a volunteer_team fulfiller is a team of the volunteers service: unknown here it is 422 naming param.id; once its created event arrived, 200', async () => {
    const token = await people.admin();
    const teamId = fx.workerId('team');
    const body = { type: 'volunteer_team', name: { 'zh-CN': '好大姐', en: 'Big sisters' }, stations: [fx.stationId], categories: ['family'] };
    const refused = await fx.matching.http('PUT', `/v1/fulfillers/${teamId}`, { token, body });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'param.id' })]);
    expect((await fx.matching.http('GET', '/v1/fulfillers', { token })).body.items.map((item: { id: string }) => item.id)).not.toContain(teamId);
    await fx.teamCreated(teamId);
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${teamId}`, { token, body })).status).toBe(200);
  });

  it('PUT /v1/fulfillers/{id}: a village committee is keyed by its village id', async () => {
    const response = await fx.matching.http('PUT', `/v1/fulfillers/${fx.villageId}`, {
      token: await people.admin(),
      body: { type: 'committee', name: { 'zh-CN': '村委会', en: 'Village committee' }, stations: [fx.stationId], categories: ['community', 'family'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: fx.villageId, type: 'committee', active: true });
  });
});

describe('the demo roster (SEED_DEMO_DATA=true)', () => {
  let matching: TestService;
  let probe: EventProbe;

  beforeAll(async () => {
    probe = await EventProbe.start([FulfillerChangedV1.topic]);
    matching = await startTestService(MatchingModule, { service: 'matching', env: { SEED_DEMO_DATA: 'true' } });
  });
  afterAll(async () => {
    await probe.stop();
    await matching.stop();
    await dropDatabases(matching.database);
  });

  it('every village centre has workers whose skills cover the whole menu, a supervisor, its committee, and the partners and teams', async () => {
    const token = await people.admin();
    const workers = (await matching.http('GET', '/v1/social-workers?stationId=lizhoujiao-centre', { token })).body.items as { skills: string[]; supervisor: boolean }[];
    const skills = new Set(workers.filter((worker) => !worker.supervisor).flatMap((worker) => worker.skills));
    expect([...skills].sort()).toEqual(['children', 'community', 'elderly-care', 'employment', 'family', 'health', 'mental-health', 'social-inclusion']);
    expect(workers.filter((worker) => worker.supervisor)).toHaveLength(1);
    const fulfillers = (await matching.http('GET', '/v1/fulfillers', { token })).body.items.map((item: { id: string }) => item.id);
    expect(fulfillers).toEqual(
      expect.arrayContaining(['lizhoujiao', 'xiahui', 'yaojun', 'meisha', 'dangyong', 'womens-federation', 'health-centre', 'big-sisters-lizhoujiao', 'lantern-association', 'dragon-boat-meisha']),
    );
  });

  it('the seeded directory is announced, so the other services replicate it', async () => {
    const announced = await waitFor(
      () => {
        const ids = new Set(probe.events(FulfillerChangedV1.type).map((event) => entryOf(event).fulfillerId));
        return ['lizhoujiao', 'womens-federation', 'big-sisters-lizhoujiao', 'dragon-boat-meisha'].every((id) => ids.has(id)) ? ids : undefined;
      },
      { timeoutMs: 15_000, description: 'the demo directory on the matching topic' },
    );
    expect(announced.size).toBeGreaterThanOrEqual(10);
  });
});
