import { ALL_EVENT_CONTRACTS, CloudEvent } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { OrderPartiesRepository } from './order-parties.repository';

/** The `-confidential` twins: their type alone says the order is confidential. */
const CONFIDENTIAL_TYPES = new Set(
  ALL_EVENT_CONTRACTS.filter((contract) => contract.privacyClasses?.length === 1 && contract.privacyClasses[0] === 'confidential').map((contract) => contract.type),
);

/**
 * Whether an event is about an order of a confidential service. The twins say so by their type;
 * the other events about an order (offered, claimed, started… and matching's, all keyed by the
 * order id) are the same for every privacy class, so the order's placement, remembered in
 * `order_parties`, decides. Events of one order arrive in order on one partition, so its
 * placement has been applied before any of them (a memoized `_id` read at most).
 */
@Injectable()
export class OrderPrivacy {
  constructor(private readonly parties: OrderPartiesRepository) {}

  async isConfidential(event: CloudEvent): Promise<boolean> {
    if (CONFIDENTIAL_TYPES.has(event.type)) return true;
    const orderId = (event.data as { orderId?: unknown } | null)?.orderId;
    if (typeof orderId !== 'string' || orderId !== event.subject) return false;
    return (await this.parties.get(orderId)).confidential === true;
  }
}
