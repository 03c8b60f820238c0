import { CHARITY_CONTRACTS } from './charity';
import { EventContract } from './event-contract';
import { MATCHING_CONTRACTS } from './matching';
import { NOTIFICATION_CONTRACTS } from './notifications';
import { ORDER_CONTRACTS } from './orders';
import { PRIVACY_CONTRACTS } from './privacy/privacy-request.v1';
import { VOLUNTEER_CONTRACTS } from './volunteers';

/**
 * Every published event type, gathered from one list per publishing service. Adding a
 * contract to its service's list puts it in AsyncAPI, the producers' and consumers' validation.
 */
export const ALL_EVENT_CONTRACTS: readonly EventContract[] = [
  ...ORDER_CONTRACTS,
  ...MATCHING_CONTRACTS,
  ...VOLUNTEER_CONTRACTS,
  ...CHARITY_CONTRACTS,
  ...NOTIFICATION_CONTRACTS,
  ...PRIVACY_CONTRACTS,
];

/** Every published event type's name (`lantern.order.placed.v1`…): what subscriptions and opt-outs may name. */
export const ALL_EVENT_TYPES: readonly string[] = ALL_EVENT_CONTRACTS.map((contract) => contract.type);

const byType = new Map<string, EventContract>();
for (const contract of ALL_EVENT_CONTRACTS) {
  if (byType.has(contract.type)) throw new Error(`Event type ${contract.type} is defined twice`);
  byType.set(contract.type, contract);
}

export function contractFor(type: string): EventContract | undefined {
  return byType.get(type);
}

export function requireContract(type: string): EventContract {
  const contract = byType.get(type);
  if (!contract) throw new Error(`Unknown event type ${type}: add its contract to its service's list`);
  return contract;
}
