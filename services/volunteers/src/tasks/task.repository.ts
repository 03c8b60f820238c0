import { AggregateRepository, Decide, EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { taskReducer, TaskState } from './domain/task.state';
import { TaskView, taskViewModel } from './list-tasks/task-view.model';

/** Tasks as event streams (stream id = task id), mirrored into the task list after each change. */
@Injectable()
export class TaskRepository implements OnModuleInit {
  private readonly streams: AggregateRepository<TaskState>;
  private readonly views: Model<TaskView>;

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    this.streams = new AggregateRepository(store, taskReducer);
    this.views = taskViewModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  load(taskId: string) {
    return this.streams.load(taskId);
  }

  /** Appends, then rewrites the task's view from the stream's state (idempotent: same state, same document). */
  async execute(taskId: string, decide: Decide<TaskState>) {
    const result = await this.streams.execute(taskId, decide);
    const { state, version } = result;
    if (state.exists) {
      await this.views.updateOne(
        { _id: taskId },
        {
          $set: {
            orderId: state.orderId,
            teamId: state.teamId,
            stationId: state.stationId,
            serviceCode: state.serviceCode,
            status: state.status,
            assignedVolunteerIds: state.assignedVolunteerIds,
            fulfilDeadline: new Date(state.fulfilDeadline),
            openedAt: new Date(state.openedAt),
            version,
          },
        },
        { upsert: true },
      );
    }
    return result;
  }

  get viewModel(): Model<TaskView> {
    return this.views;
  }
}
