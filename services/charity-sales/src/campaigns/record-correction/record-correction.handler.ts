import { CharityCorrectionRecordedV1 } from '@lantern/contracts';
import { conflict, unprocessable } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { newId } from '@lantern/http';
import { RecordCorrectionRequest } from './record-correction.request.dto';

/** The ledger is append-only: a mistake is corrected by a new, explained entry, never by an edit. */
@Injectable()
export class RecordCorrectionHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(principal: Principal, campaignId: string, request: RecordCorrectionRequest, idempotencySeed?: string) {
    const correctionId = newId('cor', idempotencySeed);
    const { state } = await this.campaigns.manage(principal, campaignId, (current) => {
      if (current.correctionIds[correctionId]) return []; // the same correction, retried
      if (request.correctsEntry !== undefined && request.correctsEntry > current.ledger.length) {
        throw unprocessable('The corrected entry does not exist', [{ field: 'body.correctsEntry', message: `the ledger has ${current.ledger.length} entries` }]);
      }
      if (current.totals.balanceCents + request.amountCents < 0) {
        throw conflict('A correction cannot take the balance below zero', { balanceCents: current.totals.balanceCents });
      }
      return [
        {
          type: CharityCorrectionRecordedV1.type,
          data: {
            campaignId,
            correctionId,
            amountCents: request.amountCents,
            explanation: request.explanation,
            correctsEntry: request.correctsEntry ?? null,
            recordedBy: principal.sub,
            recordedAt: new Date().toISOString(),
          },
        },
      ];
    });
    return state.ledger.find((entry) => entry.ref === correctionId)!;
  }
}
