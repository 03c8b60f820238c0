import { CloudEventOf, VolunteerTeamCreatedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { KnownTeamsRepository } from '../known-teams.repository';

/** Teams of the volunteers service, so the directory can accept them as fulfillers. Idempotent: `$set` by `_id`. */
@Controller()
export class TeamCreatedMessageController {
  constructor(private readonly teams: KnownTeamsRepository) {}

  @OnIdempotentEvent(VolunteerTeamCreatedV1)
  onCreated(event: CloudEventOf<typeof VolunteerTeamCreatedV1>): Promise<void> {
    return this.teams.record(event.data.teamId, event.data.stationId);
  }
}
