import { ActivityAttendanceRecordedV1 } from '@lantern/contracts';
import { EventStore, OutboxPublisher } from '@lantern/event-store';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { testInfra, waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { activityAt, people, registerVolunteers, startVolunteers, uniqueId, VolunteersFixture } from '../../test/volunteers-fixture';

describe('the hours ledger: attendance, honour grants, corrections, statement', () => {
  let fx: VolunteersFixture;
  let admin: string;
  let coordinator: string;
  const station = uniqueId('station');

  beforeAll(async () => {
    fx = await startVolunteers();
    admin = await people.admin();
    coordinator = await people.coordinator(uniqueId('coord'), [station]);
  });
  afterAll(() => fx.stop());

  async function attended(volunteerId: string, hours: number): Promise<string> {
    const activity = await fx.volunteers.http('POST', '/v1/activities', { token: coordinator, body: activityAt(station, { capacity: 3 }) });
    const activityId: string = activity.body.id;
    await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(volunteerId), body: {} });
    expect((await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId, action: 'check_in' } })).status).toBe(200);
    const out = await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId, action: 'check_out', hours } });
    expect(out.status).toBe(200);
    return activityId;
  }

  it('check-out credits the attendance hours once, however often it is repeated', async () => {
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);
    const activityId = await attended(volunteerId, 3);
    const again = await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId, action: 'check_out', hours: 7 } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ hours: 3, totalHours: 3, checkedInAt: expect.any(String), checkedOutAt: expect.any(String) });
    const statement = await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}/hours`, { token: await people.volunteer(volunteerId) });
    expect(statement.body.entries).toEqual([
      expect.objectContaining({ entryId: `hours:${volunteerId}:attendance:${activityId}`, sourceType: 'attendance', sourceId: activityId, hours: 3, reason: null }),
    ]);
    expect(statement.body.totals).toEqual({ attendance: 3, orders: 0, grants: 0, corrections: 0, total: 3 });
  });

  it('a check-out whose credit never ran (the process died after the append) is still credited once, from its event', async () => {
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);
    const activity = await fx.volunteers.http('POST', '/v1/activities', { token: coordinator, body: activityAt(station, { capacity: 2 }) });
    const activityId: string = activity.body.id;
    await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(volunteerId), body: {} });
    const checkIn = await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId, action: 'check_in' } });
    expect(checkIn.status).toBe(200);
    // Play the crashed request: the check-out is appended (and published by the outbox), nothing else.
    const publisher = new EventPublisher(createKafka({ clientId: uniqueId('crashed-writer'), brokers: testInfra().kafkaBrokers }));
    await publisher.connect();
    try {
      const store = new EventStore(fx.database, new OutboxPublisher(fx.database, publisher));
      const { version } = (await fx.database.collection('events').findOne({ _id: `${activityId}:3` } as never)) as unknown as { version: number };
      await store.append(activityId, version, [
        {
          type: ActivityAttendanceRecordedV1.type,
          data: { activityId, volunteerId, action: 'check_out', hours: 2.5, recordedBy: 'coord-crashed', recordedAt: new Date().toISOString() },
        },
      ]);
    } finally {
      await publisher.disconnect();
    }
    const statement = await waitFor(
      async () => {
        const response = await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}/hours`, { token: admin });
        return response.body.totals?.total === 2.5 ? response : undefined;
      },
      { description: 'the hours credited from the check-out event' },
    );
    expect(statement.body.entries).toEqual([expect.objectContaining({ entryId: `hours:${volunteerId}:attendance:${activityId}`, hours: 2.5, creditedBy: 'coord-crashed' })]);
    // The coordinator's retry of the check-out finds it done and credits nothing more.
    const retry = await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId, action: 'check_out', hours: 2.5 } });
    expect(retry.body).toMatchObject({ hours: 2.5, totalHours: 2.5 });
  });

  it('attendance needs a place: checking out before checking in, or a waitlisted volunteer, is 409', async () => {
    const [first, second] = await registerVolunteers(fx, [uniqueId('vol'), uniqueId('vol')]);
    const activity = await fx.volunteers.http('POST', '/v1/activities', { token: coordinator, body: activityAt(station, { capacity: 1 }) });
    const activityId: string = activity.body.id;
    await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(first), body: {} });
    await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(second), body: {} });
    const early = await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId: first, action: 'check_out' } });
    expect(early.status).toBe(409);
    const waiting = await fx.volunteers.http('POST', `/v1/activities/${activityId}/attendance`, { token: coordinator, body: { volunteerId: second, action: 'check_in' } });
    expect(waiting.status).toBe(409);
    expect(waiting.body.detail).toContain('does not hold a place');
  });

  it('honour hours need a reason; the same Idempotency-Key grants once', async () => {
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);
    const noReason = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: admin, body: { hours: 4 } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.reason']);

    const key = randomUUID();
    const body = { hours: 4, reason: 'Lantern festival set-up, 2025' };
    const first = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: admin, body, headers: { 'idempotency-key': key } });
    const retry = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: admin, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(first.body).toMatchObject({ sourceType: 'grant', hours: 4, reason: body.reason, creditedBy: 'admin-1' });
    const statement = await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}/hours`, { token: admin });
    expect(statement.body.entries).toHaveLength(1);
    expect(statement.body.totals.grants).toBe(4);
    expect((await fx.volunteers.http('POST', '/v1/volunteers/nobody-here/hours/grants', { token: admin, body })).status).toBe(404);
  });

  it('a correction is a new entry referencing the one it corrects; the original is never edited, and nothing goes below zero', async () => {
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);
    const activityId = await attended(volunteerId, 4);
    const original = `hours:${volunteerId}:attendance:${activityId}`;
    const correction = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/corrections`, {
      token: admin,
      body: { correctsEntryId: original, hours: -1.5, reason: 'Checked out late by mistake' },
    });
    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({ sourceType: 'correction', hours: -1.5, correctsEntryId: original, reason: 'Checked out late by mistake' });

    const statement = await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}/hours`, { token: admin });
    expect(statement.body.entries.map((entry: { entryId: string; hours: number }) => [entry.entryId, entry.hours])).toEqual([
      [original, 4],
      [correction.body.entryId, -1.5],
    ]);
    expect(statement.body.totals).toEqual({ attendance: 4, orders: 0, grants: 0, corrections: -1.5, total: 2.5 });

    const tooMuch = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/corrections`, {
      token: admin,
      body: { correctsEntryId: original, hours: -3, reason: 'More than is left' },
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors).toEqual([{ field: 'body.hours', message: 'at most 2.5 hours can be taken from this entry' }]);
    // The fuzzer's smallest number prints as 5e-324, which class-validator's decimal count threw on (a 500): refused like 0.001, naming the field.
    for (const hours of [5e-324, -5e-324, 1e-7, 0.001]) {
      const tiny = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/corrections`, { token: admin, body: { correctsEntryId: original, hours, reason: 'A vanishing correction' } });
      expect({ hours, status: tiny.status, errors: tiny.body.errors }).toEqual({ hours, status: 400, errors: [expect.objectContaining({ field: 'body.hours' })] });
    }
    const ofCorrection = await fx.volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/corrections`, {
      token: admin,
      body: { correctsEntryId: correction.body.entryId, hours: 1, reason: 'Correcting a correction' },
    });
    expect(ofCorrection.status).toBe(422);
    expect(ofCorrection.body.errors[0].field).toBe('body.correctsEntryId');
    expect((await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}`, { token: admin })).body.totalHours).toBe(2.5);
  });
});
