import { MatchingReassignedV1 } from '@lantern/contracts';
import { conflict, forbidden, notFound, unprocessable } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { SocialWorkersRepository } from '../../roster/social-workers/social-workers.repository';
import { MatchingCaseEffects } from '../matching-case.effects';
import { canReassign, canSeeCase } from '../domain/case-access.policy';
import { MatchingCaseRepository } from '../matching-case.repository';
import { WorkloadRepository } from '../workload.repository';
import { ReassignClaimRequest } from './reassign-claim.request.dto';

export interface ReassignResult {
  orderId: string;
  socialWorkerId: string;
  version: number;
}

/**
 * The claim moves to another social worker of the station: asked by the worker who holds it or
 * a supervisor of the station. Appended on the case stream like a claim, so two reassignments at
 * once cannot both win from the same holder; the workload follows in the effects.
 */
@Injectable()
export class ReassignClaimHandler {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly workers: SocialWorkersRepository,
    private readonly workload: WorkloadRepository,
    private readonly effects: MatchingCaseEffects,
  ) {}

  async execute(principal: Principal, orderId: string, { socialWorkerId }: ReassignClaimRequest): Promise<ReassignResult> {
    const intake = await this.cases.findIntake(orderId);
    if (!intake) throw notFound(`Order ${orderId}`);
    const target = (await this.workers.forStation(intake.stationId)).find((worker) => worker._id === socialWorkerId);
    if (!target || !target.active || target.supervisor) {
      throw unprocessable('The claim can move only to an active social worker of the order’s station', [
        { field: 'body.socialWorkerId', message: `${socialWorkerId} is not an active social worker of ${intake.stationId}` },
      ]);
    }
    // Completed or cancelled: the claim is done with, there is nothing left to hand over.
    if (await this.workload.isReleased(orderId)) throw conflict('The order is done with: its claim can no longer move');
    const { state, version } = await this.cases.execute(orderId, (current, currentVersion) => {
      if (currentVersion === 0 || !canSeeCase(principal, intake.stationId, current)) throw notFound(`Order ${orderId}`);
      if (current.status !== 'CLAIMED' || !current.claimedBy) throw conflict(`The order is not claimed (${current.status}): there is no claim to move`);
      if (current.claimedBy === socialWorkerId) return []; // already theirs: the same request, retried
      if (!canReassign(principal, intake.stationId, current)) throw forbidden('Only the worker who holds the claim or a supervisor of the station may reassign it');
      const data = { orderId, fromSocialWorkerId: current.claimedBy, toSocialWorkerId: socialWorkerId, reassignedBy: principal.sub, stationId: intake.stationId, reassignedAt: new Date().toISOString() };
      return [{ type: MatchingReassignedV1.type, data }];
    });
    await this.effects.apply(intake, state, version);
    return { orderId, socialWorkerId, version };
  }
}
