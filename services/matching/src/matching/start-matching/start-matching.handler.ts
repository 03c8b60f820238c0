import { EventData, OrderPlacedConfidentialV1, OrderPlacedV1 } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { MatchingCaseEffects } from '../matching-case.effects';
import { MatchingCaseRepository } from '../matching-case.repository';
import { OfferRoundsPlanner } from '../offer-rounds.planner';
import { OrderIntake } from '../order-intake.model';

/**
 * An order was placed: open its matching case with the first round of offers (or escalate at once).
 *
 * Idempotent by construction, so its consumer keeps no processed-message record: the case is
 * opened only at version 0 (a redelivery's insert at version 0 is refused; it then finds the case
 * started and appends nothing), round 1's evaluation and the intake go with the event that opens
 * it (so the first insert decides whose stands), and the effects below write the case's current
 * state by `_id`.
 */
@Injectable()
export class StartMatchingHandler {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly rounds: OfferRoundsPlanner,
    private readonly effects: MatchingCaseEffects,
  ) {}

  /**
   * A confidential service's placement names the category, not the service, and the resident by
   * a per-order pseudonym: such an order is matched on category and station alone, with no
   * continuity with the resident's earlier worker. Either brings its claim SLA from the menu.
   */
  async execute(placed: EventData<typeof OrderPlacedV1> | EventData<typeof OrderPlacedConfidentialV1>): Promise<void> {
    const intake: OrderIntake = {
      _id: placed.orderId,
      residentId: 'residentRef' in placed ? placed.residentRef : placed.residentId,
      serviceCode: 'serviceCode' in placed ? placed.serviceCode : null,
      category: placed.category,
      urgency: placed.urgency,
      stationId: placed.stationId,
      villageId: placed.villageId,
      placedAt: new Date(placed.placedAt),
      ...(placed.claimSlaMinutes !== undefined ? { claimSlaMinutes: placed.claimSlaMinutes } : {}),
    };
    // Opening the case evaluates round 1, kept with the intake on the case's first event. A case
    // started already (a redelivery: the intake is there; a cancellation that overtook this
    // placement: it is not) appends nothing, and the case's readers may still need the intake.
    const { state, version, intake: kept } = await this.cases.open(placed.orderId, async (current, currentVersion) => {
      if (currentVersion > 0) return { intake, events: [] };
      const { events, evaluation } = await this.rounds.firstRound(intake, current, new Date());
      return { intake: { ...intake, firstEvaluation: evaluation }, events };
    });
    if (!kept) await this.cases.saveIntake(intake);
    await this.effects.apply(intake, state, version);
  }
}
