import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection, Model, Schema } from 'mongoose';
import { PositionLog, PositionLogEntry, PositionLogHead } from './position-log';

interface Note extends PositionLogEntry {
  text: string;
}

describe('position logs on the real database', () => {
  let connection: Connection;
  let entries: Model<Note>;
  let heads: Model<PositionLogHead>;

  beforeAll(async () => {
    connection = await connectTestDatabase('position-log');
    entries = connection.model<Note>('Note', new Schema<Note>({ _id: String, log: String, n: Number, key: String, text: String }, { collection: 'notes', versionKey: false }));
    heads = connection.model<PositionLogHead>('NoteHead', new Schema<PositionLogHead>({ _id: String, end: Number }, { collection: 'note_heads', versionKey: false }));
  });
  afterAll(() => dropTestDatabase(connection));

  it('twelve keys appended at once by two replicas, each key twice from the same claim point, take positions 1–12 once each', async () => {
    const [first, second] = [new PositionLog(entries, heads), new PositionLog(entries, heads)];
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    // Each key's claim point is fixed before its appends, as a caller records it with the key.
    const claimFrom = await first.frontier('log-a');
    await Promise.all(keys.flatMap((key) => [first.append('log-a', key, claimFrom, { text: key }), second.append('log-a', key, claimFrom, { text: key })]));
    expect(await new PositionLog(entries, heads).end('log-a')).toBe(12);
    const stored = await new PositionLog(entries, heads).at('log-a', Array.from({ length: 13 }, (_, i) => i + 1));
    expect(stored[12]).toBeNull();
    expect(stored.slice(0, 12).map((entry) => entry!.key).sort()).toEqual([...keys].sort());
  });

  it('a key appended again later finds its position instead of taking another', async () => {
    const log = new PositionLog(entries, heads);
    const claimFrom = await log.frontier('log-b');
    const n = await log.append('log-b', 'once', claimFrom, { text: 'first' });
    await log.append('log-b', 'other', await log.frontier('log-b'), { text: 'other' });
    expect(await new PositionLog(entries, heads).append('log-b', 'once', claimFrom, { text: 'again' })).toBe(n);
    expect(await new PositionLog(entries, heads).end('log-b')).toBe(2);
  });
});
