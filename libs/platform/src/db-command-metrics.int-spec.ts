import { baseConfigSchema } from '@lantern/config';
import { createLogger } from '@lantern/logging';
import { testInfra, uniqueName } from '@lantern/testing';
import { Connection } from 'mongoose';
import { register } from 'prom-client';
import { connectMongo } from './mongo.provider';

/** The current value of a counter by collection and command, for one of each. */
async function counted(metricName: string, collection: string, command: string): Promise<number> {
  const metric = await register.getSingleMetric(metricName)?.get();
  return metric?.values.find((value) => value.labels.collection === collection && value.labels.command === command)?.value ?? 0;
}

const commandsCounted = (collection: string, command: string) => counted('lantern_db_commands_total', collection, command);

describe('database command metrics on a service connection', () => {
  let connection: Connection;
  const collection = uniqueName('metered');

  beforeAll(async () => {
    const { mongoUrl, kafkaBrokers } = testInfra();
    const config = baseConfigSchema.parse({ PORT: '0', MONGO_URL: mongoUrl, MONGO_DB: uniqueName('t_platform'), KAFKA_BROKERS: kafkaBrokers.join(',') });
    connection = await connectMongo(config, createLogger('platform-test', 'silent'));
  });
  afterAll(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('counts each command under its collection, and times it', async () => {
    const [insertsBefore, findsBefore] = [await commandsCounted(collection, 'insert'), await commandsCounted(collection, 'find')];

    await connection.collection(collection).insertOne({ _id: 'one' } as never);
    await connection.collection(collection).findOne({ _id: 'one' } as never);
    await connection.collection(collection).findOne({ _id: 'two' } as never);

    expect(await commandsCounted(collection, 'insert')).toBe(insertsBefore + 1);
    expect(await commandsCounted(collection, 'find')).toBe(findsBefore + 2);
    const text = await register.metrics();
    expect(text).toContain(`lantern_db_command_duration_seconds_count{collection="${collection}",command="find"} 2`);
  });

  it('counts the statements and documents that write commands carry', async () => {
    const writeItemsCounted = (command: string) => counted('lantern_db_write_items_total', collection, command);
    const before = { insert: await writeItemsCounted('insert'), update: await writeItemsCounted('update'), delete: await writeItemsCounted('delete') };
    const updatesBefore = await commandsCounted(collection, 'update');

    await connection.collection(collection).insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }] as never[]);
    await connection.collection(collection).bulkWrite([
      { updateOne: { filter: { _id: 'a' }, update: { $set: { n: 1 } } } },
      { updateOne: { filter: { _id: 'b' }, update: { $set: { n: 2 } } } },
    ] as never[]);
    await connection.collection(collection).deleteOne({ _id: 'c' } as never);
    await connection.collection(collection).findOne({ _id: 'a' } as never);

    expect(await commandsCounted(collection, 'update')).toBe(updatesBefore + 1);
    expect(await writeItemsCounted('insert')).toBe(before.insert + 3);
    expect(await writeItemsCounted('update')).toBe(before.update + 2);
    expect(await writeItemsCounted('delete')).toBe(before.delete + 1);
    const metric = await register.getSingleMetric('lantern_db_write_items_total')?.get();
    expect(metric?.values.some((value) => value.labels.collection === collection && value.labels.command === 'find')).toBe(false);
  });
});
