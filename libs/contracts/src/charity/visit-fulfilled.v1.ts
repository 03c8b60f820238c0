import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

export const CharityVisitFulfilledV1 = defineEvent({
  topic: TOPICS.charity,
  source: SOURCES.charity,
  aggregate: 'campaign',
  type: 'lantern.charity.visit-fulfilled.v1',
  summary: 'The funded order of a disbursed visit was completed by its fulfiller; the public report shows the visit as done.',
  schema: z.object({
    campaignId: entityId,
    version: streamVersion,
    disbursementId: entityId,
    visitId: entityId,
    orderId: entityId,
    outcome: z.enum(['done', 'partially_done', 'referred']),
    fulfilledAt: isoTime,
  }),
});
