import { centreLog, logsOf, orderLog, personLog, stationLog } from './audit-entry';
import { AUDITED_EVENT_TYPES, auditEntryOf, needsOrderContext } from './audited-event';

const event = (type: string, data: Record<string, unknown>) => ({ id: 'evt-1', type, time: '2026-11-30T16:30:00.000Z', data });

describe('an event as the audit trail records it', () => {
  it('names the actor, the time the event says, the order and its station', () => {
    const entry = auditEntryOf(event('lantern.order.claimed.v1', { orderId: 'ord-1', version: 3, socialWorkerId: 'sw-1', stationId: 'st-1', claimedAt: '2026-11-30T15:59:00Z' }));
    expect(entry).toEqual({
      id: 'evt-1',
      at: '2026-11-30T15:59:00.000Z',
      action: 'order.claimed',
      actorId: 'sw-1',
      orderId: 'ord-1',
      stationId: 'st-1',
      subject: null,
      details: { claimedAs: 'social_worker' },
    });
    // 15:59 UTC is 23:59 in Shanghai: the day's logs are 30 November's.
    expect(logsOf(entry!)).toEqual([orderLog('ord-1', '2026-11-30'), personLog('sw-1', '2026-11-30'), stationLog('st-1', '2026-11-30'), centreLog('2026-11-30')]);
  });

  it("a rating's actor and a start's station come from the order's placement; an escalation has no actor", () => {
    expect(needsOrderContext('lantern.order.rated.v1')).toBe(true);
    expect(needsOrderContext('lantern.order.claimed.v1')).toBe(false);
    const rated = auditEntryOf(event('lantern.order.rated.v1', { orderId: 'ord-1', rating: 2, stationId: 'st-1', ratedAt: '2026-12-01T00:00:00Z' }), { resident: 'res-a', stationId: 'st-1' });
    expect(rated).toMatchObject({ actorId: 'res-a', details: { rating: 2 } });
    const started = auditEntryOf(event('lantern.order.started.v1', { orderId: 'ord-1', startedBy: 'com-1', fulfiller: { type: 'committee', id: 'v-1' }, startedAt: '2026-12-01T00:00:00Z' }), { resident: 'res-a', stationId: 'st-1' });
    expect(started).toMatchObject({ actorId: 'com-1', stationId: 'st-1' });
    const escalated = auditEntryOf(event('lantern.order.escalated.v1', { orderId: 'ord-1', level: 'supervisor', stationId: 'st-1', escalatedAt: '2026-12-01T00:00:00Z' }));
    expect(escalated).toMatchObject({ actorId: null, details: { level: 'supervisor' } });
    expect(logsOf(escalated!)).not.toContain(expect.stringMatching(/^person:/));
  });

  it('menu and charity changes have a subject and no order; a confidential order names its resident by pseudonym only', () => {
    expect(auditEntryOf(event('lantern.menu-service.added.v1', { serviceCode: 'meals', category: 'elderly-care', addedBy: 'admin-1', addedAt: '2026-12-01T00:00:00Z' }))).toMatchObject({
      action: 'menu-service.added',
      actorId: 'admin-1',
      subject: 'service:meals',
      orderId: null,
    });
    expect(auditEntryOf(event('lantern.charity.manager-removed.v1', { campaignId: 'c-1', managerId: 'm-2', removedBy: 'm-1', removedAt: '2026-12-01T00:00:00Z' }))).toMatchObject({
      action: 'charity.manager-removed',
      actorId: 'm-1',
      subject: 'campaign:c-1',
      details: { managerId: 'm-2' },
    });
    const placed = auditEntryOf(event('lantern.order.placed-confidential.v1', { orderId: 'ord-2', residentRef: 'rp1.sealed', category: 'family', placedBy: 'resident', stationId: 'st-1', placedAt: '2026-12-01T00:00:00Z' }));
    expect(placed).toMatchObject({ actorId: 'rp1.sealed', details: { category: 'family', placedBy: 'resident' } });
    expect(JSON.stringify(placed)).not.toMatch(/serviceCode/);
  });

  it('an order placed by staff on a resident\'s behalf names the staff member; a funded one (no staff named) no one', () => {
    const data = { orderId: 'ord-3', residentId: 'res-1', serviceCode: 'meals', placedBy: 'staff', urgency: 'normal', stationId: 'st-1', placedAt: '2026-12-01T00:00:00Z' };
    expect(auditEntryOf(event('lantern.order.placed.v1', { ...data, placedByStaffId: 'sw-1' }))).toMatchObject({ actorId: 'sw-1', details: { placedBy: 'staff' } });
    expect(auditEntryOf(event('lantern.order.placed-confidential.v1', { ...data, residentRef: 'rp1.sealed', placedByStaffId: 'sw-1' }))).toMatchObject({ actorId: 'sw-1' });
    expect(auditEntryOf(event('lantern.order.placed.v1', data))).toMatchObject({ actorId: null });
  });

  it('an order the station fulfilled itself (.v2) is recorded as a completion by the supervisor, the station as fulfiller', () => {
    const entry = auditEntryOf(
      event('lantern.order.completed.v2', { orderId: 'ord-1', version: 5, completedBy: 'sup-1', fulfiller: { type: 'station', id: 'st-1' }, outcome: 'done', stationId: 'st-1', completedAt: '2026-11-30T10:00:00Z' }),
    );
    expect(entry).toMatchObject({ action: 'order.completed', actorId: 'sup-1', orderId: 'ord-1', stationId: 'st-1', details: { outcome: 'done', fulfiller: 'station:st-1' } });
  });

  it('event types it does not audit give no entry', () => {
    expect(auditEntryOf(event('lantern.order.offered.v1', { orderId: 'ord-1' }))).toBeNull();
    expect(AUDITED_EVENT_TYPES).toContain('lantern.order.handed-back.v1');
  });
});
