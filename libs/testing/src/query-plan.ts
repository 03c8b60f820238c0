import { Connection } from 'mongoose';

interface Explained {
  queryPlanner?: { Plan?: string[]; winningPlan?: { stage?: string; inputStage?: unknown } };
  filterPushdown?: boolean;
}

function stages(plan: unknown): string[] {
  const node = plan as { stage?: string; inputStage?: unknown } | undefined;
  return node?.stage ? [node.stage, ...stages(node.inputStage)] : [];
}

/**
 * A one-line description of how the server runs `find(filter)` on a collection. FerretDB-SQLite
 * reports SQLite's own plan ("SCAN <table>" = every row is read; "SEARCH ... USING INDEX" = an
 * index answers); MongoDB reports its winning plan's stages.
 */
export async function explainFind(connection: Connection, collection: string, filter: Record<string, unknown>): Promise<string> {
  // SQLite compiles EXPLAIN QUERY PLAN against the schema its connection last loaded, and only a
  // statement that runs reloads it: run the query itself first, or an index created since (by
  // another connection) is missing from the plan though the query uses it.
  await connection.db!.collection(collection).findOne(filter);
  const explained = (await connection.db!.command({ explain: { find: collection, filter, limit: 1 } })) as Explained;
  const plan = explained.queryPlanner?.Plan?.join('; ') ?? stages(explained.queryPlanner?.winningPlan).join(' <- ');
  return explained.filterPushdown === undefined ? plan : `${plan} (filterPushdown: ${explained.filterPushdown})`;
}

/** A plan that an index answers: SQLite's "SEARCH ... USING INDEX", MongoDB's id or index scans. */
export function usesIndex(plan: string): boolean {
  return /USING (COVERING )?INDEX|IDHACK|EXPRESS_IXSCAN|IXSCAN/.test(plan);
}
