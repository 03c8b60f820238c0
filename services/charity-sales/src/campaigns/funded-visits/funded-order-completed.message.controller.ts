import { CharityVisitFulfilledV1, CloudEventOf, EventData, OrderCompletedConfidentialV1, OrderCompletedConfidentialV2, OrderCompletedV1, OrderCompletedV2 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';

/**
 * The orders service creates one funded order per disbursed visit, with the id
 * `ord_fund_{visitId}` (`fundedVisitOrderId` in the contracts) and `fundedBy` = the disbursement
 * id. When such an order is completed, the visit shows as fulfilled in the campaign's public report.
 * Idempotent by construction (no processed-message record): the campaign stream records the visit
 * fulfilled once; a redelivery finds it fulfilled and appends nothing.
 */
@Controller()
export class FundedOrderCompletedMessageController {
  constructor(private readonly campaigns: CampaignRepository) {}

  @OnIdempotentEvent(OrderCompletedV1)
  async onOrderCompleted(event: CloudEventOf<typeof OrderCompletedV1>): Promise<void> {
    await this.fulfilVisit(event.data);
  }

  /** A funded visit for a confidential service completes the same way: the event keeps the disbursement, not the resident or the service. */
  @OnIdempotentEvent(OrderCompletedConfidentialV1)
  async onConfidentialOrderCompleted(event: CloudEventOf<typeof OrderCompletedConfidentialV1>): Promise<void> {
    await this.fulfilVisit(event.data);
  }

  /** A funded visit the station did itself (.v2) is fulfilled alike. */
  @OnIdempotentEvent(OrderCompletedV2)
  async onOrderCompletedByStation(event: CloudEventOf<typeof OrderCompletedV2>): Promise<void> {
    await this.fulfilVisit(event.data);
  }

  @OnIdempotentEvent(OrderCompletedConfidentialV2)
  async onConfidentialOrderCompletedByStation(event: CloudEventOf<typeof OrderCompletedConfidentialV2>): Promise<void> {
    await this.fulfilVisit(event.data);
  }

  /** What every version of the completion says alike (the fulfiller aside). */
  private async fulfilVisit(completed: Omit<EventData<typeof OrderCompletedV1>, 'fulfiller' | 'residentId' | 'serviceCode'>): Promise<void> {
    const { orderId, fundedBy, outcome, completedAt } = completed;
    if (!fundedBy) return; // an ordinary order, paid by nobody's charity
    // A disbursement of another deployment sharing the broker has no link here.
    const campaignId = await this.campaigns.campaignOfDisbursement(fundedBy);
    if (!campaignId) return;
    // Redelivery finds the visit already fulfilled and appends nothing.
    await this.campaigns.execute(campaignId, (current) => {
      const visit = current.disbursements[fundedBy]?.visits.find((candidate) => candidate.orderId === orderId);
      if (!visit || visit.status === 'FULFILLED') return [];
      return [
        {
          type: CharityVisitFulfilledV1.type,
          data: { campaignId, disbursementId: fundedBy, visitId: visit.visitId, orderId, outcome, fulfilledAt: completedAt },
        },
      ];
    });
  }
}
