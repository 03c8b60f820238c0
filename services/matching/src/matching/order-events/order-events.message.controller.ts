import {
  CloudEventOf,
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderCompletedConfidentialV1,
  OrderCompletedConfidentialV2,
  OrderCompletedV1,
  OrderCompletedV2,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  OrderRoutedConfidentialV1,
  OrderRoutedV1,
} from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { SettleEscalationHandler } from '../settle-escalation/settle-escalation.handler';
import { StartMatchingHandler } from '../start-matching/start-matching.handler';
import { WithdrawMatchingHandler } from '../withdraw-matching/withdraw-matching.handler';
import { WorkloadRepository } from '../workload/workload.repository';

/**
 * What matching does when an order moves: start matching, stop it, free the worker's capacity.
 * Each reaction is idempotent by construction (below), so the runner keeps no processed-message
 * record for them — two database commands saved per event.
 */
@Controller()
export class OrderEventsMessageController {
  constructor(
    private readonly startMatching: StartMatchingHandler,
    private readonly withdrawMatching: WithdrawMatchingHandler,
    private readonly settleEscalation: SettleEscalationHandler,
    private readonly workload: WorkloadRepository,
  ) {}

  /** The case opens only at version 0; a redelivery finds it started and appends nothing (StartMatchingHandler). */
  @OnIdempotentEvent(OrderPlacedV1)
  async onPlaced(event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    await this.startMatching.execute(event.data);
  }

  /** A confidential service's order: matched on its category and station (StartMatchingHandler). */
  @OnIdempotentEvent(OrderPlacedConfidentialV1)
  async onPlacedConfidential(event: CloudEventOf<typeof OrderPlacedConfidentialV1>): Promise<void> {
    await this.startMatching.execute(event.data);
  }

  /** The withdrawal is appended only while the case is not withdrawn; a redelivery appends nothing. */
  @OnIdempotentEvent(OrderCancelledV1)
  async onCancelled(event: CloudEventOf<typeof OrderCancelledV1>): Promise<void> {
    await this.withdrawMatching.execute(event.data.orderId);
  }

  /** Only an escalated case is settled by a routing; a redelivery finds it claimed and appends nothing. */
  @OnIdempotentEvent(OrderRoutedV1)
  async onRouted(event: CloudEventOf<typeof OrderRoutedV1>): Promise<void> {
    await this.settleEscalation.execute(event.data);
  }

  @OnIdempotentEvent(OrderRoutedConfidentialV1)
  async onRoutedConfidential(event: CloudEventOf<typeof OrderRoutedConfidentialV1>): Promise<void> {
    await this.settleEscalation.execute(event.data);
  }

  @OnIdempotentEvent(OrderCancelledConfidentialV1)
  async onCancelledConfidential(event: CloudEventOf<typeof OrderCancelledConfidentialV1>): Promise<void> {
    await this.withdrawMatching.execute(event.data.orderId);
  }

  /** Marks the order's claim released and removes it from its worker's load: both writes say "released", however often. */
  @OnIdempotentEvent(OrderCompletedV1)
  async onCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    await this.workload.release(event.data.orderId);
  }

  @OnIdempotentEvent(OrderCompletedConfidentialV1)
  async onCompletedConfidential(event: CloudEventOf<typeof OrderCompletedConfidentialV1>): Promise<void> {
    await this.workload.release(event.data.orderId);
  }

  /** Fulfilled by the station itself (.v2): the supervisor's claim is released alike. */
  @OnIdempotentEvent(OrderCompletedV2)
  async onCompletedByStation(event: CloudEventOf<typeof OrderCompletedV2>): Promise<void> {
    await this.workload.release(event.data.orderId);
  }

  @OnIdempotentEvent(OrderCompletedConfidentialV2)
  async onCompletedConfidentialByStation(event: CloudEventOf<typeof OrderCompletedConfidentialV2>): Promise<void> {
    await this.workload.release(event.data.orderId);
  }
}
