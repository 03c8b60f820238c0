import { BaseRpcContext } from '@nestjs/microservices';

type EventContextArgs = [topic: string, partition: number, offset: string, attempt: number, heartbeat: () => Promise<void>, lastAttempt: boolean];

/** What a handler can know about the delivery it is handling, and how to stay alive during long work. */
export class EventContext extends BaseRpcContext<EventContextArgs> {
  get topic(): string {
    return this.args[0];
  }
  get partition(): number {
    return this.args[1];
  }
  get offset(): string {
    return this.args[2];
  }
  /** 1 for the first try; grows with in-process retries and trips through the retry topic. */
  get attempt(): number {
    return this.args[3];
  }
  /**
   * True when a failure now dead-letters the message: no in-process retry or retry-topic trip is
   * left. A handler waiting for something that may never come decides without it here.
   */
  get isLastAttempt(): boolean {
    return this.args[5];
  }
  /** Tell the group coordinator this consumer is alive (the runner also does so every few seconds). */
  heartbeat(): Promise<void> {
    return this.args[4]();
  }
}
