/** Whose figures a report shows: one station, one village (all its stations), or the whole town. */
export type ReportScope = { kind: 'station'; id: string } | { kind: 'village'; id: string } | { kind: 'town' };

export const scopeKey = (scope: ReportScope): string => (scope.kind === 'town' ? 'town' : `${scope.kind}:${scope.id}`);

/** The `_id` of a scope's document for one Shanghai day — the only way report documents are read or written. */
export const dayDocumentId = (scope: ReportScope, day: string): string => `${scopeKey(scope)}|${day}`;

/** The scopes an order placed at a station of a village counts in. */
export const scopesOf = (stationId: string, villageId: string): ReportScope[] => [
  { kind: 'station', id: stationId },
  { kind: 'village', id: villageId },
  { kind: 'town' },
];
