import { randomUUID } from 'node:crypto';
import { afterSchoolCare, familyMediation, OrdersFixture, people, startOrders } from '../../../test/orders-fixture';

describe('POST /v1/orders', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  it('a resident places an order: 201 PLACED, stored as a stream, and lantern.order.placed.v1 on Kafka with CloudEvents headers', async () => {
    const response = await fx.orders.http('POST', '/v1/orders', { token: await people.residentA(), body: afterSchoolCare });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'PLACED', residentId: 'res-a', serviceCode: 'after-school-care', placedBy: 'resident', version: 1 });
    const orderId: string = response.body.id;

    const record = await fx.probe.waitForRecord((candidate) => candidate.key === orderId);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'lantern.order.placed.v1',
      ce_source: '/lantern/orders',
      ce_subject: orderId,
      'content-type': 'application/json',
    });
    expect(record.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    // Trace context on every record; not sampled here, as no trace exporter is configured.
    expect(record.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    // The claim clock travels with the order: after-school care's normal claim SLA on the menu (24 h).
    expect(record.event?.data).toMatchObject({ orderId, version: 1, villageId: 'lizhoujiao', stationId: 'lizhoujiao-centre', claimSlaMinutes: 24 * 60 });
  });

  it('free-text details of a confidential service never reach the event stream', async () => {
    const response = await fx.orders.http('POST', '/v1/orders', { token: await people.residentA(), body: familyMediation });
    expect(response.status).toBe(201);
    const record = await fx.probe.waitForRecord((candidate) => candidate.key === response.body.id);
    const onTheWire = JSON.stringify(record);
    expect(onTheWire).not.toContain('in-laws');
    expect(onTheWire).not.toContain('13800000000');
    expect(record.event?.data).toMatchObject({ privacy: 'confidential', claimSlaMinutes: 8 * 60 });
  });

  it('a bad body gets 400 problem+json naming each field, and nothing is written', async () => {
    const before = await fx.storedEventCount();
    const response = await fx.orders.http('POST', '/v1/orders', {
      token: await people.residentA(),
      body: { serviceCode: 42, urgency: 'whenever', details: '', surprise: true },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['body.details', 'body.serviceCode', 'body.stationId', 'body.surprise', 'body.urgency']);
    expect(response.body).toMatchObject({ status: 400, title: 'Bad request', instance: '/v1/orders' });
    expect(await fx.storedEventCount()).toBe(before);
  });

  it('malformed JSON and a non-object body are 400 problems, not 500s', async () => {
    const token = await people.residentA();
    const malformed = await fx.orders.http('POST', '/v1/orders', { token, rawBody: '{"serviceCode":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/problem\+json/);
    const list = await fx.orders.http('POST', '/v1/orders', { token, rawBody: '[1,2]' });
    expect(list.status).toBe(400);
    expect(list.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('an unknown service or station is 422 naming the field', async () => {
    const response = await fx.orders.http('POST', '/v1/orders', {
      token: await people.residentA(),
      body: { serviceCode: 'astrology', stationId: 'atlantis-centre' },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { field: 'body.serviceCode', message: 'no orderable service has the code astrology' },
      { field: 'body.stationId', message: 'no station has the id atlantis-centre' },
    ]);
  });

  it('no token is 401, a forged token is 401, a wrong role is 403 — and nothing is written', async () => {
    const before = await fx.storedEventCount();
    const anonymous = await fx.orders.http('POST', '/v1/orders', { body: afterSchoolCare });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
    // Flip a character in the middle of the signature (the last one may only carry padding bits).
    const [header, payload, signature] = (await people.residentA()).split('.');
    const middle = Math.floor(signature.length / 2);
    const flipped = signature[middle] === 'A' ? 'B' : 'A';
    const forged = `${header}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
    expect((await fx.orders.http('POST', '/v1/orders', { token: forged, body: afterSchoolCare })).status).toBe(401);
    const volunteer = await fx.orders.http('POST', '/v1/orders', { token: await people.volunteer(), body: afterSchoolCare });
    expect(volunteer.status).toBe(403);
    expect(volunteer.body.detail).toContain('resident');
    expect(await fx.storedEventCount()).toBe(before);
  });

  it('Idempotency-Key: the same key and body return the same order once; a different body is 422', async () => {
    const token = await people.residentA();
    const key = randomUUID();
    const first = await fx.orders.http('POST', '/v1/orders', { token, body: afterSchoolCare, headers: { 'idempotency-key': key } });
    const again = await fx.orders.http('POST', '/v1/orders', { token, body: afterSchoolCare, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const changed = await fx.orders.http('POST', '/v1/orders', { token, body: { ...afterSchoolCare, urgency: 'urgent' }, headers: { 'idempotency-key': key } });
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0].field).toBe('header.idempotency-key');

    await fx.probe.waitForRecord((record) => record.key === first.body.id);
    expect(fx.probe.records.filter((record) => record.key === first.body.id && record.headers.ce_type === 'lantern.order.placed.v1')).toHaveLength(1);
  });

  it('a request refused after its Idempotency-Key was taken (an undeclared query parameter, a bad body) gives the key back', async () => {
    const token = await people.residentA();
    const key = randomUUID();
    const undeclared = await fx.orders.http('POST', '/v1/orders?note=x', { token, body: afterSchoolCare, headers: { 'idempotency-key': key } });
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.errors[0].field).toBe('query.note');
    const badBody = await fx.orders.http('POST', '/v1/orders', { token, body: { ...afterSchoolCare, urgency: 'soon' }, headers: { 'idempotency-key': key } });
    expect(badBody.status).toBe(400);
    // A key still held by either would answer 422 (another request) or 409 (in progress).
    const placed = await fx.orders.http('POST', '/v1/orders', { token, body: afterSchoolCare, headers: { 'idempotency-key': key } });
    expect(placed.status).toBe(201);
    expect(placed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('ten concurrent retries with one Idempotency-Key create one order', async () => {
    const token = await people.residentA();
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => fx.orders.http('POST', '/v1/orders', { token, body: afterSchoolCare, headers: { 'idempotency-key': key } })),
    );
    const ids = new Set(responses.filter((response) => response.status === 201).map((response) => response.body.id));
    // Requests still in flight get 409 "in progress"; none creates a second order.
    expect(responses.every((response) => response.status === 201 || response.status === 409)).toBe(true);
    expect(ids.size).toBe(1);
    const [orderId] = ids;
    await fx.probe.waitForRecord((record) => record.key === orderId);
    // Placed once. (Matching may already have reacted to it: only placements are counted.)
    const placements = await fx.database.collection('events').countDocuments({ streamId: orderId, type: 'lantern.order.placed.v1' });
    expect(placements).toBe(1);
  });

  it('staff place an order on behalf of a resident of their station; not for another station', async () => {
    const onBehalf = await fx.orders.http('POST', '/v1/orders', {
      token: await people.socialWorkerLizhoujiao(),
      body: { ...afterSchoolCare, residentId: 'res-elderly-1' },
    });
    expect(onBehalf.status).toBe(201);
    expect(onBehalf.body).toMatchObject({ residentId: 'res-elderly-1', placedBy: 'staff' });
    expect(onBehalf.body.timeline[0].actor).toBe('sw-liz');

    const elsewhere = await fx.orders.http('POST', '/v1/orders', {
      token: await people.socialWorkerMeisha(),
      body: { ...afterSchoolCare, residentId: 'res-elderly-1' },
    });
    expect(elsewhere.status).toBe(403);
    const withoutResident = await fx.orders.http('POST', '/v1/orders', { token: await people.socialWorkerLizhoujiao(), body: afterSchoolCare });
    expect(withoutResident.status).toBe(422);
    // null is not "left out": it is refused by name (it reached the event and was a 500).
    const nullResident = await fx.orders.http('POST', '/v1/orders', { token: await people.residentA(), body: { ...afterSchoolCare, residentId: null } });
    expect(nullResident.status).toBe(400);
    expect(nullResident.body.errors).toEqual([expect.objectContaining({ field: 'body.residentId' })]);
  });
});
