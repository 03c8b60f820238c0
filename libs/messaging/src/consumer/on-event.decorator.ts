import { EventContract } from '@lantern/contracts';
import { EventPattern } from '@nestjs/microservices';

/** Marks a message-controller method as the handler of one event type and version. */
export const OnEvent = (contract: EventContract): MethodDecorator => EventPattern(contract.type);
