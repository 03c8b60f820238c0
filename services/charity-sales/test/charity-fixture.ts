import { CloudEvent, deadLetterTopicFor, EventData, OrderCompletedV1, OrderCompletedV2, retryTopicFor, TOPICS } from '@lantern/contracts';
import { createKafka, EventPublisher } from '@lantern/messaging';
import { cloudEventOf, ConsumerProgress, dropDatabases, EventProbe, startTestService, testInfra, tokenFor, uniqueName } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { CharitySalesModule } from '../src/charity-sales.module';

/**
 * The charity-sales service running for real, a probe on its topic, a window on its database,
 * and a publisher that plays the orders service (funded orders being completed).
 */
export async function startCharitySales() {
  const group = uniqueName('charity-sales');
  const service = await startTestService(CharitySalesModule, { service: 'charity-sales', env: { CONSUMER_GROUP: group } });
  const probe = await EventProbe.start([TOPICS.charity]);
  // What the group consumes, and its retry and dead-letter topics: to tell when it has handled an event.
  const consumed = await EventProbe.start([TOPICS.orders, TOPICS.charity, retryTopicFor(group), deadLetterTopicFor(group)]);
  const progress = await ConsumerProgress.start(group, consumed);
  const database: Connection = await mongoose.createConnection(testInfra().mongoUrl, { dbName: service.database }).asPromise();
  const ordersPublisher = new EventPublisher(createKafka({ clientId: uniqueName('fake-orders'), brokers: testInfra().kafkaBrokers }));
  await ordersPublisher.connect();

  /** A campaign drafted by the manager, with items, not yet open. Returns its id and item ids. */
  async function draftCampaign(items: { name?: string; priceCents: number; stock: number }[], title = uniqueName('灯火万家')) {
    const manager = await people.manager();
    const created = await service.http('POST', '/v1/campaigns', { token: manager, body: { ...campaignBody, title } });
    if (created.status !== 201) throw new Error(`campaign not created: ${JSON.stringify(created.body)}`);
    const campaignId: string = created.body.id;
    const itemIds: string[] = [];
    for (const [index, item] of items.entries()) {
      const added = await service.http('POST', `/v1/campaigns/${campaignId}/items`, {
        token: manager,
        body: { name: item.name ?? `Lantern ${index + 1}`, priceCents: item.priceCents, stock: item.stock, madeBy: { type: 'team', id: 'team-lizhoujiao-crafts' } },
      });
      if (added.status !== 201) throw new Error(`item not added: ${JSON.stringify(added.body)}`);
      itemIds.push(added.body.id);
    }
    return { campaignId, itemIds };
  }

  const fx = {
    service,
    http: service.http,
    probe,
    database,
    /** Waits until the service's consumer group has handled `copies` deliveries of the event with this id on `topic`. */
    handled: (topic: string, eventId: string, copies = 1) => progress.handled(topic, eventId, copies),
    /** How many deliveries of the event with this id are on `topic` so far (an outbox may have sent one twice). */
    deliveries: (topic: string, eventId: string) => consumed.records.filter((record) => record.topic === topic && record.event?.id === eventId).length,
    /** Publishes an event again, as Kafka redelivers it (same CloudEvents id). */
    redeliver: (topic: string, event: CloudEvent) => ordersPublisher.publish(topic, [event]),
    /** Every event stored by the service, whatever its stream. */
    storedEventCount: () => database.collection('events').countDocuments(),
    /** Events of one campaign's stream: what a refused command must leave unchanged. */
    streamEventCount: (campaignId: string) => database.collection('events').countDocuments({ streamId: campaignId }),

    /** A campaign drafted by the manager, with items, opened for sales. Returns its id and item ids. */
    async openCampaign(items: { name?: string; priceCents: number; stock: number }[], title = uniqueName('灯火万家')) {
      const { campaignId, itemIds } = await draftCampaign(items, title);
      const opened = await service.http('POST', `/v1/campaigns/${campaignId}/open`, { token: await people.manager() });
      if (opened.status !== 200) throw new Error(`campaign not opened: ${JSON.stringify(opened.body)}`);
      return { campaignId, itemIds };
    },

    draftCampaign,

    /** A booth sale by a volunteer; returns the response. */
    async sell(campaignId: string, lines: { itemId: string; quantity: number }[], extra: Record<string, string> = {}) {
      return service.http('POST', `/v1/campaigns/${campaignId}/sales`, { token: await people.volunteer(), body: { channel: 'booth', lines, ...extra } });
    },

    /** Publishes `lantern.order.completed.v1` as the orders service would for a funded order (`.v2` when the station did it itself). */
    async completeFundedOrder(
      orderId: string,
      fundedBy: string | null,
      overrides: Partial<EventData<typeof OrderCompletedV2>> = {},
      contract: typeof OrderCompletedV1 | typeof OrderCompletedV2 = OrderCompletedV1,
    ): Promise<CloudEvent> {
      const now = new Date();
      const event: CloudEvent<EventData<typeof OrderCompletedV2>> = cloudEventOf(
        contract as typeof OrderCompletedV2,
        orderId,
        {
          orderId,
          version: 6,
          completedBy: 'vol-team-lead',
          fulfiller: { type: 'volunteer_team', id: 'team-meisha-visits' },
          outcome: 'done',
          participants: [{ personId: 'vol-1', hours: 2 }],
          residentId: 'res-household',
          stationId: 'meisha-centre',
          serviceCode: 'home-visit',
          fundedBy,
          feedbackDeadline: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
          completedAt: now.toISOString(),
          ...overrides,
        },
        { time: now.toISOString() },
      );
      await ordersPublisher.publish(TOPICS.orders, [event]);
      return event;
    },

    async stop() {
      await ordersPublisher.disconnect();
      await progress.stop();
      await consumed.stop();
      await probe.stop();
      await service.stop();
      await database.close();
      await dropDatabases(service.database);
    },
  };
  return fx;
}

export type CharityFixture = Awaited<ReturnType<typeof startCharitySales>>;

export const people = {
  /** Creates the fixture's campaigns, so manages them. */
  manager: () => tokenFor({ sub: 'cm-hongmei', roles: ['campaign_manager'] }),
  /** A campaign manager too, but of other campaigns. */
  otherManager: () => tokenFor({ sub: 'cm-xiahui', roles: ['campaign_manager'] }),
  volunteer: () => tokenFor({ sub: 'vol-1', roles: ['volunteer'] }),
  coordinator: () => tokenFor({ sub: 'coord-1', roles: ['coordinator'], stations: ['lizhoujiao-centre'] }),
  resident: (sub = 'res-a') => tokenFor({ sub, roles: ['resident'] }),
  admin: () => tokenFor({ sub: 'admin-1', roles: ['admin'] }),
};

export const campaignBody = {
  title: '灯火万家 Spring Festival lantern sale',
  purpose: 'Visits to elderly residents living alone in Hongmei town',
  partner: { name: '东莞市慈善会 Dongguan Charity Federation', filingNumber: '53441900MJL0000000A-2027-001' },
  startsOn: '2027-01-20',
  endsOn: '2027-02-20',
};
