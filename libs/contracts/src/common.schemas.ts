import { z } from 'zod/v4';

export const entityId = z.string().min(1).max(100);
export const isoTime = z.iso.datetime({ offset: true });

/** Coarse location only: a village and a station, never an address. */
export const coarseLocation = {
  villageId: entityId.describe('Village of the service centre, e.g. lizhoujiao'),
  stationId: entityId.describe('Service station id'),
};
