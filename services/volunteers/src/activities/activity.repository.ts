import { AggregateRepository, Decide, EventStore, KeyedSerializer } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { StreamViewWriter } from '../shared/stream-view.writer';
import { Activity, activityReducer, ActivityState } from './domain/activity.state';
import { ActivityView, activityView, activityViewModel } from './activity-view.model';

/**
 * Activities as event streams (stream id = activity id). Sign-ups append at the next version:
 * concurrent sign-ups collide on the primary key and decide again on fresh state, so the
 * 11th of 10 places sees "full". Within a replica, writers of one activity queue up (arrival
 * order) instead of racing; between replicas the retry budget absorbs the collisions.
 * After each change the activity list's document is rewritten from the new state. Why streams
 * and a primary key rather than a conditional update: docs/decisions/0002-event-streams-and-outbox.md.
 */
@Injectable()
export class ActivityRepository implements OnModuleInit {
  private readonly streams: AggregateRepository<ActivityState>;
  private readonly queue = new KeyedSerializer();
  private readonly views: Model<ActivityView>;
  private readonly viewWriter: StreamViewWriter<ActivityState, ActivityView>;

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    this.streams = new AggregateRepository(store, activityReducer, 1000);
    this.views = activityViewModel(connection);
    this.viewWriter = new StreamViewWriter(this.views, activityView, store, this.streams);
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  load(activityId: string) {
    return this.streams.load(activityId);
  }

  /** The view is written inside the queue, so this replica's writers of one activity land it in version order. */
  execute(activityId: string, decide: Decide<ActivityState>) {
    return this.queue.run(activityId, async () => {
      const result = await this.streams.execute(activityId, decide);
      await this.viewWriter.write(activityId, result);
      return result;
    });
  }

  /**
   * The activities a volunteer ever signed up for (waitlisted or cancelled included), as they
   * stand. A scan of the list documents (no `_id` leads to them), once per privacy export, never
   * on a request or event path.
   */
  async signedUpBy(volunteerId: string): Promise<Activity[]> {
    const found = await this.views.find({ participantIds: volunteerId }, { _id: 1 }).lean<Pick<ActivityView, '_id'>[]>();
    const states = await Promise.all(found.map(async ({ _id }) => (await this.streams.load(_id)).state));
    return states.filter((state): state is Activity => state.exists); // a listed activity is published
  }

  /** Brings the list document up to `version` if a crashed writer left it behind. */
  catchUpView(activityId: string, version: number): Promise<boolean> {
    return this.viewWriter.catchUp(activityId, version);
  }

  get viewModel(): Model<ActivityView> {
    return this.views;
  }
}
