import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

// A charity-sale campaign and its items. Every event is keyed by the campaign id and carries the
// campaign stream's version. What a campaign says about itself is public (it is fundraising in
// the open); nothing here names a buyer.

const campaign = { topic: TOPICS.charity, source: SOURCES.charity, aggregate: 'campaign' } as const;
const base = { campaignId: entityId, version: streamVersion };
const calendarDate = z.iso.date();

export const CAMPAIGN_STATUSES = ['DRAFT', 'OPEN', 'CLOSED'] as const;

export const CharityCampaignCreatedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.campaign-created.v1',
  summary: 'A campaign manager drafted a charity-sale campaign with its purpose and the partner charity that holds the funds.',
  schema: z.object({
    ...base,
    title: z.string().min(1).max(200),
    purpose: z.string().min(1).max(2000),
    partner: z.object({
      name: z.string().min(1).max(200).describe('The qualified charity organisation the sale runs with'),
      filingNumber: z.string().min(1).max(100).describe('Filing (备案) number of the public fundraising'),
    }),
    startsOn: calendarDate,
    endsOn: calendarDate,
    createdBy: entityId.describe("Staff subject id of the campaign manager who drafted it: the campaign's first manager"),
    createdAt: isoTime,
  }),
});

export const CharityItemAddedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.item-added.v1',
  summary: 'A handicraft was put on sale in the campaign, with its price and stock.',
  schema: z.object({
    ...base,
    itemId: entityId,
    name: z.string().min(1).max(200),
    priceCents: z.number().int().min(1),
    stock: z.number().int().min(1),
    madeBy: z.object({ type: z.enum(['team', 'resident']), id: entityId }),
    addedAt: isoTime,
  }),
});

export const CharityCampaignOpenedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.campaign-opened.v1',
  summary: 'The campaign opened: its items can be sold.',
  schema: z.object({ ...base, openedBy: entityId, openedAt: isoTime }),
});

export const CharityCampaignClosedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.campaign-closed.v1',
  summary: 'The campaign closed: no more sales; refunds, corrections and disbursements of the proceeds go on.',
  schema: z.object({ ...base, closedBy: entityId, closedAt: isoTime }),
});

export const CharityManagerAddedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.manager-added.v1',
  summary:
    "Another campaign manager now manages the campaign beside its creator (whose campaign-created `createdBy` makes them its first manager). A campaign's managers are the creator plus everyone added here.",
  schema: z.object({
    ...base,
    managerId: entityId.describe('Staff subject id of the new co-manager'),
    addedBy: entityId,
    addedAt: isoTime,
  }),
});

export const CharityManagerRemovedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.manager-removed.v1',
  summary:
    'A manager no longer manages the campaign (they left it, or another manager or an admin took them off). A campaign always keeps at least one manager.',
  schema: z.object({
    ...base,
    managerId: entityId.describe('Staff subject id of the former manager'),
    removedBy: entityId,
    removedAt: isoTime,
  }),
});

export const CharityItemRestockedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.item-restocked.v1',
  summary: 'More of an item was put on sale: its stock (and what is left to sell) went up by `quantity`.',
  schema: z.object({
    ...base,
    itemId: entityId,
    restockId: entityId.describe('Unique per restock; a retried restock carries the same id and is recorded once'),
    quantity: z.number().int().min(1),
    restockedBy: entityId,
    restockedAt: isoTime,
  }),
});
