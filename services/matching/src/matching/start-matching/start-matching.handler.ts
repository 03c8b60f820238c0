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
 * started and appends nothing), round 1's
 * evaluation and the intake are one insert on the order id (a second one is refused and the
 * first is used), and the effects below write the case's current state by `_id`.
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
    // Opening the case evaluates round 1, which stores the intake with it. Whether the last
    // decision (there may be retries on fresh state) opened it is what tells us.
    let opened = false;
    const { state, version } = await this.cases.open(placed.orderId, (current, currentVersion) => {
      opened = currentVersion === 0;
      return opened ? this.rounds.firstRound(intake, current, new Date()) : [];
    });
    // Started already (a redelivery, or a cancellation that overtook this placement): the
    // intake may still be missing, and the case's readers need it.
    if (!opened) await this.cases.saveIntake(intake);
    await this.effects.apply(intake, state, version);
  }
}
