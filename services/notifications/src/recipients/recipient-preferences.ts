import { BoundedMap } from '@lantern/event-store';
import { Recipient } from './recipient.model';

/** Where preferences come from: one `_id` lookup (a default for someone who never saved any). */
export interface PreferencesSource {
  get(id: string): Promise<Recipient>;
}

/** People whose preferences a replica keeps; the least recently used are read again. */
const MEMO_CAPACITY = 20_000;

/**
 * People's preferences as deliveries read them. Every notification reads its recipient's, and
 * most people change theirs rarely (many never save any), so a replica keeps what it read for
 * `ttlMs`:
 * - a save through this replica drops the person's at once, so its next delivery reads them;
 * - a save through another replica applies here within `ttlMs` at the latest.
 * A read under way when this replica saved is not kept: it may predate the save.
 * `GET /v1/recipients/me` reads the database, never this: people see what they saved.
 */
export class RecipientPreferences {
  private readonly known = new BoundedMap<string, { recipient: Recipient; readAt: number }>(MEMO_CAPACITY);
  private saves = 0;

  constructor(
    private readonly source: PreferencesSource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async of(id: string): Promise<Recipient> {
    const known = this.known.get(id);
    if (known && this.now() - known.readAt < this.ttlMs) return known.recipient;
    const [savesBefore, readAt] = [this.saves, this.now()];
    const recipient = await this.source.get(id);
    if (this.saves === savesBefore) this.known.set(id, { recipient, readAt });
    return recipient;
  }

  /** This replica saved someone's preferences. */
  saved(id: string): void {
    this.saves += 1;
    this.known.delete(id);
  }
}
