import { ALL_EVENT_CONTRACTS, CloudEvent, EventContract, PRIVACY_CONTRACTS, VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { EventContext, OnEvent, OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CAMPAIGN_ROSTER_EVENTS } from '../../campaigns/campaign-managers.repository';
import { FanOutWebhooksHandler } from '../../webhooks/fan-out-webhooks.handler';
import { NotifyHandler } from './notify.handler';

/**
 * The team roster (`team_rosters`) and the campaign roster (`campaign_managers`) follow these with
 * `$addToSet` / `$pull` and no version: the same member-added delivered again after a
 * member-removed (the outbox publishes at least once) would put the member back. The runner's
 * processed-message record keeps that from happening.
 */
const ROSTER_EVENTS: [EventContract, ...EventContract[]] = [
  VolunteerTeamCreatedV1,
  VolunteerTeamMemberAddedV1,
  VolunteerTeamMemberRemovedV1,
  ...CAMPAIGN_ROSTER_EVENTS,
];

/**
 * Privacy requests and their answers are nobody's notification and no integrator's webhook: they
 * name who asked for an export or an erasure. The privacy folder handles them.
 */
const OTHER_EVENTS = ALL_EVENT_CONTRACTS.filter((contract) => !ROSTER_EVENTS.includes(contract) && !PRIVACY_CONTRACTS.includes(contract)) as [EventContract, ...EventContract[]];

/**
 * Notifications react to every event type of every service: people hear about the ones in the
 * routing table, integrators about the ones they subscribed to.
 */
@Controller()
export class NotifyMessageController {
  constructor(
    private readonly notify: NotifyHandler,
    private readonly webhooks: FanOutWebhooksHandler,
  ) {}

  /**
   * Exactly once by construction, so the runner keeps no processed-message record (two database
   * commands per event saved). Handling an event again, at any later time, writes nothing new:
   * - `order_parties` and `station_villages`: `$set` by `_id` of facts that one event each
   *   states and that never change (an order's placement and its one claim; a station's village);
   * - inbox message, hold deadline, delivery claim and outcome event: ids derived from
   *   (event, recipient[, channel]), written insert-first, a duplicate meaning "done" (an in-app
   *   outcome is published again under the same id: see DeliveryEvents);
   * - webhook delivery: inserted under (event, subscription); its attempt n is a deadline named
   *   by n, and an attempt already made is not made again (AttemptWebhookDeadlineHandler).
   */
  @OnIdempotentEvent(...OTHER_EVENTS)
  onEvent(@Payload() event: CloudEvent, @Ctx() context: EventContext): Promise<void> {
    return this.handle(event, context);
  }

  @OnEvent(...ROSTER_EVENTS)
  onRosterEvent(@Payload() event: CloudEvent, @Ctx() context: EventContext): Promise<void> {
    return this.handle(event, context);
  }

  private async handle(event: CloudEvent, context: EventContext): Promise<void> {
    const { confidential } = await this.notify.execute(event, context);
    await this.webhooks.execute(event, confidential);
  }
}
