import { MatchingOffersMadeV1, OrderClaimedV1, OrderCompletedV1, OrderRatedV1, OrderRoutedV1, OrderStartedV1 } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { uniqueName } from '@lantern/testing';
import { Connection } from 'mongoose';
import { StationVillagesRepository } from '../../groups/station-villages.repository';
import { logCommands } from '../../../test/command-log';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications } from '../../../test/notifications-fixture';

describe('who is involved in an order, remembered', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('an order’s journey writes its parties twice (placement, claim), reads them from memory, and writes its station’s village once', async () => {
    const commands = logCommands(fx.service.app);
    const [orderId, stationId, resident, worker] = [uniqueName('ord'), uniqueName('station'), uniqueName('res'), uniqueName('sw')];
    const fulfiller = { type: 'committee' as const, id: 'meisha' };
    const placed = orderPlaced(orderId, resident, { stationId });
    const journey = [
      cloudEvent(MatchingOffersMadeV1, orderId, { orderId, version: 1, round: 1, stationId, offers: [{ socialWorkerId: worker, expiresAt: now() }], offeredAt: now() }),
      cloudEvent(OrderClaimedV1, orderId, { orderId, version: 3, socialWorkerId: worker, stationId, claimedAt: now() }),
      cloudEvent(OrderRoutedV1, orderId, {
        orderId,
        version: 4,
        fulfiller,
        routedBy: worker,
        stationId,
        villageId: 'meisha',
        serviceCode: 'home-visit',
        fulfilDeadline: now(),
        routedAt: now(),
      }),
      cloudEvent(OrderStartedV1, orderId, { orderId, version: 5, startedBy: 'committee-meisha', fulfiller, startedAt: now() }),
      cloudEvent(OrderCompletedV1, orderId, {
        orderId,
        version: 6,
        completedBy: 'committee-meisha',
        fulfiller,
        outcome: 'done',
        participants: [],
        residentId: resident,
        stationId,
        serviceCode: 'home-visit',
        fundedBy: null,
        feedbackDeadline: now(),
        completedAt: now(),
      }),
      cloudEvent(OrderRatedV1, orderId, { orderId, version: 7, rating: 4, followUpRequired: false, stationId, ratedAt: now() }),
    ];
    const [offersMade, , , , completed, rated] = journey;
    // Matching's events travel on another topic: the placement is handled first, as in real life
    // (matching offers an order because it saw it placed).
    await fx.publish(placed);
    await fx.waitForMessage(resident, placed.id);
    await fx.publish(...journey);
    await fx.waitForMessage(worker, offersMade.id);
    const ratedMessage = await fx.waitForMessage(worker, rated.id);
    const completedMessage = await fx.waitForMessage(resident, completed.id);
    commands.stop();

    expect(ratedMessage.body).toContain('困难群众探访');
    expect(completedMessage.body).toContain('困难群众探访');
    expect(commands.on('order_parties', orderId)).toEqual(['update', 'update']);
    expect(commands.on('station_villages', stationId)).toEqual(['update']);
  });

  it('a fact this replica does not know — a claim another replica recorded — is read from the database', async () => {
    const [orderId, resident, worker] = [uniqueName('ord'), uniqueName('res'), uniqueName('sw')];
    const placed = orderPlaced(orderId, resident);
    await fx.publish(placed);
    await fx.waitForMessage(resident, placed.id);
    // Another replica handled the claim: its write is in the database, not in this replica's memory.
    await fx.database.collection<{ _id: string }>('order_parties').updateOne({ _id: orderId }, { $set: { socialWorkerId: worker } });

    const rated = cloudEvent(OrderRatedV1, orderId, { orderId, version: 7, rating: 5, followUpRequired: false, stationId: 'meisha-centre', ratedAt: now() });
    await fx.publish(rated);
    expect((await fx.waitForMessage(worker, rated.id)).body).toContain('5 星');
  });

  it('a new station named by many orders at once (partitions handled side by side, replicas): one row, and no duplicate-key error', async () => {
    const connection = fx.service.app.get<Connection>(MONGO_CONNECTION);
    for (let round = 0; round < 5; round += 1) {
      const stationId = uniqueName('station');
      // Each its own replica's memory, so that every one of them writes.
      const writers = Array.from({ length: 8 }, () => new StationVillagesRepository(connection));
      await Promise.all(writers.map((writer) => writer.apply(orderPlaced(uniqueName('ord'), uniqueName('res'), { stationId, villageId: 'xiahui' }))));
      expect(await fx.database.collection<{ _id: string }>('station_villages').find({ _id: stationId }).toArray()).toEqual([{ _id: stationId, villageId: 'xiahui' }]);
    }
  });
});
