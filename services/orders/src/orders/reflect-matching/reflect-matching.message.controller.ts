import { CloudEventOf, MatchingClaimedV1, MatchingEscalatedV1, MatchingOffersMadeV1, MatchingReassignedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { ReflectMatchingHandler } from './reflect-matching.handler';

/**
 * Offers, the winning claim and escalations, as matching publishes them, on the order's timeline.
 *
 * Idempotent without a processed-message record: each decision reads the order's state, a fact
 * the stream already reflects decides nothing (its round is not above the order's, the order is
 * claimed, the level was reached), and a fact refused once stays refused — the statuses that
 * allow offers, claims and escalations are never returned to. So a second delivery, at any time,
 * does what the first did or nothing.
 */
@Controller()
export class ReflectMatchingMessageController {
  constructor(private readonly reflect: ReflectMatchingHandler) {}

  @OnIdempotentEvent(MatchingOffersMadeV1)
  onOffersMade(event: CloudEventOf<typeof MatchingOffersMadeV1>): Promise<void> {
    return this.reflect.offersMade(event.data);
  }

  @OnIdempotentEvent(MatchingClaimedV1)
  onClaimed(event: CloudEventOf<typeof MatchingClaimedV1>): Promise<void> {
    return this.reflect.claimed(event.data);
  }

  @OnIdempotentEvent(MatchingReassignedV1)
  onReassigned(event: CloudEventOf<typeof MatchingReassignedV1>): Promise<void> {
    return this.reflect.reassigned(event.data);
  }

  @OnIdempotentEvent(MatchingEscalatedV1)
  onEscalated(event: CloudEventOf<typeof MatchingEscalatedV1>): Promise<void> {
    return this.reflect.escalated(event.data);
  }
}
