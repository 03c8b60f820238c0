import { BoundedMap, insertOnce } from '@lantern/event-store';
import { Connection, Model } from 'mongoose';
import { MasterKey } from './master-key';
import { PersonKeyDocument, personKeyModel } from './person-key.model';
import { DataKey, isSealed, openWith, sealWith } from './sealed-value';

export interface PersonKeysOptions {
  /**
   * How long this replica trusts a key it read without reading it again. Erasure on another
   * replica is seen here within this time; on the replica that erases, at once. Default 30 s.
   */
  cacheMs?: number;
  /** Keys kept in memory at most. */
  capacity?: number;
}

/** What a read of a sealed field gives once the person's key is gone. */
export const ERASED = null;

/**
 * Crypto-shredding: one data key per person in this service (`person_keys`, `_id` = person id),
 * every personal field at rest sealed under it. Erasure deletes the key (one `deleteOne` by
 * `_id`), and every value sealed under it — in live documents, streams, views, backups and
 * copies — stays unreadable for good, while the records around it (ids, versions, counts,
 * amounts) stay valid. All commands are `_id` lookups or inserts.
 */
export class PersonKeys {
  private readonly keys: Model<PersonKeyDocument>;
  private readonly master: MasterKey;
  private readonly cache: BoundedMap<string, { key: DataKey; readAt: number }>;
  private readonly cacheMs: number;

  constructor(connection: Connection, masterKey: string, options: PersonKeysOptions = {}) {
    this.keys = personKeyModel(connection);
    this.master = new MasterKey(masterKey);
    this.cacheMs = options.cacheMs ?? 30_000;
    this.cache = new BoundedMap(options.capacity ?? 10_000);
  }

  /** `text` sealed under the person's key, which is made on their first sealed field. */
  async seal(personId: string, text: string): Promise<string> {
    return sealWith(await this.keyOrNew(personId), personId, text);
  }

  /**
   * The text of a sealed value, or null when the person's key that sealed it is gone (erased).
   * A value written before fields were sealed is returned as it is; erasure deletes those.
   */
  async open(personId: string, value: string | null | undefined): Promise<string | null> {
    if (value === null || value === undefined) return null;
    if (!isSealed(value)) return value;
    const key = await this.existingKey(personId);
    return key ? openWith(key, personId, value) : ERASED;
  }

  /** Deletes the person's key: everything sealed under it becomes unreadable. True when there was one. */
  async erase(personId: string): Promise<boolean> {
    this.cache.delete(personId);
    const { deletedCount } = await this.keys.deleteOne({ _id: personId });
    return deletedCount > 0;
  }

  /** Whether this service holds a key for the person (the person's data here is readable). */
  async has(personId: string): Promise<boolean> {
    return (await this.existingKey(personId)) !== null;
  }

  private async existingKey(personId: string): Promise<DataKey | null> {
    const cached = this.cache.get(personId);
    if (cached && Date.now() - cached.readAt < this.cacheMs) return cached.key;
    const document = await this.keys.findById(personId).lean<PersonKeyDocument>();
    if (!document) {
      this.cache.delete(personId);
      return null;
    }
    return this.remember(personId, this.master.unwrap(personId, document.keyId, document.wrapped));
  }

  private async keyOrNew(personId: string): Promise<DataKey> {
    const existing = await this.existingKey(personId);
    if (existing) return existing;
    const key = this.master.newDataKey();
    const document: PersonKeyDocument = { _id: personId, keyId: key.keyId.toString('hex'), wrapped: this.master.wrap(personId, key), createdAt: new Date() };
    if (await insertOnce(this.keys.collection, document)) return this.remember(personId, key);
    // Another replica made the person's first key a moment ago: the one stored is the key.
    this.cache.delete(personId);
    const winner = await this.existingKey(personId);
    if (!winner) throw new Error(`The key of ${personId} was made and erased while sealing`);
    return winner;
  }

  private remember(personId: string, key: DataKey): DataKey {
    this.cache.set(personId, { key, readAt: Date.now() });
    return key;
  }
}
