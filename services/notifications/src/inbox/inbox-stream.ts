import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { InboxMessage } from './inbox-message.model';

/**
 * In-process fan-out of new inbox messages to this replica's SSE clients. A message stored by
 * another replica does not pass through here; the stream's short poll picks it up instead.
 */
@Injectable()
export class InboxStream {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(message: InboxMessage): void {
    this.emitter.emit(message.recipientId, message);
  }

  /** Returns the unsubscribe function. */
  subscribe(recipientId: string, listener: (message: InboxMessage) => void): () => void {
    this.emitter.on(recipientId, listener);
    return () => this.emitter.off(recipientId, listener);
  }
}
