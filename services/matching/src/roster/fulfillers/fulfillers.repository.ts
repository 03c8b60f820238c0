import { APP_CONFIG } from '@lantern/config';
import { AggregateRepository, EventStore, isDuplicateKeyError, retryUpsertRace } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { MatchingConfig } from '../../matching.config';
import { ReferenceDataSnapshot } from '../reference-data-snapshot';
import { changeTo, FulfillerEntry, fulfillerReducer, fulfillerStreamId } from './fulfiller-stream';
import { Fulfiller, fulfillerModel } from './fulfiller.model';

/**
 * The fulfiller directory, owned here and replicated to the other services by
 * `lantern.fulfiller.changed.v1` (no service asks another). Each entry is a stream (the truth the
 * replicas follow) and a document (what this service lists, served from memory like the roster).
 */
@Injectable()
export class FulfillersRepository implements OnApplicationBootstrap {
  private readonly model: Model<Fulfiller>;
  private readonly snapshot: ReferenceDataSnapshot<Fulfiller>;
  private readonly streams: AggregateRepository<FulfillerEntry>;

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: MatchingConfig) {
    this.model = fulfillerModel(connection);
    this.snapshot = new ReferenceDataSnapshot(() => this.model.find().lean<Fulfiller[]>(), config.MATCHING_ROSTER_TTL_SECONDS * 1000);
    this.streams = new AggregateRepository(store, fulfillerReducer);
  }

  /** Entries stored before they had streams (or seeded) are announced once, at start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.announceUnannounced();
  }

  /** From the database: who may change an entry depends on the stations it serves now. */
  findById(id: string): Promise<Fulfiller | null> {
    return this.model.findById(id).lean<Fulfiller>();
  }

  /**
   * PUT semantics: the whole entry is replaced; of two concurrent edits the one appended last
   * stands in the stream, which is what the replicas follow. A PUT that changes nothing appends
   * nothing. Returns the entry as stored.
   */
  async put(fulfiller: Omit<Fulfiller, 'version'>): Promise<Fulfiller> {
    const { version } = await this.streams.execute(fulfillerStreamId(fulfiller._id), (current) => changeTo(current, fulfiller));
    const stored = { ...fulfiller, version };
    await this.writeDocument(stored);
    return stored;
  }

  /** The whole directory, sorted by id: a town's committees, partners and teams. */
  async list(): Promise<readonly Fulfiller[]> {
    return this.snapshot.all();
  }

  /** Demo entries, each written only if its id is new (an admin's change is kept), then announced. */
  async seed(fulfillers: Omit<Fulfiller, 'version'>[]): Promise<void> {
    try {
      // Replicas starting together seed the same new ids: the loser finds them there and keeps them.
      await retryUpsertRace(() =>
        this.model.bulkWrite(
          fulfillers.map(({ _id, ...fields }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: { ...fields, version: 0 } }, upsert: true } })),
          { ordered: false },
        ),
      );
    } finally {
      this.snapshot.invalidate();
    }
    await this.announceUnannounced();
  }

  /**
   * Every document whose stream does not say it yet gets its event: version 0 means "never
   * announced". A small collection, read once per start; replicas racing here append once (the
   * loser finds the stream already says it).
   */
  private async announceUnannounced(): Promise<void> {
    const unannounced = (await this.model.find().lean<Fulfiller[]>()).filter((fulfiller) => !fulfiller.version);
    for (const fulfiller of unannounced) await this.put(fulfiller);
  }

  /**
   * Keeps the document at the highest version written: an older write finds a newer document
   * and its upsert collides on `_id` (ignored). FerretDB does not make this filter-then-replace
   * atomic, so two PUTs of one entry at the same instant may leave this service listing the
   * earlier one until its next change; the stream, and so every replica, has the later one.
   */
  private async writeDocument(fulfiller: Fulfiller): Promise<void> {
    const { _id, ...fields } = fulfiller;
    try {
      await this.model.replaceOne({ _id, $or: [{ version: { $lt: fulfiller.version } }, { version: { $exists: false } }] }, fields, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    } finally {
      this.snapshot.invalidate(); // even a failed write may have landed
    }
  }
}
