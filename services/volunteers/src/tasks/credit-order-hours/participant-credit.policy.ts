import { TeamState } from '../../teams/domain/team.state';
import { TaskState } from '../domain/task.state';

/**
 * Whose hours a team order may credit: a member of the routed team when the order was completed,
 * or a volunteer the coordinator assigned to the order's task (named on it, even if they left
 * the team since). Anyone else the completer named is refused, with this reason.
 */
export function creditRefusal(personId: string, team: Pick<TeamState, 'memberIds'>, task: Pick<TaskState, 'assignedVolunteerIds'>): 'not_a_team_member' | null {
  return team.memberIds.includes(personId) || task.assignedVolunteerIds.includes(personId) ? null : 'not_a_team_member';
}
