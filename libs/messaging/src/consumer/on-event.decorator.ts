import { EventContract } from '@lantern/contracts';
import { EventPattern } from '@nestjs/microservices';

/** What the consumer runner reads from a handler's registration. */
export interface EventHandlerExtras {
  /** False when the handler is idempotent on its own: the runner keeps no processed-message record. */
  dedupe: boolean;
}

/**
 * Marks a message-controller method as the handler of one event type and version — or of
 * several, when one reaction serves them all (Nest registers the method once per type).
 * The runner records each handled event (`processed_messages`), so a redelivery changes nothing.
 */
export const OnEvent = (...contracts: [EventContract, ...EventContract[]]): MethodDecorator =>
  EventPattern(contracts.map((contract) => contract.type), { dedupe: true } satisfies EventHandlerExtras);

/**
 * Like `OnEvent`, for a handler whose effect is already exactly-once by construction — every
 * write keyed by the event (a deterministic `_id`, insert-first) or versioned and never moved
 * backwards — so a redelivery is harmless without the runner's record, which would cost two
 * database commands per event. Say at the handler why its effect is idempotent.
 */
export const OnIdempotentEvent = (...contracts: [EventContract, ...EventContract[]]): MethodDecorator =>
  EventPattern(contracts.map((contract) => contract.type), { dedupe: false } satisfies EventHandlerExtras);
