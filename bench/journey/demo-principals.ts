import { DEMO_VILLAGES } from '@lantern/demo-history';
import { tokenFor } from '@lantern/testing';

/**
 * The demo villages (SEED_DEMO_DATA in orders and matching) and the people the README's
 * walk-through uses: each village centre has social workers sw-<village>-1..3 and a committee.
 */
export const VILLAGES = DEMO_VILLAGES;

export type Village = (typeof VILLAGES)[number];

/** Tokens minted once per person (signing is cheap, but not free on a busy load generator). */
export class DemoPrincipals {
  private readonly tokens = new Map<string, Promise<string>>();

  private cached(key: string, mint: () => Promise<string>): Promise<string> {
    let token = this.tokens.get(key);
    if (!token) this.tokens.set(key, (token = mint()));
    return token;
  }

  /** A social worker of the village, staff of both its stations (as the README's WORKER). */
  socialWorker(village: Village, id = `sw-${village.id}-1`): Promise<string> {
    return this.cached(id, () => tokenFor({ sub: id, roles: ['social_worker'], stations: [...village.stations] }));
  }

  /** The village committee (as the README's COMMITTEE). */
  committee(village: Village): Promise<string> {
    const id = `committee-${village.id}`;
    return this.cached(id, () => tokenFor({ sub: id, roles: ['committee'], stations: [...village.stations] }));
  }

  /** A resident of their own for each journey: every order starts a fresh history. */
  resident(id: string): Promise<string> {
    return tokenFor({ sub: id, roles: ['resident'] });
  }
}
