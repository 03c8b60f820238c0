import { AggregateRepository, Decide, EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { KeyedSerializer } from '../shared/keyed-serializer';
import { volunteerReducer, VolunteerState } from './domain/volunteer.state';
import { VolunteerPersonal, volunteerPersonalModel } from './volunteer-personal.model';

/** Volunteers as event streams (stream id = volunteer id = Kafka key), plus their personal data. */
@Injectable()
export class VolunteerRepository {
  private readonly streams: AggregateRepository<VolunteerState>;
  private readonly personal: Model<VolunteerPersonal>;
  private readonly queue = new KeyedSerializer();

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    // Credits for one volunteer can arrive together (redeliveries, another replica, a grant):
    // they queue within this replica, and have room to retry against other replicas.
    this.streams = new AggregateRepository(store, volunteerReducer, 256);
    this.personal = volunteerPersonalModel(connection);
  }

  load(volunteerId: string) {
    return this.streams.load(volunteerId);
  }

  execute(volunteerId: string, decide: Decide<VolunteerState>) {
    return this.queue.run(volunteerId, () => this.streams.execute(volunteerId, decide));
  }

  /** Written before the registration event; a retry of the same registration rewrites nothing. */
  async savePersonal(personal: VolunteerPersonal): Promise<void> {
    const { _id, ...fields } = personal;
    await this.personal.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
  }

  findPersonal(volunteerId: string): Promise<VolunteerPersonal | null> {
    return this.personal.findById(volunteerId).lean<VolunteerPersonal>();
  }
}
