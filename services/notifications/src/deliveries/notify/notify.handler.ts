import { CloudEvent } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { ActivityFactsRepository } from '../../activities/activity-facts.repository';
import { CampaignManagersRepository } from '../../campaigns/campaign-managers.repository';
import { StationVillagesRepository } from '../../groups/station-villages.repository';
import { RecipientsRepository } from '../../recipients/recipients.repository';
import { OrderPartiesRepository } from '../../routing/order-parties.repository';
import { OrderPrivacy } from '../../routing/order-privacy';
import { routeFor } from '../../routing/routes';
import { TeamRostersRepository } from '../../teams/team-rosters.repository';
import { causeOf } from '../../delivery-outcomes/cause';
import { DeliverToRecipientHandler } from '../deliver-to-recipient.handler';

/**
 * Looks up who hears about an event in the routing table and tells each of them. Answers
 * whether the event is about a confidential order, decided once for the event's webhooks too.
 */
@Injectable()
export class NotifyHandler {
  constructor(
    private readonly parties: OrderPartiesRepository,
    private readonly stations: StationVillagesRepository,
    private readonly teams: TeamRostersRepository,
    private readonly activities: ActivityFactsRepository,
    private readonly campaigns: CampaignManagersRepository,
    private readonly recipients: RecipientsRepository,
    private readonly deliver: DeliverToRecipientHandler,
    private readonly privacy: OrderPrivacy,
  ) {}

  async execute(event: CloudEvent, attempt: { isLastAttempt: boolean }): Promise<{ confidential: boolean }> {
    await this.parties.apply(event);
    await this.stations.apply(event);
    await this.teams.apply(event);
    await this.activities.apply(event);
    await this.campaigns.apply(event);
    // Before routing: deciding may wait for the order's placement, which the message needs too.
    const confidential = await this.privacy.isConfidential(event, attempt);
    const route = routeFor(event.type);
    if (!route) return { confidential };
    const notifications = await route.notify(event, {
      parties: this.parties,
      recipients: this.recipients,
      teams: this.teams,
      activities: this.activities,
      campaigns: this.campaigns,
    });
    // About a confidential order: its deliveries publish no outcome event (it would name the resident).
    const cause = { ...causeOf(event), ...(confidential ? { confidential: true } : {}) };
    // A failure is retried for the whole event, and every write is keyed by (event, recipient,
    // channel), so the ones already told are not told again.
    await this.deliver.executeAll(cause, notifications);
    return { confidential };
  }
}
