import { testInfra, uniqueName } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { DeadlineHandler, DeadlinePoller, DeadlinePollerOptions } from '../src/deadline-poller';
import { Deadlines } from '../src/deadlines';

/** A database command as the driver reported it when it started. */
export interface SeenCommand {
  at: number;
  name: string;
  collection: string;
  /** The filter of a find or findAndModify; the `q` of each update or delete; none for an insert. */
  filters: Record<string, unknown>[];
}

/**
 * One replica of a service as far as deadlines go: a connection of its own (monitored, so every
 * command it sends is seen), its own `Deadlines` and its own poller with its own memory.
 */
export interface DeadlineReplica {
  database: string;
  connection: Connection;
  deadlines: Deadlines;
  poller: DeadlinePoller;
  commands: SeenCommand[];
  /** The commands on the deadline collections (the timer path). */
  timerCommands(): SeenCommand[];
  close(): Promise<void>;
}

const TIMER_COLLECTIONS = new Set(['deadlines', 'deadline_firings']);

export async function startReplica(
  handlers: Record<string, DeadlineHandler>,
  options: DeadlinePollerOptions & { database?: string; start?: boolean } = {},
): Promise<DeadlineReplica> {
  const database = options.database ?? uniqueName('deadlines');
  const connection = mongoose.createConnection(testInfra().mongoUrl, { dbName: database, autoIndex: false, monitorCommands: true });
  await connection.asPromise();
  const commands: SeenCommand[] = [];
  connection.getClient().on('commandStarted', (event) => {
    const command = event.command as Record<string, unknown> & { filter?: Record<string, unknown>; query?: Record<string, unknown>; updates?: { q: Record<string, unknown> }[]; deletes?: { q: Record<string, unknown> }[] };
    const single = command.filter ?? command.query; // a find's filter, a findAndModify's query
    const filters = single ? [single] : (command.updates ?? command.deletes ?? []).map((statement) => statement.q);
    const target = command[event.commandName];
    commands.push({ at: Date.now(), name: event.commandName, collection: typeof target === 'string' ? target : '', filters });
  });
  const deadlines = new Deadlines(connection);
  await deadlines.init();
  commands.length = 0; // what follows is the replica at work, from its start-up reload on
  const poller = new DeadlinePoller(deadlines, options);
  for (const [kind, handler] of Object.entries(handlers)) poller.register(kind, handler);
  if (options.start !== false) await poller.start();
  return {
    database,
    connection,
    deadlines,
    poller,
    commands,
    timerCommands: () => commands.filter((command) => TIMER_COLLECTIONS.has(command.collection)),
    async close() {
      await poller.stop();
      await connection.close();
    },
  };
}

/** `{_id: '…'}` and nothing else: the one filter FerretDB answers from an index. */
export const isIdLookup = (filter: Record<string, unknown>) => Object.keys(filter).length === 1 && typeof filter._id === 'string';

/** The reload: every pending deadline, read by a scan. */
export const isReloadScan = (command: SeenCommand) => command.name === 'find' && command.collection === 'deadlines' && command.filters.length === 1 && Object.keys(command.filters[0]).length === 0;

/** Timer-path commands that are neither an insert nor an `_id` lookup/write, nor a reload. */
export const notByIdOrReload = (commands: SeenCommand[]) =>
  commands.filter((command) => !isReloadScan(command) && !(command.name === 'insert' || (command.filters.length > 0 && command.filters.every(isIdLookup))));

/** A short description per command, for readable expectations: `delete deadlines {_id}`. */
export const summarize = (commands: SeenCommand[]) =>
  commands.map((command) => `${command.name} ${command.collection}${command.filters.map((filter) => ` ${isIdLookup(filter) ? '{_id}' : JSON.stringify(filter)}`).join('')}`);
