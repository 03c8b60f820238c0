import { Injectable } from '@nestjs/common';
import { WorkloadRepository } from '../workload.repository';

/**
 * The order is done with (completed, by a fulfiller or by the station itself): its claim no
 * longer counts against the worker's capacity. Idempotent by construction: both writes (the
 * ledger's mark, the worker's load) say "released", however often they run.
 */
@Injectable()
export class ReleaseClaimHandler {
  constructor(private readonly workload: WorkloadRepository) {}

  async execute(orderId: string): Promise<void> {
    await this.workload.release(orderId);
  }
}
