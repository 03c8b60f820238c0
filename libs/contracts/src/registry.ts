import { EventContract } from './event-contract';
import { NotificationDeliveredV1 } from './notifications/notification-delivered.v1';
import { OrderPlacedV1 } from './orders/order-placed.v1';

/** Every published event type. Adding a contract here puts it in AsyncAPI and the validators. */
export const ALL_EVENT_CONTRACTS: readonly EventContract[] = [OrderPlacedV1, NotificationDeliveredV1];

const byType = new Map(ALL_EVENT_CONTRACTS.map((contract) => [contract.type, contract]));

export function contractFor(type: string): EventContract | undefined {
  return byType.get(type);
}

export function requireContract(type: string): EventContract {
  const contract = byType.get(type);
  if (!contract) throw new Error(`Unknown event type ${type}: add its contract to the registry`);
  return contract;
}
