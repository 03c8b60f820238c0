import { upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { HoursNote, hoursNoteModel } from './hours-note.model';

@Injectable()
export class HoursNotesRepository {
  private readonly notes: Model<HoursNote>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.notes = hoursNoteModel(connection);
  }

  /** Written before the entry, so an entry with a reason never exists without it. */
  async save(entryId: string, reason: string): Promise<void> {
    await upsertById(this.notes, entryId, { $setOnInsert: { reason, createdAt: new Date() } });
  }

  /** Reasons of the given entries, by `_id` lookups only. */
  async reasonsFor(entryIds: string[]): Promise<Map<string, string>> {
    const notes = await Promise.all(entryIds.map((id) => this.notes.findById(id).lean<HoursNote>()));
    return new Map(notes.filter((note): note is HoursNote => note !== null).map((note) => [note._id, note.reason]));
  }

  /** Erasure: the reasons written about these entries go (the entries and their hours stay). */
  async forget(entryIds: string[]): Promise<void> {
    await Promise.all(entryIds.map((id) => this.notes.deleteOne({ _id: id })));
  }
}
