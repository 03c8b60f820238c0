import { CloudEventOf, OrderRoutedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { OpenTaskHandler } from './open-task.handler';

/** An order routed to a volunteer team opens a task for the team's coordinators. */
@Controller()
export class OpenTaskMessageController {
  constructor(private readonly openTask: OpenTaskHandler) {}

  @OnIdempotentEvent(OrderRoutedV1)
  onRouted(event: CloudEventOf<typeof OrderRoutedV1>): Promise<void> {
    return this.openTask.execute(event.data);
  }
}
