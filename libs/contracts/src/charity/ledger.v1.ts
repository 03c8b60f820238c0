import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

// Money moving in and out of a campaign's ledger, in integer cents (fen). Ids and amounts only:
// no buyer, no payment reference — those stay inside the charity-sales service.

const campaign = { topic: TOPICS.charity, source: SOURCES.charity, aggregate: 'campaign' } as const;
const base = { campaignId: entityId, version: streamVersion };

export const SALE_CHANNELS = ['booth', 'online'] as const;
export const REFUND_REASONS = ['returned', 'damaged', 'payment_failed', 'duplicate_payment', 'other'] as const;

export const CharitySaleRecordedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.sale-recorded.v1',
  summary: 'Items were sold at the booth or online; their stock went down and the amount entered the ledger.',
  schema: z.object({
    ...base,
    saleId: entityId,
    channel: z.enum(SALE_CHANNELS),
    lines: z.array(z.object({ itemId: entityId, quantity: z.number().int().min(1), unitPriceCents: z.number().int().min(1) })).min(1),
    amountCents: z.number().int().min(1),
    recordedBy: entityId,
    recordedAt: isoTime,
  }),
});

export const CharityRefundRecordedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.refund-recorded.v1',
  summary: 'Part or all of a sale was refunded: the items went back into stock and the amount left the ledger.',
  schema: z.object({
    ...base,
    refundId: entityId,
    saleId: entityId,
    lines: z.array(z.object({ itemId: entityId, quantity: z.number().int().min(1), unitPriceCents: z.number().int().min(1) })).min(1),
    amountCents: z.number().int().min(1),
    reason: z.enum(REFUND_REASONS),
    recordedBy: entityId,
    recordedAt: isoTime,
  }),
});

export const CharityCorrectionRecordedV1 = defineEvent({
  ...campaign,
  type: 'lantern.charity.correction-recorded.v1',
  summary: 'A ledger correction: a new signed entry with its public explanation (entries are never edited).',
  schema: z.object({
    ...base,
    correctionId: entityId,
    amountCents: z
      .number()
      .int()
      .refine((value) => value !== 0, 'must not be zero')
      .describe('Signed: positive adds to the balance, negative takes from it'),
    explanation: z.string().min(1).max(500).describe('Published in the ledger as it is'),
    correctsEntry: z.number().int().min(1).nullable().describe('Ledger sequence number of the entry this corrects, if one'),
    recordedBy: entityId,
    recordedAt: isoTime,
  }),
});
