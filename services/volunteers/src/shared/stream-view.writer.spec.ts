import { AggregateRepository, EventStore } from '@lantern/event-store';
import { Model } from 'mongoose';
import { StreamView, StreamViewWriter } from './stream-view.writer';

type View = StreamView & { name: string };

/** A views collection in memory that records every filter it is given. */
function fakeViews(initial: View[] = []) {
  const documents = new Map(initial.map((view) => [view._id, { ...view }]));
  const filters: Record<string, unknown>[] = [];
  const model = {
    findById: (id: string) => {
      filters.push({ _id: id });
      return { lean: async () => documents.get(id) ?? null };
    },
    updateOne: async (filter: Record<string, unknown>, update: { $set: Omit<View, '_id'> }) => {
      filters.push(filter);
      const id = filter._id as string;
      documents.set(id, { ...(documents.get(id) ?? { _id: id }), ...update.$set } as View);
    },
  };
  return { model: model as unknown as Model<View>, documents, filters };
}

const writerOver = (views: Model<View>, headVersion: number) =>
  new StreamViewWriter<{ name: string }, View>(
    views,
    (state, version) => ({ _id: 's-1', version, name: state.name }),
    { has: async (_stream: string, version: number) => version <= headVersion } as unknown as EventStore,
    { load: async () => ({ state: { name: `at ${headVersion}` }, version: headVersion, events: [] }) } as unknown as AggregateRepository<{ name: string }>,
  );

describe('StreamViewWriter', () => {
  it('addresses the document by _id alone (FerretDB scans any other filter) and never moves it backwards', async () => {
    const { model, documents, filters } = fakeViews([{ _id: 's-1', version: 3, name: 'at 3' }]);
    const writer = writerOver(model, 3);
    await writer.write('s-1', { state: { name: 'at 2' }, version: 2 }); // a slower writer of an older version
    expect(documents.get('s-1')).toEqual({ _id: 's-1', version: 3, name: 'at 3' });
    await writerOver(model, 4).write('s-1', { state: { name: 'at 4' }, version: 4 });
    expect(documents.get('s-1')).toEqual({ _id: 's-1', version: 4, name: 'at 4' });
    expect(filters.every((filter) => Object.keys(filter).join() === '_id')).toBe(true);
  });

  it('a writer that finds the stream moved on past its version writes the head', async () => {
    const { model, documents } = fakeViews();
    await writerOver(model, 5).write('s-1', { state: { name: 'at 4' }, version: 4 });
    expect(documents.get('s-1')).toEqual({ _id: 's-1', version: 5, name: 'at 5' });
  });
});
