import { upsertById } from '@lantern/event-store';
import { ActivityPublishedV1, CloudEvent, CloudEventOf } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { ActivityFacts, activityFactsModel } from './activity-facts.model';

/** The activity → title read model; fed by the same consumer that routes. */
@Injectable()
export class ActivityFactsRepository {
  private readonly model: Model<ActivityFacts>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = activityFactsModel(connection);
  }

  /** `$set` by `_id` of what the one published event states: a redelivery sets the same values. */
  async apply(event: CloudEvent): Promise<void> {
    if (event.type !== ActivityPublishedV1.type) return;
    const { activityId, title, startsAt } = (event as CloudEventOf<typeof ActivityPublishedV1>).data;
    await upsertById(this.model, activityId, { $set: { title, startsAt } });
  }

  /** The activity's title, or its id when its publication was never seen here. */
  async titleOf(activityId: string): Promise<string> {
    return (await this.model.findById(activityId).lean<ActivityFacts>())?.title ?? activityId;
  }
}
