import { connectTestDatabase, countCommands, dropTestDatabase } from '@lantern/testing';
import { Connection, Model, Schema } from 'mongoose';
import { PositionLog, PositionLogEntry, PositionLogHead } from './position-log';

interface Note extends PositionLogEntry {
  text: string;
}

const noteSchema = () => new Schema<Note>({ _id: String, log: String, n: Number, key: String, text: String }, { collection: 'notes', versionKey: false });
const notesOn = (connection: Connection): Model<Note> => (connection.models.Note as Model<Note>) ?? connection.model<Note>('Note', noteSchema());
const positions = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

describe('position logs on the real database', () => {
  let connection: Connection;
  let entries: Model<Note>;
  let heads: Model<PositionLogHead>;

  beforeAll(async () => {
    connection = await connectTestDatabase('position-log');
    entries = notesOn(connection);
    heads = connection.model<PositionLogHead>('NoteHead', new Schema<PositionLogHead>({ _id: String, end: Number }, { collection: 'note_heads', versionKey: false }));
  });
  afterAll(() => dropTestDatabase(connection));

  it('twelve keys appended at once by two replicas, each key twice from the same claim point, take positions 1–12 once each', async () => {
    const [first, second] = [new PositionLog(entries, { heads }), new PositionLog(entries, { heads })];
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    // Each key's claim point is fixed before its appends, as a caller records it with the key.
    const claimFrom = await first.frontier('log-a');
    await Promise.all(keys.flatMap((key) => [first.append('log-a', key, claimFrom, { text: key }), second.append('log-a', key, claimFrom, { text: key })]));
    expect(await new PositionLog(entries, { heads }).end('log-a')).toBe(12);
    expect(await new PositionLog(entries).end('log-a')).toBe(12);
    const stored = await new PositionLog(entries).at('log-a', positions(13));
    expect(stored[12]).toBeNull();
    expect(stored.slice(0, 12).map((entry) => entry!.key).sort()).toEqual([...keys].sort());
  });

  it('a key appended again later finds its position instead of taking another', async () => {
    const log = new PositionLog(entries, { heads });
    const claimFrom = await log.frontier('log-b');
    const n = await log.append('log-b', 'once', claimFrom, { text: 'first' });
    await log.append('log-b', 'other', await log.frontier('log-b'), { text: 'other' });
    expect(await new PositionLog(entries, { heads }).append('log-b', 'once', claimFrom, { text: 'again' })).toBe(n);
    expect(await new PositionLog(entries, { heads }).end('log-b')).toBe(2);
    expect(await new PositionLog(entries).find('log-b', 'other', claimFrom)).toMatchObject({ n: 2, text: 'other' });
  });

  it('recording a key in three logs this replica knows is one insert command: its claim and a position in each', async () => {
    const logs = ['rec-a', 'rec-b', 'rec-c'];
    await new PositionLog(entries).record('other-replica', logs, { text: 'elsewhere' });
    const commands: string[] = [];
    await countCommands(connection, async (monitored) => {
      monitored.getClient().on('commandStarted', (event) => commands.push(event.commandName));
      const replica = new PositionLog(notesOn(monitored));
      // Logs it has not seen yet are looked up past their end first (a few probes each), then the insert.
      await replica.record('first', logs, { text: 'first' });
      expect(commands.at(-1)).toBe('insert');
      expect(commands.slice(0, -1).every((command) => command === 'find')).toBe(true);
      commands.length = 0;
      await replica.record('second', logs, { text: 'second' });
      expect(commands).toEqual(['insert']);
    });
    const reader = new PositionLog(entries);
    expect((await reader.claimOf('second'))?.claims).toEqual(logs.map((log) => ({ log, from: 3 })));
    for (const log of logs) expect((await reader.at(log, positions(4))).map((entry) => entry?.key ?? null)).toEqual(['other-replica', 'first', 'second', null]);
  });

  it('a log assumed new is claimed from position 1 without a lookup; assumed wrongly, the key still takes the first free position once', async () => {
    const commands: string[] = [];
    await countCommands(connection, async (monitored) => {
      monitored.getClient().on('commandStarted', (event) => event.commandName !== 'endSessions' && commands.push(event.commandName));
      const replica = new PositionLog(notesOn(monitored));
      replica.assumeNew('fresh');
      await replica.record('placed', ['fresh'], { text: 'placed' });
    });
    expect(commands).toEqual(['insert']);
    const wrong = new PositionLog(entries);
    wrong.assumeNew('fresh');
    await wrong.record('later', ['fresh'], { text: 'later' });
    await wrong.record('later', ['fresh'], { text: 'later again' });
    expect((await wrong.at('fresh', positions(3))).map((entry) => entry?.key ?? null)).toEqual(['placed', 'later', null]);
  });

  it('thirty keys recorded at once by one replica in three logs it knows: their 120 documents in two insert commands (an ordered insert stays ordered on FerretDB up to 100), positions 1–30 without gaps', async () => {
    const logs = ['batch-a', 'batch-b', 'batch-c'];
    const keys = Array.from({ length: 30 }, (_, i) => `batch-${i}`);
    const commands: string[] = [];
    await countCommands(connection, async (monitored) => {
      const replica = new PositionLog(notesOn(monitored));
      await Promise.all(logs.map((log) => replica.end(log)));
      monitored.getClient().on('commandStarted', (event) => event.commandName !== 'endSessions' && commands.push(event.commandName));
      await Promise.all(keys.map((key) => replica.record(key, logs, { text: key })));
    });
    expect(commands).toEqual(['insert', 'insert']);
    for (const log of logs) {
      const listed = await new PositionLog(entries).at(log, positions(31));
      expect(listed.map((entry) => entry?.key ?? null)).toEqual([...keys, null]);
    }
  });

  it('two replicas record twenty keys in three logs at once, each key three times and once more later: each key once in each log, without gaps', async () => {
    const logs = ['race-person', 'race-station', 'race-centre'];
    const [first, second] = [new PositionLog(entries), new PositionLog(entries)];
    const keys = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    // Each key twice by the second replica too: the second time collides in the same insert as the first.
    await Promise.all(keys.flatMap((key) => [first.record(key, logs, { text: key }), second.record(key, logs, { text: key }), second.record(key, logs, { text: key })]));
    // A redelivery long after, on a replica that saw the logs grow: its claim is there, so it takes no new position.
    await Promise.all(keys.map((key) => first.record(key, logs, { text: `${key} again` })));
    for (const name of logs) {
      const reader = new PositionLog(entries);
      expect(await reader.end(name)).toBe(20);
      const listed = await reader.at(name, positions(21));
      expect(listed[20]).toBeNull();
      expect(listed.slice(0, 20).map((entry) => entry!.key).sort()).toEqual([...keys].sort());
      expect(listed.slice(0, 20).every((entry) => !entry!.text.endsWith('again'))).toBe(true);
    }
  });

  it('a recording that stopped after its claim is finished by the next one, at the claimed positions', async () => {
    const log = new PositionLog(entries);
    // What a crash right after the claim leaves: the claim, no position.
    await entries.collection.insertOne({ _id: 'halfway#claim', key: 'halfway', claims: [{ log: 'crash-a', from: 1 }] } as never);
    await log.record('before', ['crash-a'], { text: 'taken meanwhile' });
    expect(await log.record('halfway', ['crash-a'], { text: 'finished' })).toEqual([{ log: 'crash-a', from: 1 }]);
    expect((await log.at('crash-a', positions(3))).map((entry) => entry?.key ?? null)).toEqual(['before', 'halfway', null]);
  });

  it("the end of a long log is found by probing past a stale hint, without reading every position", async () => {
    const log = new PositionLog(entries);
    for (let i = 0; i < 37; i += 1) await log.record(`long-${i}`, ['long'], { text: `${i}` });
    const sent = await countCommands(connection, async (monitored) => {
      expect(await new PositionLog(notesOn(monitored)).end('long')).toBe(37);
    });
    expect(sent.length).toBeLessThanOrEqual(12);
  });
});
