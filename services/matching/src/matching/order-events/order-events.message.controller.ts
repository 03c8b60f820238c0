import { CloudEventOf, OrderCancelledV1, OrderCompletedV1, OrderPlacedV1 } from '@lantern/contracts';
import { OnEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { StartMatchingHandler } from '../start-matching/start-matching.handler';
import { WithdrawMatchingHandler } from '../withdraw-matching/withdraw-matching.handler';
import { WorkloadRepository } from '../workload/workload.repository';

/** What matching does when an order moves: start matching, stop it, free the worker's capacity. */
@Controller()
export class OrderEventsMessageController {
  constructor(
    private readonly startMatching: StartMatchingHandler,
    private readonly withdrawMatching: WithdrawMatchingHandler,
    private readonly workload: WorkloadRepository,
  ) {}

  @OnEvent(OrderPlacedV1)
  async onPlaced(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    await this.startMatching.execute(event.data);
  }

  @OnEvent(OrderCancelledV1)
  async onCancelled(event: CloudEventOf<typeof OrderCancelledV1>): Promise<void> {
    await this.withdrawMatching.execute(event.data.orderId);
  }

  @OnEvent(OrderCompletedV1)
  async onCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    await this.workload.release(event.data.orderId);
  }
}
