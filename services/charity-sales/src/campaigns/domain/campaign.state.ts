import {
  CAMPAIGN_STATUSES,
  CharityCampaignClosedV1,
  CharityCampaignCreatedV1,
  CharityCampaignOpenedV1,
  CharityCorrectionRecordedV1,
  CharityFundsDisbursedV1,
  CharityItemAddedV1,
  CharityItemRestockedV1,
  CharityManagerAddedV1,
  CharityManagerRemovedV1,
  CharityRefundRecordedV1,
  CharitySaleRecordedV1,
  CharityVisitFulfilledV1,
  EventData,
  fundedVisitOrderId,
} from '@lantern/contracts';
import { Reducer, StoredEvent } from '@lantern/event-store';

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type LedgerKind = 'sale' | 'refund' | 'disbursement' | 'correction';

export interface ItemState {
  id: string;
  name: string;
  priceCents: number;
  /** Stock put on sale, restocks included; what is left is `remaining`. */
  stock: number;
  sold: number;
  returned: number;
  remaining: number;
  madeBy: { type: 'team' | 'resident'; id: string };
}

export interface SaleLine {
  itemId: string;
  quantity: number;
  unitPriceCents: number;
}

export interface SaleState {
  id: string;
  channel: 'booth' | 'online';
  lines: SaleLine[];
  amountCents: number;
  /** Quantity refunded so far, per item. */
  refunded: Record<string, number>;
  recordedAt: string;
}

export interface VisitState {
  visitId: string;
  orderId: string;
  stationId: string;
  serviceCode: string;
  householdRef: string;
  status: 'FUNDED' | 'FULFILLED';
  outcome: 'done' | 'partially_done' | 'referred' | null;
  fulfilledAt: string | null;
}

export interface DisbursementState {
  id: string;
  amountCents: number;
  visits: VisitState[];
  disbursedAt: string;
}

/** One line of the public ledger; `amountCents` is signed, `balanceCents` is the running sum. */
export interface LedgerEntry {
  seq: number;
  kind: LedgerKind;
  /** The sale, refund, disbursement or correction this entry records. */
  ref: string;
  amountCents: number;
  balanceCents: number;
  at: string;
  explanation: string | null;
  correctsEntry: number | null;
}

export interface Totals {
  raisedCents: number;
  refundedCents: number;
  disbursedCents: number;
  correctionsCents: number;
  balanceCents: number;
}

/** The campaign's books: stock, sales, the ledger and its totals — empty before it is created. */
export interface CampaignBooks {
  items: Record<string, ItemState>;
  sales: Record<string, SaleState>;
  refundIds: Record<string, true>;
  restockIds: Record<string, true>;
  correctionIds: Record<string, true>;
  disbursements: Record<string, DisbursementState>;
  ledger: LedgerEntry[];
  totals: Totals;
}

/** A stream with no campaign created yet. */
export interface NoCampaign extends CampaignBooks {
  exists: false;
}

