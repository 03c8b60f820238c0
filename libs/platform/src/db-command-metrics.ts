import { Counter, Histogram, register } from 'prom-client';
import type { Connection, mongo } from 'mongoose';

/** A counter by collection and command, registered once however often this module is loaded (jest's module registries). */
const commandCounter = (name: string, help: string): Counter =>
  (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames: ['collection', 'command'] });

/**
 * Every database command a service sends, by collection and command name, so the cost of a
 * request or an idle minute can be read off /metrics (and the benchmarks can count it).
 * Labels stay few: a service has a fixed set of collections and uses a handful of commands.
 */
const dbCommands = commandCounter('lantern_db_commands_total', 'Database commands sent');

const dbCommandDuration =
  (register.getSingleMetric('lantern_db_command_duration_seconds') as Histogram | undefined) ??
  new Histogram({
    name: 'lantern_db_command_duration_seconds',
    help: 'Database command round trip, as the driver measured it',
    labelNames: ['collection', 'command'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });

/**
 * What a write command carries: each update and delete statement, each inserted document. On
 * FerretDB 1.24 every update or delete statement is a transaction of its own (a read, a write, a
 * commit with its fsync) while an insert's documents share one, so commands alone understate
 * what some of them cost: orders' report write of an entry and a fact is one command and two commits.
 */
const dbWriteItems = commandCounter('lantern_db_write_items_total', 'Update and delete statements, and inserted documents, that write commands carried');

type CommandLabels = { collection: string; command: string };

/** The field of a write command that holds its statements or documents. */
const ITEMS_FIELD: Record<string, string> = { insert: 'documents', update: 'updates', delete: 'deletes' };

/** How many statements (update, delete) or documents (insert) a command carries; 0 for any other command. */
function writeItems(event: Pick<mongo.CommandStartedEvent, 'command' | 'commandName'>): number {
  const field = ITEMS_FIELD[event.commandName];
  const items: unknown = field === undefined ? undefined : event.command?.[field];
  return Array.isArray(items) ? items.length : 0;
}

/**
 * The collection a command works on. Most commands name it as the value of their first key
 * (`{find: 'events'}`, `{insert: 'outbox'}`, `{findAndModify: …}`, `{aggregate: …}`,
 * `{createIndexes: …}`); getMore names it in `collection`. Database-wide commands (ping,
 * dropDatabase, listCollections, the redacted handshake) have none.
 */
export function commandCollection(event: Pick<mongo.CommandStartedEvent, 'command' | 'commandName' | 'databaseName'>): string {
  const target = event.command?.[event.commandName];
  if (typeof target === 'string') return target;
  if (event.commandName === 'getMore' && typeof event.command?.collection === 'string') return event.command.collection;
  return event.databaseName === 'admin' ? 'admin' : '';
}

/**
 * Counts and times the commands of a connection opened with `monitorCommands: true`. The
 * driver reports the command document only when it starts, so its labels are kept by request
 * id until it succeeds or fails.
 */
export function monitorDbCommands(connection: Connection): void {
  const inFlight = new Map<number, CommandLabels>();
  const finish = (event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
    const labels = inFlight.get(event.requestId);
    if (!labels) return;
    inFlight.delete(event.requestId);
    dbCommandDuration.observe(labels, event.duration / 1000);
  };
  connection.on('commandStarted', (event: mongo.CommandStartedEvent) => {
    const labels = { collection: commandCollection(event), command: event.commandName };
    dbCommands.inc(labels);
    const items = writeItems(event);
    if (items > 0) dbWriteItems.inc(labels, items);
    // The driver ends every command it starts (a closed socket fails it), so the map stays
    // small; the cap only guards against a driver that one day does not.
    if (inFlight.size >= 10_000) inFlight.clear();
    inFlight.set(event.requestId, labels);
  });
  connection.on('commandSucceeded', finish);
  connection.on('commandFailed', finish);
}
