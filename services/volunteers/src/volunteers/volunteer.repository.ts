import { AggregateRepository, Decide, EventStore, KeyedSerializer, upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { PersonKeys } from '@lantern/privacy';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { StreamViewWriter } from '../shared/stream-view.writer';
import { volunteerReducer, VolunteerState } from './domain/volunteer.state';
import { VolunteerView, volunteerView, volunteerViewModel } from './volunteer-view.model';
import { VolunteerPersonal, volunteerPersonalModel } from './volunteer-personal.model';

/**
 * Volunteers as event streams (stream id = volunteer id = Kafka key), plus their personal data.
 * After each change the volunteer list's document is rewritten from the new state.
 */
@Injectable()
export class VolunteerRepository implements OnModuleInit {
  private readonly streams: AggregateRepository<VolunteerState>;
  private readonly personal: Model<VolunteerPersonal>;
  private readonly queue = new KeyedSerializer();
  private readonly views: Model<VolunteerView>;
  private readonly viewWriter: StreamViewWriter<VolunteerState, VolunteerView>;

  constructor(
    store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly personKeys: PersonKeys,
  ) {
    // Credits for one volunteer can arrive together (redeliveries, another replica, a grant):
    // they queue within this replica, and have room to retry against other replicas.
    this.streams = new AggregateRepository(store, volunteerReducer, 256);
    this.personal = volunteerPersonalModel(connection);
    this.views = volunteerViewModel(connection);
    this.viewWriter = new StreamViewWriter(this.views, volunteerView, store, this.streams);
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  load(volunteerId: string) {
    return this.streams.load(volunteerId);
  }

  /** The view is written inside the queue, so this replica's writers of one volunteer land it in version order. */
  execute(volunteerId: string, decide: Decide<VolunteerState>) {
    return this.queue.run(volunteerId, async () => {
      const result = await this.streams.execute(volunteerId, decide);
      await this.viewWriter.write(volunteerId, result);
      return result;
    });
  }

  /**
   * Written before the registration event; a retry of the same registration rewrites nothing.
   * Two registrations of one person at the same moment both try the insert (FerretDB's upsert is
   * read-then-insert): the one that loses on `_id` finds it written (upsertById), as `$setOnInsert` promises.
   */
  async savePersonal(personal: VolunteerPersonal): Promise<void> {
    const { _id, ...plain } = personal;
    // Name, phone and ID number sealed under the volunteer's key: erasure or withdrawal deletes it.
    const [name, phone, idNumber] = await Promise.all([this.personKeys.seal(_id, plain.name), this.personKeys.seal(_id, plain.phone), plain.idNumber === null ? null : this.personKeys.seal(_id, plain.idNumber)]);
    const fields = { ...plain, name, phone, idNumber };
    await upsertById(this.personal, _id, { $setOnInsert: fields });
  }

  /** The volunteer's personal data, opened; null when there is none or it was erased (their key is gone). */
  async findPersonal(volunteerId: string): Promise<VolunteerPersonal | null> {
    const stored = await this.personal.findById(volunteerId).lean<VolunteerPersonal>();
    if (!stored) return null;
    const [name, phone, idNumber] = await Promise.all([stored.name, stored.phone, stored.idNumber].map((value) => this.personKeys.open(volunteerId, value)));
    if (name === null || phone === null) return null;
    return { ...stored, name, phone, idNumber };
  }

  /**
   * Erasure or consent withdrawal: the volunteer's key is deleted (every copy of their sealed
   * fields is unreadable from now on) and their personal document with it, so that registering
   * again with consent starts afresh. Their stream — registration, training, hours — stays.
   */
  async forgetPersonal(volunteerId: string): Promise<void> {
    await this.personKeys.erase(volunteerId);
    await this.personal.deleteOne({ _id: volunteerId });
  }

  /** Brings the list document up to `version` if a crashed writer left it behind. */
  catchUpView(volunteerId: string, version: number): Promise<boolean> {
    return this.viewWriter.catchUp(volunteerId, version);
  }

  get viewModel(): Model<VolunteerView> {
    return this.views;
  }
}
