/**
 * The composite ceiling counts every command of a journey as one raw insert. On FerretDB the
 * commands are not alike: an update by `_id` reads the document and writes it back (measured
 * ~1.5× an insert's time), a find by `_id` only reads (~3× faster than an insert). This is the
 * journeys/s the database would allow if each of the journey's commands ran at the raw speed of
 * its own kind, measured in the same run: a second view of how far the stack is from the database,
 * printed beside the insert-based ratio, which stays the one the target judges.
 */
export type CommandKind = 'insert' | 'find' | 'update';

export interface KindCeilings {
  dbInsertsPerSecond: number;
  dbFindsPerSecond: number;
  dbUpdatesPerSecond: number;
}

/**
 * The raw kind a command is timed as. Writes that read a document first (update, findAndModify,
 * delete) as an update by `_id`, the closest raw command; everything that only reads as a find.
 */
export function kindOf(command: string): CommandKind {
  if (command === 'insert') return 'insert';
  if (command === 'find' || command === 'aggregate' || command === 'count' || command === 'getMore') return 'find';
  return 'update';
}

/** Commands per journey by kind, from counts keyed `service collection command`. */
export function commandsByKind(perJourneyByPair: Record<string, number>): Record<CommandKind, number> {
  const byKind: Record<CommandKind, number> = { insert: 0, find: 0, update: 0 };
  for (const [pair, count] of Object.entries(perJourneyByPair)) byKind[kindOf(pair.split(' ').at(-1) ?? '')] += count;
  return byKind;
}

/** Journeys/s: one over the seconds a journey's commands would take at their kinds' raw speeds. */
export function journeysPerSecondByCommandMix(byKind: Record<CommandKind, number>, ceilings: KindCeilings): number {
  const seconds = byKind.insert / ceilings.dbInsertsPerSecond + byKind.find / ceilings.dbFindsPerSecond + byKind.update / ceilings.dbUpdatesPerSecond;
  return seconds > 0 ? 1 / seconds : NaN;
}
