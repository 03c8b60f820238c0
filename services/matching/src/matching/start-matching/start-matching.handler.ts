import { EventData, OrderPlacedV1 } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { CaseEffects } from '../case-effects';
import { MatchingCaseRepository } from '../matching-case.repository';
import { MatchingPlanner } from '../matching-planner';

/** An order was placed: open its matching case with the first round of offers (or escalate at once). */
@Injectable()
export class StartMatchingHandler {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly planner: MatchingPlanner,
    private readonly effects: CaseEffects,
  ) {}

  async execute(placed: EventData<typeof OrderPlacedV1>): Promise<void> {
    const intake = {
      _id: placed.orderId,
      residentId: placed.residentId,
      serviceCode: placed.serviceCode,
      category: placed.category,
      urgency: placed.urgency,
      stationId: placed.stationId,
      villageId: placed.villageId,
      placedAt: new Date(placed.placedAt),
    };
    await this.cases.saveIntake(intake);
    // A redelivered placement finds the case started and appends nothing.
    const { state } = await this.cases.execute(placed.orderId, (current, version) => (version === 0 ? this.planner.nextStep(intake, current, new Date()) : []));
    await this.effects.apply(intake, state);
  }
}
