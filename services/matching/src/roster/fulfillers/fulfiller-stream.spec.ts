import { FulfillerChangedV1 } from '@lantern/contracts';
import { StoredEvent } from '@lantern/event-store';
import { changeTo, FulfillerEntry, fulfillerReducer, fulfillerStreamId } from './fulfiller-stream';
import { Fulfiller } from './fulfiller.model';

const entry: Omit<Fulfiller, 'version'> = {
  _id: 'meisha',
  type: 'committee',
  name: { 'zh-CN': '梅沙村委会', en: 'Meisha village committee' },
  stations: ['meisha-centre'],
  categories: ['elderly-care'],
  active: true,
  updatedAt: new Date('2026-12-01T10:00:00.000Z'),
  updatedBy: 'admin-1',
};
const fold = (events: StoredEvent[], from: FulfillerEntry = fulfillerReducer.initial()) => events.reduce((state, next) => fulfillerReducer.apply(state, next), from);
const asStored = (events: ReturnType<typeof changeTo>) => events.map((event, index) => ({ ...event, version: index + 1 }) as unknown as StoredEvent);

describe("a fulfiller entry's stream folded", () => {
  it('has its own stream id beside the matching cases', () => {
    expect(fulfillerStreamId('meisha')).toBe('fulfiller:meisha');
  });

  it('starts as no entry; a change makes the entry what the event says, and a later change replaces it whole', () => {
    expect(fulfillerReducer.initial()).toBeNull();
    const first = fold(asStored(changeTo(null, entry)));
    expect(first).toMatchObject({ fulfillerId: 'meisha', type: 'committee', stations: ['meisha-centre'], active: true, changedBy: 'admin-1' });
    const retired = fold(asStored(changeTo(first, { ...entry, active: false, stations: [] })), first);
    expect(retired).toMatchObject({ active: false, stations: [] });
  });

  it('a PUT that changes nothing appends nothing; an event of another type changes nothing', () => {
    const current = fold(asStored(changeTo(null, entry)));
    expect(changeTo(current, { ...entry, updatedAt: new Date('2026-12-02T00:00:00.000Z'), updatedBy: 'admin-2' })).toEqual([]);
    expect(changeTo(current, { ...entry, categories: ['elderly-care', 'mediation'] })).toEqual([expect.objectContaining({ type: FulfillerChangedV1.type })]);
    expect(fold([{ type: 'lantern.matching.something-new.v9', data: {} } as unknown as StoredEvent], current)).toBe(current);
  });
});
