import { emptyFact, foldEvent, OrderReportFact } from './order-report-fact';
import { entryOf } from './report-entry';

const placed = { orderId: 'ord-1', version: 1, residentId: 'res-a', serviceCode: 'meals', category: 'elderly', urgency: 'normal', stationId: 'st-1', villageId: 'v-1', placedAt: '2026-11-30T15:50:00Z' };
const context = { kind: 'regular', claimDueAt: new Date('2026-11-30T16:10:00Z') };
const events: [string, Record<string, unknown> & { version: number }][] = [
  ['lantern.order.placed.v1', placed],
  ['lantern.order.escalated.v1', { orderId: 'ord-1', version: 2, level: 'supervisor' }],
  ['lantern.order.claimed.v1', { orderId: 'ord-1', version: 3, socialWorkerId: 'sw-1', claimedAt: '2026-11-30T16:05:00Z' }],
  ['lantern.order.routed.v1', { orderId: 'ord-1', version: 4, fulfiller: { type: 'partner', id: 'org-1' }, fulfilDeadline: '2026-12-01T00:00:00Z' }],
  ['lantern.order.completed.v1', { orderId: 'ord-1', version: 6, outcome: 'done', completedAt: '2026-12-01T01:00:00Z' }],
  ['lantern.order.rated.v1', { orderId: 'ord-1', version: 7, rating: 2 }],
  ['lantern.order.follow-up-requested.v1', { orderId: 'ord-1', version: 8 }],
  ['lantern.order.some-future-event.v1', { orderId: 'ord-1', version: 9 }],
];
const fold = (list: typeof events, start: OrderReportFact = emptyFact('ord-1')) =>
  list.reduce((fact, [type, data]) => foldEvent(fact, type, data, type === 'lantern.order.placed.v1' ? context : undefined), start);

