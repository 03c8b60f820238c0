import { STAR_THRESHOLDS } from '@lantern/contracts';

/** Stars held at this total: one per threshold (100 / 300 / 600 / 1000 / 1500 h) reached. */
export function starsFor(totalHours: number): number {
  return STAR_THRESHOLDS.filter((threshold) => totalHours >= threshold).length;
}

/** The next threshold to reach, or null at five stars. */
export function nextThreshold(totalHours: number): number | null {
  return STAR_THRESHOLDS.find((threshold) => totalHours < threshold) ?? null;
}

/** Hours are kept to two decimals so that sums of quarter hours never drift. */
export const roundHours = (hours: number): number => Math.round(hours * 100) / 100;
