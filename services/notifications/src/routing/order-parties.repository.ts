import { BoundedMap, upsertById } from '@lantern/event-store';
import { BaseConfig, APP_CONFIG } from '@lantern/config';
import { CloudEvent, EventData, OrderClaimedV1, OrderPlacedConfidentialV1, OrderPlacedV1, OrderReassignedV1, openResident } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { KeyedWaiters } from './keyed-waiters';
import { OrderParties, orderPartiesModel } from './order-parties.model';

const UNKNOWN: Omit<OrderParties, '_id'> = { residentId: null, serviceName: null, stationId: null, urgency: 'normal', socialWorkerId: null, confidential: false };

/** What a route needs to know of an order: its placement (resident, service, urgency), or its claimant too. */
export type PartiesNeeded = 'placement' | 'claimant';

/** Orders whose parties this replica remembers; the rest are read by `_id`. */
const MEMO_CAPACITY = 20_000;

/**
 * The read model of who is involved in each order; fed by the same consumer that routes.
 *
 * Each fact in it is stated by one event and never changes afterwards: the placement by
 * `order.placed`, the claimant by the order's one `order.claimed` — except when the claim is
 * reassigned (`order.reassigned`), which this replica writes and remembers; another replica
 * that remembered the earlier claimant keeps it until its memo evicts it (a cancellation or a
 * rating notice may then reach the previous worker). So a fact this replica wrote or read is
 * used instead of another read, and a redelivered event that states it again writes nothing. A
 * fact this replica does not know (null) may have been written by another replica since, so it
 * is read from the database.
 */
@Injectable()
export class OrderPartiesRepository {
  private readonly model: Model<OrderParties>;
  private readonly known = new BoundedMap<string, OrderParties>(MEMO_CAPACITY);
  /** Who waits for an order's placement to be stored by this replica (placementStored). */
  private readonly placements = new KeyedWaiters();

  private readonly pseudonymKey: string;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: BaseConfig) {
    this.model = orderPartiesModel(connection);
    this.pseudonymKey = config.LANTERN_PSEUDONYM_KEY;
  }

  /** The orders placed by a resident (confidential ones too, opened from their pseudonyms): a scan, once per privacy export. */
  async ordersOf(residentId: string): Promise<string[]> {
    return (await this.model.find({ residentId }, { _id: 1 }).lean<Pick<OrderParties, '_id'>[]>()).map((order) => order._id);
  }

  async get(orderId: string, needed: PartiesNeeded = 'placement'): Promise<OrderParties> {
    const remembered = this.known.get(orderId);
    if (remembered && knows(remembered, needed)) return remembered;
    const stored = await this.model.findById(orderId).lean<OrderParties>();
    if (!stored) return { _id: orderId, ...UNKNOWN };
    this.known.set(orderId, stored);
    return stored;
  }

  /**
   * Resolves true as soon as this replica knows the order's placement — at once if it does, else
   * when its consumer stores it — and false after `timeoutMs`. A placement is usually handled on
   * another partition at that very moment (its topic's fetch brought it with the event that
   * needs it); one handled by another replica is only seen by reading again after the wait.
   */
  placementStored(orderId: string, timeoutMs: number): Promise<boolean> {
    if (this.known.get(orderId)?.stationId) return Promise.resolve(true);
    return this.placements.wait(orderId, timeoutMs);
  }

  /**
   * Remembers what later events will not repeat. `$set` by `_id` only: events of one order
   * arrive in order on one partition, and a redelivery sets the same values again — or nothing,
   * when this replica already knows them.
   */
  async apply(event: CloudEvent): Promise<void> {
    const changes = changesFor(event, this.pseudonymKey);
    if (!changes) return;
    const remembered = this.known.get(event.subject);
    if (remembered && alreadyStated(remembered, changes)) return;
    await upsertById(this.model, event.subject, { $set: changes });
    this.known.set(event.subject, { ...(remembered ?? { _id: event.subject, ...UNKNOWN }), ...changes });
    if (changes.stationId) this.placements.wake(event.subject);
  }
}

function knows(parties: OrderParties, needed: PartiesNeeded): boolean {
  return parties.residentId !== null && (needed === 'placement' || parties.socialWorkerId !== null);
}

function alreadyStated(parties: OrderParties, changes: Partial<OrderParties>): boolean {
  return Object.entries(changes).every(([key, value]) => JSON.stringify(parties[key as keyof OrderParties]) === JSON.stringify(value));
}

function changesFor(event: CloudEvent, pseudonymKey: string): Partial<OrderParties> | undefined {
  switch (event.type) {
    case OrderPlacedConfidentialV1.type: {
      const data = event.data as EventData<typeof OrderPlacedConfidentialV1>;
      // A pseudonym that does not open (sealed by another deployment) leaves the resident unknown: nobody is told.
      return { residentId: openResident(data.residentRef, data.orderId, pseudonymKey), serviceName: null, stationId: data.stationId, urgency: data.urgency, confidential: true };
    }
    case OrderPlacedV1.type: {
      const data = event.data as { residentId: string; serviceName: OrderParties['serviceName']; stationId: string; urgency: 'normal' | 'urgent' };
      return { residentId: data.residentId, serviceName: data.serviceName, stationId: data.stationId, urgency: data.urgency };
    }
    case OrderClaimedV1.type:
      return { socialWorkerId: (event.data as { socialWorkerId: string }).socialWorkerId };
    case OrderReassignedV1.type:
      return { socialWorkerId: (event.data as { toSocialWorkerId: string }).toSocialWorkerId };
    default:
      return undefined;
  }
}
