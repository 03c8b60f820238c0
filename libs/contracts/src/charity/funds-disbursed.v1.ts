import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

export const CharityFundsDisbursedV1 = defineEvent({
  topic: TOPICS.charity,
  source: SOURCES.charity,
  aggregate: 'campaign',
  type: 'lantern.charity.funds-disbursed.v1',
  summary:
    'A campaign manager allocated proceeds to visits to households in need. The orders service turns each visit into a funded order (fundedBy = disbursementId).',
  schema: z.object({
    campaignId: entityId,
    version: streamVersion,
    disbursementId: entityId,
    amountCents: z.number().int().min(1),
    visits: z
      .array(
        z.object({
          visitId: entityId.describe('Unique per visit; the funded order id is derived from it'),
          stationId: entityId,
          serviceCode: z.string().min(1),
          householdRef: entityId.describe('An opaque household reference — never a name or an address'),
        }),
      )
      .min(1),
    disbursedAt: isoTime,
  }),
});

/**
 * The id of the funded order the orders service creates for a disbursed visit. Both sides use
 * this one derivation: orders to place the order idempotently (a redelivered disbursement lands
 * on the same order), charity-sales to lead `lantern.order.completed.v1` back to its visit.
 */
export const fundedVisitOrderId = (visitId: string): string => `ord_fund_${visitId}`;
