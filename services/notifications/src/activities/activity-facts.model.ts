import { Connection, Model, Schema } from 'mongoose';

/**
 * What a message about an activity names: its title and start, stated once by
 * `lantern.activity.published.v1`. Keyed by activity id: every read is an `_id` lookup.
 */
export interface ActivityFacts {
  _id: string;
  title: string;
  startsAt: string;
}

const schema = new Schema<ActivityFacts>(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    startsAt: { type: String, required: true },
  },
  { collection: 'activity_facts', versionKey: false },
);

export const activityFactsModel = (connection: Connection): Model<ActivityFacts> =>
  (connection.models.ActivityFacts as Model<ActivityFacts>) ?? connection.model('ActivityFacts', schema);
