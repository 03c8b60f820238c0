import { activityAt, answersToBadQueries, forgedCursor, people, readAllPages, registerVolunteers, rejectedWith400, startReplica, startVolunteers, uniqueId, VolunteersFixture } from '../../../test/volunteers-fixture';

type Item = { id: string; startsAt: string; stationId: string; signedUpCount: number; waitlistCount: number; placesLeft: number };

describe('GET /v1/activities', () => {
  let fx: VolunteersFixture;
  let admin: string;
  let volunteerToken: string;
  const station = uniqueId('station');
  const otherStation = uniqueId('station');
  const published: { id: string; startsAt: string }[] = [];

  const publish = async (stationId: string, overrides: Record<string, unknown>) => {
    const response = await fx.volunteers.http('POST', '/v1/activities', { token: admin, body: activityAt(stationId, overrides) });
    if (response.status !== 201) throw new Error(`publishing: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; startsAt: string };
  };

  beforeAll(async () => {
    fx = await startVolunteers();
    admin = await people.admin();
    const [volunteer] = await registerVolunteers(fx, [uniqueId('vol')]);
    volunteerToken = await people.volunteer(volunteer);
    // Seven at one station, three sharing a start time (ids break the tie), one of them in the past.
    const starts = ['2027-03-01T09:00:00.000Z', '2027-03-02T09:00:00.000Z', '2027-03-02T09:00:00.000Z', '2027-03-02T09:00:00.000Z', '2027-03-05T09:00:00.000Z', '2027-04-01T09:00:00.000Z', '2020-01-01T09:00:00.000Z'];
    for (const startsAt of starts) {
      published.push(await publish(station, { startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString() }));
    }
    await publish(otherStation, { startsAt: '2027-03-01T09:00:00.000Z', endsAt: '2027-03-01T10:00:00.000Z' });
  });
  afterAll(() => fx.stop());

  const expectedOrder = () => [...published].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || (a.id < b.id ? -1 : 1)).map((activity) => activity.id);

  it('pages through a station’s activities in start order, then id: every one exactly once', async () => {
    const { items, pages } = await readAllPages<Item>(fx, `/v1/activities?station=${station}&limit=2`, volunteerToken);
    expect(pages).toBe(4);
    expect(items.map((item) => item.id)).toEqual(expectedOrder());
    expect(new Set(items.map((item) => item.stationId))).toEqual(new Set([station]));
  });

  it('from/to bound the start time: from inclusive, to exclusive', async () => {
    const { items } = await readAllPages<Item>(fx, `/v1/activities?station=${station}&from=2027-03-02T09:00:00.000Z&to=2027-04-01T09:00:00.000Z&limit=1`, volunteerToken);
    expect(items.map((item) => item.startsAt)).toEqual(['2027-03-02T09:00:00.000Z', '2027-03-02T09:00:00.000Z', '2027-03-02T09:00:00.000Z', '2027-03-05T09:00:00.000Z']);
  });

  it('from/to take any RFC 3339 time the document allows — a year before 0100, an offset up to ±23:59 (the fuzzer found them refused with 400)', async () => {
    const { items } = await readAllPages<Item>(fx, `/v1/activities?station=${station}&from=0015-11-01T08:02:17.499441-20:49&to=2027-03-01T09:00:00.000%2B23:59&limit=5`, volunteerToken);
    expect(items.map((item) => item.startsAt)).toEqual(['2020-01-01T09:00:00.000Z']);
    const unreal = await fx.volunteers.http('GET', `/v1/activities?to=2027-02-30T09:00:00Z`, { token: volunteerToken });
    expect([unreal.status, unreal.body.errors?.[0]?.field]).toEqual([400, 'query.to']);
  });

  it('each item carries its places, sign-ups and waitlist but no roster; open=true leaves out full and started activities', async () => {
    const stationId = uniqueId('station');
    const full = await publish(stationId, { capacity: 1, requiredSkills: ['home-visit'] });
    const roomy = await publish(stationId, { capacity: 3 });
    await publish(stationId, { startsAt: '2021-05-01T09:00:00.000Z', endsAt: '2021-05-01T10:00:00.000Z' });
    const [first, second] = await registerVolunteers(fx, [uniqueId('vol'), uniqueId('vol')]);
    for (const volunteerId of [first, second]) {
      const signUp = await fx.volunteers.http('POST', `/v1/activities/${full.id}/signups`, { token: await people.volunteer(volunteerId), body: {} });
      expect(signUp.status).toBe(201);
    }
    const all = (await fx.volunteers.http('GET', `/v1/activities?station=${stationId}`, { token: volunteerToken })).body.items as Item[];
    expect(all).toHaveLength(3);
    const fullItem = all.find((item) => item.id === full.id);
    expect(fullItem).toEqual({
      id: full.id,
      title: '元宵灯会志愿服务',
      stationId,
      villageId: 'lizhoujiao',
      teamId: null,
      startsAt: '2027-02-11T10:00:00.000Z',
      endsAt: '2027-02-11T14:00:00.000Z',
      capacity: 1,
      signedUpCount: 1,
      waitlistCount: 1,
      placesLeft: 0,
      requiredSkills: ['home-visit'],
      requiredQualification: null,
      cancelledAt: null,
    });
    const open = (await fx.volunteers.http('GET', `/v1/activities?station=${stationId}&open=true`, { token: volunteerToken })).body.items as Item[];
    expect(open.map((item) => item.id)).toEqual([roomy.id]);
    // Called off: still listed, with when, but no longer open.
    expect((await fx.volunteers.http('POST', `/v1/activities/${roomy.id}/cancel`, { token: await people.admin(), body: { reason: 'venue_unavailable' } })).status).toBe(200);
    const afterCancel = (await fx.volunteers.http('GET', `/v1/activities?station=${stationId}`, { token: volunteerToken })).body.items as Item[];
    expect(afterCancel.find((item) => item.id === roomy.id)).toMatchObject({ cancelledAt: expect.any(String), placesLeft: 0 });
    expect((await fx.volunteers.http('GET', `/v1/activities?station=${stationId}&open=true`, { token: volunteerToken })).body.items).toEqual([]);
  });

  it('sign-ups racing through two replicas: once every answer is in, the list shows exactly what the activity’s stream holds', async () => {
    const second = await startReplica(fx);
    try {
      const stationId = uniqueId('station');
      const activity = await publish(stationId, { capacity: 5 });
      const volunteers = await registerVolunteers(fx, Array.from({ length: 14 }, () => uniqueId('vol')));
      const answers = await Promise.all(
        volunteers.map(async (volunteerId, index) =>
          (index % 2 === 0 ? fx.volunteers : second).http('POST', `/v1/activities/${activity.id}/signups`, { token: await people.volunteer(volunteerId), body: {} }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(volunteers.map(() => 201));
      const truth = (await fx.volunteers.http('GET', `/v1/activities/${activity.id}`, { token: admin })).body;
      expect([truth.signedUpCount, truth.waitlistCount]).toEqual([5, 9]);
      for (const replica of [fx.volunteers, second]) {
        const [item] = (await replica.http('GET', `/v1/activities?station=${stationId}`, { token: volunteerToken })).body.items as Item[];
        expect(item).toMatchObject({ id: activity.id, signedUpCount: 5, waitlistCount: 9, placesLeft: 0 });
      }
      expect(await fx.database.collection('activity_views').findOne({ _id: activity.id } as never)).toMatchObject({ version: truth.version });
    } finally {
      await second.stop();
    }
  });

  it('a bad parameter or a forged cursor is 400 problem+json naming the field', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['from=next-tuesday', 'query.from'],
      ['to=2027-13-45', 'query.to'],
      ['open=yes', 'query.open'],
      ['station=%20drop', 'query.station'],
      ['cursor=not-a-cursor', 'query.cursor'],
      [`cursor=${forgedCursor}`, 'query.cursor'],
      ['from=2027-03-05T00:00:00Z&to=2027-03-01T00:00:00Z', 'query.to'],
      ['sort=title', 'query.sort'],
    ];
    expect(await answersToBadQueries(fx, '/v1/activities', volunteerToken, cases)).toEqual(rejectedWith400(cases));
  });

  it('without a token it is 401', async () => {
    const response = await fx.volunteers.http('GET', '/v1/activities');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
