/** Whose figures a report shows: one station, one village (all its stations), or the whole town. */
export type ReportScope = { kind: 'station'; id: string } | { kind: 'village'; id: string } | { kind: 'town' };

export const scopeKey = (scope: ReportScope): string => (scope.kind === 'town' ? 'town' : `${scope.kind}:${scope.id}`);

/** The `_id` of a scope's document for one Shanghai day — the only way report documents are read or written. */
export const dayDocumentId = (scope: ReportScope, day: string): string => `${scopeKey(scope)}|${day}`;

/**
 * The one scope whose day document an order's entry is written to: its village's, the entry
 * tagged with its station (and the residents served marked there, for the village's coverage).
 * Its station's and the town's figures are read from the village documents (sourcesOf).
 *
 * Why one: FerretDB 1.24 applies each statement of an update command as a read, a write and a
 * commit of its own, so an entry written into the station's, the village's and the town's
 * documents (as it was until 2026-12) cost three of them on every change of an order, with a
 * fourth for the fact. Reports are read far less often than orders change.
 */
export const entryScopeOf = (villageId: string): ReportScope => ({ kind: 'village', id: villageId });

/** One day document a report reads; of a `station`'s village document, only that station's entries count. */
export interface DaySource {
  scope: ReportScope;
  station?: string;
}

/** What sourcesOf needs to know of the stations: the village of one, and every village that has any. */
export interface StationVillages {
  villageOf(stationId: string): Promise<string | null>;
  villages(): Promise<string[]>;
}

/**
 * The day documents that hold a scope's figures. Its own document (hours and coverage, and every
 * entry written before entries went to their village only: old figures need no migration), and
 * the documents of the villages its orders were placed in: a station's village (its entries
 * only), or every village for the town. An order found in several counts once, with its latest entry.
 */
export async function sourcesOf(scope: ReportScope, stations: StationVillages): Promise<DaySource[]> {
  if (scope.kind === 'village') return [{ scope }];
  if (scope.kind === 'station') {
    const village = await stations.villageOf(scope.id);
    return [{ scope }, ...(village ? [{ scope: entryScopeOf(village), station: scope.id }] : [])];
  }
  return [{ scope }, ...(await stations.villages()).map((village) => ({ scope: entryScopeOf(village) }))];
}
