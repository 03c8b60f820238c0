import { CharityFundsDisbursedV1 } from '@lantern/contracts';
import { conflict, ProblemException } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { newId } from '@lantern/http';
import { DisburseFundsRequest } from './disburse-funds.request.dto';

/**
 * Allocates proceeds to visits. The balance check and the ledger entry live in the campaign
 * stream, so two disbursements racing for the same money collide on the append: the loser
 * decides again on the new balance and gets 409.
 */
@Injectable()
export class DisburseFundsHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(principal: Principal, campaignId: string, request: DisburseFundsRequest, idempotencySeed?: string) {
    const disbursementId = newId('dsb', idempotencySeed);
    // Refused callers are turned away before the link is written, so they leave no trace at all
    // (managers are never removed, so this answer still holds when the append is decided).
    await this.campaigns.loadManaged(principal, campaignId);
    // The link first: when a funded order completes, its `fundedBy` must lead back here.
    await this.campaigns.linkDisbursement(disbursementId, campaignId);
    const disbursed = this.campaigns.manage(principal, campaignId, (current) => {
      if (current.disbursements[disbursementId]) return []; // the same disbursement, retried
      if (request.amountCents > current.totals.balanceCents) {
        throw conflict('The campaign balance cannot cover this disbursement', { balanceCents: current.totals.balanceCents, requestedCents: request.amountCents });
      }
      return [
        {
          type: CharityFundsDisbursedV1.type,
          data: {
            campaignId,
            disbursementId,
            amountCents: request.amountCents,
            // Visit ids derive from the disbursement, so a retry funds the same visits (and the same orders).
            visits: request.visits.map((visit, index) => ({
              visitId: `${disbursementId}_v${index + 1}`,
              stationId: visit.stationId,
              serviceCode: visit.serviceCode,
              householdRef: visit.householdRef,
            })),
            disbursedAt: new Date().toISOString(),
          },
        },
      ];
    });
    const { state } = await disbursed.catch(async (error: unknown) => {
      // Our own refusal (404, 409) appended nothing: no funded order will ever point here.
      if (error instanceof ProblemException) await this.campaigns.unlinkDisbursement(disbursementId);
      throw error;
    });
    return { disbursement: state.disbursements[disbursementId], balanceCents: state.totals.balanceCents };
  }
}
