import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { MatchingCaseState, openOfferFor } from '../domain/matching-case.state';
import { OpenOffer, openOfferId, openOfferModel } from './open-offer.model';

@Injectable()
export class OpenOffersRepository implements OnModuleInit {
  private readonly model: Model<OpenOffer>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = openOfferModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Brings the offers of one case in line with its state: open ones present, all others gone. */
  async sync(orderId: string, state: MatchingCaseState, now: Date): Promise<void> {
    if (state.offers.length === 0 || !state.stationId) return;
    const stationId = state.stationId;
    await this.model.bulkWrite(
      state.offers.map((offer) => {
        const _id = openOfferId(orderId, offer.socialWorkerId);
        if (openOfferFor(state, offer.socialWorkerId, now) !== offer) return { deleteOne: { filter: { _id } } };
        const fields = { orderId, socialWorkerId: offer.socialWorkerId, stationId, round: offer.round, offeredAt: new Date(offer.offeredAt), expiresAt: new Date(offer.expiresAt) };
        return { updateOne: { filter: { _id }, update: { $set: fields }, upsert: true } };
      }),
      { ordered: false },
    );
  }

  listFor(socialWorkerId: string): Promise<OpenOffer[]> {
    return this.model.find({ socialWorkerId }).lean<OpenOffer[]>();
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }
}
