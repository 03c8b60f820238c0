import { MONGO_CONNECTION } from '@lantern/http';
import type { INestApplicationContext } from '@nestjs/common';
import type { Connection, mongo } from 'mongoose';

export interface LoggedCommand {
  collection: string;
  command: string;
  /** The `_id` the command addresses (its filter's, or the inserted document's); undefined when none. */
  id: unknown;
}

/**
 * The database commands a service sends from now on, with the `_id` each addresses, read off
 * the driver's command monitoring of the service's own connection — so a test can count what
 * one order or one recipient cost, whatever else (other tests' events) the service handles meanwhile.
 */
export function logCommands(app: INestApplicationContext) {
  const connection = app.get<Connection>(MONGO_CONNECTION);
  const commands: LoggedCommand[] = [];
  const listener = (event: mongo.CommandStartedEvent) => {
    const collection = event.command?.[event.commandName];
    if (typeof collection !== 'string') return;
    commands.push({ collection, command: event.commandName, id: addressedId(event.command) });
  };
  connection.on('commandStarted', listener);
  return {
    /** The commands on one collection that addressed this `_id`, as `command` names in order. */
    on(collection: string, id: unknown): string[] {
      return commands.filter((entry) => entry.collection === collection && entry.id === id).map((entry) => entry.command);
    },
    /** Every command on one collection, as `command` names in order. */
    all(collection: string): string[] {
      return commands.filter((entry) => entry.collection === collection).map((entry) => entry.command);
    },
    stop(): void {
      connection.off('commandStarted', listener);
    },
  };
}

function addressedId(command: mongo.Document): unknown {
  const filter = command.filter ?? command.updates?.[0]?.q ?? command.deletes?.[0]?.q ?? command.query;
  if (filter && typeof filter === 'object' && '_id' in filter) return filter._id;
  return command.documents?.[0]?._id;
}
