import { CloudEventOf, EventData, OrderCompletedConfidentialV1, OrderCompletedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { CreditHoursHandler } from '../../hours/credit-hours/credit-hours.handler';
import { TeamRepository } from '../../teams/team.repository';

/**
 * A volunteer team completed an order: each participant's hours are credited from that order.
 * Redelivery (or a retry after a crash half-way through the participants) credits nobody twice:
 * the ledger entry of (volunteer, order) exists once. That makes the handler idempotent by
 * construction, so the runner keeps no processed-message record for it.
 */
@Controller()
export class OrderCompletedMessageController {
  constructor(
    private readonly creditHours: CreditHoursHandler,
    private readonly teams: TeamRepository,
  ) {}

  @OnIdempotentEvent(OrderCompletedV1)
  async onCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    await this.credit(event.data);
  }

  /** A confidential service's order credits its volunteers alike: the event names participants, not the resident or the service. */
  @OnIdempotentEvent(OrderCompletedConfidentialV1)
  async onCompletedConfidential(event: CloudEventOf<typeof OrderCompletedConfidentialV1>): Promise<void> {
    await this.credit(event.data);
  }

  private async credit(completed: EventData<typeof OrderCompletedV1> | EventData<typeof OrderCompletedConfidentialV1>): Promise<void> {
    const { orderId, fulfiller, participants, completedBy } = completed;
    if (fulfiller.type !== 'volunteer_team') return;
    if (!(await this.teams.load(fulfiller.id)).exists) return;
    for (const { personId, hours } of participants) {
      if (hours <= 0) continue;
      // A participant who is not a registered volunteer has no ledger here; nothing to credit.
      await this.creditHours.execute({ volunteerId: personId, sourceType: 'order', sourceId: orderId, hours, creditedBy: completedBy });
    }
  }
}
