import { AggregateRepository, Decide, EventStore } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';
import { KeyedSerializer } from '../shared/keyed-serializer';
import { activityReducer, ActivityState } from './domain/activity.state';

/**
 * Activities as event streams (stream id = activity id). Sign-ups append at the next version:
 * concurrent sign-ups collide on the primary key and decide again on fresh state, so the
 * 11th of 10 places sees "full". Within a replica, writers of one activity queue up (arrival
 * order) instead of racing; between replicas the retry budget absorbs the collisions.
 */
@Injectable()
export class ActivityRepository {
  private readonly streams: AggregateRepository<ActivityState>;
  private readonly queue = new KeyedSerializer();

  constructor(store: EventStore) {
    this.streams = new AggregateRepository(store, activityReducer, 1000);
  }

  load(activityId: string) {
    return this.streams.load(activityId);
  }

  execute(activityId: string, decide: Decide<ActivityState>) {
    return this.queue.run(activityId, () => this.streams.execute(activityId, decide));
  }
}
