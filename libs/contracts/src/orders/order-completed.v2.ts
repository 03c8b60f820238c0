import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent } from '../event-contract';
import { OrderCompletedConfidentialV1 } from './confidential-order.v1';
import { FULFILLER_TYPES, OrderCompletedV1 } from './order-lifecycle.v1';

// Version 2 of the completion: the fulfiller may be the station itself — a station supervisor
// who took an escalated order and did it with the station's own staff, without routing it to a
// committee, partner or team. The .v1 events cannot say that (their fulfiller type is closed), so
// such a completion is published as .v2 only; every other completion stays .v1, unchanged. A
// consumer that wants every completion subscribes to both; the fields are the same otherwise.

/** Who can fulfil an order, from version 2: the directory's kinds, and the order's own station. */
export const FULFILLER_TYPES_V2 = [...FULFILLER_TYPES, 'station'] as const;
const fulfiller = z.object({ type: z.enum(FULFILLER_TYPES_V2), id: entityId }).describe('For type station, the id is the order\'s station');
// The station's leg was never routed, so no order.routed carried its deadline: the completion does,
// for whoever judges whether it was done in time (the reports' on-time fulfilment).
const fulfilDeadline = isoTime
  .optional()
  .describe("The fulfil deadline the station had: the service's fulfil SLA from when the station took the order. Absent on events published before it existed");

export const OrderCompletedV2 = defineEvent({
  ...OrderCompletedV1,
  type: 'lantern.order.completed.v2',
  summary: `${OrderCompletedV1.summary} Version 2: published (instead of .v1) when the station itself fulfilled the order.`,
  schema: OrderCompletedV1.schema.extend({ fulfiller, fulfilDeadline }),
});

export const OrderCompletedConfidentialV2 = defineEvent({
  ...OrderCompletedConfidentialV1,
  type: 'lantern.order.completed-confidential.v2',
  summary: `${OrderCompletedConfidentialV1.summary} Version 2: published (instead of .v1) when the station itself fulfilled the order.`,
  schema: OrderCompletedConfidentialV1.schema.extend({ fulfiller, fulfilDeadline }),
});
