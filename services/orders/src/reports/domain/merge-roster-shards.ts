/** A volunteer's status as a roster's shard stores it: with the stream version that decided it. */
export interface RosterStatus {
  active: boolean;
  version: number;
}

/** A roster as stored: one replica's shard (`{rosterId}|{n}`), or the one document from before the shards (plain flags). */
export interface StoredRoster {
  _id: string;
  volunteers: Record<string, RosterStatus | boolean>;
}

/** Each volunteer's status from the latest version found in any shard (a flag from before the shards is the oldest). */
export function latestStatuses(shards: StoredRoster[]): Record<string, boolean> {
  const latest = new Map<string, RosterStatus>();
  for (const shard of shards) {
    for (const [volunteerId, value] of Object.entries(shard.volunteers ?? {})) {
      const status = typeof value === 'boolean' ? { active: value, version: -1 } : value;
      const kept = latest.get(volunteerId);
      if (!kept || status.version > kept.version) latest.set(volunteerId, status);
    }
  }
  return Object.fromEntries([...latest].map(([volunteerId, status]) => [volunteerId, status.active]));
}
