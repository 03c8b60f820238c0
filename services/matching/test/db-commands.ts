import { TestService } from '@lantern/testing';

/**
 * Database commands a service has sent so far, by `collection command`, read off its /metrics
 * (`lantern_db_commands_total`). The counter is per process: with several services in one test
 * process it counts them all, so compare before and after one step, with nothing else running.
 */
export async function dbCommands(service: TestService): Promise<Map<string, number>> {
  const metrics = (await service.http('GET', '/metrics')).body as string;
  const counts = new Map<string, number>();
  for (const line of metrics.split('\n')) {
    const sample = /^lantern_db_commands_total\{([^}]*)\} (\S+)$/.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries(sample[1].split(',').map((pair) => pair.split('=').map((part) => part.replace(/"/g, ''))));
    const key = `${labels.collection} ${labels.command}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(sample[2]));
  }
  return counts;
}

/** What was sent between two readings of dbCommands, leaving out what did not change. */
export function commandsBetween(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const sent: Record<string, number> = {};
  for (const [key, count] of after) if (count !== (before.get(key) ?? 0)) sent[key] = count - (before.get(key) ?? 0);
  return sent;
}
