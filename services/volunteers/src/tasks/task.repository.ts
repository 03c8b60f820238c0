import { AggregateRepository, Decide, EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { StreamViewWriter } from '../shared/stream-view.writer';
import { taskReducer, TaskState } from './domain/task.state';
import { TaskView, taskView, taskViewModel } from './task-view.model';

/** Tasks as event streams (stream id = task id), mirrored into the task list after each change. */
@Injectable()
export class TaskRepository implements OnModuleInit {
  private readonly streams: AggregateRepository<TaskState>;
  private readonly views: Model<TaskView>;
  private readonly viewWriter: StreamViewWriter<TaskState, TaskView>;

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    this.streams = new AggregateRepository(store, taskReducer);
    this.views = taskViewModel(connection);
    this.viewWriter = new StreamViewWriter(this.views, taskView, store, this.streams);
  }

  async onModuleInit(): Promise<void> {
    await this.views.createIndexes();
  }

  load(taskId: string) {
    return this.streams.load(taskId);
  }

  /** Appends, then rewrites the task's view from the stream's state (never backwards). */
  async execute(taskId: string, decide: Decide<TaskState>) {
    const result = await this.streams.execute(taskId, decide);
    await this.viewWriter.write(taskId, result);
    return result;
  }

  /** Brings the list document up to `version` if a crashed writer left it behind. */
  catchUpView(taskId: string, version: number): Promise<boolean> {
    return this.viewWriter.catchUp(taskId, version);
  }

  get viewModel(): Model<TaskView> {
    return this.views;
  }
}
