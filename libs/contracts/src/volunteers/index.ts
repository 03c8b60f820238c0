import { EventContract } from '../event-contract';

export const VOLUNTEER_CONTRACTS: readonly EventContract[] = [];
