import { OrderPlacedV1 } from '@lantern/contracts';
import { NewEvent } from '../src/event-store';

/** A valid order-placed event for stream tests. */
export function placedEvent(orderId: string, residentId = 'res-test'): NewEvent {
  return {
    type: OrderPlacedV1.type,
    data: {
      orderId,
      residentId,
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
