import { ALL_EVENT_CONTRACTS, CloudEvent, contractFor, TOPICS } from '@lantern/contracts';
import { Logger } from '@lantern/logging';
import { RetryLater } from '@lantern/messaging';
import { LOGGER } from '@lantern/platform';
import { Inject, Injectable } from '@nestjs/common';
import { OrderPartiesRepository } from './order-parties.repository';

/**
 * How long an event about an order whose placement this replica has not seen waits for it before
 * it is retried. Fetched together, the placement is then being handled on another partition.
 */
const PLACEMENT_WAIT_MS = 1_000;

/** The `-confidential` twins: their type alone says the order is confidential. */
const CONFIDENTIAL_TYPES = new Set(
  ALL_EVENT_CONTRACTS.filter((contract) => contract.privacyClasses?.length === 1 && contract.privacyClasses[0] === 'confidential').map((contract) => contract.type),
);

/**
 * Thrown to have the event retried later (the consumer runner's retries): its order's placement
 * may still be on its way. Expected whenever matching's topic runs ahead of orders' (a burst of
 * orders, the demo history), so the runner does not warn about it (RetryLater).
 */
export class PlacementNotYetSeen extends RetryLater {
  constructor(orderId: string) {
    super(`the placement of order ${orderId} has not been consumed yet; its privacy is decided on a later attempt`);
    this.name = 'PlacementNotYetSeen';
  }
}

/**
 * Whether an event is about an order of a confidential service. The twins say so by their type;
 * the other events about an order (offered, claimed, started… and matching's, all keyed by the
 * order id) are the same for every privacy class, so the order's placement, remembered in
 * `order_parties`, decides.
 *
 * The orders topic keeps one order's events in order on one partition, so its placement has
 * been applied before any other order event. Matching's events travel on their own topic and
 * can be handled first — an offer made a few milliseconds after the placement was published,
 * fetched with it and handled on another partition at the same moment. Such an event first waits
 * for this replica to store the placement (PLACEMENT_WAIT_MS); if it does not, it is retried (in
 * process, then through the retry topic, which does not hold up the partitions the placement is
 * on) until the placement is known; on its last attempt it fails closed: treated as
 * confidential, it reaches only scoped webhooks and publishes no delivery outcome, while the
 * people it concerns are still told (without the service).
 */
@Injectable()
export class OrderPrivacy {
  constructor(
    private readonly parties: OrderPartiesRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async isConfidential(event: CloudEvent, attempt: { isLastAttempt: boolean }): Promise<boolean> {
    if (CONFIDENTIAL_TYPES.has(event.type)) return true;
    const orderId = (event.data as { orderId?: unknown } | null)?.orderId;
    if (typeof orderId !== 'string' || orderId !== event.subject) return false;
    let order = await this.parties.get(orderId);
    if (order.confidential === true) return true;
    if (placementKnown(order) || contractFor(event.type)?.topic === TOPICS.orders) return false;
    if (await this.parties.placementStored(orderId, PLACEMENT_WAIT_MS)) {
      order = await this.parties.get(orderId);
      return order.confidential === true;
    }
    if (attempt.isLastAttempt) {
      // The retries ran out: worth an operator's look (the orders consumer may be stuck).
      this.logger.warn({ orderId, type: event.type }, 'placement still unseen after every retry: the event is treated as confidential');
      return true;
    }
    throw new PlacementNotYetSeen(orderId);
  }
}

/** Both placements (the ordinary one and the confidential twin) state the order's station. */
function placementKnown(order: { stationId: string | null }): boolean {
  return order.stationId !== null;
}
