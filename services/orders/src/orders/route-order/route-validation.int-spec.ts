import { OrderRoutedV1, TOPICS } from '@lantern/contracts';
import { uniqueName } from '@lantern/testing';
import { afterSchoolCare, ALL_CATEGORIES, OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { dbCommandsOn } from '../../../test/db-commands';

/**
 * Issue 12: orders routes only to a fulfiller of the directory (matching's, replicated here from
 * `lantern.fulfiller.changed.v1`) that is active and serves the order's station and category.
 */
describe('POST /v1/orders/{id}/route checks the fulfiller directory', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    // A copy that never ages here: what this replica replicates it puts in memory itself.
    fx = await startOrders({ ORDERS_REFERENCE_DATA_MAX_AGE_MS: '600000' });
  });
  afterAll(() => fx.stop());

  const route = async (orderId: string, fulfiller: { type: string; id: string }) =>
    fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller } });

  const claimedOrder = async () => {
    const orderId = await fx.place(afterSchoolCare); // children, at lizhoujiao-centre
    await fx.claim(orderId);
    return orderId;
  };

  const refusal = (response: { status: number; headers: Headers; body: { errors?: { field: string; message: string }[] } }) => ({
    status: response.status,
    problem: /application\/problem\+json/.test(response.headers.get('content-type') ?? ''),
    fields: (response.body.errors ?? []).map((error) => error.field),
  });

  it('an unknown, inactive, wrong-station, wrong-category or wrong-type fulfiller is refused with 422 naming the field; the order stays CLAIMED', async () => {
    const [inactive, elsewhere, adultsOnly, partner] = ['inactive', 'elsewhere', 'adults', 'partner'].map((name) => uniqueName(name));
    await Promise.all([
      fx.directoryEntry(inactive, { type: 'partner', active: false }),
      fx.directoryEntry(elsewhere, { type: 'partner', stations: ['meisha-centre'] }),
      fx.directoryEntry(adultsOnly, { type: 'partner', categories: ALL_CATEGORIES.filter((category) => category !== 'children') }),
      fx.directoryEntry(partner, { type: 'partner' }),
    ]);
    const orderId = await claimedOrder();

    const cases = [
      { type: 'partner', id: uniqueName('nobody') },
      { type: 'partner', id: inactive },
      { type: 'partner', id: elsewhere },
      { type: 'partner', id: adultsOnly },
      { type: 'volunteer_team', id: partner },
    ];
    const answers = [];
    for (const fulfiller of cases) answers.push(refusal(await route(orderId, fulfiller)));
    expect(answers).toEqual([
      { status: 422, problem: true, fields: ['body.fulfiller.id'] },
      { status: 422, problem: true, fields: ['body.fulfiller.id'] },
      { status: 422, problem: true, fields: ['body.fulfiller.id'] },
      { status: 422, problem: true, fields: ['body.fulfiller.id'] },
      { status: 422, problem: true, fields: ['body.fulfiller.type'] },
    ]);
    const order = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.admin() });
    expect(order.body.status).toBe('CLAIMED');
    expect(fx.probe.events(OrderRoutedV1.type).filter((event) => event.subject === orderId)).toEqual([]);

    expect((await route(orderId, { type: 'partner', id: partner })).status).toBe(200);
  });

  it('a fulfiller deactivated by a later version is refused; an older version delivered after it changes nothing', async () => {
    const team = uniqueName('team');
    const first = await fx.directoryEntry(team, { type: 'volunteer_team', version: 1 });
    await fx.directoryEntry(team, { type: 'volunteer_team', version: 2, active: false });
    await fx.redeliver(TOPICS.matching, first); // the active version 1 again, late
    await fx.handled(first);
    const orderId = await claimedOrder();
    const refused = await route(orderId, { type: 'volunteer_team', id: team });
    expect(refusal(refused)).toEqual({ status: 422, problem: true, fields: ['body.fulfiller.id'] });
    expect(refused.body.errors[0].message).toContain('inactive');

    await fx.directoryEntry(team, { type: 'volunteer_team', version: 3, active: true });
    expect((await route(orderId, { type: 'volunteer_team', id: team })).status).toBe(200);
  });

  it('routing to a known fulfiller reads no directory document: the directory is in memory', async () => {
    const orderId = await claimedOrder();
    const before = await dbCommandsOn(fx.orders, 'fulfillers');
    expect(before).toBeGreaterThan(0); // the replica's writes are counted: the counter sees this collection
    expect((await route(orderId, { type: 'committee', id: 'lizhoujiao' })).status).toBe(200);
    expect((await dbCommandsOn(fx.orders, 'fulfillers')) - before).toBe(0);
  });
});
