import { EventContract } from '../event-contract';
import {
  CharityCampaignClosedV1,
  CharityCampaignCreatedV1,
  CharityCampaignOpenedV1,
  CharityItemAddedV1,
  CharityItemRestockedV1,
  CharityManagerAddedV1,
  CharityManagerRemovedV1,
} from './campaign.v1';
import { CharityFundsDisbursedV1 } from './funds-disbursed.v1';
import { CharityCorrectionRecordedV1, CharityRefundRecordedV1, CharitySaleRecordedV1 } from './ledger.v1';
import { CharityVisitFulfilledV1 } from './visit-fulfilled.v1';

export * from './campaign.v1';
export * from './funds-disbursed.v1';
export * from './ledger.v1';
export * from './visit-fulfilled.v1';

export const CHARITY_CONTRACTS: readonly EventContract[] = [
  CharityCampaignCreatedV1,
  CharityItemAddedV1,
  CharityCampaignOpenedV1,
  CharityCampaignClosedV1,
  CharityManagerAddedV1,
  CharityManagerRemovedV1,
  CharityItemRestockedV1,
  CharitySaleRecordedV1,
  CharityRefundRecordedV1,
  CharityCorrectionRecordedV1,
  CharityFundsDisbursedV1,
  CharityVisitFulfilledV1,
];
