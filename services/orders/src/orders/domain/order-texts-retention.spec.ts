import { OrderState, TimelineEntry } from './order.state';
import { endedAt, textsRetention } from './order-texts-retention';

const DAY = 24 * 3_600_000;
const entry = (version: number, status: TimelineEntry['status'], at: string): TimelineEntry => ({ version, type: 't', status, at, actor: null });
const order = (status: OrderState['status'], timeline: TimelineEntry[]) => ({ status, timeline }) as OrderState;

describe("an order's texts are kept for a window after the order ended", () => {
  const fulfilled = [entry(1, 'PLACED', '2026-01-01T00:00:00.000Z'), entry(2, 'FULFILLED', '2026-01-02T00:00:00.000Z')];

  it('a running or fulfilled order has not ended: its texts have no expiry yet', () => {
    expect(endedAt(order('FULFILLED', fulfilled))).toBeNull();
    expect(textsRetention(order('FULFILLED', fulfilled), 180 * DAY, null)).toEqual({ expiresAt: null, expired: false });
  });

  it('a closed order ended when it closed, not at a later step of its follow-up case', () => {
    const closed = order('CLOSED', [...fulfilled, entry(3, 'FULFILLED', '2026-01-03T00:00:00.000Z'), entry(4, 'CLOSED', '2026-01-03T00:00:00.000Z'), entry(5, 'CLOSED', '2026-01-05T00:00:00.000Z')]);
    expect(endedAt(closed)).toEqual(new Date('2026-01-03T00:00:00.000Z'));
    const expiresAt = new Date(Date.parse('2026-01-03T00:00:00.000Z') + 180 * DAY);
    expect(textsRetention(closed, 180 * DAY, null)).toEqual({ expiresAt, expired: false });
    // Once deleted, the deletion's own time is the answer, whatever the window is now.
    const deletedAt = new Date(expiresAt.getTime() + 5_000);
    expect(textsRetention(closed, 365 * DAY, deletedAt)).toEqual({ expiresAt: deletedAt, expired: true });
  });

  it('a cancelled order ended when it was cancelled', () => {
    const cancelled = order('CANCELLED', [entry(1, 'PLACED', '2026-01-01T00:00:00.000Z'), entry(2, 'CANCELLED', '2026-01-01T01:00:00.000Z')]);
    expect(endedAt(cancelled)).toEqual(new Date('2026-01-01T01:00:00.000Z'));
  });
});
