import { EventContract } from '../event-contract';
import { FulfillerChangedV1 } from './fulfiller.v1';
import {
  MatchingBackstopOverdueV1,
  MatchingClaimedV1,
  MatchingEscalatedV1,
  MatchingOfferDeclinedV1,
  MatchingOffersExpiredV1,
  MatchingOffersMadeV1,
  MatchingReassignedV1,
  MatchingWithdrawnV1,
} from './matching.v1';

export * from './fulfiller.v1';
export * from './matching.v1';

export const MATCHING_CONTRACTS: readonly EventContract[] = [
  MatchingOffersMadeV1,
  MatchingOfferDeclinedV1,
  MatchingOffersExpiredV1,
  MatchingClaimedV1,
  MatchingReassignedV1,
  MatchingEscalatedV1,
  MatchingBackstopOverdueV1,
  MatchingWithdrawnV1,
  FulfillerChangedV1,
];
