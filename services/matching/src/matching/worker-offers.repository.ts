import { KeyedSerializer, retryUpsertRace } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import { MatchingCaseState, openOfferFor } from './domain/matching-case.state';
import { fieldKey } from './field-key';
import { WorkerOfferEntry, WorkerOffers, workerOffersModel } from './worker-offers.model';

/**
 * Each social worker's open offers, one document per worker. Written after every command on a
 * case — all of its offers in one bulk command: the open ones set, every other one removed — and
 * read by `_id`.
 *
 * A worker's document is written by all the orders offered to them, and FerretDB can lose one of
 * two updates that land at once (see KeyedSerializer): within a replica they are queued. What the
 * window between replicas can cost: an entry written from an older case version after a newer
 * one removed it — which the reader catches, because every entry names its case version and is
 * shown only after a probe finds the case stream has nothing past it; or a lost entry, which
 * the next command on that case writes again.
 */
@Injectable()
export class WorkerOffersRepository {
  private readonly model: Model<WorkerOffers>;
  private readonly writes = new KeyedSerializer();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = workerOffersModel(connection);
  }

  /** Brings the offers of one case, as of `version`, into its workers' documents. One command. */
  async sync(orderId: string, state: MatchingCaseState, version: number, now: Date): Promise<void> {
    if (state.offers.length === 0 || !state.stationId) return;
    const stationId = state.stationId;
    const key = `offers.${fieldKey(orderId)}`;
    const operations: AnyBulkWriteOperation<WorkerOffers>[] = state.offers.map((offer) => {
      const filter = { _id: offer.socialWorkerId };
      if (openOfferFor(state, offer.socialWorkerId, now) !== offer) return { updateOne: { filter, update: { $unset: { [key]: '' } } } };
      const entry: WorkerOfferEntry = { orderId, stationId, round: offer.round, offeredAt: new Date(offer.offeredAt), expiresAt: new Date(offer.expiresAt), caseVersion: version };
      return { updateOne: { filter, update: { $set: { [key]: entry } }, upsert: true } };
    });
    await this.writes.run(
      state.offers.map((offer) => offer.socialWorkerId),
      async () => {
        // Two replicas creating one worker's document: the loser's insert fails; it exists now.
        await retryUpsertRace(() => this.model.bulkWrite(operations, { ordered: false }));
      },
    );
  }

  /** The entries of a worker's document (unchecked: see the reader). */
  async entriesOf(socialWorkerId: string): Promise<WorkerOfferEntry[]> {
    const document = await this.model.findById(socialWorkerId).lean<WorkerOffers>();
    return Object.values(document?.offers ?? {});
  }

  /** Replaces one entry (a reader found it behind its case, and the offer still open). */
  async put(socialWorkerId: string, entry: WorkerOfferEntry): Promise<void> {
    await this.writes.run([socialWorkerId], async () => {
      await this.model.collection.updateOne({ _id: socialWorkerId } as never, { $set: { [`offers.${fieldKey(entry.orderId)}`]: entry } });
    });
  }

  /** Removes one entry (a reader found the offer closed). */
  async remove(socialWorkerId: string, orderId: string): Promise<void> {
    await this.writes.run([socialWorkerId], async () => {
      await this.model.collection.updateOne({ _id: socialWorkerId } as never, { $unset: { [`offers.${fieldKey(orderId)}`]: '' } });
    });
  }
}
