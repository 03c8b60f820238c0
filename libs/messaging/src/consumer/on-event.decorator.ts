import { EventContract } from '@lantern/contracts';
import { EventPattern } from '@nestjs/microservices';

/**
 * Marks a message-controller method as the handler of one event type and version — or of
 * several, when one reaction serves them all (Nest registers the method once per type).
 */
export const OnEvent = (...contracts: [EventContract, ...EventContract[]]): MethodDecorator => EventPattern(contracts.map((contract) => contract.type));
