import {
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
} from '@lantern/contracts';
import { existing, StoredEvent } from '@lantern/event-store';
import { CampaignReport } from '../public-report.response.dto';
import { Principal } from '@lantern/identity';
import { mayManage } from './campaign-ownership';
import { campaignReducer } from './campaign.state';

const at = '2027-01-21T10:00:00.000Z';
let version = 0;
const event = (type: string, data: Record<string, unknown>): StoredEvent =>
  ({ type, data: { campaignId: 'cmp_1', version: ++version, ...data }, version, time: new Date(at) }) as unknown as StoredEvent;

const fold = (events: StoredEvent[]) => events.reduce((state, next) => campaignReducer.apply(state, next), campaignReducer.initial());

describe('campaign state', () => {
  const history = [
    event(CharityCampaignCreatedV1.type, { title: 't', purpose: 'p', partner: { name: 'n', filingNumber: 'f' }, startsOn: '2027-11-01', endsOn: '2027-11-30', createdBy: 'cm', createdAt: at }),
    event(CharityItemAddedV1.type, { itemId: 'itm_a', name: 'Rabbit', priceCents: 3800, stock: 5, madeBy: { type: 'team', id: 't1' }, addedAt: at }),
    event(CharitySaleRecordedV1.type, { saleId: 'sale_1', channel: 'booth', lines: [{ itemId: 'itm_a', quantity: 3, unitPriceCents: 3800 }], amountCents: 11_400, recordedBy: 'v', recordedAt: at }),
    event(CharityRefundRecordedV1.type, { refundId: 'rfd_1', saleId: 'sale_1', lines: [{ itemId: 'itm_a', quantity: 1, unitPriceCents: 3800 }], amountCents: 3800, reason: 'returned', recordedBy: 'cm', recordedAt: at }),
    event(CharityCorrectionRecordedV1.type, { correctionId: 'cor_1', amountCents: -400, explanation: 'cash short', correctsEntry: 1, recordedBy: 'cm', recordedAt: at }),
    event(CharityFundsDisbursedV1.type, { disbursementId: 'dsb_1', amountCents: 5000, visits: [{ visitId: 'dsb_1_v1', stationId: 's', serviceCode: 'home-visit', householdRef: 'hh-1' }], disbursedAt: at }),
    event(CharityVisitFulfilledV1.type, { disbursementId: 'dsb_1', visitId: 'dsb_1_v1', orderId: 'ord_fund_dsb_1_v1', outcome: 'done', fulfilledAt: at }),
  ];

  it('keeps stock, the ledger with its running balance, and the funded visits', () => {
    const state = fold(history);
    expect(state.items.itm_a).toMatchObject({ sold: 3, returned: 1, remaining: 3 });
    expect(state.ledger.map((entry) => [entry.kind, entry.amountCents, entry.balanceCents])).toEqual([
      ['sale', 11_400, 11_400],
      ['refund', -3800, 7600],
      ['correction', -400, 7200],
      ['disbursement', -5000, 2200],
    ]);
    expect(state.totals).toEqual({ raisedCents: 11_400, refundedCents: 3800, disbursedCents: 5000, correctionsCents: -400, balanceCents: 2200 });
    expect(state.disbursements.dsb_1.visits[0]).toMatchObject({ orderId: 'ord_fund_dsb_1_v1', status: 'FULFILLED', outcome: 'done' });
  });

  it('counts restocks into the stock and what is left, once per restock id', () => {
    const state = fold([
      ...history,
      event(CharityItemRestockedV1.type, { itemId: 'itm_a', restockId: 'stk_1', quantity: 4, restockedBy: 'cm', restockedAt: at }),
    ]);
    expect(state.items.itm_a).toMatchObject({ stock: 9, sold: 3, returned: 1, remaining: 7 });
    expect(state.restockIds).toEqual({ stk_1: true });
  });

  it('is managed by its creator, the co-managers added on the stream, and admins — nobody else', () => {
    const state = existing(fold([...history, event(CharityManagerAddedV1.type, { managerId: 'cm-co', addedBy: 'cm', addedAt: at })]), 'cmp_1');
    const caller = (sub: string, roles: Principal['roles']): Principal => ({ sub, roles, stations: [] });
    expect(state.managers).toEqual(['cm', 'cm-co']);
    expect(mayManage(state, caller('cm', ['campaign_manager']))).toBe(true);
    expect(mayManage(state, caller('cm-co', ['campaign_manager']))).toBe(true);
    expect(mayManage(state, caller('admin-1', ['admin']))).toBe(true);
    expect(mayManage(state, caller('cm-other', ['campaign_manager']))).toBe(false);
    // A manager id is not enough without the role in the token.
    expect(mayManage(state, caller('cm-co', ['volunteer']))).toBe(false);
  });

  it('the report hides household references and dates the final disclosure three months after the end', () => {
    const report = CampaignReport.from(existing(fold(history), 'cmp_1'), history.length);
    expect(report.finalDisclosureDueBy).toBe('2028-02-29');
    expect(JSON.stringify(report)).not.toContain('hh-1');
  });

  it('is created as a DRAFT managed by its creator; opening and closing set the status and their moments; a removed manager is gone', () => {
    const created = fold(history.slice(0, 1));
    expect(created).toMatchObject({ exists: true, id: 'cmp_1', status: 'DRAFT', managers: ['cm'], openedAt: null, closedAt: null });
    const opened = fold([...history, event(CharityCampaignOpenedV1.type, { openedBy: 'cm', openedAt: '2027-11-01T00:00:00.000Z' })]);
    expect(opened).toMatchObject({ status: 'OPEN', openedAt: '2027-11-01T00:00:00.000Z', closedAt: null });
    const closed = campaignReducer.apply(opened, event(CharityCampaignClosedV1.type, { closedBy: 'cm', closedAt: '2027-12-01T00:00:00.000Z' }));
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: '2027-12-01T00:00:00.000Z' });
    const added = campaignReducer.apply(closed, event(CharityManagerAddedV1.type, { managerId: 'cm-co', addedBy: 'cm', addedAt: at }));
    expect(campaignReducer.apply(added, event(CharityManagerRemovedV1.type, { managerId: 'cm', removedBy: 'cm-co', removedAt: at }))).toMatchObject({ managers: ['cm-co'] });
  });

  it('before creation, opening, closing and managers change nothing', () => {
    const none = fold([
      event(CharityCampaignOpenedV1.type, { openedAt: at }),
      event(CharityCampaignClosedV1.type, { closedAt: at }),
      event(CharityManagerAddedV1.type, { managerId: 'cm-co' }),
      event(CharityManagerRemovedV1.type, { managerId: 'cm-co' }),
    ]);
    expect(none).toEqual(campaignReducer.initial());
  });
});
