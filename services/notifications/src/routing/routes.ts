import {
  ActivityCancelledV1,
  ActivityChangedV1,
  ActivityPromotedFromWaitlistV1,
  ActivityRescheduledV1,
  ActivitySignUpCancelledV1,
  BroadcastSentV1,
  CharityVisitFulfilledV1,
  CloudEvent,
  CloudEventOf,
  EventContract,
  MatchingBackstopOverdueV1,
  MatchingEscalatedV1,
  MatchingOffersMadeV1,
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderClaimedV1,
  OrderCompletedConfidentialV1,
  OrderCompletedConfidentialV2,
  OrderCompletedV1,
  OrderCompletedV2,
  OrderFollowUpClosedV1,
  OrderFollowUpOverdueV1,
  OrderFollowUpRequestedV1,
  OrderFulfilDueSoonV1,
  OrderFulfilOverdueV1,
  OrderHandedBackV1,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  OrderRatedV1,
  OrderReassignedV1,
  OrderRoutedConfidentialV1,
  OrderRoutedV1,
  OrderStartedV1,
  VolunteerHoursCreditedV1,
  VolunteerLevelReachedV1,
  VolunteerTaskAssignedV1,
  WebhookSubscriptionDisabledV1,
} from '@lantern/contracts';
import { ActivityFactsRepository } from '../activities/activity-facts.repository';
import { CampaignManagersRepository } from '../campaigns/campaign-managers.repository';
import { RecipientsRepository } from '../recipients/recipients.repository';
import { TeamRostersRepository } from '../teams/team-rosters.repository';
import { localized, TemplateId } from '../templates/message-templates';
import { CENTRE_ADMINS_INBOX, fulfillerInbox, Notification, stationSupervisorsInbox } from './notification';
import { OrderParties } from './order-parties.model';
import { OrderPartiesRepository } from './order-parties.repository';

export interface RouteContext {
  parties: OrderPartiesRepository;
  recipients: RecipientsRepository;
  teams: TeamRostersRepository;
  activities: ActivityFactsRepository;
  campaigns: CampaignManagersRepository;
}

type Resolver<C extends EventContract> = (event: CloudEventOf<C>, context: RouteContext) => Promise<Notification[]>;

export interface Route {
  type: string;
  notify: (event: CloudEvent, context: RouteContext) => Promise<Notification[]>;
}

/** One row of the table: an event type and who hears about it. */
function route<C extends EventContract>(contract: C, notify: Resolver<C>): Route {
  return { type: contract.type, notify: notify as Route['notify'] };
}

const tell = (recipientId: string | null | undefined, template: TemplateId, params: Record<string, string>, critical = false): Notification[] =>
  recipientId ? [{ recipientId, template, params, critical }] : [];

/**
 * The order's service name in both languages, or a neutral word when the placement was never
 * seen — and always for a confidential service's order, whose service name is never known here.
 */
const aboutOrder = (parties: OrderParties): Record<string, string> => ({
  orderId: parties._id,
  ...localized('service', parties.serviceName ?? { 'zh-CN': '服务', en: 'service' }),
});

/** The resident hears their order was routed; the fulfiller's inbox gets the work, with its deadline. */
function routed(data: { fulfiller: Parameters<typeof fulfillerInbox>[0]; fulfilDeadline: string }, order: OrderParties): Notification[] {
  const about = aboutOrder(order);
  return [...tell(order.residentId, 'order-routed', about), ...tell(fulfillerInbox(data.fulfiller), 'work-routed', { ...about, deadline: data.fulfilDeadline })];
}

/** A station's supervisors who registered with this service, or the station's group inbox. */
async function stationSupervisors(stationId: string, recipients: RecipientsRepository): Promise<string[]> {
  const members = await recipients.members({ role: 'supervisor', station: stationId });
  return members.length > 0 ? members : [stationSupervisorsInbox(stationId)];
}

