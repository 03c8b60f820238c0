import { VolunteerTeamCreatedV1 } from '@lantern/contracts';
import { existing } from '@lantern/event-store';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { Team } from '../domain/team.state';
import { TeamRepository } from '../team.repository';
import { CreateTeamRequest } from './create-team.request.dto';

/** Creates a team with its coordinators; the same id (from the Idempotency-Key) creates one team. */
@Injectable()
export class CreateTeamHandler {
  constructor(private readonly teams: TeamRepository) {}

  async execute(teamId: string, principal: Principal, request: CreateTeamRequest): Promise<Team> {
    // The name first, beside the stream: the team never exists without it.
    await this.teams.saveName(teamId, request.name);
    const { state } = await this.teams.execute(teamId, (current) =>
      current.exists
        ? []
        : [
            {
              type: VolunteerTeamCreatedV1.type,
              data: {
                teamId,
                kind: request.kind,
                villageId: request.villageId,
                stationId: request.stationId,
                coordinatorIds: request.coordinatorIds,
                createdBy: principal.sub,
                createdAt: new Date().toISOString(),
              },
            },
          ],
    );
    return existing(state, teamId);
  }
}
