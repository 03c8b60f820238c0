import mongoose, { Connection } from 'mongoose';
import { testInfra } from './test-infra';

/**
 * The commands `work` sends, in order (`"{command} {collection}"`), over a second connection to
 * the same database that monitors what the driver sends: what a piece of code costs, counted.
 */
export async function countCommands(connection: Connection, work: (monitored: Connection) => Promise<void>): Promise<string[]> {
  const monitored = mongoose.createConnection(testInfra().mongoUrl, { dbName: connection.name, autoIndex: false, autoCreate: false, monitorCommands: true });
  await monitored.asPromise();
  const seen: string[] = [];
  monitored.getClient().on('commandStarted', (event) => {
    const collection = event.command[event.commandName];
    if (typeof collection === 'string') seen.push(`${event.commandName} ${collection}`);
  });
  try {
    await work(monitored);
  } finally {
    await monitored.close();
  }
  return seen;
}