export interface Campaign extends CampaignBooks {
  exists: true;
  id: string;
  title: string;
  purpose: string;
  partner: { name: string; filingNumber: string };
  startsOn: string;
  endsOn: string;
  status: CampaignStatus;
  /** Staff subject ids of who manages it: the creator first, then co-managers in the order added. */
  managers: string[];
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export type CampaignState = NoCampaign | Campaign;

function post(state: CampaignBooks, kind: LedgerKind, ref: string, amountCents: number, at: string, extra: Partial<LedgerEntry> = {}): void {
  state.totals.balanceCents += amountCents;
  state.ledger.push({
    seq: state.ledger.length + 1,
    kind,
    ref,
    amountCents,
    balanceCents: state.totals.balanceCents,
    at,
    explanation: null,
    correctsEntry: null,
    ...extra,
  });
}

/**
 * Folds a campaign stream: items and stock, sales, the ledger with its running balance, and
 * the disbursed visits. Streams are folded from scratch on every load, so `apply` updates the
 * state it is given in place (copying per event would make a long stream quadratic).
 */
export const campaignReducer: Reducer<CampaignState> = {
  initial: () => ({
    exists: false,
    items: {},
    sales: {},
    refundIds: {},
    restockIds: {},
    correctionIds: {},
    disbursements: {},
    ledger: [],
    totals: { raisedCents: 0, refundedCents: 0, disbursedCents: 0, correctionsCents: 0, balanceCents: 0 },
  }),
  apply(state, event: StoredEvent) {
    switch (event.type) {
      case CharityCampaignCreatedV1.type: {
        const data = event.data as EventData<typeof CharityCampaignCreatedV1>;
        return Object.assign(state, {
          exists: true as const,
          id: data.campaignId,
          title: data.title,
          purpose: data.purpose,
          partner: data.partner,
          startsOn: data.startsOn,
          endsOn: data.endsOn,
          status: 'DRAFT' as const,
          managers: [data.createdBy],
          createdAt: data.createdAt,
          openedAt: null,
          closedAt: null,
        });
      }
      case CharityItemAddedV1.type: {
        const data = event.data as EventData<typeof CharityItemAddedV1>;
        state.items[data.itemId] = {
          id: data.itemId,
          name: data.name,
          priceCents: data.priceCents,
          stock: data.stock,
          sold: 0,
          returned: 0,
          remaining: data.stock,
          madeBy: data.madeBy,
        };
        return state;
      }
      case CharityItemRestockedV1.type: {
        const data = event.data as EventData<typeof CharityItemRestockedV1>;
        const item = state.items[data.itemId];
        item.stock += data.quantity;
        item.remaining += data.quantity;
        state.restockIds[data.restockId] = true;
        return state;
      }
      case CharityManagerAddedV1.type: {
        const { managerId } = event.data as EventData<typeof CharityManagerAddedV1>;
        if (!state.exists) return state; // managers, status: only once created
        if (!state.managers.includes(managerId)) state.managers.push(managerId);
        return state;
      }
      case CharityManagerRemovedV1.type: {
        const { managerId } = event.data as EventData<typeof CharityManagerRemovedV1>;
        if (!state.exists) return state;
        state.managers = state.managers.filter((id) => id !== managerId);
        return state;
      }
      case CharityCampaignOpenedV1.type:
        if (!state.exists) return state;
        state.status = 'OPEN';
        state.openedAt = (event.data as EventData<typeof CharityCampaignOpenedV1>).openedAt;
        return state;
      case CharityCampaignClosedV1.type:
        if (!state.exists) return state;
        state.status = 'CLOSED';
        state.closedAt = (event.data as EventData<typeof CharityCampaignClosedV1>).closedAt;
        return state;
      case CharitySaleRecordedV1.type: {
        const data = event.data as EventData<typeof CharitySaleRecordedV1>;
        for (const line of data.lines) {
          const item = state.items[line.itemId];
          item.sold += line.quantity;
          item.remaining -= line.quantity;
        }
        state.sales[data.saleId] = { id: data.saleId, channel: data.channel, lines: data.lines, amountCents: data.amountCents, refunded: {}, recordedAt: data.recordedAt };
        state.totals.raisedCents += data.amountCents;
        post(state, 'sale', data.saleId, data.amountCents, data.recordedAt);
        return state;
      }
      case CharityRefundRecordedV1.type: {
        const data = event.data as EventData<typeof CharityRefundRecordedV1>;
        const sale = state.sales[data.saleId];
        for (const line of data.lines) {
          const item = state.items[line.itemId];
          item.returned += line.quantity;
          item.remaining += line.quantity;
          sale.refunded[line.itemId] = (sale.refunded[line.itemId] ?? 0) + line.quantity;
        }
        state.refundIds[data.refundId] = true;
        state.totals.refundedCents += data.amountCents;
        post(state, 'refund', data.refundId, -data.amountCents, data.recordedAt);
        return state;
      }
      case CharityCorrectionRecordedV1.type: {
        const data = event.data as EventData<typeof CharityCorrectionRecordedV1>;
        state.correctionIds[data.correctionId] = true;
        state.totals.correctionsCents += data.amountCents;
        post(state, 'correction', data.correctionId, data.amountCents, data.recordedAt, {
          explanation: data.explanation,
          correctsEntry: data.correctsEntry,
        });
        return state;
      }
      case CharityFundsDisbursedV1.type: {
        const data = event.data as EventData<typeof CharityFundsDisbursedV1>;
        state.disbursements[data.disbursementId] = {
          id: data.disbursementId,
          amountCents: data.amountCents,
          disbursedAt: data.disbursedAt,
          visits: data.visits.map((visit) => ({
            ...visit,
            orderId: fundedVisitOrderId(visit.visitId),
            status: 'FUNDED',
            outcome: null,
            fulfilledAt: null,
          })),
        };
        state.totals.disbursedCents += data.amountCents;
        post(state, 'disbursement', data.disbursementId, -data.amountCents, data.disbursedAt);
        return state;
      }
      case CharityVisitFulfilledV1.type: {
        const data = event.data as EventData<typeof CharityVisitFulfilledV1>;
        const visit = state.disbursements[data.disbursementId]?.visits.find((candidate) => candidate.visitId === data.visitId);
        if (visit) Object.assign(visit, { status: 'FULFILLED', outcome: data.outcome, fulfilledAt: data.fulfilledAt });
        return state;
      }
      default:
        return state; // an event this version of the service does not know changes nothing
    }
  },
};
