import { CloudEventOf, VolunteerHoursCreditedV1, VolunteerRegisteredV1, VolunteerReinstatedV1, VolunteerSuspendedV1 } from '@lantern/contracts';
import { Logger } from '@lantern/logging';
import { OnIdempotentEvent } from '@lantern/messaging';
import { LOGGER } from '@lantern/platform';
import { Controller, Inject } from '@nestjs/common';
import { shanghaiDay } from '../domain/shanghai-calendar';
import { ReportStore } from '../report-store';
import { VolunteerFact } from '../volunteer-roster.model';

/**
 * Volunteers in the village and town reports: who volunteers where (registered, suspended,
 * reinstated) and the hours credited each day. Idempotent without a processed-message record:
 * a status is taken only from a newer stream version, and an hours entry is set under its ledger
 * entry id, so a redelivery writes the same value again.
 *
 * The volunteers' streams live in the volunteers service, so unlike the order figures these
 * cannot be rebuilt from this service's store: they are as complete as the volunteers topic
 * this consumer group has read.
 */
@Controller()
export class VolunteerReportProjector {
  constructor(
    private readonly store: ReportStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnIdempotentEvent(VolunteerRegisteredV1)
  async onRegistered(event: CloudEventOf<typeof VolunteerRegisteredV1>): Promise<void> {
    const { volunteerId, villages, version } = event.data;
    const current = await this.store.findVolunteer(volunteerId);
    const fact: VolunteerFact = { _id: volunteerId, villages: [...villages].sort(), active: current?.active ?? true, statusVersion: current?.statusVersion ?? version };
    await this.store.putRosterStatus(fact);
    await this.store.saveVolunteer(fact);
  }

  @OnIdempotentEvent(VolunteerSuspendedV1)
  onSuspended(event: CloudEventOf<typeof VolunteerSuspendedV1>): Promise<void> {
    return this.setStatus(event.data.volunteerId, false, event.data.version);
  }

  @OnIdempotentEvent(VolunteerReinstatedV1)
  onReinstated(event: CloudEventOf<typeof VolunteerReinstatedV1>): Promise<void> {
    return this.setStatus(event.data.volunteerId, true, event.data.version);
  }

  @OnIdempotentEvent(VolunteerHoursCreditedV1)
  async onHoursCredited(event: CloudEventOf<typeof VolunteerHoursCreditedV1>): Promise<void> {
    const { volunteerId, entryId, hours, creditedAt } = event.data;
    const fact = await this.store.findVolunteer(volunteerId);
    // Registered before this consumer group first read the topic: no village to count it in.
    if (!fact) {
      this.logger.debug({ volunteerId, entryId }, 'hours of a volunteer the reports do not know; not counted');
      return;
    }
    await this.store.putVolunteerHours(fact.villages, shanghaiDay(creditedAt), entryId, { volunteerId, hours });
  }

  private async setStatus(volunteerId: string, active: boolean, version: number): Promise<void> {
    const current = await this.store.findVolunteer(volunteerId);
    if (current && current.statusVersion >= version) return;
    // A status ahead of the registration is kept; the registration then adds the villages.
    const fact: VolunteerFact = { _id: volunteerId, villages: current?.villages ?? [], active, statusVersion: version };
    await this.store.putRosterStatus(fact);
    await this.store.saveVolunteer(fact);
  }
}
