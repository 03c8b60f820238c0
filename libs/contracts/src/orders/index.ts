import { EventContract } from '../event-contract';
import {
  OrderCancelledV1,
  OrderClaimedV1,
  OrderClosedV1,
  OrderCompletedV1,
  OrderEscalatedV1,
  OrderFollowUpRequestedV1,
  OrderFulfilDueSoonV1,
  OrderFulfilOverdueV1,
  OrderHandedBackV1,
  OrderOfferedV1,
  OrderRatedV1,
  OrderReassignedV1,
  OrderRoutedV1,
  OrderStartedV1,
} from './order-lifecycle.v1';
import { MenuServiceAddedV1, MenuServiceNeedsLinkedV1, MenuServiceReinstatedV1, MenuServiceRetiredV1 } from './menu-service.v1';
import { OrderPlacedV1 } from './order-placed.v1';
import { OrderCancelledConfidentialV1, OrderCompletedConfidentialV1, OrderPlacedConfidentialV1, OrderRoutedConfidentialV1 } from './confidential-order.v1';
import { OrderFollowUpClosedV1, OrderFollowUpOverdueV1 } from './follow-up.v1';
import { OrderCompletedConfidentialV2, OrderCompletedV2 } from './order-completed.v2';
import { SurveyAnsweredV1, SurveyClosedV1, SurveyCreatedV1, SurveyOpenedV1 } from './survey.v1';

export * from './confidential-order.v1';
export * from './follow-up.v1';
export * from './menu-service.v1';
export * from './order-completed.v2';
export * from './order-lifecycle.v1';
export * from './order-placed.v1';
export * from './survey.v1';

export const ORDER_CONTRACTS: readonly EventContract[] = [
  OrderPlacedV1,
  OrderOfferedV1,
  OrderClaimedV1,
  OrderEscalatedV1,
  OrderCancelledV1,
  OrderRoutedV1,
  OrderStartedV1,
  OrderCompletedV1,
  OrderRatedV1,
  OrderClosedV1,
  OrderFollowUpRequestedV1,
  OrderPlacedConfidentialV1,
  OrderCancelledConfidentialV1,
  OrderRoutedConfidentialV1,
  OrderCompletedConfidentialV1,
  OrderCompletedV2,
  OrderCompletedConfidentialV2,
  OrderHandedBackV1,
  OrderReassignedV1,
  OrderFulfilDueSoonV1,
  OrderFulfilOverdueV1,
  OrderFollowUpClosedV1,
  OrderFollowUpOverdueV1,
  MenuServiceRetiredV1,
  MenuServiceReinstatedV1,
  MenuServiceAddedV1,
  MenuServiceNeedsLinkedV1,
  SurveyCreatedV1,
  SurveyOpenedV1,
  SurveyClosedV1,
  SurveyAnsweredV1,
];
