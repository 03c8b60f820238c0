import { EventData, OrderCompletedConfidentialV1, OrderCompletedV1, VolunteerTaskCreditRefusedV1 } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { HoursLedger } from '../../hours/hours-ledger.service';
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
@Injectable()
export class CreditOrderHoursHandler {
  constructor(
    private readonly ledger: HoursLedger,
    private readonly teams: TeamRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async execute(completed: EventData<typeof OrderCompletedV1> | EventData<typeof OrderCompletedConfidentialV1>): Promise<void> {
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
      await this.ledger.credit({ volunteerId: personId, sourceType: 'order', sourceId: orderId, hours, creditedBy: completedBy });
    }
  }
}
