import { retryUpsertRace } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { PersonKeys } from '@lantern/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, FilterQuery, Model } from 'mongoose';
import { DEFAULT_LOCALE } from '../templates/locale';
import { PreferencesSource } from './recipient-preferences';
import { Recipient, recipientModel } from './recipient.model';

/** Someone who never saved preferences: in-app only, in the programme's language, any time. */
export const defaultRecipient = (id: string): Recipient => ({
  _id: id,
  locale: DEFAULT_LOCALE,
  sms: null,
  wechat: null,
  email: null,
  channelOrder: [],
  quietHours: null,
  optOuts: [],
  roles: [],
  stations: [],
  updatedAt: new Date(0),
});

const CONTACT_FIELDS = ['sms', 'wechat', 'email'] as const;

@Injectable()
export class RecipientsRepository implements PreferencesSource {
  private readonly model: Model<Recipient>;
  private readonly saveListeners = new Set<(id: string) => void>();

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly personKeys: PersonKeys,
  ) {
    this.model = recipientModel(connection);
  }

  /** Told after every save made through this repository (this replica). */
  onSaved(listener: (id: string) => void): void {
    this.saveListeners.add(listener);
  }

  /** An `_id` lookup. Deliveries read RecipientPreferences instead, which keeps what it read a moment. */
  async get(id: string): Promise<Recipient> {
    const stored = await this.model.findById(id).lean<Recipient>();
    if (!stored) return defaultRecipient(id);
    // Contact addresses are sealed under the person's key: after erasure they read as none.
    const [sms, wechat, email] = await Promise.all(CONTACT_FIELDS.map((field) => this.personKeys.open(id, stored[field])));
    return { ...stored, sms, wechat, email };
  }

  /** The whole document is replaced: one writer (the person themselves), last write wins. */
  async save(recipient: Recipient): Promise<void> {
    const [sms, wechat, email] = await Promise.all(CONTACT_FIELDS.map((field) => this.sealed(recipient._id, recipient[field])));
    const stored = { ...recipient, sms, wechat, email };
    // Two first saves (two tabs) both try to insert; the loser replaces what the winner inserted.
    await retryUpsertRace(() => this.model.replaceOne({ _id: recipient._id }, stored, { upsert: true }));
    for (const listener of this.saveListeners) listener(recipient._id);
  }

  /**
   * Erasure or consent withdrawal: the person's contact addresses are dropped (their key, deleted
   * by the caller, already made them unreadable) so nothing external is sent to them again.
   * Their language and opt-outs stay: they say nothing about who the person is.
   */
  async forgetContacts(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { sms: null, wechat: null, email: null, channelOrder: [], updatedAt: new Date() } });
    for (const listener of this.saveListeners) listener(id);
  }

  private sealed(id: string, value: string | null): Promise<string | null> {
    return value === null ? Promise.resolve(null) : this.personKeys.seal(id, value);
  }

  /**
   * People in a group (a station's supervisors, a role, a role at some stations). A scan on FerretDB: the
   * directory holds one document per person who saved preferences (thousands, not millions),
   * and it runs for group routes and broadcasts only, never per message.
   */
  async members(group: { role?: string; station?: string; stations?: readonly string[] }): Promise<string[]> {
    const filter: FilterQuery<Recipient> = {};
    if (group.role) filter.roles = group.role;
    if (group.station) filter.stations = group.station;
    else if (group.stations) filter.stations = { $in: [...group.stations] };
    const rows = await this.model.find(filter, { _id: 1 }).lean<{ _id: string }[]>();
    return rows.map((row) => row._id).sort();
  }
}
