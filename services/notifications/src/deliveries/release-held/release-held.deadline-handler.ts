import { Deadline, DeadlinePoller } from '@lantern/deadlines';
import { newCorrelationId, runWithContext } from '@lantern/logging';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DeliverToRecipientHandler, HeldNotification, HOLD_DEADLINE } from '../deliver-to-recipient.handler';

/**
 * When someone's quiet hours end, what was held for them goes out. Two replicas may fire the
 * same deadline: every write of a delivery is keyed by (event, recipient, channel), so the
 * second finds the work done.
 */
@Injectable()
export class ReleaseHeldDeadlineHandler implements OnModuleInit {
  constructor(
    private readonly poller: DeadlinePoller,
    private readonly deliver: DeliverToRecipientHandler,
  ) {}

  onModuleInit(): void {
    this.poller.register(HOLD_DEADLINE, (deadline) => this.release(deadline));
  }

  private async release(deadline: Deadline): Promise<void> {
    const { cause, notification } = deadline.payload as HeldNotification;
    const context = { correlationId: cause.correlationid ?? newCorrelationId(), causationId: cause.id };
    await runWithContext(context, () => this.deliver.execute(cause, notification, true));
  }
}
