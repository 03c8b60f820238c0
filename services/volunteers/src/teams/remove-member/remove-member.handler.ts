import { VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { ForbiddenError, NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { coordinates, isAdmin, isSelf } from '../../access/access.policy';
import { TeamRepository } from '../team.repository';

/** Takes a volunteer off a team, or lets them leave it; removing a non-member appends nothing. */
@Injectable()
export class RemoveMemberHandler {
  constructor(private readonly teams: TeamRepository) {}

  async execute(teamId: string, volunteerId: string, principal: Principal): Promise<void> {
    const leaving = isSelf(principal, volunteerId);
    if (!isAdmin(principal) && !coordinates(principal, teamId) && !leaving) {
      // As for adding: existence is not revealed to outsiders, and a volunteer may only remove themselves.
      throw (await this.teams.load(teamId)).exists ? new ForbiddenError(`You may take members off team ${teamId} only as its coordinator`) : new NotFoundError(`Team ${teamId}`);
    }
    await this.teams.execute(teamId, (current) => {
      if (!current.exists) throw new NotFoundError(`Team ${teamId}`);
      // Idempotent like adding: a retried removal (or a volunteer who already left) appends nothing.
      if (!current.memberIds.includes(volunteerId)) return [];
      return [{ type: VolunteerTeamMemberRemovedV1.type, data: { teamId, volunteerId, removedBy: principal.sub, removedAt: new Date().toISOString() } }];
    });
  }
}
