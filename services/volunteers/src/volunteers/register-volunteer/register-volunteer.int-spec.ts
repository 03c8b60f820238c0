import { VolunteerRegisteredV1 } from '@lantern/contracts';
import { randomUUID } from 'node:crypto';
import { ID_NUMBER, NAME, people, PHONE, registration, startVolunteers, uniqueId, VolunteersFixture } from '../../../test/volunteers-fixture';

describe('POST /v1/volunteers', () => {
  let fx: VolunteersFixture;

  beforeAll(async () => {
    fx = await startVolunteers();
  });
  afterAll(() => fx.stop());

  it('a person registers with explicit consent: 201 with a masked phone, and lantern.volunteer.registered.v1 carries no name, phone or ID number', async () => {
    const volunteerId = uniqueId('vol');
    const response = await fx.volunteers.http('POST', '/v1/volunteers', { token: await people.volunteer(volunteerId), body: registration() });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: volunteerId,
      status: 'active',
      name: NAME,
      phoneMasked: '*******5678',
      villages: ['lizhoujiao'],
      skills: ['home-visit'],
      availability: ['weekend'],
      totalHours: 0,
      stars: 0,
      nextLevelAtHours: 100,
    });
    expect(JSON.stringify(response.body)).not.toContain(PHONE);
    expect(JSON.stringify(response.body)).not.toContain(ID_NUMBER);

    const record = await fx.probe.waitForRecord((candidate) => candidate.key === volunteerId);
    expect(record.headers).toMatchObject({ ce_type: VolunteerRegisteredV1.type, ce_source: '/lantern/volunteers', ce_subject: volunteerId });
    expect(record.event?.data).toMatchObject({ volunteerId, version: 1, villages: ['lizhoujiao'], consentVersion: '2026-01', registeredBy: volunteerId });
    const onTheWire = JSON.stringify(record);
    for (const personal of [PHONE, ID_NUMBER, NAME]) expect(onTheWire).not.toContain(personal);
  });

  it('without consent, or with a malformed phone, it is 400 naming the fields, and nothing is written', async () => {
    const volunteerId = uniqueId('vol');
    const response = await fx.volunteers.http('POST', '/v1/volunteers', {
      token: await people.volunteer(volunteerId),
      body: registration({ consentGiven: false, phone: 'call me', villages: ['atlantis'] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.consentGiven', 'body.phone', 'body.villages']);
    // Field errors never echo the values sent.
    expect(JSON.stringify(response.body)).not.toContain('call me');
    expect(await fx.database.collection('events').countDocuments({ _id: `${volunteerId}:1` } as never)).toBe(0);
  });

  it('registering twice is 409; the same Idempotency-Key replays the first answer', async () => {
    const volunteerId = uniqueId('vol');
    const token = await people.volunteer(volunteerId);
    const key = randomUUID();
    const first = await fx.volunteers.http('POST', '/v1/volunteers', { token, body: registration(), headers: { 'idempotency-key': key } });
    const replay = await fx.volunteers.http('POST', '/v1/volunteers', { token, body: registration(), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const again = await fx.volunteers.http('POST', '/v1/volunteers', { token, body: registration() });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`${volunteerId} is already registered as a volunteer`);
  });

  it('an admin registers someone else; suspension and reinstatement are events; events about volunteers never carry personal data', async () => {
    const volunteerId = uniqueId('elder');
    const admin = await people.admin();
    const response = await fx.volunteers.http('POST', '/v1/volunteers', { token: admin, body: registration({ personId: volunteerId }) });
    expect(response.status).toBe(201);
    expect(response.body.id).toBe(volunteerId);
    const suspended = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/suspend`, { token: admin, body: { reason: 'inactive' } });
    expect(suspended.body.status).toBe('suspended');
    const reinstated = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/reinstate`, { token: admin });
    expect(reinstated.body.status).toBe('active');
    await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/training`, {
      token: admin,
      body: { courseCode: 'first-aid', completedOn: '2026-03-01', trainingHours: 8 },
    });

    const records = await fx.probe.waitForRecord((record) => record.key === volunteerId && record.event?.data !== undefined && (record.event.data as { version: number }).version === 4);
    expect(records.event?.type).toBe('lantern.volunteer.training-recorded.v1');
    const types = fx.eventsOf(volunteerId).map((event) => event.type);
    expect(types).toEqual([
      'lantern.volunteer.registered.v1',
      'lantern.volunteer.suspended.v1',
      'lantern.volunteer.reinstated.v1',
      'lantern.volunteer.training-recorded.v1',
    ]);
    expect(fx.eventsOf(volunteerId)[0].data).toMatchObject({ registeredBy: 'admin-1' });
    // Everything this service published in this suite: no name, phone or ID number anywhere.
    const everything = JSON.stringify(fx.probe.records);
    for (const personal of [PHONE, ID_NUMBER, NAME]) expect(everything).not.toContain(personal);
  });
});