/** The centre's admins who registered with this service, or their group inbox. */
async function centreAdmins(recipients: RecipientsRepository): Promise<string[]> {
  const members = await recipients.members({ role: 'admin' });
  return members.length > 0 ? members : [CENTRE_ADMINS_INBOX];
}

/** The resident, the worker who held the claim, and the fulfiller it had been routed to (if any): all stop. */
function cancelled(data: { fulfiller?: { type: string; id: string } | null }, order: OrderParties, residentId = order.residentId): Notification[] {
  const about = aboutOrder(order);
  const fulfiller = data.fulfiller ? tell(fulfillerInbox(data.fulfiller), 'order-cancelled', about) : [];
  return [...tell(residentId, 'order-cancelled', about), ...tell(order.socialWorkerId, 'order-cancelled', about), ...fulfiller];
}

/**
 * Who is told about each event type, with which template. Adding an event type is one row.
 * Types without a row reach webhook subscribers only.
 */
export const ROUTES: readonly Route[] = [
  route(OrderPlacedV1, async (event) => tell(event.data.residentId, 'order-placed', { orderId: event.data.orderId, ...localized('service', event.data.serviceName) })),
  // The resident is opened from the pseudonym when the placement is remembered (OrderPartiesRepository); the message names no service.
  route(OrderPlacedConfidentialV1, async (event, { parties }) => {
    const order = await parties.get(event.data.orderId);
    return tell(order.residentId, 'order-placed', aboutOrder(order));
  }),
  route(MatchingOffersMadeV1, async (event, { parties }) => {
    const about = aboutOrder(await parties.get(event.data.orderId));
    return event.data.offers.flatMap((offer) => tell(offer.socialWorkerId, 'offer-made', { ...about, expiresAt: offer.expiresAt }));
  }),
  route(OrderClaimedV1, async (event, { parties }) => {
    const order = await parties.get(event.data.orderId);
    return tell(order.residentId, 'order-claimed', aboutOrder(order));
  }),
  // The people who must act now: critical when the order is urgent, quiet hours or not. The
  // resident is not told about an escalation (lantern.order.escalated.v1): it is the centre's
  // internal business, and they hear as soon as someone takes the order.
  route(MatchingEscalatedV1, async (event, { parties }) => {
    const order = await parties.get(event.data.orderId);
    const urgent = order.urgency === 'urgent';
    const assignees = event.data.level === 'committee' ? event.data.assignees.map((id) => fulfillerInbox({ type: 'committee', id })) : event.data.assignees;
    return assignees.flatMap((id) => tell(id, 'escalation-assigned', { ...aboutOrder(order), urgent: String(urgent) }, urgent));
  }),
  // The backstop's own clock ran out too: the final alert, always critical.
  route(MatchingBackstopOverdueV1, async (event, { parties, recipients }) => {
    const about = { ...aboutOrder(await parties.get(event.data.orderId)), villageId: event.data.villageId, escalatedAt: event.data.escalatedAt };
    return (await centreAdmins(recipients)).flatMap((id) => tell(id, 'backstop-overdue', about, true));
  }),
  route(OrderCancelledV1, async (event, { parties }) => cancelled(event.data, await parties.get(event.data.orderId, 'claimant'), event.data.residentId)),
  route(OrderCancelledConfidentialV1, async (event, { parties }) => cancelled(event.data, await parties.get(event.data.orderId, 'claimant'))),
  route(OrderRoutedV1, async (event, { parties }) => routed(event.data, await parties.get(event.data.orderId))),
  route(OrderRoutedConfidentialV1, async (event, { parties }) => routed(event.data, await parties.get(event.data.orderId))),
  // The fulfil clock: a warning to the fulfiller and the worker, then the supervisors when it ran out.
  route(OrderFulfilDueSoonV1, async (event, { parties }) => {
    const about = { ...aboutOrder(await parties.get(event.data.orderId)), deadline: event.data.fulfilDeadline };
    return [...tell(fulfillerInbox(event.data.fulfiller), 'fulfil-due-soon', about), ...tell(event.data.claimedBy, 'fulfil-due-soon', about)];
  }),
  route(OrderFulfilOverdueV1, async (event, { parties, recipients }) => {
    const about = { ...aboutOrder(await parties.get(event.data.orderId)), deadline: event.data.fulfilDeadline };
    return (await stationSupervisors(event.data.stationId, recipients)).flatMap((id) => tell(id, 'fulfil-overdue', about, true));
  }),
  // Back to whoever holds the claim, who must route it anew.
  route(OrderHandedBackV1, async (event, { parties }) =>
    tell(event.data.returnedTo, 'order-handed-back', { ...aboutOrder(await parties.get(event.data.orderId)), reason: event.data.reason }),
  ),
  route(OrderReassignedV1, async (event, { parties }) => {
    const about = aboutOrder(await parties.get(event.data.orderId));
    return [...tell(event.data.toSocialWorkerId, 'claim-reassigned-to-you', about), ...tell(event.data.fromSocialWorkerId, 'claim-reassigned-away', about)];
  }),
  route(OrderStartedV1, async (event, { parties }) => {
    const order = await parties.get(event.data.orderId);
    return tell(order.residentId, 'order-started', aboutOrder(order));
  }),
  route(OrderCompletedV1, async (event, { parties }) => tell(event.data.residentId, 'order-completed', aboutOrder(await parties.get(event.data.orderId)))),
  route(OrderCompletedConfidentialV1, async (event, { parties }) => {
    const order = await parties.get(event.data.orderId);
    return tell(order.residentId, 'order-completed', aboutOrder(order));
  }),
  // Completed by the station itself (.v2): the resident hears it alike.
  route(OrderCompletedV2, async (event, { parties }) => tell(event.data.residentId, 'order-completed', aboutOrder(await parties.get(event.data.orderId)))),
  route(OrderCompletedConfidentialV2, async (event, { parties }) => {
    const order = await parties.get(event.data.orderId);
    return tell(order.residentId, 'order-completed', aboutOrder(order));
  }),
  route(OrderRatedV1, async (event, { parties }) => {
    const order = await parties.get(event.data.orderId, 'claimant');
    return tell(order.socialWorkerId, 'order-rated', { ...aboutOrder(order), rating: String(event.data.rating) });
  }),
  // The low-rating follow-up case: the supervisors hear it opened, its owner that it is theirs
  // and by when; both when it passes its deadline open; the owner when a supervisor closes it.
  route(OrderFollowUpRequestedV1, async (event, { parties, recipients }) => {
    const about = { ...aboutOrder(await parties.get(event.data.orderId)), rating: String(event.data.rating) };
    const owner = event.data.dueAt ? tell(event.data.ownerId, 'follow-up-assigned', { ...about, deadline: event.data.dueAt }) : [];
    const supervisors = (await stationSupervisors(event.data.stationId, recipients)).filter((id) => !owner.some((message) => message.recipientId === id));
    return [...supervisors.flatMap((id) => tell(id, 'follow-up-requested', about)), ...owner];
  }),
  route(OrderFollowUpOverdueV1, async (event, { parties, recipients }) => {
    const about = { ...aboutOrder(await parties.get(event.data.orderId)), deadline: event.data.dueAt };
    const supervisors = await stationSupervisors(event.data.stationId, recipients);
    const owner = event.data.ownerId && !supervisors.includes(event.data.ownerId) ? tell(event.data.ownerId, 'follow-up-overdue', about) : [];
    return [...supervisors.flatMap((id) => tell(id, 'follow-up-overdue', about, true)), ...owner];
  }),
  route(OrderFollowUpClosedV1, async (event, { parties }) =>
    tell(event.data.ownerId, 'follow-up-closed', { ...aboutOrder(await parties.get(event.data.orderId)), outcome: event.data.outcome }),
  ),
  route(VolunteerLevelReachedV1, async (event) =>
    tell(event.data.volunteerId, 'level-reached', {
      stars: String(event.data.stars),
      thresholdHours: String(event.data.thresholdHours),
      totalHours: String(event.data.totalHours),
    }),
  ),
  // A volunteer hears what changes their own plans or record; the coordinator who made the
  // change (a sign-up they cancelled, a task they assigned) knows it already.
  route(ActivityPromotedFromWaitlistV1, async (event, { activities }) =>
    tell(event.data.volunteerId, 'waitlist-promoted', { activityId: event.data.activityId, activity: await activities.titleOf(event.data.activityId) }),
  ),
  route(ActivitySignUpCancelledV1, async (event, { activities }) =>
    event.data.cancelledBy === event.data.volunteerId
      ? []
      : tell(event.data.volunteerId, 'sign-up-cancelled', { activityId: event.data.activityId, activity: await activities.titleOf(event.data.activityId) }),
  ),
  // The organisers moved or called off an activity: everyone who held or waited for a place hears.
  route(ActivityRescheduledV1, async (event, { activities }) => {
    const params = { activityId: event.data.activityId, activity: await activities.titleOf(event.data.activityId), startsAt: event.data.startsAt, endsAt: event.data.endsAt };
    return event.data.volunteerIds.flatMap((volunteerId) => tell(volunteerId, 'activity-rescheduled', params));
  }),
  // Says what changed (time, place, capacity) and only that: the template words each part given.
  route(ActivityChangedV1, async (event, { activities }) => {
    const { activityId, changed, startsAt, endsAt, stationId, capacity } = event.data;
    const params = { activityId, activity: await activities.titleOf(activityId), changed: changed.join(','), startsAt, endsAt, stationId, capacity: String(capacity) };
    return event.data.volunteerIds.flatMap((volunteerId) => tell(volunteerId, 'activity-changed', params));
  }),
  route(ActivityCancelledV1, async (event, { activities }) => {
    const params = { activityId: event.data.activityId, activity: await activities.titleOf(event.data.activityId), reason: event.data.reason };
    return event.data.volunteerIds.flatMap((volunteerId) => tell(volunteerId, 'activity-cancelled', params));
  }),
  route(VolunteerTaskAssignedV1, async (event) =>
    event.data.volunteerIds.flatMap((volunteerId) => tell(volunteerId, 'task-assigned', { orderId: event.data.orderId, taskId: event.data.taskId })),
  ),
  route(VolunteerHoursCreditedV1, async (event) =>
    tell(event.data.volunteerId, 'hours-credited', { hours: String(event.data.hours), totalHours: String(event.data.totalHours), sourceType: event.data.sourceType }),
  ),
  // Campaign managers see the money they raised turn into visits done.
  route(CharityVisitFulfilledV1, async (event, { campaigns }) => {
    const campaign = await campaigns.get(event.data.campaignId);
    const params = { campaign: campaign?.title ?? event.data.campaignId, orderId: event.data.orderId, outcome: event.data.outcome };
    return (campaign?.managerIds ?? []).flatMap((managerId) => tell(managerId, 'funded-visit-fulfilled', params));
  }),
  route(WebhookSubscriptionDisabledV1, async (event) =>
    tell(event.data.ownerId, 'webhook-disabled', { subscriptionId: event.data.subscriptionId, failures: String(event.data.consecutiveFailures) }),
  ),
  route(BroadcastSentV1, async (event, { recipients, teams }) => {
    const { audience } = event.data;
    // A team is everyone on its roster (registered here or not); a station or a role is
    // whoever registered here with it in their token.
    const members =
      audience.type === 'team'
        ? await teams.audienceOf(audience.id)
        : await recipients.members(audience.type === 'station' ? { station: audience.id } : { role: audience.id, stations: audience.withinStations });
    const params = { ...localized('title', event.data.title), ...localized('body', event.data.body) };
    return members.flatMap((id) => tell(id, 'broadcast', params));
  }),
];

const byType = new Map(ROUTES.map((entry) => [entry.type, entry]));

export function routeFor(type: string): Route | undefined {
  return byType.get(type);
}
