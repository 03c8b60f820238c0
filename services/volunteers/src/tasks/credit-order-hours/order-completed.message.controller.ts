import { CloudEventOf, EventData, OrderCompletedConfidentialV1, OrderCompletedV1, VolunteerTaskCreditRefusedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { CreditHoursHandler } from '../../hours/credit-hours/credit-hours.handler';
import { TeamRepository } from '../../teams/team.repository';
import { taskIdFor } from '../domain/task.state';
import { TaskRepository } from '../task.repository';
import { creditRefusal } from './participant-credit.policy';

/**
 * A volunteer team completed an order: each participant who is a member of the team (or was
 * assigned to its task) has their hours credited from that order; anyone else named is refused,
 * and the refusal is recorded on the task with its reason.
 *
 * Redelivery (or a retry after a crash half-way through the participants) credits nobody twice
 * and records no refusal twice: the ledger entry of (volunteer, order) exists once, and a
 * participant already refused on the task is not refused again. That makes the handler
 * idempotent by construction, so the runner keeps no processed-message record for it.
 */
@Controller()
export class OrderCompletedMessageController {
  constructor(
    private readonly creditHours: CreditHoursHandler,
    private readonly teams: TeamRepository,
    private readonly tasks: TaskRepository,
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
    const team = await this.teams.load(fulfiller.id);
    if (!team.exists) return;
    const taskId = taskIdFor(orderId);
    const { state: task } = await this.tasks.load(taskId);
    for (const { personId, hours } of participants) {
      if (hours <= 0) continue;
      const reason = creditRefusal(personId, team, task);
      if (reason) {
        await this.tasks.execute(taskId, (current) =>
          current.refusedCredits.some((refused) => refused.volunteerId === personId)
            ? []
            : [
                {
                  type: VolunteerTaskCreditRefusedV1.type,
                  data: { taskId, orderId, teamId: fulfiller.id, volunteerId: personId, hours, reason, refusedAt: new Date().toISOString() },
                },
              ],
        );
        continue;
      }
      // A member who is not a registered volunteer cannot be: membership needs registration.
      await this.creditHours.execute({ volunteerId: personId, sourceType: 'order', sourceId: orderId, hours, creditedBy: completedBy });
    }
  }
}
