import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
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

@Injectable()
export class RecipientsRepository implements PreferencesSource {
  private readonly model: Model<Recipient>;
  private readonly saveListeners = new Set<(id: string) => void>();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = recipientModel(connection);
  }

  /** Told after every save made through this repository (this replica). */
  onSaved(listener: (id: string) => void): void {
    this.saveListeners.add(listener);
  }

  /** An `_id` lookup. Deliveries read RecipientPreferences instead, which keeps what it read a moment. */
  async get(id: string): Promise<Recipient> {
    return (await this.model.findById(id).lean<Recipient>()) ?? defaultRecipient(id);
  }

  /** The whole document is replaced: one writer (the person themselves), last write wins. */
  async save(recipient: Recipient): Promise<void> {
    await this.model.replaceOne({ _id: recipient._id }, recipient, { upsert: true }).catch(async (error: unknown) => {
      // Two first saves (two tabs) both try to insert; the loser replaces what the winner inserted.
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.replaceOne({ _id: recipient._id }, recipient);
    });
    for (const listener of this.saveListeners) listener(recipient._id);
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
