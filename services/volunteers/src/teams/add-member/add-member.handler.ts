import { VolunteerTeamMemberAddedV1 } from '@lantern/contracts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@lantern/errors';
import { existing } from '@lantern/event-store';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { coordinates, isAdmin } from '../../access/access.policy';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';
import { Team } from '../domain/team.state';
import { TeamRepository } from '../team.repository';
import { AddMemberRequest } from './add-member.request.dto';

/** Adds a registered, active volunteer to a team; adding a member again appends nothing. */
@Injectable()
export class AddMemberHandler {
  constructor(
    private readonly teams: TeamRepository,
    private readonly volunteers: VolunteerRepository,
  ) {}

  async execute(teamId: string, principal: Principal, request: AddMemberRequest): Promise<Team> {
    if (!isAdmin(principal) && !coordinates(principal, teamId)) {
      // Existence is not revealed to coordinators of other teams.
      throw (await this.teams.load(teamId)).exists ? new ForbiddenError(`You do not coordinate team ${teamId}`) : new NotFoundError(`Team ${teamId}`);
    }
    const { state: volunteer } = await this.volunteers.load(request.volunteerId);
    if (!volunteer.exists) {
      throw new InvalidError('Only registered volunteers can join a team', [{ field: 'body.volunteerId', message: 'is not a registered volunteer' }]);
    }
    if (volunteer.status !== 'active') throw new ConflictError(`Volunteer ${request.volunteerId} is ${volunteer.status}`);
    const { state } = await this.teams.execute(teamId, (current) => {
      if (!current.exists) throw new NotFoundError(`Team ${teamId}`);
      if (current.memberIds.includes(request.volunteerId)) return [];
      return [{ type: VolunteerTeamMemberAddedV1.type, data: { teamId, volunteerId: request.volunteerId, addedBy: principal.sub, addedAt: new Date().toISOString() } }];
    });
    return existing(state, teamId);
  }
}
