import { mergeDayShards, onlyStation, StoredEntry } from './merge-day-shards';

const entry = (saves: number | undefined, rating: number | null): StoredEntry => ({
  service: 'after-school-care',
  category: 'children',
  kind: 'regular',
  urgency: 'normal',
  claimMinutes: null,
  claimedOnTime: false,
  escalations: [],
  socialWorkerId: null,
  fulfiller: null,
  end: null,
  cancelledBy: null,
  fulfilledOnTime: null,
  rating,
  followUp: null,
  ...(saves === undefined ? {} : { saves }),
});

describe('a day merged from its shards', () => {
  it('counts an order written by two replicas once, with the entry of its latest save; one from before the shards loses to any saved since', () => {
    const merged = mergeDayShards([
      { orders: { ord_a: entry(undefined, null), ord_b: entry(undefined, 3) } },
      { orders: { ord_a: entry(4, 5), ord_c: entry(1, null) } },
      { orders: { ord_a: entry(2, null) } },
    ]);
    expect(Object.keys(merged.orders).sort()).toEqual(['ord_a', 'ord_b', 'ord_c']);
    expect(merged.orders.ord_a).toMatchObject({ saves: 4, rating: 5 });
    expect(merged.orders.ord_b.rating).toBe(3);
  });

  it('joins the residents served (the larger rank per register) and the hours entries', () => {
    const merged = mergeDayShards([
      { served: { '1': 3, '2': 1 }, volunteerHours: { 'h:1': { hours: 2 } } },
      { served: { '2': 4 }, volunteerHours: { 'h:2': { hours: 1 } } },
      {},
    ]);
    expect(merged.served).toEqual({ '1': 3, '2': 4 });
    expect(merged.volunteerHours).toEqual({ 'h:1': { hours: 2 }, 'h:2': { hours: 1 } });
  });

  it("a station's part of its village's day: its own entries, and neither coverage nor hours", () => {
    const village = {
      orders: { ord_a: { ...entry(2, 5), stationId: 'liz-centre' }, ord_b: { ...entry(1, null), stationId: 'liz-east' }, ord_old: entry(undefined, 4) },
      served: { '1': 3 },
      volunteerHours: { 'h:1': { hours: 2 } },
    };
    expect(onlyStation(village, 'liz-centre')).toEqual({ orders: { ord_a: village.orders.ord_a } });
    // Merged with the station's own day (entries from before they went to the village only), each order counts once.
    const merged = mergeDayShards([{ orders: { ord_a: { ...entry(1, null) }, ord_old: entry(undefined, 4) } }, onlyStation(village, 'liz-centre')]);
    expect(Object.keys(merged.orders).sort()).toEqual(['ord_a', 'ord_old']);
    expect(merged.orders.ord_a.rating).toBe(5);
  });
});
