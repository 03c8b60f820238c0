import { CloudEvent, TOPICS } from '@lantern/contracts';
import { testKafka } from '@lantern/testing';
import { ensureTopics } from '../src/admin/ensure-topics';
import { EventPublisher } from '../src/publisher/event-publisher';

/** A connected publisher with the service topics (and the given groups' retry/DLQ topics) in place. */
export async function connectedPublisher(consumerGroups: string[] = []) {
  const kafka = testKafka();
  await ensureTopics(kafka, { partitions: 6, consumerGroups });
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  return { kafka, publisher };
}

export function orderPlacedCloudEvent(id: string, orderId: string, version = 1): CloudEvent {
  return {
    specversion: '1.0',
    id,
    type: 'lantern.order.placed.v1',
    source: '/lantern/orders',
    subject: orderId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {
      orderId,
      version,
      residentId: 'res-test',
      serviceCode: 'home-visit',
      serviceName: { 'zh-CN': '困难群众探访', en: 'Visit to a person in difficulty' },
      category: 'elderly-care',
      privacy: 'restricted',
      urgency: 'normal',
      placedBy: 'resident',
      villageId: 'meisha',
      stationId: 'meisha-centre',
      fundedBy: null,
      placedAt: new Date().toISOString(),
    },
  };
}

export const ORDERS_TOPIC = TOPICS.orders;
