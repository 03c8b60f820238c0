import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { DEMO_VOLUNTEER_TEAM, DEMO_VOLUNTEERS } from '@lantern/demo-history';
import { Principal } from '@lantern/identity';
import { Logger } from '@lantern/logging';
import { LOGGER } from '@lantern/platform';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AddMemberHandler } from '../teams/add-member/add-member.handler';
import { RegisterVolunteerHandler } from '../volunteers/register-volunteer/register-volunteer.handler';
import { VolunteerRepository } from '../volunteers/volunteer.repository';
import { SeedDemoTeams } from './seed-demo-teams';

/** The town's volunteer office, registering the demo volunteers as an admin would. */
const OFFICE: Principal = { sub: 'admin-volunteer-office', roles: ['admin'], stations: [] };

/**
 * With SEED_DEMO_HISTORY=true (npm start), volunteers' part of the demo history
 * (@lantern/demo-history): the demo volunteers registered and put in the town-wide team through
 * this service's own handlers, one after the other in the plan's order (the last one's
 * registration tells orders the roster is complete). The team orders of the history then credit
 * their hours as any team order does. Idempotent: a volunteer already registered is not
 * registered again, and joining a team twice appends nothing.
 */
@Injectable()
export class SeedDemoVolunteers implements OnApplicationBootstrap {
  /** Settles when the volunteers are registered (tests wait on it). */
  done: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly teams: SeedDemoTeams,
    private readonly volunteers: VolunteerRepository,
    private readonly register: RegisterVolunteerHandler,
    private readonly addMember: AddMemberHandler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SEED_DEMO_DATA || !this.config.SEED_DEMO_HISTORY) return;
    this.done = this.registerAll().catch((error: unknown) => this.logger.error({ err: error }, 'demo history: volunteers stopped'));
  }

  private async registerAll(): Promise<void> {
    await this.teams.seeded();
    for (const [index, volunteer] of DEMO_VOLUNTEERS.entries()) {
      if (!(await this.registered(volunteer.id))) await this.registerOnce(volunteer, index);
      if (volunteer.inTeam) await this.addMember.execute(DEMO_VOLUNTEER_TEAM, OFFICE, { volunteerId: volunteer.id });
    }
    this.logger.info({ volunteers: DEMO_VOLUNTEERS.length }, 'demo history: volunteers registered');
  }

  private async registerOnce(volunteer: (typeof DEMO_VOLUNTEERS)[number], index: number): Promise<void> {
    const request = {
      personId: volunteer.id,
      name: `${volunteer.villageId} volunteer ${index + 1}`,
      // Not a number anyone has: mainland mobile numbers start with 1.
      phone: `0000${String(index + 1).padStart(4, '0')}`,
      consentGiven: true,
      consentVersion: '2026-01',
      villages: [volunteer.villageId],
      skills: ['home-visit', 'tutoring'],
      availability: ['weekend'],
    };
    await this.register.execute(OFFICE, request).catch(async (error: unknown) => {
      // Another replica (docker compose --scale) registered them a moment earlier: a 409 here.
      if (!(await this.registered(volunteer.id))) throw error;
    });
  }

  private async registered(volunteerId: string): Promise<boolean> {
    return (await this.volunteers.load(volunteerId)).state.exists;
  }
}
