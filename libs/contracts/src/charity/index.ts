import { EventContract } from '../event-contract';
import { CharityFundsDisbursedV1 } from './funds-disbursed.v1';

export * from './funds-disbursed.v1';

export const CHARITY_CONTRACTS: readonly EventContract[] = [CharityFundsDisbursedV1];
