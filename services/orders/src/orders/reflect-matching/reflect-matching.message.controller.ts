import { CloudEventOf, MatchingClaimedV1, MatchingEscalatedV1, MatchingOffersMadeV1 } from '@lantern/contracts';
import { OnEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { ReflectMatchingHandler } from './reflect-matching.handler';

/** Offers, the winning claim and escalations, as matching publishes them, on the order's timeline. */
@Controller()
export class ReflectMatchingMessageController {
  constructor(private readonly reflect: ReflectMatchingHandler) {}

  @OnEvent(MatchingOffersMadeV1)
  onOffersMade(event: CloudEventOf<typeof MatchingOffersMadeV1>): Promise<void> {
    return this.reflect.offersMade(event.data);
  }

  @OnEvent(MatchingClaimedV1)
  onClaimed(event: CloudEventOf<typeof MatchingClaimedV1>): Promise<void> {
    return this.reflect.claimed(event.data);
  }

  @OnEvent(MatchingEscalatedV1)
  onEscalated(event: CloudEventOf<typeof MatchingEscalatedV1>): Promise<void> {
    return this.reflect.escalated(event.data);
  }
}
