import { LanternPlatformModule } from '@lantern/platform';
import { Module } from '@nestjs/common';

export const MATCHING_SERVICE = {
  service: 'matching',
  description: 'Social-worker roster, fulfiller directory, offers, claims, claim-SLA timers and escalation.',
  defaults: { PORT: '3002' },
};

/** The platform (HTTP, health, docs, metrics, event store, consumer); features arrive with their issues. */
@Module({
  imports: [LanternPlatformModule.forService(MATCHING_SERVICE)],
})
export class MatchingModule {}