describe('an order as the reports see it', () => {
  it('counts on the Shanghai day of its placement, with the claim measured against its SLA', () => {
    expect(fold(events).placement?.day).toBe('2026-11-30');
    expect(entryOf(fold(events))).toEqual({
      service: 'meals',
      category: 'elderly',
      kind: 'regular',
      urgency: 'normal',
      claimMinutes: 15,
      claimedOnTime: true,
      escalations: ['supervisor'],
      socialWorkerId: 'sw-1',
      fulfiller: 'partner:org-1',
      end: 'done',
      cancelledBy: null,
      fulfilledOnTime: false,
      fulfilledDirectly: false,
      rating: 2,
      followUp: 'open',
      followUpOutcome: null,
      followUpClosedOnTime: null,
      handBackReasons: [],
      reassignments: 0,
    });
  });

  it('the same events in any order, or twice, fold to the same fact; an unknown event type changes nothing', () => {
    const forwards = fold(events);
    expect(fold([...events].reverse())).toEqual(forwards);
    expect(fold([...events, ...events])).toEqual(forwards);
    expect(fold(events.slice(-1), forwards)).toBe(forwards);
  });

  it('before its placement arrives an order has no entry; a re-claim keeps the first claim time and the latest claimant', () => {
    const early = fold(events.slice(2, 3));
    expect(entryOf(early)).toBeNull();
    const reclaimed = foldEvent(fold(events), 'lantern.order.claimed.v1', { orderId: 'ord-1', version: 10, socialWorkerId: 'sw-2', claimedAt: '2026-12-02T00:00:00Z' });
    expect(entryOf(reclaimed)).toMatchObject({ claimMinutes: 15, socialWorkerId: 'sw-2' });
  });

  it('an escalated order a supervisor routes straight away (takenAs) counts as claimed by them when routed', () => {
    const taken = fold([
      events[0],
      events[1],
      ['lantern.order.routed.v1', { orderId: 'ord-1', version: 3, fulfiller: { type: 'committee', id: 'v-1' }, fulfilDeadline: '2026-12-01T00:00:00Z', routedBy: 'sup-1', routedAt: '2026-11-30T16:30:00Z', takenAs: 'supervisor' }],
    ]);
    expect(entryOf(taken)).toMatchObject({ claimMinutes: 40, claimedOnTime: false, socialWorkerId: 'sup-1', fulfiller: 'committee:v-1' });
  });

  it('hand-backs and reassignments count once each, in any order; a reassignment moves the claim unless a later claim is known', () => {
    const wayBack: typeof events = [
      ['lantern.order.handed-back.v1', { orderId: 'ord-1', version: 5, reason: 'no_capacity' }],
      ['lantern.order.reassigned.v1', { orderId: 'ord-1', version: 9, toSocialWorkerId: 'sw-2' }],
      ['lantern.order.handed-back.v1', { orderId: 'ord-1', version: 11, reason: 'not_qualified' }],
    ];
    const forwards = fold([...events, ...wayBack]);
    expect(entryOf(forwards)).toMatchObject({ handBackReasons: ['no_capacity', 'not_qualified'], reassignments: 1, socialWorkerId: 'sw-2' });
    expect(fold([...wayBack, ...events].reverse())).toEqual(forwards);
    expect(fold([...wayBack, ...events, ...wayBack])).toEqual(forwards);
    const reclaimedLater = foldEvent(forwards, 'lantern.order.claimed.v1', { orderId: 'ord-1', version: 12, socialWorkerId: 'sw-3', claimedAt: '2026-12-02T00:00:00Z' });
    expect(entryOf(foldEvent(reclaimedLater, 'lantern.order.reassigned.v1', { orderId: 'ord-1', version: 9, toSocialWorkerId: 'sw-2' }))).toMatchObject({ socialWorkerId: 'sw-3' });
  });

  it('a follow-up closed by a supervisor counts as closed with its outcome and whether by its deadline, whichever event arrives first', () => {
    const closed: typeof events = [
      ['lantern.order.follow-up-closed.v1', { orderId: 'ord-1', version: 10, outcome: 'explained', dueAt: '2026-12-03T00:00:00Z', closedAt: '2026-12-02T09:00:00Z' }],
    ];
    const forwards = fold([...events, ...closed]);
    expect(entryOf(forwards)).toMatchObject({ followUp: 'closed', followUpOutcome: 'explained', followUpClosedOnTime: true });
    expect(fold([...closed, ...events])).toEqual(forwards);
    expect(fold([...events, ...closed, ...events, ...closed])).toEqual(forwards);
    const late = foldEvent(fold(events), 'lantern.order.follow-up-closed.v1', { orderId: 'ord-1', version: 10, outcome: 'resolved', dueAt: '2026-12-01T00:00:00Z', closedAt: '2026-12-02T09:00:00Z' });
    expect(entryOf(late)).toMatchObject({ followUp: 'closed', followUpOutcome: 'resolved', followUpClosedOnTime: false });
  });

  it('fulfilled by the station itself (order.completed.v2): the station is its fulfiller, judged by the deadline the completion carries, whatever route was handed back before', () => {
    const direct = (completedAt: string, fulfilDeadline?: string): typeof events => [
      events[0],
      ['lantern.order.claimed.v1', { orderId: 'ord-1', version: 2, socialWorkerId: 'sup-1', claimedAt: '2026-11-30T16:05:00Z' }],
      ['lantern.order.routed.v1', { orderId: 'ord-1', version: 3, fulfiller: { type: 'partner', id: 'org-1' }, fulfilDeadline: '2026-11-30T17:00:00Z' }],
      ['lantern.order.handed-back.v1', { orderId: 'ord-1', version: 4, reason: 'no_capacity' }],
      ['lantern.order.completed.v2', { orderId: 'ord-1', version: 5, outcome: 'done', fulfiller: { type: 'station', id: 'st-1' }, completedAt, ...(fulfilDeadline ? { fulfilDeadline } : {}) }],
    ];
    const onTime = fold(direct('2026-12-01T01:00:00Z', '2026-12-07T16:05:00Z'));
    expect(entryOf(onTime)).toMatchObject({ fulfiller: 'station:st-1', fulfilledDirectly: true, fulfilledOnTime: true, end: 'done', socialWorkerId: 'sup-1' });
    expect(fold(direct('2026-12-01T01:00:00Z', '2026-12-07T16:05:00Z').reverse())).toEqual(onTime);
    expect(entryOf(fold(direct('2026-12-08T00:00:00Z', '2026-12-07T16:05:00Z')))).toMatchObject({ fulfilledDirectly: true, fulfilledOnTime: false });
    // A completion published before it carried the deadline: the station's work, not judged on time or late.
    expect(entryOf(fold(direct('2026-12-01T01:00:00Z')))).toMatchObject({ fulfiller: 'station:st-1', fulfilledDirectly: true, fulfilledOnTime: null });
  });
});
