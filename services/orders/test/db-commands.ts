import { TestService } from '@lantern/testing';

/**
 * Database commands sent to `collection` so far, read off a service's /metrics. The counter is
 * per process: with several services in one test process, it counts them all.
 */
export async function dbCommandsOn(service: TestService, collection: string): Promise<number> {
  const metrics = (await service.http('GET', '/metrics')).body as string;
  let total = 0;
  for (const line of metrics.split('\n')) {
    const sample = /^lantern_db_commands_total\{([^}]*)\} (\S+)$/.exec(line);
    if (sample && sample[1].split(',').includes(`collection="${collection}"`)) total += Number(sample[2]);
  }
  return total;
}
